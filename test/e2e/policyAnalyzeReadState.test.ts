// `pulumi policy analyze` on a state of read resources, as `pulumi import` or a refresh leaves them (and as audit
// mode in Pulumi Cloud sees discovered resources): each resource's inputs and outputs are azure-native's output
// properties. The real CLI runs the real pack over a state file; secure-webapp-report then turns its JSON events
// into the evidence an auditor keeps.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../tools/engine/cli";
import { READ_STATES } from "../policy-pack/families/readStateFixtures";
import { assertValidSarif, parseJUnit } from "../report/reportFormats";
import { OPERATION_TIMEOUT_MS, POLICY, printed, useOfflineEngine } from "./offlineEngineFixture";

const STACK = "urn:pulumi:prod::discovered::pulumi:pulumi:Stack::discovered-prod";
const PROVIDER = "urn:pulumi:prod::discovered::pulumi:providers:azure-native::default_3_28_0";
const PROVIDER_ID = "9b1e4f5e-7d3a-4a57-8a51-0f1c1d2e3f40";

/** The resources of the state: logical name, and the read state it holds. */
const RESOURCES: [string, string][] = [
    ["storefront", "a WebApp that requires certificates, with an allowed exclusion path"],
    ["legacy-portal", "a WebApp read with certificates off (Azure's default)"],
    ["partner-api", "a WebApp read with certificates off (Azure's default)"],
    ["billing-staging", "a WebAppSlot in mode Optional"],
    ["intranet", "a generic Resource read as a site: Microsoft.Web/sites in type, certificates off"],
    ["catalog-site", "a Deployment read after an inline template: hash and outputs, no template"],
    ["platform", "a Deployment read after a linked template: hash and templateLink, no template"],
];

/** A `pulumi stack export` file whose resources hold only what Azure returned. */
function readState(): unknown {
    const custom = (name: string, fixture: string) => {
        const { type, props } = READ_STATES[fixture];
        return {
            urn: `urn:pulumi:prod::discovered::${type}::${name}`,
            custom: true,
            id: `/subscriptions/0000/resourceGroups/shop/${name}`,
            type,
            inputs: props,
            outputs: props,
            parent: STACK,
            provider: `${PROVIDER}::${PROVIDER_ID}`,
        };
    };
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-30T09:00:00Z", magic: "", version: "v3.274.1" },
            resources: [
                { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" },
                {
                    urn: PROVIDER,
                    custom: true,
                    id: PROVIDER_ID,
                    type: "pulumi:providers:azure-native",
                    inputs: { version: "3.28.0" },
                    outputs: { version: "3.28.0" },
                },
                ...RESOURCES.map(([name, fixture]) => custom(name, fixture)),
            ],
        },
    };
}

const CONFIG = {
    [POLICY]: {
        allowedExclusionPaths: ["/health"],
        exemptions: [
            { resource: "partner-api", reason: "TLS ends at Front Door (SEC-7)", expires: "2099-12-31" },
            { resource: "billing-staging", reason: "slot swap test", expires: "2026-01-31" },
        ],
    },
};

