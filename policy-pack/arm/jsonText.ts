// JSON text as ARM reads it: ARM runs on .NET and parses templates, parameter files and `json()` arguments with
// Newtonsoft.Json's JsonTextReader, which is more lenient than JSON.parse. This parser follows that reader where
// its result is certain, and marks as unverifiable what ARM's documentation leaves open. It keeps its own stack
// (no recursion), so a text nested thousands of levels deep is read the same on every Node.js version.
import { MAX_INPUT_DEPTH, ObjectValue, setMember, Unverifiable, Value } from "./values";

/** Why a text is not JSON to Newtonsoft.Json (and so not to ARM). */
export class JsonTextError extends Error {}

/**
 * .NET's `char.IsWhiteSpace`: the space separators (U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F,
 * U+3000), U+2028, U+2029, U+0009-U+000D and U+0085. JsonTextReader skips these between tokens, and .NET's
 * `Trim()` (ARM's `trim()`) removes them. Unlike JavaScript's set, U+FEFF is not one of them and U+0085 is.
 */
export function isDotNetWhiteSpace(code: number): boolean {
    return (
        code === 0x20 ||
        (code >= 0x09 && code <= 0x0d) ||
        code === 0x85 ||
        code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000
    );
}

/** U+180E: a space separator in older Unicode, which older .NET runtimes count as white space and newer do not. */
export const MONGOLIAN_VOWEL_SEPARATOR = 0x180e;

/** A container being read: its value so far, the key awaiting a value (objects), and whether it is cut off. */
interface Frame {
    container: Value[] | ObjectValue | undefined; // undefined: deeper than MAX_INPUT_DEPTH, read only to skip
    array: boolean;
    key?: string;
    /** Keys given more than once with different values (which one ARM reads is not documented). */
    duplicates?: Set<string>;
}

/** Characters that end a number or a literal such as `true` in JsonTextReader. */
const SEPARATORS: ReadonlySet<string> = new Set([",", "}", "]", ")", "/"]);

const STRICT_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const STRICT_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** A first character JsonTextReader's unquoted property names allow: `char.IsLetterOrDigit`, `_` or `$`. */
const IDENTIFIER_CHAR = /^[\p{L}\p{Nd}_$]$/u;

/**
 * Parses JSON text as Newtonsoft.Json's JsonTextReader does with its defaults: white space is .NET's
 * (`isDotNetWhiteSpace`, and NUL characters, which the reader skips); `//` comments end at a carriage return or
 * line feed, `/* *\/` comments must be closed; strings may be quoted with `'`, property names may be unquoted,
 * raw control characters may appear in strings, and arrays and objects may end with a comma. Values ARM's
 * reader gives but the policy does not evaluate become {@link Unverifiable} in place (an empty array element,
 * `undefined`, `NaN`, `Infinity`, an integer beyond 2^53, a number with a leading zero, which the reader takes
 * as octal or hexadecimal, a key given twice with different values), as does anything nested deeper than
 * {@link MAX_INPUT_DEPTH}. Throws {@link JsonTextError} for a text the reader refuses (or that the policy does
 * not read at all, such as JavaScript constructor calls).
 */
export function parseJsonText(text: string): Value {
    return new Reader(text).document();
}

class Reader {
    private position = 0;
    private readonly stack: Frame[] = [];

    constructor(private readonly text: string) {}

    document(): Value {
        this.skip(true);
        let result: Value;
        let done = false;
        const complete = (value: Value): true => {
            const frame = this.stack[this.stack.length - 1];
            if (frame === undefined) {
                result = value;
                done = true;
            } else if (Array.isArray(frame.container)) {
                frame.container.push(value);
            } else if (frame.container !== undefined) {
                this.setKey(frame, value);
            }
            return true;
        };
        for (;;) {
            const frame = this.stack[this.stack.length - 1];
            this.skip(true);
            let completed: boolean;
            if (frame !== undefined && !frame.array && frame.key === undefined) {
                // In an object, before a property name or the closing brace.
                if (this.peek() === "}") {
                    this.position++;
                    complete(this.close());
                    completed = true;
                } else {
                    const key = this.propertyName();
                    this.skip(false); // JsonTextReader allows no comment between a name and its colon
                    this.expect(":");
                    frame.key = key;
                    completed = this.value(complete);
                }
            } else if (frame !== undefined && frame.array && this.peek() === "]") {
                this.position++;
                complete(this.close());
                completed = true;
            } else {
                completed = this.value(complete);
            }
            if (done) {
                break;
            }
            if (completed) {
                this.afterValue();
            }
        }
        this.skip(true);
        if (this.position < this.text.length) {
            this.fail(`unexpected ${JSON.stringify(this.text[this.position])} after the end of the JSON value`);
        }
        return result;
    }

