// A Node.js program in its own folder (Pulumi.yaml `runtime: nodejs`, TypeScript or JavaScript) as an Automation API
// inline program, loaded as the Node.js language host loads it: its entry (Pulumi.yaml `main`, else package.json
// `main`, else the folder's index) is required; a function it exports is called and its result is the stack's
// outputs, else the module's exports are.
//
// The program and this process must share one @pulumi/pulumi: the engine talks to the inline program through this
// process's copy, and resources registered through another copy (the program's own node_modules) would never reach
// it. So `@pulumi/pulumi` always resolves to this repository's copy, and a package the program's folder lacks
// (a program not installed yet, or written to a temporary folder) resolves from this repository: `@pulumi/azure-native`
// and `secure-webapp`, the component itself.
import * as pulumi from "@pulumi/pulumi";
import type * as auto from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./cli";

/** `require.resolve` of this process, which ts-node has registered for TypeScript when the caller runs under it. */
const Module = require("module") as {
    _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
};

const SHARED_RUNTIME = /^@pulumi\/pulumi(\/|$)/;
/** This repository's package: its name and the entry that `import ... from "secure-webapp"` loads. */
const PACKAGE = require(path.join(REPO_ROOT, "package.json")) as {
    name: string;
    exports: { ".": { default: string } };
};
const programFolders: string[] = [];
let hooked = false;

/** Routes the program folders' module requests as the header says; installed once per process. */
function routeProgramRequests(): void {
    if (hooked) {
        return;
    }
    hooked = true;
    const original = Module._resolveFilename.bind(Module);
    Module._resolveFilename = (request, parent, ...rest) => {
        const fromProgram =
            parent?.filename !== undefined && programFolders.some(dir => isInside(parent.filename!, dir));
        if (fromProgram && SHARED_RUNTIME.test(request)) {
            return require.resolve(request, { paths: [REPO_ROOT] });
        }
        try {
            return original(request, parent, ...rest);
        } catch (error) {
            if (!fromProgram || request.startsWith(".") || path.isAbsolute(request)) {
                throw error;
            }
            return request === PACKAGE.name
                ? path.join(REPO_ROOT, PACKAGE.exports["."].default)
                : require.resolve(request, { paths: [REPO_ROOT] });
        }
    };
}

function isInside(file: string, dir: string): boolean {
    return file.startsWith(dir + path.sep);
}

/** The entry file of the Node.js program in `dir`, as the language host picks it. */
export function nodeProgramEntry(dir: string, main: string | undefined): string {
    const packageJson = path.join(dir, "package.json");
    const packageMain = fs.existsSync(packageJson)
        ? (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { main?: string }).main
        : undefined;
    const entry = path.resolve(dir, main ?? packageMain ?? ".");
    try {
        return require.resolve(fs.existsSync(entry) && fs.statSync(entry).isDirectory() ? entry + path.sep : entry);
    } catch {
        throw new Error(
            `${dir} has no program entry: ${main ? `Pulumi.yaml main "${main}"` : packageMain ? `package.json main "${packageMain}"` : "no index.ts or index.js"} ` +
                "was not found. Fix: set `main:` in Pulumi.yaml to the program's entry file.",
        );
    }
}

/** The program in `dir` as an inline program: its entry is required when the engine runs it, with `dir` as the working directory. */
export function nodeProgram(dir: string, main: string | undefined): auto.PulumiFn {
    const folder = fs.realpathSync(dir);
    const entry = nodeProgramEntry(folder, main);
    routeProgramRequests();
    programFolders.push(folder);
    return async () => {
        const previous = process.cwd();
        process.chdir(folder); // a program reads its files (templates, scripts) relative to its folder
        try {
            const exported = require(entry) as unknown;
            const program =
                typeof exported === "function"
                    ? exported
                    : typeof (exported as { default?: unknown })?.default === "function" &&
                        Object.keys(exported as object).length === 1
                      ? (exported as { default: () => unknown }).default
                      : undefined;
            return ((await (program ? program() : exported)) ?? {}) as Record<string, unknown>;
        } catch (error) {
            if (!pulumi.RunError.isInstance(error)) {
                throw error;
            }
            // Thrown, the inline host would report it twice: as an unhandled rejection and as the run's error.
            // Logged, the engine prints it once, and the run still fails (the host fails a run that logged an error).
            pulumi.log.error(error.message);
            return {};
        } finally {
            process.chdir(previous);
        }
    };
}
