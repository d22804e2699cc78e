// What Azure Policy does with a definition's rule and an assignment's definition id, read from plain values: the
// deployment a deployIfNotExists rule runs, the client-certificate fields a modify or append rule writes, and whether
// an assignment names a built-in definition. The definition families and the template walker both read them here,
// so a definition declared as a resource and one declared inside a template get the same verdict.
import { foldCase } from "./caseFolding";
import { isExpression } from "./expressions";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { isProblem, isRecord, ObjectValue, Problem, Unverifiable, Value } from "./values";
import { Setting } from "../rule/clientCertificates";

/** Where a deployIfNotExists rule keeps the deployment Azure Policy runs. */
export const DEPLOYMENT_PATH = ["then", "details", "deployment", "properties"];

/** The member of a definition's `properties` that holds its rule. */
export const POLICY_RULE = "policyRule";

/** The member of an assignment's `properties` that names the definition it applies. */
export const POLICY_DEFINITION_ID = "policyDefinitionId";

/**
 * A built-in policy definition or set definition, optionally one version: only Microsoft's are at the tenant root
 * (Azure saves a custom definition at a management group or a subscription, and its id starts there).
 */
const BUILT_IN_DEFINITION =
    /^\/providers\/Microsoft\.Authorization\/policy(?:Set)?Definitions\/[a-z0-9][a-z0-9_.-]*(?:\/versions\/[a-z0-9][a-z0-9.*-]*)?$/i;

/**
 * The custom definition an assignment applies, from its `policyDefinitionId` at `property`: undefined for none or a
 * built-in, the id for any other text (anything that is not exactly a built-in's id, `../` or `%2F` after a built-in's
 * prefix, is custom), unverifiable for a value that is no id; a problem as found.
 */
export function customDefinitionId(id: Value, property: string): string | Problem | undefined {
    if (id === undefined || id === null || (typeof id === "string" && BUILT_IN_DEFINITION.test(id))) {
        return undefined;
    }
    if (typeof id === "string" || isProblem(id)) {
        return id;
    }
    return new Unverifiable(`${property} is ${describeValue(id)}, not a policy definition's id`);
}

/**
 * The deployment's `properties`, keys in any letter case as Azure reads them; undefined when the rule has none. A
 * part on the way given as an expression may hold a deployment: unverifiable.
 */
export function deploymentProperties(rule: Value, prefix: string): Value {
    let value = rule;
    let path = `${prefix}${POLICY_RULE}`;
    for (const key of DEPLOYMENT_PATH) {
        if (isPolicyExpression(value) && path !== `${prefix}${POLICY_RULE}`) {
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

/** One write of a rule to a client-certificate field. */
export interface FieldWrite {
    /** The property path of the value written, e.g. `policyRule.then.details.operations[0].value`. */
    valuePath: string;
    /** What is written, for messages: the field and the operation's path. */
    what: string;
    /** The setting written; undefined for a write the policy cannot place, reported as the flag. */
    setting: Setting | undefined;
    /** The value written: undefined for a `remove`, which leaves Azure's default. */
    written: Value;
}

/** The setting a policy field alias such as `Microsoft.Web/sites/clientCertEnabled` writes (slots and config too). */
const WRITTEN_SETTINGS: [RegExp, Setting][] = [
    [/clientcertenabled$/i, "enabled"],
    [/clientcertmode$/i, "mode"],
    [/clientcertexclusionpaths$/i, "exclusionPaths"],
];

/**
 * Each write of a `modify` rule (`then.details.operations[]`: `addOrReplace`, `add`, `remove`) or an `append` rule
 * (`then.details[]`) to a field whose alias names a client-certificate setting (`remove` leaves Azure's default:
 * certificates off). A field naming client certificates in a way the policy does not know, or a part of the rule
 * given as a policy expression where a write may be, is an unverifiable write.
 */
export function fieldWrites(rule: Value, prefix: string): FieldWrite[] {
    const then = isRecord(rule) ? member(rule, "then") : undefined;
    const details = isRecord(then) ? member(then, "details") : undefined;
    const operations = isRecord(details) ? member(details, "operations") : details;
    const path = `${prefix}${POLICY_RULE}.then.details${isRecord(details) ? ".operations" : ""}`;
    const unplaced = (valuePath: string, what: string, written: Unverifiable): FieldWrite => ({
        valuePath,
        what,
        setting: undefined,
        written,
    });
    if (isPolicyExpression(operations) && isRecord(details)) {
        return [unplaced(path, path, evaluatedLater(path, operations, "the operations it writes"))];
    }
    if (!Array.isArray(operations)) {
        return [];
    }
    return operations.flatMap((operation, i): FieldWrite[] => {
        const at = `${path}[${i}]`;
        if (isPolicyExpression(operation)) {
            return [unplaced(at, at, evaluatedLater(at, operation, "the field it writes"))];
        }
        const field = isRecord(operation) ? member(operation, "field") : undefined;
        if (isPolicyExpression(field)) {
            return [unplaced(`${at}.field`, at, evaluatedLater(`${at}.field`, field, "the field it writes"))];
        }
        if (typeof field !== "string" || !/clientcert/i.test(field)) {
            return [];
        }
        const setting = WRITTEN_SETTINGS.find(([alias]) => alias.test(field))?.[1];
        const removes = foldCase(String(member(operation as ObjectValue, "operation"))) === "remove";
        const what = `${field} at ${at}`;
        if (setting === undefined) {
            return [
                unplaced(
                    `${at}.value`,
                    what,
                    new Unverifiable(
                        `it writes the field "${field}", which the policy does not know as a client-certificate setting`,
                    ),
                ),
            ];
        }
        const written = removes ? undefined : member(operation as ObjectValue, "value");
        return [{ valuePath: `${at}.value`, what, setting, written }];
    });
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
