// SecureWebAppArgs' shape: an interface extending Omit<> of azure-native's WebAppArgs.
import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";

export interface AppArgs extends Omit<web.WebAppArgs, "clientCertMode"> {}

export class App extends pulumi.ComponentResource {
    constructor(name: string, args: AppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("inference:index:App", name, {}, opts);
    }
}
