// The hand-off of the rule's decision to the exemptions policy. @pulumi/policy gives each policy only its own
// config, but the exemptions policy must report what the rule decided about the rule's exemptions and excluded
// kinds, so the rule leaves its applicability decision in the request's context (server/requestContext.ts) and the
// template or property bag is not evaluated a second time.
//
// The SDK runs a pack's policies in the order the pack declares them (index.ts lists the rule first). Should a
// release run them otherwise, the exemptions policy finds no decision and decides itself from the rule's config,
// which the run holds: slower, the same result.
import { UnknownValueError } from "../sdkInternals";
import { AnalyzedResource, Applicability } from "../applicability";
import { RequestContext, RuleDecision } from "../server/requestContext";
import { BaselineRule } from "../baseline/rule";

/** Called by webapp-require-client-certificates: decides whether the rule applies, and records it for the request. */
export function decideAndRecord(resource: AnalyzedResource, request: RequestContext): Applicability {
    return recorded(resource, request, () => request.applicabilityOf(resource, request.run.config.rule));
}

/**
 * What webapp-require-client-certificates decided for this resource: undefined when it did not run on it (it is
 * disabled), in which case nothing is exempt from it.
 */
export function ruleDecisionFor(resource: AnalyzedResource, request: RequestContext): RuleDecision | undefined {
    const { config } = request.run;
    if (config.ruleDisabled) {
        return undefined;
    }
    const decision = request.ruleDecisionFor(resource.urn);
    if (decision !== undefined) {
        return decision;
    }
    try {
        decideAndRecord(resource, request);
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
    }
    return request.ruleDecisionFor(resource.urn);
}

/** The decision `decide` makes, recorded; one that needs a value unknown at preview is recorded as such, and thrown. */
function recorded(resource: AnalyzedResource, request: RequestContext, decide: () => Applicability): Applicability {
    try {
        const applicability = decide();
        request.recordRuleDecision(resource.urn, applicability);
        return applicability;
    } catch (e) {
        if (e instanceof UnknownValueError) {
            request.recordRuleDecision(resource.urn, undefined);
        }
        throw e;
    }
}

/**
 * What a baseline rule's policy decided for this resource: undefined when it does not run (disabled, or off by
 * default). Should it not have run yet, the decision is made here from its config, on the request's apps.
 */
export function baselineDecisionFor(
    resource: AnalyzedResource,
    request: RequestContext,
    rule: BaselineRule,
): RuleDecision | undefined {
    const { config } = request.run;
    if (config.disabledBaseline.includes(rule.name)) {
        return undefined;
    }
    const decision = request.ruleDecisionFor(resource.urn, rule.name);
    if (decision !== undefined) {
        return decision;
    }
    try {
        const applicability = request.applicabilityOf(resource, config.baseline[rule.name]);
        request.recordRuleDecision(resource.urn, applicability, rule.name);
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        request.recordRuleDecision(resource.urn, undefined, rule.name);
    }
    return request.ruleDecisionFor(resource.urn, rule.name);
}
