// Runs Pulumi programs through the real CLI and engine with nothing online: a file backend in a temporary
// folder, a fixed passphrase for stack secrets, no update checks or plugin downloads, and the STAND-IN
// azure-native provider first on PATH so that it, not Azure, receives what the programs would deploy.
//
// TypeScript programs run as Automation API inline programs: the engine drives a program living in this process,
// which needs no Node.js language host (the Go module proxy does not serve one to build). Programs in other
// languages run as a user runs them, `pulumi preview` in their own folder, through a language host on PATH: with
// `yaml: true`, the YAML host (built like the CLI); the SecureWebApp component's launcher is always on PATH.
import * as grpc from "@grpc/grpc-js";
import * as auto from "@pulumi/pulumi/automation";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePulumiCli, Log, PulumiCli, REPO_ROOT } from "./cli";
import { COMPONENT_LAUNCHER_DIR, ensureComponentProviderBuilt } from "./componentProvider";
import { ensurePolicyPackBuilt, POLICY_PACK_DIR } from "./policyPack";
import { ensureYamlLanguageHost } from "./yamlLanguageHost";
import { buildStandInAzureNative } from "./standIn";
import { RECORD_ENV, RecordedRequest } from "../standin-azure-native/record";

export type { RecordedRequest };
export { POLICY_PACK_DIR };

/**
 * policy-pack/ as an executable analyzer plugin, for a CLI without the Node.js language host: the engine starts
 * an executable given to `--policy-pack` directly, and the launcher starts the pack from its folder.
 */
const POLICY_PACK_LAUNCHER = path.join(REPO_ROOT, "tools", "policy-pack-launcher", "azure-secure-webapp");

/** Passphrase of the throw-away stacks; they hold no real secrets. */
const OFFLINE_PASSPHRASE = "secure-webapp-offline-stacks";

/** What a CLI command ended with: its exit code and everything it printed. */
export interface CommandOutcome {
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface OperationOptions {
    /** Run policy-pack/ during the operation. */
    readonly withPolicyPack?: boolean;
    /** Policy config, shaped `{ "<policy>": { "enforcementLevel": ..., ...config } }`. */
    readonly policyConfig?: Record<string, unknown>;
    /** A policy config file of the user's, given to `--policy-pack-config` as it is. */
    readonly policyPackConfigFile?: string;
    /** Called with the CLI's output as it arrives (the demo streams it). */
    readonly onOutput?: (text: string) => void;
    /** Called with each engine event (the JSON event stream), such as `policyEvent`. */
    readonly onEvent?: (event: auto.EngineEvent) => void;
}

/** What `OfflineEngine.run` passes on besides the arguments. */
export interface RunOptions {
    /** Called with the CLI's output as it arrives (the demo streams it). */
    readonly onOutput?: (text: string) => void;
    /** Environment variables for this command on top of the engine's. */
    readonly env?: Record<string, string>;
}

/** How `runProject` and `projectArgs` run `pulumi preview` / `pulumi up` in a project's folder. */
export interface ProjectOperationOptions extends RunOptions {
    /** Run policy-pack/ during the operation. */
    readonly withPolicyPack?: boolean;
    /** A `--policy-pack-config` file, relative to the project's folder. */
    readonly policyPackConfig?: string;
}

export class OfflineEngine {
    private configFiles = 0;
    private readonly projectStacks = new Map<string, string[]>();

    private constructor(
        readonly cli: PulumiCli,
        /** Temporary folder holding the backend, PULUMI_HOME, the projects and the stand-in's record. */
        readonly dir: string,
        /** Environment for every CLI command (and so for the engine, the pack and the stand-in). */
        readonly env: Record<string, string>,
        /** JSON-lines file where the stand-in records each request; empty without the stand-in. */
        readonly recordFile: string,
        /**
         * What to give `--policy-pack` to run policy-pack/: the folder itself when the CLI has a Node.js
         * language host beside it (an installed CLI), else the launcher (the CLI built from tools/pulumi-cli).
         */
        readonly policyPack: string,
        /** The folders this engine put on PATH for its own plugins (the stand-in, the component, the hosts). */
        private readonly ownPluginDirs: readonly string[],
    ) {}

    /**
     * Whether an output line is the engine's notice that it uses one of this engine's own plugins from PATH
     * ("warning: using pulumi-resource-azure-native from $PATH at ..."): the engine prints it in every run, and it
     * tells the reader nothing about the program. A plugin from anywhere else on PATH is still reported.
     */
    isOwnPluginNotice(line: string): boolean {
        const notice = /using pulumi-[\w-]+ from \$PATH at (\S+)/.exec(line);
        return notice !== null && this.ownPluginDirs.some(dir => notice[1].startsWith(dir + path.sep));
    }

