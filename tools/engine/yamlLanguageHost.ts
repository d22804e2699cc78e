// Finds the Pulumi YAML language host (`pulumi-language-yaml`), the plugin through which the CLI runs a
// program whose Pulumi.yaml says `runtime: yaml`, or builds it from the Go module proxy (tools/engine/goTool.ts).
//
// Order: a `pulumi-language-yaml` on PATH (an installed Pulumi CLI ships one beside `pulumi`); else the copy
// built earlier into .cache/pulumi-language-yaml/<version>/; else `go build` of the version pinned in
// tools/pulumi-yaml/go.mod (about half a minute with Go's module cache warm); else an error saying what to install.
import * as path from "path";
import { ensureGoTool, FoundTool, GoTool, pinnedVersion, REPO_ROOT, ToolSearchOptions } from "./goTool";

const YAML_LANGUAGE_HOST: GoTool = {
    executable: "pulumi-language-yaml",
    title: "Pulumi YAML language host (pulumi-language-yaml)",
    cacheName: "pulumi-language-yaml",
    moduleDir: path.join(REPO_ROOT, "tools", "pulumi-yaml"),
    modulePath: "github.com/pulumi/pulumi-yaml",
    mainPackage: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    versionVariable: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
    // The host answers only the plugin protocol, with no version flag: any executable copy is taken as is.
    check: () => ({}),
    installHint: "Install the Pulumi CLI (https://www.pulumi.com/docs/install/), which ships pulumi-language-yaml",
};

/** The YAML host version tools/pulumi-yaml/go.mod pins (without the leading `v`). */
export function pinnedYamlHostVersion(): string {
    return pinnedVersion(YAML_LANGUAGE_HOST);
}

/** Returns a usable YAML language host, building it first if need be. */
export function ensureYamlLanguageHost(options: ToolSearchOptions = {}): Promise<FoundTool> {
    return ensureGoTool(YAML_LANGUAGE_HOST, options);
}
