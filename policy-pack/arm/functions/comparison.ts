// ARM's comparison functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison);
// coalesce() is evaluated in evaluate.ts, since a value that cannot be known decides nothing after it.
import { firstProblem, problemWithin, Unverifiable } from "../values";
import { equal, TemplateFunction, twoIntegers, typeError, undocumented } from "./templateFunction";

function comparison(holds: (a: number, b: number) => boolean): TemplateFunction {
    return (args, name) => {
        if (args.length === 2 && typeof args[0] === "string" && typeof args[1] === "string") {
            return undocumented(name, "on strings (ARM's string order is culture-dependent)");
        }
        const operands = twoIntegers(name, args);
        return operands instanceof Unverifiable ? operands : holds(...operands);
    };
}

export const comparisonFunctions: Record<string, TemplateFunction> = {
    equals(args, name, budget) {
        if (args.length !== 2) {
            return typeError(name, "two values", args);
        }
        return (
            firstProblem(args.map(arg => problemWithin(arg, budget.cache) ?? null)) ??
            equal(args[0], args[1], name, budget)
        );
    },
    greater: comparison((a, b) => a > b),
    greaterorequals: comparison((a, b) => a >= b),
    less: comparison((a, b) => a < b),
    lessorequals: comparison((a, b) => a <= b),
};
