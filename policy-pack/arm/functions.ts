// The pure ARM template functions the policy evaluates, with ARM's documented semantics: those real templates
// use to compute settings from literals, parameters and variables. Each takes evaluated arguments with no
// problem among them (see evaluate.ts), draws on the resource's evaluation budget in proportion to the work it
// does, and refuses to build a value larger than MAX_VALUE_SIZE. Arguments ARM would refuse are unverifiable
// ("so the deployment would fail"); a case whose result ARM does not document is unverifiable too.
import { Budget, jsonTextSteps } from "./budget";
import { isDotNetWhiteSpace, JsonTextError, MONGOLIAN_VOWEL_SEPARATOR, parseJsonText } from "./jsonText";
import { sameValue } from "./equality";
import { keyCount, MAX_VALUE_SIZE, sizeOf } from "./measures";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { firstProblem, isRecord, ObjectValue, problemWithin, setMember, Unverifiable, Value } from "./values";

type TemplateFunction = (args: Value[], name: string, budget: Budget) => Value;

/** Functions whose value only Azure knows while it runs the deployment. */
const DEPLOYMENT_TIME = new Set([
    "reference",
    "references",
    "resourceid",
    "subscriptionresourceid",
    "tenantresourceid",
    "extensionresourceid",
    "managementgroupresourceid",
    "resourcegroup",
    "subscription",
    "managementgroup",
    "tenant",
    "deployment",
    "deployer",
    "environment",
    "uniquestring",
    "guid",
    "newguid",
    "utcnow",
    "pickzones",
    "providers",
    "listkeys",
    "listsecrets",
    "listaccountsas",
    "listservicesas",
    "list",
    "getsecret",
]);

/** Longest count of `range()`, as ARM documents it. */
export const MAX_RANGE_COUNT = 10_000;

/** Widest `padLeft()` the policy evaluates; wider pads are unverifiable rather than built. */
export const MAX_PAD_WIDTH = 10_000;

/**
 * Steps per member of an object a function builds by merging: building, sizing and scanning a new object costs
 * far more than a step of evaluation.
 */
const MERGE_STEPS = 10;

/** Arguments shown in a type error; more are counted, not shown. */
const MAX_ARGS_SHOWN = 4;

/** Why a function cannot be evaluated before deployment (for messages). */
export function unsupportedFunction(name: string): Unverifiable {
    const lower = name.toLowerCase();
    if (lower === "copyindex") {
        return new Unverifiable("copyIndex() differs from one copy of the loop to the next");
    }
    if (DEPLOYMENT_TIME.has(lower) || lower.startsWith("list")) {
        return new Unverifiable(`${name}() is known only when Azure runs the deployment`);
    }
    return new Unverifiable(`the policy does not evaluate the template function ${name}()`);
}

/** .NET's text for a scalar, as ARM's `string()` and `format()` produce it. */
function scalarText(value: Value): string | undefined {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "boolean") {
        return value ? "True" : "False";
    }
    if (typeof value === "number") {
        return String(value);
    }
    return value === null ? "" : undefined;
}

function typeError(name: string, expected: string, args: Value[]): Unverifiable {
    const shown = args
        .slice(0, MAX_ARGS_SHOWN)
        .map(a => (Array.isArray(a) ? "an array" : isRecord(a) ? "an object" : describeValue(a)));
    const more = args.length > MAX_ARGS_SHOWN ? `, and ${args.length - MAX_ARGS_SHOWN} more` : "";
    return new Unverifiable(
        `${name}() takes ${expected}, not (${shown.join(", ")}${more}), so the deployment would fail`,
    );
}

function tooLarge(name: string): Unverifiable {
    return new Unverifiable(
        `${name}() builds a value of more than ${MAX_VALUE_SIZE.toLocaleString("en-US")} characters`,
    );
}

function undocumented(name: string, what: string): Unverifiable {
    return new Unverifiable(`the policy does not evaluate ${name}() ${what}, whose result ARM does not document`);
}

function totalSize(args: Value[]): number {
    return args.reduce<number>((sum, arg) => sum + sizeOf(arg), 0);
}

/** Records `steps` of work; the budget's verdict when it is exhausted. */
function spend(budget: Budget, steps: number): Unverifiable | undefined {
    return budget.spend(steps) ? undefined : budget.exhausted();
}

