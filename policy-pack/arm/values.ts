// The values of ARM templates as the policy evaluates them: JSON, and the markers for what cannot be known before
// deployment.
import { UnknownValueError } from "../sdkInternals";
import { MAX_SHOWN_REASON, shownText } from "../shownText";
import type { ValueCache } from "./valueCache";

/**
 * A template value the policy cannot evaluate before deployment (an expression built from `reference()`, a
 * linked template, a cycle between variables...). The rule counts it as a violation, never as a pass.
 */
export class Unverifiable {
    /** Why it cannot be evaluated, naming what was found; cut to {@link MAX_SHOWN_REASON} characters. */
    readonly reason: string;

    /** What would make it verifiable, when that differs from "a value the policy can evaluate". */
    readonly required?: string;

    constructor(reason: string, required?: string) {
        // Reasons nest (an expression naming the variable naming the value...): the cut keeps every message short.
        this.reason = shownText(reason, MAX_SHOWN_REASON);
        this.required = required === undefined ? undefined : shownText(required, MAX_SHOWN_REASON);
    }
}

/** A value that is unknown during preview (an output of another resource); known, and checked, at update. */
export class Unknown {
    constructor(readonly error: UnknownValueError) {}
}

/** An object of a template or of an evaluation result: keys such as `__proto__` are plain own keys (see `setMember`). */
export interface ObjectValue {
    [key: string]: Value;
}

/** A template value: JSON, or a marker for what cannot be known before deployment. */
export type Value = null | undefined | boolean | number | string | Value[] | ObjectValue | Unverifiable | Unknown;

/** A value that stands for no definite result. */
export type Problem = Unverifiable | Unknown;

export function isProblem(value: unknown): value is Problem {
    return value instanceof Unverifiable || value instanceof Unknown;
}

export function isRecord(value: unknown): value is ObjectValue {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !isProblem(value);
}

/**
 * Sets a member as a plain own property, also for keys such as `__proto__` that an assignment would treat as
 * the prototype. (Objects keep their ordinary prototype, which is much cheaper for V8 than none; members are
 * only ever read as own keys, with `member` or `for...in`.)
 */
export function setMember(record: ObjectValue, key: string, value: Value): void {
    if (key === "__proto__") {
        Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
        record[key] = value;
    }
}

/** The first problem among values: an unverifiable one before an unknown one, since knowing more would not help. */
export function firstProblem(values: readonly Value[]): Problem | undefined {
    return (
        values.find(v => v instanceof Unverifiable) ?? (values.find(v => v instanceof Unknown) as Problem | undefined)
    );
}

/**
 * Deepest nesting of objects and arrays read from a resource or from JSON text, or built by evaluation; deeper
 * values are unverifiable, so that every walk of a value (comparing, printing, merging) stays far within the
 * stack of every supported Node.js.
 */
export const MAX_INPUT_DEPTH = 2000;

/**
 * The first problem anywhere inside a value (an object whose member could not be evaluated), cached per object.
 * Functions that look into whole values (`equals`, `string`) must not decide on one that holds a problem.
 */
export function problemWithin(value: Value, cache: ValueCache): Problem | undefined {
    if (isProblem(value)) {
        return value;
    }
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    const cached = cache.problemsWithin.get(value);
    if (cached !== undefined) {
        return cached ?? undefined;
    }
    const items = Array.isArray(value) ? value : Object.values(value);
    const found = firstProblem(items.map(item => problemWithin(item, cache) ?? null));
    cache.problemsWithin.set(value, found ?? null);
    return found;
}
