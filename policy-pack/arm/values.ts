import { isUnknownSentinel, proxyTarget, UnknownValueError } from "../sdkInternals";
import { MAX_SHOWN_REASON, shownJson, shownText } from "../shownText";

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

/** Any one key, in an {@link InputPath}: an array's index, a symbolic resource name. */
export const ANY_KEY: unique symbol = Symbol("any key");

/** A path of keys from a value to a part of it; keys match in any letter case, as ARM reads them. */
export type InputPath = readonly (string | typeof ANY_KEY)[];

/**
 * Where an input holds ARM templates, and which members of their resources' `properties` the policy reads
 * (folded with {@link foldCase}). Nothing in a template can refer to the other members, and a site's
 * configuration is most of a template's size, so the copy leaves them out.
 */
export interface TemplatesInside {
    /** The path from the input to each template it may hold: `[]` when the input is a template itself. */
    readonly at: readonly InputPath[];
    readonly propertiesRead: ReadonlySet<string>;
}

/**
 * A plain copy of a resource input read through the engine's proxy: a value unknown at preview becomes an
 * {@link Unknown} marker in place (so one unknown value does not hide the rest), keys such as `__proto__` stay keys,
 * and nesting beyond {@link MAX_INPUT_DEPTH} becomes unverifiable. Linear in the input's size: the proxy costs
 * a new proxy per property read, so the copy reads the proxy's target and goes back through the proxy only
 * for an unknown value, to get the engine's own error for it. With `templates`, of the `properties` of the
 * templates' resources only the members the policy reads are copied.
 */
export function readInput(input: unknown, templates?: TemplatesInside): Value {
    // Without the proxy's target (another SDK), the copy reads through the proxy, more slowly.
    const target = proxyTarget(input);
    return copy(target === undefined ? input : target, { root: input, templates });
}

/**
 * One property of a resource's inputs, read with {@link readInput}. The key matches in any letter case, as ARM
 * reads keys (`Template`, `PROPERTIES`); two keys that differ only in case are read as {@link member} reads them.
 */
export function readProperty(container: object, key: string, templates?: TemplatesInside): Value {
    const wanted = foldCase(key);
    const found: ObjectValue = {};
    let count = 0;
    for (const name of Object.keys(container)) {
        if (foldCase(name) === wanted) {
            setMember(found, name, readOwnProperty(container, name, templates));
            count++;
        }
    }
    // A value unknown at preview under one spelling is decided at the update, when it can be compared.
    return (count > 1 ? firstProblem(Object.values(found)) : undefined) ?? member(found, key);
}

function readOwnProperty(container: object, key: string, templates?: TemplatesInside): Value {
    try {
        return readInput((container as Record<string, unknown>)[key], templates);
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return new Unknown(e);
        }
        throw e;
    }
}

/**
 * Whether `path` leads from the input to the `properties` of a resource of one of the templates: a template's
 * `resources`, then any number of child `resources` or nested deployments' `properties.template.resources`.
 */
function isTemplateResourceProperties(path: readonly string[], templates: TemplatesInside): boolean {
    return templates.at.some(
        at =>
            at.length < path.length &&
            at.every((key, i) => key === ANY_KEY || foldCase(key) === foldCase(path[i])) &&
            isResourcePropertiesPath(path.slice(at.length).map(foldCase)),
    );
}

/** `resources/*`, then any of `resources/*` and `properties/template/resources/*`, then `properties` (keys folded). */
function isResourcePropertiesPath(keys: readonly string[]): boolean {
    if (keys[0] !== "resources" || keys.length < 3) {
        return false;
    }
    let i = 2;
    while (i < keys.length - 1) {
        if (keys[i] === "resources") {
            i += 2;
        } else if (keys[i] === "properties" && keys[i + 1] === "template" && keys[i + 2] === "resources") {
            i += 4;
        } else {
            return false;
        }
    }
    return i === keys.length - 1 && keys[i] === "properties";
}

/** The input being copied: its root (to read an unknown value through the proxy) and the templates inside it. */
interface CopyContext {
    root: unknown;
    templates?: TemplatesInside;
}

