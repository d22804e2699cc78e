// The Terraform AzAPI provider, which Pulumi programs use through the Terraform bridge (`pulumi package add
// terraform-provider Azure/azapi`): one resource for any ARM type, its type and API version in `type`
// (`Microsoft.Web/sites@2024-04-01`) and the request body in `body` (an object, or JSON text in AzAPI 1.x), sent to
// ARM as it is. `UpdateResource` changes an existing resource: only what its body names.
import { settled } from "./armTemplate";
import { App, ResourceFamily } from "./family";
import { armResourceApps } from "./genericResource";
import { AZURE_DEFAULTS, Setting } from "../rule/clientCertificates";
import {
    describeValue,
    comparableType,
    isProblem,
    isRecord,
    member,
    readProperty,
    Unknown,
    Unverifiable,
    Value,
} from "../arm/values";
import { jsonObject, SITE_SETTINGS } from "../arm/walker";
import { SITE_TYPES } from "../armTypes";

const propertyNames = {
    enabled: `body.properties.${SITE_SETTINGS.enabled}`,
    mode: `body.properties.${SITE_SETTINGS.mode}`,
    exclusionPaths: `body.properties.${SITE_SETTINGS.exclusionPaths}`,
};

/** `azapi:index/resource:Resource`: creates or replaces the resource `type` names, with `body`. */
export const azapiResource: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    settingsLocation: "in the resource's body",
    noAppsReason: "not an App Service site or slot, nor a template that deploys one (type)",
    apps(props) {
        const type = armType(props);
        if (type === undefined) {
            return [];
        }
        const body = requestBody(props);
        if (body === undefined || body === null) {
            return armResourceApps(type, {}) ?? []; // no body: Azure's defaults
        }
        if (!isRecord(body)) {
            return armResourceApps(type, {}) === undefined ? [] : [unreadableBody(body)];
        }
        return armResourceApps(type, body) ?? [];
    },
};

/**
 * `azapi:index/updateResource:UpdateResource`: merges `body` into an existing site or slot, so a setting its body
 * does not name keeps its value (checked where that resource is declared); one it names must comply.
 */
export const azapiUpdateResource: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    settingsLocation: "in the resource's body",
    noAppsReason: "changes no client-certificate setting of an App Service site or slot (type and body)",
    apps(props) {
        const type = armType(props);
        if (type === undefined || !SITE_TYPES.has(type)) {
            return [];
        }
        const body = requestBody(props);
        if (!isRecord(body)) {
            return body === undefined || body === null ? [] : [unreadableBody(body)];
        }
        const properties = member(body, "properties");
        if (!isRecord(properties)) {
            return properties === undefined || properties === null ? [] : [unreadableBody(properties)];
        }
        const named = (Object.keys(SITE_SETTINGS) as Setting[]).filter(
            setting => member(properties, SITE_SETTINGS[setting]) !== undefined,
        );
        if (named.length === 0) {
            return [];
        }
        // What the body does not name stays as it is: read here as the value the rule requires.
        const unchanged: { [S in Setting]: unknown } = { enabled: true, mode: "Required", exclusionPaths: undefined };
        const setting = (name: Setting) => () =>
            named.includes(name) ? settled(member(properties, SITE_SETTINGS[name])) : unchanged[name];
        return [
            {
                settings: {
                    enabled: setting("enabled"),
                    mode: setting("mode"),
                    exclusionPaths: setting("exclusionPaths"),
                },
                kind: () => settled(member(body, "kind")),
            },
        ];
    },
};

/** The ARM type `type` names, without its API version, as ARM compares it; undefined when it names none. */
function armType(props: Record<string, any>): string | undefined {
    const type = settled(readProperty(props, "type"));
    if (typeof type !== "string") {
        return undefined;
    }
    return comparableType(type.split("@")[0]);
}

/** The request body: an object, or JSON text; unknown at preview throws the engine's error. */
function requestBody(props: Record<string, any>): Value {
    const body = jsonObject(readProperty(props, "body"), "body");
    if (body instanceof Unknown) {
        throw body.error;
    }
    return body;
}

/** A site whose body cannot be read: its settings cannot be verified. */
function unreadableBody(body: Value): App {
    const problem = isProblem(body)
        ? body
        : new Unverifiable(`body is ${describeValue(body)}, not an object or its JSON text`);
    return { settings: { enabled: () => problem, mode: () => undefined }, kind: () => undefined };
}
