// Resource inputs copied out of the engine's proxy into plain values the evaluator reads: a value unknown at preview
// becomes a marker in place, and of the templates inside an input only what the policy reads is copied.
import { isUnknownSentinel, proxyTarget, UnknownValueError } from "../sdkInternals";
import { foldCase, sameFolded } from "./caseFolding";
import { member } from "./members";
import {
    firstProblem,
    isProblem,
    MAX_INPUT_DEPTH,
    ObjectValue,
    setMember,
    Unknown,
    Unverifiable,
    Value,
} from "./values";

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
    /** Members of `properties` (folded) of which only these members (folded) are read: `siteconfig`. */
    readonly nestedRead: ReadonlyMap<string, ReadonlySet<string>>;
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
    const found: ObjectValue = {};
    let count = 0;
    for (const name of Object.keys(container)) {
        if (sameFolded(name, key)) {
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
            at.every((key, i) => key === ANY_KEY || sameFolded(key, path[i])) &&
            isResourcePropertiesPath(path, at.length),
    );
}

/** From `path[from]`: `resources/*`, then any of `resources/*` and `properties/template/resources/*`, then `properties`. */
function isResourcePropertiesPath(path: readonly string[], from: number): boolean {
    const named = (i: number, name: string) => i < path.length && sameFolded(path[i], name);
    if (!named(from, "resources") || path.length - from < 3) {
        return false;
    }
    let i = from + 2;
    while (i < path.length - 1) {
        if (named(i, "resources")) {
            i += 2;
        } else if (named(i, "properties") && named(i + 1, "template") && named(i + 2, "resources")) {
            i += 4;
        } else {
            return false;
        }
    }
    return i === path.length - 1 && named(i, "properties");
}

/**
 * The members read of the object at `path`, when it is a template resource's `properties` or one of its members
 * read only in part (`siteConfig`); undefined when all of it is copied.
 */
function membersRead(path: readonly string[], templates: TemplatesInside): ReadonlySet<string> | undefined {
    const last = path.length - 1;
    if (last >= 0 && sameFolded(path[last], "properties") && isTemplateResourceProperties(path, templates)) {
        return templates.propertiesRead;
    }
    const nested = last >= 1 ? templates.nestedRead.get(foldCase(path[last])) : undefined;
    return nested !== undefined &&
        sameFolded(path[last - 1], "properties") &&
        isTemplateResourceProperties(path.slice(0, last), templates)
        ? nested
        : undefined;
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
        const read = templates === undefined ? undefined : membersRead(path, templates);
        const keys = Object.keys(value).filter(
            // Keys that are expressions may evaluate to any member's name, so they are kept.
            key => read === undefined || read.has(foldCase(key)) || key.startsWith("["),
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
