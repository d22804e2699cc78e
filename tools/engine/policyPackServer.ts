// Runs a Node.js policy pack the way the Pulumi engine does and talks to it over the real gRPC Analyzer
// protocol: the harness of the pack's tests and of the benchmarks.
//
// How the engine starts a Node pack (pulumi/pulumi, sdk/nodejs/cmd/pulumi-language-nodejs RunPlugin and
// pkg/resource/plugin NewPolicyAnalyzer): it runs
//     node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack-dir>
// with the working directory set to the pack folder. run-policy-pack drops the engine address, registers
// ts-node, and `require`s the program ("." here, so package.json `main`). `new PolicyPack(...)` then starts a
// gRPC Analyzer server on 127.0.0.1 and prints its port on stdout. The pack never dials the engine address,
// so no stub engine is needed; the harness passes a placeholder.
//
// Before Analyze, the engine calls GetAnalyzerInfo, merges the policies' configSchema defaults with the user's
// config (ReconcilePolicyPackConfig) and sends the result with Configure. `configure` here does the same merge,
// so a test sees what a user of `--policy-pack-config` would see. (The engine also validates the merged config
// against the schema; the harness does not.)
//
// Resource properties travel as a google.protobuf.Struct. An unknown value (an output not yet known at
// preview) is the engine's sentinel string `UNKNOWN`; put it anywhere in a property bag to make that value
// unknown.

import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { Socket } from "net";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { ListValue, NullValue, Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { isNotReadNotice } from "../../policy-pack/notices";

/** The engine's wire sentinel for a value that is unknown during preview (any type is sent as this string). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A policy's enforcement level, as written in a policy config file. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** A policy's severity as reported by the pack ("unspecified" when the policy sets none). */
export type Severity = "unspecified" | "low" | "medium" | "high" | "critical";

/** Options for {@link startPolicyPack}. */
export interface StartPolicyPackOptions {
    /** Extra environment variables for the pack process (added to this process's environment). */
    env?: Record<string, string>;
    /** How long to wait for the pack to print its port before failing, in milliseconds (default 30000). */
    startTimeoutMs?: number;
    /** The engine address passed as the first argument (default a placeholder; the pack does not dial it). */
    engineAddress?: string;
    /** The Node.js executable (default: the one running the tests). */
    nodePath?: string;
    /**
     * Let this process exit while the pack runs, and end the pack when it does: for a pack shared by many test files,
     * which none of them stops (default false: the pack runs until `stop()`).
     */
    endsWithThisProcess?: boolean;
}

/** One resource as the engine sends it to Analyze or Remediate. */
export interface ResourceUnderTest {
    /** Type token, e.g. `azure-native:web:WebApp`. */
    type: string;
    /** Logical name of the resource. */
    name: string;
    /** Resource inputs; use {@link UNKNOWN} for values not known at preview. */
    properties: Record<string, unknown>;
    /** URN; defaults to a URN built from the type and name in stack `dev` of project `test`. */
    urn?: string;
    /** URN of the parent resource, if any. */
    parent?: string;
}

/** A violation (or preview advisory) reported by the pack. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** Empty when the diagnostic is about the analyzed resource itself. */
    urn: string;
}

/** A policy that recorded itself as not applicable to a resource, with its reason. */
export interface NotApplicable {
    policyName: string;
    reason: string;
}

/** Result of one Analyze call. */
export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

/** A policy's answer to Remediate: new properties, or a diagnostic saying why it could not run. */
export interface Remediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    /** The remediated property bag, when the policy returned one. */
    properties?: Record<string, unknown>;
    /** Set when the remediation could not run (e.g. unknown values at preview). */
    diagnostic: string;
}

/** Result of one Remediate call. */
export interface RemediateResult {
    remediations: Remediation[];
    notApplicable: NotApplicable[];
}

/** Compliance framework metadata of a policy. */
export interface Framework {
    name: string;
    version: string;
    reference: string;
    specification: string;
}

/** Metadata of one policy, as the engine and Pulumi Cloud see it. */
export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    framework?: Framework;
    tags: string[];
    remediationSteps: string;
    url: string;
    /** JSON schema of the policy's config: `properties` (with defaults) and `required`. */
    configSchema?: { properties: Record<string, any>; required: string[] };
}

