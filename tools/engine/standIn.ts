// Builds the STAND-IN azure-native provider (tools/standin-azure-native) and the folder that puts it on PATH
// as `pulumi-resource-azure-native`, where the engine looks before its plugin cache.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./cli";

const SOURCE_DIR = path.join(REPO_ROOT, "tools", "standin-azure-native");
const OUTPUT_DIR = path.join(REPO_ROOT, ".cache", "standin-azure-native");

/** Compiles the stand-in and returns the folder holding its `pulumi-resource-azure-native` launcher. */
export function buildStandInAzureNative(): string {
    const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(SOURCE_DIR, "tsconfig.json")], { encoding: "utf8" });
    if (result.status !== 0) {
        throw new Error(`compiling the azure-native stand-in failed:\n${result.stdout}${result.stderr}`);
    }
    const binDir = path.join(OUTPUT_DIR, "bin");
    fs.mkdirSync(binDir, { recursive: true });
    const launcher = path.join(binDir, "pulumi-resource-azure-native");
    fs.writeFileSync(
        launcher,
        `#!/bin/sh\n# STAND-IN for the azure-native provider: see tools/standin-azure-native/main.ts\nexec "${process.execPath}" "${path.join(OUTPUT_DIR, "main.js")}" "$@"\n`,
        { mode: 0o755 },
    );
    return binDir;
}
