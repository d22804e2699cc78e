import { UnknownValueError } from "@pulumi/policy";

/**
 * A template value the policy cannot evaluate before deployment (an expression built from `reference()`, a
 * linked template, a cycle between variables...). The rule counts it as a violation, never as a pass.
 */
export class Unverifiable {
    constructor(
        /** Why it cannot be evaluated, naming what was found. */
        readonly reason: string,
        /** What would make it verifiable, when that differs from "a value the policy can evaluate". */
        readonly required?: string) {}
}

/** A value that is unknown during preview (an output of another resource); known, and checked, at update. */
export class Unknown {
    constructor(readonly error: UnknownValueError) {}
}

/** An object of a template or of an evaluation result: no prototype, so keys such as `__proto__` are plain keys. */
export interface Record_ {
    [key: string]: Value;
}

/** A template value: JSON, or a marker for what cannot be known before deployment. */
export type Value = null | undefined | boolean | number | string | Value[] | Record_ | Unverifiable | Unknown;

/** A value that stands for no definite result. */
export type Problem = Unverifiable | Unknown;

export function isProblem(value: unknown): value is Problem {
    return value instanceof Unverifiable || value instanceof Unknown;
}

export function isRecord(value: unknown): value is Record_ {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !isProblem(value);
}

/** A new object without a prototype. */
export function newRecord(): Record_ {
    return Object.create(null) as Record_;
}

/** The first problem among values: an unverifiable one before an unknown one, since knowing more would not help. */
export function firstProblem(values: readonly Value[]): Problem | undefined {
    return values.find(v => v instanceof Unverifiable) ?? values.find(v => v instanceof Unknown) as Problem | undefined;
}

/** Deepest nesting of objects and arrays read from a resource; deeper parts are unverifiable, not a stack overflow. */
export const MAX_INPUT_DEPTH = 2000;

/**
 * A plain copy of a resource input read through the engine's proxy: a value unknown at preview becomes an
 * {@link Unknown} marker in place (so one unknown value does not hide the rest), objects lose their prototype,
 * and nesting beyond {@link MAX_INPUT_DEPTH} becomes unverifiable. Linear in the input's size.
 */
export function readInput(input: unknown, depth = 0): Value {
    if (typeof input !== "object" || input === null) {
        return typeof input === "function" || typeof input === "symbol" || typeof input === "bigint" ? String(input) : input as Value;
    }
    if (depth >= MAX_INPUT_DEPTH) {
        return new Unverifiable(`it is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    if (Array.isArray(input)) {
        const list: Value[] = [];
        const length = input.length;
        for (let i = 0; i < length; i++) {
            list.push(readProperty(input, String(i), depth + 1));
        }
        return list;
    }
    const copy = newRecord();
    for (const key of Object.keys(input)) {
        copy[key] = readProperty(input, key, depth + 1);
    }
    return copy;
}

/** One property of a resource's inputs, read with {@link readInput}. */
export function readProperty(container: object, key: string, depth = 0): Value {
    try {
        return readInput((container as Record<string, unknown>)[key], depth);
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return new Unknown(e);
        }
        throw e;
    }
}

/**
 * An object's member by name, ignoring case as ARM does. Two keys that differ only in case with different values
 * (`clientCertEnabled` and `ClientCertEnabled`) are unverifiable: which one Azure reads is not defined.
 */
export function member(container: Record_, name: string): Value {
    const wanted = name.toLowerCase();
    let found: Value;
    let foundKey: string | undefined;
    for (const key in container) {
        if (key.toLowerCase() !== wanted) {
            continue;
        }
        if (foundKey !== undefined && !sameJson(container[key], found)) {
            return new Unverifiable(`it is given twice, as "${foundKey}" and "${key}", with different values`);
        }
        found = container[key];
        foundKey = key;
    }
    return found;
}

function sameJson(a: Value, b: Value): boolean {
    try {
        return JSON.stringify(a) === JSON.stringify(b);
    } catch {
        return false;
    }
}

/** Largest evaluated value (characters of its JSON, roughly) before it counts as unverifiable. */
export const MAX_VALUE_SIZE = 1_000_000;

const sizes = new WeakMap<object, number>();

/** The approximate JSON size of a value, cached per object so repeated use of a shared value stays cheap. */
export function sizeOf(value: Value): number {
    if (typeof value === "string") {
        return value.length + 2;
    }
    if (typeof value !== "object" || value === null || isProblem(value)) {
        return 5;
    }
    const cached = sizes.get(value);
    if (cached !== undefined) {
        return cached;
    }
    let size = 2;
    if (Array.isArray(value)) {
        for (const item of value) {
            size += sizeOf(item) + 1;
        }
    } else {
        for (const key in value) {
            size += key.length + 4 + sizeOf(value[key]);
        }
    }
    sizes.set(value, size);
    return size;
}

/** A value for messages: short, and safe for any shape. */
export function describeValue(value: Value): string {
    if (value instanceof Unverifiable) {
        return "unverifiable";
    }
    if (value instanceof Unknown) {
        return "unknown until the update";
    }
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = Array.isArray(value) ? "an array" : "an object";
    }
    return text.length > 120 ? text.slice(0, 120) + "…" : text;
}
