// The Pulumi YAML programs in examples/, by folder name. Each runs as a user runs it, `pulumi preview` in its
// own folder, through the YAML language host: the demo and the end-to-end tests list them from here.

export interface YamlExample {
    /** What the program deploys, in one line. */
    readonly description: string;
    /** Whether `pulumi preview --policy-pack ...` should pass. */
    readonly compliant: boolean;
    /** A `--policy-pack-config` file in the example's folder, when the program needs one. */
    readonly policyPackConfig?: string;
}

export const YAML_EXAMPLES = {
    "yaml-compliant-app": {
        description: "SecureWebApp from YAML: a web app and its staging slot requiring certificates, /health excluded",
        compliant: true,
        policyPackConfig: "policy-config.json",
    },
    "yaml-client-cert-optional": {
        description: "SecureWebApp from YAML given clientCertMode: Optional, which the schema's enum refuses",
        compliant: false,
    },
    "yaml-webapp-certificates-off": {
        description: "a plain azure-native:web:WebApp from YAML with clientCertEnabled: false",
        compliant: false,
    },
} satisfies Record<string, YamlExample>;

export type YamlExampleName = keyof typeof YAML_EXAMPLES;
