// Finds the Pulumi CLI, or builds it from the Go module proxy when none is installed (tools/engine/goTool.ts).
//
// Order: a `pulumi` on PATH at MINIMUM_CLI_VERSION or newer; else the copy built earlier into
// .cache/pulumi-cli/<version>/; else `go build` of the version pinned in tools/pulumi-cli/go.mod (a few
// minutes with a warm Go module cache, longer on a new machine); else an error saying what to install.
import * as path from "path";
import {
    ensureGoTool,
    GoTool,
    Log,
    Origin,
    pinnedVersion,
    REPO_ROOT,
    reportedVersion,
    ToolSearchOptions,
} from "./goTool";

export { Log, REPO_ROOT };

/** `pulumi policy analyze` arrived in 3.229; older CLIs cannot run the audit this project documents. */
export const MINIMUM_CLI_VERSION = "3.229.0";

const PULUMI_CLI: GoTool = {
    executable: "pulumi",
    title: "Pulumi CLI",
    cacheName: "pulumi-cli",
    moduleDir: path.join(REPO_ROOT, "tools", "pulumi-cli"),
    modulePath: "github.com/pulumi/pulumi/pkg/v3",
    mainPackage: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    versionVariable: "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version",
    check(command) {
        const version = reportedVersion(command, ["version"]);
        if (!version) {
            return {
                refusal: `does not answer \`pulumi version\`, so it is not known to be ${MINIMUM_CLI_VERSION} or newer`,
            };
        }
        return isAtLeast(version, MINIMUM_CLI_VERSION)
            ? { version }
            : { version, refusal: `is ${version}, older than ${MINIMUM_CLI_VERSION}` };
    },
    installHint: `Install the Pulumi CLI ${MINIMUM_CLI_VERSION} or newer (https://www.pulumi.com/docs/install/)`,
};

export interface PulumiCli {
    /** Absolute path of the `pulumi` executable. */
    readonly command: string;
    /** The folder holding `bin/pulumi`, as the Automation API's `PulumiCommand.get({ root })` expects. */
    readonly root: string;
    readonly version: string;
    /** Where it came from: an installed CLI, a copy built on an earlier run, or a build just now. */
    readonly origin: Origin;
}

/** The CLI version tools/pulumi-cli/go.mod pins (without the leading `v`). */
export function pinnedCliVersion(): string {
    return pinnedVersion(PULUMI_CLI);
}

export function isAtLeast(version: string, minimum: string): boolean {
    const parse = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);
    const [a, b] = [parse(version), parse(minimum)];
    for (let i = 0; i < 3; i++) {
        if (a[i] !== b[i]) {
            return a[i] > b[i];
        }
    }
    return true;
}

/** Returns a usable Pulumi CLI, building it first if need be. */
export async function ensurePulumiCli(options: ToolSearchOptions = {}): Promise<PulumiCli> {
    const found = await ensureGoTool(PULUMI_CLI, options);
    return { ...found, root: path.dirname(path.dirname(found.command)) };
}
