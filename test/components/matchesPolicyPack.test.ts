import * as assert from "assert";
import { installMocks, RegisteredResource, registered, valueOf } from "./mocks";
import { SecureWebApp } from "../../components";
import { validate } from "../policy-pack/support";

/** Creates an app under the mocks and returns the WebApp and slots it sent to the engine. */
async function appsRegisteredBy(create: () => SecureWebApp): Promise<RegisteredResource[]> {
    registered.length = 0;
    const app = create();
    await Promise.all([app.webApp, ...Object.values(app.slots)].map(resource => valueOf(resource.urn)));
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

    it("registers a WebApp and slots that pass the pack's rule with its default config", async () => {
        const apps = await appsRegisteredBy(
            () => new SecureWebApp("app", { ...base, slots: { staging: {}, canary: {} } }),
        );
        assert.deepStrictEqual(apps.map(app => app.type).sort(), [
            "azure-native:web:WebApp",
            "azure-native:web:WebAppSlot",
            "azure-native:web:WebAppSlot",
        ]);
        for (const app of apps) {
            const outcome = validate(app.type, app.inputs, { name: app.name });
            assert.deepStrictEqual(outcome, { violations: [] }, `${app.type} ${app.name}`);
        }
    });

    it("registers exclusion paths that pass exactly when the pack's config allows them", async () => {
        const apps = await appsRegisteredBy(
            () =>
                new SecureWebApp("app", {
                    ...base,
                    clientCertExclusionPaths: ["/health", "/hooks"],
                    slots: { staging: {} },
                }),
        );
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
});
