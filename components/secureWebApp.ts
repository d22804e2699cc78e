import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import { clientCertificateSettings } from "./clientCertificateSettings";
import { DEFAULT_IDENTITY, secureSiteConfig } from "./siteSettings";
import { requireValidSlotNames } from "./slotNames";
import { isKnownNow } from "./whenKnown";

/** Arguments that SecureWebApp validates itself instead of passing them through. */
type CertificateArgNames = "clientCertEnabled" | "clientCertMode" | "clientCertExclusionPaths" | "httpsOnly";
/** The site configuration settings of the App Service baseline, which SecureWebApp sets and validates. */
type BaselineSiteConfigNames =
    "minTlsVersion" | "scmMinTlsVersion" | "ftpsState" | "remoteDebuggingEnabled" | "http20Enabled";

/**
 * The site configuration of an app or slot: every azure-native `SiteConfig` setting, passed through unchanged,
 * except the App Service baseline's, whose types admit only their secure values. Each is checked again while the
 * program runs, for untyped callers, other languages and Outputs.
 */
export interface SiteConfigArgs extends Omit<azureInputs.web.SiteConfigArgs, BaselineSiteConfigNames> {
    /**
     * Minimum TLS version of the app (CIS 9.3): "1.2" (the default) or "1.3"; "1.0" and "1.1" are refused, and so
     * is "1.3" with client certificate exclusion paths, which need TLS renegotiation.
     * @stringInSchema other languages keep passing it as a string, as azure-native's SDKs take it
     */
    minTlsVersion?: pulumi.Input<"1.2" | "1.3">;
    /**
     * Minimum TLS version of the app's SCM (Kudu) site (CIS 9.3): "1.2" (the default) or "1.3".
     * @stringInSchema other languages keep passing it as a string, as azure-native's SDKs take it
     */
    scmMinTlsVersion?: pulumi.Input<"1.2" | "1.3">;
    /**
     * FTP deployments (CIS 9.10): "Disabled" (the default) or "FtpsOnly"; "AllAllowed" (plain FTP) is refused.
     * @stringInSchema other languages keep passing it as a string, as azure-native's SDKs take it
     */
    ftpsState?: pulumi.Input<"Disabled" | "FtpsOnly">;
    /** Must be false or absent (the default is false): remote debugging stays off. */
    remoteDebuggingEnabled?: pulumi.Input<false>;
    /**
     * HTTP/2 (CIS 9.9, advisory). Default: true, or false when client certificate exclusion paths are set, since
     * they need TLS renegotiation, which HTTP/2 does not offer; true with exclusion paths is refused. Set false to
     * turn it off.
     */
    http20Enabled?: pulumi.Input<boolean>;
}

/**
 * The certificate settings SecureWebApp validates, for the app and for each slot. Their types admit only the
 * secure value, so TypeScript refuses a weaker one at compile time; the same checks run again while the program
 * runs, for untyped callers, other languages and values known only later (Outputs).
 */
export interface ClientCertificateOptions {
    /** Must be true or absent: SecureWebApp always enables incoming client certificates. */
    clientCertEnabled?: pulumi.Input<true>;
    /** Must be "Required" or absent (the portal's "Require"); "Optional" and "OptionalInteractiveUser" are refused. */
    clientCertMode?: pulumi.Input<"Required">;
    /**
     * Path prefixes reachable without a certificate, such as a health probe (`["/health"]`). Each starts with `/`;
     * `/` itself, wildcards, duplicates and empty entries are refused. Default: none (a slot defaults to the app's).
     */
    clientCertExclusionPaths?: pulumi.Input<pulumi.Input<string>[]>;
    /** Must be true or absent (the default is true): client certificates only travel over HTTPS. */
    httpsOnly?: pulumi.Input<true>;
}

/**
 * App Service authentication (CIS 9.1), as azure-native's `WebAppAuthSettingsV2` takes it, without the site it
 * belongs to: SecureWebApp creates it for the app (or slot) with the identity provider the program names.
 */
export interface AuthSettingsArgs extends Omit<
    web.WebAppAuthSettingsV2Args,
    "name" | "resourceGroupName" | "kind" | "platform"
> {
    /** Whether authentication is on, and its runtime version: `enabled` defaults to true here (in Azure, to false). */
    platform?: pulumi.Input<azureInputs.web.AuthPlatformArgs>;
}

/**
 * Arguments of a deployment slot. Slots inherit the app's resource group, location, kind, plan and exclusion
 * paths; anything else a `WebAppSlot` takes can be set per slot here.
 */
export interface SecureWebAppSlotArgs
    extends
        Omit<web.WebAppSlotArgs, "name" | "slot" | "resourceGroupName" | "siteConfig" | CertificateArgNames>,
        ClientCertificateOptions {
    /** The slot's site configuration, with the App Service baseline's settings set as for the app. */
    siteConfig?: pulumi.Input<SiteConfigArgs>;
    /**
     * The slot's App Service authentication (CIS 9.1, advisory). Default: none; a slot does not inherit the app's,
     * since its sign-in redirects go to its own host name.
     */
    authSettings?: pulumi.Input<AuthSettingsArgs>;
}

