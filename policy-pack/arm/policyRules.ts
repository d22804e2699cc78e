// Policy definitions declared inside a template: whether the rule of one may deploy or change an App Service app,
// which the policy does not evaluate there.
import { member } from "./members";
import { isProblem, isRecord, ObjectValue, Value } from "./values";

/** What the walker reads of a policy definition's `properties` (see `mayChangeAnApp`). */
export const POLICY_RULE = "policyRule";

/**
 * Whether a policy definition declared in a template may deploy or change an App Service app: its rule's
 * deployIfNotExists effect deploys a template (`then.details.deployment`), its rule names a client-certificate
 * field anywhere (a `modify` or `append` write), or the rule is not a plain object the policy can look into (an
 * expression, JSON text). Looks at a bounded number of values; a larger rule counts as one that may.
 */
export function mayChangeAnApp(entry: ObjectValue): boolean {
    let rule: Value = member(entry, "properties");
    rule = isRecord(rule) ? member(rule, POLICY_RULE) : rule;
    if (!isRecord(rule)) {
        return rule !== undefined && rule !== null;
    }
    const then = member(rule, "then");
    const details = isRecord(then) ? member(then, "details") : undefined;
    return (
        (isRecord(details) && member(details, "deployment") !== undefined) || mentionsClientCertificates(rule, 10_000)
    );
}

/** Whether a key or string inside `value` names a client-certificate field, looking at no more than `limit` values. */
function mentionsClientCertificates(value: Value, limit: number): boolean {
    const pending: Value[] = [value];
    for (let seen = 0; pending.length > 0; seen++) {
        if (seen >= limit) {
            return true;
        }
        const next = pending.pop();
        if (typeof next === "string") {
            if (/clientcert/i.test(next)) {
                return true;
            }
        } else if (Array.isArray(next)) {
            for (const item of next) {
                pending.push(item);
            }
        } else if (isRecord(next)) {
            for (const key in next) {
                if (/clientcert/i.test(key)) {
                    return true;
                }
                pending.push(next[key]);
            }
        } else if (isProblem(next)) {
            return true;
        }
    }
    return false;
}
