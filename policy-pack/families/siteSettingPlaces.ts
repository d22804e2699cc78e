// Where the azure-native and classic app types and the sites of ARM templates keep the baseline rules' settings
// (baseline/siteSettings.ts), and what an unset one becomes: Azure's default where the provider sends nothing, the provider's where its SDK
// documents one (the `.d.ts` doc comments of @pulumi/azure 6.40.0; test/policy-pack/siteSettingPlaces.test.ts
// checks every path against the SDKs).
import {
    azureDefault,
    ChildPlace,
    isNoPlace,
    NoPlace,
    SettingPlace,
    SiteSettingPlaces,
    UnsetSetting,
} from "../baseline/siteSettings";
import { foldCase, sameIgnoringAsciiCase } from "../arm/caseFolding";
import { SITE_TYPES } from "../armTypes";
import { AUTHENTICATION_IN_STACK, BASIC_AUTH_IN_STACK, FTP_DEPLOYMENTS_IN_STACK, HTTP2_IN_STACK } from "../policyNames";

/** Azure's defaults for a new site, from CIS's "default value" of each recommendation and the providers' notes. */
const AZURE = {
    httpsOnly: azureDefault(false),
    /** "By default, TLS Version feature will be set to 1.2 when a new app is created" (CIS v2.0.0 9.3). */
    minTlsVersion: azureDefault("1.2"),
    /** "Azure defaults this value to `AllAllowed`" (@pulumi/azure's ftpsState note; CIS v2.0.0 9.10). */
    ftpsState: azureDefault("AllAllowed"),
    remoteDebuggingEnabled: azureDefault(false),
    identity: azureDefault(undefined),
    publicNetworkAccess: azureDefault("Enabled"),
    /** "Both parameters for Basic Authentication (SCM and FTP) are set to On by default" (CIS v3.0.0 9.6). */
    basicAuth: azureDefault(true),
    /** "By default, App Service Authentication is disabled when a new app is created" (CIS v2.0.0 9.1). */
    authentication: azureDefault(false),
} as const;

const PROVIDER = "@pulumi/azure's";
const provider = (becomes: unknown): UnsetSetting => ({ becomes, source: PROVIDER });

/** classic's `publicNetworkAccessEnabled`, read as azure-native's `publicNetworkAccess`. */
const enabledFlag = (value: unknown): unknown => (value === true ? "Enabled" : value === false ? "Disabled" : value);

/** A classic setting's place: path, default, and what remediation writes. */
function place(
    path: string,
    unset: UnsetSetting,
    secureWrite?: unknown,
    meaning?: SettingPlace["meaning"],
): SettingPlace {
    return { path, unset, secureWrite, meaning };
}

function none(unset: UnsetSetting, fix: string): NoPlace {
    return { absent: true, unset, fix };
}

/** A template place as the site's own request body holds it: no child resource beside it in the same resource. */
const ownBody = ({ child: _, ...place }: SettingPlace): SettingPlace => place;

/**
 * A `siteConfig` setting whose unset default fails, which a `config` `web` resource of the stack may write: the rule's
 * stack part judges it unset, with those resources (policies/siteConfigInStack.ts).
 */
const orWrittenInStack = (place: SettingPlace, judgedInStack: string): SettingPlace => ({
    ...ownBody(place),
    unsetNotJudged: { judgedInStack },
});

const AUTHENTICATION_RESOURCE =
    "declare an azure-native:web:WebAppAuthSettingsV2 (slots: WebAppAuthSettingsV2Slot) for the app with platform.enabled: true";

/**
 * azure-native `web:WebApp` and `web:WebAppSlot`. The basic-auth publishing policies are separate resources
 * (`web:WebAppFtpAllowed`, `web:WebAppScmAllowed` and their slot types), judged across the stack, and so are the
 * authentication settings (`web:WebAppAuthSettingsV2`, the legacy `web:WebAppAuthSettings`, their slot types). An
 * unset `ftpsState`, whose Azure default fails, is the site's `config` `web` resource's to set as well (a generic
 * Resource or AzAPI resource: azure-native has no type for it), so the rule's stack part judges it with the stack's
 * web configs; remediation still writes it on the app. `http20Enabled`: azure-native's schema gives it the default
 * `true`, which its SDKs fill in whenever `siteConfig` is set; that complies, so a web config cannot make it fail
 * unless it writes `false`, which is judged on that config.
 */
