import * as assert from "assert";
import { buildReport, ResourceVerdict } from "../../policy-pack/report/verdicts";
import { readStackState } from "../../policy-pack/report/stackState";
import { CUSTOM_DEFINITION_LINE, expiryWarningLine, NOTICES_DESCRIPTION, noticeLine } from "../../policy-pack/notices";
import { readPolicyConfig } from "../../policy-pack/report/policyConfig";
import { expiredExemptionLine, violationHeadline } from "../../policy-pack/violationWording";
import { renegotiationInStack } from "../../policy-pack/policies/renegotiationInStack";
import { generic, stackResource, stackViolations } from "../policy-pack/stackPolicies";
import {
    CERTS_OFF,
    events,
    findingLinesOf,
    MODE_UNVERIFIABLE,
    NOTICES,
    POLICY,
    previewStream,
    ResourceFixture,
    urnOf,
    violation,
    WEB_APP,
} from "./engineEventFixtures";

const input = { source: "preview.jsonl", projectDir: "." };
const app = urnOf(WEB_APP, "payments");

function verdictOf(fixture: Partial<ResourceFixture>): ResourceVerdict {
    const report = buildReport(events(previewStream([{ urn: app, result: "passed", ...fixture }])), input);
    assert.strictEqual(report.resources.length, 1, JSON.stringify(report.resources));
    return report.resources[0];
}

