// Makes sure the secure-webapp component provider can be started by the engine: compiled into bin/ with its
// schema, and current with components/ and provider/. The engine finds it through the launcher folder on PATH.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Log, REPO_ROOT } from "./cli";
import { newestSource } from "./policyPack";

/** Put on PATH, this folder's `pulumi-resource-secure-webapp` is the plugin the engine starts for `secure-webapp`. */
export const COMPONENT_LAUNCHER_DIR = path.join(REPO_ROOT, "tools", "component-launcher");

/** What the launcher runs, and the schema it serves. */
export const COMPONENT_PROVIDER_ENTRY = path.join(REPO_ROOT, "bin", "provider", "main.js");
export const COMPONENT_PROVIDER_SCHEMA = path.join(REPO_ROOT, "bin", "provider", "schema.json");

/** Builds the component and its provider (`npm run build:component`) when either output is missing or stale. */
export function ensureComponentProviderBuilt(log: Log = line => process.stderr.write(line + "\n")): void {
    const sources = Math.max(
        newestSource(path.join(REPO_ROOT, "components")),
        newestSource(path.join(REPO_ROOT, "provider")),
        fs.statSync(path.join(REPO_ROOT, "tsconfig.json")).mtimeMs,
    );
    const built = [COMPONENT_PROVIDER_ENTRY, COMPONENT_PROVIDER_SCHEMA].map(file =>
        fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0,
    );
    if (Math.min(...built) >= sources) {
        return;
    }
    log("Running npm run build:component (the component provider is missing or older than its sources)");
    const result = spawnSync("npm", ["run", "build:component"], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) {
        throw new Error(`npm run build:component failed (exit ${result.status})`);
    }
}
