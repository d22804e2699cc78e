// webapp-authentication-in-stack: an azure-native app's App Service authentication is written by separate resources
// of the stack (the settings V2, or the legacy settings), so the stack policy judges what each app ends up with.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { authenticationInStack } from "../../policy-pack/policies/authenticationInStack";
import { providerSdkPath, providerTypes } from "./providerTypes";
import { stackResource as resource, stackViolations, wired } from "./stackPolicies";
import { UNKNOWN, UnknownValueError } from "./support";

const validateStack = (resources: PolicyResource[], config: Record<string, unknown> = {}) =>
    stackViolations(authenticationInStack, resources, config);

const V2 = "azure-native:web:WebAppAuthSettingsV2";
const app = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: "shop-web", kind: "app" });
const settingsV2 = (enabled: unknown, name = "shop-web") =>
    resource(V2, `auth-${name}`, { resourceGroupName: "rg", name, platform: { enabled } });

describe("webapp-authentication-in-stack", () => {
    it("passes an app whose authentication settings V2 the stack turns on", () => {
        assert.deepStrictEqual(validateStack([app, settingsV2(true)]), []);
    });

    it("passes an app whose legacy authentication settings the stack turns on", () => {
        const legacy = resource("azure-native:web:WebAppAuthSettings", "auth", {
            resourceGroupName: "RG",
            name: "Shop-Web",
            enabled: true,
        });
        assert.deepStrictEqual(validateStack([app, legacy]), []);
    });

    it("fails an app for which nothing turns authentication on, naming the type to declare and Azure's default", () => {
        const [violation, ...others] = validateStack([app, settingsV2(true, "other-app")]);
        assert.deepStrictEqual(others, []);
        assert.strictEqual(violation?.urn, app.urn);
        assert.match(
            violation.message,
            /^azure-native:web:WebApp "web" fails the authentication rule \(CIS Microsoft Azure Foundations Benchmark 9\.1 \(v2\.0\.0, v2\.1\.0\), 9\.2 \(v3\.0\.0\)\)\./,
        );
        assert.match(
            violation.message,
            /- authentication: no azure-native:web:WebAppAuthSettingsV2 \(nor legacy WebAppAuthSettings\) in the stack turns it on for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: off; required: platform\.enabled true\./,
        );
        assert.match(violation.message, /Fix: declare a web:WebAppAuthSettingsV2 with this app's resourceGroupName/);
    });

    it("fails an app whose settings turn authentication off, naming the resource and the value", () => {
        const [violation] = validateStack([app, settingsV2(false)]);
        assert.strictEqual(violation?.urn, app.urn);
        assert.match(
            violation.message,
            /authentication: azure-native:web:WebAppAuthSettingsV2 "auth-shop-web" sets platform\.enabled false; required: true\./,
        );
    });

    it("matches a slot's settings by site and slot, not the site's", () => {
        const slot = resource("azure-native:web:WebAppSlot", "staging", {
            resourceGroupName: "rg",
            name: "shop-web",
            slot: "staging",
        });
        const slotSettings = resource("azure-native:web:WebAppAuthSettingsV2Slot", "auth-staging", {
            resourceGroupName: "rg",
            name: "shop-web",
            slot: "staging",
            platform: { enabled: true },
        });
        assert.deepStrictEqual(validateStack([app, slot, settingsV2(true), slotSettings]), []);
        assert.deepStrictEqual(
            validateStack([app, slot, settingsV2(true)]).map(v => v.urn),
            [slot.urn],
        );
    });

    it("judges at preview an app whose settings take its name from it, and leaves one that could still be its own to the update", () => {
        const group = resource("azure-native:resources:ResourceGroup", "rg", { name: UNKNOWN });
        const unnamed = wired(
            resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN }),
            {
                resourceGroupName: [group],
            },
        );
        const ofApp = wired(
            resource(V2, "auth", { resourceGroupName: UNKNOWN, name: UNKNOWN, platform: { enabled: true } }),
            { resourceGroupName: [group], name: [unnamed] },
        );
        assert.deepStrictEqual(validateStack([group, unnamed, ofApp]), []);
        assert.throws(
            () => validateStack([group, unnamed, settingsV2(true)]),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("reads the settings' outputs after the update: the id names the site, platform says whether it is on", () => {
        const site = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web";
        const deployedApp = resource("azure-native:web:WebApp", "web", { id: site, name: "shop-web", kind: "app" });
        const deployed = (at: string, enabled: boolean) =>
            resource(V2, "auth", {
                id: `${at}/config/authsettingsV2`,
                name: "authsettingsV2",
                type: "Microsoft.Web/sites/config",
                platform: { enabled },
            });
        assert.deepStrictEqual(validateStack([deployedApp, deployed(site, true)]), []);
        assert.deepStrictEqual(
            validateStack([deployedApp, deployed(site.replace("shop-web", "shop-api"), true)]).map(v => v.urn),
            [deployedApp.urn],
        );
    });

    it("lets an app exempt under webapp-authentication through", () => {
        const config = { exemptions: [{ resource: "web", reason: "SEC-21 signs users in behind the gateway" }] };
        assert.deepStrictEqual(validateStack([app], config), []);
    });

    it("reads every authentication settings type of azure-native, and no other", function () {
        this.timeout(60_000);
        const tokens = providerTypes(providerSdkPath("@pulumi/azure-native"))
            .map(t => t.token)
            .filter(t => /^azure-native:web:WebAppAuthSettings/.test(t))
            .sort();
        assert.deepStrictEqual(tokens, [
            "azure-native:web:WebAppAuthSettings",
            "azure-native:web:WebAppAuthSettingsSlot",
            "azure-native:web:WebAppAuthSettingsV2",
            "azure-native:web:WebAppAuthSettingsV2Slot",
            "azure-native:web:WebAppAuthSettingsV2WithoutSecrets",
            "azure-native:web:WebAppAuthSettingsV2WithoutSecretsSlot",
        ]);
        const slotApp = resource("azure-native:web:WebAppSlot", "s", { resourceGroupName: "rg", name: "x", slot: "s" });
        const siteApp = resource("azure-native:web:WebApp", "x", { resourceGroupName: "rg", name: "x" });
        for (const token of tokens) {
            const props = { resourceGroupName: "rg", name: "x", slot: "s", enabled: true, platform: { enabled: true } };
            const target = token.endsWith("Slot") ? slotApp : siteApp;
            assert.deepStrictEqual(validateStack([target, resource(token, "auth", props)]), [], `${token} is not read`);
        }
    });
});
