// Whether two values are equal as ARM compares them (`equals()`, `contains()`, `union()`, duplicate keys).
import { keyCount, MAX_VALUE_SIZE, sizeOf } from "./measures";
import { ValueCache } from "./valueCache";
import { isProblem, ObjectValue, Value } from "./values";

/** What comparing values draws on: a resource's evaluation budget (`Budget` in budget.ts), which needs these values. */
export interface StepCounter {
    /** Records `steps` of work; false once the budget is exhausted. */
    spend(steps?: number): boolean;
}

/**
 * Whether two values are equal as JSON (object keys in any order), or undefined when either is larger than
 * {@link MAX_VALUE_SIZE} or the budget runs out (each object or array compared is a step). The cost is at most
 * linear in that size however much the values share, and equal pairs are remembered in `cache`, so comparing the
 * same values again in one evaluation is immediate.
 */
export function sameValue(a: Value, b: Value, cache: ValueCache, budget?: StepCounter): boolean | undefined {
    if (sizeOf(a, cache) > MAX_VALUE_SIZE || sizeOf(b, cache) > MAX_VALUE_SIZE) {
        return undefined;
    }
    try {
        return equalValues(a, b, cache, budget);
    } catch (e) {
        if (e === OUT_OF_BUDGET) {
            return undefined;
        }
        throw e;
    }
}

const OUT_OF_BUDGET = Symbol("out of budget");

function equalValues(a: Value, b: Value, cache: ValueCache, budget: StepCounter | undefined): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null || isProblem(a) || isProblem(b)) {
        return false;
    }
    if (cache.provenEqual.get(a)?.has(b)) {
        return true;
    }
    if (sizeOf(a, cache) !== sizeOf(b, cache)) {
        return false;
    }
    // A step for each object or array, and one for every 16 members it holds: comparing scans them all.
    const members = Array.isArray(a) ? a.length : keyCount(a, cache);
    if (budget !== undefined && !budget.spend(1 + Math.floor(members / 16))) {
        throw OUT_OF_BUDGET;
    }
    let equal: boolean;
    if (Array.isArray(a) || Array.isArray(b)) {
        equal =
            Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, i) => equalValues(item, b[i], cache, budget));
    } else {
        const keys = Object.keys(a);
        equal =
            keys.length === Object.keys(b).length &&
            keys.every(
                k =>
                    Object.prototype.hasOwnProperty.call(b, k) &&
                    equalValues(a[k], (b as ObjectValue)[k], cache, budget),
            );
    }
    if (equal) {
        const known = cache.provenEqual.get(a) ?? new WeakSet<object>();
        known.add(b);
        cache.provenEqual.set(a, known);
    }
    return equal;
}