describe("report verdicts: one per App Service resource, never failing open", () => {
    it("an app the pack passed is compliant", () => {
        const v = verdictOf({});
        assert.deepStrictEqual([v.verdict, v.type, v.name, v.urn], ["compliant", WEB_APP, "payments", app]);
    });

    it("a mandatory violation is violating, with the pack's message without the policy description", () => {
        const message = violation(WEB_APP, "payments", [CERTS_OFF]);
        const v = verdictOf({ result: "failed", events: [{ message }] });
        assert.strictEqual(v.verdict, "violating");
        assert.strictEqual(v.enforcementLevel, "mandatory");
        assert.ok(v.message!.startsWith(violationHeadline(WEB_APP, "payments")), v.message);
        assert.deepStrictEqual([v.reason], findingLinesOf(message));
    });

    it("a violation of the rule's stack part on an app the rule's resource policy passed is violating", () => {
        // The stack part's own message, for an app whose generic web config turns HTTP/2 on beside exclusion paths.
        const [stackViolation] = stackViolations(
            renegotiationInStack,
            [
                stackResource(WEB_APP, "payments", {
                    resourceGroupName: "rg",
                    name: "payments",
                    clientCertEnabled: true,
                    clientCertMode: "Required",
                    clientCertExclusionPaths: "/health",
                }),
                generic("web", "sites/payments", "config", "web", { http20Enabled: true }),
            ],
            { allowedExclusionPaths: ["/health"] },
        );
        // The engine puts the policy's description first.
        const message = `${renegotiationInStack.description}\n${stackViolation.message}`;
        const v = verdictOf({ result: "passed", events: [{ policyName: renegotiationInStack.name, message }] });
        assert.deepStrictEqual([v.verdict, v.enforcementLevel], ["violating", "mandatory"]);
        assert.ok(v.message!.startsWith(violationHeadline(WEB_APP, "payments")), v.message);
        assert.match(v.reason!, /sets properties\.http20Enabled true: a client on HTTP\/2 cannot be asked/);
    });

    it("an advisory violation is still violating", () => {
        const v = verdictOf({
            result: "failed",
            events: [{ message: violation(WEB_APP, "payments", [CERTS_OFF]), enforcementLevel: "advisory" }],
        });
        assert.deepStrictEqual([v.verdict, v.enforcementLevel], ["violating", "advisory"]);
    });

    it("a value unknown at preview is unverifiable, to be checked during pulumi up", () => {
        const v = verdictOf({
            result: "failed",
            events: [
                {
                    enforcementLevel: "advisory",
                    message:
                        "can't run policy 'webapp-require-client-certificates' from policy pack 'azure-secure-webapp@v0.1.0' during preview: string value at .clientCertMode can't be known during preview\n",
                },
            ],
        });
        assert.strictEqual(v.verdict, "unverifiable");
        assert.match(v.reason, /clientCertMode can't be known during preview: checked during pulumi up/);
    });

    it("findings the pack cannot verify before deployment are unverifiable; one definite finding makes it violating", () => {
        const arm = "azure-native:resources:Deployment";
        const only = buildReport(
            events(
                previewStream([
                    {
                        urn: urnOf(arm, "site"),
                        result: "failed",
                        events: [{ message: violation(arm, "site", [MODE_UNVERIFIABLE]) }],
                    },
                ]),
            ),
            input,
        );
        assert.strictEqual(only.resources[0].verdict, "unverifiable");
        const both = violation(arm, "site", [CERTS_OFF, MODE_UNVERIFIABLE]);
        const mixed = buildReport(
            events(previewStream([{ urn: urnOf(arm, "site"), result: "failed", events: [{ message: both }] }])),
            input,
        );
        assert.strictEqual(mixed.resources[0].verdict, "violating");
    });

    it("an exemption notice makes the app exempt, with its entry, date, reason and expiry warning", () => {
        const exempt = {
            notice: "exempt" as const,
            type: WEB_APP,
            name: "payments",
            index: 2,
            expires: "2026-12-31",
            reason: "TLS ends at Application Gateway (SEC-142)",
        };
        const v = verdictOf({
            result: "none",
            events: [
                {
                    policyName: NOTICES,
                    enforcementLevel: "advisory",
                    message: `${NOTICES_DESCRIPTION}\n${noticeLine(exempt)}\n${expiryWarningLine(12, "2026-12-31")}\n`,
                },
            ],
        });
        assert.strictEqual(v.verdict, "exempt");
        assert.deepStrictEqual(v.notice, { ...exempt, expiryWarning: expiryWarningLine(12, "2026-12-31") });
        // The pack's whole line, as the reviewer approved it, then the warning.
        assert.strictEqual(v.reason, `${noticeLine(exempt)} (${expiryWarningLine(12, "2026-12-31")})`);
    });

    it("an exemption notice whose name and reason the pack cut is quoted as the pack wrote it, lengths and all", () => {
        const line = noticeLine({
            notice: "exempt",
            type: WEB_APP,
            name: "n".repeat(40_000),
            index: 0,
            reason: "r".repeat(40_000),
        });
        const v = verdictOf({
            result: "none",
            events: [
                { policyName: NOTICES, enforcementLevel: "advisory", message: `${NOTICES_DESCRIPTION}\n${line}\n` },
            ],
        });
        assert.strictEqual(v.verdict, "exempt");
        assert.strictEqual(v.reason, line);
        assert.match(v.reason, /"n{200}…" \(40,000 characters\) is exempt .* reason: r{600}… \(40,000 characters\)$/);
    });

    it("an exemption without expiry date says so", () => {
        const v = verdictOf({
            result: "none",
            events: [
                {
                    policyName: NOTICES,
                    enforcementLevel: "advisory",
                    message: `${NOTICES_DESCRIPTION}\n${noticeLine({ notice: "exempt", type: WEB_APP, name: "payments", index: 0, reason: "legacy" })}\n`,
                },
            ],
        });
        assert.deepStrictEqual([v.verdict, v.notice?.notice === "exempt" && v.notice.expires], ["exempt", undefined]);
        assert.match(v.reason, /by exemptions\[0\] until no expiry date; reason: legacy$/);
    });

    it("an excluded-kind notice makes the app excluded, naming the kind and the entry", () => {
        const excluded = {
            notice: "excluded-kind" as const,
            type: WEB_APP,
            name: "payments",
            kind: "functionapp,workflowapp",
            token: "workflowapp",
        };
        const v = verdictOf({
            result: "none",
            events: [
                {
                    policyName: NOTICES,
                    enforcementLevel: "advisory",
                    message: `${NOTICES_DESCRIPTION}\n${noticeLine(excluded)}\n`,
                },
            ],
        });
        assert.strictEqual(v.verdict, "excluded-kind");
        assert.deepStrictEqual(v.notice, excluded);
        assert.match(v.reason, /its kind "functionapp,workflowapp" matches excludedKinds "workflowapp"/);
    });

    it("a custom policy definition's notice lists no app: an assignment is left out, an application definition judged by its sites", () => {
        const notice = (type: string, name: string, property: string) => ({
            policyName: NOTICES,
            enforcementLevel: "advisory",
            message: `${NOTICES_DESCRIPTION}\n${noticeLine({
                notice: "custom-definition",
                type,
                name,
                property,
                definitionId: "/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web",
            })}\n${CUSTOM_DEFINITION_LINE}\n`,
        });
        const assignment = "azure-native:authorization:PolicyAssignment";
        const definition = "azure-native:solutions:ApplicationDefinition";
        const report = buildReport(
            events(
                previewStream([
                    {
                        urn: urnOf(assignment, "audit"),
                        result: "none",
                        events: [notice(assignment, "audit", "policyDefinitionId")],
                    },
                    {
                        urn: urnOf(definition, "managed"),
                        result: "passed",
                        events: [notice(definition, "managed", "policies[0].policyDefinitionId")],
                    },
                ]),
            ),
            input,
        );
        assert.deepStrictEqual(
            report.resources.map(r => [r.name, r.verdict, r.reason]),
            [["managed", "compliant", "client certificates required"]],
        );
    });

    it("a violation outweighs a notice on the same resource", () => {
        const v = verdictOf({
            result: "failed",
            events: [
                {
                    policyName: NOTICES,
                    enforcementLevel: "advisory",
                    message: noticeLine({
                        notice: "excluded-kind",
                        type: WEB_APP,
                        name: "payments",
                        kind: "app",
                        token: "app",
                    }),
                },
                { message: violation(WEB_APP, "payments", [CERTS_OFF]) },
            ],
        });
        assert.strictEqual(v.verdict, "violating");
    });

    it("an app the pack remediated at the remediate level is compliant, saying so", () => {
        const stream = events(previewStream([{ urn: app, result: "passed" }]));
        stream.splice(2, 0, {
            sequence: 99,
            policyRemediationEvent: { resourceUrn: app, policyName: POLICY, policyPackName: "azure-secure-webapp" },
        });
        const [v] = buildReport(stream, input).resources;
        assert.deepStrictEqual(
            [v.verdict, v.reason],
            ["compliant", "client certificates required once the pack's remediation is applied"],
        );
    });

    it("an App Service resource the pack gave no result for is unverifiable, not compliant", () => {
        const stream = events(previewStream([{ urn: app, result: "passed" }])).filter(
            e => e.policyAnalyzeSummaryEvent?.resourceUrn !== app,
        );
        const report = buildReport(stream, input);
        assert.strictEqual(report.resources[0].verdict, "unverifiable");
        assert.match(report.resources[0].reason, /reported no result/);
    });

    it("a failed result without a message is unverifiable", () => {
        assert.strictEqual(verdictOf({ result: "failed" }).verdict, "unverifiable");
    });

    it("counts only App Service resources: other types the engine lists as passed are left out", () => {
        const report = buildReport(
            events(
                previewStream([
                    { urn: urnOf("azure-native:resources:ResourceGroup", "rg"), result: "passed" },
                    { urn: urnOf("azure-native:web:AppServicePlan", "plan"), result: "passed" },
                    { urn: urnOf("azure-native:web/v20220901:WebAppSlot", "staging"), result: "passed" },
                    { urn: urnOf("azure:appservice/linuxFunctionApp:LinuxFunctionApp", "jobs"), result: "passed" },
                ]),
            ),
            input,
        );
        assert.deepStrictEqual(report.resources.map(r => r.name).sort(), ["jobs", "staging"]);
    });

    it("a policy analyze stream leaves out a generic Resource or template deployment the pack said nothing about", () => {
        const storage = urnOf("azure-native:resources:Resource", "storage");
        const network = urnOf("azure-native:resources:Deployment", "network");
        const analyze = [
            {
                sequence: 0,
                summaryEvent: {
                    isPreview: false,
                    result: "succeeded",
                    PolicyPacks: { "azure-secure-webapp": "0.1.0" },
                },
            },
            {
                sequence: 1,
                policyEvent: {
                    resourceUrn: app,
                    message: violation(WEB_APP, "payments", [CERTS_OFF]),
                    policyName: POLICY,
                    policyPackName: "azure-secure-webapp",
                    policyPackVersion: "0.1.0",
                    enforcementLevel: "mandatory",
                },
            },
        ].reverse();
        const state = readStackState(
            JSON.stringify({
                deployment: {
                    resources: [
                        { urn: app, type: WEB_APP },
                        { urn: storage, type: "azure-native:resources:Resource" },
                        { urn: network, type: "azure-native:resources:Deployment" },
                    ],
                },
            }),
            "state.json",
        );
        const report = buildReport(analyze, { ...input, state });
        assert.deepStrictEqual(
            report.resources.map(r => [r.name, r.verdict]),
            [["payments", "violating"]],
        );
    });

    it("names the stack, the project, the operation and the pack version", () => {
        const report = buildReport(events(previewStream([{ urn: app, result: "passed" }])), input);
        assert.deepStrictEqual(
            [report.stack, report.project, report.operation, report.packVersion],
            ["dev", "shop", "pulumi preview", "0.1.0"],
        );
    });

    it("locates a resource inside a component at the program line that created the component", () => {
        const component = urnOf("secure-webapp:index:SecureWebApp", "payments");
        const inner = urnOf(WEB_APP, "payments", "secure-webapp:index:SecureWebApp$");
        const state = readStackState(
            JSON.stringify({
                version: 3,
                deployment: {
                    resources: [
                        {
                            urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
                            type: "pulumi:pulumi:Stack",
                            sourcePosition: "project:///node_modules/@pulumi/runtime/stack.ts#38,19",
                        },
                        {
                            urn: component,
                            type: "secure-webapp:index:SecureWebApp",
                            parent: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
                            sourcePosition: "project:///index.ts#15,17",
                        },
                        {
                            urn: inner,
                            type: WEB_APP,
                            parent: component,
                            sourcePosition: "project:///../components/secureWebApp.ts#75,23",
                        },
                    ],
                },
            }),
            "state.json",
        );
        const report = buildReport(events(previewStream([{ urn: inner, result: "passed" }])), {
            ...input,
            state,
            projectDir: "infra",
        });
        assert.deepStrictEqual(report.resources[0].location, { file: "infra/index.ts", line: 15, column: 17 });
    });

    it("a policy analyze stream lists the state's App Service resources: violations from events, the rest compliant", () => {
        const other = urnOf(WEB_APP, "orders");
        const analyze = [
            {
                sequence: 0,
                policyEvent: {
                    resourceUrn: app,
                    message: violation(WEB_APP, "payments", [CERTS_OFF]),
                    policyName: POLICY,
                    policyPackName: "azure-secure-webapp",
                    policyPackVersion: "0.1.0",
                    enforcementLevel: "mandatory",
                },
            },
            {
                sequence: 1,
                summaryEvent: { isPreview: false, result: "failed", PolicyPacks: { "azure-secure-webapp": "0.1.0" } },
            },
        ];
        assert.throws(() => buildReport(analyze, input), /policy analyze.*--state/s);
        const state = readStackState(
            JSON.stringify({
                deployment: {
                    resources: [
                        { urn: app, type: WEB_APP },
                        { urn: other, type: WEB_APP },
                        {
                            urn: urnOf("azure-native:resources:ResourceGroup", "rg"),
                            type: "azure-native:resources:ResourceGroup",
                        },
                    ],
                },
            }),
            "state.json",
        );
        const report = buildReport(analyze, { ...input, state });
        assert.strictEqual(report.operation, "pulumi policy analyze");
        assert.deepStrictEqual(
            report.resources.map(r => [r.name, r.verdict]),
            [
                ["orders", "compliant"],
                ["payments", "violating"],
            ],
        );
    });
    describe("what an auditor asks next about a verdict", () => {
        /** A state file whose app has these recorded inputs. */
        const stateWith = (inputs: Record<string, unknown>) =>
            readStackState(
                JSON.stringify({ deployment: { resources: [{ urn: app, type: WEB_APP, inputs }] } }),
                "state.json",
            );
        const compliantInputs = {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health;/webhooks/",
        };
        const config = (rule: Record<string, unknown>) =>
            readPolicyConfig(Buffer.from(JSON.stringify({ [POLICY]: rule })), "policy.json");
        const environment = (rule: Record<string, unknown>) => ({
            pulumiCli: { version: "v3.274.1" },
            policyConfig: config(rule),
            reportedAt: "2026-12-01T10:00:00Z",
        });
        const passed = events(previewStream([{ urn: app, result: "passed" }]));

        it("a compliant app with exclusion paths shows them, and the allow-list of the config given that allows them", () => {
            const report = buildReport(passed, {
                ...input,
                state: stateWith(compliantInputs),
                environment: environment({ allowedExclusionPaths: ["/health", "/webhooks/"] }),
            });
            assert.strictEqual(
                report.resources[0].reason,
                'client certificates required; exclusion paths "/health", "/webhooks/" (allowed by allowedExclusionPaths ["/health","/webhooks/"] in policy.json)',
            );
        });

        it("without the config, the paths still show, allowed by whatever config the pack applied", () => {
            const report = buildReport(passed, { ...input, state: stateWith(compliantInputs) });
            assert.match(
                report.resources[0].reason,
                /exclusion paths "\/health", "\/webhooks\/" \(allowed by the policy config in force, since the pack passed the app\)/,
            );
        });

        it("a compliant app without exclusion paths says only that certificates are required", () => {
            const report = buildReport(passed, {
                ...input,
                state: stateWith({ clientCertEnabled: true, clientCertMode: "Required" }),
            });
            assert.strictEqual(report.resources[0].reason, "client certificates required");
        });

        it("a violation of an app whose exemption expired says it expired, and when, before the findings", () => {
            const cited = {
                exemption: { resource: "payments", reason: "gateway migration", expires: "2026-01-31" },
                index: 1,
            };
            const message = violation(WEB_APP, "payments", [CERTS_OFF], cited);
            const v = verdictOf({ result: "failed", events: [{ message }] });
            assert.strictEqual(v.verdict, "violating");
            assert.strictEqual(v.reason, [expiredExemptionLine(cited), ...findingLinesOf(message)].join(" "));
            assert.match(v.reason, /exemptions\[1\] expired on 2026-01-31 .*gateway migration/);
        });

        it("a compliant app whose exemption has expired says so, from the config given", () => {
            const expired = environment({
                exemptions: [{ resource: "payments", reason: "migration", expires: "2026-01-31" }],
            });
            const report = buildReport(passed, { ...input, environment: expired });
            assert.strictEqual(
                report.resources[0].reason,
                "client certificates required; its exemption exemptions[0] expired on 2026-01-31",
            );
        });

        it("records when the run ended, from the time the CLI wrote its summary", () => {
            assert.strictEqual(buildReport(passed, input).finishedAt, "2026-11-29T07:55:36Z");
        });
    });
});
