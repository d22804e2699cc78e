import { DeploymentInputs, templateFamily, unreadable } from "./armTemplate";
import { isRecord, readProperty, Unknown } from "../arm/values";

/**
 * azure-native ARM deployments at every scope (`resources:Deployment`, `DeploymentAtScope`,
 * `DeploymentAtSubscriptionScope`, `DeploymentAtManagementGroupScope`, `DeploymentAtTenantScope`):
 * `properties.template`, `properties.parameters`, `properties.templateLink`, `properties.parametersLink`.
 */
export const armDeployment = templateFamily(deploymentInputs);

/** A deployment's inputs: `properties` with the template, its parameter values and links. */
export function deploymentInputs(props: object): DeploymentInputs {
    const properties = readProperty(props, "properties", "template/");
    if (!isRecord(properties)) {
        // Unknown at preview, or not an object: reported as a template that cannot be read.
        const value = properties instanceof Unknown ? properties : unreadable("properties", properties, "an object with an inline template or a templateLink");
        return { templates: [{ value, path: "properties" }], templateLinks: [] };
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
export const deploymentStack = templateFamily(props => stackInputs(props, ""));

/** A deployment stack's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function stackInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "template", ""), path: `${prefix}template` }],
        parameters: { value: readProperty(container, "parameters"), path: `${prefix}parameters` },
        templateLinks: [{ value: readProperty(container, "templateLink"), path: `${prefix}templateLink` }],
        parametersLink: { value: readProperty(container, "parametersLink"), path: `${prefix}parametersLink` },
    };
}