    /** One value (true), or the opening of an array or object, pushed onto the stack (false). */
    private value(complete: (value: Value) => true): boolean {
        this.skip(true);
        const c = this.peek();
        if (c === "{" || c === "[") {
            this.position++;
            const depth = this.stack.length + 1;
            const container = depth > MAX_INPUT_DEPTH ? undefined : c === "{" ? ({} as ObjectValue) : [];
            this.stack.push({ container, array: c === "[" });
            return false;
        }
        if (c === "," && this.stack.length > 0) {
            // JsonTextReader reads an empty array element (`[1,,2]`) as an "undefined" token.
            complete(
                new Unverifiable(
                    "the JSON text has an empty array element, which ARM's JSON reader reads as undefined",
                ),
            );
            return true;
        }
        if (c === '"' || c === "'") {
            complete(this.quoted(c));
            return true;
        }
        if (c === undefined) {
            this.fail("the text ends where a value is expected");
        }
        const word = this.word();
        switch (word) {
            case "true":
                return complete(true);
            case "false":
                return complete(false);
            case "null":
                return complete(null);
            case "undefined":
            case "NaN":
            case "Infinity":
            case "-Infinity":
                return complete(new Unverifiable(`the JSON text holds ${word}, which the policy does not evaluate`));
        }
        if (STRICT_INTEGER.test(word)) {
            const number = Number(word);
            return complete(
                Number.isSafeInteger(number)
                    ? number
                    : new Unverifiable(
                          `the JSON text holds the integer ${word.length > 40 ? `${word.slice(0, 40)}…` : word}, ` +
                              "beyond 2^53, which the policy does not evaluate exactly",
                      ),
            );
        }
        if (STRICT_NUMBER.test(word)) {
            return complete(Number(word));
        }
        if (/^-?[0-9.]/.test(word)) {
            // Leading zeros (octal), 0x (hexadecimal), ".5": numbers JsonTextReader reads in its own way.
            return complete(
                new Unverifiable(
                    `the JSON text holds the number ${JSON.stringify(word.slice(0, 40))}, written in a form the policy does not evaluate`,
                ),
            );
        }
        this.fail(`unexpected ${JSON.stringify(word.slice(0, 40) || this.text[this.position])}`);
    }

    /** After a value: a comma, or the end of the enclosing container (read by the loop), with blanks and comments. */
    private afterValue(): void {
        if (this.stack.length === 0) {
            return;
        }
        this.skip(true);
        const c = this.peek();
        const frame = this.stack[this.stack.length - 1];
        if (c === ",") {
            this.position++;
            return;
        }
        if ((c === "]" && frame.array) || (c === "}" && !frame.array)) {
            return; // the loop closes the container
        }
        this.fail(
            c === undefined
                ? "the text ends inside an array or object"
                : `unexpected ${JSON.stringify(c)} after a value`,
        );
    }

    /** Closes the innermost container and gives its value. */
    private close(): Value {
        const frame = this.stack.pop()!;
        return frame.container === undefined
            ? new Unverifiable(`it is nested more than ${MAX_INPUT_DEPTH} levels deep`)
            : frame.container;
    }

    private setKey(frame: Frame, value: Value): void {
        const object = frame.container as ObjectValue;
        const key = frame.key!;
        frame.key = undefined;
        if (Object.prototype.hasOwnProperty.call(object, key)) {
            const earlier = object[key];
            const same = earlier === value && (typeof value !== "object" || value === null);
            if (frame.duplicates?.has(key) || !same) {
                (frame.duplicates ??= new Set()).add(key);
                value = new Unverifiable(
                    `the JSON text gives "${key.length > 60 ? `${key.slice(0, 60)}…` : key}" twice with different values, and which one ARM reads is not documented`,
                );
            }
        }
        setMember(object, key, value);
    }

