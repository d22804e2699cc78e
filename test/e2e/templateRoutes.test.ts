// `pulumi preview --policy-pack` through the real CLI and engine (stand-in Azure) for sites declared without an
// App Service type: the generic Resource and a nested ARM deployment are blocked; a computed compliant template passes
// the client-certificate rule and the App Service baseline; a template that only configures a site deployed elsewhere
// is judged on what it writes; a generic Resource site keyed in another letter case is judged as Azure reads it.
import * as assert from "assert";
import { OPERATION_TIMEOUT_MS, POLICY, policyDiagnostic, printed, useOfflineEngine } from "./offlineEngineFixture";
import {
    caseVariantGenericSites,
    compliantTemplateWithIf,
    existingSiteConfigs,
    sitesOutsideWebApp,
} from "./programs/templateRoutes";

describe("pulumi preview with the pack: sites outside WebApp (real engine, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();

    it("blocks a site declared as a generic Resource and one inside a nested deployment, quoting each property path", async () => {
        const stack = await engine().stack("sites-outside-webapp", sitesOutsideWebApp);
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, policyDiagnostic("mandatory", "generic-site"), output);
        assert.match(output, /properties.clientCertEnabled is false/, output);
        assert.match(output, policyDiagnostic("mandatory", "nested-site"), output);
        assert.match(
            output,
            /properties.template.resources\[0\].properties.template.resources\[0\].properties.clientCertMode is "Optional"/,
            output,
        );
    });

    it("lets a compliant template through whose settings are computed with variables and if()", async () => {
        const stack = await engine().stack("computed-template", compliantTemplateWithIf);
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.strictEqual(outcome.exitCode, 0, output);
        assert.doesNotMatch(output, new RegExp(`\\[(mandatory|advisory|remediate)\\][^\\n]*${POLICY}`), output);
        // The baseline rules read the site's settings and its publishing credentials policies: nothing is left unread,
        // and the only finding is the advisory authentication rule's (the template sets up no identity provider).
        assert.doesNotMatch(output, /\[(mandatory|advisory)\][^\n]*webapp-(?!authentication )/, output);
        assert.match(output, /\[advisory\][^\n]*webapp-authentication [^\n]*computed-site/, output);
        assert.doesNotMatch(output, /Not read:/, output);
        const checked = engine()
            .requests()
            .find(r => r.operation === "check" && r.type === "azure-native:resources:Deployment");
        assert.ok(checked, "the deployment should have reached the engine and the stand-in");
    });

    it("blocks a template that lowers an existing site's TLS version in its web config, and passes a secure one", async () => {
        const stack = await engine().stack("existing-site-configs", existingSiteConfigs);
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, /\[mandatory\][^\n]*webapp-minimum-tls-version[^\n]*insecure-config/, output);
        assert.match(output, /properties\.template\.resources\[0\]\.properties\.minTlsVersion is "1\.0"/, output);
        assert.doesNotMatch(output, /\[(mandatory|advisory)\][^\n]*tls12-config/, output);
    });

    it("blocks generic Resource sites whose insecure settings are keyed in another letter case, naming each property", async () => {
        const stack = await engine().stack("case-variant-generic-sites", caseVariantGenericSites);
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, /\[mandatory\][^\n]*webapp-minimum-tls-version[^\n]*tls-case-variant/, output);
        assert.match(output, /properties\.siteConfig\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"/, output);
        assert.match(output, policyDiagnostic("mandatory", "certificates-case-variant"), output);
        assert.match(output, /properties\.clientCertEnabled is false/, output);
        // The certificates keyed ClientCertEnabled and CLIENTCERTMODE are read as Azure reads them: no false positive.
        assert.doesNotMatch(output, policyDiagnostic("mandatory", "tls-case-variant"), output);
        assert.doesNotMatch(
            output,
            /\[mandatory\][^\n]*webapp-minimum-tls-version[^\n]*certificates-case-variant/,
            output,
        );
    });
});