    /**
     * Finds or builds the CLI, builds the stand-in and (if need be) the policy pack, and lays out a fresh
     * offline backend. `standIn: false` leaves the engine to the azure-native plugin it finds installed
     * (real Azure, given credentials). `yaml: true` also finds or builds the YAML language host and puts it on
     * PATH, for YAML projects.
     */
    static async start(
        options: {
            standIn?: boolean;
            yaml?: boolean;
            log?: Log;
            /**
             * A plugin cache to use read-only (a user's `~/.pulumi/plugins`), for programs that also use providers
             * other than azure-native; by default the plugin cache is empty.
             */
            pluginCache?: string;
        } = {},
    ): Promise<OfflineEngine> {
        const cli = await ensurePulumiCli({ log: options.log });
        const yamlHostDirs = options.yaml
            ? [path.dirname((await ensureYamlLanguageHost({ log: options.log })).command)]
            : [];
        ensurePolicyPackBuilt(options.log);
        ensureComponentProviderBuilt(options.log);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-engine-"));
        const recordFile = path.join(dir, "azure-native-standin-requests.jsonl");
        // The component launcher lets the engine start SecureWebApp as a provider for remote (non-Node) programs.
        const ownPluginDirs = [COMPONENT_LAUNCHER_DIR, path.dirname(cli.command), ...yamlHostDirs];
        if (options.standIn !== false) {
            ownPluginDirs.unshift(buildStandInAzureNative(path.join(dir, "standin-azure-native")));
        }
        const pathDirs = [...ownPluginDirs, process.env.PATH ?? ""];
        const env: Record<string, string> = {
            PATH: pathDirs.join(path.delimiter),
            PULUMI_HOME: path.join(dir, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(dir, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: OFFLINE_PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            [RECORD_ENV]: recordFile,
        };
        fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
        if (options.pluginCache !== undefined && fs.existsSync(options.pluginCache)) {
            // The engine only reads the cache: downloads are off (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).
            fs.mkdirSync(env.PULUMI_HOME, { recursive: true });
            fs.symlinkSync(options.pluginCache, path.join(env.PULUMI_HOME, "plugins"));
        }
        fs.writeFileSync(recordFile, "");
        const hasNodeLanguageHost = fs.existsSync(path.join(path.dirname(cli.command), "pulumi-language-nodejs"));
        return new OfflineEngine(
            cli,
            dir,
            env,
            recordFile,
            hasNodeLanguageHost ? POLICY_PACK_DIR : POLICY_PACK_LAUNCHER,
            ownPluginDirs,
        );
    }

    /** A stack of an inline program in its own project folder, created on first use. */
    async stack(projectName: string, program: auto.PulumiFn, stackName = "dev"): Promise<auto.Stack> {
        const workDir = path.join(this.dir, "projects", projectName);
        fs.mkdirSync(workDir, { recursive: true });
        const pulumiCommand = await auto.PulumiCommand.get({ root: this.cli.root });
        return auto.LocalWorkspace.createOrSelectStack(
            { projectName, stackName, program },
            { workDir, pulumiCommand, envVars: this.env, projectSettings: { name: projectName, runtime: "nodejs" } },
        );
    }

    async preview(stack: auto.Stack, options: OperationOptions = {}): Promise<CommandOutcome> {
        return outcomeOf(stack.preview(this.operationArgs(options)));
    }

    async up(stack: auto.Stack, options: OperationOptions = {}): Promise<CommandOutcome> {
        return outcomeOf(stack.up(this.operationArgs(options)));
    }

    /**
     * `pulumi preview --json` run as a user runs it, so its output is what the CLI prints: the engine's JSON-lines
     * events with `streamEvents` (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1), else the preview digest. The inline
     * program is served to the CLI with `--client`, through the Automation API's own language server.
     */
    async previewJson(
        stack: auto.Stack,
        options: OperationOptions & { streamEvents?: boolean } = {},
    ): Promise<CommandOutcome> {
        const workspace = stack.workspace as auto.LocalWorkspace;
        // Not part of the Automation API's typed surface; it is what stack.preview() serves an inline program with.
        const { LanguageServer } = require("@pulumi/pulumi/automation/server") as {
            LanguageServer: new (
                program?: auto.PulumiFn,
            ) => grpc.UntypedServiceImplementation & { onPulumiExit(hasError: boolean): void };
        };
        const { LanguageRuntimeService } = require("@pulumi/pulumi/proto/language_grpc_pb") as {
            LanguageRuntimeService: grpc.ServiceDefinition;
        };
        const languageServer = new LanguageServer(workspace.program);
        const server = new grpc.Server();
        server.addService(LanguageRuntimeService, languageServer);
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
                err ? reject(err) : resolve(bound),
            ),
        );
        const { policyPacks = [], policyPackConfigs = [] } = this.operationArgs(options);
        const args = [
            "preview",
            "--json",
            `--client=127.0.0.1:${port}`,
            "--exec-kind",
            "auto.inline",
            "--stack",
            stack.name,
            ...policyPacks.flatMap(pack => ["--policy-pack", pack]),
            ...policyPackConfigs.flatMap(file => ["--policy-pack-config", file]),
        ];
        const outcome = await this.run(args, workspace.workDir, {
            env: options.streamEvents ? { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "1" } : {},
        });
        languageServer.onPulumiExit(outcome.exitCode !== 0);
        server.forceShutdown();
        return outcome;
    }

