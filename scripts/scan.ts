// `npm run scan -- <program folder> [options]`: previews a Pulumi program of the user's with the azure-secure-webapp
// policy pack through the real Pulumi CLI and engine, offline, as `npm run demo` does for the examples: Azure is
// the STAND-IN azure-native provider (tools/standin-azure-native), stacks live in a temporary file backend, nothing
// is deployed and no account is needed. Prints the engine's output and the compliance summary, writes the reports
// secure-webapp-report writes, and exits non-zero when the pack (or SecureWebApp) refuses something.
import * as auto from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { main as report } from "../policy-pack/report/cli";
import { ensurePulumiCli } from "../tools/engine/cli";
import { nodeProgram } from "../tools/engine/nodeProgram";
import { CommandOutcome, OfflineEngine } from "../tools/engine/offlineEngine";
import { filteredOutputWriter } from "../tools/engine/printedOutput";

const USAGE = `Usage: npm run scan -- <program folder> [options]

Previews the Pulumi program in the folder (its Pulumi.yaml: runtime nodejs, TypeScript or JavaScript; yaml; python
and go where their language host is installed) with the azure-secure-webapp policy pack, offline: Azure is a
stand-in provider, nothing is deployed. Prints the engine's output and the compliance summary, and writes:
  --sarif FILE                SARIF 2.1.0 for code scanning
  --junit FILE                JUnit XML, one test case per App Service resource
  --markdown FILE             the compliance summary, as Markdown
  --policy-pack-config FILE   the pack's config (allowed exclusion paths, exemptions, levels), as for pulumi preview
  --config KEY=VALUE          a stack config value the program reads (repeatable), e.g. --config location=westeurope

Exit code: 0 every App Service app passes; 1 the pack blocked the preview or found an app violating or
unverifiable, or the program failed (SecureWebApp refusing an argument, say); 2 the scan itself could not run.`;

/** The Node.js runtime's languages run in this process; the others need their language host beside the CLI. */
const HOSTED_RUNTIMES = ["yaml", "python", "go", "dotnet", "java"];

async function main(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            sarif: { type: "string" },
            junit: { type: "string" },
            markdown: { type: "string" },
            "policy-pack-config": { type: "string" },
            config: { type: "string", multiple: true },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    if (positionals.length !== 1) {
        throw new UsageError(`give one program folder, not ${positionals.length}`);
    }
    const dir = path.resolve(positionals[0]);
    const output = (name: string | undefined) => (name === undefined ? undefined : path.resolve(name));
    const configFile = output(values["policy-pack-config"]);
    if (configFile !== undefined && !fs.existsSync(configFile)) {
        throw new UsageError(`--policy-pack-config ${values["policy-pack-config"]}: no such file`);
    }
    const stackConfig = (values.config ?? []).map(entry => {
        const equals = entry.indexOf("=");
        if (equals < 1) {
            throw new UsageError(`--config ${entry}: write it as KEY=VALUE`);
        }
        return [entry.slice(0, equals), entry.slice(equals + 1)] as const;
    });
    const project = await projectOf(dir);
    const runtime = typeof project.runtime === "string" ? project.runtime : (project.runtime?.name ?? "");

    const engine = await OfflineEngine.start({ yaml: runtime === "yaml", pluginCache: userPluginCache() });
    try {
        console.log(
            `Scanning ${dir} (${runtime}) with the azure-secure-webapp policy pack: pulumi preview through the Pulumi CLI ` +
                `${engine.cli.version}; Azure is the STAND-IN provider, nothing is deployed.\n`,
        );
        const eventsFile = path.join(engine.dir, "events.jsonl");
        const writer = filteredOutputWriter(
            line => engine.isOwnPluginNotice(line),
            line => console.log(line),
        );
        let outcome: CommandOutcome;
        if (runtime === "nodejs") {
            const stack = await engine.stack(project.name, nodeProgram(dir, project.main));
            for (const [key, value] of stackConfig) {
                await stack.setConfig(key, { value });
            }
            const events: string[] = [];
            outcome = await engine.preview(stack, {
                withPolicyPack: true,
                policyPackConfigFile: configFile,
                onOutput: text => writer.write(text),
                onEvent: event => events.push(JSON.stringify(event)),
            });
            fs.writeFileSync(eventsFile, events.join("\n") + "\n");
        } else if (HOSTED_RUNTIMES.includes(runtime)) {
            const host = `pulumi-language-${runtime}`;
            if (!onPath(host, engine.env.PATH)) {
                console.error(
                    `scan: ${dir} is a ${runtime} program, which the CLI runs through its language host ${host}, and ` +
                        `none is installed. Install the Pulumi CLI (https://www.pulumi.com/docs/install/), which ships ` +
                        `${host} beside pulumi, and scan again.` +
                        (runtime === "python" || runtime === "go"
                            ? ` Without it, run the program through ${runtime === "python" ? "Python's" : "Go's"} Automation API as an ` +
                              "inline program (docs/end-to-end.md, the end-to-end tests of examples/python and examples/go)."
                            : ""),
                );
                return 2;
            }
            const args = await engine.projectArgs("preview", dir, {
                withPolicyPack: true,
                policyPackConfig: configFile,
            });
            for (const [key, value] of stackConfig) {
                await engine.run(["config", "set", ...args.slice(1, 5), key, value], dir);
            }
            // `--event-log` (what the Automation API reads events from) exists only with PULUMI_DEBUG_COMMANDS.
            outcome = await engine.run([...args, "--event-log", eventsFile], dir, {
                onOutput: text => writer.write(text),
                env: { PULUMI_DEBUG_COMMANDS: "true" },
            });
        } else {
            throw new UsageError(`${dir}/Pulumi.yaml names the runtime "${runtime}", which the scan does not run`);
        }
        writer.flush();
        outcome.stderr
            .split("\n")
            .filter(line => line.trim() !== "" && !engine.isOwnPluginNotice(line))
            .forEach(line => console.error(line));
        const missing = missingPlugins(outcome);
        for (const plugin of missing) {
            console.error(plugin);
        }
        console.log("");
        const reportCode = await writeReports(dir, eventsFile, engine, configFile, {
            sarif: output(values.sarif),
            junit: output(values.junit),
            markdown: output(values.markdown),
        });
        return verdict(outcome.exitCode, reportCode, missing.length > 0);
    } finally {
        engine.dispose();
    }
}

