import { DeploymentInputs, settled, templateApps, templateFamily } from "./armTemplate";
import { App, PropertyNames, ResourceFamily } from "./family";
import { isProblem, isRecord, member, readProperty, Record_, Unverifiable, Value } from "../arm/values";
import { jsonObject } from "../arm/walker";
import { Setting } from "../rule/clientCertificates";

/** Where a deployIfNotExists rule keeps the deployment Azure Policy runs, as a path and as `readInput`'s pattern. */
const DEPLOYMENT_PATH = ["then", "details", "deployment", "properties"];

const TEMPLATE_AT = `${DEPLOYMENT_PATH.join("/")}/template/`;

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
    apps: props => {
        const rule = readRule(props, "");
        return [...templateApps(ruleInputs(rule, "")), ...fieldWrites(rule, "")];
    },
};

/** A policy definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function policyRuleInputs(container: object, prefix: string): DeploymentInputs {
    return ruleInputs(readRule(container, prefix), prefix);
}

/** The template a rule deploys, with its parameters and links. */
function ruleInputs(rule: Value, prefix: string): DeploymentInputs {
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

/** The policy rule: an object, or JSON text (classic). */
function readRule(container: object, prefix: string): Value {
    return jsonObject(readProperty(container, "policyRule", TEMPLATE_AT), `${prefix}policyRule`, TEMPLATE_AT);
}

/** The setting a policy field alias such as `Microsoft.Web/sites/clientCertEnabled` writes (slots and config too). */
const WRITTEN_SETTINGS: [RegExp, Setting][] = [
    [/clientcertenabled$/i, "enabled"],
    [/clientcertmode$/i, "mode"],
    [/clientcertexclusionpaths$/i, "exclusionPaths"],
];

/**
 * Each write of a `modify` rule (`then.details.operations[]`: `addOrReplace`, `add`, `remove`) or an `append` rule
 * (`then.details[]`) to a field whose alias names a client-certificate setting, as an app whose one setting is the
 * value written, so the rule judges it like any other (`remove` leaves Azure's default: certificates off). The
 * settings it does not write are checked where they are set. A field naming client certificates in a way the
 * policy does not know is unverifiable.
 */
function fieldWrites(rule: Value, prefix: string): App[] {
    const then = isRecord(rule) ? member(rule, "then") : undefined;
    const details = isRecord(then) ? member(then, "details") : undefined;
    const operations = isRecord(details) ? member(details, "operations") : details;
    const path = `${prefix}policyRule.then.details${isRecord(details) ? ".operations" : ""}`;
    if (!Array.isArray(operations)) {
        return [];
    }
    return operations.flatMap((operation, i): App[] => {
        const field = isRecord(operation) ? member(operation, "field") : undefined;
        if (typeof field !== "string" || !/clientcert/i.test(field)) {
            return [];
        }
        const at = `${path}[${i}]`;
        const setting = WRITTEN_SETTINGS.find(([alias]) => alias.test(field))?.[1];
        const removes = String(member(operation as Record_, "operation")).toLowerCase() === "remove";
        const written: Value = setting === undefined
            ? new Unverifiable(`it writes the field "${field}", which the policy does not know as a client-certificate setting`)
            : removes ? undefined : member(operation as Record_, "value");
        const valuePath = `${at}.value`;
        const names: PropertyNames = { enabled: valuePath, mode: valuePath, exclusionPaths: valuePath };
        const writes = (which: Setting) => setting === undefined ? which === "enabled" : setting === which;
        return [{
            location: `Azure Policy write to ${field} at ${at}`,
            propertyNames: names,
            settings: {
                enabled: writes("enabled") ? () => settled(written) : () => true,
                mode: writes("mode") ? () => settled(written) : () => undefined,
                exclusionPaths: writes("exclusionPaths") ? () => settled(written) : () => undefined,
            },
            kind: () => undefined,
        }];
    });
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