describe("pulumi policy analyze on read resources, as import, refresh and audit mode leave them (real CLI and pack)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();

    it("judges each site by its own read state, passes over deployments without template content, and the report keeps the evidence", async () => {
        const dir = fs.mkdtempSync(path.join(engine().dir, "analyze-"));
        const files = {
            state: path.join(dir, "state.json"),
            config: path.join(dir, "policy.json"),
            sarif: path.join(dir, "r.sarif"),
            junit: path.join(dir, "r.xml"),
        };
        fs.writeFileSync(files.state, JSON.stringify(readState(), null, 2));
        fs.writeFileSync(files.config, JSON.stringify(CONFIG, null, 2));

        const analysis = await engine().run(
            [
                "policy",
                "analyze",
                "--file",
                files.state,
                "--policy-pack",
                engine().policyPack,
                "--policy-pack-config",
                files.config,
                "--json",
            ],
            dir,
        );
        assert.notStrictEqual(analysis.exitCode, 0, `mandatory violations fail the command\n${printed(analysis)}`);
        const events = analysis.stdout
            .trim()
            .split("\n")
            .map(line => JSON.parse(line));
        const violated = events
            .filter(e => e.policyEvent?.policyName === POLICY)
            .map(e => e.policyEvent.resourceUrn.split("::").pop())
            .sort();
        assert.deepStrictEqual(violated, ["billing-staging", "intranet", "legacy-portal"], printed(analysis));
        // The recorded inputs here are Azure's answer: an FTP state it does not hold is reported by the rule's resource
        // policy as not verifiable, never passed (the stack part cannot place the generic site, which has no id).
        const ftp = new Map<string, any>(
            events
                .filter(e => e.policyEvent?.policyName === "webapp-ftp-deployments-disabled")
                .map(e => [e.policyEvent.resourceUrn.split("::").pop(), e.policyEvent]),
        );
        assert.strictEqual(ftp.get("storefront")?.enforcementLevel, "mandatory", printed(analysis));
        assert.match(
            ftp.get("storefront").message,
            /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer recorded for the app does not hold it .*\nFix: run `pulumi refresh`/,
        );
        assert.match(
            ftp.get("intranet")?.message,
            /- properties\.siteConfig\.ftpsState cannot be verified before deployment: Azure's answer recorded for the site does not hold it/,
        );

        const report = spawnSync(
            process.execPath,
            [
                "-r",
                "ts-node/register",
                path.join(REPO_ROOT, "policy-pack", "report", "cli.ts"),
                "--state",
                files.state,
                "--policy-config",
                files.config,
                "--pulumi-cli",
                engine().cli.command,
                "--sarif",
                files.sarif,
                "--junit",
                files.junit,
            ],
            { cwd: REPO_ROOT, input: analysis.stdout, encoding: "utf8" },
        );
        assert.strictEqual(report.status, 1, report.stderr);
        const cases = parseJUnit(fs.readFileSync(files.junit, "utf8")).cases;
        const verdicts = new Map(cases.map(c => [c.name, c.failure?.type ?? (c.skipped ? "skipped" : "passed")]));
        assert.deepStrictEqual(
            Object.fromEntries(verdicts),
            {
                "billing-staging": "violating",
                intranet: "violating",
                "legacy-portal": "violating",
                "partner-api": "skipped",
                storefront: "passed",
            },
            "the deployments are no App Service verdicts",
        );

        assert.match(
            cases.find(c => c.name === "storefront")!["system-out"]!,
            /exclusion paths "\/health" \(allowed by allowedExclusionPaths/,
        );

        const summary = report.stdout;
        assert.match(
            summary,
            /\| judged \| pulumi policy analyze, deployed state: the resources the stack records, as last deployed, imported or refreshed \|/,
        );
        assert.match(
            summary,
            new RegExp(`\\| Pulumi CLI \\| v${engine().cli.version.replace(/^v/, "").replace(/\./g, "\\.")} \\|`),
        );
        assert.match(
            summary,
            /\| storefront \| `azure-native:web:WebApp` \| \*\*compliant\*\* \| client certificates required \(no violation in the analysis of the state\); exclusion paths "\/health" \(allowed by allowedExclusionPaths \["\/health"\] in .*policy\.json\) \|/,
        );
        assert.match(
            summary,
            /\| partner-api \| `azure-native:web:WebApp` \| \*\*exempt until 2099-12-31\*\* \| Exempt: azure-native:web:WebApp "partner-api" is exempt from webapp-require-client-certificates by exemptions\[0\] until 2099-12-31; reason: TLS ends at Front Door \(SEC-7\) \|/,
        );
        assert.match(
            summary,
            /\| billing-staging \| `azure-native:web:WebAppSlot` \| \*\*violating\*\* \| Its exemption exemptions\[1\] expired on 2026-01-31 \(reason given: "slot swap test"\), so the rule applies again\. clientCertMode is "Optional"/,
        );

        const log = JSON.parse(fs.readFileSync(files.sarif, "utf8"));
        assertValidSarif(log);
        const [invocation] = log.runs[0].invocations;
        assert.deepStrictEqual(
            [
                invocation.executionSuccessful,
                invocation.properties.operation,
                invocation.properties.stack,
                invocation.properties.project,
            ],
            [true, "pulumi policy analyze", "prod", "discovered"],
        );
        assert.match(invocation.endTimeUtc, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });
});