/**
 * Arguments of SecureWebApp: every `WebAppArgs` property, passed through unchanged, plus the validated
 * certificate settings and slots.
 */
export interface SecureWebAppArgs
    extends Omit<web.WebAppArgs, "siteConfig" | CertificateArgNames>, ClientCertificateOptions {
    /**
     * The app's site configuration. SecureWebApp sets minimum TLS 1.2 for the app and its SCM site, FTP disabled,
     * remote debugging off and HTTP/2 on (off with exclusion paths), and refuses weaker values.
     */
    siteConfig?: pulumi.Input<SiteConfigArgs>;
    /**
     * App Service authentication (CIS 9.1, advisory) with the identity provider the program names, e.g. Microsoft
     * Entra ID's `identityProviders.azureActiveDirectory`; `platform.enabled` defaults to true. Default: none, since
     * only the program knows its identity provider.
     */
    authSettings?: pulumi.Input<AuthSettingsArgs>;
    /**
     * Deployment slots to create, by slot name (2 to 59 letters, digits or hyphens, not "production", unique
     * regardless of case), each with the same certificate settings as the app.
     */
    slots?: Record<string, SecureWebAppSlotArgs>;
}

/**
 * An Azure App Service app (web, API or function app) that requires incoming client certificates, as
 * CIS Microsoft Azure Foundations Benchmark 9.4 asks: `clientCertEnabled: true`, `clientCertMode: "Required"`,
 * `httpsOnly: true`, and only explicitly listed exclusion paths; and that holds the rest of the benchmark's App
 * Service baseline: minimum TLS 1.2, FTP disabled, remote debugging off, basic-auth publishing credentials
 * (FTP and SCM) refused, a managed identity and HTTP/2 unless turned off. Arguments that would weaken a mandatory
 * setting are refused.
 */
export class SecureWebApp extends pulumi.ComponentResource {
    /** The App Service app. */
    public readonly webApp: web.WebApp;
    /** The deployment slots, by slot name. */
    public readonly slots: Record<string, web.WebAppSlot>;
    /** The app's basic-auth publishing credentials policies, FTP and SCM, both set to refuse basic authentication. */
    public readonly publishingCredentialsPolicies: { ftp: web.WebAppFtpAllowed; scm: web.WebAppScmAllowed };
    /** Each slot's basic-auth publishing credentials policies, by slot name. */
    public readonly slotPublishingCredentialsPolicies: Record<
        string,
        { ftp: web.WebAppFtpAllowedSlot; scm: web.WebAppScmAllowedSlot }
    >;
    /** The app's authentication settings, when the program gave `authSettings`. */
    public readonly authSettings?: web.WebAppAuthSettingsV2;
    /** Each slot's authentication settings, by slot name, for the slots given `authSettings`. */
    public readonly slotAuthSettings: Record<string, web.WebAppAuthSettingsV2Slot>;
    /** The app's Azure resource ID. */
    public readonly id: pulumi.Output<string>;
    /**
     * The app's Azure resource ID, as `id`. For YAML programs, where `${app.id}` is the component's own ID, which
     * is empty as for every component.
     */
    public readonly resourceId: pulumi.Output<string>;
    /** The app's Azure name. */
    public readonly name: pulumi.Output<string>;
    /** The app's default host name, e.g. `myapp.azurewebsites.net`. */
    public readonly defaultHostName: pulumi.Output<string>;
    /** The HTTPS address of the app. */
    public readonly url: pulumi.Output<string>;
    /** The outbound IP addresses of the app, comma-separated. */
    public readonly outboundIpAddresses: pulumi.Output<string>;
    /** The default host name of each deployment slot, by slot name, e.g. `{ staging: "myapp-staging.azurewebsites.net" }`. */
    public readonly slotHostNames: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: SecureWebAppArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before anything is registered, so a refused argument leaves nothing behind.
        const { slots: slotArgs = {}, siteConfig, identity, authSettings, ...appArgs } = args;
        const appSettings = clientCertificateSettings(name, appArgs);
        const appSiteConfig = secureSiteConfig(name, siteConfig, renegotiates(appSettings.clientCertExclusionPaths));
        requireValidSlotNames(name, Object.keys(slotArgs));
        const slotSettings = Object.entries(slotArgs).map(([slot, slotArgsOfOne]) => {
            const {
                siteConfig: slotSiteConfig,
                identity: slotIdentity,
                authSettings: slotAuthSettings,
                ...rest
            } = slotArgsOfOne;
            const prefix = `slots.${slot}.`;
            const settings = clientCertificateSettings(
                name,
                {
                    ...rest,
                    clientCertExclusionPaths: rest.clientCertExclusionPaths ?? appArgs.clientCertExclusionPaths,
                },
                prefix,
            );
            const config = secureSiteConfig(
                name,
                slotSiteConfig,
                renegotiates(settings.clientCertExclusionPaths),
                prefix,
            );
            return {
                slot,
                rest,
                settings,
                siteConfig: config,
                identity: slotIdentity ?? DEFAULT_IDENTITY,
                authSettings: slotAuthSettings,
            };
        });

