import * as assert from "assert";
import { installMocks, RegisteredResource, registered, valueOf } from "./mocks";
import { SecureWebApp } from "../../components";
import { run, validate } from "../policy-pack/support";
import { http2Rule } from "../../policy-pack/baseline/rules/http2";
import { minimumTlsVersionRule } from "../../policy-pack/baseline/rules/minimumTlsVersion";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { validationArgs } from "../../tools/engine/policyArgs";
import { stackResource, stackViolations } from "../policy-pack/stackPolicies";
import { authenticationInStack } from "../../policy-pack/policies/authenticationInStack";

const APP_TYPES = ["azure-native:web:WebApp", "azure-native:web:WebAppSlot"];

/** Creates an app under the mocks and returns every azure-native resource it sent to the engine. */
async function resourcesRegisteredBy(create: () => SecureWebApp): Promise<RegisteredResource[]> {
    registered.length = 0;
    const app = create();
    const policies = [
        ...Object.values(app.publishingCredentialsPolicies),
        ...Object.values(app.slotPublishingCredentialsPolicies).flatMap(ofSlot => Object.values(ofSlot)),
        ...(app.authSettings ? [app.authSettings] : []),
        ...Object.values(app.slotAuthSettings),
    ];
    await Promise.all([app.webApp, ...Object.values(app.slots), ...policies].map(resource => valueOf(resource.urn)));
    return registered.filter(resource => resource.type.startsWith("azure-native:web:"));
}

// The component and the policy pack state the same rule in two places; these tests keep them in step by
// running the pack's policy over exactly what the component registers.
describe("SecureWebApp and the azure-secure-webapp policy pack", () => {
    before(installMocks);
    const base = {
        resourceGroupName: "rg",
        serverFarmId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan",
    };

    it("registers a WebApp, slots and their publishing credentials policies that pass the pack with its default config", async () => {
        const resources = await resourcesRegisteredBy(
            () => new SecureWebApp("app", { ...base, slots: { staging: {}, canary: {} } }),
        );
        assert.deepStrictEqual(resources.map(resource => resource.type).sort(), [
            "azure-native:web:WebApp",
            "azure-native:web:WebAppFtpAllowed",
            "azure-native:web:WebAppFtpAllowedSlot",
            "azure-native:web:WebAppFtpAllowedSlot",
            "azure-native:web:WebAppScmAllowed",
            "azure-native:web:WebAppScmAllowedSlot",
            "azure-native:web:WebAppScmAllowedSlot",
            "azure-native:web:WebAppSlot",
            "azure-native:web:WebAppSlot",
        ]);
        for (const resource of resources) {
            const outcome = validate(resource.type, resource.inputs, { name: resource.name });
            assert.deepStrictEqual(outcome.violations, [], `${resource.type} ${resource.name}`);
            if (APP_TYPES.includes(resource.type)) {
                assert.deepStrictEqual(outcome, { violations: [] }, `${resource.type} ${resource.name} is judged`);
            }
        }
    });

    it("registers exclusion paths that pass exactly when the pack's config allows them", async () => {
        const apps = (
            await resourcesRegisteredBy(
                () =>
                    new SecureWebApp("app", {
                        ...base,
                        clientCertExclusionPaths: ["/health", "/hooks"],
                        slots: { staging: {} },
                    }),
            )
        ).filter(resource => APP_TYPES.includes(resource.type));
        assert.strictEqual(apps.length, 2);
        for (const app of apps) {
            const allowed = validate(app.type, app.inputs, {
                name: app.name,
                config: { allowedExclusionPaths: ["/health", "/hooks"] },
            });
            assert.deepStrictEqual(allowed, { violations: [] }, `${app.type} ${app.name} with both paths allowed`);
            const partly = validate(app.type, app.inputs, {
                name: app.name,
                config: { allowedExclusionPaths: ["/health"] },
            });
            assert.strictEqual(partly.violations.length, 1, `${app.type} ${app.name} with /hooks not allowed`);
            assert.match(partly.violations[0], /\/hooks/);
        }
    });

    it("registers exclusion paths with HTTP/2 off and TLS 1.2, which the client-certificate and HTTP/2 rules both accept", async () => {
        const apps = (
            await resourcesRegisteredBy(
                () =>
                    new SecureWebApp("app", { ...base, clientCertExclusionPaths: ["/health"], slots: { staging: {} } }),
            )
        ).filter(resource => APP_TYPES.includes(resource.type));
        assert.strictEqual(apps.length, 2);
        for (const app of apps) {
            const config = { allowedExclusionPaths: ["/health"] };
            assert.deepStrictEqual(validate(app.type, app.inputs, { name: app.name, config }), { violations: [] });
            const http2 = run(baselinePolicy(http2Rule), validationArgs(app.type, app.inputs, { name: app.name }));
            assert.deepStrictEqual(http2, { violations: [] }, `${app.type} ${app.name}`);
            const tls = run(
                baselinePolicy(minimumTlsVersionRule),
                validationArgs(app.type, app.inputs, { name: app.name }),
            );
            assert.deepStrictEqual(tls, { violations: [] }, `${app.type} ${app.name}`);
        }
    });

    it("registers HTTP/2 and TLS 1.3 without exclusion paths, which the client-certificate rule accepts", async () => {
        const apps = (
            await resourcesRegisteredBy(
                () =>
                    new SecureWebApp("app", { ...base, siteConfig: { minTlsVersion: "1.3" }, slots: { staging: {} } }),
            )
        ).filter(resource => APP_TYPES.includes(resource.type));
        for (const app of apps) {
            assert.deepStrictEqual(validate(app.type, app.inputs, { name: app.name }), { violations: [] });
            const http2 = run(baselinePolicy(http2Rule), validationArgs(app.type, app.inputs, { name: app.name }));
            assert.deepStrictEqual(http2, { violations: [] }, `${app.type} ${app.name}`);
        }
    });

    it("registers authentication settings, when given an identity provider, that the pack's authentication stack policy matches to the app and slot", async () => {
        const authSettings = {
            identityProviders: {
                azureActiveDirectory: {
                    enabled: true,
                    registration: { clientId: "00000000-0000-0000-0000-000000000001" },
                },
            },
        };
        const judged = async (args: Record<string, unknown>) => {
            // Named, as the engine's auto-naming (the provider's check) does not run under the mocks.
            const resources = await resourcesRegisteredBy(
                () => new SecureWebApp("app", { ...base, name: "shop-web", ...args }),
            );
            return stackViolations(
                authenticationInStack,
                resources.map(r => stackResource(r.type, r.name, r.inputs)),
            ).map(v => v.urn?.split("::").pop());
        };
        assert.deepStrictEqual(await judged({ authSettings, slots: { staging: { authSettings } } }), []);
        // Without them, the advisory rule names the app and the slot, each on its own.
        assert.deepStrictEqual(await judged({ slots: { staging: {} } }), ["app", "app-staging"]);
    });
});
