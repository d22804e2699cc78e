// The compliance summary for people (auditors, reviewers): every App Service resource with its verdict, the counts
// per verdict, and the CIS item with the benchmark versions it belongs to; then a table per baseline rule that ran.
// The command also prints it.
import { distinctName } from "./distinctName";
import { CIS_CONTROL } from "./benchmark";
import { MAIN_POLICY, PACK_NAME } from "./packFindings";
import { runFacts } from "./runRecord";
import { ComplianceReport, ResourceVerdict, RuleVerdicts, Verdict, VERDICTS } from "./verdicts";
import { CIS_BENCHMARK } from "../baseline/rule";

const LABELS: Record<Verdict, string> = {
    violating: "violating",
    unverifiable: "unverifiable",
    exempt: "exempt",
    "excluded-kind": "excluded kind",
    compliant: "compliant",
};

export function toMarkdown(report: ComplianceReport): string {
    const lines = [
        `# App Service client certificates: compliance summary`,
        "",
        `\`${report.operation}\` of stack \`${report.stack}\` (project \`${report.project}\`), checked by the ` +
            `\`${PACK_NAME}\` policy pack ${report.packVersion}, policy \`${MAIN_POLICY}\`.`,
        "",
        "| what was run | |",
        "|---|---|",
        ...runFacts(report).map(fact => `| ${fact.label} | ${cell(fact.value)} |`),
        "",
        `**Control:** ${CIS_CONTROL.label}, ${CIS_CONTROL.profile}: *${CIS_CONTROL.title}*, with the client certificate ` +
            "mode on Require (`clientCertEnabled: true` and `clientCertMode: Required`).",
        "",
        "| verdict | App Service resources |",
        "|---|---|",
        ...VERDICTS.map(v => `| ${LABELS[v]} | ${report.resources.filter(r => r.verdict === v).length} |`),
        `| **total** | **${report.resources.length}** |`,
        "",
    ];
    if (report.resources.length === 0) {
        lines.push("The stack has no App Service resource.", "");
    } else {
        lines.push("| resource | type | verdict | details | declared at |", "|---|---|---|---|---|");
        const ordered = [...report.resources].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict));
        lines.push(...ordered.map(row), "");
    }
    lines.push(
        `**Benchmark versions.** ${CIS_CONTROL.laterVersions.join(" ")}`,
        "",
        `Sources: ${CIS_CONTROL.sources.join("; ")}.`,
        "",
    );
    for (const rule of report.baseline ?? []) {
        lines.push(...ruleSection(rule));
    }
    return lines.join("\n");
}

/** A baseline rule's table: its control, its counts per verdict, and every resource its policy judged. */
function ruleSection(rule: RuleVerdicts): string[] {
    const lines = [
        `## ${rule.title}: \`${rule.policy}\``,
        "",
        `**Control:** ${rule.cis === "" ? "not a CIS recommendation" : `${CIS_BENCHMARK} ${rule.cis}`}; severity ${rule.severity}.`,
        "",
        `Verdicts: ${VERDICTS.map(v => `${LABELS[v]} ${rule.resources.filter(r => r.verdict === v).length}`).join(", ")}; total ${rule.resources.length}.`,
        "",
    ];
    if (rule.resources.length > 0) {
        lines.push("| resource | type | verdict | details | declared at |", "|---|---|---|---|---|");
        const ordered = [...rule.resources].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict));
        lines.push(...ordered.map(row), "");
    }
    return lines;
}

function row(resource: ResourceVerdict): string {
    const verdict =
        resource.notice?.notice === "exempt"
            ? `exempt ${resource.notice.expires ? `until ${resource.notice.expires}` : "(no expiry date)"}`
            : LABELS[resource.verdict];
    const where = resource.location ? `${resource.location.file}:${resource.location.line}` : "–";
    return `| ${cell(distinctName(resource.name))} | ${code(distinctName(resource.type))} | **${verdict}** | ${cell(resource.reason)} | ${cell(where)} |`;
}

/** Text as code in a cell, unless a backtick in it would end the code span early. */
function code(text: string): string {
    return text.includes("`") ? cell(text) : `\`${cell(text)}\``;
}

/** Table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}
