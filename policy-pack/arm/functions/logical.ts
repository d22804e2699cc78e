// ARM's logical functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-logical);
// if() is evaluated in evaluate.ts, which evaluates only the branch taken.
import { Unverifiable, Value } from "../values";
import { TemplateFunction, typeError } from "./templateFunction";

function booleans(name: string, args: Value[]): boolean[] | Unverifiable {
    return args.length > 0 && args.every(a => typeof a === "boolean")
        ? (args as boolean[])
        : typeError(name, "booleans", args);
}

export const logicalFunctions: Record<string, TemplateFunction> = {
    and(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.every(Boolean);
    },
    bool(args, name) {
        const [value] = args;
        if (args.length === 1 && typeof value === "boolean") {
            return value;
        }
        if (args.length === 1 && typeof value === "number") {
            return value !== 0;
        }
        const text = args.length === 1 && typeof value === "string" ? value.toLowerCase() : undefined;
        return text === "true"
            ? true
            : text === "false"
              ? false
              : typeError(name, 'a boolean, "true", "false" or a number', args);
    },
    false: () => false,
    not(args, name) {
        return args.length === 1 && typeof args[0] === "boolean" ? !args[0] : typeError(name, "one boolean", args);
    },
    or(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.some(Boolean);
    },
    true: () => true,
};
