// secure-webapp-report on what the real CLI prints: `pulumi preview --json` with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1
// through the real engine and the real policy pack (stand-in Azure), piped into the command as a CI job would, with
// the preview digest (`pulumi preview --json` without the variable) as --state for the program lines.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type * as auto from "@pulumi/pulumi/automation";
import { EXAMPLES } from "../../examples/programs";
import { REPO_ROOT } from "../../tools/engine/cli";
import { OperationOptions } from "../../tools/engine/offlineEngine";
import { assertValidSarif, JUnitCase, parseJUnit, SarifResult } from "../report/reportFormats";
import { OPERATION_TIMEOUT_MS, POLICY, printed, useOfflineEngine } from "./offlineEngineFixture";
import { certModeKnownAfterCreate } from "./programs/certModeKnownAfterCreate";

interface Reported {
    exitCode: number;
    summary: string;
    stderr: string;
    sarif: SarifResult[];
    junit: ReturnType<typeof parseJUnit>;
    /** JUnit test cases by resource name. */
    cases: Map<string, JUnitCase>;
}

/** The command as a CI job runs it, with the CLI's output piped into its standard input. */
function runReport(args: string[], input: string) {
    return spawnSync(
        process.execPath,
        ["-r", "ts-node/register", path.join(REPO_ROOT, "policy-pack", "report", "cli.ts"), ...args],
        { cwd: REPO_ROOT, input, encoding: "utf8" },
    );
}

