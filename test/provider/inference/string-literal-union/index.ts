// The certificate mode written as a string-literal union.
import * as pulumi from "@pulumi/pulumi";

export interface AppArgs {
    clientCertMode?: pulumi.Input<"Required" | "Optional" | "OptionalInteractiveUser">;
}

export class App extends pulumi.ComponentResource {
    constructor(name: string, args: AppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("inference:index:App", name, {}, opts);
    }
}
