// `pulumi preview --policy-pack policy-pack` through the real CLI and engine, with the STAND-IN azure-native
// provider in place of Azure: what a user sees when running the pack against the examples.
import * as assert from "assert";
import { EXAMPLES } from "../../examples/programs";
import { OPERATION_TIMEOUT_MS, POLICY, policyDiagnostic, printed, useOfflineEngine } from "./offlineEngineFixture";

describe("pulumi preview --policy-pack policy-pack (real engine, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();

    it("lets the compliant SecureWebApp example through: exit 0, no violation", async () => {
        const stack = await engine().stack("compliant-app", EXAMPLES["compliant-app"].program());
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(outcome.stdout, /azure-secure-webapp@v\d/, "the preview should list the pack it ran");
        assert.doesNotMatch(printed(outcome), new RegExp(POLICY), printed(outcome));
        const checkedSites = engine()
            .requests()
            .filter(r => r.operation === "check" && /web:WebApp(Slot)?$/.test(r.type));
        assert.deepStrictEqual(
            checkedSites.map(r => [r.type, r.inputs.clientCertEnabled, r.inputs.clientCertMode]).sort(),
            [
                ["azure-native:web:WebApp", true, "Required"],
                ["azure-native:web:WebAppSlot", true, "Required"],
            ],
        );
    });

    it("blocks a plain WebApp with certificates off: non-zero exit naming the policy, the resource and the fix", async () => {
        const stack = await engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program());
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, policyDiagnostic("mandatory", "legacy-portal"), output);
        assert.match(output, /clientCertEnabled is false/, "the message should name the property and its value");
        assert.match(output, /Fix: use the SecureWebApp component/, "the message should give the fix");
    });

    it("blocks a WebApp on Azure's defaults once per rule it breaks, each with its value, requirement and fix", async () => {
        const stack = await engine().stack("webapp-azure-defaults", EXAMPLES["webapp-azure-defaults"].program());
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        const diagnostic = (level: string, policy: string) =>
            new RegExp(`\\[${level}\\][^\\n]*  ${policy}  \\(azure-native:web:WebApp: quickstart-site\\)`);
        // One program, every mandatory rule it breaks, each as its own diagnostic with its own finding.
        const expected: [level: string, policy: string, finding: RegExp][] = [
            ["mandatory", POLICY, /clientCertEnabled is not set/],
            ["mandatory", "webapp-https-only", /httpsOnly is not set/],
            ["mandatory", "webapp-minimum-tls-version", /siteConfig\.minTlsVersion is "1\.0"/],
            ["mandatory", "webapp-ftp-deployments-disabled", /siteConfig\.ftpsState is "AllAllowed"/],
            ["mandatory", "webapp-remote-debugging-off", /siteConfig\.remoteDebuggingEnabled is true/],
            ["mandatory", "webapp-basic-auth-publishing-in-stack", /no azure-native:web:WebAppFtpAllowed in the stack/],
            ["advisory", "webapp-managed-identity", /identity is not set/],
            ["advisory", "webapp-authentication-in-stack", /no azure-native:web:WebAppAuthSettingsV2 /],
        ];
        for (const [level, policy, finding] of expected) {
            assert.match(output, diagnostic(level, policy), `${policy} should report quickstart-site\n${output}`);
            assert.match(output, finding, `${policy}'s finding`);
        }
        assert.strictEqual(output.match(/^\s*Fix: /gm)?.length, expected.length, "each diagnostic gives its fix");
        // HTTP/2 is azure-native's default (true): the advisory rule has nothing to say.
        assert.doesNotMatch(output, /webapp-http2/, output);
    });

    it("blocks the ARM template whose site takes clientCertMode Optional from a parameter default", async () => {
        const stack = await engine().stack("arm-template-site", EXAMPLES["arm-template-site"].program());
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), policyDiagnostic("mandatory", "catalog-site"), printed(outcome));
        assert.match(printed(outcome), /clientCertMode is "Optional"/, "the message should give the resolved value");
        // The site holds the App Service baseline, which the pack reads in templates: the certificate rule alone blocks
        // it, and the advisory authentication rule notes that it sets up no identity provider.
        const diagnostics = (level: string) =>
            printed(outcome)
                .match(new RegExp(`\\[${level}\\][^\\n]*\\bwebapp-[a-z0-9-]+`, "g"))
                ?.map(line => line.split(/\s+/).pop());
        assert.deepStrictEqual(diagnostics("mandatory"), [POLICY], printed(outcome));
        assert.deepStrictEqual(diagnostics("advisory"), ["webapp-authentication"], printed(outcome));
    });

    it("only warns at the advisory level set by --policy-pack-config: exit 0, warning shown", async () => {
        const stack = await engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program());
        const outcome = await engine().preview(stack, {
            withPolicyPack: true,
            policyConfig: { [POLICY]: { enforcementLevel: "advisory" } },
        });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), policyDiagnostic("advisory", "legacy-portal"), printed(outcome));
        assert.match(printed(outcome), /clientCertEnabled is false/, printed(outcome));
    });
});
