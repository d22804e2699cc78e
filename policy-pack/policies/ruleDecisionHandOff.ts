// The hand-off of the rule's decision to the exemptions policy. @pulumi/policy gives each policy only its own
// config, but the exemptions policy must report what the rule decided about the rule's exemptions and excluded
// kinds, so the rule leaves its applicability decision here and the template or property bag is not evaluated a
// second time.
//
// The order this relies on: on every resource, webapp-require-client-certificates runs before
// webapp-client-certificate-exemptions. The policy server runs a pack's policies one after the other in the order
// the pack declares them (index.ts lists the rule first), and both are synchronous, so no other resource's
// analysis comes between them. test/policy-pack/protocol.test.ts checks that order through the server's
// GetAnalyzerInfo; `takeRuleDecisionFor` fails loudly if it is ever broken.
import { Applicability } from "../applicability";

/** What the rule decided for a resource: `undefined` when the decision needs a value unknown until the update. */
export interface RuleDecision {
    applicability: Applicability | undefined;
}

let lastDecided: { urn: string; decision: RuleDecision } | undefined;

/** Called by webapp-require-client-certificates with the applicability it decided for a resource. */
export function recordRuleDecision(urn: string, applicability: Applicability | undefined): void {
    lastDecided = { urn, decision: { applicability } };
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
        throw new Error(
            `the rule's decision was recorded for ${record.urn}, not for ${urn}: the policies ran out of order`,
        );
    }
    return record?.decision;
}