/** Metadata of the pack. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    displayName: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
}

/** Config for a pack, shaped like a `--policy-pack-config` file: policy name -> level and properties. */
export type PolicyPackConfig = Record<string, { enforcementLevel?: EnforcementLevel; [key: string]: unknown }>;

/** A running policy pack and a client for its Analyzer service. */
export interface RunningPolicyPack {
    /** Process id of the pack (e.g. to read /proc/<pid>/status). */
    readonly pid: number;
    /** The port the pack printed. */
    readonly port: number;
    /** Milliseconds from spawning the process until the port was printed. */
    readonly startupMs: number;
    /** Everything the pack wrote to stderr so far (useful in assertion messages). */
    stderr(): string;
    /** Peak resident memory of the pack process in bytes (Linux VmHWM), or undefined where unavailable. */
    peakMemoryBytes(): number | undefined;
    getAnalyzerInfo(): Promise<AnalyzerInfo>;
    /** Merges schema defaults with `config` as the engine does and sends it with Configure. */
    configure(config?: PolicyPackConfig): Promise<void>;
    analyze(resource: ResourceUnderTest): Promise<AnalyzeResult>;
    /**
     * Sends AnalyzeStack, as the engine does at the end of a preview or update, with each resource's `properties`
     * its outputs; in the same run as the Analyze requests sent since the last Configure.
     */
    analyzeStack(resources: readonly ResourceUnderTest[]): Promise<AnalyzeResult>;
    remediate(resource: ResourceUnderTest): Promise<RemediateResult>;
    /** Closes the client and ends the pack process. */
    stop(): Promise<void>;
}

const levelNames: Record<number, EnforcementLevel> = {
    [analyzer.EnforcementLevel.ADVISORY]: "advisory",
    [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzer.EnforcementLevel.DISABLED]: "disabled",
};

const levelValues: Record<EnforcementLevel, analyzer.EnforcementLevel> = {
    advisory: analyzer.EnforcementLevel.ADVISORY,
    mandatory: analyzer.EnforcementLevel.MANDATORY,
    remediate: analyzer.EnforcementLevel.REMEDIATE,
    disabled: analyzer.EnforcementLevel.DISABLED,
};

const severityNames: Record<number, Severity> = {
    [analyzer.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "unspecified",
    [analyzer.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzer.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzer.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzer.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** Builds the URN the engine would give a top-level resource of this type and name. */
export function urnFor(type: string, name: string, stack = "dev", project = "test"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/**
 * Starts the policy pack in `packDir` as the engine does and connects a client to it. The pack's
 * dependencies must be installed and its `main` must exist (run `npm ci && npm run build` in the pack).
 */
export async function startPolicyPack(
    packDir: string,
    options: StartPolicyPackOptions = {},
): Promise<RunningPolicyPack> {
    const runner = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    if (!fs.existsSync(runner)) {
        throw new Error(`${runner} is missing: run "npm ci" in ${packDir} first`);
    }
    const started = process.hrtime.bigint();
    const child = spawn(options.nodePath ?? process.execPath, [runner, options.engineAddress ?? "127.0.0.1:0", "."], {
        cwd: packDir,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
    });

    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
    });
    const port = await waitForPort(child, options.startTimeoutMs ?? 30000, () => stderr);
    if (options.endsWithThisProcess) {
        child.unref();
        (child.stdout as unknown as Socket).unref();
        (child.stderr as unknown as Socket).unref();
        process.once("exit", () => child.kill());
    }
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    let info: AnalyzerInfo | undefined;
    const getAnalyzerInfo = async () => {
        info =
            info ??
            toAnalyzerInfo(await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty()));
        return info;
    };

    return {
        pid: child.pid!,
        port,
        startupMs,
        stderr: () => stderr,
        peakMemoryBytes: () => peakMemoryOf(child.pid!),
        getAnalyzerInfo,
        async configure(config = {}) {
            const merged = mergeWithDefaults((await getAnalyzerInfo()).policies, config);
            const request = new analyzer.ConfigureAnalyzerRequest();
            const map = request.getPolicyconfigMap();
            for (const [policy, { enforcementLevel, properties }] of Object.entries(merged)) {
                const policyConfig = new analyzer.PolicyConfig();
                policyConfig.setEnforcementlevel(levelValues[enforcementLevel]);
                policyConfig.setProperties(Struct.fromJavaScript(properties as any));
                map.set(policy, policyConfig);
            }
            await call(client.configure.bind(client), request);
        },
        async analyze(resource) {
            const request = new analyzer.AnalyzeRequest();
            fillRequest(request, resource);
            return toAnalyzeResult(
                await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze.bind(client), request),
            );
        },
        async analyzeStack(resources) {
            const request = new analyzer.AnalyzeStackRequest();
            request.setResourcesList(
                resources.map(resource => {
                    const stackResource = new analyzer.AnalyzerResource();
                    fillRequest(stackResource, resource);
                    if (resource.parent) {
                        stackResource.setParent(resource.parent);
                    }
                    return stackResource;
                }),
            );
            return toAnalyzeResult(
                await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
                    client.analyzeStack.bind(client),
                    request,
                ),
            );
        },
        async remediate(resource) {
            const request = new analyzer.AnalyzeRequest();
            fillRequest(request, resource);
            const response = await call<analyzer.AnalyzeRequest, analyzer.RemediateResponse>(
                client.remediate.bind(client),
                request,
            );
            return {
                remediations: response.getRemediationsList().map(r => ({
                    policyName: r.getPolicyname(),
                    policyPackName: r.getPolicypackname(),
                    policyPackVersion: r.getPolicypackversion(),
                    description: r.getDescription(),
                    properties: r.hasProperties() ? r.getProperties()!.toJavaScript() : undefined,
                    diagnostic: r.getDiagnostic(),
                })),
                notApplicable: toNotApplicable(response.getNotApplicableList()),
            };
        },
        async stop() {
            client.close();
            if (child.exitCode === null && child.signalCode === null) {
                const exited = new Promise(resolve => child.once("exit", resolve));
                child.kill("SIGTERM");
                await exited;
            }
        },
    };
}

