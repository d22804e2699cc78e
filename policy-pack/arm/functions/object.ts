// ARM's object functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object);
// contains(), empty(), intersection(), length() and union() are among the array functions.
import { jsonTextSteps } from "../budget";
import { keyCount, MAX_VALUE_SIZE } from "../measures";
import { member } from "../members";
import { ValueCache } from "../valueCache";
import { isRecord, ObjectValue, setMember, Unverifiable } from "../values";
import {
    isInteger,
    MERGE_STEPS,
    oneString,
    parsedJson,
    spend,
    TemplateFunction,
    tooLarge,
    totalSize,
    typeError,
    undocumented,
} from "./templateFunction";

/**
 * Keys in the order ARM lists them (`items()`, `objectKeys()`): sorted, which is only certain when case does not
 * matter; sorted once per object in the evaluation's cache.
 */
function sortedKeys(name: string, object: ObjectValue, cache: ValueCache): readonly string[] | Unverifiable {
    let keys = cache.sortedKeys.get(object);
    if (!cache.sortedKeys.has(object)) {
        const sorted = Object.keys(object).sort();
        const lower = sorted.map(key => key.toLowerCase());
        keys = lower.every((key, i) => i === 0 || lower[i - 1] <= key) ? sorted : undefined;
        cache.sortedKeys.set(object, keys);
    }
    return keys ?? undocumented(name, "on keys whose order depends on letter case");
}

export const objectFunctions: Record<string, TemplateFunction> = {
    createobject(args, name, budget) {
        if (args.length % 2 !== 0 || args.some((a, i) => i % 2 === 0 && typeof a !== "string")) {
            return typeError(name, "pairs of a key and a value", args);
        }
        if (totalSize(args, budget.cache) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const object: ObjectValue = {};
        for (let i = 0; i < args.length; i += 2) {
            setMember(object, args[i] as string, args[i + 1]);
        }
        return spend(budget, args.length) ?? object;
    },
    items(args, name, budget) {
        const [object] = args;
        if (args.length !== 1 || !isRecord(object)) {
            return typeError(name, "one object", args);
        }
        const keys =
            spend(budget, MERGE_STEPS * keyCount(object, budget.cache)) ?? sortedKeys(name, object, budget.cache);
        return keys instanceof Unverifiable ? keys : keys.map(key => ({ key, value: object[key] }));
    },
    json(args, name, budget) {
        const text = oneString(name, args);
        return text instanceof Unverifiable
            ? text
            : (spend(budget, jsonTextSteps(text.length)) ?? parsedJson(name, text));
    },
    null: () => null,
    objectkeys(args, name, budget) {
        const [object] = args;
        if (args.length !== 1 || !isRecord(object)) {
            return typeError(name, "one object", args);
        }
        const keys = spend(budget, keyCount(object, budget.cache)) ?? sortedKeys(name, object, budget.cache);
        return keys instanceof Unverifiable ? keys : [...keys];
    },
    shallowmerge(args, name, budget) {
        const [objects] = args;
        if (args.length !== 1 || !Array.isArray(objects) || !objects.every(isRecord)) {
            return typeError(name, "one array of objects", args);
        }
        const merged: ObjectValue = {};
        for (const object of objects as ObjectValue[]) {
            for (const key in object) {
                if (!budget.spend(MERGE_STEPS)) {
                    return budget.exhausted();
                }
                setMember(merged, key, object[key]);
            }
        }
        return merged;
    },
    tryget(args, name, budget) {
        let [value] = args;
        if (args.length < 2) {
            return typeError(name, "a value and one or more keys or indexes", args);
        }
        for (const key of args.slice(1)) {
            if (!budget.spend()) {
                return budget.exhausted();
            }
            if (isRecord(value) && typeof key === "string") {
                value = member(value, key, budget.cache) ?? null;
            } else if (Array.isArray(value) && isInteger(key)) {
                value = key >= 0 && key < value.length ? value[key] : null;
            } else if (value === null) {
                return null;
            } else {
                return typeError(name, "an object with string keys or an array with integer indexes", args);
            }
        }
        return value;
    },
};
