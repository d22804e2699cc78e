// SARIF 2.1.0 for code scanning: one result per App Service resource that is not compliant, at the program line
// that declared it. Exempt and kind-excluded resources are suppressed results, so an auditor sees each one with its
// justification while code scanning does not raise it as an open alert.
import * as path from "path";
import { distinctName } from "./distinctName";
import { CIS_CONTROL, HELP_URI } from "./benchmark";
import { MAIN_POLICY, PACK_NAME } from "./packFindings";
import { SourceLocation } from "./stackState";
import { ComplianceReport, OPERATION_MEANING, ResourceVerdict, RuleVerdicts } from "./verdicts";
import { BASELINE_RULES } from "../baseline/rules";
import { CIS_BENCHMARK } from "../baseline/rule";

/** The SARIF log as a plain object, ready for JSON.stringify. */
export type SarifLog = Record<string, unknown>;

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** CVSS-like score GitHub uses to rank alerts: 7.0 to 8.9 is "high", the pack's severity. */
const SECURITY_SEVERITY = "8.0";

/** The same score for each policy severity: GitHub's bands are 9.0 critical, 7.0 high, 4.0 medium, 0.1 low. */
const SECURITY_SEVERITY_OF: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

const FIX =
    "Use the SecureWebApp component, which sets this for you, or set clientCertEnabled: true and " +
    'clientCertMode: "Required" (classic @pulumi/azure: clientCertificateEnabled, clientCertificateMode; ARM templates: ' +
    "properties.clientCertEnabled, properties.clientCertMode) and keep only allowed exclusion paths. An app that cannot " +
    "require certificates (behind a TLS-terminating proxy) needs an exemption in the policy config, with a reason and an " +
    "expiry date, not a weaker setting. For an app that already exists: az webapp update --resource-group <RG> --name <APP> " +
    "--set clientCertEnabled=true clientCertMode=Required";

export function toSarif(report: ComplianceReport, projectDir: string): SarifLog {
    const fallback: SourceLocation = {
        file: path.posix.join(projectDir.split(path.sep).join("/"), "Pulumi.yaml"),
        line: 1,
    };
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: PACK_NAME,
                        version: report.packVersion,
                        informationUri: HELP_URI,
                        rules: [rule(), ...(report.baseline ?? []).map(baselineRule)],
                    },
                },
                invocations: [invocation(report)],
                ...(report.environment?.git === undefined || "noCommitsYet" in report.environment.git
                    ? {}
                    : {
                          versionControlProvenance: [
                              {
                                  repositoryUri: report.environment.git.repositoryUri,
                                  revisionId: report.environment.git.commit,
                                  properties: { uncommittedChanges: report.environment.git.uncommittedChanges },
                              },
                          ],
                      }),
                automationDetails: { id: `${PACK_NAME}/${report.project}/${report.stack}/` },
                results: [
                    ...report.resources
                        .filter(r => r.verdict !== "compliant")
                        .map(r => result(r, r.location ?? fallback)),
                    ...(report.baseline ?? []).flatMap((rule, i) =>
                        rule.resources
                            .filter(r => r.verdict !== "compliant")
                            .map(r => result(r, r.location ?? fallback, { id: rule.policy, index: i + 1 })),
                    ),
                ],
            },
        ],
    };
}

/**
 * The run the results come from. `executionSuccessful` says the Pulumi command and the pack ran to the end (the
 * report refuses a stream that did not); non-compliant apps are results, not a failed execution.
 */
function invocation(report: ComplianceReport): Record<string, unknown> {
    const env = report.environment;
    const config = env?.policyConfig;
    return {
        executionSuccessful: true,
        ...(report.finishedAt === undefined ? {} : { endTimeUtc: report.finishedAt }),
        properties: {
            operation: report.operation,
            judged: OPERATION_MEANING[report.operation],
            stack: report.stack,
            project: report.project,
            policyPack: { name: PACK_NAME, version: report.packVersion },
            ...(env === undefined
                ? {}
                : {
                      pulumiCli: env.pulumiCli,
                      reportedAt: env.reportedAt,
                      policyConfig:
                          config === undefined
                              ? { given: false }
                              : { given: true, file: config.file, digest: config.digest, document: config.document },
                  }),
        },
    };
}

