// `npm run bench`: the policy pack against a no-op pack (start-up, Analyze throughput, peak memory, scaling),
// then the `pulumi preview` wall-time benchmark of bench/preview.ts.
// Environment: BENCH_QUICK=1 for a short smoke run (fewer starts and passes; figures are noisier);
// BENCH_PACK_ONLY=1 for the pack benchmark alone, at the size the targets apply to.

import { benchArmTemplates } from "./armTemplates";
import { benchEvaluationBudget } from "./evaluationBudget";
import { benchPolicyPack, DEFAULT_OPTIONS } from "./policyPack";
import { benchmarkPreview, reportComponentCost } from "./preview";
import { checkTargets, formatReport, verdictProblems } from "./report";

async function main(): Promise<number> {
    const quick = process.env.BENCH_QUICK === "1";
    const packOnly = process.env.BENCH_PACK_ONLY === "1";
    const options = quick
        ? { ...DEFAULT_OPTIONS, startupRuns: 3, analyzeRuns: () => 1, counts: [1000, 3000] }
        : packOnly
          ? { ...DEFAULT_OPTIONS, counts: [DEFAULT_OPTIONS.targetCount] }
          : DEFAULT_OPTIONS;
    const result = await benchPolicyPack(options);
    const checks = checkTargets(result);
    console.log(formatReport(result, checks));

    const problems = verdictProblems(result);
    for (const problem of problems) {
        console.log(`WRONG VERDICTS: ${problem}`);
    }
    if (packOnly) {
        return problems.length === 0 && checks.every(check => check.met) ? 0 : 1;
    }

    const arm = await benchArmTemplates(quick ? 3 : 7);
    console.log(arm.report);
    const budget = benchEvaluationBudget(quick ? 1 : 3);
    console.log(budget.report);
    await reportPreview();
    await reportComponentCost();

    return problems.length === 0 && checks.every(check => check.met) && arm.met && budget.met ? 0 : 1;
}

/** The `pulumi preview` wall time with and without the pack (informative; the targets above are the pack's own). */
async function reportPreview(): Promise<void> {
    console.log("");
    try {
        const r = await benchmarkPreview();
        console.log(
            `pulumi preview of ${r.apps} SecureWebApps (${r.apps * 4 + 2} resources: each the component, its WebApp and two publishing credentials policies), Pulumi CLI ${r.cliVersion}, ` +
                "real engine, stand-in Azure provider, one timed preview each after a warm-up:",
        );
        console.log(`  without the policy pack  ${r.withoutPackSeconds.toFixed(2)} s`);
        console.log(`  with policy-pack/        ${r.withPackSeconds.toFixed(2)} s   (${r.ratio.toFixed(2)}x)`);
    } catch (err) {
        console.log(`pulumi preview benchmark not run: ${err instanceof Error ? err.message : err}`);
    }
}

main().then(
    code => {
        process.exitCode = code;
    },
    err => {
        console.error(err);
        process.exitCode = 1;
    },
);
