// .NET's string operations as ARM's functions use them, where they differ from JavaScript's: invariant case
// mapping, and ordinal search in linear time.

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

/**
 * Where `pattern` occurs in `text`, ordinally: left to right without overlaps (as .NET's `Replace` finds them),
 * every occurrence, or only the first; or only the last (read right to left). Knuth-Morris-Pratt: linear in
 * both lengths whatever they hold.
 */
export function occurrences(
    text: string,
    pattern: string,
    which: "separate" | "overlapping" | "first" | "last",
): number[] {
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
export function ordinalIndexOf(text: string, pattern: string, last: boolean): number {
    return occurrences(text, pattern, last ? "last" : "first")[0] ?? -1;
}
