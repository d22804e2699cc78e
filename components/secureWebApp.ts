import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { clientCertificateSettings } from "./clientCertificateSettings";
import { requireValidSlotNames } from "./slotNames";

/** Arguments that SecureWebApp validates itself instead of passing them through. */
type CertificateArgNames = "clientCertEnabled" | "clientCertMode" | "clientCertExclusionPaths" | "httpsOnly";

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
 * Arguments of a deployment slot. Slots inherit the app's resource group, location, kind, plan and exclusion
 * paths; anything else a `WebAppSlot` takes can be set per slot here.
 */
export interface SecureWebAppSlotArgs
    extends
        Omit<web.WebAppSlotArgs, "name" | "slot" | "resourceGroupName" | CertificateArgNames>,
        ClientCertificateOptions {}

/**
 * Arguments of SecureWebApp: every `WebAppArgs` property, passed through unchanged, plus the validated
 * certificate settings and slots.
 */
export interface SecureWebAppArgs extends Omit<web.WebAppArgs, CertificateArgNames>, ClientCertificateOptions {
    /**
     * Deployment slots to create, by slot name (2 to 59 letters, digits or hyphens, not "production", unique
     * regardless of case), each with the same certificate settings as the app.
     */
    slots?: Record<string, SecureWebAppSlotArgs>;
}

/**
 * An Azure App Service app (web, API or function app) that requires incoming client certificates, as
 * CIS Microsoft Azure Foundations Benchmark 9.4 asks: `clientCertEnabled: true`, `clientCertMode: "Required"`,
 * `httpsOnly: true`, and only explicitly listed exclusion paths. Arguments that would weaken this are refused.
 */
export class SecureWebApp extends pulumi.ComponentResource {
    /** The App Service app. */
    public readonly webApp: web.WebApp;
    /** The deployment slots, by slot name. */
    public readonly slots: Record<string, web.WebAppSlot>;
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
        const { slots: slotArgs = {}, ...appArgs } = args;
        const appSettings = clientCertificateSettings(name, appArgs);
        requireValidSlotNames(name, Object.keys(slotArgs));
        const slotSettings = Object.entries(slotArgs).map(([slot, rest]) => {
            const settings = clientCertificateSettings(
                name,
                {
                    ...rest,
                    clientCertExclusionPaths: rest.clientCertExclusionPaths ?? appArgs.clientCertExclusionPaths,
                },
                `slots.${slot}.`,
            );
            return { slot, rest, settings };
        });

        super("secure-webapp:index:SecureWebApp", name, {}, opts);

        this.webApp = new web.WebApp(name, { ...appArgs, ...appSettings }, { parent: this });
        this.slots = {};
        for (const { slot, rest, settings } of slotSettings) {
            this.slots[slot] = new web.WebAppSlot(
                `${name}-${slot}`,
                {
                    location: appArgs.location,
                    kind: appArgs.kind,
                    serverFarmId: appArgs.serverFarmId,
                    ...rest,
                    ...settings,
                    resourceGroupName: appArgs.resourceGroupName,
                    name: this.webApp.name,
                    slot,
                },
                { parent: this },
            );
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