/**
 * Resolves with the port once a plugin (by default the pack) prints it; rejects if it exits or times out first.
 * Every Pulumi plugin announces its gRPC port this way.
 */
export function waitForPort(
    child: ChildProcess,
    timeoutMs: number,
    stderr: () => string,
    plugin = "policy pack",
): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const fail = (why: string) => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new Error(`${plugin} ${why}\nstdout:\n${stdout}\nstderr:\n${stderr()}`));
        };
        const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
        child.once("exit", code => fail(`exited with code ${code} before printing its port`));
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            stdout += chunk;
            const match = /^(\d+)\s*$/m.exec(stdout);
            if (match) {
                clearTimeout(timer);
                child.removeAllListeners("exit");
                resolve(Number(match[1]));
            }
        });
    });
}

/** Fills an Analyze/Remediate request the way the engine does, including the options the pack requires. */
/** The diagnostics and not-applicable results of an Analyze or AnalyzeStack response. */
function toAnalyzeResult(response: analyzer.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: response.getDiagnosticsList().map(d => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: levelNames[d.getEnforcementlevel()],
            severity: severityNames[d.getSeverity()],
            urn: d.getUrn(),
        })),
        notApplicable: toNotApplicable(response.getNotApplicableList()),
    };
}

function fillRequest(request: analyzer.AnalyzeRequest | analyzer.AnalyzerResource, resource: ResourceUnderTest): void {
    const urn = resource.urn ?? urnFor(resource.type, resource.name);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(urn);
    request.setProperties(structOf(resource.properties));
    const options = new analyzer.AnalyzerResourceOptions();
    options.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    request.setOptions(options);
}

/**
 * The Struct that google-protobuf's `Struct.fromJavaScript` builds, in time linear in the depth of the properties:
 * that one attaches each finished level to its parent, which copies all the levels below into its own array, so a
 * request nested a thousand levels deep took the harness a second to build. Here each level is attached while still
 * empty, then filled.
 */
export function structOf(properties: Record<string, unknown>): Struct {
    const struct = new Struct();
    fillStruct(struct, properties);
    return struct;
}

function fillStruct(struct: Struct, object: Record<string, unknown>): void {
    const fields = struct.getFieldsMap();
    for (const key in object) {
        const value = new Value();
        fields.set(key, value);
        fillValue(value, object[key]);
    }
}

