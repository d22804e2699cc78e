// An App Service site or slot found in a template, and how its settings are read: the client-certificate settings
// in its `properties`, the baseline rules' at their paths (baseline/siteSettings.ts), each evaluated on demand in
// the scope of the template (or copy) that declares it, with the same evaluator and budget.
import { OneOf, Setting } from "../rule/clientCertificates";
import { evaluateSetting, explained, possibleValues, Scope, withEvaluatedNames } from "./evaluate";
import { isExpression } from "./expressions";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { isProblem, isRecord, ObjectValue, Unverifiable, Value } from "./values";
import { foldCase } from "./caseFolding";
import { ValueCache } from "./valueCache";

/** An App Service site or slot in a template, with its settings evaluated on demand. */
export interface TemplateSite {
    kind: "site";
    /** `microsoft.web/sites` or `microsoft.web/sites/slots`, as `comparableType` writes it. */
    type: string;
    /** Human-readable: the type, the name and where it is, e.g. `Microsoft.Web/sites "web" at properties.template.resources[0]`. */
    location: string;
    /** Where the site is, e.g. `properties.template.resources[0]`. */
    path: string;
    /** Where the site's properties are, e.g. `properties.template.resources[0].properties`. */
    propertiesPath: string;
    /**
     * The evaluated value of one of the site's client-certificate settings ({@link SITE_SETTINGS}); undefined when
     * absent; {@link OneOf} its possible values when it depends on a condition only Azure knows.
     */
    setting(setting: Setting): Value | OneOf;
    /**
     * The evaluated value at a dotted path below the resource, as ARM names it (`properties.siteConfig.ftpsState`,
     * `identity`): undefined when absent; {@link OneOf} its possible values when only Azure can tell.
     */
    valueAt(path: string): Value | OneOf;
    /** The site's evaluated `kind`. */
    appKind(): Value;
    /** The site's full evaluated name (`web`, a slot's `web/staging`), which its child resources' names start with. */
    name(): Value;
    /** Its `name` as written, and the scope it is evaluated in: a child's name may be built from the same expression. */
    rawName: Value;
    scope: Scope;
}

/** The client-certificate settings in a site's or slot's `properties`, as ARM names them. */
export const SITE_SETTINGS: { readonly [S in Setting]: string } = {
    enabled: "clientCertEnabled",
    mode: "clientCertMode",
    exclusionPaths: "clientCertExclusionPaths",
};

/** ARM's property iteration in a site's `properties`, which may build a setting (see `loopsOver`). */
export const PROPERTY_COPY = "copy";

/** The site or slot `entry` of a template, found at `path` and named `location` in messages. */
export function templateSite(
    entry: ObjectValue,
    type: string,
    location: string,
    path: string,
    scope: Scope,
    name: () => Value,
): TemplateSite {
    const values = resourceValues(entry, { scope, owner: "the site's" });
    return {
        rawName: member(entry, "name", scope.budget.cache),
        scope,
        kind: "site",
        type,
        location,
        path,
        propertiesPath: `${path}.properties`,
        setting: setting => values.valueAt(`${PROPERTIES}.${SITE_SETTINGS[setting]}`),
        valueAt: values.valueAt,
        appKind: () => evaluateSetting(member(entry, "kind", scope.budget.cache), scope),
        name,
    };
}

/**
 * A child resource of a site or slot in a template that may write its settings (`Microsoft.Web/sites/config` `web`,
 * a basic publishing credentials policy), found at `path`: matched to its site by name, not an app of its own.
 */
export interface TemplateSiteChild {
    kind: "site child";
    /** The child's type, as `comparableType` writes it: `microsoft.web/sites/config`. */
    type: string;
    location: string;
    path: string;
    /** The child's full evaluated name: `web/web`, `web/staging/ftp`. */
    name(): Value;
    /** Its `name` as written, and the scope it is evaluated in. */
    rawName: Value;
    scope: Scope;
    /**
     * Set for a child declared inside its parent's `resources` with a relative type: the parent's name (the very
     * function a site found there gives as its `name`), and its own name (`web`).
     */
    declaredIn?: {
        parentName: () => Value;
        /** The name functions of the parent's copies, when the parent has a copy loop. */
        parentCopies?: (() => Value)[];
        ownName: () => Value;
    };
    /** The evaluated value at a dotted path below the resource, as {@link TemplateSite.valueAt}. */
    valueAt(path: string): Value | OneOf;
}

/** The child `entry` of a site or slot in a template, of `type`, found at `path`. */
export function templateSiteChild(
    entry: ObjectValue,
    type: string,
    location: string,
    path: string,
    scope: Scope,
    name: () => Value,
    declaredIn: TemplateSiteChild["declaredIn"],
): TemplateSiteChild {
    const values = resourceValues(entry, { scope, owner: "the resource's" });
    return {
        kind: "site child",
        type,
        location,
        path,
        name,
        rawName: member(entry, "name", scope.budget.cache),
        scope,
        declaredIn,
        valueAt: values.valueAt,
    };
}