/** Records the work of copying `size` characters or items natively; the budget's verdict when exhausted. */
function spendOnSize(budget: Budget, size: number): Unverifiable | undefined {
    return budget.spendOnSize(size) ? undefined : budget.exhausted();
}

/** Records the work of reading `size` characters one at a time (parsing, searching); the verdict when exhausted. */
function spendOnScan(budget: Budget, size: number): Unverifiable | undefined {
    return budget.spendOnScan(size) ? undefined : budget.exhausted();
}

const isInteger = (value: Value): value is number => typeof value === "number" && Number.isSafeInteger(value);

/** An integer result, or unverifiable beyond the integers JavaScript holds exactly (ARM's are 64-bit). */
function integerResult(name: string, value: number): Value {
    return Number.isSafeInteger(value)
        ? value
        : new Unverifiable(`${name}() gives ${value}, beyond the integers the policy evaluates exactly`);
}

function booleans(name: string, args: Value[]): boolean[] | Unverifiable {
    return args.length > 0 && args.every(a => typeof a === "boolean")
        ? (args as boolean[])
        : typeError(name, "booleans", args);
}

/** One string argument, the only argument. */
function oneString(name: string, args: Value[]): string | Unverifiable {
    return args.length === 1 && typeof args[0] === "string" ? args[0] : typeError(name, "one string", args);
}

/** Two integers. */
function twoIntegers(name: string, args: Value[]): [number, number] | Unverifiable {
    return args.length === 2 && isInteger(args[0]) && isInteger(args[1])
        ? [args[0], args[1]]
        : typeError(name, "two integers", args);
}

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

function comparison(holds: (a: number, b: number) => boolean): TemplateFunction {
    return (args, name) => {
        if (args.length === 2 && typeof args[0] === "string" && typeof args[1] === "string") {
            return undocumented(name, "on strings (ARM's string order is culture-dependent)");
        }
        const operands = twoIntegers(name, args);
        return operands instanceof Unverifiable ? operands : holds(...operands);
    };
}

/** The integers of `min()` and `max()`: given one by one, or as one array. */
function integersOf(name: string, args: Value[]): number[] | Unverifiable {
    const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    return values.length > 0 && values.every(isInteger)
        ? (values as number[])
        : typeError(name, "integers, or an array of integers", args);
}

/** Whether one value equals another, as `equals()`, `contains()` and `union()` compare them. */
function equal(a: Value, b: Value, name: string, budget: Budget): boolean | Unverifiable {
    return sameValue(a, b, budget) ?? (budget.isExhausted ? budget.exhausted() : tooLarge(name));
}

/** The distinct items of arrays, first occurrence first (`union()` of arrays). */
function distinctItems(arrays: Value[][], name: string, budget: Budget): Value[] | Unverifiable {
    const problem = spend(
        budget,
        arrays.reduce((sum, array) => sum + array.length, 0),
    );
    if (problem) {
        return problem;
    }
    const items: Value[] = [];
    const scalars = new Set<unknown>();
    const composites: Value[] = [];
    for (const array of arrays) {
        for (const item of array) {
            if (typeof item !== "object" || item === null) {
                const key = `${typeof item}:${String(item)}`;
                if (!scalars.has(key)) {
                    scalars.add(key);
                    items.push(item);
                }
                continue;
            }
            // Objects and arrays are compared with those already kept: the budget bounds the quadratic case.
            let found = false;
            for (const kept of composites) {
                const same = equal(item, kept, name, budget);
                if (same instanceof Unverifiable) {
                    return same;
                }
                if (same) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                composites.push(item);
                items.push(item);
            }
        }
    }
    return items;
}

/** ARM's deep merge of objects (`union()`): nested objects merge, any other value of a later object replaces. */
function mergedObjects(objects: ObjectValue[], budget: Budget): ObjectValue | Unverifiable {
    const result: ObjectValue = {};
    for (const object of objects) {
        for (const key in object) {
            if (!budget.spend(MERGE_STEPS)) {
                return budget.exhausted();
            }
            const earlier = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
            const later = object[key];
            const value = isRecord(earlier) && isRecord(later) ? mergedObjects([earlier, later], budget) : later;
            if (value instanceof Unverifiable && !(later instanceof Unverifiable)) {
                return value;
            }
            setMember(result, key, value);
        }
    }
    return result;
}

/** Objects' keys in ARM's order, or undefined when that order depends on letter case; sorted once per object. */
const sortedKeysOf = new WeakMap<ObjectValue, readonly string[] | undefined>();

