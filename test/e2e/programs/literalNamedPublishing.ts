// An app and a slot that hold the App Service baseline, with their publishing-credentials policies written by
// separate resources that name them with literal names, not wired to the app's outputs: the stack policy can only
// match them by the names their outputs give, which after the update are Azure's ids, not the inputs.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

export const literalNamedPublishing: PulumiFn = async () => {
    const group = new resources.ResourceGroup("shop", { resourceGroupName: "shop-rg" });
    const plan = new web.AppServicePlan(
        "shop-plan",
        { resourceGroupName: "shop-rg", sku: { name: "P1v3" } },
        {
            dependsOn: [group],
        },
    );
    const settings = {
        resourceGroupName: "shop-rg",
        name: "shop-web",
        serverFarmId: plan.id,
        httpsOnly: true,
        clientCertEnabled: true,
        clientCertMode: web.ClientCertMode.Required,
        identity: { type: web.ManagedServiceIdentityType.SystemAssigned },
        siteConfig: { minTlsVersion: "1.2", scmMinTlsVersion: "1.2", ftpsState: "Disabled", http20Enabled: true },
    };
    const app = new web.WebApp("shop-web", settings);
    const slot = new web.WebAppSlot("shop-web-staging", { ...settings, slot: "staging" }, { dependsOn: [app] });
    const site = { resourceGroupName: "shop-rg", name: "shop-web", allow: false };
    new web.WebAppFtpAllowed("shop-web-ftp", site, { dependsOn: [app] });
    new web.WebAppScmAllowed("shop-web-scm", site, { dependsOn: [app] });
    new web.WebAppFtpAllowedSlot("shop-web-staging-ftp", { ...site, slot: "staging" }, { dependsOn: [slot] });
    new web.WebAppScmAllowedSlot("shop-web-staging-scm", { ...site, slot: "staging" }, { dependsOn: [slot] });
};
