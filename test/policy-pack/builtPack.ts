// The protocol tests run the compiled pack, as the engine would; this makes sure bin/ is current.
import { execSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The policy pack folder. */
export const PACK_DIR = path.resolve(__dirname, "../../policy-pack");

/** Runs `npm run build` in the pack when bin/ is missing or older than a source file. */
export function ensurePackBuilt(): void {
    if (!fs.existsSync(path.join(PACK_DIR, "node_modules", "@pulumi", "policy"))) {
        throw new Error(`The pack's dependencies are missing: run "npm ci" in ${PACK_DIR}`);
    }
    const entry = path.join(PACK_DIR, "bin", "index.js");
    if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestSource(PACK_DIR)) {
        execSync("npm run build", { cwd: PACK_DIR, stdio: "pipe" });
    }
}

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "bin") {
            newest = Math.max(newest, newestSource(full));
        } else if (entry.isFile() && (entry.name.endsWith(".ts") || entry.name === "tsconfig.json")) {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}
