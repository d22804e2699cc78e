import { deploymentInputs, stackInputs } from "./armDeployment";
import { DeploymentInputs, settled, templateApps } from "./armTemplate";
import { App, ResourceFamily } from "./family";
import { readStateArmType } from "./readState";
import { specInputs } from "./templateSpec";
import { isProblem, isRecord, member, readProperty, Unverifiable } from "../arm/values";

const SITE_TYPES = new Set(["microsoft.web/sites", "microsoft.web/sites/slots"]);

/** ARM types that deploy a template, and where their template inputs are: checked like the azure-native route. */
const TEMPLATE_TYPES = new Map<string, (props: Record<string, any>) => DeploymentInputs>([
    ["microsoft.resources/deployments", deploymentInputs],
    ["microsoft.resources/deploymentstacks", props => stackInputs(propertiesOf(props), "properties.")],
    ["microsoft.resources/templatespecs/versions", props => specInputs(propertiesOf(props), "properties.")],
]);

/** The resource's `properties` to read template inputs from; anything but an object holds none. */
function propertiesOf(props: Record<string, any>): object {
    const properties = props.properties;
    return typeof properties === "object" && properties !== null ? properties : {};
}

/**
 * The generic azure-native `resources:Resource` when it declares a site or slot: `resourceProviderNamespace`
 * `Microsoft.Web` with `resourceType` `sites` or `sites/slots`, or `slots` under a `parentResourcePath` of
 * `sites/<name>` (names ignore case, as in ARM). Its settings are in `properties`, sent to Azure as they are.
 * A generic Resource that deploys a template (`Microsoft.Resources/deployments`, `deploymentStacks`,
 * `templateSpecs/versions`) is checked like those routes, its template under `properties`.
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
    noAppsReason: "not an App Service site or slot, nor a template that deploys one (resourceProviderNamespace and resourceType)",
    apps(props) {
        const type = fullType(props.resourceProviderNamespace, props.parentResourcePath, props.resourceType) || readStateArmType(props);
        const templateInputs = TEMPLATE_TYPES.get(type);
        if (templateInputs !== undefined) {
            return templateApps(templateInputs(props));
        }
        return SITE_TYPES.has(type) ? [siteApp(props)] : [];
    },
};

/** The site or slot the resource itself is. */
function siteApp(props: Record<string, any>): App {
    const setting = (name: string) => () => {
        const properties = readProperty(props, "properties");
        if (properties === undefined || properties === null || isProblem(properties)) {
            return settled(properties ?? undefined);
        }
        return isRecord(properties)
            ? settled(member(properties, name))
            : new Unverifiable(`properties is ${JSON.stringify(properties)}, not an object`);
    };
    return {
        settings: {
            enabled: setting("clientCertEnabled"),
            mode: setting("clientCertMode"),
            exclusionPaths: setting("clientCertExclusionPaths"),
        },
        kind: () => props.kind,
    };
}

/**
 * The full ARM type in lower case: the namespace, the type segments of the parent path (`sites/<name>`), the
 * resource type. Empty when the inputs are not strings.
 */
function fullType(namespace: unknown, parentResourcePath: unknown, resourceType: unknown): string {
    if (typeof namespace !== "string" || typeof resourceType !== "string") {
        return "";
    }
    const parentTypes = typeof parentResourcePath === "string"
        ? parentResourcePath.split("/").filter(Boolean).filter((_, i) => i % 2 === 0)
        : [];
    return [namespace, ...parentTypes, ...resourceType.split("/").filter(Boolean)].join("/").toLowerCase();
}
