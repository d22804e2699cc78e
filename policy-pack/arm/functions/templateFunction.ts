// What every ARM template function the policy evaluates is: a pure function of evaluated arguments with no
// problem among them (see evaluate.ts) that draws on the resource's evaluation budget in proportion to the work
// it does and refuses to build a value larger than MAX_VALUE_SIZE. Arguments ARM would refuse are unverifiable
// ("so the deployment would fail"); a case whose result ARM does not document is unverifiable too. The checks and
// charges the functions of every group share are here.
import { Budget } from "../budget";
import { sameValue } from "../equality";
import { JsonTextError, parseJsonText } from "../jsonText";
import { MAX_VALUE_SIZE, sizeOf } from "../measures";
import { describeValue } from "../shownValue";
import { ValueCache } from "../valueCache";
import { isRecord, Unverifiable, Value } from "../values";

export type TemplateFunction = (args: Value[], name: string, budget: Budget) => Value;

/**
 * Steps per member of an object a function builds by merging: building, sizing and scanning a new object costs
 * far more than a step of evaluation.
 */
export const MERGE_STEPS = 10;

/** Arguments shown in a type error; more are counted, not shown. */
const MAX_ARGS_SHOWN = 4;

export function typeError(name: string, expected: string, args: Value[]): Unverifiable {
    const shown = args
        .slice(0, MAX_ARGS_SHOWN)
        .map(a => (Array.isArray(a) ? "an array" : isRecord(a) ? "an object" : describeValue(a)));
    const more = args.length > MAX_ARGS_SHOWN ? `, and ${args.length - MAX_ARGS_SHOWN} more` : "";
    return new Unverifiable(
        `${name}() takes ${expected}, not (${shown.join(", ")}${more}), so the deployment would fail`,
    );
}

export function tooLarge(name: string): Unverifiable {
    return new Unverifiable(
        `${name}() builds a value of more than ${MAX_VALUE_SIZE.toLocaleString("en-US")} characters`,
    );
}

export function undocumented(name: string, what: string): Unverifiable {
    return new Unverifiable(`the policy does not evaluate ${name}() ${what}, whose result ARM does not document`);
}

export function totalSize(args: Value[], cache: ValueCache): number {
    return args.reduce<number>((sum, arg) => sum + sizeOf(arg, cache), 0);
}

/** Records `steps` of work; the budget's verdict when it is exhausted. */
export function spend(budget: Budget, steps: number): Unverifiable | undefined {
    return budget.spend(steps) ? undefined : budget.exhausted();
}

/** Records the work of copying `size` characters or items natively; the budget's verdict when exhausted. */
export function spendOnSize(budget: Budget, size: number): Unverifiable | undefined {
    return budget.spendOnSize(size) ? undefined : budget.exhausted();
}

/** Records the work of reading `size` characters one at a time (parsing, searching); the verdict when exhausted. */
export function spendOnScan(budget: Budget, size: number): Unverifiable | undefined {
    return budget.spendOnScan(size) ? undefined : budget.exhausted();
}

export const isInteger = (value: Value): value is number => typeof value === "number" && Number.isSafeInteger(value);

/** An integer result, or unverifiable beyond the integers JavaScript holds exactly (ARM's are 64-bit). */
export function integerResult(name: string, value: number): Value {
    return Number.isSafeInteger(value)
        ? value
        : new Unverifiable(`${name}() gives ${value}, beyond the integers the policy evaluates exactly`);
}

/** One string argument, the only argument. */
export function oneString(name: string, args: Value[]): string | Unverifiable {
    return args.length === 1 && typeof args[0] === "string" ? args[0] : typeError(name, "one string", args);
}

/** Two integers. */
export function twoIntegers(name: string, args: Value[]): [number, number] | Unverifiable {
    return args.length === 2 && isInteger(args[0]) && isInteger(args[1])
        ? [args[0], args[1]]
        : typeError(name, "two integers", args);
}

/** Whether one value equals another, as `equals()`, `contains()` and `union()` compare them. */
export function equal(a: Value, b: Value, name: string, budget: Budget): boolean | Unverifiable {
    return sameValue(a, b, budget.cache, budget) ?? (budget.isExhausted ? budget.exhausted() : tooLarge(name));
}

/** `json()` reads its text with the same JSON reader as templates (Newtonsoft.Json's). */
export function parsedJson(name: string, text: string): Value {
    try {
        return parseJsonText(text);
    } catch (e) {
        if (e instanceof JsonTextError) {
            return new Unverifiable(`${name}() is given text that is not JSON (${e.message})`);
        }
        throw e;
    }
}
