// An App Service site or slot found in a template, and how its client-certificate settings are read from its
// `properties`: evaluated on demand in the scope of the template (or copy) that declares it.
import { OneOf, Setting } from "../rule/clientCertificates";
import { evaluateSetting, explained, possibleValues, Scope, withEvaluatedNames } from "./evaluate";
import { isExpression } from "./expressions";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { ValueCache } from "./valueCache";
import { isProblem, isRecord, ObjectValue, Unverifiable, Value } from "./values";
import { foldCase } from "./caseFolding";

/** An App Service site or slot in a template, with its settings evaluated on demand. */
export interface TemplateSite {
    kind: "site";
    /** Human-readable: the type, the name and where it is, e.g. `Microsoft.Web/sites "web" at properties.template.resources[0]`. */
    location: string;
    /** Where the site's properties are, e.g. `properties.template.resources[0].properties`. */
    propertiesPath: string;
    /**
     * The evaluated value of one of the site's client-certificate settings ({@link SITE_SETTINGS}); undefined when
     * absent; {@link OneOf} its possible values when it depends on a condition only Azure knows.
     */
    setting(setting: Setting): Value | OneOf;
    /** The site's evaluated `kind`. */
    appKind(): Value;
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
export function templateSite(entry: ObjectValue, location: string, path: string, scope: Scope): TemplateSite {
    const { cache } = scope.budget; // the copies of a site share its entry, read at each
    let properties: { value: Value; evaluated: boolean } | undefined;
    const siteProperties = () => {
        if (properties === undefined) {
            const raw = member(entry, "properties", cache);
            properties =
                typeof raw === "string" && isExpression(raw)
                    ? {
                          value: explained(raw, evaluateSetting(raw, scope), "the site's properties are"),
                          evaluated: true,
                      }
                    : { value: isRecord(raw) ? withEvaluatedNames(raw, scope) : raw, evaluated: false };
        }
        return properties;
    };
    return {
        kind: "site",
        location,
        propertiesPath: `${path}.properties`,
        setting(setting) {
            const name = SITE_SETTINGS[setting];
            const { value, evaluated } = siteProperties();
            if (value === undefined || value === null || isProblem(value)) {
                return value ?? undefined; // no properties: Azure's defaults
            }
            if (!isRecord(value)) {
                return new Unverifiable(`the site's properties are ${describeValue(value)}, not an object`);
            }
            if (loopsOver(member(value, PROPERTY_COPY, cache), name, cache)) {
                return new Unverifiable(`the site's properties build ${name} with a copy loop`);
            }
            const raw = member(value, name, cache);
            if (evaluated) {
                return raw;
            }
            const found = explained(raw, evaluateSetting(raw, scope), "it is");
            // An if() on a condition only Azure knows: the rule passes it when every value it can take passes.
            const values = found instanceof Unverifiable ? possibleValues(raw, scope) : undefined;
            if (!(found instanceof Unverifiable) || values === undefined) {
                return found;
            }
            const shown = [...new Set(values.map(describeValue))].join(" or ");
            return new OneOf(
                values,
                new Unverifiable(`${found.reason}; it is ${shown} depending on it`, found.required),
            );
        },
        appKind: () => evaluateSetting(member(entry, "kind", cache), scope),
    };
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
