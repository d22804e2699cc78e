import * as assert from "assert";
import { PolicyConfigError, readConfig } from "../../policy-pack/config";
import { calendarDay, daysUntil, exemptionStatus } from "../../policy-pack/exemptions";
import { urnFor } from "../../tools/engine/policyPackServer";
import { UNKNOWN, UnknownValueError, validate } from "./support";

const webApp = "azure-native:web:WebApp";
const nonCompliant = { kind: "functionapp,linux", clientCertEnabled: false };

describe("policy config", () => {
    it("defaults every key to an empty list", () => {
        assert.deepStrictEqual(readConfig({}), { allowedExclusionPaths: [], excludedKinds: [], exemptions: [] });
    });

    it("refuses entries of the wrong shape, listing each with its key path and value, rather than half-applying the config", () => {
        assert.throws(
            () =>
                readConfig({
                    allowedExclusionPaths: ["/health", 7, ""],
                    excludedKinds: "functionapp",
                    exemptions: [{ resource: "a" }, null, { resource: "b", reason: "proxy" }],
                }),
            (e: Error) => {
                assert.ok(e instanceof PolicyConfigError);
                assert.deepStrictEqual(
                    e.problems.map(problem => problem.split(":")[0]),
                    [
                        "webapp-require-client-certificates.allowedExclusionPaths[1] is 7 (a number)",
                        'webapp-require-client-certificates.allowedExclusionPaths[2] is ""',
                        'webapp-require-client-certificates.excludedKinds is "functionapp"',
                        "webapp-require-client-certificates.exemptions[0].reason is not set",
                        "webapp-require-client-certificates.exemptions[1] is not set",
                    ],
                );
                return true;
            },
        );
    });

    describe("allowedExclusionPaths", () => {
        it("lets an app exclude the listed health probe path", () => {
            // HTTP/2 off, as the path's TLS renegotiation needs (test/policy-pack/renegotiation.test.ts).
            const props = {
                clientCertEnabled: true,
                clientCertExclusionPaths: "/health",
                siteConfig: { http20Enabled: false },
            };
            assert.deepStrictEqual(validate(webApp, props, { config: { allowedExclusionPaths: ["/health"] } }), {
                violations: [],
            });
        });

        it("still fails a path that is not listed and shows the allow-list in the message", () => {
            const props = { clientCertEnabled: true, clientCertExclusionPaths: "/health;/admin" };
            const { violations } = validate(webApp, props, { config: { allowedExclusionPaths: ["/health"] } });
            assert.match(violations[0], /which excludes "\/admin" from client certificates; .*\(now: "\/health"\)/);
        });
    });

    describe("excludedKinds", () => {
        it("records a WebApp whose kind has an excluded token as not applicable", () => {
            const outcome = validate(webApp, nonCompliant, { config: { excludedKinds: ["FunctionApp"] } });
            assert.deepStrictEqual(outcome.violations, []);
            assert.strictEqual(outcome.notApplicable, "kind excluded by the policy config excludedKinds (functionapp)");
        });

        it("refuses an entry that can never equal one kind token, with the fix", () => {
            assert.throws(
                () => readConfig({ excludedKinds: ["functionapp,linux"] }),
                /excludedKinds\[0\] is "functionapp,linux": .* never matches\. Fix: list each kind token as its own entry/,
            );
        });

        it("still checks a WebApp whose kind has no excluded token", () => {
            const outcome = validate(
                webApp,
                { ...nonCompliant, kind: "app,linux" },
                { config: { excludedKinds: ["functionapp"] } },
            );
            assert.strictEqual(outcome.violations.length, 1);
        });

        it("applies to classic function apps through the kind their type implies", () => {
            const outcome = validate(
                "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
                { clientCertificateEnabled: false },
                { config: { excludedKinds: ["functionapp"] } },
            );
            assert.ok(outcome.notApplicable);
        });

        it("skips only the excluded sites of an ARM template", () => {
            const template = {
                resources: [
                    { type: "Microsoft.Web/sites", name: "fn", kind: "functionapp", properties: {} },
                    { type: "Microsoft.Web/sites", name: "web", kind: "app", properties: {} },
                ],
            };
            const { violations } = validate(
                "azure-native:resources:Deployment",
                { properties: { template } },
                { config: { excludedKinds: ["functionapp"] } },
            );
            assert.match(violations[0], /"web"/);
            assert.doesNotMatch(violations[0], /"fn"/);
        });

        it("does not read kind when no kind is excluded, so an unknown kind cannot hide a violation", () => {
            assert.strictEqual(validate(webApp, { ...nonCompliant, kind: UNKNOWN }).violations.length, 1);
        });

        it("leaves the verdict to the engine when kinds are excluded and the kind is unknown", () => {
            assert.throws(
                () =>
                    validate(
                        webApp,
                        { ...nonCompliant, kind: UNKNOWN },
                        { config: { excludedKinds: ["functionapp"] } },
                    ),
                UnknownValueError,
            );
        });
    });

    describe("exemptions", () => {
        const today = new Date();
        const inDays = (days: number) => new Date(today.getTime() + days * 86400000).toISOString().slice(0, 10);

        it("records a resource exempted by name as not applicable, with the reason", () => {
            const outcome = validate(webApp, nonCompliant, {
                name: "behind-gateway",
                config: { exemptions: [{ resource: "behind-gateway", reason: "TLS ends at Application Gateway" }] },
            });
            assert.deepStrictEqual(outcome, {
                violations: [],
                notApplicable: "exempt by exemptions[0]: TLS ends at Application Gateway",
            });
        });

        it("matches an exemption by URN", () => {
            const urn = urnFor(webApp, "gw");
            const outcome = validate(webApp, nonCompliant, {
                name: "gw",
                urn,
                config: { exemptions: [{ resource: urn, reason: "proxy", expires: inDays(30) }] },
            });
            assert.strictEqual(outcome.notApplicable, `exempt by exemptions[0]: proxy (until ${inDays(30)})`);
        });

        it("holds an exemption through its last day", () => {
            const exemption = { resource: "a", reason: "r", expires: "2030-06-30" };
            assert.strictEqual(exemptionStatus([exemption], "a", "", new Date("2030-06-30T23:59:59Z")).state, "exempt");
            assert.strictEqual(
                exemptionStatus([exemption], "a", "", new Date("2030-07-01T00:00:00Z")).state,
                "expired",
            );
        });

        it("reports an expired exemption in the violation", () => {
            const { violations } = validate(webApp, nonCompliant, {
                config: { exemptions: [{ resource: "app", reason: "migration", expires: inDays(-1) }] },
            });
            assert.match(
                violations[0],
                new RegExp(
                    `Its exemption exemptions\\[0\\] expired on ${inDays(-1)} \\(reason given: "migration"\\), so the rule applies again`,
                ),
            );
        });

        it("reads dates only as real calendar days written YYYY-MM-DD", () => {
            assert.strictEqual(calendarDay("2028-02-29"), Date.UTC(2028, 1, 29));
            for (const text of [
                "2027-02-29",
                "2027-02-30",
                "2026-13-45",
                "2027-12-31junk",
                "2027-12-31T00:00",
                "2027-1-1",
                " 2027-12-31",
            ]) {
                assert.strictEqual(calendarDay(text), undefined, text);
            }
        });

        it("counts whole UTC days to an expiry: 0 on the day itself", () => {
            assert.strictEqual(daysUntil("2027-01-10", new Date("2026-12-31T23:59:00Z")), 10);
            assert.strictEqual(daysUntil("2027-01-10", new Date("2027-01-10T08:00:00Z")), 0);
        });

        it("treats an expiry that is not a date as expired, so a typo never exempts forever", () => {
            assert.strictEqual(
                exemptionStatus([{ resource: "a", reason: "r", expires: "someday" }], "a", "", today).state,
                "expired",
            );
        });

        it("exempts by logical name every checked resource of that name, whatever its type, when the entry gives no type", () => {
            const config = { exemptions: [{ resource: "gw", reason: "proxy" }] };
            for (const type of [webApp, "azure-native:web:WebAppSlot", "azure-native:resources:Deployment"]) {
                assert.strictEqual(
                    validate(type, nonCompliant, { name: "gw", config }).notApplicable,
                    "exempt by exemptions[0]: proxy",
                    type,
                );
            }
        });

        it("exempts by logical name and type only the resource of that type", () => {
            const config = { exemptions: [{ resource: "gw", type: webApp, reason: "proxy" }] };
            assert.strictEqual(
                validate(webApp, nonCompliant, { name: "gw", config }).notApplicable,
                "exempt by exemptions[0]: proxy",
            );
            const slot = validate("azure-native:web:WebAppSlot", { clientCertEnabled: false }, { name: "gw", config });
            assert.strictEqual(slot.violations.length, 1, "a slot of the same name is not exempt");
        });

        it("reads the type of a resource inside a component from the last type of its URN", () => {
            const urn = "urn:pulumi:dev::test::secure-webapp:index:SecureWebApp$azure-native:web:WebApp::gw";
            const config = { exemptions: [{ resource: "gw", type: webApp, reason: "proxy" }] };
            assert.strictEqual(
                validate(webApp, nonCompliant, { name: "gw", urn, config }).notApplicable,
                "exempt by exemptions[0]: proxy",
            );
            const other = {
                exemptions: [{ resource: "gw", type: "secure-webapp:index:SecureWebApp", reason: "proxy" }],
            };
            assert.strictEqual(
                exemptionStatus(other.exemptions, "gw", urn, today).state,
                "none",
                "the parent's type is not the resource's",
            );
        });

        it("matches an exemption by URN only to that URN, never to a resource whose logical name is the URN's text", () => {
            const urn = urnFor(webApp, "gw");
            const config = { exemptions: [{ resource: urn, reason: "proxy" }] };
            const impostor = validate(webApp, nonCompliant, { name: urn, urn: urnFor(webApp, urn), config });
            assert.strictEqual(impostor.violations.length, 1, JSON.stringify(impostor));
        });

        it("does not exempt other resources", () => {
            const outcome = validate(webApp, nonCompliant, {
                name: "other",
                config: { exemptions: [{ resource: "app", reason: "r" }] },
            });
            assert.strictEqual(outcome.violations.length, 1);
        });
    });
});

describe("policy config read once per run", () => {
    it("gives each config its own reading when configs alternate, and refuses a bad one after a good one", () => {
        const health = { allowedExclusionPaths: ["/health"] };
        const hooks = { allowedExclusionPaths: ["/hooks"], excludedKinds: ["functionapp"] };
        assert.deepStrictEqual(readConfig(health).allowedExclusionPaths, ["/health"]);
        assert.deepStrictEqual(readConfig(hooks).allowedExclusionPaths, ["/hooks"]);
        assert.deepStrictEqual(readConfig({ ...health }).excludedKinds, []);
        assert.throws(() => readConfig({ allowedExclusionPaths: ["/"] }), PolicyConfigError);
        assert.throws(() => readConfig({ allowedExclusionPaths: ["/"] }), PolicyConfigError);
        assert.deepStrictEqual(readConfig(hooks).excludedKinds, ["functionapp"]);
    });
});