        super("secure-webapp:index:SecureWebApp", name, {}, opts);

        this.webApp = new web.WebApp(
            name,
            { ...appArgs, ...appSettings, siteConfig: appSiteConfig, identity: identity ?? DEFAULT_IDENTITY },
            { parent: this },
        );
        // Basic authentication for FTP and for SCM (Kudu, zip deploy) is refused: deployments authenticate with
        // Microsoft Entra ID instead. Azure keeps these as child resources of the site, not as site settings.
        const ofApp = { resourceGroupName: appArgs.resourceGroupName, name: this.webApp.name };
        const site = { ...ofApp, allow: false };
        this.publishingCredentialsPolicies = {
            ftp: new web.WebAppFtpAllowed(`${name}-ftp`, site, { parent: this }),
            scm: new web.WebAppScmAllowed(`${name}-scm`, site, { parent: this }),
        };
        if (authSettings !== undefined) {
            this.authSettings = new web.WebAppAuthSettingsV2(
                `${name}-auth`,
                { ...ofApp, ...authSettingsArgs(authSettings) },
                { parent: this },
            );
        }
        this.slots = {};
        this.slotPublishingCredentialsPolicies = {};
        this.slotAuthSettings = {};
        for (const {
            slot,
            rest,
            settings,
            siteConfig: slotSiteConfig,
            identity: slotIdentity,
            authSettings: slotAuthSettings,
        } of slotSettings) {
            const resource = new web.WebAppSlot(
                `${name}-${slot}`,
                {
                    location: appArgs.location,
                    kind: appArgs.kind,
                    serverFarmId: appArgs.serverFarmId,
                    ...rest,
                    ...settings,
                    siteConfig: slotSiteConfig,
                    identity: slotIdentity,
                    resourceGroupName: appArgs.resourceGroupName,
                    name: this.webApp.name,
                    slot,
                },
                { parent: this },
            );
            this.slots[slot] = resource;
            const ofSlot = { parent: this, dependsOn: [resource] };
            this.slotPublishingCredentialsPolicies[slot] = {
                ftp: new web.WebAppFtpAllowedSlot(`${name}-${slot}-ftp`, { ...site, slot }, ofSlot),
                scm: new web.WebAppScmAllowedSlot(`${name}-${slot}-scm`, { ...site, slot }, ofSlot),
            };
            if (slotAuthSettings !== undefined) {
                this.slotAuthSettings[slot] = new web.WebAppAuthSettingsV2Slot(
                    `${name}-${slot}-auth`,
                    { ...ofApp, slot, ...authSettingsArgs(slotAuthSettings) },
                    ofSlot,
                );
            }
        }

        this.id = this.webApp.id;
        this.resourceId = this.webApp.id;
        this.name = this.webApp.name;
        this.defaultHostName = this.webApp.defaultHostName;
        this.url = pulumi.interpolate`https://${this.webApp.defaultHostName}`;
        this.outboundIpAddresses = this.webApp.outboundIpAddresses;
        this.slotHostNames = pulumi.output(
            Object.fromEntries(Object.entries(this.slots).map(([slot, resource]) => [slot, resource.defaultHostName])),
        );

        this.registerOutputs({
            id: this.id,
            resourceId: this.resourceId,
            name: this.name,
            defaultHostName: this.defaultHostName,
            url: this.url,
            outboundIpAddresses: this.outboundIpAddresses,
            slotHostNames: this.slotHostNames,
        });
    }
}

/** Whether validated exclusion paths make App Service renegotiate TLS to ask for the certificate. */
function renegotiates(exclusionPaths: pulumi.Input<string> | undefined): pulumi.Input<boolean> {
    if (exclusionPaths === undefined) {
        return false;
    }
    return isKnownNow(exclusionPaths)
        ? exclusionPaths !== ""
        : pulumi.output(exclusionPaths).apply(paths => paths !== "");
}

/**
 * The authentication settings as azure-native takes them, with authentication turned on unless the program turns
 * it off (`platform.enabled` is false in Azure when left out). Read field by field, as the whole may be an Output.
 */
function authSettingsArgs(given: pulumi.Input<AuthSettingsArgs>) {
    const auth = pulumi.output(given);
    return {
        globalValidation: auth.globalValidation,
        httpSettings: auth.httpSettings,
        identityProviders: auth.identityProviders,
        login: auth.login,
        platform: auth.apply(({ platform }) => ({ enabled: true, ...platform })),
    };
}
