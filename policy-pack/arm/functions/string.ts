// ARM's string functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string)
// that are not among the array or object functions too.
import { jsonTextSteps } from "../budget";
import { isDotNetWhiteSpace, MONGOLIAN_VOWEL_SEPARATOR } from "../jsonText";
import { MAX_VALUE_SIZE, sizeOf } from "../measures";
import { problemWithin, Unverifiable, Value } from "../values";
import { invariantCase, occurrences } from "./dotNetStrings";
import {
    isInteger,
    oneString,
    parsedJson,
    spend,
    spendOnScan,
    spendOnSize,
    TemplateFunction,
    tooLarge,
    typeError,
    undocumented,
} from "./templateFunction";

/** Widest `padLeft()` the policy evaluates; wider pads are unverifiable rather than built. */
export const MAX_PAD_WIDTH = 10_000;

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

export const stringFunctions: Record<string, TemplateFunction> = {
    base64(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable
            ? text
            : (spendOnSize(budget, text.length) ?? Buffer.from(text, "utf8").toString("base64"));
    },
    base64tojson(args, name, budget) {
        const text = decodedBase64(name, args);
        return text instanceof Unverifiable
            ? text
            : (spend(budget, jsonTextSteps(text.length)) ?? parsedJson(name, text));
    },
    base64tostring(args, name, budget) {
        const text = decodedBase64(name, args);
        return text instanceof Unverifiable ? text : (spendOnSize(budget, text.length) ?? text);
    },
    endswith: affix((text, suffix) => text.endsWith(suffix)),
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
    startswith: affix((text, prefix) => text.startsWith(prefix)),
    string(args, name, budget) {
        if (args.length !== 1) {
            return typeError(name, "one value", args);
        }
        const size = sizeOf(args[0], budget.cache);
        if (size > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        return (
            problemWithin(args[0], budget.cache) ??
            spendOnSize(budget, size) ??
            scalarText(args[0]) ??
            JSON.stringify(args[0])
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
};
