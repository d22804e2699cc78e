import { DeploymentInputs, templateFamily, unreadable } from "./armTemplate";
import { isRecord, member, readProperty, Unknown } from "../arm/values";
import { ResourceFamily } from "./family";
import { deploymentReadState, noTemplateContent } from "./readState";

/**
 * azure-native ARM deployments at every scope (`resources:Deployment`, `DeploymentAtScope`,
 * `DeploymentAtSubscriptionScope`, `DeploymentAtManagementGroupScope`, `DeploymentAtTenantScope`):
 * `properties.template`, `properties.parameters`, `properties.templateLink`, `properties.parametersLink`.
 */
export const armDeployment: ResourceFamily = {
    ...templateFamily(deploymentInputs),
    noAppsReasonOf(props) {
        const properties = readProperty(props, "properties");
        return deploymentReadState(props, properties) ?? (isRecord(properties) && member(properties, "template") == null
            && member(properties, "templateLink") == null ? noTemplateContent(["properties.template", "properties.templateLink"]) : undefined);
    },
};

/** A deployment's inputs: `properties` with the template, its parameter values and links. */
export function deploymentInputs(props: object): DeploymentInputs {
    const properties = readProperty(props, "properties", "template/");
    if (!isRecord(properties)) {
        // Unknown at preview, or not an object: reported as a template that cannot be read.
        const value = properties instanceof Unknown ? properties : unreadable("properties", properties, "an object with an inline template or a templateLink");
        return { templates: [{ value, path: "properties" }], templateLinks: [] };
    }
    if (deploymentReadState(props as Record<string, unknown>, properties) !== undefined) {
        return { templates: [], templateLinks: [] }; // nothing deployed from here to check: see noAppsReasonOf
    }
    return {
        templates: [{ value: properties.template, path: "properties.template" }],
        parameters: { value: properties.parameters, path: "properties.parameters" },
        templateLinks: [{ value: properties.templateLink, path: "properties.templateLink" }],
        parametersLink: { value: properties.parametersLink, path: "properties.parametersLink" },
    };
}

/**
 * azure-native deployment stacks (`DeploymentStackAtResourceGroup`, `...AtSubscription`,
 * `...AtManagementGroup`): `template`, `parameters`, `templateLink`, `parametersLink` at the top level.
 */
export const deploymentStack: ResourceFamily = {
    ...templateFamily(props => stackInputs(props, "")),
    noAppsReasonOf: props => readProperty(props, "template") == null && readProperty(props, "templateLink") == null
        ? noTemplateContent(["template", "templateLink"]) : undefined,
};

/** A deployment stack's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function stackInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "template", ""), path: `${prefix}template` }],
        parameters: { value: readProperty(container, "parameters"), path: `${prefix}parameters` },
        templateLinks: [{ value: readProperty(container, "templateLink"), path: `${prefix}templateLink` }],
        parametersLink: { value: readProperty(container, "parametersLink"), path: `${prefix}parametersLink` },
    };
}
