// JUnit XML, which every CI system shows as tests: one test case per App Service resource. Compliant passes, with
// its reason as output; violating and unverifiable fail with the pack's message; exempt and kind-excluded are
// skipped with the reason.
import { distinctName } from "./distinctName";
import { CIS_CONTROL } from "./benchmark";
import { MAIN_POLICY, PACK_NAME } from "./packFindings";
import { runFacts } from "./runRecord";
import { ComplianceReport, ResourceVerdict } from "./verdicts";

export function toJUnit(report: ComplianceReport): string {
    const count = (test: (r: ResourceVerdict) => boolean) => report.resources.filter(test).length;
    const tests = report.resources.length;
    const failures = count(r => r.verdict === "violating" || r.verdict === "unverifiable");
    const skipped = count(r => r.verdict === "exempt" || r.verdict === "excluded-kind");
    const suite = `${MAIN_POLICY} (${CIS_CONTROL.label})`;
    const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}"`;
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="${xml(`${PACK_NAME} ${report.packVersion}: ${report.operation} of ${report.project}/${report.stack}`)}" ${counts}>`,
        `  <testsuite name="${xml(suite)}" ${counts}>`,
        `    <properties>`,
        ...runFacts(report).map(fact => `      <property name="${xml(fact.key)}" value="${xml(fact.value)}"/>`),
        `    </properties>`,
        ...report.resources.map(testCase),
        `  </testsuite>`,
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
