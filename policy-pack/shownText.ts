// How text that comes from a program, a template or a config (logical names, types, kinds, paths, values,
// reasons) appears in the pack's messages: whole when short, otherwise cut with its length shown, so that no
// diagnostic grows with what it quotes. It imports nothing, so the report reads messages with it too.

/** Longest name, type, kind or value shown whole in a message; longer ones are cut to this many characters. */
export const MAX_SHOWN_TEXT = 200;

/** Longest reason shown whole (an exemption's, a reason a value cannot be evaluated): a reason may say more. */
export const MAX_SHOWN_REASON = 600;

/** The length written after a cut text, e.g. ` (40,000 characters)`. */
export function lengthNote(length: number): string {
    return ` (${length.toLocaleString("en-US")} characters)`;
}

/** A pattern (source text) for the note {@link shownText} adds after a cut text, for the parsers of messages. */
export const LENGTH_NOTE_PATTERN = " \\([0-9,]+ characters\\)";

/** `text`, or its first `limit` characters, "…" and its length: `aaaa… (40,000 characters)`. */
export function shownText(text: string, limit = MAX_SHOWN_TEXT): string {
    return text.length > limit ? `${text.slice(0, limit)}…${lengthNote(text.length)}` : text;
}

/** `text` in double quotes, cut as {@link shownText} cuts it: `"aaaa…" (40,000 characters)`. */
export function quotedText(text: string, limit = MAX_SHOWN_TEXT): string {
    return text.length > limit ? `"${text.slice(0, limit)}…"${lengthNote(text.length)}` : `"${text}"`;
}

/** `text` as a JSON string, cut as {@link shownText} cuts it: `"aaaa…" (40,000 characters)`, escapes and all. */
export function shownJson(text: string, limit = MAX_SHOWN_TEXT): string {
    return text.length > limit
        ? `${JSON.stringify(text.slice(0, limit)).slice(0, -1)}…"${lengthNote(text.length)}`
        : JSON.stringify(text);
}

/** A path or location cut in the middle, whose two ends say most: `properties.template…[0].properties (9,000 characters)`. */
export function shownPath(path: string, limit = MAX_SHOWN_TEXT): string {
    const keep = Math.floor(limit / 2);
    return path.length > limit ? `${path.slice(0, keep)}…${path.slice(-keep)}${lengthNote(path.length)}` : path;
}
