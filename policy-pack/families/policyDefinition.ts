import { DeploymentInputs, templateFamily } from "./armTemplate";
import { isProblem, isRecord, member, readProperty, Value } from "../arm/values";
import { jsonObject } from "../arm/walker";

/** Where a deployIfNotExists rule keeps the deployment Azure Policy runs, as a path and as `readInput`'s pattern. */
const DEPLOYMENT_PATH = ["then", "details", "deployment", "properties"];

/**
 * Azure Policy definitions (azure-native `authorization:PolicyDefinition`, `PolicyDefinitionAtManagementGroup`,
 * `PolicyDefinitionVersion`, `PolicyDefinitionVersionAtManagementGroup`; classic `azure:policy/definition:Definition`,
 * whose `policyRule` is JSON text). A `deployIfNotExists` rule holds a template in
 * `policyRule.then.details.deployment.properties.template`, which Azure Policy deploys on every matching resource,
 * with `parameters` beside it: its sites are checked. Parameter values written in the policy language
 * (`[field('name')]`) are read as the text they are, which never satisfies the rule.
 */
export const policyDefinition = templateFamily(props => policyRuleInputs(props, ""));

/** A policy definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function policyRuleInputs(container: object, prefix: string): DeploymentInputs {
    const templateAt = `${DEPLOYMENT_PATH.join("/")}/template/`;
    const rule = jsonObject(readProperty(container, "policyRule", templateAt), `${prefix}policyRule`, templateAt);
    const properties = deploymentProperties(rule);
    const path = `${prefix}policyRule.${DEPLOYMENT_PATH.join(".")}`;
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

/** The deployment's `properties`, keys in any letter case as Azure reads them; undefined when the rule has none. */
function deploymentProperties(rule: Value): Value {
    let value = rule;
    for (const key of DEPLOYMENT_PATH) {
        if (!isRecord(value)) {
            return isProblem(value) ? value : undefined;
        }
        value = member(value, key);
    }
    return value;
}
