// ARM's array functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array),
// which also take strings or objects where ARM documents them among the string or object functions too.
import { Budget } from "../budget";
import { keyCount, MAX_VALUE_SIZE, sizeOf } from "../measures";
import { isRecord, ObjectValue, setMember, Unverifiable, Value } from "../values";
import { invariantCase, occurrences, ordinalIndexOf } from "./dotNetStrings";
import {
    equal,
    isInteger,
    MERGE_STEPS,
    spend,
    spendOnScan,
    spendOnSize,
    TemplateFunction,
    tooLarge,
    totalSize,
    twoIntegers,
    typeError,
    undocumented,
} from "./templateFunction";
import { sameFolded } from "../caseFolding";

/** Longest count of `range()`, as ARM documents it. */
export const MAX_RANGE_COUNT = 10_000;

/** The integers of `min()` and `max()`: given one by one, or as one array. */
function integersOf(name: string, args: Value[]): number[] | Unverifiable {
    const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    return values.length > 0 && values.every(isInteger)
        ? (values as number[])
        : typeError(name, "integers, or an array of integers", args);
}

/** The distinct items of arrays, first occurrence first (`union()` of arrays). */
function distinctItems(arrays: Value[][], name: string, budget: Budget): Value[] | Unverifiable {
    const problem = spend(
        budget,
        arrays.reduce((sum, array) => sum + array.length, 0),
    );
    if (problem) {
        return problem;
    }
    const items: Value[] = [];
    const scalars = new Set<unknown>();
    const composites: Value[] = [];
    for (const array of arrays) {
        for (const item of array) {
            if (typeof item !== "object" || item === null) {
                const key = `${typeof item}:${String(item)}`;
                if (!scalars.has(key)) {
                    scalars.add(key);
                    items.push(item);
                }
                continue;
            }
            // Objects and arrays are compared with those already kept: the budget bounds the quadratic case.
            let found = false;
            for (const kept of composites) {
                const same = equal(item, kept, name, budget);
                if (same instanceof Unverifiable) {
                    return same;
                }
                if (same) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                composites.push(item);
                items.push(item);
            }
        }
    }
    return items;
}

/** ARM's deep merge of objects (`union()`): nested objects merge, any other value of a later object replaces. */
function mergedObjects(objects: ObjectValue[], budget: Budget): ObjectValue | Unverifiable {
    const result: ObjectValue = {};
    for (const object of objects) {
        for (const key in object) {
            if (!budget.spend(MERGE_STEPS)) {
                return budget.exhausted();
            }
            const earlier = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
            const later = object[key];
            const value = isRecord(earlier) && isRecord(later) ? mergedObjects([earlier, later], budget) : later;
            if (value instanceof Unverifiable && !(later instanceof Unverifiable)) {
                return value;
            }
            setMember(result, key, value);
        }
    }
    return result;
}

/** `skip()` and `take()`: the part of an array or string after or up to `count` items. */
function part(which: "skip" | "take"): TemplateFunction {
    return (args, name, budget) => {
        const [value, count] = args;
        if (args.length !== 2 || !(typeof value === "string" || Array.isArray(value)) || !isInteger(count)) {
            return typeError(name, "an array or string, and an integer", args);
        }
        const at = Math.max(0, Math.min(count, value.length));
        const result = which === "skip" ? value.slice(at) : value.slice(0, at);
        return spendOnSize(budget, result.length) ?? result;
    };
}

/** `indexOf()` and `lastIndexOf()`: in a string ignoring case, in an array by equal value. */
function position(last: boolean): TemplateFunction {
    return (args, name, budget) => {
        const [container, item] = args;
        if (args.length === 2 && typeof container === "string" && typeof item === "string") {
            if (item === "") {
                return last ? undocumented(name, "of an empty string") : 0; // .NET finds "" at the start
            }
            // Ordinal, ignoring case as .NET's OrdinalIgnoreCase does: both upper-cased, one character to one.
            return (
                spendOnSize(budget, container.length + item.length) ??
                spendOnScan(budget, container.length + item.length) ??
                ordinalIndexOf(invariantCase(container, true), invariantCase(item, true), last)
            );
        }
        if (args.length === 2 && Array.isArray(container)) {
            for (let i = 0; i < container.length; i++) {
                const index = last ? container.length - 1 - i : i;
                const same = equal(container[index], item, name, budget);
                if (same !== false) {
                    return same === true ? index : same;
                }
            }
            return -1;
        }
        return typeError(name, "a string and a string, or an array and a value", args);
    };
}