/** Keys in the order ARM lists them (`items()`, `objectKeys()`): sorted, which is only certain when case does not matter. */
function sortedKeys(name: string, object: ObjectValue): readonly string[] | Unverifiable {
    let keys = sortedKeysOf.get(object);
    if (!sortedKeysOf.has(object)) {
        const sorted = Object.keys(object).sort();
        const lower = sorted.map(key => key.toLowerCase());
        keys = lower.every((key, i) => i === 0 || lower[i - 1] <= key) ? sorted : undefined;
        sortedKeysOf.set(object, keys);
    }
    return keys ?? undocumented(name, "on keys whose order depends on letter case");
}

/** `skip()` and `take()`: the part of an array or string after or up to `count` items. */
function part(which: "skip" | "take"): TemplateFunction {
    return (args, name, budget) => {
        const [value, count] = args;
        if (args.length !== 2 || !(typeof value === "string" || Array.isArray(value)) || !isInteger(count)) {
            return typeError(name, "an array or string, and an integer", args);
        }
        const at = Math.max(0, Math.min(count, value.length));
        const result = which === "skip" ? value.slice(at) : value.slice(0, at);
        return spendOnSize(budget, result.length) ?? result;
    };
}

/** `indexOf()` and `lastIndexOf()`: in a string ignoring case, in an array by equal value. */
function position(last: boolean): TemplateFunction {
    return (args, name, budget) => {
        const [container, item] = args;
        if (args.length === 2 && typeof container === "string" && typeof item === "string") {
            if (item === "") {
                return last ? undocumented(name, "of an empty string") : 0; // .NET finds "" at the start
            }
            // Ordinal, ignoring case as .NET's OrdinalIgnoreCase does: both upper-cased, one character to one.
            return (
                spendOnSize(budget, container.length + item.length) ??
                spendOnScan(budget, container.length + item.length) ??
                ordinalIndexOf(invariantCase(container, true), invariantCase(item, true), last)
            );
        }
        if (args.length === 2 && Array.isArray(container)) {
            for (let i = 0; i < container.length; i++) {
                const index = last ? container.length - 1 - i : i;
                const same = equal(container[index], item, name, budget);
                if (same !== false) {
                    return same === true ? index : same;
                }
            }
            return -1;
        }
        return typeError(name, "a string and a string, or an array and a value", args);
    };
}

/** `startsWith()` and `endsWith()`, which ignore case (ordinally, as `indexOf()`). */
function affix(test: (text: string, affix: string) => boolean): TemplateFunction {
    return (args, name, budget) =>
        args.length === 2 && typeof args[0] === "string" && typeof args[1] === "string"
            ? (spendOnSize(budget, 2 * (args[0].length + args[1].length)) ??
              test(invariantCase(args[0], true), invariantCase(args[1], true)))
            : typeError(name, "two strings", args);
}

/**
 * Parts of `text` between any of the delimiters, as .NET's `Split` finds them: from the start, the first
 * delimiter (in their order) that occurs at a position. Linear in the text for each delimiter.
 */
