import { DeploymentInputs, templateFamily, unreadable } from "./armTemplate";
import { readProperty, TemplatesInside } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isRecord, ObjectValue, Unknown } from "../arm/values";
import { templatesAt } from "../arm/walker";
import { ResourceFamily } from "./family";
import { deploymentReadState, noTemplateContent } from "./readState";

/**
 * azure-native ARM deployments at every scope (`resources:Deployment`, `DeploymentAtScope`,
 * `DeploymentAtSubscriptionScope`, `DeploymentAtManagementGroupScope`, `DeploymentAtTenantScope`):
 * `properties.template`, `properties.parameters`, `properties.templateLink`, `properties.parametersLink`
 * (keys in any letter case, as ARM reads them).
 */
export const armDeployment: ResourceFamily = {
    ...templateFamily(deploymentInputs),
    noAppsReasonOf(props) {
        const properties = readProperty(props, "properties");
        return (
            deploymentReadState(props, properties) ??
            (isRecord(properties) &&
            member(properties, "template") == null &&
            member(properties, "templateLink") == null
                ? noTemplateContent(["properties.template", "properties.templateLink"])
                : undefined)
        );
    },
};

/** A deployment's inputs: `properties` with the template, its parameter values and links. */
export function deploymentInputs(props: object): DeploymentInputs {
    return insideProperties(props, templatesAt(["template"]), properties =>
        deploymentReadState(props as Record<string, unknown>, properties) !== undefined
            ? { templates: [], templateLinks: [] } // nothing deployed from here to check: see noAppsReasonOf
            : {
                  templates: [{ value: member(properties, "template"), path: "properties.template" }],
                  parameters: { value: member(properties, "parameters"), path: "properties.parameters" },
                  templateLinks: [{ value: member(properties, "templateLink"), path: "properties.templateLink" }],
                  parametersLink: { value: member(properties, "parametersLink"), path: "properties.parametersLink" },
              },
    );
}

/**
 * The inputs a resource keeps in its `properties` object, with the templates at `templates` inside it (see `readInput`). A `properties` unknown at
 * preview, or not an object, is reported as a template that cannot be read.
 */
export function insideProperties(
    props: object,
    templates: TemplatesInside | undefined,
    inputsOf: (properties: ObjectValue) => DeploymentInputs,
): DeploymentInputs {
    const properties = readProperty(props, "properties", templates);
    if (!isRecord(properties)) {
        const value =
            properties instanceof Unknown
                ? properties
                : unreadable("properties", properties, "an object with an inline template or a templateLink");
        return { templates: [{ value, path: "properties" }], templateLinks: [] };
    }
    return inputsOf(properties);
}

/**
 * azure-native deployment stacks (`DeploymentStackAtResourceGroup`, `...AtSubscription`,
 * `...AtManagementGroup`): `template`, `parameters`, `templateLink`, `parametersLink` at the top level.
 */
export const deploymentStack: ResourceFamily = {
    ...templateFamily(props => stackInputs(props, "")),
    noAppsReasonOf: props =>
        readProperty(props, "template") == null && readProperty(props, "templateLink") == null
            ? noTemplateContent(["template", "templateLink"])
            : undefined,
};

/** A deployment stack's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function stackInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "template", templatesAt([])), path: `${prefix}template` }],
        parameters: { value: readProperty(container, "parameters"), path: `${prefix}parameters` },
        templateLinks: [{ value: readProperty(container, "templateLink"), path: `${prefix}templateLink` }],
        parametersLink: { value: readProperty(container, "parametersLink"), path: `${prefix}parametersLink` },
    };
}
