// A plain azure-native WebApp written as quick-start programs often are: no client certificates, no HTTPS-only,
// TLS 1.0 still accepted, plain FTP, remote debugging left on, no managed identity and no publishing-credentials
// policies, so Azure's defaults decide the rest. The policy pack blocks it once per rule it breaks, each message
// with the value found, the value required and the fix.
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

export = async () => {
    const group = new resources.ResourceGroup("quickstart");
    const plan = new web.AppServicePlan("quickstart-plan", {
        resourceGroupName: group.name,
        kind: "linux",
        reserved: true,
        sku: { name: "B1", tier: "Basic" },
    });
    const app = new web.WebApp("quickstart-site", {
        resourceGroupName: group.name,
        serverFarmId: plan.id,
        kind: "app,linux",
        siteConfig: {
            linuxFxVersion: "NODE|22-lts",
            minTlsVersion: "1.0",
            ftpsState: "AllAllowed",
            remoteDebuggingEnabled: true,
        },
    });
    return { url: app.defaultHostName.apply(host => `https://${host}`) };
};
