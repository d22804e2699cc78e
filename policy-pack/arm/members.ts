// Reading an object's member by name as ARM reads it: in any letter case, and fast for objects of many keys.
import { foldCase, sameFolded, sameIgnoringAsciiCase } from "./caseFolding";
import { sameValue } from "./equality";
import { ValueCache } from "./valueCache";
import { ObjectValue, Unverifiable, Value } from "./values";

/**
 * An object's member by name, ignoring case as ARM does; a key that matches only by a non-ASCII letter's case is
 * unverifiable (see {@link foldCase}). Two keys that differ only in case with different values
 * (`clientCertEnabled` and `ClientCertEnabled`) are unverifiable: which one Azure reads is not defined.
 *
 * An evaluation passes its `cache`, in which a large object is indexed at the first lookup (see {@link keysNamed}),
 * since it may look up members of one object any number of times; without one (a few lookups of a resource's
 * input), each lookup scans the object.
 */
export function member(container: ObjectValue, name: string, cache?: ValueCache): Value {
    let found: Value;
    let foundKey: string | undefined;
    for (const key of keysNamed(container, name, cache)) {
        if (!sameIgnoringAsciiCase(key, name)) {
            return new Unverifiable(
                `it is given as "${key}", which Azure may or may not read as "${name}" (the case of non-ASCII letters)`,
            );
        }
        if (foundKey !== undefined) {
            const same = sameValue(container[key], found, cache ?? new ValueCache());
            if (same !== true) {
                return new Unverifiable(
                    `it is given twice, as "${foundKey}" and "${key}", with ${same === false ? "different values" : "values too large to compare"}`,
                );
            }
        }
        found = container[key];
        foundKey = key;
    }
    return found;
}

/** Objects with more members than this are indexed by folded name the first time a member is looked up. */
const INDEXED_SIZE = 32;

/**
 * The keys of an object that fold as `name` does, in the object's order. A small object is scanned; a large one
 * is indexed once in the cache, so that looking up members of an object of 40,000 keys costs its size once, not at
 * every lookup (objects are not changed once built).
 */
function keysNamed(container: ObjectValue, name: string, cache: ValueCache | undefined): string[] {
    // Indexed already: a for-in over a large object lists all its keys before the first, at every lookup.
    const index = cache?.memberIndexes.get(container);
    if (index !== undefined) {
        return index.get(foldCase(name)) ?? [];
    }
    const named: string[] = [];
    let scanned = 0;
    for (const key in container) {
        if (++scanned > INDEXED_SIZE && cache !== undefined) {
            return indexOf(container, cache).get(foldCase(name)) ?? [];
        }
        if (sameFolded(key, name)) {
            named.push(key);
        }
    }
    return named;
}

function indexOf(container: ObjectValue, cache: ValueCache): Map<string, string[]> {
    let index = cache.memberIndexes.get(container);
    if (index === undefined) {
        index = new Map();
        for (const key of Object.keys(container)) {
            const folded = foldCase(key);
            const named = index.get(folded);
            if (named === undefined) {
                index.set(folded, [key]);
            } else {
                named.push(key);
            }
        }
        cache.memberIndexes.set(container, index);
    }
    return index;
}
