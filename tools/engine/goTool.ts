// Finds a Pulumi command that is a Go program (the CLI, the YAML language host), or builds it from the Go
// module proxy when none is installed: one routine for every such command, so that each is found the same way.
//
// Order: the command on PATH (if the caller accepts its version); else the copy built earlier into
// .cache/<cacheName>/v<version>/bin/; else `go build` inside the tool's module in tools/ (its go.mod and go.sum pin
// every dependency); else an error saying what to install.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export type Log = (line: string) => void;
export const toStderr: Log = line => process.stderr.write(line + "\n");

/** A Go command this repository can build from a module of its own in tools/. */
export interface GoTool {
    /** The executable's name, on PATH and in the cache. */
    readonly executable: string;
    /** What it is, for messages, without an article: e.g. "Pulumi CLI". */
    readonly title: string;
    /** The folder under .cache/ that holds the built copies by version, e.g. pulumi-cli. */
    readonly cacheName: string;
    /** The folder of the module that pins it, e.g. tools/pulumi-cli. */
    readonly moduleDir: string;
    /** The module whose version go.mod pins and the cache folder is named after. */
    readonly modulePath: string;
    /** The main package to build. */
    readonly mainPackage: string;
    /** The Go variable the version string is stamped into (`-ldflags -X`). */
    readonly versionVariable: string;
    /**
     * Checks an executable found on PATH or in the cache: its version when it can tell (undefined when the
     * command has no way to report one), and why it cannot be used, if it cannot (e.g. "is 3.200.0, older
     * than 3.229.0").
     */
    readonly check: (command: string) => { version?: string; refusal?: string };
    /** What to install instead, for the message when there is neither a usable command nor Go. */
    readonly installHint: string;
}

/** Where a found command came from: installed on PATH, a copy built on an earlier run, or a build just now. */
export type Origin = "PATH" | "cache" | "built";

/** A usable copy of a tool, found or just built. */
export interface FoundTool {
    /** Absolute path of the executable. */
    readonly command: string;
    /** Its version; "installed" for a command on PATH that cannot report one. */
    readonly version: string;
    readonly origin: Origin;
}

/** Where to look for a tool and where to report its build; every field has a default. */
export interface ToolSearchOptions {
    /** Where build progress goes; stderr by default. */
    readonly log?: Log;
    /** The PATH to search for the command and for `go`; the process's PATH by default. */
    readonly searchPath?: string;
    /** The folder holding built copies by version; .cache/<cacheName> by default. */
    readonly cacheDir?: string;
}

/** The version of the tool's module that its go.mod pins (without the leading `v`). */
export function pinnedVersion(tool: GoTool): string {
    const goMod = fs.readFileSync(path.join(tool.moduleDir, "go.mod"), "utf8");
    const match = new RegExp(`${tool.modulePath.replace(/[.]/g, "\\.")} v(\\S+)`).exec(goMod);
    if (!match) {
        throw new Error(`${path.relative(REPO_ROOT, tool.moduleDir)}/go.mod does not require ${tool.modulePath}`);
    }
    return match[1];
}

export function findOnPath(executable: string, searchPath: string): string | undefined {
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

/** Returns a usable copy of the tool, building it first if need be. */
export async function ensureGoTool(tool: GoTool, options: ToolSearchOptions = {}): Promise<FoundTool> {
    const {
        log = toStderr,
        searchPath = process.env.PATH ?? "",
        cacheDir = path.join(REPO_ROOT, ".cache", tool.cacheName),
    } = options;
    const installed = findOnPath(tool.executable, searchPath);
    const onPath = installed ? tool.check(installed) : undefined;
    if (installed && onPath && !onPath.refusal) {
        return { command: installed, version: onPath.version ?? "installed", origin: "PATH" };
    }
    const version = pinnedVersion(tool);
    const command = path.join(cacheDir, `v${version}`, "bin", tool.executable);
    const cached = fs.existsSync(command) ? tool.check(command) : undefined;
    if (cached && !cached.refusal && (cached.version ?? version) === version) {
        return { command, version, origin: "cache" };
    }
    if (!findOnPath("go", searchPath)) {
        throw new Error(
            (installed
                ? `The ${tool.title} on PATH (${installed}) ${onPath?.refusal}, and `
                : `No ${tool.title} is on PATH and `) +
                `Go is not installed to build one. ${tool.installHint}, or Go 1.26 or newer (https://go.dev/dl/) so that v${version} is built from source.`,
        );
    }
    await build(tool, version, command, searchPath, log);
    return { command, version, origin: "built" };
}

/** `go build` of the pinned version; each compiled package is reported, then a summary every 30 seconds. */
async function build(tool: GoTool, version: string, destination: string, searchPath: string, log: Log): Promise<void> {
    const moduleDir = path.relative(REPO_ROOT, tool.moduleDir);
    log(
        `Building the ${tool.title} v${version} from the Go module proxy into ${path.relative(REPO_ROOT, destination)}`,
    );
    log(
        `(${moduleDir} pins it; this is done once and reused. It can take minutes, longer while Go downloads modules.)`,
    );
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    const partial = `${destination}.partial-${process.pid}`;
    const started = Date.now();
    let packages = 0;
    const child = spawn(
        "go",
        ["build", "-v", "-ldflags", `-X ${tool.versionVariable}=v${version}`, "-o", partial, tool.mainPackage],
        {
            cwd: tool.moduleDir,
            env: { ...process.env, PATH: searchPath },
            stdio: ["ignore", "inherit", "pipe"],
        },
    );
    let tail = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
        const lines = (tail + chunk).split("\n");
        tail = lines.pop() ?? "";
        for (const line of lines) {
            if (line.startsWith("go: downloading")) {
                log(`  ${line}`);
            } else if (line.startsWith("#") || /^\s|\.go:\d+/.test(line)) {
                log(`  ${line}`); // a compile error, not a package
            } else if (line.trim()) {
                packages++;
                log(`  [${elapsed(started)}] compiled ${line}`);
            }
        }
    });
    const heartbeat = setInterval(
        () => log(`  ... still building the ${tool.title}: ${packages} packages so far, ${elapsed(started)}`),
        30_000,
    );
    const code = await new Promise<number | null>(resolve => child.on("close", resolve));
    clearInterval(heartbeat);
    if (code !== 0) {
        fs.rmSync(partial, { force: true });
        throw new Error(
            `go build of the ${tool.title} in ${moduleDir} failed (exit ${code}); the lines above say why. Or: ${tool.installHint}.`,
        );
    }
    fs.renameSync(partial, destination);
    log(
        `Built the ${tool.title} v${version} in ${elapsed(started)} (${packages > 0 ? `${packages} packages compiled` : "every package was already in Go's build cache"}).`,
    );
}

/** Runs `command args` and returns its first version-like word, or undefined when it does not run. */
export function reportedVersion(command: string, args: string[]): string | undefined {
    const result = spawnSync(command, args, {
        encoding: "utf8",
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    const match = result.status === 0 ? /v?(\d+\.\d+\.\d+\S*)/.exec(result.stdout) : null;
    return match?.[1];
}

function elapsed(since: number): string {
    const seconds = Math.round((Date.now() - since) / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
