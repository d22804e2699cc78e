// Build step (`npm run build`): derives the package schema from the TypeScript declarations and writes it beside
// the compiled provider entry, where the provider serves it from. TypeScript is needed here only, not at run time.
import * as fs from "fs";
import * as path from "path";
import { deriveSchema } from "./schema";

const target = path.join(__dirname, "schema.json");
fs.writeFileSync(target, JSON.stringify(deriveSchema(), null, 2) + "\n");
console.error(`wrote ${path.relative(process.cwd(), target)}`);
