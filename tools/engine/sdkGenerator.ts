// Finds the SDK generator (`pulumi-sdkgen`, tools/pulumi-sdkgen), or builds it from the Go module proxy
// (tools/engine/goTool.ts), and writes the Python or Go SDK of the secure-webapp package with it, as
// `pulumi package add` writes them: Pulumi's own generators at the CLI's pinned version, run on
// bin/provider/schema.json. `pulumi package gen-sdk` would need the language's host, which cannot be built here.
import { spawnSync } from "child_process";
import * as path from "path";
import { ensureGoTool, GoTool, pinnedVersion, REPO_ROOT, reportedVersion, ToolSearchOptions } from "./goTool";
import { COMPONENT_PROVIDER_SCHEMA } from "./componentProvider";

const SDK_GENERATOR: GoTool = {
    executable: "pulumi-sdkgen",
    title: "SDK generator (pulumi-sdkgen)",
    cacheName: "pulumi-sdkgen",
    moduleDir: path.join(REPO_ROOT, "tools", "pulumi-sdkgen"),
    modulePath: "github.com/pulumi/pulumi/pkg/v3",
    mainPackage: ".",
    versionVariable: "main.version",
    // Only the copy built from tools/pulumi-sdkgen is used: a command of that name on PATH is someone else's.
    check(command) {
        const version = reportedVersion(command, ["version"]);
        const pinned = `v${pinnedVersion(SDK_GENERATOR)}`;
        return version && `v${version}` === pinned
            ? { version }
            : { version, refusal: `is not the generator tools/pulumi-sdkgen pins (${pinned})` };
    },
    installHint: "There is no other way to get this repository's generator: install Go",
};

export type SdkLanguage = "python" | "go";

/** Writes the SDK of the secure-webapp package for `language` into `outDir` (replacing it), building the generator if need be. */
export async function generateSdk(
    language: SdkLanguage,
    outDir: string,
    options: ToolSearchOptions = {},
): Promise<void> {
    const generator = await ensureGoTool(SDK_GENERATOR, options);
    const result = spawnSync(generator.command, [COMPONENT_PROVIDER_SCHEMA, language, outDir], { encoding: "utf8" });
    if (result.status !== 0) {
        throw new Error(
            `generating the ${language} SDK failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
        );
    }
}
