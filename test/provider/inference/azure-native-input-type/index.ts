// An argument typed with an azure-native input type, as WebAppArgs.identity is.
import * as pulumi from "@pulumi/pulumi";
import * as azure from "@pulumi/azure-native";

export interface AppArgs {
    identity?: pulumi.Input<azure.types.input.web.ManagedServiceIdentityArgs>;
}

export class App extends pulumi.ComponentResource {
    constructor(name: string, args: AppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("inference:index:App", name, {}, opts);
    }
}