export const arrayFunctions: Record<string, TemplateFunction> = {
    array(args, name) {
        const [value] = args;
        if (args.length !== 1 || value === null || value === undefined) {
            return typeError(name, "one value", args);
        }
        return Array.isArray(value) ? value : [value];
    },
    concat(args, name, budget) {
        const size = totalSize(args, budget.cache);
        if (size > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const problem = spendOnSize(budget, size);
        if (problem) {
            return problem;
        }
        if (args.length > 0 && args.every(Array.isArray)) {
            return ([] as Value[]).concat(...(args as Value[][]));
        }
        const texts = args.map(a => (typeof a === "string" || typeof a === "number" ? String(a) : undefined));
        return texts.every(t => t !== undefined) ? texts.join("") : typeError(name, "strings, or arrays", args);
    },
    contains(args, name, budget) {
        const [container, item] = args;
        if (args.length !== 2) {
            return typeError(name, "a container and a value to find", args);
        }
        if (typeof container === "string" && (typeof item === "string" || isInteger(item))) {
            const wanted = String(item);
            return (
                spendOnScan(budget, container.length + wanted.length) ??
                (wanted === "" || occurrences(container, wanted, "first").length > 0)
            );
        }
        if (Array.isArray(container)) {
            if (!budget.spend(container.length)) {
                return budget.exhausted();
            }
            for (const candidate of container) {
                const same = equal(candidate, item, name, budget);
                if (same !== false) {
                    return same;
                }
            }
            return false;
        }
        if (isRecord(container) && (typeof item === "string" || isInteger(item))) {
            const wanted = String(item);
            return (
                spend(budget, Object.keys(container).length) ??
                Object.keys(container).some(key => sameFolded(key, wanted))
            );
        }
        return typeError(name, "an array, object or string, and a value to find in it", args);
    },
    createarray(args, name, budget) {
        return totalSize(args, budget.cache) > MAX_VALUE_SIZE
            ? tooLarge(name)
            : (spend(budget, args.length) ?? [...args]);
    },
    empty(args, name) {
        const [value] = args;
        if (args.length === 1 && value === null) {
            return true; // ARM's empty() accepts null (Bicep declares it so), which is empty
        }
        if (args.length === 1 && (typeof value === "string" || Array.isArray(value))) {
            return value.length === 0;
        }
        if (args.length === 1 && isRecord(value)) {
            for (const key in value) {
                return key === undefined; // one member is enough to know
            }
            return true;
        }
        return typeError(name, "an array, object, string or null", args);
    },
    first(args, name) {
        const [value] = args;
        if (args.length !== 1 || !(typeof value === "string" || Array.isArray(value))) {
            return typeError(name, "an array or string", args);
        }
        return value.length === 0 ? undocumented(name, "of an empty array or string") : value[0];
    },
    indexof: position(false),
    intersection(args, name, budget) {
        if (totalSize(args, budget.cache) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const [first, ...others] = args;
        if (args.length > 1 && args.every(Array.isArray)) {
            const common: Value[] = [];
            for (const item of first as Value[]) {
                let inAll = true;
                for (const other of others as Value[][]) {
                    const found = arrayFunctions.contains([other, item], name, budget);
                    if (found instanceof Unverifiable) {
                        return found;
                    }
                    inAll = inAll && found === true;
                }
                const kept = inAll ? arrayFunctions.contains([common, item], name, budget) : true;
                if (kept instanceof Unverifiable) {
                    return kept;
                }
                if (kept === false) {
                    common.push(item);
                }
            }
            return common;
        }
        if (args.length > 1 && args.every(isRecord)) {
            const common: ObjectValue = {};
            for (const key in first as ObjectValue) {
                let inAll = true;
                for (const other of others as ObjectValue[]) {
                    const same = Object.prototype.hasOwnProperty.call(other, key)
                        ? equal((first as ObjectValue)[key], other[key], name, budget)
                        : false;
                    if (same instanceof Unverifiable) {
                        return same;
                    }
                    inAll = inAll && same;
                }
                if (inAll) {
                    setMember(common, key, (first as ObjectValue)[key]);
                }
            }
            return common;
        }
        return typeError(name, "two or more arrays, or two or more objects", args);
    },
    last(args, name) {
        const [value] = args;
        if (args.length !== 1 || !(typeof value === "string" || Array.isArray(value))) {
            return typeError(name, "an array or string", args);
        }
        return value.length === 0 ? undocumented(name, "of an empty array or string") : value[value.length - 1];
    },
    lastindexof: position(true),
    length(args, name, budget) {
        const [value] = args;
        if (args.length === 1 && (typeof value === "string" || Array.isArray(value))) {
            return value.length;
        }
        if (args.length === 1 && isRecord(value)) {
            const count = keyCount(value, budget.cache);
            return spendOnSize(budget, count) ?? count; // counting scans every key (once; charged every time)
        }
        return typeError(name, "an array, object or string", args);
    },
    max(args, name) {
        const values = integersOf(name, args);
        return values instanceof Unverifiable ? values : values.reduce((a, b) => Math.max(a, b));
    },
    min(args, name) {
        const values = integersOf(name, args);
        return values instanceof Unverifiable ? values : values.reduce((a, b) => Math.min(a, b));
    },
    range(args, name, budget) {
        const operands = twoIntegers(name, args);
        if (operands instanceof Unverifiable) {
            return operands;
        }
        const [start, count] = operands;
        if (count < 0 || count > MAX_RANGE_COUNT || start + count > 2147483647) {
            return new Unverifiable(
                `${name}() is given a count of ${count} from ${start}: ARM takes 0 to ${MAX_RANGE_COUNT} integers, ending at most at 2147483647, so the deployment would fail`,
            );
        }
        return spend(budget, count) ?? Array.from({ length: count }, (_, i) => start + i);
    },
    skip: part("skip"),
    take: part("take"),
    union(args, name, budget) {
        if (totalSize(args, budget.cache) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        if (args.length > 0 && args.every(Array.isArray)) {
            return distinctItems(args as Value[][], name, budget);
        }
        if (args.length > 0 && args.every(isRecord)) {
            const merged = mergedObjects(args as ObjectValue[], budget);
            return merged instanceof Unverifiable || sizeOf(merged, budget.cache) <= MAX_VALUE_SIZE
                ? merged
                : tooLarge(name);
        }
        return typeError(name, "arrays, or objects", args);
    },
};
