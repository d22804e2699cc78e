import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gitRevision, remoteUri, runFacts } from "../../policy-pack/report/runRecord";
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

    describe("the git commit", () => {
        let dir: string;
        beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-git-"))));
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        const gitFact = (folder: string) => {
            const report = buildReport(
                events(previewStream([{ urn: urnOf(WEB_APP, "storefront"), result: "passed" }])),
                {
                    source: "s",
                    projectDir: ".",
                    environment: {
                        pulumiCli: { version: "v3.274.1" },
                        git: gitRevision(folder),
                        reportedAt: "2026-12-01T00:00:00Z",
                    },
                },
            );
            return runFacts(report).find(f => f.key === "gitCommit")?.value;
        };

        it("a repository with no commits yet is named so, not as a folder outside git", () => {
            assert.strictEqual(spawnSync("git", ["init", "--quiet", dir]).status, 0);
            assert.strictEqual(gitFact(dir), "none: the git repository has no commits yet");
        });

        it("a folder outside any repository is named so", function () {
            if (spawnSync("git", ["-C", dir, "rev-parse", "--is-inside-work-tree"]).status === 0) {
                this.skip(); // the temporary folder itself sits inside a repository on this machine
            }
            assert.strictEqual(gitFact(dir), "none: the working directory is not in a git repository");
        });

        it("a commit is recorded with whether the work tree differs from it", () => {
            const git = (...args: string[]) =>
                assert.strictEqual(spawnSync("git", ["-C", dir, ...args]).status, 0, args.join(" "));
            git("init", "--quiet");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: app\n");
            git("add", ".");
            git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "first");
            assert.match(gitFact(dir)!, /^[0-9a-f]{40}$/);
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: changed\n");
            assert.match(gitFact(dir)!, /^[0-9a-f]{40} \(with uncommitted changes\)$/);
        });
    });
});
