import * as assert from "assert";
import { remoteUri, runFacts } from "../../policy-pack/report/runRecord";
import { buildReport } from "../../policy-pack/report/verdicts";
import { events, previewStream, urnOf, WEB_APP } from "./engineEventFixtures";

describe("the record of what was run", () => {
    it("a git remote is recorded without credentials, and the scp-like form as a URI", () => {
        assert.strictEqual(
            remoteUri("https://x-access-token:ghs_secret@github.com/org/infra.git"),
            "https://github.com/org/infra.git",
        );
        assert.strictEqual(remoteUri("git@github.com:org/infra.git"), "ssh://git@github.com/org/infra.git");
        assert.strictEqual(remoteUri("not a remote"), undefined);
    });

    it("a report built from events alone (the demo) records what the events hold and claims no CLI, config or commit", () => {
        const report = buildReport(events(previewStream([{ urn: urnOf(WEB_APP, "storefront"), result: "passed" }])), {
            source: "s",
            projectDir: ".",
        });
        assert.deepStrictEqual(
            runFacts(report).map(f => f.key),
            ["operation", "finishedAt", "stack", "project", "policyPack"],
        );
    });
});
