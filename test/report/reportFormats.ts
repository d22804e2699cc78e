// Checks shared by the report's tests: SARIF against the SARIF 2.1.0 JSON schema with a real validator, JUnit as
// well-formed XML parsed into test cases.
import * as assert from "assert";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";

// The SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04) as shipped by the MIT-licensed @microsoft/jest-sarif. One of
// its patterns is not valid with the regular expression "u" flag (a stray "]"), hence unicodeRegExp: false.
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const validateSarif = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(schema);

/** Asserts the log is valid SARIF 2.1.0 and returns its only run's results. */
export function assertValidSarif(log: unknown): SarifResult[] {
    const valid = validateSarif(log);
    assert.ok(valid, `invalid SARIF: ${JSON.stringify(validateSarif.errors, null, 2)}`);
    const runs = (log as { runs: { results: SarifResult[] }[] }).runs;
    assert.strictEqual(runs.length, 1);
    return runs[0].results;
}

export interface SarifResult {
    ruleId: string;
    kind: string;
    level: string;
    message: { text: string };
    locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: { fullyQualifiedName: string }[];
    }[];
    suppressions?: { kind: string; status: string; justification: string }[];
    properties: { verdict: string };
}

export interface JUnitCase {
    classname: string;
    name: string;
    file?: string;
    line?: string;
    failure?: { type: string; message: string; text: string };
    skipped?: { message: string };
    "system-out"?: string;
}

export interface JUnitSuite {
    name: string;
    tests: number;
    failures: number;
    skipped: number;
    cases: JUnitCase[];
}

/**
 * Parses JUnit XML (failing on malformed XML, or on totals that are not the sum of its suites). The report writes a
 * suite per rule, the client-certificate rule's first: `tests`, `failures`, `skipped`, `cases` and `properties` are
 * that suite's, and `suites` holds every suite in order.
 */
export function parseJUnit(xml: string): JUnitSuite & { suites: JUnitSuite[]; properties: Map<string, string> } {
    const wellFormed = XMLValidator.validate(xml);
    assert.strictEqual(wellFormed, true, `malformed JUnit XML: ${JSON.stringify(wellFormed)}\n${xml}`);
    const parsed = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        textNodeName: "text",
        isArray: name => name === "testsuite" || name === "testcase" || name === "property",
    }).parse(xml);
    const counts = (element: Record<string, string>) => ({
        tests: Number(element.tests),
        failures: Number(element.failures),
        skipped: Number(element.skipped),
    });
    const raw = parsed.testsuites.testsuite as Record<string, unknown>[];
    const suites: JUnitSuite[] = raw.map(suite => ({
        name: String(suite.name),
        ...counts(suite as Record<string, string>),
        cases: (suite.testcase ?? []) as JUnitCase[],
    }));
    const sum = (key: "tests" | "failures" | "skipped") => suites.reduce((total, suite) => total + suite[key], 0);
    assert.deepStrictEqual(
        counts(parsed.testsuites),
        { tests: sum("tests"), failures: sum("failures"), skipped: sum("skipped") },
        "the totals of <testsuites> should be the sums of its suites",
    );
    const first = raw[0] as { properties?: { property?: { name: string; value: string }[] } };
    const properties = new Map<string, string>((first.properties?.property ?? []).map(p => [p.name, p.value]));
    return { ...suites[0], suites, properties };
}
