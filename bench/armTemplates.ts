// The ARM path of the benchmark: Analyze time for one azure-native Deployment whose template holds 200 and then
// 2,000 sites (realistic site properties, settings computed from parameters, variables and if(), half of them
// non-compliant), and the ratio between the two, which must stay linear.

import { RunningPolicyPack, startPolicyPack } from "../test/support/policyPackServer";
import { cpuSeconds } from "./policyPack";
import { median } from "./report";
import { webApps } from "./webApps";
import { POLICY_PACK_DIR } from "../tools/engine/policyPack";

/** Ten times the sites may take at most this many times as long (linear, with room for fixed costs and noise). */
export const ARM_SCALING_TARGET = 11;

const SIZES = [200, 2000] as const;

/** What `npm run bench` prints for the ARM path, and whether its target and verdicts held. */
export interface ArmBenchResult {
    report: string;
    met: boolean;
}

/** A Deployment whose template declares `count` sites built from the benchmark's WebApps, as a template writes them. */
export function armDeployment(count: number): { properties: Record<string, unknown>; nonCompliant: number } {
    const apps = webApps(count, "arm");
    const resources = apps.map((app, i) => {
        const { resourceGroupName, name, location, kind, clientCertEnabled, clientCertMode, ...properties } = app.properties;
        return {
            type: i % 10 === 9 ? "Microsoft.Web/sites/slots" : "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: i % 10 === 9 ? `${name}/staging` : name,
            location: "[parameters('location')]",
            kind,
            properties: {
                ...properties,
                ...(clientCertEnabled === undefined ? {} : { clientCertEnabled: clientCertEnabled === true ? "[variables('certificates').enabled]" : clientCertEnabled }),
                ...(clientCertMode === undefined ? {} : { clientCertMode: clientCertMode === "Required" ? "[if(equals(parameters('environment'), 'prod'), variables('certificates').mode, 'Required')]" : clientCertMode }),
            },
        };
    });
    const template = {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: { location: { type: "string", defaultValue: "westeurope" }, environment: { type: "string", defaultValue: "prod" } },
        variables: { certificates: { enabled: "[not(equals(parameters('environment'), 'none'))]", mode: "[concat('Requ', 'ired')]" } },
        resources,
    };
    return {
        properties: { resourceGroupName: "rg-arm-bench", properties: { mode: "Incremental", template, parameters: { environment: { value: "prod" } } } },
        nonCompliant: apps.filter(app => !app.compliant).length,
    };
}

/** Times Analyze of one deployment per size in one pack process (after a warm-up), `rounds` times, and checks the ratio. */
export async function benchArmTemplates(rounds: number, log: (line: string) => void = line => process.stderr.write(`${line}\n`)): Promise<ArmBenchResult> {
    const pack = await startPolicyPack(POLICY_PACK_DIR);
    const problems: string[] = [];
    const times = new Map<number, number[]>(SIZES.map(size => [size, []]));
    const cpu = new Map<number, number[]>(SIZES.map(size => [size, []]));
    try {
        await pack.configure({ "webapp-require-client-certificates": { allowedExclusionPaths: ["/healthz"] } });
        const deployments = SIZES.map(size => ({ size, ...armDeployment(size) }));
        for (const { properties } of deployments) {
            await analyzeOnce(pack, properties); // warm-up: the JIT, and the heap grown to the larger request
        }
        for (let round = 0; round < rounds; round++) {
            for (const { size, properties, nonCompliant } of round % 2 === 0 ? deployments : [...deployments].reverse()) {
                const started = process.hrtime.bigint();
                const cpuBefore = cpuSeconds(pack.pid);
                const reported = await analyzeOnce(pack, properties);
                times.get(size)!.push(Number(process.hrtime.bigint() - started) / 1e6);
                cpu.get(size)!.push((cpuSeconds(pack.pid) - cpuBefore) * 1000);
                if (reported !== nonCompliant) {
                    problems.push(`the pack named ${reported} non-compliant sites among ${size}; the template has ${nonCompliant}`);
                }
            }
        }
        log(`arm: ${rounds} rounds of ${SIZES.join(" and ")} sites done`);
    } finally {
        await pack.stop();
    }
    const ratioOf = (series: Map<number, number[]>) => median(series.get(SIZES[1])!) / median(series.get(SIZES[0])!);
    const ratio = ratioOf(cpu);
    const met = ratio <= ARM_SCALING_TARGET && problems.length === 0;
    const ms = (series: Map<number, number[]>, size: number) => median(series.get(size)!);
    const lines = [
        "",
        `ARM templates: Analyze of one azure-native Deployment, ${rounds} rounds in one pack process; medians`,
        "(pack CPU: the pack process's CPU time for the request; wall: the request as this client sees it, its own encoding included)",
        "sites      pack CPU   per site      wall",
        ...SIZES.map(size => `${size.toLocaleString("en-US").padEnd(6)} ${ms(cpu, size).toFixed(0).padStart(8)} ms ${(ms(cpu, size) * 1000 / size).toFixed(0).padStart(6)} us ${ms(times, size).toFixed(0).padStart(7)} ms`),
        `ratio for 10x the sites: pack CPU ${ratio.toFixed(2)}x (target <= ${ARM_SCALING_TARGET}x: ${ratio <= ARM_SCALING_TARGET ? "met" : "MISSED"}), wall ${ratioOf(times).toFixed(2)}x`,
        ...[...new Set(problems)].map(problem => `WRONG VERDICTS: ${problem}`),
    ];
    return { report: lines.join("\n"), met };
}

/** Analyzes one deployment and returns how many sites the violation names. */
async function analyzeOnce(pack: RunningPolicyPack, properties: Record<string, unknown>): Promise<number> {
    const result = await pack.analyze({ type: "azure-native:resources:Deployment", name: "arm-bench", properties });
    return result.diagnostics.reduce((sites, d) => sites + (d.message.match(/^- Microsoft\.Web\/sites/gm)?.length ?? 0), 0);
}
