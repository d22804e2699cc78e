// A WebApp whose clientCertMode is only known once another resource exists: it is derived from the
// resource group's id, which Azure assigns at creation. Preview cannot see the value; `pulumi up` can.
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
        new web.WebApp("late-bound-app", {
            resourceGroupName: group.name,
            serverFarmId: plan.id,
            httpsOnly: true,
            clientCertEnabled: true,
            clientCertMode: group.id.apply(() => mode),
        });
    };
}