export const AZURE_NATIVE_PLACES: SiteSettingPlaces = {
    httpsOnly: place("httpsOnly", AZURE.httpsOnly, true),
    minTlsVersion: place("siteConfig.minTlsVersion", AZURE.minTlsVersion, "1.2"),
    scmMinTlsVersion: place("siteConfig.scmMinTlsVersion", AZURE.minTlsVersion, "1.2"),
    ftpsState: orWrittenInStack(place("siteConfig.ftpsState", AZURE.ftpsState, "Disabled"), FTP_DEPLOYMENTS_IN_STACK),
    remoteDebuggingEnabled: place("siteConfig.remoteDebuggingEnabled", AZURE.remoteDebuggingEnabled, false),
    http20Enabled: place("siteConfig.http20Enabled", { becomes: true, source: "azure-native's" }, true),
    identity: place("identity", AZURE.identity),
    publicNetworkAccess: place("publicNetworkAccess", AZURE.publicNetworkAccess, "Disabled"),
    ftpBasicAuth: {
        ...none(
            AZURE.basicAuth,
            "declare an azure-native:web:WebAppFtpAllowed (slots: WebAppFtpAllowedSlot) for the app with allow: false",
        ),
        judgedInStack: BASIC_AUTH_IN_STACK,
    },
    scmBasicAuth: {
        ...none(
            AZURE.basicAuth,
            "declare an azure-native:web:WebAppScmAllowed (slots: WebAppScmAllowedSlot) for the app with allow: false",
        ),
        judgedInStack: BASIC_AUTH_IN_STACK,
    },
    authSettingsV2Enabled: {
        ...none(AZURE.authentication, AUTHENTICATION_RESOURCE),
        judgedInStack: AUTHENTICATION_IN_STACK,
    },
    authSettingsEnabled: {
        ...none(AZURE.authentication, AUTHENTICATION_RESOURCE),
        judgedInStack: AUTHENTICATION_IN_STACK,
    },
};

/**
 * The current classic app types: Linux and Windows web and function apps and their slots. Classic types keep an unset
 * `ftpsState` judged on the app, though a `config` `web` resource may write it too: here the provider's default,
 * `Disabled`, complies (a web config's other value is judged on that config); the Logic App's provider sends its
 * default `AllAllowed` with the site's configuration at each write, so a web config's value would not last; the
 * legacy and flex-consumption types fail with Azure's default as before, since the stack parts match web configs
 * only with azure-native apps and the sites generic Resources and AzAPI resources declare (a known false positive
 * when a web config sets it securely, never a bypass).
 */
function currentClassic(defaults: { ftpsState: UnsetSetting; http2: UnsetSetting }): SiteSettingPlaces {
    return {
        httpsOnly: place("httpsOnly", provider(false), true),
        minTlsVersion: place("siteConfig.minimumTlsVersion", provider("1.2"), "1.2"),
        scmMinTlsVersion: place("siteConfig.scmMinimumTlsVersion", provider("1.2"), "1.2"),
        ftpsState: place("siteConfig.ftpsState", defaults.ftpsState, "Disabled"),
        remoteDebuggingEnabled: place("siteConfig.remoteDebuggingEnabled", provider(false), false),
        http20Enabled: place("siteConfig.http2Enabled", defaults.http2, true),
        identity: place("identity", AZURE.identity),
        publicNetworkAccess: place("publicNetworkAccessEnabled", provider("Enabled"), false, enabledFlag),
        ftpBasicAuth: place("ftpPublishBasicAuthenticationEnabled", provider(true), false),
        scmBasicAuth: place("webdeployPublishBasicAuthenticationEnabled", provider(true), false),
        // Turning authentication on needs an identity provider the program chooses: no remediation.
        authSettingsV2Enabled: place("authSettingsV2.authEnabled", provider(false)),
        authSettingsEnabled: place("authSettings.enabled", AZURE.authentication),
    };
}

/**
 * Linux and Windows web apps and function apps and their slots: "ftpsState ... Defaults to `Disabled`" (the web
 * apps' note: "Azure defaults this value to `AllAllowed`, however ... Terraform will default this to `Disabled`");
 * the function apps document `http2Enabled` "Defaults to `false`", and the web apps' provider sends the same.
 */
export const CLASSIC_APP_PLACES = currentClassic({ ftpsState: provider("Disabled"), http2: provider(false) });

const NO_LEGACY_ARGUMENT = "declare the app as one of classic's current types (LinuxWebApp, WindowsWebApp, ...)";

const NO_AUTHENTICATION_ARGUMENT =
    "a Logic App Standard has no authentication argument: set it up after deployment (az webapp auth update --enabled true)";

/**
 * Flex-consumption function apps have no `ftpsState` and no `ftpPublishBasicAuthenticationEnabled` argument: Azure's
 * defaults apply.
 */
