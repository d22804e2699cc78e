// How ARM compares names (resource types, property, parameter, variable and function names): ignoring letter case.
// Every comparison of ARM names in the pack folds both sides with foldCase (or compares them with sameFolded), so no two
// places can fold a name differently.

/**
 * A key or type name folded so that every two names ARM might take as the same compare equal. ARM ignores letter
 * case as .NET does, by upper case, and .NET's platforms disagree on some non-ASCII letters (the long `ſ` is an
 * `S` on some, the dotless `ı` an `I`), so this folds by upper and then lower case, which covers them all.
 */
export function foldCase(name: string): string {
    for (let i = 0; i < name.length; i++) {
        if (name.charCodeAt(i) > 0x7f) {
            return name.toUpperCase().toLowerCase();
        }
    }
    return name.toLowerCase(); // nearly every name is ASCII, where lower case alone gives the same, at half the cost
}

/**
 * Whether two names fold alike: `foldCase(a) === foldCase(b)`, without building either folded name while both are
 * ASCII. Matching keys against a name is the evaluator's most frequent comparison.
 */
export function sameFolded(a: string, b: string): boolean {
    const shorter = Math.min(a.length, b.length);
    for (let i = 0; i < shorter; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x > 0x7f || y > 0x7f) {
            return foldCase(a) === foldCase(b); // the full mappings decide from here on
        }
        // ASCII folds character by character, so a difference in an ASCII prefix is a difference of the folded names.
        if (x !== y && asciiLower(x) !== asciiLower(y)) {
            return false;
        }
    }
    const longer = a.length > b.length ? a : b;
    for (let i = shorter; i < longer.length; i++) {
        if (longer.charCodeAt(i) > 0x7f) {
            return foldCase(a) === foldCase(b);
        }
    }
    return a.length === b.length;
}

/** An ASCII character code in lower case. */
function asciiLower(code: number): number {
    return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * A resource type as the policy compares it: letters folded as ARM may fold them, blanks around segments and empty
 * segments dropped, so that a type Azure might still route to a site (`" Microsoft.Web/sites/"`) is checked as one.
 */
export function comparableType(type: string): string {
    return foldCase(type)
        .split("/")
        .map(segment => segment.trim())
        .filter(segment => segment.length > 0)
        .join("/");
}

/** Whether two names are the same ignoring the case of ASCII letters: what every platform agrees on. */
export function sameIgnoringAsciiCase(a: string, b: string): boolean {
    if (a.length !== b.length) {
        return false;
    }
    for (let i = 0; i < a.length; i++) {
        if (asciiLower(a.charCodeAt(i)) !== asciiLower(b.charCodeAt(i))) {
            return false;
        }
    }
    return true;
}
