// A logical name comes from the program and may be megabytes long. Every report mentions each resource by name, type
// and URN: each mention is cut as the pack cuts what it quotes, keeps enough to tell two names apart, and leaves the
// report's format intact.
import * as assert from "assert";
import { toJUnit } from "../../policy-pack/report/junit";
import { toMarkdown } from "../../policy-pack/report/markdown";
import { toSarif } from "../../policy-pack/report/sarif";
import { buildReport } from "../../policy-pack/report/verdicts";
import { CERTS_OFF, events, previewStream, urnOf, violation, WEB_APP } from "./engineEventFixtures";
import { assertValidSarif, parseJUnit } from "./reportFormats";

/** Two names of a megabyte that differ only in the middle, where a cut drops them; with a pipe and a quote. */
const half = '|"<web>'.repeat(80_000);
const NAMES = [`${half}a${half}`, `${half}b${half}`];
/** Longest mention a report may make of one name: the pack's cut, its length and a fingerprint. */
const MAX_MENTION = 300;
/** Each report as a whole stays far below the size of one name. */
const MAX_REPORT = 64_000;

function report() {
    return buildReport(
        events(
            previewStream(
                NAMES.map(name => ({
                    urn: urnOf(WEB_APP, name),
                    result: "failed" as const,
                    events: [{ message: violation(WEB_APP, name, [CERTS_OFF]) }],
                })),
            ),
        ),
        { source: "preview.jsonl", projectDir: "." },
    );
}

describe("report formats with names of megabytes", () => {
    it("SARIF: bounded, valid, and the two results keep distinct names and fingerprints", () => {
        const log = toSarif(report(), ".");
        const text = JSON.stringify(log);
        assert.ok(text.length < MAX_REPORT, `${text.length} characters`);
        const results = assertValidSarif(log);
        assert.strictEqual(results.length, 2);
        const names = results.map(r => r.locations[0].logicalLocations[0].fullyQualifiedName);
        assert.ok(
            names.every(name => name.length < MAX_MENTION && / \(1,120,\d{3} characters\) #[0-9a-f]{12}$/.test(name)),
        );
        assert.notStrictEqual(names[0], names[1]);
        const fingerprints = results.map(
            r =>
                (r as unknown as { partialFingerprints: Record<string, string> }).partialFingerprints[
                    "pulumiResourceUrn/v1"
                ],
        );
        assert.notStrictEqual(fingerprints[0], fingerprints[1]);
        assert.ok(
            results.every(r => r.message.text.includes("(1,120,001 characters)")),
            results[0].message.text,
        );
    });

    it("JUnit: bounded, well-formed, one distinct test case per resource", () => {
        const xml = toJUnit(report());
        assert.ok(xml.length < MAX_REPORT, `${xml.length} characters`);
        const { cases, failures } = parseJUnit(xml);
        assert.strictEqual(failures, 2);
        assert.strictEqual(new Set(cases.map(c => c.name)).size, 2);
        assert.ok(cases.every(c => c.name.length < MAX_MENTION && c.name.startsWith(half.slice(0, 50))));
        assert.ok(cases.every(c => c.failure!.text.split("\n")[0].length < MAX_MENTION));
    });

    it("Markdown: bounded, one table row per resource with its cells intact, the two rows distinct", () => {
        const markdown = toMarkdown(report());
        assert.ok(markdown.length < MAX_REPORT, `${markdown.length} characters`);
        const rows = markdown.split("\n").filter(line => line.includes("**violating**"));
        assert.strictEqual(rows.length, 2);
        assert.notStrictEqual(rows[0].split(" | ")[0], rows[1].split(" | ")[0]);
        // Five cells each: every pipe of the name is escaped.
        assert.ok(
            rows.every(row => row.split(/(?<!\\)\|/).length === 7),
            rows[0],
        );
    });

    it("leaves short names whole", () => {
        const short = buildReport(events(previewStream([{ urn: urnOf(WEB_APP, "payments"), result: "passed" }])), {
            source: "preview.jsonl",
            projectDir: ".",
        });
        assert.match(toMarkdown(short), /\| payments \| `azure-native:web:WebApp` \| \*\*compliant\*\*/);
        assert.strictEqual(parseJUnit(toJUnit(short)).cases[0].name, "payments");
    });
});
