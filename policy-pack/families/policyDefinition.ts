import { DeploymentInputs, settled, templateApps, templateFamily } from "./armTemplate";
import { App, PropertyNames, ResourceFamily } from "./family";
import { isExpression } from "../arm/expressions";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { describeValue } from "../arm/shownValue";
import { isProblem, isRecord, ObjectValue, Unverifiable, Value } from "../arm/values";
import { jsonObject } from "../arm/jsonText";
import { templatesAt } from "../arm/walker";
import { Setting } from "../rule/clientCertificates";
import { foldCase } from "../arm/caseFolding";

/** Where a deployIfNotExists rule keeps the deployment Azure Policy runs. */
const DEPLOYMENT_PATH = ["then", "details", "deployment", "properties"];

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
        return [...templateApps(ruleInputs(rule, ""), run), ...fieldWrites(rule, "")];
    },
};

/** A policy definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function policyRuleInputs(container: object, prefix: string): DeploymentInputs {
    return ruleInputs(readRule(container, prefix), prefix);
}

/** The writes to client-certificate fields of a rule found in `container` whose path is `prefix` (see {@link fieldWrites}). */
export function policyRuleWrites(container: object, prefix: string): App[] {
    return fieldWrites(readRule(container, prefix), prefix);
}

/** The template a rule deploys, with its parameters and links. */
function ruleInputs(rule: Value, prefix: string): DeploymentInputs {
    const properties = deploymentProperties(rule, prefix);
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
    return jsonObject(readProperty(container, "policyRule", TEMPLATE_IN_RULE), `${prefix}policyRule`);
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
    if (isPolicyExpression(operations) && isRecord(details)) {
        return [write(path, path, undefined, evaluatedLater(path, operations, "the operations it writes"))];
    }
    if (!Array.isArray(operations)) {
        return [];
    }
    return operations.flatMap((operation, i): App[] => {
        const at = `${path}[${i}]`;
        if (isPolicyExpression(operation)) {
            return [write(at, at, undefined, evaluatedLater(at, operation, "the field it writes"))];
        }
        const field = isRecord(operation) ? member(operation, "field") : undefined;
        if (isPolicyExpression(field)) {
            return [write(`${at}.field`, at, undefined, evaluatedLater(`${at}.field`, field, "the field it writes"))];
        }
        if (typeof field !== "string" || !/clientcert/i.test(field)) {
            return [];
        }
        const setting = WRITTEN_SETTINGS.find(([alias]) => alias.test(field))?.[1];
        const removes = foldCase(String(member(operation as ObjectValue, "operation"))) === "remove";
        const written: Value =
            setting === undefined
                ? new Unverifiable(
                      `it writes the field "${field}", which the policy does not know as a client-certificate setting`,
                  )
                : removes
                  ? undefined
                  : member(operation as ObjectValue, "value");
        return [write(`${at}.value`, `${field} at ${at}`, setting, written)];
    });
}

/**
 * One write as an app whose one setting is the value written (`setting` undefined: an unverifiable write, reported
 * as the flag); the settings it does not write are checked where they are set.
 */
function write(valuePath: string, what: string, setting: Setting | undefined, written: Value): App {
    const names: PropertyNames = { enabled: valuePath, mode: valuePath, exclusionPaths: valuePath };
    const writes = (which: Setting) => (setting === undefined ? which === "enabled" : setting === which);
    return {
        location: `Azure Policy write to ${what}`,
        propertyNames: names,
        settings: {
            enabled: writes("enabled") ? () => settled(written) : () => true,
            mode: writes("mode") ? () => settled(written) : () => undefined,
            exclusionPaths: writes("exclusionPaths") ? () => settled(written) : () => undefined,
        },
        kind: () => undefined,
    };
}

/**
 * Whether a value of the rule is a policy-language expression (`[parameters('operations')]`), which Azure Policy
 * evaluates when it applies the rule; `[[` escapes a literal `[`.
 */
function isPolicyExpression(value: Value): value is string {
    return typeof value === "string" && isExpression(value);
}

/** A part of the rule given as an expression, where the rule's own structure was due: what it holds is unknown. */
function evaluatedLater(path: string, expression: string, what: string): Unverifiable {
    return new Unverifiable(
        `${path} is ${describeValue(expression)}, an expression Azure Policy evaluates only when it ` +
            `applies the rule, so ${what} cannot be known`,
        "the rule's structure written out, with only values taken from parameters",
    );
}

/**
 * The deployment's `properties`, keys in any letter case as Azure reads them; undefined when the rule has none. A
 * part on the way given as an expression may hold a deployment: unverifiable.
 */
function deploymentProperties(rule: Value, prefix: string): Value {
    let value = rule;
    let path = `${prefix}policyRule`;
    for (const key of DEPLOYMENT_PATH) {
        if (isPolicyExpression(value) && path !== `${prefix}policyRule`) {
            return evaluatedLater(path, value, "whether it deploys a template");
        }
        if (!isRecord(value)) {
            return isProblem(value) ? value : undefined;
        }
        value = member(value, key);
        path = `${path}.${key}`;
    }
    return value;
}
