import { App, ResourceFamily } from "./family";
import { isObject, ParameterSources, resolveTemplateValue, Unverifiable } from "./armExpressions";

const SITE = "microsoft.web/sites";
const SLOT = "microsoft.web/sites/slots";
const NESTED_SLOT = "slots";

/**
 * `azure-native:resources:Deployment` with an inline ARM template: every `Microsoft.Web/sites` and
 * `Microsoft.Web/sites/slots` in `properties.template.resources`, and `slots` nested in a site's own `resources`.
 * Report-only: a template is the user's source, so the policy does not rewrite it.
 */
export const armTemplateDeployment: ResourceFamily = {
    propertyNames: {
        enabled: "properties.clientCertEnabled",
        mode: "properties.clientCertMode",
        exclusionPaths: "properties.clientCertExclusionPaths",
    },
    settingsLocation: "in the properties of each site and slot in the ARM template",
    apps(props) {
        const deployment = props.properties;
        if (!isObject(deployment)) {
            return [unreadable("properties", deployment, "an object with an inline template")];
        }
        const template = parseTemplate(deployment.template);
        if (template === undefined) {
            return []; // a linked template (templateLink) cannot be inspected from the program
        }
        if (!isObject(template)) {
            return [unreadable("properties.template", deployment.template, "an ARM template object or its JSON text")];
        }
        const sources: ParameterSources = {
            deploymentParameters: deployment.parameters,
            templateParameters: template.parameters,
        };
        const apps: App[] = [];
        for (const entry of entriesOf(template.resources)) {
            const type = typeName(entry);
            if (type === SITE) {
                apps.push(appOf(entry, `Microsoft.Web/sites ${nameOf(entry)}`, sources));
                for (const child of entriesOf(entry.resources)) {
                    const childType = typeName(child);
                    if (childType === NESTED_SLOT || childType === SLOT) {
                        apps.push(appOf(child, `Microsoft.Web/sites ${nameOf(entry)} / slots ${nameOf(child)}`, sources));
                    }
                }
            } else if (type === SLOT) {
                apps.push(appOf(entry, `Microsoft.Web/sites/slots ${nameOf(entry)}`, sources));
            }
        }
        return apps;
    },
};

function appOf(entry: Record<string, any>, location: string, sources: ParameterSources): App {
    const setting = (name: string) => () => {
        const properties = resolveTemplateValue(entry.properties, sources);
        if (properties == null || properties instanceof Unverifiable) {
            return properties ?? undefined; // absent properties mean Azure's defaults
        }
        return isObject(properties)
            ? resolveTemplateValue(properties[name], sources)
            : new Unverifiable(`the entry's properties are ${describe(properties)}, not an object`);
    };
    return {
        location,
        settings: {
            enabled: setting("clientCertEnabled"),
            mode: setting("clientCertMode"),
            exclusionPaths: setting("clientCertExclusionPaths"),
        },
        kind: () => resolveTemplateValue(entry.kind, sources),
    };
}

/** An app standing for a part of the deployment that cannot be read, so that it is reported rather than passed. */
function unreadable(path: string, found: unknown, expected: string): App {
    const value = new Unverifiable(`${path} is ${describe(found)}, not ${expected}`);
    return { location: path, settings: { enabled: () => value, mode: () => undefined }, kind: () => undefined };
}

/** azure-native accepts the template as an object; programs sometimes pass the JSON text. */
function parseTemplate(template: unknown): unknown {
    if (typeof template !== "string") {
        return template ?? undefined;
    }
    try {
        return JSON.parse(template);
    } catch {
        return template;
    }
}

/**
 * Template `resources` is an array, or (languageVersion 2.0) an object keyed by symbolic name. Indexed access,
 * not `filter`: at remediation the engine's properties sit behind two proxies, and Array methods that create a
 * new array trip a proxy invariant there.
 */
function entriesOf(resources: unknown): Record<string, any>[] {
    const list: unknown[] = Array.isArray(resources) ? resources : isObject(resources) ? Object.values(resources) : [];
    const entries: Record<string, any>[] = [];
    for (let i = 0; i < list.length; i++) {
        const entry = list[i];
        if (isObject(entry)) {
            entries.push(entry);
        }
    }
    return entries;
}

function typeName(entry: Record<string, any>): string | undefined {
    return typeof entry.type === "string" ? entry.type.toLowerCase() : undefined;
}

function nameOf(entry: Record<string, any>): string {
    return describe(entry.name);
}

function describe(value: unknown): string {
    return typeof value === "string" ? `"${value}"` : String(JSON.stringify(value));
}
