// The benchmarks run on their own (`npm run bench`): the harness they share with the tests lives in tools/, so
// nothing under bench/ may import from test/.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const REPO_ROOT = path.join(__dirname, "..", "..");
const BENCH_DIR = path.join(REPO_ROOT, "bench");
const TEST_DIR = path.join(REPO_ROOT, "test");

/** Every TypeScript and JavaScript file under `dir`, outside node_modules. */
function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" ? [] : sourceFiles(file);
        }
        return /\.[cm]?[jt]s$/.test(entry.name) ? [file] : [];
    });
}

/** The relative module paths a file (its text read when not given) imports or requires, resolved against its folder. */
function relativeImports(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    const specifiers = [
        ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm),
    ].map(match => match[1]);
    return specifiers
        .filter(specifier => specifier.startsWith("."))
        .map(specifier => path.resolve(path.dirname(file), specifier));
}

describe("benchmark layout", () => {
    it("imports nothing from test/: the harness the benchmarks share with the tests lives in tools/", () => {
        const files = sourceFiles(BENCH_DIR);
        assert.ok(
            files.some(file => file.endsWith("armTemplates.ts")),
            "found no benchmark sources",
        );
        const fromTests = files.flatMap(file =>
            relativeImports(file)
                .filter(target => target === TEST_DIR || target.startsWith(TEST_DIR + path.sep))
                .map(target => `${path.relative(REPO_ROOT, file)} imports ${path.relative(REPO_ROOT, target)}`),
        );
        assert.deepStrictEqual(fromTests, []);
    });

    it("recognises imports, multi-line imports and requires from test/ when it sees them", () => {
        const text =
            'import { validate } from "../test/policy-pack/support";\nimport {\n    a,\n} from "../test/a";\n' +
            'const x = require("../test/x");\nimport "./webApps";\n';
        assert.deepStrictEqual(relativeImports(path.join(BENCH_DIR, "probe.ts"), text), [
            path.join(TEST_DIR, "policy-pack", "support"),
            path.join(TEST_DIR, "a"),
            path.join(TEST_DIR, "x"),
            path.join(BENCH_DIR, "webApps"),
        ]);
    });
});