export const CLASSIC_FLEX_CONSUMPTION_PLACES: SiteSettingPlaces = {
    ...CLASSIC_APP_PLACES,
    ftpsState: none(AZURE.ftpsState, "set the FTP state after deployment (az webapp config set --ftps-state Disabled)"),
    ftpBasicAuth: none(AZURE.basicAuth, "set the ftp publishing-credentials policy after deployment"),
};

/**
 * The legacy `AppService`, `FunctionApp`, `Slot` and `FunctionAppSlot`: `siteConfig.minTlsVersion` ("Defaults to
 * `1.2` for new app services"), no SCM TLS version, no public network access and no basic-auth settings (Azure's
 * defaults apply); `FunctionApp` documents `ftpsState` "Defaults to `AllAllowed`"; the function app types have no
 * `remoteDebuggingEnabled`.
 */
function legacyClassic(hasRemoteDebugging: boolean): SiteSettingPlaces {
    return {
        httpsOnly: place("httpsOnly", provider(false), true),
        minTlsVersion: place("siteConfig.minTlsVersion", AZURE.minTlsVersion, "1.2"),
        scmMinTlsVersion: none(AZURE.minTlsVersion, NO_LEGACY_ARGUMENT),
        ftpsState: place("siteConfig.ftpsState", AZURE.ftpsState, "Disabled"),
        remoteDebuggingEnabled: hasRemoteDebugging
            ? place("siteConfig.remoteDebuggingEnabled", provider(false), false)
            : none(AZURE.remoteDebuggingEnabled, NO_LEGACY_ARGUMENT),
        http20Enabled: place("siteConfig.http2Enabled", provider(false), true),
        identity: place("identity", AZURE.identity),
        publicNetworkAccess: none(AZURE.publicNetworkAccess, NO_LEGACY_ARGUMENT),
        ftpBasicAuth: none(AZURE.basicAuth, NO_LEGACY_ARGUMENT),
        scmBasicAuth: none(AZURE.basicAuth, NO_LEGACY_ARGUMENT),
        authSettingsV2Enabled: none(AZURE.authentication, NO_LEGACY_ARGUMENT),
        authSettingsEnabled: place("authSettings.enabled", AZURE.authentication),
    };
}

export const CLASSIC_LEGACY_APP_PLACES = legacyClassic(true);
export const CLASSIC_LEGACY_FUNCTION_APP_PLACES = legacyClassic(false);

/**
 * Logic App Standard (`azure:logicapps/standard:Standard`): `siteConfig.minTlsVersion`, `siteConfig.scmMinTlsVersion`,
 * `siteConfig.ftpsState` ("Defaults to `AllAllowed`"), `siteConfig.publicNetworkAccessEnabled`,
 * `ftpPublishBasicAuthenticationEnabled`, `scmPublishBasicAuthenticationEnabled`; no remote debugging and no
 * authentication settings.
 */
export const CLASSIC_LOGIC_APP_PLACES: SiteSettingPlaces = {
    httpsOnly: place("httpsOnly", provider(false), true),
    minTlsVersion: place("siteConfig.minTlsVersion", AZURE.minTlsVersion, "1.2"),
    scmMinTlsVersion: place("siteConfig.scmMinTlsVersion", AZURE.minTlsVersion, "1.2"),
    ftpsState: place("siteConfig.ftpsState", provider("AllAllowed"), "Disabled"),
    remoteDebuggingEnabled: none(AZURE.remoteDebuggingEnabled, "a Logic App Standard has no remote debugging argument"),
    http20Enabled: place("siteConfig.http2Enabled", provider(false), true),
    identity: place("identity", AZURE.identity),
    publicNetworkAccess: place("siteConfig.publicNetworkAccessEnabled", AZURE.publicNetworkAccess, false, enabledFlag),
    ftpBasicAuth: place("ftpPublishBasicAuthenticationEnabled", provider(true), false),
    scmBasicAuth: place("scmPublishBasicAuthenticationEnabled", provider(true), false),
    authSettingsV2Enabled: none(AZURE.authentication, NO_AUTHENTICATION_ARGUMENT),
    authSettingsEnabled: none(AZURE.authentication, NO_AUTHENTICATION_ARGUMENT),
};

/** The API values of `ftpsState`, an enum Azure reads in any letter case. */
const FTPS_STATES = ["AllAllowed", "FtpsOnly", "Disabled"];

/** A template's `ftpsState` as the API value it names; any other value is kept as found. */
const ftpsStateValue = (value: unknown): unknown =>
    typeof value === "string" ? (FTPS_STATES.find(state => sameIgnoringAsciiCase(state, value)) ?? value) : value;

