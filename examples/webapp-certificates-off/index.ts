// A plain azure-native WebApp with the App Service baseline but incoming client certificates turned off, as many
// existing programs have: the policy pack blocks it on that one rule and says how to fix it.
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
        identity: { type: web.ManagedServiceIdentityType.SystemAssigned },
        siteConfig: { linuxFxVersion: "NODE|22-lts", minTlsVersion: "1.2", ftpsState: "Disabled" },
    });
    // azure-native keeps basic-auth publishing credentials (FTP and SCM) as resources of their own.
    const publishing = { resourceGroupName: group.name, name: app.name, allow: false };
    new web.WebAppFtpAllowed("legacy-portal-ftp", publishing);
    new web.WebAppScmAllowed("legacy-portal-scm", publishing);
    return { url: app.defaultHostName.apply(host => `https://${host}`) };
};
