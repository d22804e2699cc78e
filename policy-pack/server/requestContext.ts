// A request's state, passed with the request. The pack's server wrapper (handlers.ts) creates one context for each
// Analyze or Remediate request, holding the run it belongs to, and runs the SDK's handler inside it; the policies,
// which the SDK calls with its own arguments only, take it with `currentRequest()` and pass what they read from it
// on as arguments. Node's AsyncLocalStorage keeps each request's context with that request across the SDK's
// awaits, so two runs, two servers in one process or concurrent requests never see each other's state.
import { AsyncLocalStorage } from "async_hooks";
import type { AnalyzedResource, Applicability } from "../applicability";
import type { Found, ResourceFamily } from "../families/family";
import { RunBudget } from "../arm/budget";
import { PackConfig } from "../config";
import { REQUIRE_CLIENT_CERTIFICATES } from "../policyNames";

/** One preview or update: the config the engine configured the pack with, and the evaluation budget of the run. */
export class Run {
    readonly budget: RunBudget;
    constructor(
        readonly config: PackConfig,
        budget = new RunBudget(),
    ) {
        this.budget = budget;
    }
}

/** What the rule decided for a resource: `undefined` when the decision needs a value unknown until the update. */
export interface RuleDecision {
    applicability: Applicability | undefined;
}

/**
 * One Analyze or Remediate request: its run, the apps found in its resource (once, whatever the number of
 * policies that read them), and each rule's decision the exemptions policy takes on.
 */
export class RequestContext {
    private decided?: { urn: string; decisions: Map<string, RuleDecision> };
    private found?: { urn: string; apps?: Found[]; error?: unknown };

    constructor(readonly run: Run) {}

    /**
     * The apps a family finds in the request's resource. The first policy to ask makes the family find them (for a
     * template, the one evaluation of it), within the run's budget; every other policy of the request gets the same
     * apps, or the same error (an input unknown at preview).
     */
    readonly appsIn = (resource: AnalyzedResource, family: ResourceFamily): Found[] => {
        if (this.found?.urn !== resource.urn) {
            try {
                this.found = {
                    urn: resource.urn,
                    apps: family.apps(resource.props, this.run.budget, resource.provider?.props),
                };
            } catch (e) {
                this.found = { urn: resource.urn, error: e };
            }
        }
        if (this.found.apps === undefined) {
            throw this.found.error;
        }
        return this.found.apps;
    };

    /**
     * Called by each rule's policy with the applicability it decided for the request's resource; `policy` is the
     * rule's policy name, webapp-require-client-certificates when not given.
     */
    recordRuleDecision(
        urn: string,
        applicability: Applicability | undefined,
        policy = REQUIRE_CLIENT_CERTIFICATES,
    ): void {
        if (this.decided?.urn !== urn) {
            this.decided = { urn, decisions: new Map() };
        }
        this.decided.decisions.set(policy, { applicability });
    }

    /** A rule's decision for this resource, if the rule has run on it in this request. */
    ruleDecisionFor(urn: string, policy = REQUIRE_CLIENT_CERTIFICATES): RuleDecision | undefined {
        return this.decided?.urn === urn ? this.decided.decisions.get(policy) : undefined;
    }
}

const requests = new AsyncLocalStorage<RequestContext>();

/** Runs `handle` (and everything it starts, awaits included) as the request `context`. */
export function inRequest<T>(context: RequestContext, handle: () => T): T {
    return requests.run(context, handle);
}

/** The context of the request being handled; undefined outside the pack's server (a policy called directly). */
export function currentRequest(): RequestContext | undefined {
    return requests.getStore();
}
