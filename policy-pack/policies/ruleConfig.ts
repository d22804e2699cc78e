// @pulumi/policy gives each policy only its own config, but the exemptions policy must report what the rule decided
// about the rule's exemptions and excluded kinds. The rule runs first on every resource (index.ts lists it first,
// and the policy server runs a pack's policies in order; both are synchronous, so no other resource's analysis comes
// between them), so it leaves its scope decision here for that resource, and the template or property bag is not
// evaluated a second time.
import { ScopeDecision } from "../scope";

/** What the rule decided for a resource: `undefined` when the decision needs a value unknown until the update. */
export interface RuleDecision {
    decision: ScopeDecision | undefined;
}

let lastDecided: { urn: string; outcome: RuleDecision } | undefined;

/** Called by webapp-require-client-certificates with the scope it decided for a resource. */
export function recordRuleDecision(urn: string, decision: ScopeDecision | undefined): void {
    lastDecided = { urn, outcome: { decision } };
}

/**
 * What webapp-require-client-certificates decided for this resource, once: undefined when it did not run on it
 * (it is disabled), in which case nothing is exempt from it. Taking the record means a later analysis of the same
 * resource never sees a decision the rule no longer makes.
 */
export function takeRuleDecisionFor(urn: string): RuleDecision | undefined {
    const record = lastDecided;
    lastDecided = undefined;
    if (record !== undefined && record.urn !== urn) {
        // Never expected; failing loudly beats silently dropping an exemption notice.
        throw new Error(`the rule's decision was recorded for ${record.urn}, not for ${urn}: the policies ran out of order`);
    }
    return record?.outcome;
}