/** An object or array being copied: the keys left to read from its source, and the copy so far. */
interface CopyFrame {
    source: object;
    keys: string[];
    next: number;
    target: Value[] | ObjectValue;
}

/** The copy, with its own stack rather than recursion, so that its depth limit is the same on every Node.js. */
function copy(root: unknown, context: CopyContext): Value {
    const path: string[] = [];
    const frames: CopyFrame[] = [];
    let result: Value;
    const place = (value: Value): void => {
        const parent = frames[frames.length - 1];
        if (parent === undefined) {
            result = value;
        } else if (Array.isArray(parent.target)) {
            parent.target.push(value);
        } else {
            setMember(parent.target, parent.keys[parent.next - 1], value);
        }
    };
    /** Places a scalar (or what stands for a value), or pushes the frame of an object or array. */
    const visit = (value: unknown): void => {
        if (isProblem(value)) {
            return place(value); // read before (a resource's `properties`, then a template inside it)
        }
        if (isUnknownSentinel(value)) {
            return place(unknownAt(context.root, path));
        }
        if (typeof value !== "object" || value === null) {
            return place(
                typeof value === "function" || typeof value === "symbol" || typeof value === "bigint"
                    ? String(value)
                    : (value as Value),
            );
        }
        if (frames.length >= MAX_INPUT_DEPTH) {
            return place(new Unverifiable(`it is nested more than ${MAX_INPUT_DEPTH} levels deep`));
        }
        if (Array.isArray(value)) {
            const keys = Array.from({ length: value.length }, (_, i) => String(i));
            frames.push({ source: value, keys, next: 0, target: [] });
            return;
        }
        const { templates } = context;
        const onlyRead =
            templates !== undefined &&
            path.length > 0 &&
            foldCase(path[path.length - 1]) === "properties" &&
            isTemplateResourceProperties(path, templates);
        const keys = Object.keys(value).filter(
            // Keys that are expressions may evaluate to any member's name, so they are kept.
            key => !onlyRead || templates.propertiesRead.has(foldCase(key)) || key.startsWith("["),
        );
        frames.push({ source: value, keys, next: 0, target: {} });
    };
    visit(root);
    while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        if (frame.next >= frame.keys.length) {
            frames.pop();
            if (frames.length > 0) {
                path.pop();
            }
            place(frame.target);
            continue;
        }
        const key = frame.keys[frame.next++];
        path.push(key);
        const depth = frames.length;
        try {
            visit((frame.source as Record<string, unknown>)[key]);
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            place(new Unknown(e)); // reading through the proxy itself
        }
        if (frames.length === depth) {
            path.pop(); // a scalar was placed; a new frame keeps its key on the path until it is done
        }
    }
    return result;
}

