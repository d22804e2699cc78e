import { settled } from "./armTemplate";
import { ResourceFamily } from "./family";
import { isProblem, isRecord, member, readProperty, Unverifiable } from "../arm/values";

const SITE_TYPES = new Set(["microsoft.web/sites", "microsoft.web/sites/slots"]);

/**
 * The generic azure-native `resources:Resource` when it declares a site or slot: `resourceProviderNamespace`
 * `Microsoft.Web` with `resourceType` `sites` or `sites/slots`, or `slots` under a `parentResourcePath` of
 * `sites/<name>` (names ignore case, as in ARM). Its settings are in `properties`, sent to Azure as they are.
 * Any other resource is not an app. Namespace or type unknown at preview: reading them throws the engine's
 * unknown-value error, so the engine reports that the policy could not run, and `pulumi up` decides.
 * Report-only: `properties` is a free-form bag whose keys Azure matches in any letter case.
 */
export const genericResource: ResourceFamily = {
    propertyNames: {
        enabled: "properties.clientCertEnabled",
        mode: "properties.clientCertMode",
        exclusionPaths: "properties.clientCertExclusionPaths",
    },
    settingsLocation: "in the resource's properties in your program",
    noAppsReason: "not an App Service site or slot (resourceProviderNamespace and resourceType)",
    apps(props) {
        if (!declaresSite(props.resourceProviderNamespace, props.parentResourcePath, props.resourceType)) {
            return [];
        }
        const setting = (name: string) => () => {
            const properties = readProperty(props, "properties");
            if (properties === undefined || properties === null || isProblem(properties)) {
                return settled(properties ?? undefined);
            }
            return isRecord(properties)
                ? settled(member(properties, name))
                : new Unverifiable(`properties is ${JSON.stringify(properties)}, not an object`);
        };
        return [{
            settings: {
                enabled: setting("clientCertEnabled"),
                mode: setting("clientCertMode"),
                exclusionPaths: setting("clientCertExclusionPaths"),
            },
            kind: () => props.kind,
        }];
    },
};

/** The full ARM type: the namespace, the type segments of the parent path (`sites/<name>`), the resource type. */
function declaresSite(namespace: unknown, parentResourcePath: unknown, resourceType: unknown): boolean {
    if (typeof namespace !== "string" || typeof resourceType !== "string") {
        return false;
    }
    const parentTypes = typeof parentResourcePath === "string"
        ? parentResourcePath.split("/").filter(Boolean).filter((_, i) => i % 2 === 0)
        : [];
    const fullType = [namespace, ...parentTypes, ...resourceType.split("/").filter(Boolean)].join("/");
    return SITE_TYPES.has(fullType.toLowerCase());
}
