// A WebApp whose clientCertMode is only known once another resource exists: it is derived from the
// resource group's id, which Azure assigns at creation. Preview cannot see the value; `pulumi up` can. The app
// holds the App Service baseline, so the client-certificate rule alone decides.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

export function certModeKnownAfterCreate(mode: web.ClientCertMode): PulumiFn {
    return async () => {
        const group = new resources.ResourceGroup("late-bound");
        const plan = new web.AppServicePlan("late-bound-plan", {
            resourceGroupName: group.name,
            sku: { name: "P1v3" },
        });
        const app = new web.WebApp("late-bound-app", {
            resourceGroupName: group.name,
            serverFarmId: plan.id,
            httpsOnly: true,
            clientCertEnabled: true,
            clientCertMode: group.id.apply(() => mode),
            identity: { type: web.ManagedServiceIdentityType.SystemAssigned },
            siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" },
        });
        const publishing = { resourceGroupName: group.name, name: app.name, allow: false };
        new web.WebAppFtpAllowed("late-bound-app-ftp", publishing);
        new web.WebAppScmAllowed("late-bound-app-scm", publishing);
    };
}