function rule(): Record<string, unknown> {
    const summary =
        "Azure App Service apps (web, API and function apps and their slots) must require incoming client " +
        "certificates: client certificates enabled, mode Required, and only allowed exclusion paths.";
    return {
        id: MAIN_POLICY,
        name: "AppServiceRequiresClientCertificates",
        shortDescription: { text: "App Service apps require incoming client certificates" },
        fullDescription: { text: `${summary} ${CIS_CONTROL.label}: ${CIS_CONTROL.title}.` },
        helpUri: HELP_URI,
        help: {
            text: `${summary}\n\nFix: ${FIX}\n\n${CIS_CONTROL.label}, ${CIS_CONTROL.profile}.`,
            markdown:
                `${summary}\n\n**Fix:** ${FIX}\n\n**Control:** ${CIS_CONTROL.label}, ${CIS_CONTROL.profile}: ` +
                `*${CIS_CONTROL.title}*. Later versions renumbered or moved it: ${CIS_CONTROL.laterVersions.join(" ")}`,
        },
        defaultConfiguration: { level: "error" },
        properties: {
            "security-severity": SECURITY_SEVERITY,
            precision: "very-high",
            tags: ["security", "azure", "app-service", "mutual-tls", `CIS-Azure-Foundations-${CIS_CONTROL.id}`],
            cis: {
                benchmark: CIS_CONTROL.benchmark,
                versions: CIS_CONTROL.versions,
                recommendation: CIS_CONTROL.id,
                title: CIS_CONTROL.title,
            },
        },
    };
}

/** A baseline rule as a SARIF rule: its policy, CIS ids per benchmark version, the value required and the fix. */
function baselineRule(verdicts: RuleVerdicts): Record<string, unknown> {
    const rule = BASELINE_RULES.find(r => r.name === verdicts.policy)!;
    const control = verdicts.cis === "" ? "not a CIS recommendation" : `${CIS_BENCHMARK} ${verdicts.cis}`;
    const fix = `In the portal: ${rule.portal}. For an app that already exists: ${rule.cliFix}`;
    return {
        id: rule.name,
        name: rule.displayName,
        shortDescription: { text: rule.displayName },
        fullDescription: { text: `${rule.description} ${control}.` },
        helpUri: rule.url,
        help: {
            text: `${rule.description}\n\nFix: ${fix}\n\n${control}.`,
            markdown: `${rule.description}\n\n**Fix:** ${fix}\n\n**Control:** ${control}.`,
        },
        defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
        properties: {
            "security-severity": SECURITY_SEVERITY_OF[rule.severity],
            precision: "very-high",
            tags: ["security", ...rule.tags.filter(tag => tag !== "security")],
            ...(rule.cis.length === 0
                ? {}
                : {
                      cis: {
                          benchmark: CIS_BENCHMARK,
                          recommendations: rule.cis.map(c => ({ version: c.version, id: c.id, title: c.title })),
                      },
                  }),
        },
    };
}

function result(
    resource: ResourceVerdict,
    location: SourceLocation,
    rule: { id: string; index: number } = { id: MAIN_POLICY, index: 0 },
): Record<string, unknown> {
    const suppressed = resource.verdict === "exempt" || resource.verdict === "excluded-kind";
    return {
        ruleId: rule.id,
        ruleIndex: rule.index,
        kind: suppressed ? "notApplicable" : "fail",
        level: suppressed
            ? "none"
            : resource.enforcementLevel === "advisory" && resource.verdict === "violating"
              ? "warning"
              : "error",
        message: { text: messageOf(resource, location !== resource.location) },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: location.file },
                    region:
                        location.column === undefined
                            ? { startLine: location.line }
                            : { startLine: location.line, startColumn: location.column },
                },
                logicalLocations: [
                    {
                        name: distinctName(resource.name),
                        fullyQualifiedName: distinctName(resource.urn),
                        kind: "resource",
                    },
                ],
            },
        ],
        partialFingerprints: {
            "pulumiResourceUrn/v1":
                rule.index === 0 ? distinctName(resource.urn) : `${rule.id}/${distinctName(resource.urn)}`,
        },
        ...(suppressed
            ? { suppressions: [{ kind: "external", status: "accepted", justification: resource.reason }] }
            : {}),
        properties: {
            verdict: resource.verdict,
            resourceType: distinctName(resource.type),
            ...(resource.notice?.notice === "exempt" && resource.notice.expires
                ? { exemptUntil: resource.notice.expires }
                : {}),
        },
    };
}

function messageOf(resource: ResourceVerdict, unlocated: boolean): string {
    const subject = `${distinctName(resource.type)} "${distinctName(resource.name)}"`;
    const where = unlocated
        ? "\n(Located at the project file: give the report --state to point at the program line.)"
        : "";
    switch (resource.verdict) {
        case "violating":
            return (
                (resource.message ?? `${subject} does not require incoming client certificates: ${resource.reason}`) +
                where
            );
        case "unverifiable":
            return `${subject} could not be verified: ${resource.reason}. It counts as failing until it is verified.${where}`;
        default:
            return `${subject}: ${resource.reason}.${where}`;
    }
}
