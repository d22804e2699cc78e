// The CPU time to spend one resource's whole evaluation budget, for each shape of costly template: the budget
// counts work in steps, and a step must cost about the same whatever the template does with it, so that no
// template keeps the pack busy for long. Each site found is read as the pack's policies read it: the
// client-certificate mode and every baseline setting, on the same budget. `npx ts-node bench/evaluationBudget.ts` prints the figures; `npm run
// bench` includes them with the target.

import { Budget, MAX_EVALUATION_STEPS } from "../policy-pack/arm/budget";
import { NO_PARAMETER_VALUES } from "../policy-pack/arm/scope";
import { readInput } from "../policy-pack/arm/inputCopy";
import { findSites } from "../policy-pack/arm/walker";
import { spendsItsBudget } from "../tools/engine/costlyTemplates";
import { ARM_TEMPLATE_PLACES } from "../policy-pack/families/siteSettingPlaces";

/** Spending a whole budget may take at most this much CPU time, on any shape (the 2-core development machine). */
export const BUDGET_SECONDS_TARGET = 0.5;

/** 200 kB of text for the string functions to scan: braces for format(), delimiters for split(). */
const TEXT = "{0}".repeat(60_000) + "b".repeat(20_000);

/** A template of 800 sites (ARM's most) whose every mode evaluates `work`, with `variables` available to it. */
function everySite(work: string, variables: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        variables: { x: TEXT, ...variables },
        resources: Array.from({ length: 800 }, (_, i) => ({
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: `w${i}`,
            properties: {
                clientCertEnabled: true,
                clientCertMode: `[if(equals(${work}, ${i}), 'Required', 'Optional')]`,
            },
        })),
    };
}

const bigObject = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, i]));

/** Templates that each spend at least one whole budget, by the kind of work they repeat. */
export const BUDGET_SHAPES: Record<string, () => Record<string, unknown>> = {
    "merged and printed objects (costlyTemplates.ts)": spendsItsBudget,
    "toUpper of 200 kB": () => everySite("length(toUpper(variables('x')))"),
    "format of 200 kB": () => everySite("length(format(variables('x'), 'z'))"),
    "split of 200 kB": () => everySite("length(split(variables('x'), createArray('{0}{', '0}')))"),
    "string(split()) of 200 kB": () => everySite("length(string(split(variables('x'), '{')))"),
    "replace in 200 kB": () => everySite("length(replace(variables('x'), '{0}', 'yy'))"),
    "indexOf in 200 kB": () => everySite("lastIndexOf(variables('x'), 'a')"),
    "json of 200 kB": () => everySite("length(json(string(split(variables('x'), '{'))))"),
    "parsing 24,576-character expressions": () =>
        everySite(
            `length(concat(${Array.from({ length: 1800 }, () => "'ab''cd',1").join(",")}, '${"q".repeat(4000)}'))`,
        ),
    "parsing 24,576-character expressions of short tokens": () =>
        everySite(`length(createArray(${Array.from({ length: 3000 }, () => "'',1,").join("")}''))`),
    "members of an 80,000-key object": () =>
        everySite("add(add(length(variables('big')), variables('big').k79999), length(objectKeys(variables('big'))))", {
            big: bigObject,
        }),
    "json of a 40,000-key object": () =>
        everySite("length(json(variables('text')))", {
            text: JSON.stringify(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]))),
        }),
    "items of an 80,000-key object": () => everySite("length(items(variables('big')))", { big: bigObject }),
};

/**
 * CPU milliseconds per budget (a million steps) of the first run in this process (before the JIT has seen the
 * shape) and the slowest of `rounds` more, and the steps spent.
 */
function measure(template: Record<string, unknown>, rounds: number): { first: number; slowest: number; steps: number } {
    let first = 0;
    let slowest = 0;
    let steps = 0;
    for (let round = 0; round <= rounds; round++) {
        const input = readInput(template); // fresh values, as each resource brings: nothing measured or indexed yet
        const budget = new Budget();
        const started = process.cpuUsage();
        for (const finding of findSites({
            template: input,
            path: "template",
            parameters: NO_PARAMETER_VALUES,
            budget,
        })) {
            if (finding.kind === "site") {
                finding.setting("mode");
                for (const place of Object.values(ARM_TEMPLATE_PLACES)) {
                    if ("path" in place) {
                        finding.valueAt(place.path); // the baseline rules' reads, on the same budget
                    }
                }
            }
        }
        const used = process.cpuUsage(started);
        const ms = (used.user + used.system) / 1000;
        steps = budget.steps;
        const perBudget = (ms * MAX_EVALUATION_STEPS) / steps;
        if (round === 0) {
            first = perBudget;
        } else {
            slowest = Math.max(slowest, perBudget);
        }
    }
    return { first, slowest, steps };
}

/** The report's lines, and whether every shape met the target. */
export function benchEvaluationBudget(rounds = 3): { report: string; met: boolean } {
    const lines = [
        "",
        `ARM evaluation budget: CPU time to spend ${MAX_EVALUATION_STEPS.toLocaleString("en-US")} steps, by template shape`,
        `${"shape".padEnd(50)} first run  slowest of ${rounds} more  steps spent`,
    ];
    let met = true;
    for (const [shape, template] of Object.entries(BUDGET_SHAPES)) {
        const { first, slowest, steps } = measure(template(), rounds);
        const ok = Math.max(first, slowest) <= BUDGET_SECONDS_TARGET * 1000;
        met &&= ok;
        lines.push(
            `${shape.padEnd(50)} ${first.toFixed(0).padStart(6)} ms ${slowest.toFixed(0).padStart(14)} ms ` +
                `${steps.toLocaleString("en-US").padStart(12)}${ok ? "" : "  MISSED"}`,
        );
    }
    lines.push(`target: every shape <= ${BUDGET_SECONDS_TARGET * 1000} ms per budget: ${met ? "met" : "MISSED"}`);
    return { report: lines.join("\n"), met };
}

if (require.main === module) {
    const { report, met } = benchEvaluationBudget(Number(process.env.ROUNDS ?? 3));
    console.log(report);
    process.exitCode = met ? 0 : 1;
}
