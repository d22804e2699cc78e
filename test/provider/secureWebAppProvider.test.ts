// Construct in process, under Pulumi's mocks (test/components/mocks.ts) in place of the engine and Azure: the
// provider builds the same SecureWebApp TypeScript programs use and answers with the outputs its schema declares.
import * as assert from "assert";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { SecureWebApp, SecureWebAppArgs, SecureWebAppArgumentError } from "../../components";
import type { PackageSpec } from "../../provider/schema";
import { SecureWebAppProvider } from "../../provider/secureWebAppProvider";
import { installMocks, registered, valueOf } from "../components/mocks";
import { COMPONENT_PROVIDER_SCHEMA, ensureComponentProviderBuilt } from "../../tools/engine/componentProvider";

const TOKEN = "secure-webapp:index:SecureWebApp";

/** Inputs as another language's SDK sends them: plain JSON values. */
function inputsFromAnotherLanguage(): Record<string, unknown> {
    return {
        resourceGroupName: "rg-orders",
        serverFarmId:
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Web/serverfarms/plan",
        kind: "app,linux",
        siteConfig: { linuxFxVersion: "NODE|22-lts", appSettings: [{ name: "MODE", value: "remote" }] },
        clientCertExclusionPaths: ["/health"],
        slots: { staging: {} },
    };
}

