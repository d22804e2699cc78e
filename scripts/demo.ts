// `npm run demo`: previews each example in examples/ with the policy pack through the real Pulumi CLI and
// engine, offline, and prints the engine's own output followed by a summary: the TypeScript examples as inline
// programs, then the YAML examples with the literal `pulumi preview` run in each one's folder, and last the
// compliance summary secure-webapp-report gives. Azure is replaced by the STAND-IN azure-native provider
// (tools/standin-azure-native); nothing leaves the machine.
import type * as auto from "@pulumi/pulumi/automation";
import * as path from "path";
import { EXAMPLES, ExampleName } from "../examples/programs";
import { YAML_EXAMPLES, YamlExample } from "../examples/yamlExamples";
import { readEngineEvents } from "../policy-pack/report/engineEvents";
import { toMarkdown } from "../policy-pack/report/markdown";
import { buildReport, ComplianceReport } from "../policy-pack/report/verdicts";
import { REPO_ROOT } from "../tools/engine/cli";
import { OfflineEngine, POLICY_PACK_DIR } from "../tools/engine/offlineEngine";
import { filteredOutputWriter } from "../tools/engine/printedOutput";

interface Verdict {
    readonly example: string;
    readonly expectedToPass: boolean;
    readonly exitCode: number;
    readonly seconds: number;
}

const rule = (title: string) => console.log(`\n${"=".repeat(100)}\n${title}\n${"=".repeat(100)}`);

/** Prints the engine's output line by line, marked off from the demo's own lines, without this engine's notices. */
function lineWriter(engine: OfflineEngine) {
    return filteredOutputWriter(
        line => engine.isOwnPluginNotice(line),
        line => console.log(`  | ${line}`),
    );
}

async function main(): Promise<number> {
    const engine = await OfflineEngine.start({ yaml: true });
    try {
        console.log(`Pulumi CLI ${engine.cli.version} (${engine.cli.origin}: ${engine.cli.command})`);
        console.log(`Backend ${engine.env.PULUMI_BACKEND_URL}; Azure is the STAND-IN provider, nothing is deployed.`);
        const packArgument = path.relative(REPO_ROOT, engine.policyPack);
        if (engine.policyPack !== POLICY_PACK_DIR) {
            console.log(`This CLI has no Node.js language host, so policy-pack/ is started through ${packArgument}.`);
        }
        const verdicts: Verdict[] = [];
        const stacks: auto.Stack[] = [];
        for (const [example, { description, compliant, program }] of Object.entries(EXAMPLES) as [
            ExampleName,
            (typeof EXAMPLES)[ExampleName],
        ][]) {
            rule(`examples/${example}: ${description}\n$ pulumi preview --policy-pack ${packArgument}`);
            const stack = await engine.stack(example, program());
            stacks.push(stack);
            const started = Date.now();
            const output = lineWriter(engine);
            const outcome = await engine.preview(stack, { withPolicyPack: true, onOutput: text => output.write(text) });
            output.write(outcome.stderr);
            output.flush();
            console.log(`  (exit code ${outcome.exitCode})`);
            verdicts.push({
                example,
                expectedToPass: compliant,
                exitCode: outcome.exitCode,
                seconds: (Date.now() - started) / 1000,
            });
        }
        verdicts.push(...(await previewYamlExamples(engine)));
        const exitCode = summarize(verdicts);
        await printComplianceSummary(engine, stacks);
        return exitCode;
    } finally {
        engine.dispose();
    }
}

/** Each YAML example through the literal `pulumi preview` in its folder, printed as typed. */
async function previewYamlExamples(engine: OfflineEngine): Promise<Verdict[]> {
    const verdicts: Verdict[] = [];
    for (const [example, yamlExample] of Object.entries(YAML_EXAMPLES)) {
        const { description, compliant, policyPackConfig } = yamlExample as YamlExample;
        const folder = path.join(REPO_ROOT, "examples", example);
        const args = await engine.projectArgs("preview", folder, { withPolicyPack: true, policyPackConfig });
        rule(`examples/${example}: ${description}\n$ cd examples/${example} && pulumi ${args.join(" ")}`);
        const output = lineWriter(engine);
        const started = Date.now();
        const outcome = await engine.run(args, folder, { onOutput: text => output.write(text) });
        output.write(outcome.stderr);
        output.flush();
        console.log(`  (exit code ${outcome.exitCode})`);
        verdicts.push({
            example,
            expectedToPass: compliant,
            exitCode: outcome.exitCode,
            seconds: (Date.now() - started) / 1000,
        });
    }
    return verdicts;
}

function summarize(verdicts: Verdict[]): number {
    rule("Summary: pulumi preview with the azure-secure-webapp policy pack");
    for (const v of verdicts) {
        const outcome = v.exitCode === 0 ? "passed (exit 0)" : `BLOCKED (exit ${v.exitCode})`;
        const expected =
            v.expectedToPass === (v.exitCode === 0)
                ? "as expected"
                : `UNEXPECTED: should have ${v.expectedToPass ? "passed" : "been blocked"}`;
        console.log(`  ${v.example.padEnd(30)} ${outcome.padEnd(18)} ${expected.padEnd(12)} ${v.seconds.toFixed(1)} s`);
    }
    const unexpected = verdicts.filter(v => v.expectedToPass !== (v.exitCode === 0)).length;
    console.log(
        unexpected === 0
            ? `\nThe compliant programs passed; the ${verdicts.filter(v => !v.expectedToPass).length} non-compliant ones were blocked (by the policy pack, or by SecureWebApp refusing an argument).`
            : `\n${unexpected} example(s) did not get the verdict they should have.`,
    );
    return unexpected === 0 ? 0 : 1;
}

/**
 * What `pulumi preview --json | npx --prefix policy-pack secure-webapp-report` reports for the same programs: each stack's JSON event
 * stream read by the report's own modules, all App Service resources in one summary.
 */
async function printComplianceSummary(engine: OfflineEngine, stacks: auto.Stack[]): Promise<void> {
    rule(
        "Compliance summary: PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1 pulumi preview --json | npx --prefix policy-pack secure-webapp-report",
    );
    const reports: ComplianceReport[] = [];
    for (const stack of stacks) {
        const outcome = await engine.previewJson(stack, { withPolicyPack: true, streamEvents: true });
        reports.push(
            buildReport(readEngineEvents(outcome.stdout, `${stack.name} preview`).events, {
                source: stack.name,
                projectDir: ".",
            }),
        );
    }
    console.log(
        toMarkdown({
            ...reports[0],
            project: reports.map(r => r.project).join(", "),
            resources: reports.flatMap(r => r.resources),
        }),
    );
}

main().then(
    code => process.exit(code),
    err => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(2);
    },
);
