// Prepares the documented Python and Go programs (examples/python, examples/go) to run against the offline
// engine as a user has them after `pulumi package add`: the package's SDK generated into the project's
// sdks/secure-webapp by Pulumi's own generators (tools/engine/sdkGenerator.ts), and, for Python, a virtual
// environment with the `pulumi` package from PyPI and that SDK. Each program then runs as an Automation API inline
// program (test/e2e/languages/python_inline.py, examples/go/inline_test.go), which needs no language host.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Log, REPO_ROOT, toStderr } from "./goTool";
import { generateSdk, SdkLanguage } from "./sdkGenerator";

/** The `pulumi` release from PyPI the Python programs run with (the newest the registry has for CLI v3.274.1). */
export const PYTHON_PULUMI_VERSION = "3.272.0";

export const EXAMPLE_DIRS: Record<SdkLanguage, string> = {
    python: path.join(REPO_ROOT, "examples", "python"),
    go: path.join(REPO_ROOT, "examples", "go"),
};

/** Where `pulumi package add` puts the generated SDK inside a project. */
export const sdkDir = (language: SdkLanguage) => path.join(EXAMPLE_DIRS[language], "sdks", "secure-webapp");

/** What the virtual environment holds: the SDK runtime, and what pip needs to install the generated SDK offline. */
const PYTHON_PACKAGES = [`pulumi==${PYTHON_PULUMI_VERSION}`, "setuptools", "wheel"];

/** The interpreter of the virtual environment for the Python programs, created on first use under .cache/. */
export function ensurePythonEnvironment(log: Log = toStderr): string {
    const venv = path.join(REPO_ROOT, ".cache", "python-venv", `pulumi-${PYTHON_PULUMI_VERSION}`);
    const python = path.join(venv, "bin", "python");
    const installed = path.join(venv, "installed.txt");
    const wanted = PYTHON_PACKAGES.join("\n") + "\n";
    if (!fs.existsSync(installed) || fs.readFileSync(installed, "utf8") !== wanted) {
        log(
            `Creating a Python virtual environment with ${PYTHON_PACKAGES.join(", ")} from PyPI in ${path.relative(REPO_ROOT, venv)} (done once)`,
        );
        fs.rmSync(venv, { recursive: true, force: true });
        run("python3", ["-m", "venv", venv]);
        run(python, [
            "-m",
            "pip",
            "install",
            "--quiet",
            ...PYTHON_PACKAGES,
            "-r",
            path.join(EXAMPLE_DIRS.python, "requirements.txt"),
        ]);
        fs.writeFileSync(installed, wanted);
    }
    return python;
}

/** Generates the SDK into the example and, for Python, installs it into the virtual environment `python`. */
export async function prepareExample(language: SdkLanguage, python?: string, log: Log = toStderr): Promise<void> {
    await generateSdk(language, sdkDir(language), { log });
    if (language === "python" && python) {
        // The SDK's own dependencies (pulumi, semver, packaging) are already in the environment with pulumi.
        run(python, [
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--force-reinstall",
            sdkDir("python"),
        ]);
    }
}

function run(command: string, args: string[], cwd = REPO_ROOT): void {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" });
    if (result.status !== 0) {
        throw new Error(
            `${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
        );
    }
}
