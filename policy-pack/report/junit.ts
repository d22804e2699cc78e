// JUnit XML, which every CI system shows as tests: a test suite per rule, one test case per App Service resource. Compliant passes, with
// its reason as output; violating and unverifiable fail with the pack's message; exempt and kind-excluded are
// skipped with the reason.
import { distinctName } from "./distinctName";
import { CIS_CONTROL } from "./benchmark";
import { MAIN_POLICY, PACK_NAME } from "./packFindings";
import { runFacts } from "./runRecord";
import { ComplianceReport, ResourceVerdict } from "./verdicts";
import { CIS_BENCHMARK } from "../baseline/rule";

/** The counts attributes of a suite of these verdicts. */
function countsOf(resources: readonly ResourceVerdict[]): string {
    const count = (test: (r: ResourceVerdict) => boolean) => resources.filter(test).length;
    const failures = count(r => r.verdict === "violating" || r.verdict === "unverifiable");
    const skipped = count(r => r.verdict === "exempt" || r.verdict === "excluded-kind");
    return `tests="${resources.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
}

/** One test suite per rule: the client-certificate rule's, then each baseline rule's that ran. */
export function toJUnit(report: ComplianceReport): string {
    const suites = [
        { name: `${MAIN_POLICY} (${CIS_CONTROL.label})`, resources: report.resources },
        ...(report.baseline ?? []).map(rule => ({
            name: `${rule.policy} (${rule.cis === "" ? rule.title : `${CIS_BENCHMARK} ${rule.cis}`})`,
            resources: rule.resources,
        })),
    ];
    const properties = [
        `    <properties>`,
        ...runFacts(report).map(fact => `      <property name="${xml(fact.key)}" value="${xml(fact.value)}"/>`),
        `    </properties>`,
    ];
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="${xml(`${PACK_NAME} ${report.packVersion}: ${report.operation} of ${report.project}/${report.stack}`)}" ${countsOf(suites.flatMap(suite => suite.resources))}>`,
        ...suites.flatMap(suite => [
            `  <testsuite name="${xml(suite.name)}" ${countsOf(suite.resources)}>`,
            ...properties,
            ...suite.resources.map(testCase),
            `  </testsuite>`,
        ]),
        `</testsuites>`,
        "",
    ].join("\n");
}

function testCase(resource: ResourceVerdict): string {
    const file = resource.location ? ` file="${xml(resource.location.file)}" line="${resource.location.line}"` : "";
    const open = `    <testcase classname="${xml(distinctName(resource.type))}" name="${xml(distinctName(resource.name))}"${file}>`;
    switch (resource.verdict) {
        case "compliant":
            // The reason says what a passing app keeps (exclusion paths and the allow-list that permits them).
            return [open, `      <system-out>${xml(resource.reason)}</system-out>`, `    </testcase>`].join("\n");
        case "violating":
        case "unverifiable":
            return [
                open,
                `      <failure type="${resource.verdict}" message="${xml(`${resource.verdict}: ${resource.reason}`)}">${xml(`${distinctName(resource.urn)}\n${resource.message ?? resource.reason}`)}</failure>`,
                `    </testcase>`,
            ].join("\n");
        case "exempt":
        case "excluded-kind":
            return [open, `      <skipped message="${xml(resource.reason)}"/>`, `    </testcase>`].join("\n");
    }
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
function xml(text: string): string {
    return (
        text
            // eslint-disable-next-line no-control-regex -- XML 1.0 allows tab, line feed and carriage return below space
            .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&apos;")
    );
}
