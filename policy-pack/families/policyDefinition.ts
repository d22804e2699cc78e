import { DeploymentInputs, templateApps, templateFamily, writeApp } from "./armTemplate";
import { App, ResourceFamily } from "./family";
import { DEPLOYMENT_PATH, deploymentProperties, fieldWrites, POLICY_RULE } from "../arm/policyRule";
import { readProperty } from "../arm/inputCopy";
import { jsonObject } from "../arm/jsonText";
import { member } from "../arm/members";
import { isRecord, Value } from "../arm/values";
import { templatesAt } from "../arm/walker";

/** The template of that deployment, in a rule. */
const TEMPLATE_IN_RULE = templatesAt([...DEPLOYMENT_PATH, "template"]);

/**
 * Azure Policy definitions (azure-native `authorization:PolicyDefinition`, `PolicyDefinitionAtManagementGroup`,
 * `PolicyDefinitionVersion`, `PolicyDefinitionVersionAtManagementGroup`; classic `azure:policy/definition:Definition`,
 * whose `policyRule` is JSON text). A `deployIfNotExists` rule holds a template in
 * `policyRule.then.details.deployment.properties.template`, which Azure Policy deploys on every matching resource,
 * with `parameters` beside it: its sites are checked. Parameter values written in the policy language
 * (`[field('name')]`) are read as the text they are, which never satisfies the rule. A `modify` or `append` rule
 * that writes a client-certificate field of the resources it applies to is an app too: each write must set the
 * value the rule requires (see {@link fieldWrites}).
 */
export const policyDefinition: ResourceFamily = {
    ...templateFamily(props => policyRuleInputs(props, "")), // names, defaults and fix of a template route; apps below
    noAppsReason: "no App Service site or slot in a template it deploys, and no write to a client-certificate field",
    apps: (props, run) => {
        const rule = readRule(props, "");
        return [...templateApps(ruleInputs(rule, ""), run), ...fieldWrites(rule, "").map(writeApp)];
    },
};

/** A policy definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function policyRuleInputs(container: object, prefix: string): DeploymentInputs {
    return ruleInputs(readRule(container, prefix), prefix);
}

/** The writes to client-certificate fields of a rule found in `container` whose path is `prefix` (see {@link fieldWrites}). */
export function policyRuleWrites(container: object, prefix: string): App[] {
    return fieldWrites(readRule(container, prefix), prefix).map(writeApp);
}

/** The template a rule deploys, with its parameters and links. */
function ruleInputs(rule: Value, prefix: string): DeploymentInputs {
    const properties = deploymentProperties(rule, prefix);
    const path = `${prefix}${POLICY_RULE}.${DEPLOYMENT_PATH.join(".")}`;
    if (!isRecord(properties)) {
        // No deployment (another effect), or a part unknown at preview or of the wrong shape, reported as the template.
        return { templates: [{ value: properties, path }], templateLinks: [] };
    }
    return {
        templates: [{ value: member(properties, "template"), path: `${path}.template` }],
        parameters: { value: member(properties, "parameters"), path: `${path}.parameters` },
        templateLinks: [{ value: member(properties, "templateLink"), path: `${path}.templateLink` }],
        parametersLink: { value: member(properties, "parametersLink"), path: `${path}.parametersLink` },
    };
}

/** The policy rule: an object, or JSON text (classic). */
function readRule(container: object, prefix: string): Value {
    return jsonObject(readProperty(container, POLICY_RULE, TEMPLATE_IN_RULE), `${prefix}${POLICY_RULE}`);
}
