// Builds the STAND-IN azure-native provider (tools/standin-azure-native) into a folder of the caller's, with a
// launcher named `pulumi-resource-azure-native` for that folder to be put on PATH, where the engine looks
// before its plugin cache, and beside it the schema it serves, derived from the installed @pulumi/azure-native
// typings (tools/standin-azure-native/schema.ts). Each engine builds its own copy, so concurrent runs never
// share half-written files.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./cli";
import { MODELLED_TYPES, SCHEMA_FILE_NAME, sdkVersion } from "../standin-azure-native/azureModel";
import { deriveSchema } from "../standin-azure-native/schema";

const SOURCE_DIR = path.join(REPO_ROOT, "tools", "standin-azure-native");

/** Compiles the stand-in and derives its schema into `outDir`, and returns the folder holding its `pulumi-resource-azure-native`. */
export function buildStandInAzureNative(outDir: string): string {
    const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
    const result = spawnSync(
        process.execPath,
        [tsc, "-p", path.join(SOURCE_DIR, "tsconfig.json"), "--outDir", outDir],
        { encoding: "utf8" },
    );
    if (result.status !== 0) {
        throw new Error(`compiling the azure-native stand-in failed:\n${result.stdout}${result.stderr}`);
    }
    fs.writeFileSync(path.join(outDir, SCHEMA_FILE_NAME), JSON.stringify(deriveSchema(MODELLED_TYPES, sdkVersion())));
    const binDir = path.join(outDir, "bin");
    fs.mkdirSync(binDir, { recursive: true });
    // NODE_PATH: the compiled stand-in lives outside the repository but uses its @pulumi/pulumi and azure-native.
    fs.writeFileSync(
        path.join(binDir, "pulumi-resource-azure-native"),
        [
            "#!/bin/sh",
            "# STAND-IN for the azure-native provider: see tools/standin-azure-native/main.ts",
            `NODE_PATH="${path.join(REPO_ROOT, "node_modules")}" exec "${process.execPath}" "${path.join(outDir, "main.js")}" "$@"`,
            "",
        ].join("\n"),
        { mode: 0o755 },
    );
    return binDir;
}
