// Names, types and URNs as the reports write them. They come from the program (a logical name may be megabytes), and
// they key each report's entries (a SARIF fingerprint, a JUnit test case, a summary row), so a long one is cut as the
// pack cuts what it quotes (shownText.ts) and keeps a fingerprint of the whole: two names that differ only where
// the cut drops them stay distinct.
import { createHash } from "crypto";
import { MAX_SHOWN_TEXT, shownPath } from "../shownText";

/**
 * `text` whole when short; otherwise its two ends and its length ({@link shownPath}), then the first 12 hex digits of
 * its SHA-256: `urn:pulumi:dev::app::…aaaa (2,000,000 characters) #3f2a9c01d4e7`.
 */
export function distinctName(text: string): string {
    return text.length > MAX_SHOWN_TEXT
        ? `${shownPath(text)} #${createHash("sha256").update(text).digest("hex").slice(0, 12)}`
        : text;
}
