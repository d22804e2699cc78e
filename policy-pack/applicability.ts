// Which resources webapp-require-client-certificates checks. Both policies decide through `decideApplicability`,
// so the rule and the exemption notices can never disagree about what was exempted or excluded.
import { UnknownValueError } from "./sdkInternals";
import { RunBudget } from "./arm/budget";
import { ClientCertificatePolicyConfig } from "./config";
import { CitedExemption, exemptionStatus } from "./exemptions";
import {
    App,
    AssignedDefinition,
    Found,
    isApp,
    isAssignedDefinition,
    isUndeclaredSiteWrite,
    ResourceFamily,
    UndeclaredSiteWrite,
} from "./families/family";
import { assignedDefinitionsReason } from "./families/policyAssignment";
import { familyOf } from "./families/registry";
import { MAX_SHOWN_REASON, shownText } from "./shownText";

/** The not-applicable reason both policies record for every resource that is not an App Service resource. */
export const NOT_APP_SERVICE = "not an App Service resource";

/**
 * The not-applicable reason of a rule that judges apps only (the client-certificate rule) on a resource that holds
 * nothing but writes to sites it does not declare.
 */
export const UNDECLARED_SITES_ONLY =
    "it writes settings of App Service sites or slots it does not declare (a site's config, authentication or " +
    "publishing-credentials resource), which the baseline rules judge, and holds no client-certificate setting";

/** The resource as both policies see it. */
export interface AnalyzedResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
    /** The resource's provider, when the engine gives it: its inputs. */
    provider?: { props: Record<string, any> };
}

/** An app left out because its `kind` has an excluded token. */
export interface ExcludedApp {
    /** Where the app sits inside the resource (ARM templates); absent for the resource itself. */
    location?: string;
    /** The app's whole `kind`. */
    kind: string;
    /** The `excludedKinds` entry it matched. */
    token: string;
}

/** An app the rule checks. */
export interface CheckedApp {
    app: App;
    /**
     * The engine's error when `excludedKinds` is configured and the app's kind is unknown at preview: the app might
     * yet be left out, so what is wrong with it is known only at the update.
     */
    unknownKind?: UnknownValueError;
}

/** Finds the apps in a resource: a request's `appsIn`, so that every policy of a request reads the same ones. */
export type AppFinder = (resource: AnalyzedResource, family: ResourceFamily) => Found[];

/**
 * Why a rule does not check a resource, for its not-applicable record. Every rule's policy gives the same reasons,
 * from its own config's `excludedKinds`.
 */
export function uncheckedReason(
    applicability: Exclude<Applicability, { outcome: "checked" }>,
    excludedKinds: readonly string[],
): string {
    switch (applicability.outcome) {
        case "not-app-service":
            return NOT_APP_SERVICE;
        case "exempt": {
            const { exemption, index } = applicability.exemption;
            return (
                `exempt by exemptions[${index}]: ${shownText(exemption.reason, MAX_SHOWN_REASON)}` +
                (exemption.expires ? ` (until ${exemption.expires})` : "")
            );
        }
        case "no-apps":
            return applicability.reason;
        case "excluded":
            return `kind excluded by the policy config excludedKinds (${shownText(excludedKinds.join(", "), MAX_SHOWN_REASON)})`;
    }
}

/** Whether the rule applies to one resource, and if not, why. */
export type Applicability =
    /** Not an App Service resource: nearly every resource of a stack. */
    | { outcome: "not-app-service" }
    /** Listed in `exemptions` and not expired. */
    | { outcome: "exempt"; exemption: CitedExemption }
    /**
     * A covered type holding no app (an ARM deployment without sites, a policy assignment); `assigned` lists the
     * custom policy definitions it assigns, and `undeclared` its writes to sites it does not declare (which the
     * baseline rules judge, having no kind to exclude), as in the outcomes below.
     */
    | {
          outcome: "no-apps";
          reason: string;
          assigned: AssignedDefinition[];
          undeclared: UndeclaredSiteWrite[];
          expiredExemption?: CitedExemption;
      }
    /** Every app's kind is excluded. */
    | {
          outcome: "excluded";
          excluded: ExcludedApp[];
          assigned: AssignedDefinition[];
          undeclared: UndeclaredSiteWrite[];
          expiredExemption?: CitedExemption;
      }
    /** The rule applies to `apps`; `excluded` lists apps of the same resource left out by kind. */
    | {
          outcome: "checked";
          family: ResourceFamily;
          apps: CheckedApp[];
          excluded: ExcludedApp[];
          assigned: AssignedDefinition[];
          undeclared: UndeclaredSiteWrite[];
          expiredExemption?: CitedExemption;
      };

