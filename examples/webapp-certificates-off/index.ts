// A plain azure-native WebApp with incoming client certificates turned off, as many existing programs have:
// the policy pack blocks it and says how to fix it.
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

export = async () => {
    const group = new resources.ResourceGroup("legacy");
    const plan = new web.AppServicePlan("legacy-plan", {
        resourceGroupName: group.name,
        kind: "linux",
        reserved: true,
        sku: { name: "P1v3", tier: "PremiumV3" },
    });
    const app = new web.WebApp("legacy-portal", {
        resourceGroupName: group.name,
        serverFarmId: plan.id,
        kind: "app,linux",
        httpsOnly: true,
        clientCertEnabled: false,
        siteConfig: { linuxFxVersion: "NODE|20-lts" },
    });
    return { url: app.defaultHostName.apply(host => `https://${host}`) };
};
