import * as assert from "assert";
import { remediate, UNKNOWN, UnknownValueError, validate } from "./support";

describe("remediation", () => {
    it("enables certificates, sets Required and keeps unrelated inputs on an azure-native WebApp", () => {
        const { properties } = remediate("azure-native:web:WebApp", {
            name: "site",
            kind: "app",
            clientCertEnabled: false,
            clientCertMode: "Optional",
        });
        assert.deepStrictEqual(properties, {
            name: "site",
            kind: "app",
            clientCertEnabled: true,
            clientCertMode: "Required",
        });
    });

    it("drops exclusion paths that are not allowed and keeps the allowed ones, with HTTP/2 off for them", () => {
        const { properties } = remediate(
            "azure-native:web:WebAppSlot",
            { clientCertEnabled: true, clientCertExclusionPaths: "/health; /;/admin" },
            { config: { allowedExclusionPaths: ["/health"] } },
        );
        // The kept path needs TLS renegotiation, which the HTTP/2 azure-native turns on by default rules out.
        assert.deepStrictEqual(properties, {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health",
            siteConfig: { http20Enabled: false },
        });
    });

    it("removes the exclusion paths property when no path is allowed", () => {
        const { properties } = remediate("azure-native:web:WebApp", {
            clientCertEnabled: true,
            clientCertExclusionPaths: "/",
        });
        assert.deepStrictEqual(properties, { clientCertEnabled: true, clientCertMode: "Required" });
    });

    it("fixes classic apps with the classic property names", () => {
        const { properties } = remediate("azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot", {
            clientCertificateEnabled: false,
            clientCertificateExclusionPaths: "/x",
        });
        assert.deepStrictEqual(properties, { clientCertificateEnabled: true, clientCertificateMode: "Required" });
    });

    it("sets only the mode of a legacy FunctionApp, the one setting it has", () => {
        assert.deepStrictEqual(
            remediate("azure:appservice/functionApp:FunctionApp", { clientCertMode: "Optional" }).properties,
            { clientCertMode: "Required" },
        );
    });

    it("replaces an exclusion-paths value that is not a string", () => {
        const { properties } = remediate("azure:appservice/linuxWebApp:LinuxWebApp", {
            clientCertificateEnabled: true,
            clientCertificateExclusionPaths: ["/a"],
        });
        assert.deepStrictEqual(properties, { clientCertificateEnabled: true, clientCertificateMode: "Required" });
    });

    it("leaves a compliant app untouched", () => {
        assert.deepStrictEqual(remediate("azure-native:web:WebApp", { clientCertEnabled: true }), {
            properties: undefined,
        });
    });

    it("leaves a remediated app compliant", () => {
        const { properties } = remediate("azure-native:web:WebApp", {
            clientCertEnabled: "yes",
            clientCertMode: 3,
            clientCertExclusionPaths: "/",
        });
        assert.deepStrictEqual(validate("azure-native:web:WebApp", properties!), { violations: [] });
    });

    it("reports ARM templates without rewriting them", () => {
        const props = {
            properties: { template: { resources: [{ type: "Microsoft.Web/sites", name: "w", properties: {} }] } },
        };
        assert.deepStrictEqual(remediate("azure-native:resources:Deployment", props), { properties: undefined });
    });

    it("reports every template route and the generic Resource without rewriting them, through the remediation proxies", () => {
        const template = {
            resources: [{ type: "Microsoft.Web/sites", name: "w", properties: { clientCertEnabled: false } }],
        };
        const cases: [string, Record<string, unknown>][] = [
            ["azure-native:resources:DeploymentAtScope", { properties: { template } }],
            ["azure-native:resources:DeploymentStackAtSubscription", { template }],
            ["azure-native:resources:TemplateSpecVersion", { mainTemplate: template }],
            [
                "azure:core/tenantTemplateDeployment:TenantTemplateDeployment",
                { templateContent: JSON.stringify(template) },
            ],
            [
                "azure-native:resources:Resource",
                {
                    resourceProviderNamespace: "Microsoft.Web",
                    resourceType: "sites",
                    properties: { clientCertEnabled: false },
                },
            ],
        ];
        for (const [type, props] of cases) {
            assert.deepStrictEqual(remediate(type, props), { properties: undefined }, type);
            assert.strictEqual(validate(type, props).violations.length, 1, type);
        }
    });

    it("does not remediate an exempt resource", () => {
        const outcome = remediate(
            "azure-native:web:WebApp",
            { clientCertEnabled: false },
            { config: { exemptions: [{ resource: "app", reason: "gateway" }] } },
        );
        assert.deepStrictEqual(outcome, { notApplicable: "exempt by exemptions[0]: gateway" });
    });

    it("leaves an app whose settings are unknown at preview to the engine", () => {
        assert.throws(() => remediate("azure-native:web:WebApp", { clientCertEnabled: UNKNOWN }), UnknownValueError);
    });
});
