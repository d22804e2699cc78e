// The ARM path of the benchmark: Analyze time for one azure-native Deployment whose template holds 200 and then
// 2,000 sites (realistic site properties, settings computed from parameters, variables and if(), half of them
// non-compliant): the whole request against the no-op pack's, and the policy's own time, whose ratio between
// the two sizes must stay linear.

import * as fs from "fs";
import { ResourceValidationArgs } from "../policy-pack/node_modules/@pulumi/policy";
import { unlistedCount } from "../policy-pack/violationWording";
import { requireClientCertificates } from "../policy-pack/policies/requireClientCertificates";
import { validationArgs } from "../tools/engine/policyArgs";
import { RunningPolicyPack, startPolicyPack } from "../tools/engine/policyPackServer";
import { cpuSeconds, stageNoopPack } from "./policyPack";
import { median } from "./report";
import { webApps } from "./webApps";
import { POLICY_PACK_DIR } from "../tools/engine/policyPack";

/** Ten times the sites may take at most this many times as long (linear, with room for fixed costs and noise). */
export const ARM_SCALING_TARGET = 11;

const SIZES = [200, 2000] as const;
const TYPE = "azure-native:resources:Deployment";
const POLICY = "webapp-require-client-certificates";
const CONFIG = { allowedExclusionPaths: ["/healthz"] };

/** What `npm run bench` prints for the ARM path, and whether its target and verdicts held. */
export interface ArmBenchResult {
    report: string;
    met: boolean;
}

/** A Deployment whose template declares `count` sites built from the benchmark's WebApps, as a template writes them. */
export function armDeployment(count: number): { properties: Record<string, unknown>; nonCompliant: number } {
    const apps = webApps(count, "arm");
    const resources = apps.map((app, i) => {
        const { resourceGroupName, name, location, kind, clientCertEnabled, clientCertMode, ...properties } =
            app.properties;
        return {
            type: i % 10 === 9 ? "Microsoft.Web/sites/slots" : "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: i % 10 === 9 ? `${name}/staging` : name,
            location: "[parameters('location')]",
            kind,
            properties: {
                ...properties,
                ...(clientCertEnabled === undefined
                    ? {}
                    : {
                          clientCertEnabled:
                              clientCertEnabled === true ? "[variables('certificates').enabled]" : clientCertEnabled,
                      }),
                ...(clientCertMode === undefined
                    ? {}
                    : {
                          clientCertMode:
                              clientCertMode === "Required"
                                  ? "[if(equals(parameters('environment'), 'prod'), variables('certificates').mode, 'Required')]"
                                  : clientCertMode,
                      }),
            },
            // The baseline's basic-auth publishing off, as a template declares it: its two policies inside the site.
            resources: ["ftp", "scm"].map(policy => ({
                type: "basicPublishingCredentialsPolicies",
                apiVersion: "2024-04-01",
                name: policy,
                properties: { allow: false },
            })),
        };
    });
    const template = {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: {
            location: { type: "string", defaultValue: "westeurope" },
            environment: { type: "string", defaultValue: "prod" },
        },
        variables: {
            certificates: {
                enabled: "[not(equals(parameters('environment'), 'none'))]",
                mode: "[concat('Requ', 'ired')]",
            },
        },
        resources,
    };
    return {
        properties: {
            resourceGroupName: "rg-arm-bench",
            properties: { mode: "Incremental", template, parameters: { environment: { value: "prod" } } },
        },
        nonCompliant: apps.filter(app => !app.compliant).length,
    };
}

/** Milliseconds per Analyze for each size, one entry per round. */
type Series = Map<number, number[]>;

/**
 * Two measurements, `rounds` times each, after a warm-up with both sizes:
 * - the request through the real protocol: the CPU time of a pack process, and of the no-op pack's, per
 *   request. Most of it is the SDK decoding a request of several megabytes, the same for any pack, and it grows a
 *   little faster than the request (garbage collection over a larger heap);
 * - the policy's own work on it (what the pack adds): `validateResource` in this process on the same properties
 *   behind the SDK's proxy, as the pack's server calls it, timed over many calls. The target applies to this.
 */