/** The site's general configuration, `Microsoft.Web/sites/config` (and `sites/slots/config`) named `web`. */
const webConfig = (setting: string): ChildPlace => ({ type: "config", name: "web", path: `properties.${setting}` });

/** A template site's `siteConfig` setting, which its `web` config resource may also write. */
const siteConfigPlace = (setting: string, unset: UnsetSetting, meaning?: SettingPlace["meaning"]): SettingPlace => ({
    path: `properties.siteConfig.${setting}`,
    unset,
    meaning,
    child: webConfig(setting),
});

/** Basic-auth publishing: the `allow` of the site's `ftp` or `scm` publishing credentials policy, a child resource. */
const publishingPolicy = (name: "ftp" | "scm"): NoPlace => ({
    absent: true,
    unset: AZURE.basicAuth,
    fix:
        `declare a Microsoft.Web/sites/basicPublishingCredentialsPolicies (slots: Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies) ` +
        `named "${name}" for the site in the template, with properties.allow false`,
    child: { type: "basicPublishingCredentialsPolicies", name, path: "properties.allow" },
});

/**
 * Authentication: written only by the site's `config` resource `authsettingsV2` (or the legacy `authsettings`);
 * Azure leaves it off when neither is declared.
 */
const authenticationConfig = (name: "authsettingsV2" | "authsettings", path: string): NoPlace => ({
    absent: true,
    unset: AZURE.authentication,
    fix:
        `declare a Microsoft.Web/sites/config (slots: Microsoft.Web/sites/slots/config) named "${name}" for the site ` +
        `in the template, with ${path} true and an identity provider`,
    child: { type: "config", name, path },
});

/**
 * Sites and slots in ARM templates (`Microsoft.Web/sites`, `Microsoft.Web/sites/slots`), with the paths ARM names
 * below the resource: the settings in `properties`, `identity` beside it; the `siteConfig` settings may also be
 * written by the site's `config` resource named `web`, and basic-auth publishing is written only by its
 * `basicPublishingCredentialsPolicies` resources `ftp` and `scm`. Nothing fills in a value the template leaves out,
 * so Azure's defaults apply; `http20Enabled`: Azure serves HTTP/1.1 unless it is set (the default value CIS gives
 * for 9.9; azure-native's `true` is its SDKs' schema default, which nothing sends for a template). Report-only: a
 * template is the user's source, so nothing is written.
 */
export const ARM_TEMPLATE_PLACES = {
    httpsOnly: place("properties.httpsOnly", AZURE.httpsOnly),
    minTlsVersion: siteConfigPlace("minTlsVersion", AZURE.minTlsVersion),
    scmMinTlsVersion: siteConfigPlace("scmMinTlsVersion", AZURE.minTlsVersion),
    ftpsState: siteConfigPlace("ftpsState", AZURE.ftpsState, ftpsStateValue),
    remoteDebuggingEnabled: siteConfigPlace("remoteDebuggingEnabled", AZURE.remoteDebuggingEnabled),
    http20Enabled: siteConfigPlace("http20Enabled", azureDefault(false)),
    identity: place("identity", AZURE.identity),
    publicNetworkAccess: place("properties.publicNetworkAccess", AZURE.publicNetworkAccess),
    ftpBasicAuth: publishingPolicy("ftp"),
    scmBasicAuth: publishingPolicy("scm"),
    authSettingsV2Enabled: authenticationConfig("authsettingsV2", "properties.platform.enabled"),
    authSettingsEnabled: authenticationConfig("authsettings", "properties.enabled"),
} satisfies SiteSettingPlaces;

/**
 * A setting only other resources of the stack write (publishing credentials, authentication): the named stack
 * policy matches them with the site (policies/*InStack.ts).
 */
const writtenInStack = (place: NoPlace, judgedInStack: string, fix: string): NoPlace => ({
    absent: true,
    unset: place.unset,
    fix,
    judgedInStack,
});

/**
 * A site or slot declared by its request body: the generic azure-native `resources:Resource` (`properties`, and its
 * own input `identity`) and the AzAPI resources that create or replace one (`body`). The body is what ARM gets, so
 * the paths and defaults are the template site's ({@link ARM_TEMPLATE_PLACES}): nothing fills in an unset value.
 * The settings only the site holds (`httpsOnly`, `identity`, `publicNetworkAccess`) and those whose Azure default
 * complies are judged unset as that default; basic-auth publishing and authentication, which only other resources
 * write, and an unset `ftpsState` or `http20Enabled`, which a `config` `web` resource may write, are judged across the
 * stack. The sites an AzAPI `resourceAction` (`PUT`) or `dataPlaneResource` writes whole are read the same way.
 * Report-only: the body is a free-form bag.
 */
