// A request's state, passed with the request. The pack's server wrapper (handlers.ts) creates one context for each
// Analyze or Remediate request, holding the run it belongs to; the policies, which the SDK calls with its own
// arguments only, take it with `currentRequest(args)` and pass what they read from it on as arguments. An Analyze
// request's context travels with the properties every policy of the request reads (sdkInternals.ts `requestOf`);
// otherwise the SDK's handler runs inside it, and Node's AsyncLocalStorage keeps it with that request across the
// SDK's awaits. Either way two runs, two servers in one process or concurrent requests never see each other's state.
import { AsyncLocalStorage } from "async_hooks";
import { AnalyzedResource, Applicability, decideApplicability } from "../applicability";
import type { Found, ResourceFamily } from "../families/family";
import { RunBudget } from "../arm/budget";
import { ClientCertificatePolicyConfig, PackConfig } from "../config";
import { REQUIRE_CLIENT_CERTIFICATES } from "../policyNames";
import { requestOf } from "../sdkInternals";
import type { SiteSettingId } from "../baseline/siteSettings";
import type { OwnSiteConfig } from "../stack/ownSiteConfig";

/**
 * One preview or update: the config the engine configured the pack with, the evaluation budget of the run, and what
 * the requests of its generic Resource and AzAPI sites say of the settings the rules' stack parts judge.
 */
export class Run {
    readonly budget: RunBudget;
    /** By URN: one entry for each such site the rules' resource policies judged in the run, so at most one a resource. */
    private readonly ownSiteConfigs = new Map<string, Partial<Record<SiteSettingId, OwnSiteConfig>>>();
    constructor(
        readonly config: PackConfig,
        budget = new RunBudget(),
    ) {
        this.budget = budget;
    }

    /**
     * Called by a rule's resource policy with what the request of the site `urn` says of `setting`: the rule's stack
     * part sees the site's outputs, which after the update are Azure's answer, without the request
     * (stack/ownSiteConfig.ts).
     */
    recordOwnSiteConfig(urn: string, setting: SiteSettingId, own: OwnSiteConfig): void {
        this.ownSiteConfigs.set(urn, { ...this.ownSiteConfigs.get(urn), [setting]: own });
    }

    /** What the request of the site `urn` says of `setting`, if a rule's resource policy read it in this run. */
    ownSiteConfigOf(urn: string, setting: SiteSettingId): OwnSiteConfig | undefined {
        return this.ownSiteConfigs.get(urn)?.[setting];
    }
}

/** What the rule decided for a resource: `undefined` when the decision needs a value unknown until the update. */
export interface RuleDecision {
    applicability: Applicability | undefined;
}

/**
 * A value worked out once for the request's resource, by the first policy to ask: every other policy of the request
 * gets the same value, or the same error (an input unknown at preview).
 */
class OncePerResource<T> {
    private last?: { urn: string; value: T } | { urn: string; error: unknown };

    of(urn: string, work: () => T): T {
        if (this.last?.urn !== urn) {
            try {
                this.last = { urn, value: work() };
            } catch (e) {
                this.last = { urn, error: e };
            }
        }
        if ("error" in this.last) {
            throw this.last.error;
        }
        return this.last.value;
    }
}

/**
 * One Analyze or Remediate request: its run, the apps found in its resource (once, whatever the number of
 * policies that read them), and each rule's decision the exemptions policy takes on.
 */
export class RequestContext {
    private decided?: { urn: string; decisions: Map<string, RuleDecision> };
    private readonly found = new OncePerResource<Found[]>();
    private readonly unconfigured = new OncePerResource<Applicability>();

    constructor(readonly run: Run) {}

    /**
     * The apps a family finds in the request's resource. The first policy to ask makes the family find them (for a
     * template, the one evaluation of it), within the run's budget; every other policy of the request gets the same
     * apps, or the same error (an input unknown at preview).
     */
    readonly appsIn = (resource: AnalyzedResource, family: ResourceFamily): Found[] =>
        this.found.of(resource.urn, () => family.apps(resource.props, this.run.budget, resource.provider?.props));

    /**
     * Whether a rule with `config` applies to the request's resource (`decideApplicability`, on the request's apps).
     * A config that exempts and excludes nothing leaves the decision to the resource alone, so every rule with such
     * a config shares one decision, or one error (an input unknown at preview), made once for the request; the
     * decision is only read by the policies.
     */
    readonly applicabilityOf = (
        resource: AnalyzedResource,
        config: Pick<ClientCertificatePolicyConfig, "excludedKinds" | "exemptions">,
    ): Applicability => {
        if (config.exemptions.length > 0 || config.excludedKinds.length > 0) {
            return decideApplicability(resource, config, new Date(), this.run.budget, this.appsIn);
        }
        return this.unconfigured.of(resource.urn, () =>
            decideApplicability(resource, config, new Date(), this.run.budget, this.appsIn),
        );
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

/**
 * The context of the request being handled; undefined outside the pack's server (a policy called directly). A
 * resource policy passes the resource it was given: an Analyze request's context travels with its properties where
 * the SDK allows (sdkInternals.ts `requestOf`), else the request runs in one with `inRequest`.
 */
export function currentRequest(resource?: { props: unknown }): RequestContext | undefined {
    const carried = resource === undefined ? undefined : requestOf(resource.props);
    return carried instanceof RequestContext ? carried : requests.getStore();
}
