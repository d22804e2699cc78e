// ClientCertificateOptions.clientCertMode's type: azure-native's ClientCertMode enum.
import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";

export interface AppArgs {
    clientCertMode?: pulumi.Input<web.ClientCertMode>;
}

export class App extends pulumi.ComponentResource {
    constructor(name: string, args: AppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("inference:index:App", name, {}, opts);
    }
}