/** The engine's error for the unknown value at `path`, read through the proxy as a policy reading it would. */
function unknownAt(root: unknown, path: readonly string[]): Unknown | Unverifiable {
    try {
        let value = root as Record<string, unknown>;
        for (const key of path) {
            value = value[key] as Record<string, unknown>;
        }
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return new Unknown(e);
        }
        throw e;
    }
    return new Unverifiable("it holds the engine's marker for an unknown value outside a preview");
}

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
function sameIgnoringAsciiCase(a: string, b: string): boolean {
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

/**
 * An object's member by name, ignoring case as ARM does; a key that matches only by a non-ASCII letter's case is
 * unverifiable (see {@link foldCase}). Two keys that differ only in case with different values
 * (`clientCertEnabled` and `ClientCertEnabled`) are unverifiable: which one Azure reads is not defined.
 */
export function member(container: ObjectValue, name: string): Value {
    let found: Value;
    let foundKey: string | undefined;
    for (const key of keysNamed(container, foldCase(name))) {
        if (!sameIgnoringAsciiCase(key, name)) {
            return new Unverifiable(
                `it is given as "${key}", which Azure may or may not read as "${name}" (the case of non-ASCII letters)`,
            );
        }
        if (foundKey !== undefined) {
            const same = sameValue(container[key], found);
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

/** Large objects' keys by folded name. */
const memberIndexes = new WeakMap<ObjectValue, Map<string, string[]>>();

/**
 * The keys of an object that fold to `wanted`, in the object's order. A small object is scanned; a large one
 * is indexed once, so that looking up members of an object of 40,000 keys costs its size once, not at every
 * lookup (objects are not changed once built).
 */
function keysNamed(container: ObjectValue, wanted: string): string[] {
    // Indexed already: a for-in over a large object lists all its keys before the first, at every lookup.
    const index = memberIndexes.get(container);
    if (index !== undefined) {
        return index.get(wanted) ?? [];
    }
    const named: string[] = [];
    let scanned = 0;
    for (const key in container) {
        if (++scanned > INDEXED_SIZE) {
            return indexOf(container).get(wanted) ?? [];
        }
        if (foldCase(key) === wanted) {
            named.push(key);
        }
    }
    return named;
}

function indexOf(container: ObjectValue): Map<string, string[]> {
    let index = memberIndexes.get(container);
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
        memberIndexes.set(container, index);
    }
    return index;
}

const keyCounts = new WeakMap<ObjectValue, number>();

/** How many members an object has, counted once (objects are not changed once built). */
export function keyCount(object: ObjectValue): number {
    let count = keyCounts.get(object);
    if (count === undefined) {
        count = Object.keys(object).length;
        keyCounts.set(object, count);
    }
    return count;
}

/** What comparing values draws on: a resource's evaluation budget (`Budget` in budget.ts), which needs these values. */
export interface StepCounter {
    /** Records `steps` of work; false once the budget is exhausted. */
    spend(steps?: number): boolean;
}

/**
 * Whether two values are equal as JSON (object keys in any order), or undefined when either is larger than
 * {@link MAX_VALUE_SIZE} or the budget runs out (each object or array compared is a step). The cost is at most
 * linear in that size however much the values share, and equal pairs are remembered, so comparing the same
 * values again is immediate.
 */
export function sameValue(a: Value, b: Value, budget?: StepCounter): boolean | undefined {
    if (sizeOf(a) > MAX_VALUE_SIZE || sizeOf(b) > MAX_VALUE_SIZE) {
        return undefined;
    }
    try {
        return equalValues(a, b, budget);
    } catch (e) {
        if (e === OUT_OF_BUDGET) {
            return undefined;
        }
        throw e;
    }
}

const OUT_OF_BUDGET = Symbol("out of budget");

const provenEqual = new WeakMap<object, WeakSet<object>>();

function equalValues(a: Value, b: Value, budget: StepCounter | undefined): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null || isProblem(a) || isProblem(b)) {
        return false;
    }
    if (provenEqual.get(a)?.has(b)) {
        return true;
    }
    if (sizeOf(a) !== sizeOf(b)) {
        return false;
    }
    // A step for each object or array, and one for every 16 members it holds: comparing scans them all.
    const members = Array.isArray(a) ? a.length : keyCount(a);
    if (budget !== undefined && !budget.spend(1 + Math.floor(members / 16))) {
        throw OUT_OF_BUDGET;
    }
    let equal: boolean;
    if (Array.isArray(a) || Array.isArray(b)) {
        equal =
            Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, i) => equalValues(item, b[i], budget));
    } else {
        const keys = Object.keys(a);
        equal =
            keys.length === Object.keys(b).length &&
            keys.every(
                k => Object.prototype.hasOwnProperty.call(b, k) && equalValues(a[k], (b as ObjectValue)[k], budget),
            );
    }
    if (equal) {
        const known = provenEqual.get(a) ?? new WeakSet<object>();
        known.add(b);
        provenEqual.set(a, known);
    }
    return equal;
}

const problemsWithin = new WeakMap<object, Problem | null>();

/**
 * The first problem anywhere inside a value (an object whose member could not be evaluated), cached per object.
 * Functions that look into whole values (`equals`, `string`) must not decide on one that holds a problem.
 */
