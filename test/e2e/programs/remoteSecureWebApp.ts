// A program that uses SecureWebApp the way a Python, Go, C#, Java or YAML program does: as a remote component,
// by type token, so the engine starts the secure-webapp component provider and calls its Construct. The class
// below is what Pulumi's Node.js SDK generator writes for a component from the schema; only the engine and
// the provider plugin know SecureWebApp.
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

class RemoteSecureWebApp extends pulumi.ComponentResource {
    declare readonly url: pulumi.Output<string>;
    declare readonly slotHostNames: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: pulumi.Inputs, opts?: pulumi.ComponentResourceOptions) {
        // Outputs are registered as undefined inputs, so the engine's answer fills them in.
        super(
            "secure-webapp:index:SecureWebApp",
            name,
            { ...args, url: undefined, slotHostNames: undefined },
            opts,
            true,
        );
    }
}

/** A resource group, a plan and a SecureWebApp given `appArgs` (over a compliant app with a `staging` slot). */
export function remoteSecureWebApp(appArgs: Record<string, unknown> = {}): PulumiFn {
    return async () => {
        const group = new resources.ResourceGroup("remote");
        const plan = new web.AppServicePlan("remote-plan", { resourceGroupName: group.name, sku: { name: "P1v3" } });
        const app = new RemoteSecureWebApp("remote-app", {
            resourceGroupName: group.name,
            serverFarmId: plan.id,
            kind: "app,linux",
            siteConfig: { linuxFxVersion: "NODE|22-lts", appSettings: [{ name: "MODE", value: "remote" }] },
            clientCertExclusionPaths: ["/health"],
            slots: { staging: {} },
            ...appArgs,
        });
        return { url: app.url, slotHostNames: app.slotHostNames };
    };
}
