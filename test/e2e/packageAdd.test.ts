// `pulumi package add <clone>` from a Python and a Go project, the route docs/languages.md gives, with a plugin
// cache that holds only azure-native (the STAND-IN, installed under the version the package requires) and automatic
// plugin downloads off: the CLI installs the clone's npm dependencies through the Node.js language host, requires
// their plugins (test/packaging/requiredPlugins.ts computes the same set), starts the component provider, generates
// the SDK and links it into the project. A plugin beyond azure-native would fail the command offline and be
// downloaded online; either way this test fails.
//
// It needs the Node.js language host and the project language's host (pulumi-language-nodejs, -python, -go), which
// an installed Pulumi CLI brings beside `pulumi`. They cannot be built here (the Go module proxy refuses their
// modules: docs/end-to-end.md), so without them on PATH the tests are skipped and say so in their title.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePulumiCli, REPO_ROOT } from "../../tools/engine/cli";
import { findOnPath } from "../../tools/engine/goTool";
import { EXAMPLE_DIRS, ensurePythonEnvironment } from "../../tools/engine/languagePrograms";
import { buildStandInAzureNative } from "../../tools/engine/standIn";
import { nodeRequiredPlugins } from "../packaging/requiredPlugins";

const LANGUAGES = { python: "Python", go: "Go" } as const;
type Language = keyof typeof LANGUAGES;

/** The files of each example that make it a project (the Go example's inline_test.go is the offline test's driver). */
const PROJECT_FILES: Record<Language, string[]> = {
    python: ["Pulumi.yaml", "__main__.py", "requirements.txt"],
    go: ["Pulumi.yaml", "main.go", "go.mod", "go.sum"],
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
    const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}` };
}

function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
    const result = run(command, args, cwd, env);
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.output}`);
    }
    return result.output;
}

describe("`pulumi package add <clone>` from Python and Go with only the azure-native plugin installed", function () {
    this.timeout(30 * 60 * 1000); // the clone's npm install and, on a first run, the CLI build and PyPI or Go modules
    let workDir: string | undefined;
    let clone: string;
    let pulumiHome: string;
    let pulumi: string;
    let env: NodeJS.ProcessEnv;

    /** Clones the committed code and installs the stand-in azure-native as the only plugin, once for both languages. */
    async function prepare(): Promise<void> {
        if (workDir) {
            return;
        }
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-package-add-"));
        clone = path.join(workDir, "secure-webapp");
        mustRun("git", ["clone", "--quiet", REPO_ROOT, clone], workDir);
        pulumi = (await ensurePulumiCli()).command;
        pulumiHome = path.join(workDir, "pulumi-home");
        env = {
            ...process.env,
            PULUMI_HOME: pulumiHome,
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_UPDATE_CHECK: "true",
        };
        // The version the package requires is the installed @pulumi/azure-native's, as the host reads it.
        const azureNative = nodeRequiredPlugins(REPO_ROOT).plugins.find(p => p.name === "azure-native");
        assert.ok(azureNative, "the package requires no azure-native plugin");
        const standIn = buildStandInAzureNative(path.join(workDir, "standin-azure-native"));
        mustRun(
            pulumi,
            ["plugin", "install", "resource", "azure-native", azureNative.version.replace(/^v/, ""), "--file", standIn],
            workDir,
            env,
        );
    }

    after(() => {
        if (workDir) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    for (const [language, title] of Object.entries(LANGUAGES) as [Language, string][]) {
        it(`${title}: the SDK is generated and linked, and no plugin but azure-native is needed`, async function () {
            const hosts = ["pulumi-language-nodejs", `pulumi-language-${language}`];
            const missing = hosts.filter(host => !findOnPath(host, process.env.PATH ?? ""));
            if (missing.length > 0) {
                this.test!.title +=
                    ` (SKIPPED: no ${missing.join(" or ")} on PATH; \`pulumi package add\` runs the package through the` +
                    " Node.js language host and the SDK through the project language's host, which an installed" +
                    " Pulumi CLI brings and which cannot be built here)";
                this.skip();
            }
            await prepare();
            const project = path.join(workDir!, `payments-${language}`);
            fs.mkdirSync(project);
            for (const file of PROJECT_FILES[language]) {
                fs.copyFileSync(path.join(EXAMPLE_DIRS[language], file), path.join(project, file));
            }
            if (language === "python") {
                // Pulumi.yaml names `venv`: the environment with `pulumi` from PyPI that the other tests use.
                fs.symlinkSync(path.dirname(path.dirname(ensurePythonEnvironment())), path.join(project, "venv"));
            }

            const added = run(pulumi, ["package", "add", clone], project, env);

            assert.strictEqual(added.status, 0, added.output);
            const plugins = JSON.parse(mustRun(pulumi, ["plugin", "ls", "--json"], project, env)) as {
                name: string;
                kind: string;
            }[];
            assert.deepStrictEqual(
                plugins.filter(p => p.kind === "resource").map(p => p.name),
                ["azure-native"],
                `plugins installed by \`pulumi package add\`:\n${added.output}`,
            );
            const sdk = path.join(project, "sdks", "secure-webapp");
            assert.ok(fs.existsSync(sdk), `no SDK in ${sdk}:\n${added.output}`);
            assert.match(
                fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8"),
                /packages:\s+secure-webapp:/,
                "the package is recorded in Pulumi.yaml for `pulumi install`",
            );
        });
    }
});