describe("secure-webapp-report on real `pulumi preview --json` streams (real engine, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();

    /** Previews with the pack, then runs the command on the stream as `... | npx secure-webapp-report` would. */
    async function report(stack: auto.Stack, options: OperationOptions = {}): Promise<Reported> {
        const stream = await engine().previewJson(stack, { ...options, withPolicyPack: true, streamEvents: true });
        assert.match(stream.stdout, /"summaryEvent"/, printed(stream));
        const digest = await engine().previewJson(stack);
        const dir = fs.mkdtempSync(path.join(engine().dir, "report-"));
        const files = {
            state: path.join(dir, "preview.json"),
            sarif: path.join(dir, "results.sarif"),
            junit: path.join(dir, "results.xml"),
        };
        fs.writeFileSync(files.state, digest.stdout);
        const projectDir = path.relative(REPO_ROOT, stack.workspace.workDir);
        const run = runReport(
            ["--sarif", files.sarif, "--junit", files.junit, "--state", files.state, "--project-dir", projectDir],
            stream.stdout,
        );
        const junit = parseJUnit(fs.readFileSync(files.junit, "utf8"));
        return {
            exitCode: run.status ?? -1,
            summary: run.stdout,
            stderr: run.stderr,
            sarif: assertValidSarif(JSON.parse(fs.readFileSync(files.sarif, "utf8"))),
            junit,
            cases: new Map(junit.cases.map(c => [c.name, c])),
        };
    }

    /**
     * The results of one rule: the examples other than the compliant one set up no App Service authentication, so the
     * advisory authentication rule warns of each app as well.
     */
    const ofRule = (results: SarifResult[], rule: string) => results.filter(r => r.ruleId === rule);

    /** The file a report location points at, from the repository root. */
    const fileOf = (uri: string | undefined) => path.relative(REPO_ROOT, path.resolve(REPO_ROOT, uri ?? ""));

    it("compliant example: every mandatory rule met, exit 0; the advisory authentication rule warns of the app and slot without it", async () => {
        const outcome = await report(await engine().stack("compliant-app", EXAMPLES["compliant-app"].program()));

        assert.strictEqual(outcome.exitCode, 0, outcome.stderr);
        // SecureWebApp creates no authentication settings unless given an identity provider (README.md).
        assert.deepStrictEqual(
            outcome.sarif.map(r => [
                r.ruleId,
                r.level,
                r.properties.verdict,
                r.locations[0].logicalLocations[0].fullyQualifiedName.split("::").pop(),
            ]),
            [
                ["webapp-authentication", "warning", "violating", "orders-api"],
                ["webapp-authentication", "warning", "violating", "orders-api-staging"],
            ],
        );
        // A suite per rule that ran, each passing the app and its slot but authentication's: public network access
        // is off by default.
        assert.deepStrictEqual(
            outcome.junit.suites.map(s => [s.name.split(" ")[0], s.tests, s.failures, s.skipped]),
            [
                [POLICY, 2, 0, 0],
                ["webapp-https-only", 2, 0, 0],
                ["webapp-minimum-tls-version", 2, 0, 0],
                ["webapp-ftp-deployments-disabled", 2, 0, 0],
                ["webapp-basic-auth-publishing-disabled", 2, 0, 0],
                ["webapp-remote-debugging-off", 2, 0, 0],
                ["webapp-managed-identity", 2, 0, 0],
                ["webapp-http2", 2, 0, 0],
                ["webapp-authentication", 2, 2, 0],
            ],
        );
        assert.match(outcome.summary, /\| compliant \| 2 \|/);
        assert.match(outcome.summary, /\| orders-api \| `azure-native:web:WebApp` \| \*\*compliant\*\*/);
        assert.match(outcome.summary, /\| orders-api-staging \| `azure-native:web:WebAppSlot` \| \*\*compliant\*\*/);
        // The WebApp is created inside SecureWebApp: it is located at the program line that created the component.
        const app = outcome.cases.get("orders-api")!;
        assert.deepStrictEqual([fileOf(app.file), app.line], ["examples/compliant-app/index.ts", "15"]);
    });

    it("certificates-off example: one violating result at the program line, a failed test case, exit 1", async () => {
        const outcome = await report(
            await engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program()),
        );

        assert.strictEqual(outcome.exitCode, 1, outcome.stderr);
        const certificates = ofRule(outcome.sarif, POLICY);
        assert.strictEqual(certificates.length, 1);
        const [result] = certificates;
        assert.deepStrictEqual(
            [result.ruleId, result.level, result.properties.verdict],
            [POLICY, "error", "violating"],
        );
        assert.match(
            result.message.text,
            /^azure-native:web:WebApp "legacy-portal" does not require incoming client certificates/,
        );
        assert.match(result.message.text, /clientCertEnabled is false/);
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        assert.deepStrictEqual(
            [fileOf(artifactLocation.uri), region.startLine],
            ["examples/webapp-certificates-off/index.ts", 14],
        );
        assert.strictEqual(outcome.cases.get("legacy-portal")?.failure?.type, "violating");
        assert.match(
            outcome.summary,
            /\| legacy-portal \| `azure-native:web:WebApp` \| \*\*violating\*\* \| clientCertEnabled is false/,
        );
        assert.match(outcome.stderr, /legacy-portal \(violating\)/);
    });

    it("an exempt app: a suppressed SARIF result with its reason, a skipped test case, exempt until its date, exit 0", async () => {
        const reason = "TLS terminates at Application Gateway (ticket SEC-142)";
        const outcome = await report(
            await engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program()),
            {
                policyConfig: {
                    [POLICY]: { exemptions: [{ resource: "legacy-portal", reason, expires: "2099-12-31" }] },
                },
            },
        );

        assert.strictEqual(outcome.exitCode, 0, outcome.stderr);
        const certificates = ofRule(outcome.sarif, POLICY);
        assert.strictEqual(certificates.length, 1);
        // The exemption line as the pack wrote it, whole, in every format.
        const line = `Exempt: azure-native:web:WebApp "legacy-portal" is exempt from ${POLICY} by exemptions[0] until 2099-12-31; reason: ${reason}`;
        assert.deepStrictEqual(certificates[0].suppressions, [
            { kind: "external", status: "accepted", justification: line },
        ]);
        assert.strictEqual(outcome.cases.get("legacy-portal")!.skipped!.message, line);
        assert.ok(
            outcome.summary.includes(
                `| legacy-portal | \`azure-native:web:WebApp\` | **exempt until 2099-12-31** | ${line} |`,
            ),
            outcome.summary,
        );
    });

    it("an app whose kind is excluded: a suppressed SARIF result, a skipped test case, excluded kind, exit 0", async () => {
        const outcome = await report(
            await engine().stack("webapp-certificates-off", EXAMPLES["webapp-certificates-off"].program()),
            {
                policyConfig: { [POLICY]: { excludedKinds: ["app"] } },
            },
        );

        assert.strictEqual(outcome.exitCode, 0, outcome.stderr);
        assert.deepStrictEqual(
            ofRule(outcome.sarif, POLICY).map(r => [r.properties.verdict, r.suppressions?.[0].justification]),
            [["excluded-kind", 'not checked: its kind "app,linux" matches excludedKinds "app"']],
        );
        assert.ok(outcome.cases.get("legacy-portal")?.skipped, "the test case is skipped");
        assert.match(outcome.summary, /\| legacy-portal \| `azure-native:web:WebApp` \| \*\*excluded kind\*\*/);
    });

    it("a value unknown at preview: unverifiable (checked during pulumi up), failing the report, exit 1", async () => {
        const outcome = await report(await engine().stack("late-bound", certModeKnownAfterCreate("Optional")));

        assert.strictEqual(outcome.exitCode, 1, outcome.stderr);
        const certificates = ofRule(outcome.sarif, POLICY);
        assert.deepStrictEqual(
            certificates.map(r => [r.properties.verdict, r.level]),
            [["unverifiable", "error"]],
        );
        assert.match(
            certificates[0].message.text,
            /clientCertMode can't be known during preview: checked during pulumi up/,
        );
        assert.strictEqual(outcome.cases.get("late-bound-app")?.failure?.type, "unverifiable");
        assert.match(outcome.summary, /\| late-bound-app \| `azure-native:web:WebApp` \| \*\*unverifiable\*\*/);
    });

    it("pulumi policy analyze --json of a deployed state, with the exported state as --state", async () => {
        const stack = await engine().stack("analyzed", EXAMPLES["webapp-certificates-off"].program());
        const deployed = await engine().up(stack);
        assert.strictEqual(deployed.exitCode, 0, printed(deployed));
        const stateFile = path.join(engine().dir, "analyzed-state.json");
        fs.writeFileSync(stateFile, JSON.stringify(await stack.exportStack()));
        const analysis = await engine().run(
            ["policy", "analyze", "--file", stateFile, "--policy-pack", engine().policyPack, "--json"],
            engine().dir,
        );
        assert.notStrictEqual(analysis.exitCode, 0, "the CLI itself fails on a mandatory violation");

        const run = runReport(
            [
                "--state",
                stateFile,
                "--project-dir",
                path.relative(REPO_ROOT, stack.workspace.workDir),
                "--junit",
                path.join(engine().dir, "analyzed.xml"),
            ],
            analysis.stdout,
        );
        assert.strictEqual(run.status, 1, run.stderr);
        assert.match(run.stdout, /`pulumi policy analyze` of stack `dev` \(project `analyzed`\)/);
        const [legacy] = parseJUnit(fs.readFileSync(path.join(engine().dir, "analyzed.xml"), "utf8")).cases;
        assert.deepStrictEqual(
            [legacy.name, legacy.failure?.type, fileOf(legacy.file), legacy.line],
            ["legacy-portal", "violating", "examples/webapp-certificates-off/index.ts", "14"],
        );
    });

    it("the summary document of `pulumi preview --json` without the streaming variable: named, with the command to run, exit 2", async () => {
        const stack = await engine().stack("compliant-app", EXAMPLES["compliant-app"].program());
        const digest = await engine().previewJson(stack, { withPolicyPack: true });
        const run = runReport([], digest.stdout);
        assert.strictEqual(run.status, 2, run.stderr);
        assert.match(
            run.stderr,
            /standard input is the summary document that `pulumi preview --json` prints without PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1, not its event stream/,
        );
        assert.doesNotMatch(run.stderr.split("\n")[0], /is empty/);
    });

    it("a preview without the pack: refused with exit 2, no report", async () => {
        const stack = await engine().stack("compliant-app", EXAMPLES["compliant-app"].program());
        const stream = await engine().previewJson(stack, { streamEvents: true });
        const run = runReport([], stream.stdout);
        assert.strictEqual(run.status, 2, run.stderr);
        assert.strictEqual(run.stdout, "");
        assert.match(run.stderr, /the pack did not run/);
    });
});