    /**
     * Runs the CLI directly, as `pulumi <args>` in `cwd`: for commands with no program (`pulumi policy analyze`)
     * and, through `runProject`, for programs in a project folder.
     */
    async run(args: string[], cwd: string, options: RunOptions = {}): Promise<CommandOutcome> {
        const child = spawn(this.cli.command, [...args, "--color", "never", "--non-interactive"], {
            cwd,
            env: { ...process.env, ...this.env, ...options.env },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", chunk => {
            stdout += chunk;
            options.onOutput?.(String(chunk));
        });
        child.stderr.on("data", chunk => (stderr += chunk));
        const exitCode = await new Promise<number>(resolve => child.on("close", code => resolve(code ?? 1)));
        return { exitCode, stdout, stderr };
    }

    /**
     * Creates, on first use, a stack of the project in `projectDir` in this engine's backend, and returns the
     * arguments that select it in that folder: `--stack <name> --config-file <file>`. The stack's
     * config file (`pulumi stack init` writes the passphrase's salt there) stays in the engine's folder, so
     * nothing is written into the project's folder, and runs of the same project never share it.
     */
    private async stackArgs(projectDir: string, stackName = "dev"): Promise<string[]> {
        const key = `${path.resolve(projectDir)}\0${stackName}`;
        const known = this.projectStacks.get(key);
        if (known) {
            return known;
        }
        const stackDir = path.join(this.dir, "project-stacks", String(this.projectStacks.size));
        fs.mkdirSync(stackDir, { recursive: true });
        fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(stackDir, "Pulumi.yaml"));
        const init = await this.run(["stack", "init", stackName], stackDir);
        if (init.exitCode !== 0) {
            throw new Error(
                `pulumi stack init ${stackName} for ${projectDir} failed (exit ${init.exitCode}):\n${init.stdout}${init.stderr}`,
            );
        }
        const args = ["--stack", stackName, "--config-file", path.join(stackDir, `Pulumi.${stackName}.yaml`)];
        this.projectStacks.set(key, args);
        return args;
    }

    /** `pulumi preview` or `pulumi up` in a project's folder (see `projectArgs`). */
    async runProject(
        command: "preview" | "up",
        projectDir: string,
        options: ProjectOperationOptions = {},
    ): Promise<CommandOutcome> {
        return this.run(await this.projectArgs(command, projectDir, options), projectDir, options);
    }

    /**
     * The arguments of `pulumi preview` or `pulumi up` in a project's folder (a program in any language the CLI
     * has a host for), on this engine's stack of it: the pack and its config are given relative to that folder,
     * as a user standing there would type them.
     */
    async projectArgs(
        command: "preview" | "up",
        projectDir: string,
        options: ProjectOperationOptions = {},
    ): Promise<string[]> {
        const args = [command, ...(await this.stackArgs(projectDir))];
        if (options.withPolicyPack) {
            args.push("--policy-pack", path.relative(projectDir, this.policyPack));
        }
        if (options.policyPackConfig) {
            args.push("--policy-pack-config", options.policyPackConfig);
        }
        return command === "up" ? [...args, "--yes"] : args;
    }

    /** Writes a policy config file for `--policy-pack-config` and returns its path. */
    private writePolicyConfig(config: Record<string, unknown>): string {
        const file = path.join(this.dir, `policy-config-${++this.configFiles}.json`);
        fs.writeFileSync(file, JSON.stringify(config, null, 2));
        return file;
    }

    /** Every request the stand-in received since the last `clearRequests`, oldest first. */
    requests(): RecordedRequest[] {
        return fs
            .readFileSync(this.recordFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map(line => JSON.parse(line));
    }

    clearRequests(): void {
        fs.writeFileSync(this.recordFile, "");
    }

    /** Removes the backend, the projects and the record. */
    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private operationArgs(options: OperationOptions) {
        return {
            color: "never" as const,
            policyPacks: options.withPolicyPack ? [this.policyPack] : undefined,
            policyPackConfigs: options.policyConfig
                ? [this.writePolicyConfig(options.policyConfig)]
                : options.policyPackConfigFile
                  ? [options.policyPackConfigFile]
                  : undefined,
            onOutput: options.onOutput,
            onEvent: options.onEvent,
        };
    }
}

/** Turns the Automation API's result or CommandError into the exit code and output a terminal user sees. */
async function outcomeOf(operation: Promise<{ stdout: string; stderr: string }>): Promise<CommandOutcome> {
    try {
        const { stdout, stderr } = await operation;
        return { exitCode: 0, stdout, stderr };
    } catch (err) {
        // The Automation API keeps the failed command on the error without typing it publicly: its result, and
        // beneath it the process error that holds the real exit code and output.
        const result = (err as { commandResult?: { code: number; stdout: string; stderr: string; err?: ProcessError } })
            .commandResult;
        if (!(err instanceof auto.CommandError) || !result) {
            throw err;
        }
        const failed = result.err;
        return typeof failed?.exitCode === "number"
            ? { exitCode: failed.exitCode, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" }
            : { exitCode: result.code, stdout: result.stdout, stderr: result.stderr };
    }
}

interface ProcessError {
    readonly exitCode?: number;
    readonly stdout?: string;
    readonly stderr?: string;
}
