// How ARM compares names (resource types, property, parameter, variable and function names): ignoring letter case.
// Every comparison of ARM names in the pack folds both sides with foldCase (or matches with foldsTo), so no two
// places can fold a name differently.

/**
 * A key or type name folded so that every two names ARM might take as the same compare equal. ARM ignores letter
 * case as .NET does, by upper case, and .NET's platforms disagree on some non-ASCII letters (the long `ſ` is an
 * `S` on some, the dotless `ı` an `I`), so this folds by upper and then lower case, which covers them all.
 */
export function foldCase(name: string): string {
    // Nearly every name is ASCII, where lower case alone gives the same result at half the cost.
    return NON_ASCII.test(name) ? name.toUpperCase().toLowerCase() : name.toLowerCase();
}

/** A character outside ASCII, whose case the full mappings may fold to another letter. */
const NON_ASCII = /[^\0-\x7f]/;

/**
 * Whether `name` folds to `folded`, a name {@link foldCase} gave: `foldCase(name) === folded`, without building the
 * folded name while `name` is ASCII. Matching keys against a name is the evaluator's most frequent comparison.
 */
export function foldsTo(name: string, folded: string): boolean {
    for (let i = 0; i < name.length; i++) {
        const code = name.charCodeAt(i);
        if (code > 0x7f) {
            return foldCase(name) === folded; // the full mappings decide from here on
        }
        // An ASCII letter folds to its lower case, and an ASCII prefix folds character by character.
        if ((code >= 65 && code <= 90 ? code + 32 : code) !== folded.charCodeAt(i)) {
            return false;
        }
    }
    return name.length === folded.length;
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
    const lower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code); // A-Z
    for (let i = 0; i < a.length; i++) {
        if (lower(a.charCodeAt(i)) !== lower(b.charCodeAt(i))) {
            return false;
        }
    }
    return true;
}
