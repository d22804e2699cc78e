// The runnable examples, by folder name, as program functions: examples/Pulumi.yaml runs one of them, and
// the demo, the end-to-end tests and the benchmark hand them to the engine as Automation API inline programs.
import type { PulumiFn } from "@pulumi/pulumi/automation";

export interface Example {
    /** What the program deploys, in one line. */
    readonly description: string;
    /** Whether the policy pack should let it through. */
    readonly compliant: boolean;
    /** The program itself (loaded on first use: azure-native modules are large). */
    readonly program: () => PulumiFn;
}

export const EXAMPLES = {
    "compliant-app": {
        description: "SecureWebApp: a web app and its staging slot that require client certificates",
        compliant: true,
        program: () => require("./compliant-app") as PulumiFn,
    },
    "webapp-certificates-off": {
        description: "a plain azure-native WebApp with clientCertEnabled: false",
        compliant: false,
        program: () => require("./webapp-certificates-off") as PulumiFn,
    },
    "webapp-azure-defaults": {
        description:
            "a plain azure-native WebApp on Azure's defaults: no client certificates, HTTPS-only, managed identity or " +
            "publishing-credentials policies; TLS 1.0, plain FTP and remote debugging on",
        compliant: false,
        program: () => require("./webapp-azure-defaults") as PulumiFn,
    },
    "arm-template-site": {
        description: "an ARM template (resources:Deployment) whose Microsoft.Web/sites has clientCertMode Optional",
        compliant: false,
        program: () => require("./arm-template-site") as PulumiFn,
    },
} satisfies Record<string, Example>;

export type ExampleName = keyof typeof EXAMPLES;
