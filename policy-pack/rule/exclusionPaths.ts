// What one client-certificate exclusion path may be. The SecureWebApp component (`clientCertExclusionPaths`) and
// the pack's allow-list (`allowedExclusionPaths`) both accept a path through `exclusionPathProblem`, so neither can
// take a path that the other would read differently. Pure TypeScript without Node's `path` module: the pack is
// built alone (policy-pack/tsconfig.json has no Node types) and the component compiles this file from here.
import { shownJson } from "../shownText";

/** Why an exclusion path is refused, and how to write it instead. */
export interface ExclusionPathProblem {
    /** What an entry must be, and what this one has wrong. */
    required: string;
    /** How to write it instead: the normalised path, when there is one. */
    fix: string;
}

/** The fix when no path can be offered in place of the one given. */
const EXAMPLE_PATH_FIX = 'list only the paths that must be reachable without a certificate, e.g. "/health"';

/**
 * The characters a path segment may hold: printable ASCII except the separators (`,` `;`), wildcards (`*` `?`),
 * percent-encoding (`%`), the backslash and `/` itself. Written with `\x` escapes so the same text is a character
 * class in JavaScript and in RE2, the engine's regular expressions.
 */
const SEGMENT_CHARACTER = "[\\x21-\\x24\\x26-\\x29\\x2B\\x2D\\x2E\\x30-\\x3A\\x3C-\\x3E\\x40-\\x5B\\x5D-\\x7E]";
/** The same without `.`, to tell `.` and `..` segments apart from names that start with dots. */
const SEGMENT_CHARACTER_NOT_DOT = "[\\x21-\\x24\\x26-\\x29\\x2B\\x2D\\x30-\\x3A\\x3C-\\x3E\\x40-\\x5B\\x5D-\\x7E]";
const SEGMENT = `(${SEGMENT_CHARACTER_NOT_DOT}|\\.${SEGMENT_CHARACTER_NOT_DOT}|\\.\\.${SEGMENT_CHARACTER})${SEGMENT_CHARACTER}*`;

/**
 * The paths `exclusionPathProblem` accepts, as one regular expression that means the same in JavaScript and RE2:
 * `/`, then segments that are neither empty nor `.` nor `..`, separated by `/`, with an optional trailing `/`.
 * The policy config's JSON schema uses it, so the engine refuses the same entries as the pack.
 */
export const EXCLUSION_PATH_PATTERN = `^(/${SEGMENT})+/?$`;

/**
 * Why one exclusion path is refused and how to write it instead, or undefined when it is a literal, normalised
 * path prefix other than `/`. The checks run on the path as it was surely meant (trimmed, with a leading `/`), so
 * the fix offered is always a path that is itself accepted.
 */
export function exclusionPathProblem(path: string): ExclusionPathProblem | undefined {
    const found = shownJson(path);
    const trimmed = path.trim();
    if (trimmed === "") {
        return { required: "every entry must be a non-empty path", fix: `remove the empty entry ${found}` };
    }
    const meant = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    if (/[*?]/.test(meant)) {
        return {
            required: `entries must be literal path prefixes without wildcards ("*", "?"); ${found} has one`,
            fix: EXAMPLE_PATH_FIX,
        };
    }
    if (/[\s,;]/.test(meant)) {
        return {
            required: `an entry must be one path prefix, without spaces, "," or ";" inside it; ${found} has one`,
            fix: 'list each path prefix as its own entry, e.g. ["/health", "/hooks"]',
        };
    }
    // Whether App Service compares the encoded or the decoded request path is not documented, and %2F, %2E or
    // a backslash can stand for "/" and "." once a server decodes them; a request carries any character beyond
    // printable ASCII percent-encoded, so the same holds for those. What such a prefix excludes cannot be verified.
    if (/[%\\]/.test(meant)) {
        return {
            required:
                `entries must be plain paths without percent-encoding or a backslash; ${found} has one, and a ` +
                "server may decode it into another path",
            fix: 'write the path as plain characters with "/" between segments, e.g. "/hooks/github"',
        };
    }
    if (/[^\x21-\x7E]/.test(meant)) {
        return {
            required:
                `entries must be printable ASCII; ${found} has another character, which a request carries ` +
                "percent-encoded, so what it matches depends on how a server decodes it",
            fix: 'write the path in printable ASCII characters with "/" between segments, e.g. "/hooks/github"',
        };
    }
    const normalised = normalisedPath(meant);
    if (normalised === "/") {
        return {
            required:
                meant === "/"
                    ? '"/" is never allowed: it turns client certificates off for the whole site'
                    : `${found} amounts to "/", which turns client certificates off for the whole site`,
            fix: EXAMPLE_PATH_FIX,
        };
    }
    if (normalised !== meant) {
        // A prefix with "//", "." or ".." segments stands for another path once normalised, and whether App
        // Service matches the request path before or after normalising it is not documented: only a normalised
        // prefix means one thing either way.
        return {
            required:
                `entries must be normalised paths, without empty ("//"), "." or ".." segments; ${found} has one ` +
                `and stands for ${shownJson(normalised)}`,
            fix: `write it as ${shownJson(normalised)}`,
        };
    }
    if (meant !== trimmed) {
        return {
            required: `every entry must start with "/"; ${found} does not`,
            fix: `write it as ${shownJson(meant)}`,
        };
    }
    if (trimmed !== path) {
        return {
            required: `entries must not start or end with a space; ${found} does`,
            fix: `remove the space: write it as ${shownJson(trimmed)}`,
        };
    }
    return undefined;
}

/**
 * An absolute path as POSIX normalises it (what Node's `path.posix.normalize` returns for a path starting with
 * `/`): empty and `.` segments dropped, each `..` removing the segment before it, never above `/`, and a trailing
 * `/` kept when something is left before it.
 */
export function normalisedPath(path: string): string {
    const segments: string[] = [];
    for (const segment of path.split("/")) {
        if (segment === "..") {
            segments.pop();
        } else if (segment !== "" && segment !== ".") {
            segments.push(segment);
        }
    }
    const trailingSlash = segments.length > 0 && path.endsWith("/") ? "/" : "";
    return "/" + segments.join("/") + trailingSlash;
}