/** How a resource's values are read: evaluated in `scope`; `owner` names the resource in messages. */
interface Reader {
    scope: Scope;
    owner: string;
}

/** The values of a template resource at dotted paths, its `properties` evaluated once. */
function resourceValues(entry: ObjectValue, reader: Reader): { valueAt(path: string): Value | OneOf } {
    let properties: Reached | undefined;
    const resourceProperties = () =>
        (properties ??= reached(member(entry, PROPERTIES, reader.scope.budget.cache), false, reader, [PROPERTIES]));
    return {
        valueAt(settingPath) {
            const keys = settingPath.split(".");
            return keys[0] === PROPERTIES && keys.length > 1
                ? valueIn(resourceProperties(), [PROPERTIES], keys.slice(1), reader)
                : valueIn({ value: entry, evaluated: false }, [], keys, reader);
        },
    };
}

const PROPERTIES = "properties";

/** An object on the way to a setting: its value, and whether that is already evaluated (built by an expression). */
interface Reached {
    value: Value;
    evaluated: boolean;
}

/** A member on the way to a setting, as ARM reads it: an expression evaluated, names of an object evaluated. */
function reached(raw: Value, evaluated: boolean, { scope, owner }: Reader, at: readonly string[]): Reached {
    if (evaluated) {
        return { value: raw, evaluated };
    }
    if (typeof raw === "string" && isExpression(raw)) {
        const subject = `${objectName(owner, at)} ${are(at)}`;
        return { value: explained(raw, evaluateSetting(raw, scope), subject), evaluated: true };
    }
    return { value: isRecord(raw) ? withEvaluatedNames(raw, scope) : raw, evaluated: false };
}

/**
 * The evaluated value at `keys` below `from`, which is at `at` in the site: undefined when a member on the way is
 * absent (Azure's defaults); {@link OneOf} its possible values when it depends on a condition only Azure knows.
 */
function valueIn(from: Reached, at: readonly string[], keys: readonly string[], reader: Reader): Value | OneOf {
    const { owner, scope } = reader;
    const { cache } = scope.budget; // the copies of a resource share its entry, read at each
    let { value, evaluated } = from;
    const path = [...at];
    for (let i = 0; i < keys.length; i++) {
        const name = keys[i];
        if (value === undefined || value === null || isProblem(value)) {
            return value ?? undefined; // absent: Azure's defaults
        }
        if (!isRecord(value)) {
            return new Unverifiable(`${objectName(owner, path)} ${are(path)} ${describeValue(value)}, not an object`);
        }
        // The resource's own `copy` is its copy loop; below it, a `copy` section is ARM's property iteration.
        if (path.length > 0 && loopsOver(member(value, PROPERTY_COPY, cache), name, cache)) {
            return new Unverifiable(
                `${objectName(owner, path)} build${are(path) === "is" ? "s" : ""} ${name} with a copy loop`,
            );
        }
        const raw = member(value, name, cache);
        if (i === keys.length - 1) {
            return evaluated ? raw : settingValue(raw, scope);
        }
        path.push(name);
        ({ value, evaluated } = reached(raw, evaluated, reader, path));
    }
    return value;
}

/** How messages name a part of a resource: `the site's properties`, `the site's siteConfig`, `the site's identity`. */
function objectName(owner: string, at: readonly string[]): string {
    return `${owner} ${at.length === 1 ? at[0] : at.slice(at[0] === PROPERTIES ? 1 : 0).join(".")}`;
}

function are(at: readonly string[]): "are" | "is" {
    return at.length === 1 && at[0] === PROPERTIES ? "are" : "is";
}

/** A setting as written, evaluated; an if() on a condition only Azure knows is each value it can take. */
function settingValue(raw: Value, scope: Scope): Value | OneOf {
    const found = explained(raw, evaluateSetting(raw, scope), "it is");
    // An if() on a condition only Azure knows: the rule passes it when every value it can take passes.
    const values = found instanceof Unverifiable ? possibleValues(raw, scope) : undefined;
    if (!(found instanceof Unverifiable) || values === undefined) {
        return found;
    }
    const shown = [...new Set(values.map(describeValue))].join(" or ");
    return new OneOf(values, new Unverifiable(`${found.reason}; it is ${shown} depending on it`, found.required));
}

/** Whether a property `copy` section (ARM's property iteration) builds the property `name`. */
function loopsOver(copy: Value, name: string, cache: ValueCache): boolean {
    return (
        Array.isArray(copy) &&
        copy.some(
            loop =>
                isRecord(loop) &&
                typeof member(loop, "name", cache) === "string" &&
                foldCase(member(loop, "name", cache) as string) === foldCase(name),
        )
    );
}
