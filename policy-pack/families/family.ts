import { RunBudget } from "../arm/budget";
import { ChildWrite, EvaluatedSite, SiteSettingId, SiteSettingPlaces } from "../baseline/siteSettings";
import {
    AZURE_DEFAULTS,
    ClientCertificateSettings,
    isAllowedExclusionPath,
    splitExclusionPaths,
    UnsetDefaults,
} from "../rule/clientCertificates";
import { allowRenegotiation } from "../rule/renegotiation";
import { readAtPath } from "../sdkInternals";

/**
 * Names of a resource's three client-certificate properties, as the user writes them in a program. A type may lack
 * any of them (legacy classic slots have none): what Azure or the provider does then is in the family's defaults.
 */
export interface PropertyNames {
    /** Absent when the resource has no enabled flag (legacy FunctionApp: the mode alone decides). */
    enabled?: string;
    /** Absent when the resource has no client-certificate setting at all. */
    mode?: string;
    /** Absent when the resource has no exclusion paths. */
    exclusionPaths?: string;
}

/** One App Service app found in a resource: a resource usually holds one, an ARM deployment any number. */
export interface App {
    /** Where the app sits inside the resource (for ARM templates); absent for the resource itself. */
    location?: string;
    /** The app's own property paths (a site deep in a template), when they differ from the family's. */
    propertyNames?: PropertyNames;
    settings: ClientCertificateSettings;
    /** The app's `kind` (comma-separated tokens), read only when `excludedKinds` is configured. */
    kind: () => unknown;
    /**
     * The inputs the baseline rules read the site's settings from, at the family's `siteSettings` places: the
     * resource's own properties. Absent where they are evaluated (`evaluatedSite`) or not read at all.
     */
    siteInputs?: Record<string, any>;
    /**
     * The site's settings evaluated at the family's `siteSettings` places (a site in an ARM template), or at the
     * app's own `siteSettings` (a site's request body).
     */
    evaluatedSite?: EvaluatedSite;
    /**
     * Where this app keeps the baseline settings, when not where its family's other apps do: a generic Resource or
     * AzAPI request that is a site itself, beside the template sites its family may deploy.
     */
    siteSettings?: SiteSettingPlaces;
}

/**
 * A custom policy definition or set a resource assigns (`policyDefinitionId`), found where apps are: not an app.
 * Azure Policy applies its effects, which the pack checks on the definition itself where Pulumi declares it
 * (families/policyDefinition.ts), so the rule does not judge it here and the exemptions policy names it.
 */
export interface AssignedDefinition {
    /** The property that names it: `policyDefinitionId`, `properties.policies[0].policyDefinitionId`. */
    readonly property: string;
    /** The definition's id, as the resource gives it. */
    readonly definitionId: string;
}

/**
 * A resource's writes to the settings of an App Service site or slot it does not declare: a template's
 * `Microsoft.Web/sites/config` `web`, publishing-credentials policy or authentication config for a site deployed
 * elsewhere (or already in Azure), or a generic or AzAPI resource of such a type. Not an app: the site itself is
 * judged where it is declared, and nothing here writes its client certificates. The baseline rules judge each
 * setting it writes, wherever the site is; a setting it leaves unset is the site's own resource's to decide.
 */
export interface UndeclaredSiteWrite {
    /** Where the writing resource sits inside the resource (templates); absent for the resource itself. */
    readonly location?: string;
    /** Its write of `setting`; undefined when it is no resource that writes it (another type, another config). */
    writeOf(setting: SiteSettingId): SettingWrite | undefined;
}

/** One setting's write to a site the resource does not declare. */
export interface SettingWrite extends ChildWrite {
    /** The value read as the setting's, when the route says it another way (a template's `ftpsState` in any case). */
    readonly meaning?: (value: unknown) => unknown;
}

/**
 * What a family finds in a resource: the apps the rule checks, the custom policy definitions it assigns, and its
 * writes to sites it does not declare.
 */
export type Found = App | AssignedDefinition | UndeclaredSiteWrite;

export function isAssignedDefinition(found: Found): found is AssignedDefinition {
    return "definitionId" in found;
}

export function isUndeclaredSiteWrite(found: Found): found is UndeclaredSiteWrite {
    return "writeOf" in found;
}

/** Whether `found` is an App Service app: neither an assigned definition nor a write to an undeclared site. */
export function isApp(found: Found): found is App {
    return !isAssignedDefinition(found) && !isUndeclaredSiteWrite(found);
}

