// A request's state, passed with the request. The pack's server wrapper (handlers.ts) creates one context for each
// Analyze or Remediate request, holding the run it belongs to, and runs the SDK's handler inside it; the policies,
// which the SDK calls with its own arguments only, take it with `currentRequest()` and pass what they read from it
// on as arguments. Node's AsyncLocalStorage keeps each request's context with that request across the SDK's
// awaits, so two runs, two servers in one process or concurrent requests never see each other's state.
import { AsyncLocalStorage } from "async_hooks";
import { Applicability } from "../applicability";
import { RunBudget } from "../arm/budget";
import { PackConfig } from "../config";

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

/** One Analyze or Remediate request: its run, and the rule's decision the exemptions policy takes on. */
export class RequestContext {
    private decided?: { urn: string; decision: RuleDecision };

    constructor(readonly run: Run) {}

    /** Called by webapp-require-client-certificates with the applicability it decided for the request's resource. */
    recordRuleDecision(urn: string, applicability: Applicability | undefined): void {
        this.decided = { urn, decision: { applicability } };
    }

    /** The rule's decision for this resource, if the rule has run on it in this request. */
    ruleDecisionFor(urn: string): RuleDecision | undefined {
        return this.decided?.urn === urn ? this.decided.decision : undefined;
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
