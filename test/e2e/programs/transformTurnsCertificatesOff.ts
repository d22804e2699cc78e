// A stack transform that rewrites every WebApp after SecureWebApp has validated its arguments, turning
// client certificates off: the component cannot see it, so only the policy pack can stop it.
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { SecureWebApp } from "../../../components";

export const transformTurnsCertificatesOff: PulumiFn = async () => {
    pulumi.runtime.registerResourceTransform(args =>
        args.type === "azure-native:web:WebApp"
            ? { props: { ...args.props, clientCertEnabled: false }, opts: args.opts }
            : undefined,
    );
    const group = new resources.ResourceGroup("transformed");
    const plan = new web.AppServicePlan("transformed-plan", { resourceGroupName: group.name, sku: { name: "P1v3" } });
    new SecureWebApp("transformed-app", { resourceGroupName: group.name, serverFarmId: plan.id });
};