/** A family of resource types that keep the client-certificate settings in the same places. */
export interface ResourceFamily {
    /** Property names to quote in messages and README. */
    readonly propertyNames: PropertyNames;
    /** What each setting becomes when it is unset, from the provider's documentation or Azure's behaviour. */
    readonly defaults: UnsetDefaults;
    /** The fix for a type that cannot comply (no client-certificate setting): which type to declare instead. */
    readonly replacement?: string;
    /**
     * Where the types keep the baseline rules' settings (an app may say otherwise); absent for families whose apps
     * carry neither `siteInputs` nor an `evaluatedSite`.
     */
    readonly siteSettings?: SiteSettingPlaces;
    /** Where the user sets those properties, for the fix in messages. */
    readonly settingsLocation: string;
    /** Why a resource of this family holding no app is not applicable, for audits (templates, generic resources). */
    readonly noAppsReason?: string;
    /** The reason for this resource in particular, when it says more than `noAppsReason` (a read state, say). */
    noAppsReasonOf?(props: Record<string, any>): string | undefined;
    /**
     * The apps in a resource's properties, and the custom policy definitions it assigns. Throws only the engine's
     * unknown-value error. Templates are evaluated within the `run`'s budget, when there is a run. `provider` holds
     * the inputs of the resource's provider when the engine gives them (AzAPI names a resource after one).
     */
    apps(props: Record<string, any>, run?: RunBudget, provider?: Record<string, any>): Found[];
    /**
     * Fixes the properties in place and returns them (remediation); absent when the family is report-only.
     * `allowedExclusionPaths` are the exclusion paths to keep.
     */
    remediate?(props: Record<string, any>, allowedExclusionPaths: readonly string[]): Record<string, any>;
}

/** Where an app keeps the baseline settings: its own places, else its family's. */
export function placesOf(family: ResourceFamily, app: App): SiteSettingPlaces | undefined {
    return app.siteSettings ?? family.siteSettings;
}

/**
 * A family whose three settings are top-level properties of the resource (azure-native and classic types).
 * `kind` is the resource's own `kind` property, or a fixed kind for types that imply one; `defaults` what an
 * unset setting becomes for these types.
 */
export function topLevelFamily(
    propertyNames: PropertyNames & { mode: string },
    kind: string | { property: string },
    defaults: UnsetDefaults,
    siteSettings: SiteSettingPlaces,
): ResourceFamily {
    const { enabled, mode, exclusionPaths } = propertyNames;
    return {
        propertyNames,
        defaults,
        siteSettings,
        settingsLocation: "in the resource's arguments in your program",
        apps: props => [
            {
                settings: {
                    enabled: enabled === undefined ? undefined : () => readAtPath(props, [enabled]),
                    mode: () => readAtPath(props, [mode]),
                    exclusionPaths:
                        exclusionPaths === undefined ? undefined : () => readAtPath(props, [exclusionPaths]),
                },
                kind: typeof kind === "string" ? () => kind : () => readAtPath(props, [kind.property]),
                siteInputs: props,
            },
        ],
        remediate(props, allowedExclusionPaths) {
            if (enabled !== undefined) {
                props[enabled] = true;
            }
            props[mode] = "Required";
            if (exclusionPaths !== undefined && props[exclusionPaths] != null) {
                const value = props[exclusionPaths];
                const kept =
                    typeof value === "string"
                        ? splitExclusionPaths(value).filter(path => isAllowedExclusionPath(path, allowedExclusionPaths))
                        : [];
                if (kept.length > 0) {
                    props[exclusionPaths] = kept.join(",");
                    allowRenegotiation(props, exclusionPaths, allowedExclusionPaths, siteSettings);
                } else {
                    delete props[exclusionPaths];
                }
            }
            return props;
        },
    };
}

/**
 * A type with no client-certificate argument at all: Azure creates the app with its defaults (certificates off),
 * so every such resource violates the rule; `replacement` is the fix, naming the type to declare instead.
 */
export function withoutCertificateSettings(
    kind: string,
    replacement: string,
    siteSettings: SiteSettingPlaces,
): ResourceFamily {
    return {
        propertyNames: {},
        defaults: AZURE_DEFAULTS,
        replacement,
        siteSettings,
        settingsLocation: "nowhere: the type has no client-certificate argument",
        apps: props => [{ settings: {}, kind: () => kind, siteInputs: props }],
    };
}
