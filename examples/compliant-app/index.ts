// A web app that requires client certificates, with a staging slot, built with SecureWebApp: the policy
// pack lets it through.
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { SecureWebApp } from "../../components";

export = async () => {
    const group = new resources.ResourceGroup("orders");
    const plan = new web.AppServicePlan("orders-plan", {
        resourceGroupName: group.name,
        kind: "linux",
        reserved: true,
        sku: { name: "P1v3", tier: "PremiumV3" },
    });
    const app = new SecureWebApp("orders-api", {
        resourceGroupName: group.name,
        serverFarmId: plan.id,
        kind: "app,linux",
        siteConfig: { linuxFxVersion: "NODE|22-lts" },
        slots: { staging: {} },
    });
    return { url: app.url, stagingHostName: app.slots.staging.defaultHostName };
};
