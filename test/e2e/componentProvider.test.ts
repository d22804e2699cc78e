// SecureWebApp as other languages use it: a remote component whose Construct runs in the secure-webapp
// component provider, which the real engine starts from tools/component-launcher on PATH (as any CLI would
// with that folder on PATH), with the STAND-IN azure-native provider in place of Azure.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_LAUNCHER_DIR, COMPONENT_PROVIDER_SCHEMA } from "../../tools/engine/componentProvider";
import {
    assertRefusalPrinted,
    withoutMonitorShutdown,
    OPERATION_TIMEOUT_MS,
    printed,
    typeScriptRefusal,
    useOfflineEngine,
} from "./offlineEngineFixture";
import { remoteSecureWebApp } from "./programs/remoteSecureWebApp";

const SITE_TYPES = /^azure-native:web:WebApp(Slot)?$/;

describe("SecureWebApp through the component provider (real engine, launcher on PATH, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();

    beforeEach(() => engine().clearRequests());

    it("pulumi up creates the app and its slot with certificates required, and returns url and slotHostNames", async () => {
        const stack = await engine().stack("remote-compliant", remoteSecureWebApp());
        const outcome = await engine().up(stack);

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        const created = engine()
            .requests()
            .filter(r => r.operation === "create" && SITE_TYPES.test(r.type));
        assert.deepStrictEqual(created.map(r => r.type).sort(), [
            "azure-native:web:WebApp",
            "azure-native:web:WebAppSlot",
        ]);
        for (const site of created) {
            assert.match(
                site.urn,
                /secure-webapp:index:SecureWebApp\$azure-native:web:WebApp/,
                "children of the component",
            );
            assert.strictEqual(site.inputs.clientCertEnabled, true);
            assert.strictEqual(site.inputs.clientCertMode, "Required");
            assert.strictEqual(site.inputs.httpsOnly, true);
            assert.strictEqual(site.inputs.clientCertExclusionPaths, "/health");
        }
        for (const site of created) {
            const { minTlsVersion, scmMinTlsVersion, ftpsState, remoteDebuggingEnabled, http20Enabled } = site.inputs
                .siteConfig as Record<string, unknown>;
            assert.deepStrictEqual(
                { minTlsVersion, scmMinTlsVersion, ftpsState, remoteDebuggingEnabled, http20Enabled },
                {
                    minTlsVersion: "1.2",
                    scmMinTlsVersion: "1.2",
                    ftpsState: "Disabled",
                    remoteDebuggingEnabled: false,
                    http20Enabled: false, // the /health exclusion path needs TLS renegotiation, which HTTP/2 lacks
                },
                site.type,
            );
            assert.deepStrictEqual(site.inputs.identity, { type: "SystemAssigned" }, site.type);
        }
        const policies = engine()
            .requests()
            .filter(r => r.operation === "create" && /^azure-native:web:WebApp(Ftp|Scm)Allowed(Slot)?$/.test(r.type));
        assert.deepStrictEqual(
            policies.map(r => [r.type, r.inputs.allow, r.inputs.slot]).sort(),
            [
                ["azure-native:web:WebAppFtpAllowed", false, undefined],
                ["azure-native:web:WebAppFtpAllowedSlot", false, "staging"],
                ["azure-native:web:WebAppScmAllowed", false, undefined],
                ["azure-native:web:WebAppScmAllowedSlot", false, "staging"],
            ],
            "basic-auth publishing refused for the app and its slot",
        );
        for (const policy of policies) {
            assert.match(
                policy.urn,
                /secure-webapp:index:SecureWebApp\$azure-native:web:WebApp/,
                "children of the component",
            );
        }
        const app = created.find(r => r.type === "azure-native:web:WebApp")!;
        assert.deepStrictEqual(
            (app.inputs.siteConfig as { appSettings?: unknown }).appSettings,
            [{ name: "MODE", value: "remote" }],
            "site config passed through",
        );

        const outputs = await stack.outputs();
        assert.match(outputs.url.value, /^https:\/\/remote-app[0-9a-f]*\.azurewebsites\.net$/);
        assert.deepStrictEqual(Object.keys(outputs.slotHostNames.value), ["staging"]);
        assert.match(outputs.slotHostNames.value.staging, /^remote-app[0-9a-f]*-staging\.azurewebsites\.net$/);
    });

    it("a refused argument fails the preview with one error: resource, property, value and the TypeScript reason, no stack trace; nothing reaches azure-native", async () => {
        const stack = await engine().stack("remote-refused", remoteSecureWebApp({ clientCertMode: "Optional" }));
        const outcome = await engine().preview(stack);

        assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
        assertRefusalPrinted(
            withoutMonitorShutdown(printed(outcome)),
            typeScriptRefusal("remote-app", { clientCertMode: "Optional" }),
        );
        assert.deepStrictEqual(
            engine()
                .requests()
                .filter(r => SITE_TYPES.test(r.type)),
            [],
            "no app or slot sent to the provider",
        );
    });

    it("pulumi package get-schema on the launcher prints the schema the provider serves", async () => {
        const launcher = path.join(COMPONENT_LAUNCHER_DIR, "pulumi-resource-secure-webapp");
        const outcome = await engine().run(["package", "get-schema", launcher], engine().dir);

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        // The CLI prints the schema as it parsed it, adding the empty provider `config` section.
        const { config, ...schema } = JSON.parse(outcome.stdout);
        assert.deepStrictEqual(config, {});
        assert.deepStrictEqual(schema, JSON.parse(fs.readFileSync(COMPONENT_PROVIDER_SCHEMA, "utf8")));
        assert.deepStrictEqual(Object.keys(schema.resources), ["secure-webapp:index:SecureWebApp"]);
    });
});
