// The YAML programs in examples/ run as a user runs them: `pulumi preview --policy-pack ...` (and `pulumi up`)
// as a subprocess in each example's folder, through the real CLI, the YAML language host, the SecureWebApp
// component started as a provider plugin, the policy pack, and the STAND-IN azure-native provider.
import * as assert from "assert";
import * as path from "path";
import { YAML_EXAMPLES, YamlExample, YamlExampleName } from "../../examples/yamlExamples";
import { REPO_ROOT } from "../../tools/engine/cli";
import { OPERATION_TIMEOUT_MS, POLICY, policyDiagnostic, printed, useOfflineEngine } from "./offlineEngineFixture";

const exampleDir = (name: string) => path.join(REPO_ROOT, "examples", name);

describe("YAML programs through the pulumi CLI (real engine, YAML language host, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine({ yaml: true });
    const sites = (operation: string) =>
        engine()
            .requests()
            .filter(r => r.operation === operation && /web:WebApp(Slot)?$/.test(r.type));

    /** `pulumi <command> --policy-pack <pack>` in the example's folder, with the example's policy config if any. */
    const runWithPack = (command: "preview" | "up", example: YamlExampleName) =>
        engine().runProject(command, exampleDir(example), {
            withPolicyPack: true,
            policyPackConfig: (YAML_EXAMPLES[example] as YamlExample).policyPackConfig,
        });

    beforeEach(() => engine().clearRequests());

    it("lets the compliant SecureWebApp program through pulumi preview: exit 0, the pack ran, only the authentication advisory: HTTP/2 is not asked for under its exclusion path", async () => {
        const outcome = await runWithPack("preview", "yaml-compliant-app");

        const output = printed(outcome);
        assert.strictEqual(outcome.exitCode, 0, output);
        assert.match(
            output,
            /using pulumi-language-yaml from \$PATH/,
            "the program should have run through the YAML host",
        );
        assert.match(outcome.stdout, /azure-secure-webapp@v\d/, "the preview should list the pack it ran");
        assert.doesNotMatch(output, new RegExp(POLICY), output);
        // SecureWebApp turns HTTP/2 off for the /health exclusion path, which mutual TLS needs renegotiation for, and
        // webapp-http2 does not ask for HTTP/2 there (policy-pack/README.md, "Mutual TLS with HTTP/2 or TLS 1.3"). It
        // sets up no authentication unless given an identity provider, which the advisory authentication rule reports.
        assert.deepStrictEqual(
            [...outcome.stdout.matchAll(/- \[(\w+)\] \[severity: \w+\]\s+(\S+)\s+\(([^)]*)\)/g)].map(m => m.slice(1)),
            [
                ["advisory", "webapp-authentication-in-stack", "azure-native:web:WebApp: orders-api"],
                ["advisory", "webapp-authentication-in-stack", "azure-native:web:WebAppSlot: orders-api-staging"],
            ],
            output,
        );
        assert.deepStrictEqual(
            sites("check")
                .map(r => [r.type, r.name, r.inputs.clientCertEnabled, r.inputs.clientCertMode])
                .sort(),
            [
                ["azure-native:web:WebApp", "orders-api", true, "Required"],
                ["azure-native:web:WebAppSlot", "orders-api-staging", true, "Required"],
            ],
        );
    });

    it("deploys the compliant SecureWebApp program with pulumi up: the stand-in Azure receives the app and its slot requiring certificates, /health excluded", async () => {
        const outcome = await runWithPack("up", "yaml-compliant-app");

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.deepStrictEqual(
            sites("create")
                .map(r => [
                    r.type,
                    r.inputs.clientCertEnabled,
                    r.inputs.clientCertMode,
                    r.inputs.httpsOnly,
                    r.inputs.clientCertExclusionPaths,
                ])
                .sort(),
            [
                ["azure-native:web:WebApp", true, "Required", true, "/health"],
                ["azure-native:web:WebAppSlot", true, "Required", true, "/health"],
            ],
        );
        assert.deepStrictEqual(
            sites("create").map(r => {
                const siteConfig = r.inputs.siteConfig as Record<string, unknown>;
                return [siteConfig.minTlsVersion, siteConfig.ftpsState, siteConfig.http20Enabled];
            }),
            [
                ["1.2", "Disabled", false],
                ["1.2", "Disabled", false],
            ],
            "the App Service baseline from YAML too, HTTP/2 off for the /health exclusion path",
        );
        assert.deepStrictEqual(
            engine()
                .requests()
                .filter(
                    r => r.operation === "create" && /^azure-native:web:WebApp(Ftp|Scm)Allowed(Slot)?$/.test(r.type),
                )
                .map(r => [r.type, r.inputs.allow])
                .sort(),
            [
                ["azure-native:web:WebAppFtpAllowed", false],
                ["azure-native:web:WebAppFtpAllowedSlot", false],
                ["azure-native:web:WebAppScmAllowed", false],
                ["azure-native:web:WebAppScmAllowedSlot", false],
            ],
            "basic-auth publishing refused for the app and its slot",
        );
        assert.match(outcome.stdout, /url\s*:\s*"https:\/\/orders-api\w+\.azurewebsites\.net"/, outcome.stdout);
        assert.match(
            outcome.stdout,
            /stagingHostName\s*:\s*"orders-api\w+-staging\.azurewebsites\.net"/,
            outcome.stdout,
        );
    });

    it("refuses clientCertMode Optional given to SecureWebApp from YAML before the component runs: the schema's enum allows only Required, and nothing reaches the provider", async () => {
        const outcome = await runWithPack("preview", "yaml-client-cert-optional");

        // eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour code
        const output = printed(outcome).replace(/\x1b\[[0-9;]*m/g, ""); // the YAML host colours its own errors
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, /secure-webapp:index:SecureWebApp is not assignable from/, output);
        assert.match(output, /22:\s+clientCertMode: Optional/, "the error should show the line and the value");
        assert.match(
            output,
            /clientCertMode: Cannot assign type 'string' to type 'secure-webapp:index:ClientCertMode':\s+Allowed values are Required \("Required"\)/,
            output,
        );
        assert.deepStrictEqual(sites("check"), [], "no WebApp should have reached the stand-in");
    });

    it("blocks a plain azure-native:web:WebApp with certificates off: non-zero exit, the pack's diagnostic and fix", async () => {
        const outcome = await runWithPack("preview", "yaml-webapp-certificates-off");

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(
            output,
            /using pulumi-language-yaml from \$PATH/,
            "the program should have run through the YAML host",
        );
        assert.match(output, policyDiagnostic("mandatory", "legacy-portal"), output);
        assert.match(output, /clientCertEnabled is false/, output);
        assert.match(output, /Fix: use the SecureWebApp component/, output);
        // The program holds the App Service baseline: the client-certificate rule is the one that blocks it.
        assert.doesNotMatch(
            output,
            /\[mandatory\] \[severity: \w+\]\s+(?!webapp-require-client-certificates\s)\S+/,
            output,
        );
        assert.deepStrictEqual(sites("create"), [], "a preview creates nothing");
        assert.strictEqual(
            sites("check")[0]?.inputs.clientCertEnabled,
            false,
            "the YAML program's value should have reached the engine",
        );
    });
});