export const REQUEST_BODY_PLACES = {
    httpsOnly: ARM_TEMPLATE_PLACES.httpsOnly,
    minTlsVersion: ownBody(ARM_TEMPLATE_PLACES.minTlsVersion),
    scmMinTlsVersion: ownBody(ARM_TEMPLATE_PLACES.scmMinTlsVersion),
    ftpsState: orWrittenInStack(ARM_TEMPLATE_PLACES.ftpsState, FTP_DEPLOYMENTS_IN_STACK),
    remoteDebuggingEnabled: ownBody(ARM_TEMPLATE_PLACES.remoteDebuggingEnabled),
    http20Enabled: orWrittenInStack(ARM_TEMPLATE_PLACES.http20Enabled, HTTP2_IN_STACK),
    identity: ARM_TEMPLATE_PLACES.identity,
    publicNetworkAccess: ARM_TEMPLATE_PLACES.publicNetworkAccess,
    ftpBasicAuth: writtenInStack(
        ARM_TEMPLATE_PLACES.ftpBasicAuth,
        BASIC_AUTH_IN_STACK,
        'declare a Microsoft.Web/sites/basicPublishingCredentialsPolicies named "ftp" for the site with properties.allow false',
    ),
    scmBasicAuth: writtenInStack(
        ARM_TEMPLATE_PLACES.scmBasicAuth,
        BASIC_AUTH_IN_STACK,
        'declare a Microsoft.Web/sites/basicPublishingCredentialsPolicies named "scm" for the site with properties.allow false',
    ),
    authSettingsV2Enabled: writtenInStack(
        ARM_TEMPLATE_PLACES.authSettingsV2Enabled,
        AUTHENTICATION_IN_STACK,
        'declare a Microsoft.Web/sites/config named "authsettingsV2" for the site with properties.platform.enabled true',
    ),
    authSettingsEnabled: writtenInStack(
        ARM_TEMPLATE_PLACES.authSettingsEnabled,
        AUTHENTICATION_IN_STACK,
        'declare a Microsoft.Web/sites/config named "authsettingsV2" for the site with properties.platform.enabled true',
    ),
} satisfies SiteSettingPlaces;

/**
 * A request merged into an existing site or slot (AzAPI's update, a PATCH): the paths of {@link REQUEST_BODY_PLACES},
 * and a setting the request leaves unset is no write: it keeps its value, judged where the site is declared.
 */
export const MERGED_REQUEST_PLACES: SiteSettingPlaces = Object.fromEntries(
    Object.entries(REQUEST_BODY_PLACES).map(([setting, place]) => [
        setting,
        { ...place, unsetNotJudged: { kept: true } },
    ]),
) as unknown as SiteSettingPlaces;

/** The paths below a site's request body that hold a baseline setting: `properties.httpsOnly`, `identity`... */
export const REQUEST_BODY_PATHS: readonly string[] = Object.values(REQUEST_BODY_PLACES).flatMap(place =>
    isNoPlace(place) ? [] : [place.path],
);

/** The child places of {@link ARM_TEMPLATE_PLACES}: the child resources of a template site the walker collects. */
export const TEMPLATE_CHILD_PLACES: readonly ChildPlace[] = Object.values(ARM_TEMPLATE_PLACES).flatMap(place =>
    place.child === undefined ? [] : [place.child],
);

/**
 * The full types (lower case, as `comparableType` writes them) of a site's or slot's child resources that may write
 * its baseline settings: `microsoft.web/sites/config`, `microsoft.web/sites/slots/basicpublishingcredentialspolicies`.
 */
export const SITE_CHILD_TYPES: ReadonlySet<string> = new Set(
    [...SITE_TYPES].flatMap(site => TEMPLATE_CHILD_PLACES.map(child => `${site}/${foldCase(child.type)}`)),
);

/**
 * The members of the `properties` of a template site (or of its child resources) that hold the baseline settings,
 * each with the members read below it (none: the member itself is the setting), for the walker's input copy.
 */
export const TEMPLATE_PROPERTIES_READ: ReadonlyMap<string, readonly string[]> = (() => {
    const read = new Map<string, string[]>();
    const paths = [
        ...Object.values(ARM_TEMPLATE_PLACES).flatMap(place => ("path" in place ? [place.path] : [])),
        ...TEMPLATE_CHILD_PLACES.map(child => child.path),
    ];
    for (const [first, member, ...below] of paths.map(path => path.split("."))) {
        if (first === "properties" && member !== undefined) {
            read.set(member, [...(read.get(member) ?? []), ...below]);
        }
    }
    return read;
})();
