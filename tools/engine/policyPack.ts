// Makes sure policy-pack/ can be started by the engine: its dependencies installed and its entry compiled and
// current (the engine runs bin/index.js; compiled JavaScript spares a TypeScript compile at every preview).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Log, REPO_ROOT } from "./cli";

export const POLICY_PACK_DIR = path.join(REPO_ROOT, "policy-pack");

/** Installs the pack's dependencies when missing, and builds it when its entry is missing or older than a source. */
export function ensurePolicyPackBuilt(log: Log = line => process.stderr.write(line + "\n")): void {
    const npm = (args: string[]) => {
        log(`Running npm ${args.join(" ")} in policy-pack/`);
        const result = spawnSync("npm", args, { cwd: POLICY_PACK_DIR, stdio: ["ignore", "ignore", "inherit"] });
        if (result.status !== 0) {
            throw new Error(`npm ${args.join(" ")} in policy-pack/ failed (exit ${result.status})`);
        }
    };
    if (!fs.existsSync(path.join(POLICY_PACK_DIR, "node_modules", "@pulumi", "policy"))) {
        npm(["ci", "--no-audit", "--no-fund"]);
    }
    const entry = path.join(
        POLICY_PACK_DIR,
        (require(path.join(POLICY_PACK_DIR, "package.json")) as { main?: string }).main ?? "index.js",
    );
    if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestSource(POLICY_PACK_DIR)) {
        npm(["run", "build"]);
    }
}

/** The newest modification time of the TypeScript sources and tsconfig.json under `dir` (outside node_modules and bin). */
export function newestSource(dir: string): number {
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
