// The report reads a run's events; it judges nothing itself. Loading it must not load the pack's policies or the
// ARM evaluator: they are the pack's to run, and the report needs only the table of covered types.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");

describe("secure-webapp-report's modules", () => {
    it("load neither the pack's policies, its registry of families, nor the ARM evaluator", function () {
        this.timeout(60000);
        const loaded: string[] = JSON.parse(
            execFileSync(
                process.execPath,
                [
                    "-r",
                    "esbuild-register",
                    "-e",
                    `require(${JSON.stringify(path.join(PACK_DIR, "report", "cli.ts"))}); console.log(JSON.stringify(Object.keys(require.cache)))`,
                ],
                { encoding: "utf8" },
            ),
        );
        const packModules = loaded
            .filter(
                file => file.startsWith(PACK_DIR + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`),
            )
            .map(file => path.relative(PACK_DIR, file).split(path.sep).join("/"));
        assert.ok(
            packModules.includes("families/coveredTypes.ts"),
            `the report's pack modules: ${packModules.join(", ")}`,
        );
        const evaluating = packModules.filter(file =>
            /^(index|applicability)\.ts$|^policies\/|^families\/registry\.ts$|^arm\/(evaluate|expressions|functions|walker|scope)\.ts$/.test(
                file,
            ),
        );
        assert.deepStrictEqual(evaluating, []);
    });
});