/**
 * Decides whether the rule applies to a resource, and if not, why. `kind` is read only when kinds are excluded, so
 * an unknown kind never changes the default verdict. Each app's kind is read on its own: one unknown at preview
 * leaves that app checked, marked, and the others decided (see {@link CheckedApp}). A resource whose apps cannot be
 * listed at preview (an unknown path of a generic resource) lets the engine's unknown-value error through.
 */
export function decideApplicability(
    resource: AnalyzedResource,
    config: Pick<ClientCertificatePolicyConfig, "excludedKinds" | "exemptions">,
    now: Date,
    run?: RunBudget,
    appsIn: AppFinder = (found, family) => family.apps(found.props, run, found.provider?.props),
): Applicability {
    const family = familyOf(resource.type);
    if (family === undefined) {
        return { outcome: "not-app-service" };
    }
    const status = exemptionStatus(config.exemptions, resource.name, resource.urn, now);
    if (status.state === "exempt") {
        return { outcome: "exempt", exemption: { exemption: status.exemption, index: status.index } };
    }
    const found = appsIn(resource, family);
    const assigned = distinct(found.filter(isAssignedDefinition));
    const undeclared = found.filter(isUndeclaredSiteWrite);
    const inResource = found.filter(isApp);
    const expiredExemption =
        status.state === "expired" ? { exemption: status.exemption, index: status.index } : undefined;
    if (inResource.length === 0) {
        return {
            outcome: "no-apps",
            reason:
                assigned.length > 0
                    ? assignedDefinitionsReason(assigned)
                    : undeclared.length > 0
                      ? UNDECLARED_SITES_ONLY
                      : (family.noAppsReasonOf?.(resource.props) ??
                        family.noAppsReason ??
                        "no App Service app in the resource"),
            assigned,
            undeclared,
            expiredExemption,
        };
    }
    const apps: CheckedApp[] = [];
    const excluded: ExcludedApp[] = [];
    for (const app of inResource) {
        const kind = config.excludedKinds.length === 0 ? undefined : kindOf(app);
        if (kind instanceof UnknownValueError) {
            apps.push({ app, unknownKind: kind });
            continue;
        }
        const match = kind === undefined ? undefined : excludedKindOf(kind, config.excludedKinds);
        if (match === undefined) {
            apps.push({ app });
        } else {
            excluded.push({ location: app.location, ...match });
        }
    }
    if (apps.length === 0) {
        return { outcome: "excluded", excluded, assigned, undeclared, expiredExemption };
    }
    return { outcome: "checked", family, apps, excluded, assigned, undeclared, expiredExemption };
}

/** Each assigned definition once: a request read two ways (AzAPI's sensitiveBodyVersion) may name it twice. */
function distinct(assigned: AssignedDefinition[]): AssignedDefinition[] {
    return assigned.filter(
        (a, i) => assigned.findIndex(b => b.property === a.property && b.definitionId === a.definitionId) === i,
    );
}

/** An app's kind, or the engine's error when it is unknown at preview. */
function kindOf(app: App): unknown {
    try {
        return app.kind();
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return e;
        }
        throw e;
    }
}

/** The excluded token a `kind` (comma-separated tokens, any case) carries, if any. */
function excludedKindOf(kind: unknown, excludedKinds: readonly string[]): { kind: string; token: string } | undefined {
    if (typeof kind !== "string") {
        return undefined;
    }
    const token = kind
        .split(",")
        .map(piece => piece.trim().toLowerCase())
        .find(piece => excludedKinds.includes(piece));
    return token === undefined ? undefined : { kind, token };
}
