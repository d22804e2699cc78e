// Wall time of `pulumi preview` on a program with many SecureWebApps, without and with the policy pack, through
// the real CLI and engine (offline, STAND-IN azure-native provider). Run alone with
// `npx ts-node bench/preview.ts [apps]`, or call `benchmarkPreview()` from another benchmark.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { SecureWebApp } from "../components";
import { OfflineEngine } from "../tools/engine/offlineEngine";

export interface PreviewBenchmark {
    readonly apps: number;
    /** Wall time of one preview without a policy pack, in seconds. */
    readonly withoutPackSeconds: number;
    /** Wall time of one preview with policy-pack/, in seconds. */
    readonly withPackSeconds: number;
    /** withPackSeconds / withoutPackSeconds. */
    readonly ratio: number;
    readonly cliVersion: string;
}

function manyApps(apps: number): PulumiFn {
    return async () => {
        const group = new resources.ResourceGroup("bench");
        const plan = new web.AppServicePlan("bench-plan", { resourceGroupName: group.name, sku: { name: "P1v3" } });
        for (let i = 0; i < apps; i++) {
            new SecureWebApp(`app-${i}`, { resourceGroupName: group.name, serverFarmId: plan.id });
        }
    };
}

/** One warm-up preview (not counted), then one timed preview without the pack and one with it. */
export async function benchmarkPreview(apps = 50): Promise<PreviewBenchmark> {
    const engine = await OfflineEngine.start();
    try {
        const stack = await engine.stack("bench-preview", manyApps(apps));
        const timed = async (withPolicyPack: boolean) => {
            const started = process.hrtime.bigint();
            const outcome = await engine.preview(stack, { withPolicyPack });
            if (outcome.exitCode !== 0) {
                throw new Error(`preview of ${apps} apps failed (exit ${outcome.exitCode}):\n${outcome.stdout}\n${outcome.stderr}`);
            }
            return Number(process.hrtime.bigint() - started) / 1e9;
        };
        await timed(false);
        const withoutPackSeconds = await timed(false);
        const withPackSeconds = await timed(true);
        return { apps, withoutPackSeconds, withPackSeconds, ratio: withPackSeconds / withoutPackSeconds, cliVersion: engine.cli.version };
    } finally {
        engine.dispose();
    }
}

if (require.main === module) {
    const apps = Number(process.argv[2] ?? 50);
    benchmarkPreview(apps).then(
        (r) => {
            console.log(`pulumi preview, ${r.apps} SecureWebApps (each a component and a WebApp, plus a resource group and a plan), Pulumi CLI ${r.cliVersion}, stand-in Azure:`);
            console.log(`  without the policy pack  ${r.withoutPackSeconds.toFixed(2)} s`);
            console.log(`  with policy-pack/        ${r.withPackSeconds.toFixed(2)} s`);
            console.log(`  ratio                    ${r.ratio.toFixed(2)}x`);
        },
        (err) => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        },
    );
}
