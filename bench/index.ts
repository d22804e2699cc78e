// `npm run bench`: the policy pack against a no-op pack (start-up, Analyze throughput, peak memory, scaling),
// then the `pulumi preview` wall-time benchmark when bench/preview.ts is present.
// Environment: BENCH_QUICK=1 for a short smoke run (fewer starts and passes; figures are noisier).

import { benchPolicyPack, DEFAULT_OPTIONS } from "./policyPack";
import { checkTargets, formatReport, verdictProblems } from "./report";

async function main(): Promise<number> {
    const quick = process.env.BENCH_QUICK === "1";
    const options = quick
        ? { ...DEFAULT_OPTIONS, startupRuns: 3, analyzeRuns: () => 1, counts: [1000, 3000] }
        : DEFAULT_OPTIONS;
    const result = await benchPolicyPack(options);
    const checks = checkTargets(result);
    console.log(formatReport(result, checks));

    const problems = verdictProblems(result);
    for (const problem of problems) {
        console.log(`WRONG VERDICTS: ${problem}`);
    }

    // Hook for the preview benchmark (bench/preview.ts, owned by the end-to-end work): print its figures here.

    return problems.length === 0 && checks.every(check => check.met) ? 0 : 1;
}

main().then(code => { process.exitCode = code; }, err => {
    console.error(err);
    process.exitCode = 1;
});
