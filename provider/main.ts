// The entry of the `secure-webapp` component provider (package.json `main`). The engine starts it with its own
// address as the argument: through the Node.js language host after `pulumi package add` (which `require`s the
// package folder, so `main`), or directly through tools/component-launcher/pulumi-resource-secure-webapp. It
// prints the port of its gRPC provider server on stdout. TypeScript programs import the component itself through
// package.json `exports` and never load this file.
import * as fs from "fs";
import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import type { PackageSpec } from "./schema";
import { SecureWebAppProvider } from "./secureWebAppProvider";

/** Written by `npm run build` (provider/writeSchema.ts), beside the compiled entry. */
const SCHEMA_FILE = path.join(__dirname, "schema.json");

if (!fs.existsSync(SCHEMA_FILE)) {
    console.error(
        `secure-webapp: ${SCHEMA_FILE} is missing; run \`npm run build\` in ${path.resolve(__dirname, "..", "..")}`,
    );
    process.exit(1);
}
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as PackageSpec;
provider.main(new SecureWebAppProvider(schema), process.argv.slice(2)).catch(err => {
    console.error(err);
    process.exit(1);
});
