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

/** Parses JUnit XML (failing on malformed XML) into its suite's counts and test cases. */
export function parseJUnit(xml: string): {
    tests: number;
    failures: number;
    skipped: number;
    cases: JUnitCase[];
    properties: Map<string, string>;
} {
    const wellFormed = XMLValidator.validate(xml);
    assert.strictEqual(wellFormed, true, `malformed JUnit XML: ${JSON.stringify(wellFormed)}\n${xml}`);
    const parsed = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        textNodeName: "text",
        isArray: name => name === "testcase" || name === "property",
    }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    const cases = (suite.testcase ?? []) as JUnitCase[];
    const properties = new Map<string, string>(
        ((suite.properties?.property ?? []) as { name: string; value: string }[]).map(p => [p.name, p.value]),
    );
    return {
        tests: Number(suite.tests),
        failures: Number(suite.failures),
        skipped: Number(suite.skipped),
        cases,
        properties,
    };
}
