import { templateFamily } from "./armTemplate";
import { isRecord, member, readProperty, Value } from "../arm/values";
import { jsonObject } from "../arm/walker";

/**
 * Classic `@pulumi/azure` template deployments at every scope (`azure.core.ResourceGroupTemplateDeployment`,
 * `SubscriptionTemplateDeployment`, `TenantTemplateDeployment`, `azure.management.GroupTemplateDeployment`):
 * `templateContent` and `parametersContent` are JSON text; `templateSpecVersionId` deploys a template spec,
 * which the policy cannot read from here.
 */
export const classicTemplateDeployment = templateFamily(props => ({
    templates: [{ value: readProperty(props, "templateContent"), path: "templateContent" }],
    parameters: {
        value: parametersOf(jsonObject(readProperty(props, "parametersContent"), "parametersContent")),
        path: "parametersContent",
    },
    templateLinks: [{ value: readProperty(props, "templateSpecVersionId"), path: "templateSpecVersionId" }],
}));

/**
 * The parameter values in `parametersContent`: usually `{ "<name>": { "value": ... } }`, sometimes a whole
 * parameters file, whose values are under `parameters`.
 */
function parametersOf(content: Value): Value {
    return isRecord(content) && member(content, "$schema") !== undefined && isRecord(member(content, "parameters"))
        ? member(content, "parameters")
        : content;
}
