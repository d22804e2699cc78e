import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, outcomeOf, registered, valueOf } from "./mocks";
import { SecureWebApp, SecureWebAppArgs, SecureWebAppArgumentError } from "../../components";

const WEB_APP = "azure-native:web:WebApp";
const WEB_APP_SLOT = "azure-native:web:WebAppSlot";

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
    await Promise.all([app, app.webApp, ...Object.values(app.slots)].map(resource => valueOf(resource.urn)));
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
        it("registers the component and exactly one WebApp that requires client certificates over HTTPS", async () => {
            const app = new SecureWebApp("app", happyArgs());
            await settle(app);
            assert.deepStrictEqual(
                registered.map(r => r.type).sort(),
                ["secure-webapp:index:SecureWebApp", WEB_APP].sort(),
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
                minTlsVersion: "1.2",
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

        for (const [property, later, now] of [
            ["clientCertMode", pulumi.output("Optional"), "Optional"],
            ["clientCertEnabled", Promise.resolve(false), false],
            ["clientCertExclusionPaths", [pulumi.output("/")], ["/"]],
        ] as const) {
            it(`fails the deployment of the WebApp with the construction-time message when ${property} resolves to a value that breaks the rule`, async () => {
                const expected = messageOfRefusal({ [property]: now });
                const rejections: unknown[] = [];
                const collect = (reason: unknown) => rejections.push(reason);
                // The runtime also reports the failed registration as an unhandled rejection: that is how
                // `pulumi up` fails. Collect it here so the test sees it instead of the test runner.
                process.on("unhandledRejection", collect);
                try {
                    registered.length = 0;
                    const app = new SecureWebApp("app", { ...happyArgs(), [property]: later } as SecureWebAppArgs);
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
