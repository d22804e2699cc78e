// The report reads a run's events; it judges nothing itself. Loading it must not load the pack's policies or the
// ARM evaluator: they are the pack's to run, and the report needs only the table of covered types. Checked on the
// compiled report, which `secure-webapp-report` runs, so the child process starts as a user's does.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { ensurePolicyPackBuilt, POLICY_PACK_DIR } from "../../tools/engine/policyPack";

const COMPILED = path.join(POLICY_PACK_DIR, "bin");

describe("secure-webapp-report's modules", () => {
    before(() => ensurePolicyPackBuilt());

    it("load neither the pack's policies, its registry of families, nor the ARM evaluator", function () {
        this.timeout(60000);
        const loaded: string[] = JSON.parse(
            execFileSync(
                process.execPath,
                [
                    "-e",
                    `require(${JSON.stringify(path.join(COMPILED, "report", "cli.js"))}); console.log(JSON.stringify(Object.keys(require.cache)))`,
                ],
                { encoding: "utf8" },
            ),
        );
        const packModules = loaded
            .filter(file => file.startsWith(COMPILED + path.sep))
            .map(file => path.relative(COMPILED, file).split(path.sep).join("/"));
        assert.ok(
            packModules.includes("families/coveredTypes.js"),
            `the report's pack modules: ${packModules.join(", ")}`,
        );
        const evaluating = packModules.filter(file =>
            /^(index|applicability)\.js$|^policies\/|^families\/registry\.js$|^arm\/(evaluate|expressions|walker|scope)\.js$|^arm\/functions\//.test(
                file,
            ),
        );
        assert.deepStrictEqual(evaluating, []);
    });
});
