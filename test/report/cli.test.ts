// The command as CI runs it: `secure-webapp-report` (`policy-pack/bin/report/cli.js`, compiled) would be the same code; these tests call its main()
// with the arguments and standard input a user gives, and read what it prints and writes.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../policy-pack/report/cli";
import { noticeLine } from "../../policy-pack/notices";
import { violationHeadline } from "../../policy-pack/violationWording";
import { CERTS_OFF, findingLinesOf, NOTICES, previewStream, urnOf, violation, WEB_APP } from "./engineEventFixtures";
import { assertValidSarif, parseJUnit } from "./reportFormats";

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

async function run(args: string[], stdin = ""): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const code = await main(
        args,
        async () => stdin,
        text => (stdout += text),
        text => (stderr += text),
    );
    return { code, stdout, stderr };
}

const VIOLATION = violation(WEB_APP, "legacy-portal", [CERTS_OFF]);
const [CERTS_OFF_LINE] = findingLinesOf(VIOLATION);
const EXEMPT = noticeLine({
    notice: "exempt",
    type: WEB_APP,
    name: "behind-gateway",
    index: 0,
    expires: "2027-03-31",
    reason: 'TLS ends at Application Gateway <SEC-142> & "friends"',
});

const MIXED = previewStream([
    { urn: urnOf(WEB_APP, "storefront"), result: "passed" },
    { urn: urnOf(WEB_APP, "legacy-portal"), result: "failed", events: [{ message: VIOLATION }] },
    {
        urn: urnOf(WEB_APP, "behind-gateway"),
        result: "none",
        events: [{ policyName: NOTICES, enforcementLevel: "advisory", message: EXEMPT }],
    },
    { urn: urnOf("azure-native:resources:ResourceGroup", "rg"), result: "passed" },
]);

