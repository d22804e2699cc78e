// The policy config through the engine's real config path (`--policy-pack-config`, validated by the engine
// against each policy's schema, then handed to the pack with Configure), and how exemptions and excluded kinds
// show in what users read: the preview's output, `pulumi policy analyze` and the JSON event stream.
import * as assert from "assert";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES } from "../../examples/programs";
import { parseNotice } from "../../policy-pack/notices";
import { OPERATION_TIMEOUT_MS, POLICY, printed, useOfflineEngine } from "./offlineEngineFixture";

const NOTICES = "webapp-client-certificate-exemptions";
const DAY_MS = 86400000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** The line the engine prints under "Policies:" for one notice of the exemptions policy about `resource`. */
const noticeDiagnostic = (resource: string) =>
    new RegExp(`\\[advisory\\] \\[severity: low\\]\\s+${NOTICES}\\s+\\(azure-native:web:WebApp: ${resource}\\)`);

describe("the policy config through the engine (real engine, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();
    const certificatesOff = () =>
        engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program());
    const webAppsChecked = () =>
        engine()
            .requests()
            .filter(r => r.operation === "check" && r.type === "azure-native:web:WebApp");

    beforeEach(() => engine().clearRequests());

    describe("a config the pack cannot apply fails the preview before any resource is checked", () => {
        const refused: [string, Record<string, unknown>, string[]][] = [
            [
                "a misspelt key",
                { [POLICY]: { allowedExclusionPath: ["/health"] } },
                [
                    'error: configuring policy pack "azure-secure-webapp"',
                    'webapp-require-client-certificates.allowedExclusionPath is ["/health"] (an array): not a key of this policy\'s config, so it would be ignored. Fix: did you mean "allowedExclusionPaths"?',
                ],
            ],
            [
                "a misspelt policy name set to advisory",
                { "webapp-require-client-certificate": "advisory" },
                [
                    'error: configuring policy pack "azure-secure-webapp"',
                    'webapp-require-client-certificate is {"enforcementLevel":"advisory"} (an object): not a policy of azure-secure-webapp, so it would be ignored. Fix: did you mean "webapp-require-client-certificates"?',
                ],
            ],
            [
                "a misspelt key of the exemptions policy",
                { [NOTICES]: { exemptionWarningDay: 10 } },
                [
                    "webapp-client-certificate-exemptions.exemptionWarningDay is 10 (a number): not a key of this policy's config",
                ],
            ],
            [
                "a setting under all, which sets only the enforcement level",
                { all: { enforcementLevel: "advisory", allowedExclusionPaths: ["/health"] } },
                [
                    'all.allowedExclusionPaths is ["/health"] (an array): "all" sets only the enforcement level of every policy, so this would be ignored.',
                ],
            ],
            [
                "/ as an allowed exclusion path, with the value, why and the fix rather than the pattern",
                { [POLICY]: { allowedExclusionPaths: ["/"] } },
                [
                    'error: configuring policy pack "azure-secure-webapp"',
                    'webapp-require-client-certificates.allowedExclusionPaths[0] is "/": "/" is never allowed: it turns client certificates off for the whole site. Fix: list only the paths that must be reachable without a certificate, e.g. "/health".',
                ],
            ],
            [
                "// (which amounts to /) as an allowed exclusion path",
                { [POLICY]: { allowedExclusionPaths: ["//"] } },
                [
                    'webapp-require-client-certificates.allowedExclusionPaths[0] is "//": "//" amounts to "/", which turns client certificates off for the whole site.',
                ],
            ],
            [
                "a whole kind, which never equals one token, as an excluded kind",
                { [POLICY]: { excludedKinds: ["functionapp,linux"] } },
                [
                    "error: validating policy config: azure-secure-webapp 0.1.0  webapp-require-client-certificates: excludedKinds.0: Does not match pattern",
                ],
            ],
            [
                "an exemption type the rule does not check",
                {
                    [POLICY]: {
                        exemptions: [{ resource: "legacy-portal", type: "azure-native:web:Webapp", reason: "gateway" }],
                    },
                },
                [
                    'webapp-require-client-certificates.exemptions[0].type is "azure-native:web:Webapp": not a type the rule checks, so the exemption would never apply. Fix: did you mean "azure-native:web:WebApp"?',
                ],
            ],
            ...["2027-02-30", "2027-12-31junk", "2027-12-31T00:00", "2026-13-45"].map(
                (expires): [string, Record<string, unknown>, string[]] => [
                    `the exemption date ${expires}`,
                    { [POLICY]: { exemptions: [{ resource: "legacy-portal", reason: "gateway", expires }] } },
                    [
                        "error: validating policy config: azure-secure-webapp 0.1.0  webapp-require-client-certificates: exemptions.0.expires: Does not match format 'date'",
                    ],
                ],
            ),
        ];

        for (const [what, policyConfig, messages] of refused) {
            it(`refuses ${what}: non-zero exit, the key path and the reason printed, the app never checked`, async () => {
                const outcome = await engine().preview(await certificatesOff(), { withPolicyPack: true, policyConfig });

                assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
                for (const message of messages) {
                    assert.ok(printed(outcome).includes(message), `missing: ${message}\n${printed(outcome)}`);
                }
                assert.deepStrictEqual(webAppsChecked(), [], "no resource should have been checked");
            });
        }
    });

    it("accepts policy-pack/policy-config.example.json as it is", async () => {
        const example = JSON.parse(
            fs.readFileSync(path.join(__dirname, "../../policy-pack/policy-config.example.json"), "utf8"),
        );
        const stack = await engine().stack("compliant-app", EXAMPLES["compliant-app"].program());
        const outcome = await engine().preview(stack, { withPolicyPack: true, policyConfig: example });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(outcome.stdout, /azure-secure-webapp@v\d/, "the preview should list the pack it ran");
    });

    describe("exemptions and excluded kinds are visible", () => {
        it("prints an exempt app's notice in the preview, with the entry, the date, the reason and a renewal warning", async () => {
            const expires = inDays(10);
            const outcome = await engine().preview(await certificatesOff(), {
                withPolicyPack: true,
                policyConfig: {
                    [POLICY]: {
                        exemptions: [
                            { resource: "legacy-portal", reason: "TLS ends at the gateway (SEC-142)", expires },
                        ],
                    },
                },
            });

            assert.strictEqual(outcome.exitCode, 0, printed(outcome));
            assert.match(outcome.stdout, noticeDiagnostic("legacy-portal"), outcome.stdout);
            assert.ok(
                outcome.stdout.includes(
                    `Exempt: azure-native:web:WebApp "legacy-portal" is exempt from webapp-require-client-certificates by exemptions[0] until ${expires}; reason: TLS ends at the gateway (SEC-142)`,
                ),
                outcome.stdout,
            );
            assert.ok(
                outcome.stdout.includes(
                    `Expires in 10 days, on ${expires}: renew it with a new review or fix the app.`,
                ),
                outcome.stdout,
            );
            assert.ok(
                outcome.stdout.includes(
                    'exemptions[0] names "legacy-portal" without a type, so it exempts every resource of that name',
                ),
                outcome.stdout,
            );
        });

        it("gives no renewal warning beyond the window set by exemptionWarningDays", async () => {
            const outcome = await engine().preview(await certificatesOff(), {
                withPolicyPack: true,
                policyConfig: {
                    [POLICY]: { exemptions: [{ resource: "legacy-portal", reason: "gateway", expires: inDays(10) }] },
                    [NOTICES]: { exemptionWarningDays: 7 },
                },
            });

            assert.strictEqual(outcome.exitCode, 0, printed(outcome));
            assert.match(outcome.stdout, /Exempt: azure-native:web:WebApp "legacy-portal"/, outcome.stdout);
            assert.doesNotMatch(outcome.stdout, /Expires in/, outcome.stdout);
        });

        it("prints an app whose kind is excluded, with its kind and the matching entry", async () => {
            const outcome = await engine().preview(await certificatesOff(), {
                withPolicyPack: true,
                policyConfig: { [POLICY]: { excludedKinds: ["linux"] } },
            });

            assert.strictEqual(outcome.exitCode, 0, printed(outcome));
            assert.match(outcome.stdout, noticeDiagnostic("legacy-portal"), outcome.stdout);
            assert.ok(
                outcome.stdout.includes(
                    'Excluded kind: azure-native:web:WebApp "legacy-portal" is not checked by webapp-require-client-certificates: its kind "app,linux" matches excludedKinds "linux"',
                ),
                outcome.stdout,
            );
        });

        it("still blocks the app once its exemption has expired, naming the entry and the date", async () => {
            const outcome = await engine().preview(await certificatesOff(), {
                withPolicyPack: true,
                policyConfig: {
                    [POLICY]: { exemptions: [{ resource: "legacy-portal", reason: "gateway", expires: inDays(-1) }] },
                },
            });

            assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
            assert.ok(
                outcome.stdout.includes(
                    `Its exemption exemptions[0] expired on ${inDays(-1)} (reason given: "gateway"), so the rule applies again.`,
                ),
                outcome.stdout,
            );
            assert.doesNotMatch(outcome.stdout, /Exempt: /, outcome.stdout);
        });

        it("streams the notice as a policyEvent, and summarises the rule only for App Service resources", async () => {
            const events: EngineEvent[] = [];
            const stack = await engine().stack("compliant-app", EXAMPLES["compliant-app"].program());
            const outcome = await engine().preview(stack, {
                withPolicyPack: true,
                policyConfig: {
                    [POLICY]: {
                        exemptions: [{ resource: "orders-api-staging", reason: "gateway", expires: "2027-12-31" }],
                    },
                },
                onEvent: event => events.push(event),
            });
            assert.strictEqual(outcome.exitCode, 0, printed(outcome));

            const notices = events
                .flatMap(e => (e.policyEvent ? [e.policyEvent] : []))
                .filter(e => e.policyName === NOTICES);
            assert.deepStrictEqual(
                notices.map(e => [e.resourceUrn?.split("::").pop(), e.enforcementLevel, parseNotice(e.message)]),
                [
                    [
                        "orders-api-staging",
                        "advisory",
                        {
                            notice: "exempt",
                            type: "azure-native:web:WebAppSlot",
                            name: "orders-api-staging",
                            index: 0,
                            expires: "2027-12-31",
                            reason: "gateway",
                        },
                    ],
                ],
            );

            type Summary = { resourceUrn: string; passed?: string[]; failed?: string[] };
            const summaries = events.flatMap(e => {
                const summary = (e as { policyAnalyzeSummaryEvent?: Summary }).policyAnalyzeSummaryEvent;
                return summary ? [summary] : [];
            });
            const judgedByRule = summaries
                .filter(s => [...(s.passed ?? []), ...(s.failed ?? [])].includes(POLICY))
                .map(s => s.resourceUrn.split("::").pop());
            assert.deepStrictEqual(
                judgedByRule,
                ["orders-api"],
                "only the WebApp: the slot is exempt, the rest are not App Service resources",
            );
            assert.ok(summaries.length >= 5, `a summary per resource: ${JSON.stringify(summaries)}`);
        });

        it("pulumi policy analyze prints the notice for an exempt app already deployed", async () => {
            const stack = await engine().stack("deployed-exempt", EXAMPLES["webapp-certificates-off"].program());
            const deployed = await engine().up(stack);
            assert.strictEqual(deployed.exitCode, 0, printed(deployed));
            const configFile = path.join(engine().dir, "analyze-policy-config.json");
            fs.writeFileSync(
                configFile,
                JSON.stringify({
                    [POLICY]: { exemptions: [{ resource: "legacy-portal", reason: "gateway", expires: "2027-12-31" }] },
                }),
            );

            const audit = await engine().run(
                [
                    "policy",
                    "analyze",
                    "--policy-pack",
                    engine().policyPack,
                    "--policy-pack-config",
                    configFile,
                    "--stack",
                    stack.name,
                ],
                stack.workspace.workDir,
            );

            assert.strictEqual(audit.exitCode, 0, printed(audit));
            assert.ok(printed(audit).includes(NOTICES), printed(audit));
            assert.ok(
                printed(audit).includes(
                    'Exempt: azure-native:web:WebApp "legacy-portal" is exempt from webapp-require-client-certificates by exemptions[0] until 2027-12-31; reason: gateway',
                ),
                printed(audit),
            );
        });
    });
});
