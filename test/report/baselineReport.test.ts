// The report of a run with the baseline rules: each rule its own verdicts, SARIF rule, JUnit suite and Markdown
// table, read from the messages and notices the pack writes.
import * as assert from "assert";
import { buildReport } from "../../policy-pack/report/verdicts";
import { toSarif } from "../../policy-pack/report/sarif";
import { toJUnit } from "../../policy-pack/report/junit";
import { toMarkdown } from "../../policy-pack/report/markdown";
import { noticeLine, NOTICES_DESCRIPTION } from "../../policy-pack/notices";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { httpsOnlyRule } from "../../policy-pack/baseline/rules/httpsOnly";
import { minimumTlsVersionRule } from "../../policy-pack/baseline/rules/minimumTlsVersion";
import { validationArgs } from "../../tools/engine/policyArgs";
import { run } from "../policy-pack/support";
import { events, NOTICES, previewStream, urnOf, WEB_APP } from "./engineEventFixtures";
import { assertValidSarif } from "./reportFormats";
import { main } from "../../policy-pack/report/cli";
import { XMLValidator } from "fast-xml-parser";

const input = { source: "preview.jsonl", projectDir: "." };
const shop = urnOf(WEB_APP, "shop");
const legacy = urnOf(WEB_APP, "legacy");
const HTTPS = "webapp-https-only";
const FTP = "webapp-ftp-deployments-disabled";

/** The engine's message for the HTTPS rule's violation on "shop": the policy's description, then the pack's text. */
function httpsViolation(): string {
    const [text] = run(
        baselinePolicy(httpsOnlyRule),
        validationArgs(WEB_APP, { httpsOnly: false }, { name: "shop" }),
    ).violations;
    return `${httpsOnlyRule.description}\n${text}\n`;
}

function report() {
    return buildReport(
        events(
            previewStream(
                [
                    {
                        urn: shop,
                        result: "passed",
                        events: [{ policyName: HTTPS, message: httpsViolation() }],
                        others: { passed: [FTP], failed: [HTTPS] },
                    },
                    {
                        urn: legacy,
                        result: "passed",
                        events: [
                            {
                                policyName: NOTICES,
                                enforcementLevel: "advisory",
                                message: `${NOTICES_DESCRIPTION}\n${noticeLine({ notice: "exempt", type: WEB_APP, name: "legacy", index: 0, reason: "SEC-7", policy: FTP })}\n`,
                            },
                        ],
                        others: { passed: [HTTPS] },
                    },
                ],
                { result: "failed" },
            ),
        ),
        input,
    );
}

describe("the report of the baseline rules", () => {
    it("gives each rule that ran its own verdicts, and leaves the client-certificate verdicts as they were", () => {
        const built = report();
        assert.deepStrictEqual(
            built.resources.map(r => [r.name, r.verdict]),
            [
                ["legacy", "compliant"],
                ["shop", "compliant"],
            ],
        );
        assert.deepStrictEqual(
            built.baseline!.map(rule => [
                rule.policy,
                rule.cis,
                rule.resources.map(r => [r.name, r.verdict, r.reason]),
            ]),
            [
                [
                    HTTPS,
                    "9.2 (v2.0.0, v2.1.0), 9.1 (v3.0.0)",
                    [
                        ["legacy", "compliant", "meets the HTTPS only rule"],
                        ["shop", "violating", "httpsOnly is false; required: true."],
                    ],
                ],
                [
                    FTP,
                    "9.10 (v2.0.0), 9.9 (v2.1.0), 9.3 (v3.0.0)",
                    [
                        [
                            "legacy",
                            "exempt",
                            `Exempt: ${WEB_APP} "legacy" is exempt from ${FTP} by exemptions[0] until no expiry date; reason: SEC-7`,
                        ],
                        ["shop", "compliant", "meets the FTP deployments rule"],
                    ],
                ],
            ],
        );
    });

    it("lists no baseline for a stream whose pack ran none of its rules", () => {
        const built = buildReport(events(previewStream([{ urn: shop, result: "passed" }])), input);
        assert.strictEqual(built.baseline, undefined);
    });

    it("makes each rule its own SARIF rule, with its results, in a log valid against the SARIF 2.1.0 schema", () => {
        const sarif = toSarif(report(), ".") as any;
        assertValidSarif(sarif);
        const [run0] = sarif.runs;
        assert.deepStrictEqual(
            run0.tool.driver.rules.map((r: any) => r.id),
            ["webapp-require-client-certificates", HTTPS, FTP],
        );
        assert.deepStrictEqual(
            run0.results.map((r: any) => [r.ruleId, r.ruleIndex, r.kind, r.locations[0].logicalLocations[0].name]),
            [
                [HTTPS, 1, "fail", "shop"],
                [FTP, 2, "notApplicable", "legacy"],
            ],
        );
        assert.deepStrictEqual(run0.tool.driver.rules[1].properties.cis.recommendations[2], {
            version: "3.0.0",
            id: "9.1",
            title: "Ensure 'HTTPS Only' is set to `On`",
        });
    });

    it("makes each rule its own JUnit suite, counted in the total", () => {
        const xml = toJUnit(report());
        assert.strictEqual(XMLValidator.validate(xml), true);
        assert.match(xml, /<testsuites name="[^"]*" tests="6" failures="1" errors="0" skipped="1">/);
        assert.match(
            xml,
            /<testsuite name="webapp-https-only \(CIS Microsoft Azure Foundations Benchmark 9\.2 \(v2\.0\.0, v2\.1\.0\), 9\.1 \(v3\.0\.0\)\)" tests="2" failures="1" errors="0" skipped="0">/,
        );
        assert.match(
            xml,
            /<testsuite name="webapp-ftp-deployments-disabled \([^"]*\)" tests="2" failures="0" errors="0" skipped="1">/,
        );
    });

    it("gives each rule its own Markdown table", () => {
        const markdown = toMarkdown(report());
        assert.match(markdown, /^## HTTPS only: `webapp-https-only`$/m);
        assert.match(
            markdown,
            /^Verdicts: violating 1, unverifiable 0, exempt 0, excluded kind 0, compliant 1; total 2\.$/m,
        );
        assert.match(
            markdown,
            /^\| shop \| `azure-native:web:WebApp` \| \*\*violating\*\* \| httpsOnly is false; required: true\. \|/m,
        );
        assert.match(markdown, /^## FTP deployments: `webapp-ftp-deployments-disabled`$/m);
    });
});

