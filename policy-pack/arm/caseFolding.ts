// How ARM compares names (resource types, property, parameter, variable and function names): ignoring letter case.

/**
 * A key or type name folded so that every two names ARM might take as the same compare equal. ARM ignores letter
 * case as .NET does, by upper case, and .NET's platforms disagree on some non-ASCII letters (the long `ſ` is an
 * `S` on some, the dotless `ı` an `I`), so this folds by upper and then lower case, which covers them all.
 */
export function foldCase(name: string): string {
    let result = foldedNames.get(name);
    if (result === undefined) {
        result = name.toUpperCase().toLowerCase();
        if (name.length <= 64 && foldedNames.size < 10_000) {
            foldedNames.set(name, result);
        }
    }
    return result;
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

/** Short names already folded: template keys repeat (`type`, `name`, `properties`), and folding costs several lower-casings. */
const foldedNames = new Map<string, string>();

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