describe("SecureWebAppProvider", function () {
    this.timeout(60000);
    let provider: SecureWebAppProvider;
    before(() => {
        installMocks();
        // The schema npm run build writes and the provider serves (schema.test.ts holds it to the declarations).
        ensureComponentProviderBuilt();
        provider = new SecureWebAppProvider(
            JSON.parse(fs.readFileSync(COMPONENT_PROVIDER_SCHEMA, "utf8")) as PackageSpec,
        );
    });
    beforeEach(() => {
        registered.length = 0;
    });

    it("constructs SecureWebApp: the app and its slot require certificates, and the state carries every output", async () => {
        const { state } = await provider.construct("orders", TOKEN, inputsFromAnotherLanguage(), {});
        const values = Object.fromEntries(
            await Promise.all(
                Object.entries(state).map(async ([key, value]) => [
                    key,
                    await valueOf(value as pulumi.Output<unknown>),
                ]),
            ),
        );

        assert.deepStrictEqual(values, {
            id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/orders",
            resourceId:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/orders",
            name: "orders",
            defaultHostName: "orders.azurewebsites.net",
            url: "https://orders.azurewebsites.net",
            outboundIpAddresses: "20.0.0.1,20.0.0.2",
            slotHostNames: { staging: "orders.azurewebsites.net" }, // the mocks name a slot's host after its app
        });
        const sites = registered.filter(r => /^azure-native:web:WebApp(Slot)?$/.test(r.type));
        assert.deepStrictEqual(
            sites.map(r => [
                r.type,
                r.inputs.clientCertEnabled,
                r.inputs.clientCertMode,
                r.inputs.httpsOnly,
                r.inputs.clientCertExclusionPaths,
            ]),
            [
                ["azure-native:web:WebApp", true, "Required", true, "/health"],
                ["azure-native:web:WebAppSlot", true, "Required", true, "/health"],
            ],
        );
        assert.deepStrictEqual(
            sites.map(r => [
                r.inputs.siteConfig.minTlsVersion,
                r.inputs.siteConfig.ftpsState,
                r.inputs.siteConfig.http20Enabled,
            ]),
            [
                ["1.2", "Disabled", false],
                ["1.2", "Disabled", false],
            ],
            "the baseline, with HTTP/2 off for the exclusion path",
        );
        // The app's policies are registered with the app; a slot's wait for its slot, past the outputs awaited
        // here (test/components/secureWebApp.test.ts covers them).
        assert.deepStrictEqual(
            registered
                .filter(r => /^azure-native:web:WebApp(Ftp|Scm)Allowed$/.test(r.type))
                .map(r => [r.type, r.inputs.allow, r.inputs.name])
                .sort(),
            [
                ["azure-native:web:WebAppFtpAllowed", false, "orders"],
                ["azure-native:web:WebAppScmAllowed", false, "orders"],
            ],
        );
        assert.ok(
            registered.some(r => r.type === TOKEN),
            "the component itself is registered",
        );
    });

    it("refuses a weaker baseline site setting of a slot as an input property error naming its path", async () => {
        const inputs = {
            ...inputsFromAnotherLanguage(),
            slots: { staging: { siteConfig: { ftpsState: "AllAllowed" } } },
        };
        await assert.rejects(provider.construct("orders", TOKEN, inputs, {}), (err: unknown) => {
            assert.ok(pulumi.InputPropertiesError.isInstance(err), `expected an InputPropertiesError, got ${err}`);
            assert.deepStrictEqual(
                err.errors.map(e => e.propertyPath),
                ["slots.staging.siteConfig.ftpsState"],
            );
            assert.match(
                err.message,
                /^slots\.staging\.siteConfig\.ftpsState is "AllAllowed"; it must be "Disabled" or "FtpsOnly"/,
            );
            return true;
        });
        assert.deepStrictEqual(registered, []);
    });

    it("refuses an argument as an input property error (property and reason) for the reason a TypeScript program gets, before registering anything", async () => {
        const inputs = { ...inputsFromAnotherLanguage(), clientCertMode: "Optional" };
        let typeScriptError: unknown;
        assert.throws(
            () => new SecureWebApp("orders", inputs as SecureWebAppArgs),
            (err: unknown) => ((typeScriptError = err), true),
        );
        registered.length = 0;

        await assert.rejects(provider.construct("orders", TOKEN, inputs, {}), (err: unknown) => {
            assert.ok(pulumi.InputPropertiesError.isInstance(err), `expected an InputPropertiesError, got ${err}`);
            assert.ok(typeScriptError instanceof SecureWebAppArgumentError);
            assert.strictEqual(
                err.message,
                typeScriptError.message.replace(/^orders: /, ""),
                "the message, without the name the engine prints",
            );
            assert.deepStrictEqual(err.errors, [{ propertyPath: "clientCertMode", reason: typeScriptError.required }]);
            assert.match(
                err.message,
                /^clientCertMode is "Optional"; it must be "Required" .* Fix: remove clientCertMode/,
            );
            return true;
        });
        assert.deepStrictEqual(registered, []);
    });

    it("refuses a slot given as one output, which SecureWebApp cannot read while the program runs, naming slots.<name>", async () => {
        const inputs = { ...inputsFromAnotherLanguage(), slots: { staging: pulumi.output({ serverFarmId: "plan" }) } };
        await assert.rejects(provider.construct("orders", TOKEN, inputs, {}), (err: unknown) => {
            assert.ok(pulumi.InputPropertiesError.isInstance(err), `expected an InputPropertiesError, got ${err}`);
            assert.strictEqual(err.errors.length, 1);
            assert.strictEqual(err.errors[0].propertyPath, "slots.staging");
            assert.match(err.errors[0].reason, /^slots must be a map of slot arguments/);
            assert.match(
                err.message,
                /^slots\.staging is "\(an output\)"; .* Fix: write slots\.staging as a map of values/,
            );
            return true;
        });
        assert.deepStrictEqual(registered, []);
    });

    it("refuses a type it does not serve, naming the one it does", async () => {
        await assert.rejects(
            provider.construct("orders", "secure-webapp:index:SecureFunctionApp", {}, {}),
            /unknown resource type secure-webapp:index:SecureFunctionApp; the secure-webapp package has secure-webapp:index:SecureWebApp/,
        );
    });

    it("reports the package version from its schema", () => {
        assert.strictEqual(provider.version, require("../../package.json").version);
    });
});