describe("secure-webapp-report command", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-report-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads standard input, prints the summary with every App Service resource and exits 1 on a violation", async () => {
        const { code, stdout, stderr } = await run([], MIXED);
        assert.strictEqual(code, 1, stderr);
        assert.match(
            stdout,
            /\| violating \| 1 \|\n\| unverifiable \| 0 \|\n\| exempt \| 1 \|\n\| excluded kind \| 0 \|\n\| compliant \| 1 \|\n\| \*\*total\*\* \| \*\*3\*\* \|/,
        );
        assert.ok(
            stdout.includes(
                `| legacy-portal | \`azure-native:web:WebApp\` | **violating** | ${CERTS_OFF_LINE.slice(0, 20)}`,
            ),
            stdout,
        );
        assert.ok(
            stdout.includes(
                `| behind-gateway | \`azure-native:web:WebApp\` | **exempt until 2027-03-31** | ${EXEMPT.slice(0, EXEMPT.indexOf("TLS ends"))}`,
            ),
            stdout,
        );
        assert.match(stdout, /CIS Microsoft Azure Foundations Benchmark 9\.4 \(v1\.1\.0 to v2\.0\.0\)/);
        assert.doesNotMatch(stdout, /\| rg \|/, "only App Service resources count");
        assert.match(stderr, /1 App Service resource\(s\) violating or unverifiable: legacy-portal \(violating\)/);
    });

    it("writes valid SARIF 2.1.0: the violation as an error, the exemption as a suppressed result with its reason", async () => {
        const file = path.join(dir, "stream.jsonl");
        fs.writeFileSync(file, MIXED);
        const sarifFile = path.join(dir, "results.sarif");
        await run([file, "--sarif", sarifFile, "--project-dir", "infra"]);
        const log = JSON.parse(fs.readFileSync(sarifFile, "utf8"));
        const results = assertValidSarif(log);
        assert.throws(
            () => assertValidSarif({ ...log, version: "2.0.0" }),
            /invalid SARIF/,
            "the schema check must be able to fail",
        );
        assert.throws(() => assertValidSarif({ ...log, runs: [{ ...log.runs[0], tool: {} }] }), /invalid SARIF/);
        const rule = log.runs[0].tool.driver.rules[0];
        assert.strictEqual(rule.id, "webapp-require-client-certificates");
        assert.match(rule.fullDescription.text, /CIS Microsoft Azure Foundations Benchmark 9\.4/);
        assert.match(rule.help.text, /Fix: Use the SecureWebApp component/);
        assert.strictEqual(rule.properties["security-severity"], "8.0");
        assert.deepStrictEqual(
            results.map(r => [
                r.locations[0].logicalLocations[0].fullyQualifiedName,
                r.level,
                r.suppressions?.[0].status,
            ]),
            [
                [urnOf(WEB_APP, "behind-gateway"), "none", "accepted"],
                [urnOf(WEB_APP, "legacy-portal"), "error", undefined],
            ],
        );
        assert.ok(
            results[1].message.text.includes(violationHeadline(WEB_APP, "legacy-portal")),
            results[1].message.text,
        );
        assert.match(
            results[0].suppressions![0].justification,
            /TLS ends at Application Gateway <SEC-142> & "friends"/,
        );
        // Without --state the report cannot know the program line: it points at the project file and says so.
        assert.deepStrictEqual(results[1].locations[0].physicalLocation.artifactLocation, { uri: "infra/Pulumi.yaml" });
        assert.match(results[1].message.text, /give the report --state/);
    });

    it("writes JUnit XML: one test case per App Service resource, failed, skipped or passed", async () => {
        const junitFile = path.join(dir, "results.xml");
        await run(["-", "--junit", junitFile], MIXED);
        const junit = parseJUnit(fs.readFileSync(junitFile, "utf8"));
        assert.deepStrictEqual([junit.tests, junit.failures, junit.skipped], [3, 1, 1]);
        const byName = new Map(junit.cases.map(c => [c.name, c]));
        assert.strictEqual(byName.get("storefront")?.failure, undefined);
        assert.strictEqual(byName.get("legacy-portal")?.failure?.type, "violating");
        assert.ok(
            byName.get("legacy-portal")!.failure!.text.includes(CERTS_OFF_LINE),
            byName.get("legacy-portal")!.failure!.text,
        );
        assert.strictEqual(byName.get("behind-gateway")!.skipped!.message, EXEMPT);
    });

    it("writes the summary as Markdown, the same text it prints", async () => {
        const markdownFile = path.join(dir, "summary.md");
        const { stdout } = await run(["--markdown", markdownFile], MIXED);
        assert.strictEqual(fs.readFileSync(markdownFile, "utf8"), stdout);
    });

    it("--fail-on chooses which verdicts fail the run", async () => {
        assert.strictEqual((await run(["--fail-on", "none"], MIXED)).code, 0);
        assert.strictEqual((await run(["--fail-on", "violating,exempt"], MIXED)).code, 1);
        const compliant = previewStream([{ urn: urnOf(WEB_APP, "storefront"), result: "passed" }]);
        assert.strictEqual((await run([], compliant)).code, 0);
        const bad = await run(["--fail-on", "violations"], MIXED);
        assert.strictEqual(bad.code, 2);
        assert.match(bad.stderr, /--fail-on "violations" names no verdict "violations"/);
    });

    it("pulumi up --json: judges the update, the last run in the stream, not the preview before it", async () => {
        const unknownAtPreview = previewStream([
            {
                urn: urnOf(WEB_APP, "late-bound"),
                result: "failed",
                events: [
                    {
                        enforcementLevel: "advisory",
                        message:
                            "can't run policy 'webapp-require-client-certificates' from policy pack 'azure-secure-webapp@v0.1.0' during preview: string value at .clientCertMode can't be known during preview",
                    },
                ],
            },
        ]);
        const update = previewStream([{ urn: urnOf(WEB_APP, "late-bound"), result: "passed" }], { isPreview: false });
        const { code, stdout } = await run([], unknownAtPreview + update);
        assert.strictEqual(code, 0);
        assert.match(stdout, /`pulumi up` of stack `dev`/);
        assert.match(stdout, /\| late-bound \| `azure-native:web:WebApp` \| \*\*compliant\*\*/);
    });

    it("pulumi up --json without the streaming variable: the preview digest before the events locates each resource", async () => {
        const app = urnOf(WEB_APP, "storefront");
        const digest = JSON.stringify(
            {
                steps: [
                    {
                        op: "create",
                        urn: app,
                        newState: {
                            urn: app,
                            type: WEB_APP,
                            parent: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
                            sourcePosition: "project:///index.ts#21,5",
                        },
                    },
                ],
            },
            null,
            4,
        );
        const update = previewStream([{ urn: app, result: "passed" }], { isPreview: false });
        const { code, stdout } = await run(["--project-dir", "infra"], `${digest}\n${update}`);
        assert.strictEqual(code, 0);
        assert.match(
            stdout,
            /\| storefront \| `azure-native:web:WebApp` \| \*\*compliant\*\* \| client certificates required \| infra\/index.ts:21 \|/,
        );
        const garbled = await run([], `${digest}\n${update.replace('"cancelEvent"', "cancelEvent")}`);
        assert.match(
            garbled.stderr,
            new RegExp(
                `line ${digest.split("\n").length + update.trim().split("\n").length}, is not a JSON engine event`,
            ),
        );
    });

    describe("records what was run, for a report kept as evidence", () => {
        const config = {
            "webapp-require-client-certificates": { enforcementLevel: "mandatory", allowedExclusionPaths: ["/health"] },
        };
        let files: { config: string; cli: string; sarif: string; junit: string };
        beforeEach(() => {
            files = {
                config: path.join(dir, "policy.json"),
                cli: path.join(dir, "pulumi"),
                sarif: path.join(dir, "r.sarif"),
                junit: path.join(dir, "r.xml"),
            };
            fs.writeFileSync(files.config, JSON.stringify(config, null, 2));
            fs.writeFileSync(files.cli, '#!/bin/sh\n[ "$1" = version ] && echo v3.274.1\n', { mode: 0o755 });
        });
        const recorded = () =>
            run(
                [
                    "--policy-config",
                    files.config,
                    "--pulumi-cli",
                    files.cli,
                    "--sarif",
                    files.sarif,
                    "--junit",
                    files.junit,
                ],
                MIXED,
            );
        const digest = () =>
            `sha256:${require("crypto").createHash("sha256").update(fs.readFileSync(files.config)).digest("hex")}`;

        it("the Markdown summary opens with a header block: operation, time, stack, project, CLI, pack, config and its digest, commit", async () => {
            const { stdout } = await recorded();
            const header = stdout.slice(stdout.indexOf("| what was run |"), stdout.indexOf("**Control:**"));
            assert.match(
                header,
                /\| judged \| pulumi preview, a preview: the program's planned inputs, before anything is deployed \|/,
            );
            assert.match(header, /\| run ended \(UTC\) \| 2026-11-29T07:55:36Z \|/);
            assert.match(header, /\| stack \| dev \|\n\| project \| shop \|/);
            assert.match(header, /\| Pulumi CLI \| v3\.274\.1 \|/);
            assert.match(header, /\| policy pack \| azure-secure-webapp 0\.1\.0 \|/);
            assert.ok(
                header.includes(
                    `| policy config | ${files.config}: enforcement level mandatory; allowedExclusionPaths "/health"; excludedKinds none; exemptions none |`,
                ),
                header,
            );
            assert.ok(header.includes(`| policy config digest | ${digest()} |`), header);
            assert.match(header, /\| git commit \| [0-9a-f]{40}( \(with uncommitted changes\))? \|/);
        });

        it("SARIF carries it in its own fields: invocations, versionControlProvenance, the driver's version; still valid 2.1.0", async () => {
            await recorded();
            const log = JSON.parse(fs.readFileSync(files.sarif, "utf8"));
            assertValidSarif(log);
            const [runLog] = log.runs;
            assert.strictEqual(runLog.tool.driver.version, "0.1.0");
            const [invocation] = runLog.invocations;
            assert.strictEqual(invocation.executionSuccessful, true);
            assert.strictEqual(invocation.endTimeUtc, "2026-11-29T07:55:36Z");
            assert.deepStrictEqual(
                [
                    invocation.properties.operation,
                    invocation.properties.stack,
                    invocation.properties.project,
                    invocation.properties.pulumiCli,
                    invocation.properties.policyPack,
                ],
                [
                    "pulumi preview",
                    "dev",
                    "shop",
                    { version: "v3.274.1" },
                    { name: "azure-secure-webapp", version: "0.1.0" },
                ],
            );
            assert.deepStrictEqual(invocation.properties.policyConfig, {
                given: true,
                file: files.config,
                digest: digest(),
                document: config,
            });
            const [provenance] = runLog.versionControlProvenance;
            assert.match(provenance.revisionId, /^[0-9a-f]{40}$/);
            assert.doesNotThrow(() => new URL(provenance.repositoryUri));
        });

        it("JUnit carries it as properties of the suite", async () => {
            await recorded();
            const { properties } = parseJUnit(fs.readFileSync(files.junit, "utf8"));
            assert.deepStrictEqual(
                [
                    "operation",
                    "finishedAt",
                    "stack",
                    "project",
                    "pulumiCliVersion",
                    "policyPack",
                    "policyConfigDigest",
                ].map(key => properties.get(key)),
                [
                    "pulumi preview, a preview: the program's planned inputs, before anything is deployed",
                    "2026-11-29T07:55:36Z",
                    "dev",
                    "shop",
                    "v3.274.1",
                    "azure-secure-webapp 0.1.0",
                    digest(),
                ],
            );
            assert.match(properties.get("gitCommit")!, /^[0-9a-f]{40}/);
        });

        it("a CLI that cannot be asked is recorded as not known, with why, and the report still runs", async () => {
            const { code, stdout } = await run(["--pulumi-cli", path.join(dir, "no-such-pulumi")], MIXED);
            assert.strictEqual(code, 1);
            assert.match(
                stdout,
                /\| Pulumi CLI \| not known: `.*no-such-pulumi version` did not answer \(ENOENT\); give --pulumi-cli the CLI that ran \|/,
            );
        });

        it("a policy config the pack would refuse is refused, with the pack's own message", async () => {
            fs.writeFileSync(
                files.config,
                JSON.stringify({ "webapp-require-client-certificates": { allowedExclusionPaths: ["/"] } }),
            );
            const { code, stdout, stderr } = await run(["--policy-config", files.config], MIXED);
            assert.deepStrictEqual([code, stdout], [2, ""]);
            assert.match(
                stderr,
                /policy\.json is one the pack refuses:\n- webapp-require-client-certificates\.allowedExclusionPaths\[0\] is "\/"/,
            );
        });
    });

    describe("refuses input it cannot trust: a clear error and exit code 2, never a clean report", () => {
        async function refused(stdin: string, pattern: RegExp, args: string[] = []): Promise<void> {
            const { code, stdout, stderr } = await run(args, stdin);
            assert.strictEqual(code, 2, stderr);
            assert.strictEqual(stdout, "", "no summary for input it refused");
            assert.match(stderr, pattern);
        }

        it("an empty stream", () => refused("", /standard input is empty: it holds no engine events/));
        it("a blank one", () => refused("\n \n", /is empty/));

        it("the summary document `pulumi preview --json` prints without the streaming variable: named, with what to run", async () => {
            const app = urnOf(WEB_APP, "storefront");
            const digest =
                JSON.stringify(
                    {
                        steps: [{ op: "create", urn: app, newState: { urn: app, type: WEB_APP } }],
                        changeSummary: { create: 1 },
                    },
                    null,
                    4,
                ) + "\n";
            await refused(
                digest,
                /standard input is the summary document that `pulumi preview --json` prints without PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1, not its event stream.*Run the preview again with the variable set/s,
            );
        });

        it("a stream cut short before the engine's summary", async () => {
            const lines = MIXED.trim().split("\n");
            await refused(
                lines.slice(0, lines.length - 2).join("\n"),
                /ends after \d+ event\(s\) without the engine's summaryEvent: the run was cut short/,
            );
        });

        it("a stream cut in the middle of a line", async () => {
            await refused(MIXED.slice(0, MIXED.length - 30), /line \d+, is not a JSON engine event/);
        });

        it("garbage lines, such as the CLI's human output mixed in", async () => {
            const lines = MIXED.split("\n");
            lines.splice(3, 0, "Previewing update (dev):");
            await refused(
                lines.join("\n"),
                /standard input, line 4, is not a JSON engine event: "Previewing update \(dev\):"/,
            );
        });

        it("JSON that is not an engine event", () =>
            refused('{"hello": "world"}\n', /line 1, is not a JSON engine event/));

        it("an engine event without the fields the report reads", async () => {
            const lines = MIXED.split("\n");
            const index = lines.findIndex(line => line.includes('"policyEvent"'));
            lines[index] = lines[index].replace(/"message":"(?:[^"\\]|\\.)*",/, "");
            await refused(lines.join("\n"), new RegExp(`line ${index + 1}, is not a JSON engine event`));
        });

        it("a run without the pack", async () => {
            const withoutPack = previewStream([{ urn: urnOf(WEB_APP, "storefront"), result: "passed" }], {
                PolicyPacks: {},
            })
                .split("\n")
                .filter(line => !line.includes('"policyPackName":"azure-secure-webapp"'))
                .join("\n");
            await refused(
                withoutPack,
                /holds no results of the azure-secure-webapp policy pack: the pack did not run\. Add --policy-pack/,
            );
        });

        it("a run that failed for another reason than a policy violation", async () => {
            const lines = previewStream([{ urn: urnOf(WEB_APP, "storefront"), result: "passed" }], { result: "failed" })
                .trim()
                .split("\n");
            lines.splice(
                lines.length - 2,
                0,
                JSON.stringify({
                    sequence: 99,
                    diagnosticEvent: { message: "TypeError: plan is undefined\n", severity: "error", color: "never" },
                }),
            );
            await refused(
                lines.join("\n"),
                /the run failed before every resource was checked, for a reason other than a policy violation: TypeError: plan is undefined/,
            );
        });

        it("a --state file that is not a state or a preview digest", async () => {
            const file = path.join(dir, "state.json");
            fs.writeFileSync(file, "Previewing update (dev):");
            await refused(MIXED, /state\.json is not JSON .*Give --state the output of `pulumi stack export`/, [
                "--state",
                file,
            ]);
            fs.writeFileSync(file, JSON.stringify({ resources: [] }));
            await refused(
                MIXED,
                /is neither a `pulumi stack export` file \(deployment\.resources\) nor a `pulumi preview --json` digest/,
                ["--state", file],
            );
        });

        it("a missing file", () =>
            refused("", /cannot read the event stream .*nope\.jsonl/, [path.join(os.tmpdir(), "nope.jsonl")]));
        it("an unknown option", () => refused(MIXED, /Unknown option '--sarf'/, ["--sarf", "x"]));
    });
});
