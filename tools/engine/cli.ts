// Finds the Pulumi CLI, or builds it from the Go module proxy when none is installed.
//
// Order: a `pulumi` on PATH at MINIMUM_CLI_VERSION or newer; else the copy built earlier into
// .cache/pulumi-cli/<version>/; else `go build` of the version pinned in tools/pulumi-cli/go.mod (a few
// minutes with a warm Go module cache, longer on a new machine); else an error saying what to install.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** `pulumi policy analyze` arrived in 3.229; older CLIs cannot run the audit this project documents. */
export const MINIMUM_CLI_VERSION = "3.229.0";

const CLI_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

export interface PulumiCli {
    /** Absolute path of the `pulumi` executable. */
    readonly command: string;
    /** The folder holding `bin/pulumi`, as the Automation API's `PulumiCommand.get({ root })` expects. */
    readonly root: string;
    readonly version: string;
    /** Where it came from: an installed CLI, a copy built on an earlier run, or a build just now. */
    readonly origin: "PATH" | "cache" | "built";
}

export type Log = (line: string) => void;
const toStderr: Log = (line) => process.stderr.write(line + "\n");

/** The CLI version tools/pulumi-cli/go.mod pins (without the leading `v`). */
export function pinnedCliVersion(): string {
    const goMod = fs.readFileSync(path.join(CLI_MODULE_DIR, "go.mod"), "utf8");
    const match = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/.exec(goMod);
    if (!match) {
        throw new Error(`tools/pulumi-cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3`);
    }
    return match[1];
}

/** `pulumi version` of an executable, or undefined when it does not run. */
function versionOf(command: string): string | undefined {
    const result = spawnSync(command, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    const match = result.status === 0 ? /v?(\d+\.\d+\.\d+\S*)/.exec(result.stdout) : null;
    return match?.[1];
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

function findOnPath(executable: string, searchPath: string): string | undefined {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
        const candidate = path.join(dir, executable);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not in this folder
        }
    }
    return undefined;
}

export interface CliSearchOptions {
    /** Where build progress goes; stderr by default. */
    readonly log?: Log;
    /** The PATH to search for `pulumi` and `go`; the process's PATH by default. */
    readonly searchPath?: string;
    /** The folder holding built CLIs by version; .cache/pulumi-cli by default. */
    readonly cacheDir?: string;
}

/** Returns a usable Pulumi CLI, building it first if need be. */
export async function ensurePulumiCli(options: CliSearchOptions = {}): Promise<PulumiCli> {
    const { log = toStderr, searchPath = process.env.PATH ?? "", cacheDir = path.join(REPO_ROOT, ".cache", "pulumi-cli") } = options;
    const installed = findOnPath("pulumi", searchPath);
    const installedVersion = installed && versionOf(installed);
    if (installed && installedVersion && isAtLeast(installedVersion, MINIMUM_CLI_VERSION)) {
        return { command: installed, root: path.dirname(path.dirname(installed)), version: installedVersion, origin: "PATH" };
    }
    const version = pinnedCliVersion();
    const root = path.join(cacheDir, `v${version}`);
    const command = path.join(root, "bin", "pulumi");
    if (fs.existsSync(command) && versionOf(command) === version) {
        return { command, root, version, origin: "cache" };
    }
    if (!findOnPath("go", searchPath)) {
        throw new Error(
            (installed ? `The Pulumi CLI on PATH (${installed}) is ${installedVersion ?? "unknown"}, older than ${MINIMUM_CLI_VERSION}, and ` : `No Pulumi CLI is on PATH and `) +
            `Go is not installed to build one. Install the Pulumi CLI ${MINIMUM_CLI_VERSION} or newer ` +
            `(https://www.pulumi.com/docs/install/), or Go 1.26 or newer (https://go.dev/dl/) so that v${version} is built from source.`,
        );
    }
    await buildCli(version, command, searchPath, log);
    return { command, root, version, origin: "built" };
}

/** `go build` of the pinned CLI; each compiled package is reported, then a summary every 30 seconds. */
async function buildCli(version: string, destination: string, searchPath: string, log: Log): Promise<void> {
    log(`Building the Pulumi CLI v${version} from the Go module proxy into ${path.relative(REPO_ROOT, destination)}`);
    log(`(tools/pulumi-cli pins it; this is done once and reused. It takes minutes, longer while Go downloads modules.)`);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    const partial = `${destination}.partial-${process.pid}`;
    const started = Date.now();
    let packages = 0;
    const child = spawn("go", ["build", "-v", "-ldflags", `-X ${VERSION_VARIABLE}=v${version}`, "-o", partial, CLI_PACKAGE], {
        cwd: CLI_MODULE_DIR,
        env: { ...process.env, PATH: searchPath },
        stdio: ["ignore", "inherit", "pipe"],
    });
    let tail = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
        const lines = (tail + chunk).split("\n");
        tail = lines.pop() ?? "";
        for (const line of lines) {
            if (line.startsWith("go: downloading")) {
                log(`  ${line}`);
            } else if (line.trim()) {
                packages++;
                log(`  [${elapsed(started)}] compiled ${line}`);
            }
        }
    });
    const heartbeat = setInterval(() => log(`  ... still building the Pulumi CLI: ${packages} packages so far, ${elapsed(started)}`), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(heartbeat);
    if (code !== 0) {
        fs.rmSync(partial, { force: true });
        throw new Error(`go build of the Pulumi CLI failed (exit ${code}); the lines above say why. Or install the Pulumi CLI ${MINIMUM_CLI_VERSION}+ on PATH.`);
    }
    fs.renameSync(partial, destination);
    log(`Built the Pulumi CLI v${version} in ${elapsed(started)} (${packages > 0 ? `${packages} packages compiled` : "every package was already in Go's build cache"}).`);
}

function elapsed(since: number): string {
    const seconds = Math.round((Date.now() - since) / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
