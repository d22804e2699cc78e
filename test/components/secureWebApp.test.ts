import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, outcomeOf, registered, valueOf } from "./mocks";
import { SecureWebApp, SecureWebAppArgs, SecureWebAppArgumentError } from "../../components";

const WEB_APP = "azure-native:web:WebApp";
const WEB_APP_SLOT = "azure-native:web:WebAppSlot";
const FTP_POLICY = "azure-native:web:WebAppFtpAllowed";
const SCM_POLICY = "azure-native:web:WebAppScmAllowed";
const SLOT_FTP_POLICY = "azure-native:web:WebAppFtpAllowedSlot";
const SLOT_SCM_POLICY = "azure-native:web:WebAppScmAllowedSlot";

/** The App Service baseline's site settings as SecureWebApp sets them by default. */
const BASELINE_SITE_CONFIG = {
    minTlsVersion: "1.2",
    scmMinTlsVersion: "1.2",
    ftpsState: "Disabled",
    remoteDebuggingEnabled: false,
    http20Enabled: true,
};

/** The arguments of a typical app; each test changes one thing. */
function happyArgs(): SecureWebAppArgs {
    return {
        resourceGroupName: "rg-payments",
        serverFarmId:
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments/providers/Microsoft.Web/serverfarms/plan",
        location: "westeurope",
        kind: "app,linux",
    };
}

/** Waits until the component and all its children have been registered. */
async function settle(app: SecureWebApp): Promise<void> {
    const children = [
        app.webApp,
        ...Object.values(app.slots),
        ...Object.values(app.publishingCredentialsPolicies),
        ...Object.values(app.slotPublishingCredentialsPolicies).flatMap(policies => Object.values(policies)),
        ...(app.authSettings ? [app.authSettings] : []),
        ...Object.values(app.slotAuthSettings),
    ];
    await Promise.all([app, ...children].map(resource => valueOf(resource.urn)));
}

/** The baseline's site settings of a registered app or slot. */
function baselineOf(inputs: Record<string, any>): Record<string, unknown> {
    return Object.fromEntries(Object.keys(BASELINE_SITE_CONFIG).map(key => [key, inputs.siteConfig?.[key]]));
}

function only(type: string) {
    const matches = registered.filter(resource => resource.type === type);
    assert.strictEqual(matches.length, 1, `expected exactly one ${type}, found ${matches.length}`);
    return matches[0];
}

/** Asserts that constructing the component throws a SecureWebAppArgumentError about `property`; returns its message. */
function assertRefused(
    args: Partial<SecureWebAppArgs> | Record<string, unknown>,
    property: string,
    ...phrases: string[]
): string {
    registered.length = 0;
    let message = "";
    assert.throws(
        () => new SecureWebApp("app", { ...happyArgs(), ...args } as SecureWebAppArgs),
        (error: unknown) => {
            assert.ok(error instanceof SecureWebAppArgumentError, `expected SecureWebAppArgumentError, got ${error}`);
            assert.strictEqual(error.resource, "app");
            assert.strictEqual(error.property, property);
            assert.match(error.message, /^app: /, "the message names the resource");
            assert.ok(error.message.includes(property), "the message names the property");
            assert.match(error.message, /Fix: /, "the message gives the fix");
            for (const phrase of phrases) {
                assert.ok(
                    error.message.includes(phrase),
                    `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(phrase)}`,
                );
            }
            message = error.message;
            return true;
        },
    );
    return message;
}