export async function benchArmTemplates(
    rounds: number,
    log: (line: string) => void = line => process.stderr.write(`${line}\n`),
): Promise<ArmBenchResult> {
    const deployments = SIZES.map(size => ({ size, ...armDeployment(size) }));
    const problems: string[] = [];
    const protocol = await protocolCpu(deployments, rounds, problems);
    const policy = policyTime(deployments, rounds, problems);
    log(`arm: ${rounds} rounds of ${SIZES.join(" and ")} sites done`);
    const ms = (series: Series, size: number) => median(series.get(size)!);
    const ratioOf = (series: Series) => ms(series, SIZES[1]) / ms(series, SIZES[0]);
    const ratio = ratioOf(policy);
    const met = ratio <= ARM_SCALING_TARGET && problems.length === 0;
    const lines = [
        "",
        `ARM templates: Analyze of one azure-native Deployment holding ${SIZES.join(" or ")} sites (medians of ${rounds} rounds)`,
        "sites    request: no-op pack CPU  azure-secure-webapp CPU   the policy's own time  per site",
        ...SIZES.map(
            size =>
                `${size.toLocaleString("en-US").padEnd(6)} ${ms(protocol.noop, size).toFixed(0).padStart(21)} ms ${ms(protocol.pack, size).toFixed(0).padStart(20)} ms ` +
                `${ms(policy, size).toFixed(1).padStart(20)} ms ${((ms(policy, size) * 1000) / size).toFixed(0).padStart(6)} us`,
        ),
        `10x the sites: request ${ratioOf(protocol.noop).toFixed(2)}x (no-op pack), ${ratioOf(protocol.pack).toFixed(2)}x (azure-secure-webapp); ` +
            `the policy's own time ${ratio.toFixed(2)}x (target <= ${ARM_SCALING_TARGET}x: ${ratio <= ARM_SCALING_TARGET ? "met" : "MISSED"})`,
        ...[...new Set(problems)].map(problem => `WRONG VERDICTS: ${problem}`),
    ];
    return { report: lines.join("\n"), met };
}

type Deployment = { size: number; properties: Record<string, unknown>; nonCompliant: number };

/** CPU time per request of a pack process and of a no-op pack process given the same requests in turn. */
async function protocolCpu(
    deployments: Deployment[],
    rounds: number,
    problems: string[],
): Promise<{ noop: Series; pack: Series }> {
    const noopDir = stageNoopPack();
    const packs = { noop: await startPolicyPack(noopDir), pack: await startPolicyPack(POLICY_PACK_DIR) };
    const cpu = { noop: seriesBySize(), pack: seriesBySize() };
    try {
        await packs.pack.configure({ [POLICY]: CONFIG });
        for (const running of Object.values(packs)) {
            for (const { properties } of deployments) {
                await analyzeOnce(running, properties); // warm-up: the JIT, and the heap grown to the larger request
            }
        }
        for (let round = 0; round < rounds; round++) {
            for (const { size, properties, nonCompliant } of deployments) {
                for (const which of round % 2 === 0 ? (["noop", "pack"] as const) : (["pack", "noop"] as const)) {
                    const cpuBefore = cpuSeconds(packs[which].pid);
                    const reported = await analyzeOnce(packs[which], properties);
                    cpu[which].get(size)!.push((cpuSeconds(packs[which].pid) - cpuBefore) * 1000);
                    if (which === "pack" && reported !== nonCompliant) {
                        problems.push(
                            `the pack named ${reported} non-compliant sites among ${size}; the template has ${nonCompliant}`,
                        );
                    }
                }
            }
        }
    } finally {
        await Promise.all(Object.values(packs).map(running => running.stop()));
        fs.rmSync(noopDir, { recursive: true, force: true });
    }
    return cpu;
}

/** The policy's `validateResource` per call, in this process, over enough calls per round for a precise figure. */
function policyTime(deployments: Deployment[], rounds: number, problems: string[]): Series {
    const times = seriesBySize();
    const validate = requireClientCertificates.validateResource as (
        args: ResourceValidationArgs,
        report: (message: string) => void,
    ) => void;
    const runs = deployments.map(({ size, properties, nonCompliant }) => {
        const args = validationArgs(TYPE, properties, { config: CONFIG });
        const once = () => {
            let reported = 0;
            validate(args, message => {
                reported += sitesReported(message);
            });
            return reported;
        };
        const reported = once(); // warm-up
        if (reported !== nonCompliant) {
            problems.push(
                `the policy named ${reported} non-compliant sites among ${size}; the template has ${nonCompliant}`,
            );
        }
        return { size, once };
    });
    for (let round = 0; round < rounds; round++) {
        for (const { size, once } of round % 2 === 0 ? runs : [...runs].reverse()) {
            const calls = (10 * SIZES[SIZES.length - 1]) / size;
            const started = process.hrtime.bigint();
            for (let i = 0; i < calls; i++) {
                once();
            }
            times.get(size)!.push(Number(process.hrtime.bigint() - started) / 1e6 / calls);
        }
    }
    return times;
}

function seriesBySize(): Series {
    return new Map(SIZES.map(size => [size, []]));
}

/** Analyzes one deployment and returns how many sites the violation names. */
async function analyzeOnce(pack: RunningPolicyPack, properties: Record<string, unknown>): Promise<number> {
    const result = await pack.analyze({ type: TYPE, name: "arm-bench", properties });
    // The verdicts checked are the client-certificate rule's; the baseline's (advisory here) name sites too.
    return result.diagnostics
        .filter(d => d.policyName === requireClientCertificates.name)
        .reduce((sites, d) => sites + sitesReported(d.message), 0);
}

/** The sites a violation message names, and those it counts without listing them. */
function sitesReported(message: string): number {
    return (message.match(/^- Microsoft\.Web\/sites/gm)?.length ?? 0) + unlistedCount(message);
}