function splitText(text: string, delimiters: string[]): Value[] {
    // For each position, the first delimiter that occurs there (occurrences may overlap).
    const at = new Int32Array(text.length).fill(-1);
    delimiters.forEach((delimiter, d) => {
        for (const position of occurrences(text, delimiter, "overlapping")) {
            if (at[position] === -1) {
                at[position] = d;
            }
        }
    });
    const parts: Value[] = [];
    let start = 0;
    for (let i = 0; i < text.length;) {
        if (at[i] === -1) {
            i++;
        } else {
            parts.push(text.slice(start, i));
            i += delimiters[at[i]].length;
            start = i;
        }
    }
    parts.push(text.slice(start));
    return parts;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodedBase64(name: string, args: Value[]): string | Unverifiable {
    const text = oneString(name, args);
    if (text instanceof Unverifiable) {
        return text;
    }
    return BASE64.test(text) ? Buffer.from(text, "base64").toString("utf8") : typeError(name, "base64 text", args);
}

/** `json()` reads its text with the same JSON reader as templates (Newtonsoft.Json's). */
function parsedJson(name: string, text: string): Value {
    try {
        return parseJsonText(text);
    } catch (e) {
        if (e instanceof JsonTextError) {
            return new Unverifiable(`${name}() is given text that is not JSON (${e.message})`);
        }
        throw e;
    }
}

/**
 * Characters whose simple upper-case mapping (Unicode's, one character to one) differs from what JavaScript's
 * full mapping of the character alone gives: Greek letters with a iota subscript map to their title-case forms.
 */
const SIMPLE_UPPER: ReadonlyMap<string, string> = new Map([
    ...[0x1f80, 0x1f90, 0x1fa0].flatMap(base =>
        Array.from({ length: 8 }, (_, i): [string, string] => [
            String.fromCharCode(base + i),
            String.fromCharCode(base + i + 8),
        ]),
    ),
    ["\u1fb3", "\u1fbc"],
    ["\u1fc3", "\u1fcc"],
    ["\u1ff3", "\u1ffc"],
]);

/**
 * .NET's `ToUpperInvariant` / `ToLowerInvariant` (ARM's `toUpper`, `toLower`): each code point by its simple case
 * mapping, one to one, so the length never changes (`ß` stays `ß`); like Windows, the invariant culture keeps
 * the dotless `ı` on upper-casing and the dotted `İ` on lower-casing.
 */
export function invariantCase(text: string, upper: boolean): string {
    if (!/[^ -~\t\n\r]/.test(text)) {
        return upper ? text.toUpperCase() : text.toLowerCase();
    }
    const pieces: string[] = [];
    for (const character of text) {
        if (character === (upper ? "\u0131" : "\u0130")) {
            pieces.push(character);
            continue;
        }
        const simple = upper ? SIMPLE_UPPER.get(character) : undefined;
        const mapped = simple ?? (upper ? character.toUpperCase() : character.toLowerCase());
        // A full mapping to several characters (`ß` to `SS`) has no simple counterpart: the character stays.
        pieces.push(mapped.length === character.length ? mapped : character);
    }
    return pieces.join("");
}

/** .NET's `Trim()`: its white space (see `isDotNetWhiteSpace`) from both ends. */
function dotNetTrim(name: string, text: string): string | Unverifiable {
    let start = 0;
    let end = text.length;
    while (start < end && isDotNetWhiteSpace(text.charCodeAt(start))) {
        start++;
    }
    while (end > start && isDotNetWhiteSpace(text.charCodeAt(end - 1))) {
        end--;
    }
    if (
        start < end &&
        (text.charCodeAt(start) === MONGOLIAN_VOWEL_SEPARATOR || text.charCodeAt(end - 1) === MONGOLIAN_VOWEL_SEPARATOR)
    ) {
        return undocumented(name, "of text that begins or ends with U+180E, white space on some .NET runtimes only");
    }
    return text.slice(start, end);
}

/**
 * Where `pattern` occurs in `text`, ordinally: left to right without overlaps (as .NET's `Replace` finds them),
 * every occurrence, or only the first; or only the last (read right to left). Knuth-Morris-Pratt: linear in
 * both lengths whatever they hold.
 */
function occurrences(text: string, pattern: string, which: "separate" | "overlapping" | "first" | "last"): number[] {
    const found: number[] = [];
    const m = pattern.length;
    if (m === 0) {
        return found;
    }
    // The last occurrence is the first one in both strings read backwards, character by character.
    const backwards = which === "last";
    const p = backwards ? (i: number) => pattern.charCodeAt(m - 1 - i) : (i: number) => pattern.charCodeAt(i);
    const t = backwards ? (i: number) => text.charCodeAt(text.length - 1 - i) : (i: number) => text.charCodeAt(i);
    const failure = new Int32Array(m);
    for (let i = 1, k = 0; i < m; i++) {
        while (k > 0 && p(i) !== p(k)) {
            k = failure[k - 1];
        }
        if (p(i) === p(k)) {
            k++;
        }
        failure[i] = k;
    }
    for (let i = 0, k = 0; i < text.length; i++) {
        const c = t(i);
        while (k > 0 && c !== p(k)) {
            k = failure[k - 1];
        }
        if (c === p(k)) {
            k++;
        }
        if (k === m) {
            found.push(backwards ? text.length - 1 - i : i - k + 1);
            if (which === "first" || backwards) {
                break;
            }
            k = which === "overlapping" ? failure[k - 1] : 0;
        }
    }
    return found;
}

/** The first (or last) position of `pattern` in `text`, ordinally, in linear time; -1 when absent. */
function ordinalIndexOf(text: string, pattern: string, last: boolean): number {
    return occurrences(text, pattern, last ? "last" : "first")[0] ?? -1;
}

/**
 * `format()` as .NET's `String.Format` reads its format string, in one pass: `{{` and `}}` are braces, `{n}`
 * inserts the n-th value's text; an alignment or format specifier (`{0,5}`, `{0:D2}`) and any other brace are
 * unverifiable.
 */
function formatted(name: string, format: string, values: Value[]): string[] | Unverifiable {
    const pieces: string[] = [];
    let length = 0;
    let start = 0;
    const add = (piece: string): boolean => {
        pieces.push(piece);
        length += piece.length;
        return length <= MAX_VALUE_SIZE;
    };
    const brace = /[{}]/g; // found natively, so that text between items costs a copy, not a read per character
    for (let i = 0; ; i++) {
        brace.lastIndex = i;
        const match = brace.exec(format);
        if (match === null) {
            break;
        }
        i = match.index;
        const c = format[i];
        if (!add(format.slice(start, i))) {
            return tooLarge(name);
        }
        if (format[i + 1] === c) {
            add(c);
            i++;
            start = i + 1;
            continue;
        }
        let end = i + 1;
        while (end < format.length && format.charCodeAt(end) >= 48 && format.charCodeAt(end) <= 57) {
            end++;
        }
        const piece =
            c === "{" && end > i + 1 && format[end] === "}"
                ? scalarText(values[Number(format.slice(i + 1, end))])
                : undefined;
        if (piece === undefined) {
            return new Unverifiable(
                `${name}() has the item ${JSON.stringify(format.slice(i, Math.min(end + 1, i + 20)))}, with no plain value to insert`,
            );
        }
        if (!add(piece)) {
            return tooLarge(name);
        }
        i = end;
        start = end + 1;
    }
    return add(format.slice(start)) ? pieces : tooLarge(name);
}

const functions: Record<string, TemplateFunction> = {
    concat(args, name, budget) {
        const size = totalSize(args);
        if (size > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const problem = spendOnSize(budget, size);
        if (problem) {
            return problem;
        }
        if (args.length > 0 && args.every(Array.isArray)) {
            return ([] as Value[]).concat(...(args as Value[][]));
        }
        const texts = args.map(a => (typeof a === "string" || typeof a === "number" ? String(a) : undefined));
        return texts.every(t => t !== undefined) ? texts.join("") : typeError(name, "strings, or arrays", args);
    },
    format(args, name, budget) {
        const [format, ...values] = args;
        if (typeof format !== "string") {
            return typeError(name, "a format string first", args);
        }
        const pieces = formatted(name, format, values);
        if (pieces instanceof Unverifiable) {
            return pieces;
        }
        // Each piece (an item inserted, the text around it) is an allocation; every character is copied twice.
        const text = pieces.join("");
        return spend(budget, pieces.length) ?? spendOnSize(budget, format.length + text.length) ?? text;
    },
    equals(args, name, budget) {
        if (args.length !== 2) {
            return typeError(name, "two values", args);
        }
        return firstProblem(args.map(arg => problemWithin(arg) ?? null)) ?? equal(args[0], args[1], name, budget);
    },
    not(args, name) {
        return args.length === 1 && typeof args[0] === "boolean" ? !args[0] : typeError(name, "one boolean", args);
    },
    and(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.every(Boolean);
    },
    or(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.some(Boolean);
    },
    tolower(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable ? text : (spendOnSize(budget, text.length) ?? invariantCase(text, false));
    },
    toupper(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable ? text : (spendOnSize(budget, text.length) ?? invariantCase(text, true));
    },
    trim(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable ? text : (spendOnSize(budget, text.length) ?? dotNetTrim(name, text));
    },
    string(args, name, budget) {
        if (args.length !== 1) {
            return typeError(name, "one value", args);
        }
        const size = sizeOf(args[0]);
        if (size > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        return problemWithin(args[0]) ?? spendOnSize(budget, size) ?? scalarText(args[0]) ?? JSON.stringify(args[0]);
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
    createobject(args, name, budget) {
        if (args.length % 2 !== 0 || args.some((a, i) => i % 2 === 0 && typeof a !== "string")) {
            return typeError(name, "pairs of a key and a value", args);
        }
        if (totalSize(args) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const object: ObjectValue = {};
        for (let i = 0; i < args.length; i += 2) {
            setMember(object, args[i] as string, args[i + 1]);
        }
        return spend(budget, args.length) ?? object;
    },
    createarray(args, name, budget) {
        return totalSize(args) > MAX_VALUE_SIZE ? tooLarge(name) : (spend(budget, args.length) ?? [...args]);
    },
    array(args, name) {
        const [value] = args;
        if (args.length !== 1 || value === null || value === undefined) {
            return typeError(name, "one value", args);
        }
        return Array.isArray(value) ? value : [value];
    },
    json(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable
            ? text
            : (spend(budget, jsonTextSteps(text.length)) ?? parsedJson(name, text));
    },
    union(args, name, budget) {
        if (totalSize(args) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        if (args.length > 0 && args.every(Array.isArray)) {
            return distinctItems(args as Value[][], name, budget);
        }
        if (args.length > 0 && args.every(isRecord)) {
            const merged = mergedObjects(args as ObjectValue[], budget);
            return merged instanceof Unverifiable || sizeOf(merged) <= MAX_VALUE_SIZE ? merged : tooLarge(name);
        }
        return typeError(name, "arrays, or objects", args);
    },
    intersection(args, name, budget) {
        if (totalSize(args) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const [first, ...others] = args;
        if (args.length > 1 && args.every(Array.isArray)) {
            const common: Value[] = [];
            for (const item of first as Value[]) {
                let inAll = true;
                for (const other of others as Value[][]) {
                    const found = functions.contains([other, item], name, budget);
                    if (found instanceof Unverifiable) {
                        return found;
                    }
                    inAll = inAll && found === true;
                }
                const kept = inAll ? functions.contains([common, item], name, budget) : true;
                if (kept instanceof Unverifiable) {
                    return kept;
                }
                if (kept === false) {
                    common.push(item);
                }
            }
            return common;
        }
        if (args.length > 1 && args.every(isRecord)) {
            const common: ObjectValue = {};
            for (const key in first as ObjectValue) {
                let inAll = true;
                for (const other of others as ObjectValue[]) {
                    const same = Object.prototype.hasOwnProperty.call(other, key)
                        ? equal((first as ObjectValue)[key], other[key], name, budget)
                        : false;
                    if (same instanceof Unverifiable) {
                        return same;
                    }
                    inAll = inAll && same;
                }
                if (inAll) {
                    setMember(common, key, (first as ObjectValue)[key]);
                }
            }
            return common;
        }
        return typeError(name, "two or more arrays, or two or more objects", args);
    },
    shallowmerge(args, name, budget) {
        const [objects] = args;
        if (args.length !== 1 || !Array.isArray(objects) || !objects.every(isRecord)) {
            return typeError(name, "one array of objects", args);
        }
        const merged: ObjectValue = {};
        for (const object of objects as ObjectValue[]) {
            for (const key in object) {
                if (!budget.spend(MERGE_STEPS)) {
                    return budget.exhausted();
                }
                setMember(merged, key, object[key]);
            }
        }
        return merged;
    },
    contains(args, name, budget) {
        const [container, item] = args;
        if (args.length !== 2) {
            return typeError(name, "a container and a value to find", args);
        }
        if (typeof container === "string" && (typeof item === "string" || isInteger(item))) {
            const wanted = String(item);
            return (
                spendOnScan(budget, container.length + wanted.length) ??
                (wanted === "" || occurrences(container, wanted, "first").length > 0)
            );
        }
        if (Array.isArray(container)) {
            if (!budget.spend(container.length)) {
                return budget.exhausted();
            }
            for (const candidate of container) {
                const same = equal(candidate, item, name, budget);
                if (same !== false) {
                    return same;
                }
            }
            return false;
        }
        if (isRecord(container) && (typeof item === "string" || isInteger(item))) {
            const wanted = String(item).toLowerCase();
            return (
                spend(budget, Object.keys(container).length) ??
                Object.keys(container).some(key => key.toLowerCase() === wanted)
            );
        }
        return typeError(name, "an array, object or string, and a value to find in it", args);
    },
    empty(args, name) {
        const [value] = args;
        if (args.length === 1 && value === null) {
            return true; // ARM's empty() accepts null (Bicep declares it so), which is empty
        }
        if (args.length === 1 && (typeof value === "string" || Array.isArray(value))) {
            return value.length === 0;
        }
        if (args.length === 1 && isRecord(value)) {
            for (const key in value) {
                return key === undefined; // one member is enough to know
            }
            return true;
        }
        return typeError(name, "an array, object, string or null", args);
    },
    length(args, name, budget) {
        const [value] = args;
        if (args.length === 1 && (typeof value === "string" || Array.isArray(value))) {
            return value.length;
        }
        if (args.length === 1 && isRecord(value)) {
            const count = keyCount(value);
            return spendOnSize(budget, count) ?? count; // counting scans every key (once; charged every time)
        }
        return typeError(name, "an array, object or string", args);
    },
    first(args, name) {
        const [value] = args;
        if (args.length !== 1 || !(typeof value === "string" || Array.isArray(value))) {
            return typeError(name, "an array or string", args);
        }
        return value.length === 0 ? undocumented(name, "of an empty array or string") : value[0];
    },
    last(args, name) {
        const [value] = args;
        if (args.length !== 1 || !(typeof value === "string" || Array.isArray(value))) {
            return typeError(name, "an array or string", args);
        }
        return value.length === 0 ? undocumented(name, "of an empty array or string") : value[value.length - 1];
    },
    skip: part("skip"),
    take: part("take"),
    indexof: position(false),
    lastindexof: position(true),
    startswith: affix((text, prefix) => text.startsWith(prefix)),
    endswith: affix((text, suffix) => text.endsWith(suffix)),
    split(args, name, budget) {
        const [text, delimiter] = args;
        const delimiters =
            typeof delimiter === "string" ? [delimiter] : Array.isArray(delimiter) ? delimiter : undefined;
        if (
            args.length !== 2 ||
            typeof text !== "string" ||
            delimiters === undefined ||
            delimiters.length === 0 ||
            !delimiters.every(d => typeof d === "string" && d !== "")
        ) {
            return typeError(name, "a string and a delimiter (a non-empty string, or an array of them)", args);
        }
        const problem = spendOnScan(budget, text.length * delimiters.length);
        if (problem) {
            return problem;
        }
        const parts = splitText(text, delimiters as string[]);
        return spend(budget, parts.length) ?? parts; // each part is a string allocated
    },
    replace(args, name, budget) {
        const [text, old, replacement] = args;
        if (
            args.length !== 3 ||
            typeof text !== "string" ||
            typeof old !== "string" ||
            old === "" ||
            typeof replacement !== "string"
        ) {
            return typeError(name, "a string, the non-empty string to replace, and its replacement", args);
        }
        const found = spendOnScan(budget, text.length + old.length) ?? occurrences(text, old, "separate");
        if (found instanceof Unverifiable) {
            return found;
        }
        if (text.length + found.length * (replacement.length - old.length) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const pieces: string[] = [];
        let start = 0;
        for (const at of found) {
            pieces.push(text.slice(start, at), replacement);
            start = at + old.length;
        }
        pieces.push(text.slice(start));
        return (
            spend(budget, found.length) ??
            spendOnSize(budget, text.length + found.length * replacement.length) ??
            pieces.join("")
        );
    },
    substring(args, name, budget) {
        const [text, start, length] = args;
        if (
            args.length < 2 ||
            args.length > 3 ||
            typeof text !== "string" ||
            !isInteger(start) ||
            (args.length === 3 && !isInteger(length))
        ) {
            return typeError(name, "a string, a start index and an optional length", args);
        }
        const count = args.length === 3 ? (length as number) : text.length - start;
        if (start < 0 || start > text.length || count < 0 || start + count > text.length) {
            return new Unverifiable(
                `${name}() reads outside a string of ${text.length} characters, so the deployment would fail`,
            );
        }
        return spendOnSize(budget, count) ?? text.slice(start, start + count);
    },
    padleft(args, name, budget) {
        const [value, width, padding = " "] = args;
        if (
            args.length < 2 ||
            args.length > 3 ||
            !(typeof value === "string" || isInteger(value)) ||
            !isInteger(width) ||
            width < 0 ||
            typeof padding !== "string" ||
            padding.length !== 1
        ) {
            return typeError(name, "a string or integer, a total length of 0 or more and one padding character", args);
        }
        if (width > MAX_PAD_WIDTH) {
            return new Unverifiable(
                `${name}() pads to ${width} characters, more than the ${MAX_PAD_WIDTH.toLocaleString("en-US")} the policy builds`,
            );
        }
        return spendOnSize(budget, Math.max(width, String(value).length)) ?? String(value).padStart(width, padding);
    },
    join(args, name, budget) {
        const [items, delimiter] = args;
        if (
            args.length !== 2 ||
            !Array.isArray(items) ||
            typeof delimiter !== "string" ||
            !items.every(i => typeof i === "string")
        ) {
            return typeError(name, "an array of strings and a delimiter", args);
        }
        const length = (items as string[]).reduce((sum, item) => sum + item.length + delimiter.length, 0);
        return length > MAX_VALUE_SIZE ? tooLarge(name) : (spendOnSize(budget, length) ?? items.join(delimiter));
    },
    objectkeys(args, name, budget) {
        const [object] = args;
        if (args.length !== 1 || !isRecord(object)) {
            return typeError(name, "one object", args);
        }
        const keys = spend(budget, keyCount(object)) ?? sortedKeys(name, object);
        return keys instanceof Unverifiable ? keys : [...keys];
    },
    items(args, name, budget) {
        const [object] = args;
        if (args.length !== 1 || !isRecord(object)) {
            return typeError(name, "one object", args);
        }
        const keys = spend(budget, MERGE_STEPS * keyCount(object)) ?? sortedKeys(name, object);
        return keys instanceof Unverifiable ? keys : keys.map(key => ({ key, value: object[key] }));
    },
    tryget(args, name, budget) {
        let [value] = args;
        if (args.length < 2) {
            return typeError(name, "a value and one or more keys or indexes", args);
        }
        for (const key of args.slice(1)) {
            if (!budget.spend()) {
                return budget.exhausted();
            }
            if (isRecord(value) && typeof key === "string") {
                value = member(value, key) ?? null;
            } else if (Array.isArray(value) && isInteger(key)) {
                value = key >= 0 && key < value.length ? value[key] : null;
            } else if (value === null) {
                return null;
            } else {
                return typeError(name, "an object with string keys or an array with integer indexes", args);
            }
        }
        return value;
    },
    range(args, name, budget) {
        const operands = twoIntegers(name, args);
        if (operands instanceof Unverifiable) {
            return operands;
        }
        const [start, count] = operands;
        if (count < 0 || count > MAX_RANGE_COUNT || start + count > 2147483647) {
            return new Unverifiable(
                `${name}() is given a count of ${count} from ${start}: ARM takes 0 to ${MAX_RANGE_COUNT} integers, ending at most at 2147483647, so the deployment would fail`,
            );
        }
        return spend(budget, count) ?? Array.from({ length: count }, (_, i) => start + i);
    },
    min(args, name) {
        const values = integersOf(name, args);
        return values instanceof Unverifiable ? values : values.reduce((a, b) => Math.min(a, b));
    },
    max(args, name) {
        const values = integersOf(name, args);
        return values instanceof Unverifiable ? values : values.reduce((a, b) => Math.max(a, b));
    },
    add: arithmetic((a, b) => a + b),
    sub: arithmetic((a, b) => a - b),
    mul: arithmetic((a, b) => a * b),
    div: arithmetic((a, b) =>
        b === 0 ? new Unverifiable("div() divides by zero, so the deployment would fail") : Math.trunc(a / b),
    ),
    mod: arithmetic((a, b) =>
        b === 0 ? new Unverifiable("mod() divides by zero, so the deployment would fail") : a % b,
    ),
    greater: comparison((a, b) => a > b),
    less: comparison((a, b) => a < b),
    greaterorequals: comparison((a, b) => a >= b),
    lessorequals: comparison((a, b) => a <= b),
    base64(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable
            ? text
            : (spendOnSize(budget, text.length) ?? Buffer.from(text, "utf8").toString("base64"));
    },
    base64tostring(args, name, budget) {
        const text = decodedBase64(name, args);
        return text instanceof Unverifiable ? text : (spendOnSize(budget, text.length) ?? text);
    },
    base64tojson(args, name, budget) {
        const text = decodedBase64(name, args);
        return text instanceof Unverifiable
            ? text
            : (spend(budget, jsonTextSteps(text.length)) ?? parsedJson(name, text));
    },
    true: () => true,
    false: () => false,
    null: () => null,
};

/** The pure function of this name (ignoring case), or undefined when the policy does not evaluate it. */
export function pureFunction(name: string): TemplateFunction | undefined {
    const lower = name.toLowerCase();
    return Object.prototype.hasOwnProperty.call(functions, lower) ? functions[lower] : undefined;
}

/** The names of the pure functions, for the README's list and its test. */
export const PURE_FUNCTIONS: readonly string[] = Object.keys(functions);
