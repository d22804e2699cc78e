// The baseline rules through the compiled pack, as the engine drives it: each rule answers as its own policy, with
// its own level and severity, beside the client-certificate rule, and the exemptions policy names each rule's
// exemptions.
import * as assert from "assert";
import { RunningPolicyPack } from "../../tools/engine/policyPackServer";
import { sharedPolicyPack } from "./sharedPack";
import { parseNotice } from "../../policy-pack/notices";

const webApp = "azure-native:web:WebApp";

/** An app that meets every rule whose settings are on the app. */
const compliant = {
    kind: "app",
    clientCertEnabled: true,
    clientCertMode: "Required",
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    siteConfig: { ftpsState: "Disabled", minTlsVersion: "1.2", http20Enabled: true },
};

describe("the baseline rules over the engine's Analyzer protocol", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;

    before(async () => {
        pack = await sharedPolicyPack();
    });

    it("passes an azure-native app that meets every rule under every policy", async () => {
        await pack.configure({});
        const { diagnostics } = await pack.analyze({ type: webApp, name: "app", properties: compliant });
        assert.deepStrictEqual(diagnostics, []);
    });

    it("reports each failing rule as its own policy, at its own level, on one app failing several at once", async () => {
        await pack.configure({});
        const { diagnostics } = await pack.analyze({
            type: webApp,
            name: "app",
            properties: {
                kind: "app",
                clientCertEnabled: true,
                clientCertMode: "Required",
                siteConfig: {
                    minTlsVersion: "1.0",
                    ftpsState: "AllAllowed",
                    remoteDebuggingEnabled: true,
                    http20Enabled: false,
                },
            },
        });
        assert.deepStrictEqual(
            diagnostics.map(d => [d.policyName, d.enforcementLevel, d.severity]),
            [
                ["webapp-https-only", "mandatory", "high"],
                ["webapp-minimum-tls-version", "mandatory", "high"],
                ["webapp-ftp-deployments-disabled", "mandatory", "high"],
                ["webapp-remote-debugging-off", "mandatory", "high"],
                ["webapp-managed-identity", "advisory", "medium"],
                ["webapp-http2", "advisory", "low"],
            ],
        );
        assert.match(diagnostics[1].message, /siteConfig\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"/);
    });

    it("turns public network access on from the config, and takes each rule's level from it", async () => {
        await pack.configure({
            "webapp-public-network-access-disabled": { enforcementLevel: "mandatory" },
            "webapp-https-only": { enforcementLevel: "advisory" },
        });
        const { diagnostics } = await pack.analyze({
            type: webApp,
            name: "app",
            properties: { ...compliant, httpsOnly: false },
        });
        assert.deepStrictEqual(
            diagnostics.map(d => [d.policyName, d.enforcementLevel]),
            [
                ["webapp-https-only", "advisory"],
                ["webapp-public-network-access-disabled", "mandatory"],
            ],
        );
    });

    it("names a baseline rule's exemption in the exemptions policy's notice, leaving the other rules on", async () => {
        await pack.configure({
            "webapp-ftp-deployments-disabled": {
                exemptions: [{ resource: "app", type: webApp, reason: "SEC-7 FTP client migration" }],
            },
        });
        const { diagnostics } = await pack.analyze({
            type: webApp,
            name: "app",
            properties: { ...compliant, httpsOnly: false, siteConfig: { ftpsState: "AllAllowed" } },
        });
        assert.deepStrictEqual(
            diagnostics.map(d => d.policyName),
            ["webapp-https-only", "webapp-client-certificate-exemptions"],
        );
        assert.deepStrictEqual(parseNotice(diagnostics[1].message), {
            notice: "exempt",
            type: webApp,
            name: "app",
            index: 0,
            reason: "SEC-7 FTP client migration",
            policy: "webapp-ftp-deployments-disabled",
        });
    });

    it("judges a template site's baseline settings, with its publishing credentials policies and authentication config, and no notice", async () => {
        await pack.configure({});
        const policy = (name: string) => ({
            type: "basicPublishingCredentialsPolicies",
            apiVersion: "2024-04-01",
            name,
            properties: { allow: false },
        });
        const site = {
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: "web",
            identity: { type: "SystemAssigned" },
            properties: {
                clientCertEnabled: true,
                clientCertMode: "Required",
                httpsOnly: false,
                siteConfig: { ftpsState: "Disabled", http20Enabled: true },
            },
            resources: [
                policy("ftp"),
                policy("scm"),
                {
                    type: "config",
                    apiVersion: "2024-04-01",
                    name: "authsettingsV2",
                    properties: { platform: { enabled: true } },
                },
            ],
        };
        const { diagnostics } = await pack.analyze({
            type: "azure-native:resources:Deployment",
            name: "avm",
            properties: { properties: { mode: "Incremental", template: { resources: [site] } } },
        });
        assert.deepStrictEqual(
            diagnostics.map(d => [d.policyName, d.enforcementLevel]),
            [["webapp-https-only", "mandatory"]],
        );
        assert.match(
            diagnostics[0].message,
            /properties\.template\.resources\[0\]\.properties\.httpsOnly is false; required: true\./,
        );
    });

    it("judges a generic Resource's site and leaves its free-form properties as written at the remediate level", async () => {
        await pack.configure({ "webapp-https-only": { enforcementLevel: "remediate" } });
        const generic = {
            type: "azure-native:resources:Resource",
            name: "generic",
            properties: {
                resourceGroupName: "rg",
                resourceProviderNamespace: "Microsoft.Web",
                parentResourcePath: "",
                resourceType: "sites",
                resourceName: "web",
                apiVersion: "2024-04-01",
                identity: { type: "SystemAssigned" },
                properties: { clientCertEnabled: true, clientCertMode: "Required", httpsOnly: false },
            },
        };
        const { remediations } = await pack.remediate(generic);
        assert.deepStrictEqual(
            remediations.filter(r => r.properties !== undefined),
            [],
        );
        const { diagnostics } = await pack.analyze(generic);
        assert.deepStrictEqual(
            diagnostics.map(d => [d.policyName, d.enforcementLevel]),
            // Still failing after remediation; its unset siteConfig is its rules' stack parts' to judge, not a notice's.
            [["webapp-https-only", "mandatory"]],
        );
        assert.match(diagnostics[0].message, /- properties\.httpsOnly is false; required: true\./);
    });

    it("remediates each rule's setting at the remediate level, keeping the program's other inputs", async () => {
        await pack.configure({
            "webapp-ftp-deployments-disabled": { enforcementLevel: "remediate" },
            "webapp-https-only": { enforcementLevel: "remediate" },
        });
        const { remediations } = await pack.remediate({
            type: webApp,
            name: "app",
            properties: { ...compliant, httpsOnly: false, siteConfig: { ftpsState: "AllAllowed", alwaysOn: true } },
        });
        assert.deepStrictEqual(
            remediations.map(r => r.policyName),
            ["webapp-https-only", "webapp-ftp-deployments-disabled"],
        );
        const last = remediations[remediations.length - 1].properties as Record<string, any>;
        assert.strictEqual(last.httpsOnly, true);
        assert.deepStrictEqual(last.siteConfig, { ftpsState: "Disabled", alwaysOn: true });
    });
});