/** Pulumi.yaml of the folder, as the CLI reads it. */
async function projectOf(dir: string): Promise<auto.ProjectSettings> {
    if (!["Pulumi.yaml", "Pulumi.yml", "Pulumi.json"].some(name => fs.existsSync(path.join(dir, name)))) {
        throw new UsageError(`${dir} holds no Pulumi.yaml: give the folder of a Pulumi project`);
    }
    const cli = await ensurePulumiCli();
    const workspace = await auto.LocalWorkspace.create({
        workDir: dir,
        pulumiCommand: await auto.PulumiCommand.get({ root: cli.root }),
    });
    return workspace.projectSettings();
}

/** The user's installed plugins, which the scan uses (read-only) for providers other than azure-native. */
function userPluginCache(): string {
    return path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "plugins");
}

function onPath(executable: string, searchPath: string): boolean {
    return searchPath.split(path.delimiter).some(dir => dir !== "" && fs.existsSync(path.join(dir, executable)));
}

/**
 * What to tell about each plugin the engine did not find. The scan never downloads one (the stand-in replaces
 * azure-native; anything else must be installed), so the user is told the command that installs it.
 */
function missingPlugins(outcome: CommandOutcome): string[] {
    const printed = outcome.stdout + outcome.stderr;
    const found = new Map<string, string>();
    const missing =
        /no (resource|language|analyzer|converter|tool) plugin 'pulumi-\1-([\w.-]+?)' found in the workspace(?: at version v([^\s,;'"]+?))?(?: or on your \$PATH)?(?: from (\S+?))?(?=[\s,;'"]|$)/g;
    for (const [, kind, name, version, server] of printed.matchAll(missing)) {
        const install =
            `pulumi plugin install ${kind} ${name}` +
            (version ? ` ${version}` : "") +
            (server ? ` --server ${server}` : "");
        found.set(
            `${kind} ${name}`,
            `scan: the program uses the ${name} ${kind} plugin${version ? ` v${version}` : ""}, which is not installed, ` +
                `and the scan never downloads plugins (only azure-native is replaced, by the stand-in). Install it: ` +
                `\`${install}\` (into ${userPluginCache()}, which the scan reads), then scan again.`,
        );
    }
    return [...found.values()];
}

/** Runs secure-webapp-report on the run's events, in the program's folder (for its git commit); returns its exit code. */
async function writeReports(
    dir: string,
    eventsFile: string,
    engine: OfflineEngine,
    policyConfig: string | undefined,
    files: { sarif?: string; junit?: string; markdown?: string },
): Promise<number> {
    const args = [
        eventsFile,
        "--pulumi-cli",
        engine.cli.command,
        ...(policyConfig ? ["--policy-config", policyConfig] : []),
        ...Object.entries(files).flatMap(([format, file]) => (file ? [`--${format}`, file] : [])),
    ];
    const previous = process.cwd();
    process.chdir(dir);
    let refusal = "";
    try {
        const code = await report(
            args,
            async () => "",
            text => process.stdout.write(text),
            text => (refusal += text),
        );
        // Its usage text is about secure-webapp-report's own arguments, which the scan gave: only the reason counts.
        process.stderr.write(code === 2 ? refusal.split("\n\n")[0] + "\n" : refusal);
        return code;
    } finally {
        process.chdir(previous);
    }
}

/** The scan's exit code and last line, from the preview's exit code and the report's. */
function verdict(previewCode: number, reportCode: number, pluginMissing: boolean): number {
    if (previewCode === 0 && reportCode === 0) {
        console.log("scan: passed: every App Service app requires client certificates (exit 0)");
        return 0;
    }
    if (previewCode === 0 && reportCode === 2) {
        console.error(
            "scan: the preview passed, but its events gave no report (see above), so nothing is known (exit 2)",
        );
        return 2;
    }
    console.error(
        pluginMissing
            ? "scan: not scanned: a plugin is missing (see above) (exit 1)"
            : previewCode !== 0
              ? `scan: BLOCKED: pulumi preview failed (exit ${previewCode}); the engine's output above says why (exit 1)`
              : "scan: FAILED: an App Service app is violating or unverifiable (exit 1)",
    );
    return 1;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
    code => process.exit(code),
    err => {
        console.error(`scan: ${err instanceof Error ? err.message : err}`);
        if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
            console.error(`\n${USAGE}`);
        }
        process.exit(2);
    },
);