    private propertyName(): string {
        const c = this.peek();
        if (c === '"' || c === "'") {
            return this.quoted(c);
        }
        if (c === undefined || !IDENTIFIER_CHAR.test(c)) {
            this.fail(
                c === undefined
                    ? "the text ends inside an object"
                    : `unexpected ${JSON.stringify(c)} where a property name is expected`,
            );
        }
        const start = this.position;
        while (this.position < this.text.length && IDENTIFIER_CHAR.test(this.text[this.position])) {
            this.position++;
        }
        return this.text.slice(start, this.position);
    }

    /** A string in `"` or `'`, with JsonTextReader's escapes; any other character, control characters too, as is. */
    private quoted(quote: string): string {
        const { text } = this;
        const pieces: string[] = [];
        let start = ++this.position;
        for (;;) {
            let end = start;
            while (end < text.length && text[end] !== quote && text[end] !== "\\") {
                end++;
            }
            pieces.push(text.slice(start, end));
            this.position = end;
            if (end >= text.length) {
                this.fail("a string is not closed");
            }
            if (text[end] === quote) {
                this.position = end + 1;
                return pieces.join("");
            }
            const escape = text[end + 1];
            const simple = ESCAPES[escape];
            if (simple !== undefined) {
                pieces.push(simple);
                this.position = end + 2;
            } else if (escape === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(end + 2, end + 6))) {
                pieces.push(String.fromCharCode(parseInt(text.slice(end + 2, end + 6), 16)));
                this.position = end + 6;
            } else {
                this.fail(
                    escape === undefined
                        ? "a string is not closed"
                        : `a string holds the escape \\${escape}, which JSON does not have`,
                );
            }
            start = this.position;
        }
    }

    /** A run of characters up to a separator: a number or a literal word. */
    private word(): string {
        const start = this.position;
        const { text } = this;
        while (this.position < text.length) {
            const c = text[this.position];
            if (
                SEPARATORS.has(c) ||
                c === "(" ||
                c === ":" ||
                c === '"' ||
                c === "'" ||
                c === "{" ||
                c === "[" ||
                isBlank(text, this.position)
            ) {
                break;
            }
            this.position++;
        }
        if (text[this.position] === "(") {
            this.fail("JavaScript constructor syntax (new Name(...)) is not read");
        }
        return text.slice(start, this.position);
    }

    /** Skips white space, NUL characters and (where JsonTextReader reads them) comments. */
    private skip(comments: boolean): void {
        const { text } = this;
        while (this.position < text.length) {
            if (isBlank(text, this.position)) {
                this.position++;
            } else if (comments && text[this.position] === "/") {
                const kind = text[this.position + 1];
                if (kind === "/") {
                    let end = this.position + 2;
                    while (end < text.length && text[end] !== "\n" && text[end] !== "\r") {
                        end++;
                    }
                    this.position = end;
                } else if (kind === "*") {
                    const end = text.indexOf("*/", this.position + 2);
                    if (end < 0) {
                        this.fail("a /* comment is not closed");
                    }
                    this.position = end + 2;
                } else {
                    this.fail("a / that does not start a comment");
                }
            } else {
                return;
            }
        }
    }

    private peek(): string | undefined {
        return this.text[this.position];
    }

    private expect(c: string): void {
        if (this.peek() !== c) {
            this.fail(
                `expected ${JSON.stringify(c)} but found ${this.peek() === undefined ? "the end of the text" : JSON.stringify(this.peek())}`,
            );
        }
        this.position++;
    }

    private fail(why: string): never {
        throw new JsonTextError(`${why}, at character ${this.position + 1}`);
    }
}

const ESCAPES: Record<string, string> = {
    b: "\b",
    t: "\t",
    n: "\n",
    f: "\f",
    r: "\r",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "/": "/",
};

/** White space between tokens: .NET's, and NUL, which JsonTextReader skips. */
function isBlank(text: string, position: number): boolean {
    const code = text.charCodeAt(position);
    return code === 0 || isDotNetWhiteSpace(code);
}

/**
 * A value given as an object or as JSON text (a template, a policy rule, parameters: ARM accepts both), which is
 * read as ARM reads it (see `parseJsonText`).
 */
export function jsonObject(value: Value, path: string): Value {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return parseJsonText(value);
    } catch (e) {
        if (e instanceof JsonTextError) {
            return new Unverifiable(`${path} is text that is not JSON (${e.message})`);
        }
        throw e;
    }
}
