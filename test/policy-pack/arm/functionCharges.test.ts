// Every ARM function the evaluator runs draws on the resource's evaluation budget, so that no function, however
// new, can be called in a loop of a template for free. A function added to a group in arm/functions/ without
// charging its work fails here; one that need not charge must be named in UNCHARGED below, on purpose.
import * as assert from "assert";
import { Budget } from "../../../policy-pack/arm/budget";
import { pureFunction, PURE_FUNCTIONS } from "../../../policy-pack/arm/functions/table";
import { readInput } from "../../../policy-pack/arm/inputCopy";
import { Unverifiable, Value } from "../../../policy-pack/arm/values";

/**
 * Functions that take no step of their own: constant work (arithmetic, logic, literals, an item or the count of a
 * value), or one native scan of an argument that was charged when it was built and that MAX_VALUE_SIZE bounds
 * (comparisons, min, max, startsWith, endsWith, int). The evaluator charges each call a step of its own.
 */
const UNCHARGED = new Set([
    ...["add", "sub", "mul", "div", "mod", "and", "or", "not", "bool", "int", "true", "false", "null"],
    ...["greater", "greaterorequals", "less", "lessorequals", "min", "max", "startswith", "endswith"],
    ...["array", "empty", "first", "last", "length"],
]);

/** Arguments tried for each function, until one gives it a value (not a refusal) to compute. */
const CANDIDATE_ARGUMENTS: unknown[][] = [
    ["abcdef"],
    ["abcdef", "cd"],
    ["abcdef", 1],
    ["abcdef", 1, 2],
    ["a,b,c", ","],
    ["abc", "x", "y"],
    [[1, 2, 3]],
    [
        [1, 2, 3],
        [3, 4],
    ],
    [[1, 2, 3], 1],
    [[1, 2, 3], 1, 1],
    [{ a: 1 }, { b: 2 }],
    [{ a: 1 }, "a"],
    [{ a: 1 }],
    [1, 2],
    [1, 2, 3],
    [7],
    [true, false],
    [true, 1, 2],
    [true],
    ["[1,2]"],
    ['{"a":1}'],
    ["YWJj"],
    ["{0}-{1}", "a", "b"],
    ["a", ["b", "c"]],
    [["a", "b"], "-"],
    [1, 3, "x"],
    ["abc", 6, "x"],
    ["eyJhIjoxfQ=="],
    [{ a: [{ b: 1 }] }],
    [[{ a: 1 }, { b: 2 }]],
    [],
];

describe("every ARM function charges the evaluation budget for its work", () => {
    for (const name of PURE_FUNCTIONS) {
        it(`${name}() charges the budget`, () => {
            const evaluate = pureFunction(name)!;
            const computed = CANDIDATE_ARGUMENTS.map(candidate => {
                const budget = new Budget();
                const result: Value = evaluate(
                    candidate.map(arg => readInput(arg)),
                    name,
                    budget,
                );
                return { candidate, computed: !(result instanceof Unverifiable), steps: budget.steps };
            }).filter(call => call.computed);
            assert.ok(computed.length > 0, `no argument list gives ${name}() a value: add one to CANDIDATE_ARGUMENTS`);
            if (!UNCHARGED.has(name)) {
                assert.ok(
                    computed.some(call => call.steps > 0),
                    `${name}() takes no step of the budget, whatever its arguments: ` +
                        computed.map(call => JSON.stringify(call.candidate)).join(" "),
                );
            }
        });
    }
});
