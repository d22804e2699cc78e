import { DeploymentInputs, templateFamily, unreadable } from "./armTemplate";
import { isRecord, readProperty, Unknown } from "../arm/values";

/**
 * azure-native ARM deployments at every scope (`resources:Deployment`, `DeploymentAtScope`,
 * `DeploymentAtSubscriptionScope`, `DeploymentAtManagementGroupScope`, `DeploymentAtTenantScope`):
 * `properties.template`, `properties.parameters`, `properties.templateLink`, `properties.parametersLink`.
 */
export const armDeployment = templateFamily(props => {
    const properties = readProperty(props, "properties");
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
});

/**
 * azure-native deployment stacks (`DeploymentStackAtResourceGroup`, `...AtSubscription`,
 * `...AtManagementGroup`): `template`, `parameters`, `templateLink`, `parametersLink` at the top level.
 */
export const deploymentStack = templateFamily((props): DeploymentInputs => ({
    templates: [{ value: readProperty(props, "template"), path: "template" }],
    parameters: { value: readProperty(props, "parameters"), path: "parameters" },
    templateLinks: [{ value: readProperty(props, "templateLink"), path: "templateLink" }],
    parametersLink: { value: readProperty(props, "parametersLink"), path: "parametersLink" },
}));