function fillValue(value: Value, item: unknown): void {
    if (typeof item === "string") {
        value.setStringValue(item);
    } else if (typeof item === "number") {
        value.setNumberValue(item);
    } else if (typeof item === "boolean") {
        value.setBoolValue(item);
    } else if (item === null) {
        value.setNullValue(NullValue.NULL_VALUE);
    } else if (Array.isArray(item)) {
        const list = new ListValue();
        value.setListValue(list);
        for (const element of item) {
            fillValue(list.addValues(), element);
        }
    } else if (typeof item === "object") {
        const struct = new Struct();
        value.setStructValue(struct);
        fillStruct(struct, item as Record<string, unknown>);
    } else {
        throw new Error(`Unexpected struct type: ${typeof item}`);
    }
}

/**
 * The engine's config reconciliation: schema defaults and policy levels, overlaid with the given config. Like the
 * engine, `all` sets every policy's level, and names that are not policies of the pack are passed on as given.
 */
function mergeWithDefaults(policies: PolicyInfo[], config: PolicyPackConfig) {
    const merged: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && "default" in schema) {
                defaults[key] = schema.default;
            }
        }
        const { enforcementLevel, ...properties } = config[policy.name] ?? {};
        merged[policy.name] = {
            enforcementLevel: enforcementLevel ?? config.all?.enforcementLevel ?? policy.enforcementLevel,
            properties: { ...defaults, ...properties },
        };
    }
    for (const [name, { enforcementLevel, ...properties }] of Object.entries(config).filter(
        ([name]) => !(name in merged),
    )) {
        if (enforcementLevel === undefined) {
            throw new Error(
                `invalid enforcement level "" (the engine refuses config for ${name}, which names no policy, without one)`,
            );
        }
        merged[name] = { enforcementLevel, properties };
    }
    return merged;
}

function toAnalyzerInfo(info: analyzer.AnalyzerInfo): AnalyzerInfo {
    return {
        name: info.getName(),
        version: info.getVersion(),
        displayName: info.getDisplayname(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map(p => {
            const framework = p.getFramework();
            const schema = p.getConfigschema();
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                enforcementLevel: levelNames[p.getEnforcementlevel()],
                severity: severityNames[p.getSeverity()],
                framework: framework && {
                    name: framework.getName(),
                    version: framework.getVersion(),
                    reference: framework.getReference(),
                    specification: framework.getSpecification(),
                },
                tags: p.getTagsList(),
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
                configSchema: schema && {
                    properties: schema.getProperties()?.toJavaScript() ?? {},
                    required: schema.getRequiredList(),
                },
            };
        }),
    };
}

/**
 * The same running pack, whose Analyze and Remediate answers keep only what `policies` said: the tests of one rule
 * read that rule's answers, whatever other policies the pack runs on the same resource.
 */
export function answersOf(pack: RunningPolicyPack, policies: readonly string[]): RunningPolicyPack {
    // A not-read notice speaks for the baseline policies, though the exemptions policy reports it.
    const kept = (answer: { policyName: string; message?: string }) =>
        policies.includes(answer.policyName) && !(answer.message !== undefined && isNotReadNotice(answer.message));
    return {
        ...pack,
        async analyze(resource) {
            const { diagnostics, notApplicable } = await pack.analyze(resource);
            return { diagnostics: diagnostics.filter(kept), notApplicable: notApplicable.filter(kept) };
        },
        async analyzeStack(resources) {
            const { diagnostics, notApplicable } = await pack.analyzeStack(resources);
            return { diagnostics: diagnostics.filter(kept), notApplicable: notApplicable.filter(kept) };
        },
        async remediate(resource) {
            const { remediations, notApplicable } = await pack.remediate(resource);
            return { remediations: remediations.filter(kept), notApplicable: notApplicable.filter(kept) };
        },
    };
}

function toNotApplicable(list: analyzer.PolicyNotApplicable[]): NotApplicable[] {
    return list.map(n => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

function peakMemoryOf(pid: number): number | undefined {
    try {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return match ? Number(match[1]) * 1024 : undefined;
    } catch {
        return undefined;
    }
}

/** Promisifies one unary gRPC call. */
export function call<Req, Res>(
    method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
    request: Req,
): Promise<Res> {
    return new Promise((resolve, reject) => method(request, (err, res) => (err ? reject(err) : resolve(res))));
}
