// Makes sure the SecureWebApp component provider that tools/component-launcher starts is compiled and current:
// YAML programs reach the component through bin/provider/ (its entry and schema.json), not through the
// TypeScript sources the other tests load, so a stale build would test old code.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Log, REPO_ROOT } from "./cli";
import { newestSource } from "./policyPack";

/** Written last by `npm run build:component`, so its age is the build's. */
const PROVIDER_SCHEMA = path.join(REPO_ROOT, "bin", "provider", "schema.json");
const SOURCE_DIRS = ["components", "provider"].map((dir) => path.join(REPO_ROOT, dir));

/** Runs `npm run build:component` when the provider's build is missing or older than a source. */
export function ensureComponentProviderBuilt(log: Log = (line) => process.stderr.write(line + "\n")): void {
    const newest = Math.max(...SOURCE_DIRS.map(newestSource));
    if (fs.existsSync(PROVIDER_SCHEMA) && fs.statSync(PROVIDER_SCHEMA).mtimeMs >= newest) {
        return;
    }
    log("Running npm run build:component (the SecureWebApp component provider is missing or older than its sources)");
    const result = spawnSync("npm", ["run", "build:component"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) {
        throw new Error(`npm run build:component failed (exit ${result.status})`);
    }
}
