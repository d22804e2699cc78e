// The sizes of values, measured once per object in an evaluation's cache: what bounds every value the policy builds
// or compares.
import { ValueCache } from "./valueCache";
import { isProblem, ObjectValue, Value } from "./values";

/** How many members an object has, counted once (objects are not changed once built). */
export function keyCount(object: ObjectValue, cache: ValueCache): number {
    let count = cache.keyCounts.get(object);
    if (count === undefined) {
        count = Object.keys(object).length;
        cache.keyCounts.set(object, count);
    }
    return count;
}

/** Largest evaluated value (characters of its JSON, roughly) before it counts as unverifiable. */
export const MAX_VALUE_SIZE = 1_000_000;

/** The approximate JSON size and the nesting depth of an object or array, measured once. */
export interface Measure {
    size: number;
    depth: number;
}

/** The approximate JSON size of a value, cached per object so repeated use of a shared value stays cheap. */
export function sizeOf(value: Value, cache: ValueCache): number {
    if (typeof value === "string") {
        return value.length + 2;
    }
    return typeof value !== "object" || value === null || isProblem(value) ? 5 : measure(value, cache).size;
}

/** How deeply a value nests objects and arrays (0 for a scalar), cached per object as {@link sizeOf} is. */
export function depthOf(value: Value, cache: ValueCache): number {
    return typeof value !== "object" || value === null || isProblem(value) ? 0 : measure(value, cache).depth;
}

/**
 * Measures an object or array after its unmeasured members, with its own stack: a value read from input is
 * measured once whole (up to `MAX_INPUT_DEPTH` deep), one built by evaluation finds its members measured.
 */
function measure(root: ObjectValue | Value[], cache: ValueCache): Measure {
    const measures = cache.measures;
    const known = measures.get(root);
    if (known !== undefined) {
        return known;
    }
    // An object's keys are listed once: listing the keys of a large object (over about a thousand) is slow in V8.
    const frame = (value: ObjectValue | Value[]) => ({
        value,
        keys: Array.isArray(value) ? undefined : Object.keys(value),
        childrenPushed: false,
    });
    const pending = [frame(root)];
    while (pending.length > 0) {
        const top = pending[pending.length - 1];
        const { value, keys } = top;
        const count = keys === undefined ? (value as Value[]).length : keys.length;
        const item = (i: number): Value =>
            keys === undefined ? (value as Value[])[i] : (value as ObjectValue)[keys[i]];
        if (!top.childrenPushed) {
            top.childrenPushed = true;
            for (let i = 0; i < count; i++) {
                const member = item(i);
                if (typeof member === "object" && member !== null && !isProblem(member) && !measures.has(member)) {
                    pending.push(frame(member));
                }
            }
            continue;
        }
        pending.pop();
        if (measures.has(value)) {
            continue; // shared, and measured through another path
        }
        let size = 2;
        let depth = 1;
        for (let i = 0; i < count; i++) {
            const member = item(i);
            size += sizeOf(member, cache) + (keys === undefined ? 1 : keys[i].length + 4);
            depth = Math.max(depth, depthOf(member, cache) + 1);
        }
        measures.set(value, { size, depth });
    }
    return measures.get(root)!;
}
