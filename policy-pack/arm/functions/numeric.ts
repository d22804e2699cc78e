// ARM's numeric functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric);
// min() and max() are among the array functions, copyIndex() is evaluated in evaluate.ts.
import { Unverifiable } from "../values";
import { integerResult, isInteger, TemplateFunction, twoIntegers, typeError } from "./templateFunction";

function arithmetic(operation: (a: number, b: number) => number | Unverifiable): TemplateFunction {
    return (args, name) => {
        const operands = twoIntegers(name, args);
        if (operands instanceof Unverifiable) {
            return operands;
        }
        const result = operation(...operands);
        return result instanceof Unverifiable ? result : integerResult(name, result);
    };
}

export const numericFunctions: Record<string, TemplateFunction> = {
    add: arithmetic((a, b) => a + b),
    div: arithmetic((a, b) =>
        b === 0 ? new Unverifiable("div() divides by zero, so the deployment would fail") : Math.trunc(a / b),
    ),
    int(args, name) {
        const [value] = args;
        if (args.length === 1 && isInteger(value)) {
            return value;
        }
        if (args.length === 1 && typeof value === "string" && /^[\t-\r ]*[+-]?[0-9]+[\t-\r ]*$/.test(value)) {
            return integerResult(name, Number(value));
        }
        return typeError(name, "an integer or the text of one", args);
    },
    mod: arithmetic((a, b) =>
        b === 0 ? new Unverifiable("mod() divides by zero, so the deployment would fail") : a % b,
    ),
    mul: arithmetic((a, b) => a * b),
    sub: arithmetic((a, b) => a - b),
};
