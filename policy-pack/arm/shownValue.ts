// Values as messages show them: short JSON, however large, shared or cyclic the value.
import { shownJson } from "../shownText";
import { Unknown, Unverifiable, Value } from "./values";

/** Longest text of a value shown in a message. */
export const MAX_SHOWN_LENGTH = 120;

/** A value for messages: short, and safe for any shape. */
export function describeValue(value: Value): string {
    if (value instanceof Unverifiable) {
        return "unverifiable";
    }
    if (value instanceof Unknown) {
        return "unknown until the update";
    }
    return truncatedJson(value, MAX_SHOWN_LENGTH);
}

/**
 * The JSON text of any value, cut after `limit` characters with "…". Only the part shown is serialised, so the
 * cost is bounded by `limit` however large, shared or cyclic the value is.
 */
export function truncatedJson(value: unknown, limit: number): string {
    if (typeof value === "string") {
        return shownJson(value, limit);
    }
    if (typeof value === "boolean" || typeof value === "number") {
        return String(value); // shorter than any limit a message uses
    }
    const out: string[] = [];
    let length = 0;
    const write = (text: string): boolean => {
        out.push(text);
        length += text.length;
        return length <= limit;
    };
    const visit = (item: unknown): boolean => {
        if (item instanceof Unverifiable) {
            return write("<unverifiable>");
        }
        if (item instanceof Unknown) {
            return write("<unknown>");
        }
        if (typeof item === "string") {
            return write(JSON.stringify(item.slice(0, limit + 1)));
        }
        if (typeof item !== "object" || item === null) {
            return write(
                item === undefined
                    ? "undefined"
                    : typeof item === "number" || typeof item === "boolean" || item === null
                      ? String(item)
                      : JSON.stringify(String(item)),
            );
        }
        if (Array.isArray(item)) {
            if (!write("[")) {
                return false;
            }
            for (let i = 0; i < item.length; i++) {
                if ((i > 0 && !write(",")) || !visit(item[i])) {
                    return false;
                }
            }
            return write("]");
        }
        if (!write("{")) {
            return false;
        }
        let first = true;
        for (const key in item) {
            if (!Object.prototype.hasOwnProperty.call(item, key)) {
                continue;
            }
            if (
                (!first && !write(",")) ||
                !write(`${JSON.stringify(key.slice(0, limit + 1))}:`) ||
                !visit((item as Record<string, unknown>)[key])
            ) {
                return false;
            }
            first = false;
        }
        return write("}");
    };
    let complete: boolean;
    try {
        complete = visit(value);
    } catch {
        return Array.isArray(value) ? "an array" : "an object"; // a property that throws when read (an engine proxy)
    }
    const text = out.join("");
    return complete ? text : `${text.slice(0, limit)}…`;
}