describe("the report of a baseline rule on a write to a site the resource does not declare", () => {
    const DEPLOYMENT = "azure-native:resources:Deployment";
    const configs = urnOf(DEPLOYMENT, "configs");

    it("makes the deployment violating for the rule, quoting the child's write, and leaves it out of the client-certificate verdicts", () => {
        const template = {
            resources: [
                {
                    type: "Microsoft.Web/sites/config",
                    apiVersion: "2024-04-01",
                    name: "existing-app/web",
                    properties: { minTlsVersion: "1.0" },
                },
            ],
        };
        const [text] = run(
            baselinePolicy(minimumTlsVersionRule),
            validationArgs(DEPLOYMENT, { properties: { mode: "Incremental", template } }, { name: "configs" }),
        ).violations;
        const built = buildReport(
            events(
                previewStream(
                    [
                        {
                            urn: configs,
                            result: "none",
                            events: [
                                {
                                    policyName: minimumTlsVersionRule.name,
                                    message: `${minimumTlsVersionRule.description}\n${text}\n`,
                                },
                            ],
                            others: { failed: [minimumTlsVersionRule.name] },
                        },
                    ],
                    { result: "failed" },
                ),
            ),
            input,
        );
        assert.deepStrictEqual(built.resources, []);
        const [rule] = built.baseline!;
        assert.strictEqual(rule.policy, minimumTlsVersionRule.name);
        assert.deepStrictEqual(
            rule.resources.map(r => [r.name, r.verdict]),
            [["configs", "violating"]],
        );
        assert.match(
            rule.resources[0].reason,
            /properties\.template\.resources\[0\]\.properties\.minTlsVersion is "1\.0"/,
        );
    });
});

describe("the CI gate with the baseline rules", () => {
    async function exitCode(stream: string): Promise<{ code: number; stderr: string }> {
        let stderr = "";
        const code = await main(
            [],
            async () => stream,
            () => undefined,
            text => (stderr += text),
        );
        return { code, stderr };
    }

    it("fails on a baseline rule's mandatory violation, naming the rule", async () => {
        const stream = previewStream(
            [
                {
                    urn: shop,
                    result: "passed",
                    events: [{ policyName: HTTPS, message: httpsViolation() }],
                    others: { failed: [HTTPS] },
                },
            ],
            { result: "failed" },
        );
        const { code, stderr } = await exitCode(stream);
        assert.strictEqual(code, 1);
        assert.match(stderr, /shop \(violating: webapp-https-only\)/);
    });

    it("reports a baseline rule's advisory violation without failing the gate", async () => {
        const stream = previewStream([
            {
                urn: shop,
                result: "passed",
                events: [{ policyName: HTTPS, message: httpsViolation(), enforcementLevel: "advisory" }],
                others: { failed: [HTTPS] },
            },
        ]);
        assert.deepStrictEqual(await exitCode(stream), { code: 0, stderr: "" });
    });
});