export function problemWithin(value: Value): Problem | undefined {
    if (isProblem(value)) {
        return value;
    }
    if (typeof value !== "object" || value === null) {
        return undefined;
    }
    const cached = problemsWithin.get(value);
    if (cached !== undefined) {
        return cached ?? undefined;
    }
    const items = Array.isArray(value) ? value : Object.values(value);
    const found = firstProblem(items.map(item => problemWithin(item) ?? null));
    problemsWithin.set(value, found ?? null);
    return found;
}

/** Largest evaluated value (characters of its JSON, roughly) before it counts as unverifiable. */
export const MAX_VALUE_SIZE = 1_000_000;

/** The approximate JSON size and the nesting depth of an object or array, measured once. */
interface Measure {
    size: number;
    depth: number;
}

const measures = new WeakMap<object, Measure>();

/** The approximate JSON size of a value, cached per object so repeated use of a shared value stays cheap. */
export function sizeOf(value: Value): number {
    if (typeof value === "string") {
        return value.length + 2;
    }
    return typeof value !== "object" || value === null || isProblem(value) ? 5 : measure(value).size;
}

/** How deeply a value nests objects and arrays (0 for a scalar), cached per object as {@link sizeOf} is. */
export function depthOf(value: Value): number {
    return typeof value !== "object" || value === null || isProblem(value) ? 0 : measure(value).depth;
}

/**
 * Measures an object or array after its unmeasured members, with its own stack: a value read from input is
 * measured once whole (up to {@link MAX_INPUT_DEPTH} deep), one built by evaluation finds its members measured.
 */
function measure(root: ObjectValue | Value[]): Measure {
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
            size += sizeOf(member) + (keys === undefined ? 1 : keys[i].length + 4);
            depth = Math.max(depth, depthOf(member) + 1);
        }
        measures.set(value, { size, depth });
    }
    return measures.get(root)!;
}

/** Longest text of a value shown in a message. */
export const MAX_SHOWN_LENGTH = 120;

/** A value for messages: short, and safe for any shape. */
export function describeValue(value: Value): string {
    if (value instanceof Unverifiable) {
        return "unverifiable";
    }
    if (value instanceof Unknown) {
        return "unknown until the update";
    }
    return truncatedJson(value, MAX_SHOWN_LENGTH);
}

/**
 * The JSON text of any value, cut after `limit` characters with "…". Only the part shown is serialised, so the
 * cost is bounded by `limit` however large, shared or cyclic the value is.
 */
export function truncatedJson(value: unknown, limit: number): string {
    if (typeof value === "string") {
        return shownJson(value, limit);
    }
    const out: string[] = [];
    let length = 0;
    const write = (text: string): boolean => {
        out.push(text);
        length += text.length;
        return length <= limit;
    };
    const visit = (item: unknown): boolean => {
        if (item instanceof Unverifiable) {
            return write("<unverifiable>");
        }
        if (item instanceof Unknown) {
            return write("<unknown>");
        }
        if (typeof item === "string") {
            return write(JSON.stringify(item.slice(0, limit + 1)));
        }
        if (typeof item !== "object" || item === null) {
            return write(
                item === undefined
                    ? "undefined"
                    : typeof item === "number" || typeof item === "boolean" || item === null
                      ? String(item)
                      : JSON.stringify(String(item)),
            );
        }
        if (Array.isArray(item)) {
            if (!write("[")) {
                return false;
            }
            for (let i = 0; i < item.length; i++) {
                if ((i > 0 && !write(",")) || !visit(item[i])) {
                    return false;
                }
            }
            return write("]");
        }
        if (!write("{")) {
            return false;
        }
        let first = true;
        for (const key in item) {
            if (!Object.prototype.hasOwnProperty.call(item, key)) {
                continue;
            }
            if (
                (!first && !write(",")) ||
                !write(`${JSON.stringify(key.slice(0, limit + 1))}:`) ||
                !visit((item as Record<string, unknown>)[key])
            ) {
                return false;
            }
            first = false;
        }
        return write("}");
    };
    let complete: boolean;
    try {
        complete = visit(value);
    } catch {
        return Array.isArray(value) ? "an array" : "an object"; // a property that throws when read (an engine proxy)
    }
    const text = out.join("");
    return complete ? text : `${text.slice(0, limit)}…`;
}
