// What one resource's evaluation has learnt about the values it reads and builds: their sizes, the objects and
// arrays it found equal, the index of a large object's keys. Learning each costs work in proportion to a value's
// size, and the evaluation budget's bounds (budget.ts) count on nothing being learnt twice: an object shared a
// thousand times is measured once. Values are not changed once built, so what is learnt stays true. The cache
// belongs to one resource's budget (`Budget.cache`), passed down with it, so no evaluation sees what another
// learnt, whichever run, pack or request it belongs to. Weak maps: a value built and dropped mid-evaluation is
// not kept for the cache's sake.
import type { Measure } from "./measures";
import type { ObjectValue, Problem } from "./values";

export class ValueCache {
    /** How many members an object has (measures.ts). */
    readonly keyCounts = new WeakMap<ObjectValue, number>();
    /** The approximate JSON size and the nesting depth of an object or array (measures.ts). */
    readonly measures = new WeakMap<object, Measure>();
    /** For an object or array, those found equal to it (equality.ts). */
    readonly provenEqual = new WeakMap<object, WeakSet<object>>();
    /** A large object's keys by folded name (members.ts). */
    readonly memberIndexes = new WeakMap<ObjectValue, Map<string, string[]>>();
    /** The first problem inside an object or array, null for none (values.ts). */
    readonly problemsWithin = new WeakMap<object, Problem | null>();
    /** An object's keys in ARM's order, undefined when that order depends on letter case (functions/object.ts). */
    readonly sortedKeys = new WeakMap<ObjectValue, readonly string[] | undefined>();
}