describe("SecureWebApp", () => {
    before(installMocks);
    beforeEach(() => {
        registered.length = 0;
    });

    describe("defaults", () => {
        it("registers the component, exactly one WebApp that requires client certificates over HTTPS, and its two publishing credentials policies", async () => {
            const app = new SecureWebApp("app", happyArgs());
            await settle(app);
            assert.deepStrictEqual(
                registered.map(r => r.type).sort(),
                ["secure-webapp:index:SecureWebApp", WEB_APP, FTP_POLICY, SCM_POLICY].sort(),
            );
            const webApp = only(WEB_APP);
            assert.strictEqual(webApp.inputs.clientCertEnabled, true);
            assert.strictEqual(webApp.inputs.clientCertMode, "Required");
            assert.strictEqual(webApp.inputs.httpsOnly, true);
            assert.strictEqual(webApp.inputs.clientCertExclusionPaths, undefined, "no path is excluded by default");
        });

        it("names the WebApp after the component", async () => {
            const app = new SecureWebApp("payments", happyArgs());
            await settle(app);
            assert.strictEqual(only(WEB_APP).name, "payments");
        });

        it("passes every other WebApp argument through unchanged", async () => {
            const siteConfig = {
                minTlsVersion: "1.2" as const,
                http20Enabled: false,
                appSettings: [{ name: "MODE", value: "prod" }],
            };
            const args: SecureWebAppArgs = {
                ...happyArgs(),
                name: "payments-prod",
                siteConfig,
                tags: { owner: "platform" },
                identity: { type: "SystemAssigned" },
                clientAffinityEnabled: false,
            };
            const app = new SecureWebApp("app", args);
            await settle(app);
            const inputs = only(WEB_APP).inputs;
            for (const key of [
                "resourceGroupName",
                "serverFarmId",
                "location",
                "kind",
                "name",
                "tags",
                "identity",
                "clientAffinityEnabled",
            ] as const) {
                assert.deepStrictEqual(inputs[key], args[key], key);
            }
            for (const [key, value] of Object.entries(siteConfig)) {
                assert.deepStrictEqual(inputs.siteConfig[key], value, `siteConfig.${key}`);
            }
        });

        it("accepts the compliant values when they are given explicitly", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertEnabled: true,
                clientCertMode: "Required",
                httpsOnly: true,
            });
            await settle(app);
            const inputs = only(WEB_APP).inputs;
            assert.deepStrictEqual(
                [inputs.clientCertEnabled, inputs.clientCertMode, inputs.httpsOnly],
                [true, "Required", true],
            );
        });
    });

    describe("outputs", () => {
        it("exposes the WebApp and its id, name, host name and HTTPS address", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), name: "payments-prod" });
            await settle(app);
            assert.strictEqual(await valueOf(app.name), "payments-prod");
            assert.match(await valueOf(app.id), /\/providers\/Microsoft\.Web\/sites\/payments-prod$/);
            assert.strictEqual(await valueOf(app.defaultHostName), "payments-prod.azurewebsites.net");
            assert.strictEqual(await valueOf(app.url), "https://payments-prod.azurewebsites.net");
            assert.strictEqual(await valueOf(app.outboundIpAddresses), "20.0.0.1,20.0.0.2");
            assert.strictEqual(
                await valueOf(app.webApp.defaultHostName),
                "payments-prod.azurewebsites.net",
                "the child is exposed",
            );
        });

        it("exposes each slot's default host name by slot name, and the app's id again as resourceId", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), slots: { staging: {}, canary: {} } });
            await settle(app);
            const hostNames = await valueOf(app.slotHostNames);
            assert.deepStrictEqual(Object.keys(hostNames).sort(), ["canary", "staging"]);
            assert.strictEqual(hostNames.staging, await valueOf(app.slots.staging.defaultHostName));
            assert.strictEqual(await valueOf(app.resourceId), await valueOf(app.id));
        });

        it("parents the WebApp to the component", async () => {
            const app = new SecureWebApp("app", happyArgs());
            await settle(app);
            assert.match(
                await valueOf(app.webApp.urn),
                /secure-webapp:index:SecureWebApp\$azure-native:web:WebApp::app$/,
            );
        });
    });

    describe("refusals", () => {
        it("refuses clientCertEnabled: false and registers nothing", async () => {
            assertRefused({ clientCertEnabled: false }, "clientCertEnabled", "false", "must be true", '"Require"');
            await new Promise(resolve => setImmediate(resolve));
            assert.deepStrictEqual(registered, []);
        });

        it("refuses clientCertMode Optional, naming the portal's Allow", () => {
            assertRefused(
                { clientCertMode: "Optional" },
                "clientCertMode",
                '"Optional" (portal: "Allow")',
                'must be "Required"',
            );
        });

        it("refuses clientCertMode OptionalInteractiveUser, naming the portal's Optional", () => {
            assertRefused({ clientCertMode: "OptionalInteractiveUser" }, "clientCertMode", '(portal: "Optional")');
        });

        it("tells a clientCertMode written in another case how Required is spelled", () => {
            const message = assertRefused(
                { clientCertMode: "required" },
                "clientCertMode",
                'clientCertMode is "required"',
                'spelled exactly "Required"',
                "case-sensitively",
                'Fix: set clientCertMode to "Required" as written here',
            );
            assert.ok(!message.includes("does not demand"), message);
        });

        it("tells a clientCertMode written in the portal's wording the API's value", () => {
            assertRefused(
                { clientCertMode: "Require" },
                "clientCertMode",
                '"Require" is the portal\'s word',
                '"Required"',
            );
        });

        it("names the weak mode meant by a clientCertMode written in another case", () => {
            assertRefused(
                { clientCertMode: "optional" },
                "clientCertMode",
                '"Optional" (portal: "Allow") does not demand a certificate',
            );
        });

        it("refuses a clientCertMode that is none of Azure's modes, listing them", () => {
            assertRefused(
                { clientCertMode: "Ignore" },
                "clientCertMode",
                '"Ignore" is not one of Azure\'s modes',
                '"OptionalInteractiveUser"',
            );
        });

        it("refuses httpsOnly: false, since certificates only travel over HTTPS", () => {
            assertRefused({ httpsOnly: false }, "httpsOnly", "HTTPS");
        });

        it("refuses excluding / from client certificates", () => {
            assertRefused(
                { clientCertExclusionPaths: ["/health", "/"] },
                "clientCertExclusionPaths",
                '"/" is never allowed',
            );
        });

        it("refuses a wildcard exclusion path", () => {
            assertRefused(
                { clientCertExclusionPaths: ["/api/*"] },
                "clientCertExclusionPaths",
                "wildcards",
                '"/api/*"',
            );
        });

        it("refuses a duplicate exclusion path", () => {
            assertRefused(
                { clientCertExclusionPaths: ["/health", "/health"] },
                "clientCertExclusionPaths",
                "appears twice",
            );
        });

        it("refuses an empty exclusion path", () => {
            assertRefused({ clientCertExclusionPaths: ["/health", " "] }, "clientCertExclusionPaths", "non-empty");
        });

        it("refuses an exclusion path that does not start with /", () => {
            assertRefused(
                { clientCertExclusionPaths: ["health"] },
                "clientCertExclusionPaths",
                'must start with "/"',
                '"/health"',
            );
        });

        for (const path of [" /health", "/health ", "\t/health"]) {
            it(`tells an exclusion path with a space around it (${JSON.stringify(path)}) to drop the space`, () => {
                const message = assertRefused(
                    { clientCertExclusionPaths: [path] },
                    "clientCertExclusionPaths",
                    `is ${JSON.stringify([path])}`,
                    "must not start or end with a space",
                    'Fix: remove the space: write it as "/health"',
                );
                assert.ok(!message.includes("//health"), message);
            });
        }

        for (const path of ["//", "/.", "/./", "/..", "/health/..", " // "]) {
            it(`refuses the exclusion path ${JSON.stringify(path)}, which amounts to the whole site`, () => {
                assertRefused(
                    { clientCertExclusionPaths: ["/health", path] },
                    "clientCertExclusionPaths",
                    `${JSON.stringify(path)} amounts to "/"`,
                    "whole site",
                    'e.g. "/health"',
                );
            });
        }

        for (const path of ["//health", "/health//live", "/health/./live", "/hooks/../health/live"]) {
            it(`refuses the exclusion path ${JSON.stringify(path)}, which is not normalised, with the path it stands for`, () => {
                const normalised = path === "//health" ? "/health" : "/health/live";
                assertRefused(
                    { clientCertExclusionPaths: [path] },
                    "clientCertExclusionPaths",
                    "normalised paths",
                    `stands for "${normalised}"`,
                    `Fix: write it as "${normalised}"`,
                );
            });
        }

        for (const path of ["/health%2F..%2Fadmin", "/%2e%2e/admin", "/hooks\\github"]) {
            it(`refuses the exclusion path ${JSON.stringify(path)}, whose meaning depends on how a server decodes it`, () => {
                assertRefused(
                    { clientCertExclusionPaths: [path] },
                    "clientCertExclusionPaths",
                    "percent-encoding or a backslash",
                );
            });
        }

        for (const path of ["/caf\u00e9", "/health\u0000"]) {
            it(`refuses the exclusion path ${JSON.stringify(path)}, whose character beyond printable ASCII a server decodes as it likes`, () => {
                assertRefused({ clientCertExclusionPaths: [path] }, "clientCertExclusionPaths", "printable ASCII");
            });
        }

        it("refuses exclusion paths written as Azure's separated string, asking for a list", () => {
            assertRefused(
                { clientCertExclusionPaths: "/health,/hooks" },
                "clientCertExclusionPaths",
                "list of path prefixes",
            );
        });

        it("refuses an entry that hides a second path behind a separator", () => {
            assertRefused({ clientCertExclusionPaths: ["/health;/"] }, "clientCertExclusionPaths", '";"');
        });
    });

    describe("App Service baseline", () => {
        it("sets minimum TLS 1.2 for the site and its SCM site, FTP disabled, remote debugging off, HTTP/2 on and a system-assigned identity", async () => {
            const app = new SecureWebApp("app", happyArgs());
            await settle(app);
            const inputs = only(WEB_APP).inputs;
            assert.deepStrictEqual(baselineOf(inputs), BASELINE_SITE_CONFIG);
            assert.deepStrictEqual(inputs.identity, { type: "SystemAssigned" });
        });

        it("keeps the program's other site settings beside the baseline's", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                siteConfig: { linuxFxVersion: "NODE|22-lts", alwaysOn: true },
            });
            await settle(app);
            const siteConfig = only(WEB_APP).inputs.siteConfig;
            assert.strictEqual(siteConfig.linuxFxVersion, "NODE|22-lts");
            assert.strictEqual(siteConfig.alwaysOn, true);
            assert.deepStrictEqual(baselineOf(only(WEB_APP).inputs), BASELINE_SITE_CONFIG);
        });

        it("refuses basic-auth publishing credentials for FTP and SCM with policies of the app, parented to the component", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), name: "payments-prod" });
            await settle(app);
            for (const [type, policy] of [
                [FTP_POLICY, app.publishingCredentialsPolicies.ftp],
                [SCM_POLICY, app.publishingCredentialsPolicies.scm],
            ] as const) {
                assert.deepStrictEqual(only(type).inputs, {
                    allow: false,
                    name: "payments-prod",
                    resourceGroupName: "rg-payments",
                });
                assert.match(await valueOf(policy.urn), new RegExp(`SecureWebApp\\$${type}::app-(ftp|scm)$`));
            }
        });

        it("gives each slot the same site settings, its own identity and its own two publishing credentials policies", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                name: "payments-prod",
                slots: { staging: { siteConfig: { linuxFxVersion: "NODE|22-lts" } } },
            });
            await settle(app);
            const slot = only(WEB_APP_SLOT).inputs;
            assert.deepStrictEqual(baselineOf(slot), BASELINE_SITE_CONFIG);
            assert.strictEqual(slot.siteConfig.linuxFxVersion, "NODE|22-lts");
            assert.deepStrictEqual(slot.identity, { type: "SystemAssigned" });
            for (const type of [SLOT_FTP_POLICY, SLOT_SCM_POLICY]) {
                const policy = only(type);
                assert.match(policy.name, /^app-staging-(ftp|scm)$/);
                assert.deepStrictEqual(policy.inputs, {
                    allow: false,
                    name: "payments-prod",
                    resourceGroupName: "rg-payments",
                    slot: "staging",
                });
            }
        });

        it("accepts the stronger values: TLS 1.3 for the site and its SCM site, FTPS only", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                siteConfig: { minTlsVersion: "1.3", scmMinTlsVersion: "1.3", ftpsState: "FtpsOnly" },
            });
            await settle(app);
            const siteConfig = only(WEB_APP).inputs.siteConfig;
            assert.deepStrictEqual(
                [siteConfig.minTlsVersion, siteConfig.scmMinTlsVersion, siteConfig.ftpsState],
                ["1.3", "1.3", "FtpsOnly"],
            );
        });

        it("lets a program turn the advisory settings off: HTTP/2, and the identity (or give its own)", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                identity: { type: "None" },
                siteConfig: { http20Enabled: false },
                slots: { staging: { identity: { type: "UserAssigned", userAssignedIdentities: ["/id"] } } },
            });
            await settle(app);
            assert.strictEqual(only(WEB_APP).inputs.siteConfig.http20Enabled, false);
            assert.deepStrictEqual(only(WEB_APP).inputs.identity, { type: "None" });
            assert.deepStrictEqual(only(WEB_APP_SLOT).inputs.identity, {
                type: "UserAssigned",
                userAssignedIdentities: ["/id"],
            });
            assert.strictEqual(only(WEB_APP_SLOT).inputs.siteConfig.http20Enabled, true, "the slot keeps the default");
        });

        for (const version of ["1.0", "1.1"]) {
            it(`refuses minTlsVersion ${version} and scmMinTlsVersion ${version}, and registers nothing`, async () => {
                assertRefused(
                    { siteConfig: { minTlsVersion: version } },
                    "siteConfig.minTlsVersion",
                    `is "${version}"`,
                    'it must be "1.2" or "1.3"',
                    "Minimum Inbound TLS Version",
                    'Fix: remove siteConfig.minTlsVersion (SecureWebApp sets it to "1.2")',
                );
                assertRefused(
                    { siteConfig: { scmMinTlsVersion: version } },
                    "siteConfig.scmMinTlsVersion",
                    "SCM Minimum Inbound TLS Version",
                );
                await new Promise(resolve => setImmediate(resolve));
                assert.deepStrictEqual(registered, []);
            });
        }

        it("tells a minimum TLS version written as a number to write the string", () => {
            assertRefused({ siteConfig: { minTlsVersion: 1.2 } }, "siteConfig.minTlsVersion", 'the string "1.2"');
        });

        it("refuses FTP state AllAllowed, which sends credentials in clear text, naming the portal's wording", () => {
            assertRefused(
                { siteConfig: { ftpsState: "AllAllowed" } },
                "siteConfig.ftpsState",
                '"All allowed"',
                'it must be "Disabled" or "FtpsOnly"',
                "CIS 9.10",
            );
        });

        it("refuses an FTP state that is none of Azure's, which compares them case-sensitively", () => {
            assertRefused({ siteConfig: { ftpsState: "disabled" } }, "siteConfig.ftpsState", "case-sensitively");
        });

        it("refuses remote debugging", () => {
            assertRefused(
                { siteConfig: { remoteDebuggingEnabled: true } },
                "siteConfig.remoteDebuggingEnabled",
                "must be false",
            );
        });

        it("refuses a site configuration that is not an object", () => {
            assertRefused({ siteConfig: "minTlsVersion=1.2" }, "siteConfig", "an object of site settings");
        });

        it("refuses a slot's weaker site setting, naming the slot", () => {
            assertRefused(
                { slots: { staging: { siteConfig: { ftpsState: "AllAllowed" } } } },
                "slots.staging.siteConfig.ftpsState",
                '"AllAllowed"',
            );
        });
    });

    describe("authentication", () => {
        const entraId = {
            azureActiveDirectory: {
                enabled: true,
                registration: {
                    clientId: "00000000-0000-0000-0000-00000000a11d",
                    openIdIssuer: "https://sts.windows.net/tenant/v2.0",
                },
            },
        };

        it("creates no authentication settings unless the program names its identity provider", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), slots: { staging: {} } });
            await settle(app);
            assert.strictEqual(app.authSettings, undefined);
            assert.deepStrictEqual(
                registered.filter(r => r.type.includes("AuthSettings")),
                [],
            );
        });

        it("creates the app's authentication settings with the program's identity provider, turned on unless it says otherwise", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                name: "payments-prod",
                authSettings: { identityProviders: entraId, globalValidation: { requireAuthentication: true } },
            });
            await settle(app);
            const auth = only("azure-native:web:WebAppAuthSettingsV2");
            assert.strictEqual(auth.name, "app-auth");
            assert.strictEqual(auth.inputs.name, "payments-prod");
            assert.strictEqual(auth.inputs.resourceGroupName, "rg-payments");
            assert.deepStrictEqual(auth.inputs.platform, { enabled: true });
            assert.deepStrictEqual(auth.inputs.identityProviders, entraId);
            assert.deepStrictEqual(auth.inputs.globalValidation, { requireAuthentication: true });
        });

        it("lets the program turn authentication off, and gives a slot only the settings it is given", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                authSettings: { platform: { enabled: false } },
                slots: { staging: { authSettings: pulumi.output({ identityProviders: entraId }) }, canary: {} },
            });
            await settle(app);
            assert.deepStrictEqual(only("azure-native:web:WebAppAuthSettingsV2").inputs.platform, { enabled: false });
            const slotAuth = only("azure-native:web:WebAppAuthSettingsV2Slot");
            assert.strictEqual(slotAuth.inputs.slot, "staging");
            assert.deepStrictEqual(slotAuth.inputs.platform, { enabled: true });
            assert.deepStrictEqual(Object.keys(app.slotAuthSettings), ["staging"]);
        });
    });

    describe("exclusion paths and TLS renegotiation", () => {
        it("turns HTTP/2 off by default when exclusion paths are set, for the app and the slots that inherit them", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertExclusionPaths: ["/health"],
                slots: { staging: {}, canary: { clientCertExclusionPaths: [] } },
            });
            await settle(app);
            assert.strictEqual(only(WEB_APP).inputs.siteConfig.http20Enabled, false);
            const http2 = Object.fromEntries(
                registered
                    .filter(r => r.type === WEB_APP_SLOT)
                    .map(r => [r.inputs.slot, r.inputs.siteConfig.http20Enabled]),
            );
            assert.deepStrictEqual(
                http2,
                { staging: false, canary: true },
                "a slot without exclusion paths keeps HTTP/2",
            );
        });

        it("refuses HTTP/2 with exclusion paths, since HTTP/2 offers no TLS renegotiation", () => {
            assertRefused(
                { clientCertExclusionPaths: ["/health"], siteConfig: { http20Enabled: true } },
                "siteConfig.http20Enabled",
                "must be false or absent while clientCertExclusionPaths is set",
                "TLS renegotiation, which HTTP/2 and TLS 1.3 do not offer",
                "Configure TLS mutual authentication for Azure App Service",
                "or remove clientCertExclusionPaths",
            );
        });

        it("refuses minimum TLS 1.3 with exclusion paths, and accepts it without them", async () => {
            assertRefused(
                { clientCertExclusionPaths: ["/health"], siteConfig: { minTlsVersion: "1.3" } },
                "siteConfig.minTlsVersion",
                'it must be "1.2" while clientCertExclusionPaths is set',
            );
            assertRefused(
                { clientCertExclusionPaths: ["/health"], slots: { staging: { siteConfig: { minTlsVersion: "1.3" } } } },
                "slots.staging.siteConfig.minTlsVersion",
                "TLS 1.3",
            );
            registered.length = 0;
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertExclusionPaths: ["/health"],
                siteConfig: { scmMinTlsVersion: "1.3" },
            });
            await settle(app);
            assert.strictEqual(
                only(WEB_APP).inputs.siteConfig.scmMinTlsVersion,
                "1.3",
                "the SCM site asks for no certificate",
            );
        });
    });

    describe("exclusion paths", () => {
        it("passes allowed paths to Azure as its comma-separated string", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertExclusionPaths: ["/health", "/hooks/github"],
            });
            await settle(app);
            assert.strictEqual(only(WEB_APP).inputs.clientCertExclusionPaths, "/health,/hooks/github");
        });

        it("accepts dotted segment names and a trailing slash, which are ordinary paths", async () => {
            const paths = ["/.well-known/acme-challenge", "/hooks/", "/v1.2/status"];
            const app = new SecureWebApp("app", { ...happyArgs(), clientCertExclusionPaths: paths });
            await settle(app);
            assert.strictEqual(only(WEB_APP).inputs.clientCertExclusionPaths, paths.join(","));
        });
    });

    describe("slots", () => {
        it("creates each slot with the app's certificate settings, plan, location and kind", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), name: "payments-prod", slots: { staging: {} } });
            await settle(app);
            const slot = only(WEB_APP_SLOT);
            assert.strictEqual(slot.name, "app-staging");
            assert.strictEqual(slot.inputs.slot, "staging");
            assert.strictEqual(slot.inputs.name, "payments-prod", "the slot belongs to the app");
            assert.deepStrictEqual(
                [slot.inputs.clientCertEnabled, slot.inputs.clientCertMode, slot.inputs.httpsOnly],
                [true, "Required", true],
            );
            for (const key of ["resourceGroupName", "serverFarmId", "location", "kind"] as const) {
                assert.deepStrictEqual(slot.inputs[key], happyArgs()[key], key);
            }
        });

        it("gives slots the app's exclusion paths unless a slot sets its own", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertExclusionPaths: ["/health"],
                slots: { staging: {}, canary: { clientCertExclusionPaths: ["/health", "/warmup"] } },
            });
            await settle(app);
            const paths = Object.fromEntries(
                registered
                    .filter(r => r.type === WEB_APP_SLOT)
                    .map(r => [r.inputs.slot, r.inputs.clientCertExclusionPaths]),
            );
            assert.deepStrictEqual(paths, { staging: "/health", canary: "/health,/warmup" });
        });

        it("passes a slot's other arguments through", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                slots: { staging: { location: "northeurope", tags: { stage: "staging" } } },
            });
            await settle(app);
            const slot = only(WEB_APP_SLOT);
            assert.strictEqual(slot.inputs.location, "northeurope");
            assert.deepStrictEqual(slot.inputs.tags, { stage: "staging" });
        });

        it("refuses a slot certificate setting that breaks the rule, naming the slot", () => {
            assertRefused(
                { slots: { staging: { clientCertExclusionPaths: ["/"] } } },
                "slots.staging.clientCertExclusionPaths",
                "never allowed",
            );
        });

        it("accepts slot names of letters, digits and hyphens", async () => {
            const app = new SecureWebApp("app", { ...happyArgs(), slots: { "blue-green": {}, canary2: {}, ü2: {} } });
            await settle(app);
            assert.deepStrictEqual(
                registered
                    .filter(r => r.type === WEB_APP_SLOT)
                    .map(r => r.inputs.slot)
                    .sort(),
                ["blue-green", "canary2", "ü2"],
            );
        });

        for (const [slot, phrase] of [
            ["", '"" has 0 characters'],
            ["a", '"a" has 1 character.'],
            ["s".repeat(60), "has 60 characters"],
            ["staging slot", '"staging slot" has other characters'],
            ["staging_1", "has other characters"],
            ["qa/staging", "has other characters"],
        ]) {
            it(`refuses the slot name ${JSON.stringify(slot)}, which Azure refuses (2 to 59 letters, digits or hyphens)`, () => {
                assertRefused(
                    { slots: { staging: {}, [slot]: {} } },
                    "slots",
                    `slots is ${JSON.stringify(slot)}`,
                    "2 to 59 letters, digits or hyphens",
                    phrase,
                    "e.g. slots: { staging: {} }",
                );
            });
        }

        it("registers nothing when a slot name is refused", async () => {
            assertRefused({ slots: { "": {} } }, "slots");
            await new Promise(resolve => setImmediate(resolve));
            assert.deepStrictEqual(registered, []);
        });

        it("refuses a slot named production in any case, since that slot is the app itself", () => {
            assertRefused({ slots: { Production: {} } }, "slots", 'must not be "production"', "the app itself");
        });

        it("refuses two slot names that differ only in case, since Azure sees one slot", () => {
            assertRefused(
                { slots: { staging: {}, Staging: {} } },
                "slots",
                '"Staging" and "staging" are the same slot',
            );
        });

        it("refuses a slot that would not require certificates, naming the slot", () => {
            assertRefused(
                { slots: { staging: { clientCertMode: "Optional" } } },
                "slots.staging.clientCertMode",
                '(portal: "Allow")',
            );
            assertRefused(
                { slots: { staging: { clientCertEnabled: false } } },
                "slots.staging.clientCertEnabled",
                "false",
            );
        });
    });

    describe("values known only later", () => {
        it("passes through a compliant value that resolves later", async () => {
            const app = new SecureWebApp("app", {
                ...happyArgs(),
                clientCertMode: pulumi.output("Required" as const),
                clientCertExclusionPaths: [pulumi.output("/health")],
            });
            await settle(app);
            const inputs = only(WEB_APP).inputs;
            assert.strictEqual(inputs.clientCertMode, "Required");
            assert.strictEqual(inputs.clientCertExclusionPaths, "/health");
        });

        for (const [title, property, later, now] of [
            [
                "clientCertMode",
                "clientCertMode",
                { clientCertMode: pulumi.output("Optional") },
                { clientCertMode: "Optional" },
            ],
            [
                "clientCertEnabled",
                "clientCertEnabled",
                { clientCertEnabled: Promise.resolve(false) },
                { clientCertEnabled: false },
            ],
            [
                "clientCertExclusionPaths",
                "clientCertExclusionPaths",
                { clientCertExclusionPaths: [pulumi.output("/")] },
                { clientCertExclusionPaths: ["/"] },
            ],
            [
                "siteConfig (as a whole)",
                "siteConfig.minTlsVersion",
                { siteConfig: pulumi.output({ minTlsVersion: "1.0" }) },
                { siteConfig: { minTlsVersion: "1.0" } },
            ],
            [
                "siteConfig.ftpsState",
                "siteConfig.ftpsState",
                { siteConfig: { ftpsState: pulumi.output("AllAllowed") } },
                { siteConfig: { ftpsState: "AllAllowed" } },
            ],
            [
                "clientCertExclusionPaths (with siteConfig.http20Enabled true)",
                "siteConfig.http20Enabled",
                { clientCertExclusionPaths: pulumi.output(["/health"]), siteConfig: { http20Enabled: true } },
                { clientCertExclusionPaths: ["/health"], siteConfig: { http20Enabled: true } },
            ],
        ] as const) {
            it(`fails the deployment of the WebApp with the construction-time message when ${title} resolves to a value that breaks the rule`, async () => {
                const expected = messageOfRefusal(now);
                assert.ok(expected.includes(`app: ${property} is`), expected);
                const rejections: unknown[] = [];
                const collect = (reason: unknown) => rejections.push(reason);
                // The runtime also reports the failed registration as an unhandled rejection: that is how
                // `pulumi up` fails. Collect it here so the test sees it instead of the test runner.
                process.on("unhandledRejection", collect);
                try {
                    registered.length = 0;
                    const app = new SecureWebApp("app", { ...happyArgs(), ...later } as SecureWebAppArgs);
                    await assert.rejects(outcomeOf(app.webApp.urn), (error: Error) => {
                        assert.ok(error.message.includes(expected), `${error.message} should include ${expected}`);
                        return true;
                    });
                    await new Promise(resolve => setTimeout(resolve, 50));
                    assert.deepStrictEqual(
                        registered.filter(r => r.type === WEB_APP),
                        [],
                        "the WebApp never reaches the engine",
                    );
                } finally {
                    process.off("unhandledRejection", collect);
                }
            });
        }
    });
});

/** The message SecureWebApp gives at construction for `args`. */
function messageOfRefusal(args: Record<string, unknown>): string {
    try {
        new SecureWebApp("app", { ...happyArgs(), ...args } as SecureWebAppArgs);
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error(`${JSON.stringify(args)} was not refused`);
}
