// The App Service site settings the baseline rules judge, and where a resource family keeps each of them. A rule
// (baseline/rules/) names the settings it reads; a family (families/) says, for its types, at which property path
// each one is, what an unset one becomes, and how the route's own values read as the setting's; a policy reads
// them through the apps the family found in the resource, once per request (server/requestContext.ts).
import { readAtPath } from "../sdkInternals";

/**
 * One site setting, named as the azure-native API names it. `ftpBasicAuth` and `scmBasicAuth` are the `allow`
 * of the site's `ftp` and `scm` basic publishing credentials policies; `authSettingsV2Enabled` and
 * `authSettingsEnabled` whether App Service authentication is on, in the authentication settings V2
 * (`platform.enabled`) and in the legacy ones (`enabled`).
 */
export type SiteSettingId =
    | "httpsOnly"
    | "minTlsVersion"
    | "scmMinTlsVersion"
    | "ftpsState"
    | "remoteDebuggingEnabled"
    | "http20Enabled"
    | "identity"
    | "publicNetworkAccess"
    | "ftpBasicAuth"
    | "scmBasicAuth"
    | "authSettingsV2Enabled"
    | "authSettingsEnabled";

/** What an unset setting becomes, and whose default that is (for messages: `Azure's`, `@pulumi/azure's`). */
export interface UnsetSetting {
    /** The value, as the setting's (azure-native) value. */
    readonly becomes: unknown;
    readonly source: string;
}

/** Where a family keeps one setting. */
export interface SettingPlace {
    /** The property path as the user writes it (`siteConfig.minTlsVersion`, `siteConfig.minimumTlsVersion`). */
    readonly path: string;
    readonly unset: UnsetSetting;
    /**
     * The route's value read as the setting's, when the route says it another way (classic's
     * `publicNetworkAccessEnabled: false` is `publicNetworkAccess: "Disabled"`); any other value is kept as found.
     */
    readonly meaning?: (value: unknown) => unknown;
    /** The value remediation writes at `path`; absent when the pack does not write this setting for the family. */
    readonly secureWrite?: unknown;
    /** A child resource of the site that may also write the setting (templates' `Microsoft.Web/sites/config` `web`). */
    readonly child?: ChildPlace;
    /** Set when an unset value is not judged as what it becomes ({@link UnsetNotJudged}). */
    readonly unsetNotJudged?: UnsetNotJudged;
}

/**
 * Why a setting a site leaves unset is not judged as what it becomes: `kept`, a write merged into an existing site
 * (an AzAPI update, a PATCH), where an unset setting is no write and keeps the value judged where the site is
 * declared; `judgedInStack`, the stack policy that judges it with the resources of the stack that may write it (a
 * generic Resource or AzAPI site's `siteConfig`, which a `Microsoft.Web/sites/config` `web` resource may set).
 */
export type UnsetNotJudged = { readonly kept: true } | { readonly judgedInStack: string };

/**
 * A setting a family's types have no argument for: Azure creates the site with its default, which no program can
 * change through these types. `fix` names what to declare instead.
 */
export interface NoPlace {
    readonly absent: true;
    readonly unset: UnsetSetting;
    readonly fix: string;
    /**
     * Set when other resources of the stack write the setting (azure-native's publishing-credentials policies and
     * authentication settings):
     * the named stack policy judges it there, and the app's own policy leaves it to that one.
     */
    readonly judgedInStack?: string;
    /** Set when the setting is not judged on the app at all ({@link UnsetNotJudged}): a merge keeps it as it is. */
    readonly unsetNotJudged?: UnsetNotJudged;
    /**
     * A child resource of the site that writes the setting (templates' basic publishing credentials policies):
     * Azure's default applies only when none does.
     */
    readonly child?: ChildPlace;
}

/** Where a family keeps each setting: a place, or none (Azure's default applies unless a child resource sets it). */
export type SiteSettingPlaces = { readonly [S in SiteSettingId]: SettingPlace | NoPlace };

export function isNoPlace(place: SettingPlace | NoPlace): place is NoPlace {
    return "absent" in place;
}

/** Where the setting is in the site's child resource, when one may also write it (in templates). */
export interface ChildPlace {
    /** The child's type below the site's or slot's type: `config`, `basicPublishingCredentialsPolicies`. */
    readonly type: string;
    /** The child's own name, the last segment of its full name: `web`, `ftp`. */
    readonly name: string;
    /** The setting's path below the child resource: `properties.minTlsVersion`. */
    readonly path: string;
}

/** A child resource's write of a setting, for one site: where, and its value read on demand. */
export interface ChildWrite {
    /** `path` as the user finds it: `properties.template.resources[1].properties.minTlsVersion`. */
    readonly path: string;
    /**
     * The value written; undefined when the child leaves it unset. A value unknown at preview throws the engine's
     * error; an `Unverifiable` or `OneOf` as for the site's own settings.
     */
    read(): unknown;
}

/**
 * A site whose settings are evaluated on demand (a site in an ARM template) rather than read from a resource's
 * inputs: the value at a place's path, and that path as the user finds it.
 */
export interface EvaluatedSite {
    /**
     * The value at `path`; a value unknown at preview throws the engine's error. An `Unverifiable` (arm/values.ts)
     * when it cannot be known before deployment, a `OneOf` (rule/clientCertificates.ts) when it is one of several.
     */
    valueAt(path: string): unknown;
    /** `path` as the user finds it: `properties.template.resources[0].properties.httpsOnly`. */
    shownPath(path: string): string;
    /** The writes of the site's child resources at `child`, matched to the site by name: none when there are none. */
    childWrites(child: ChildPlace): readonly ChildWrite[];
}

/**
 * The writes of a setting by the site's own child resources (a template's `Microsoft.Web/sites/config` `web`, its
 * publishing credentials policies), in the order they are declared: none when no child may hold the setting or the
 * site is read from a resource's inputs. ARM deploys a child after its site, so a value a child writes is the one
 * Azure keeps, over the site's own or in place of its unset one.
 */
export function siteChildWrites(place: SettingPlace | NoPlace, site: EvaluatedSite | undefined): readonly ChildWrite[] {
    return place.child === undefined || site === undefined ? [] : site.childWrites(place.child);
}

/** Azure's own default, for a site created without the setting. */
export function azureDefault(becomes: unknown): UnsetSetting {
    return { becomes, source: "Azure's" };
}

/** The value at a dotted property path; reading a value unknown at preview throws the engine's error, as the property does. */
export function valueAt(props: Record<string, any>, path: string): unknown {
    return readAtPath(props, path.split("."));
}

/** Writes `value` at a dotted path, creating the objects on the way (an unset `siteConfig`, say). */
export function writeAt(props: Record<string, any>, path: string, value: unknown): void {
    const keys = path.split(".");
    let target: Record<string, any> = props;
    for (const key of keys.slice(0, -1)) {
        const next = target[key];
        if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) {
            target[key] = {};
        }
        target = target[key];
    }
    target[keys[keys.length - 1]] = value;
}
