// The verdict model: one verdict per App Service resource of the stack, from the engine's events. Only App Service
// resources count (the engine's summaries list every other resource as passed), and the model never fails open: a
// stream that ends early, a run the pack did not take part in, or a resource the pack did not report on is an error
// or an unverifiable verdict, never a pass.
import { distinctName } from "./distinctName";
import { exemptionStatus } from "../exemptions";
import { shownJson } from "../shownText";
import { appFamilyOf } from "../families/appFamilies";
import { isApp } from "../families/family";
import { COVERED_TYPES, CoveredType, coveredTypeOf } from "../families/coveredTypes";
import { findNoticeLine } from "../notices";
import { splitExclusionPaths } from "../rule/clientCertificates";
import { findExpiredExemptionLine, onlyUnverifiableFindings, violationText } from "../violationWording";
import { EngineEvent, PolicyEvent, SummaryEvent } from "./engineEvents";
import { ReportInputError } from "./inputError";
import { EXEMPTIONS_POLICY, isUnknownAtPreview, MAIN_POLICY, PACK_NAME, PackNotice, readNotice } from "./packFindings";
import { RENEGOTIATION_IN_STACK } from "../policyNames";
import { PolicyConfigInForce } from "./policyConfig";
import { RunEnvironment } from "./runEnvironment";
import { declarationOf, SourceLocation, StateResource } from "./stackState";
import { BASELINE_RULES } from "../baseline/rules";
import { cisIds } from "../baseline/rule";

/**
 * - `compliant`: the pack checked it and it requires client certificates;
 * - `violating`: it does not;
 * - `exempt`: an exemption in the policy config lets it through, until a date;
 * - `excluded-kind`: its kind is in the policy config's excludedKinds, so it is not checked;
 * - `unverifiable`: the pack could not decide (a value unknown until the update, an ARM expression, no result at
 *   all); it counts as failing.
 */
export type Verdict = "compliant" | "violating" | "exempt" | "excluded-kind" | "unverifiable";

export const VERDICTS: readonly Verdict[] = ["violating", "unverifiable", "exempt", "excluded-kind", "compliant"];

/** The verdict on one App Service resource, with what the pack said about it. */
export interface ResourceVerdict {
    readonly urn: string;
    /** Type token, e.g. azure-native:web:WebApp. */
    readonly type: string;
    /** Logical name in the program. */
    readonly name: string;
    readonly verdict: Verdict;
    /** Why, in one line. */
    readonly reason: string;
    /** The pack's full message, for violating and unverifiable resources. */
    readonly message?: string;
    /** `mandatory` or `advisory`, for violating and unverifiable resources. */
    readonly enforcementLevel?: string;
    /** The exemptions policy's notice, for exempt and kind-excluded resources. */
    readonly notice?: PackNotice;
    /** The program line that declared it (or the component that contains it), when a state file was given. */
    readonly location?: SourceLocation;
}

/** One baseline rule's verdicts: every App Service resource its policy judged in the run. */
export interface RuleVerdicts {
    /** The rule's policy name, e.g. webapp-https-only. */
    readonly policy: string;
    /** The rule's title, e.g. HTTPS only. */
    readonly title: string;
    /** Its CIS ids per benchmark version, e.g. `9.2 (v2.0.0, v2.1.0), 9.1 (v3.0.0)`; empty for a rule that is not CIS. */
    readonly cis: string;
    readonly severity: string;
    /** Sorted by URN. */
    readonly resources: readonly ResourceVerdict[];
}

/** Every App Service resource of one run, with its verdict. */
export interface ComplianceReport {
    readonly project: string;
    readonly stack: string;
    readonly operation: Operation;
    /** When the run ended (UTC, ISO 8601), from the time the CLI wrote its summary; absent from old CLIs. */
    readonly finishedAt?: string;
    /** Version of the azure-secure-webapp pack that ran. */
    readonly packVersion: string;
    /** The CLI, policy config and source revision of the run, when the report was given them. */
    readonly environment?: RunEnvironment;
    /** Sorted by URN: the client-certificate rule's verdicts. */
    readonly resources: readonly ResourceVerdict[];
    /** The baseline rules that ran, each with its verdicts; absent when none ran (a stream of an older pack). */
    readonly baseline?: readonly RuleVerdicts[];
}

/** What the pack judged: a plan, a deployment, or the recorded state of deployed resources. */
export type Operation = "pulumi preview" | "pulumi up" | "pulumi policy analyze";

/** Each operation in words, for auditors: which of the three was judged matters as evidence. */
export const OPERATION_MEANING: Record<Operation, string> = {
    "pulumi preview": "a preview: the program's planned inputs, before anything is deployed",
    "pulumi up": "an update: the inputs this run deployed",
    "pulumi policy analyze": "deployed state: the resources the stack records, as last deployed, imported or refreshed",
};

export interface ReportInput {
    /** Name of the stream, for error messages (a file name, or "standard input"). */
    readonly source: string;
    /** Resources of a state file or preview digest, to locate resources (and list them for `policy analyze`). */
    readonly state?: ReadonlyMap<string, StateResource>;
    /** The Pulumi project's folder relative to the repository root, for locations. */
    readonly projectDir: string;
    /** The CLI, policy config and revision of the run, recorded in the report as they are. */
    readonly environment?: RunEnvironment;
}

const DELETING_OPS: ReadonlySet<string> = new Set([
    "delete",
    "discard",
    "delete-replaced",
    "read-discard",
    "discard-replaced",
    "remove-pending-replace",
]);

export function buildReport(events: readonly EngineEvent[], input: ReportInput): ComplianceReport {
    const summary = events
        .map(e => e.summaryEvent)
        .filter(isDefined)
        .pop();
    if (summary === undefined) {
        throw new ReportInputError(
            `${input.source} ends after ${events.length} event(s) without the engine's summaryEvent: ` +
                "the run was cut short (cancelled, killed, or its output truncated), so a report would be incomplete. Run it again.",
        );
    }
    const packVersion = packVersionOf(events, summary);
    if (packVersion === undefined) {
        throw new ReportInputError(
            `${input.source} holds no results of the ${PACK_NAME} policy pack: the pack did not run. ` +
                `Add --policy-pack <path to ${PACK_NAME}> to the pulumi command (or enable the pack for the stack's policy group in Pulumi Cloud).`,
        );
    }
    checkRunFinished(events, summary, input.source);
    const finishedAt = timeOf(events.find(e => e.summaryEvent === summary) ?? events[events.length - 1]);

    const policyEvents = events
        .map(e => e.policyEvent)
        .filter(isDefined)
        .filter(e => e.policyPackName === PACK_NAME);
    const summaries = new Map<string, { passed: readonly string[]; failed: readonly string[] }>();
    for (const s of events.map(e => e.policyAnalyzeSummaryEvent).filter(isDefined)) {
        if (s.policyPackName === PACK_NAME) {
            summaries.set(s.resourceUrn, { passed: s.passed ?? [], failed: s.failed ?? [] });
        }
    }
    /** Whether `policy` passed or failed on each resource, as the engine's summaries say. */
    const resultsOf = (policy: string) =>
        new Map(
            [...summaries].map(([urn, r]) => [
                urn,
                { passed: r.passed.includes(policy), failed: r.failed.includes(policy) },
            ]),
        );
    const analyzed = resultsOf(MAIN_POLICY);
    const remediationEvents = events
        .map(e => e.policyRemediationEvent)
        .filter(isDefined)
        .filter(e => e.policyPackName === PACK_NAME);
    const remediatedBy = (policy: string) =>
        new Set(remediationEvents.filter(e => e.policyName === policy).map(e => e.resourceUrn));
    const remediated = remediatedBy(MAIN_POLICY);
    const stepUrns = events
        .map(e => e.resourcePreEvent?.metadata)
        .filter(isDefined)
        .filter(m => !DELETING_OPS.has(m.op))
        .map(m => m.urn);
    const isAnalyzeRun = stepUrns.length === 0 && !events.some(e => e.preludeEvent !== undefined);
    if (isAnalyzeRun && input.state === undefined) {
        throw new ReportInputError(
            `${input.source} is a \`pulumi policy analyze\` stream, which lists only violations: give the ` +
                "analyzed state with --state FILE (the `pulumi stack export` file) so that compliant apps are listed too.",
        );
    }

    // App Service resources: those the pack gave a result for, those it sent a notice about, and every App Service
    // resource the engine stepped through (or the analyzed state holds), so that one the pack skipped is not lost.
    const candidates = new Set<string>([
        ...[...analyzed].filter(([, r]) => r.passed || r.failed).map(([urn]) => urn),
        ...policyEvents.map(e => e.resourceUrn).filter(isDefined),
        ...stepUrns.filter(urn => !analyzed.has(urn)),
        ...(isAnalyzeRun ? [...input.state!.keys()] : []),
    ]);
    const resources: ResourceVerdict[] = [];
    const appServiceResources: {
        urn: string;
        type: string;
        name: string;
        covered: CoveredType;
        location?: SourceLocation;
    }[] = [];
    for (const urn of [...candidates].sort()) {
        const { type, name } = parseUrn(urn);
        const covered = coveredTypeOf(type);
        if (covered === undefined) {
            continue;
        }
        appServiceResources.push({
            urn,
            type,
            name,
            covered,
            location: input.state === undefined ? undefined : declarationOf(urn, input.state, input.projectDir),
        });
        const evidence: Evidence = {
            // The rule's stack part reports on the apps as well: its violations are the rule's.
            violations: policyEvents.filter(
                e => e.resourceUrn === urn && CLIENT_CERTIFICATE_POLICIES.includes(e.policyName),
            ),
            notices: policyEvents.filter(
                e =>
                    e.resourceUrn === urn &&
                    e.policyName === EXEMPTIONS_POLICY &&
                    !namesAssignedDefinition(e) &&
                    // a baseline rule's notice is that rule's evidence
                    (noticePolicy(e.message) ?? MAIN_POLICY) === MAIN_POLICY,
            ),
            analyzed: analyzed.get(urn),
            remediated: remediated.has(urn),
            isAnalyzeRun,
        };
        // A generic Resource or a template deployment is an App Service resource only when it holds a site: the
        // pack records "not applicable" for one that holds none, which leaves no result, and that is no verdict.
        if (COVERED_TYPES[covered] === "may-hold-apps" && !hasResult(evidence)) {
            continue;
        }
        const judged = explained(judge(urn, evidence, CLIENT_CERTIFICATE_WORDING), {
            urn,
            name,
            type,
            state: input.state?.get(urn),
            config: input.environment?.policyConfig,
            at: finishedAt,
        });
        resources.push({
            urn,
            type,
            name,
            ...judged,
            location: appServiceResources[appServiceResources.length - 1].location,
        });
    }
    const baseline: RuleVerdicts[] = [];
    for (const rule of BASELINE_RULES) {
        // A rule's stack part reports on the apps as well: its violations are the rule's.
        const policies = [rule.name, ...(rule.stackPart === undefined ? [] : [rule.stackPart])];
        const results = resultsOf(rule.name);
        const ran =
            policyEvents.some(e => policies.includes(e.policyName)) ||
            [...results.values()].some(r => r.passed || r.failed);
        if (!ran) {
            continue; // disabled, or a stream of a pack without it
        }
        const ruleRemediated = remediatedBy(rule.name);
        const verdicts: ResourceVerdict[] = [];
        for (const { urn, type, name, covered, location } of appServiceResources) {
            const evidence: Evidence = {
                violations: policyEvents.filter(e => e.resourceUrn === urn && policies.includes(e.policyName)),
                notices: policyEvents.filter(
                    e =>
                        e.resourceUrn === urn &&
                        e.policyName === EXEMPTIONS_POLICY &&
                        noticePolicy(e.message) === rule.name,
                ),
                analyzed: results.get(urn),
                remediated: ruleRemediated.has(urn),
                isAnalyzeRun,
            };
            if (COVERED_TYPES[covered] === "may-hold-apps" && !hasResult(evidence)) {
                continue;
            }
            const wording = { policy: rule.name, meets: `meets the ${rule.title} rule` };
            verdicts.push({ urn, type, name, ...judge(urn, evidence, wording), location });
        }
        baseline.push({
            policy: rule.name,
            title: rule.title,
            cis: cisIds(rule),
            severity: rule.severity,
            resources: verdicts,
        });
    }
    const { project, stack } = parseUrn(
        events.map(e => e.resourcePreEvent?.metadata.urn ?? e.policyAnalyzeSummaryEvent?.resourceUrn).find(isDefined) ??
            input.state?.keys().next().value ??
            resources[0]?.urn ??
            "",
    );
    return {
        project,
        stack,
        operation: isAnalyzeRun ? "pulumi policy analyze" : summary.isPreview ? "pulumi preview" : "pulumi up",
        ...(finishedAt === undefined ? {} : { finishedAt: finishedAt.toISOString().replace(/\.\d{3}Z$/, "Z") }),
        packVersion,
        ...(input.environment === undefined ? {} : { environment: input.environment }),
        resources,
        ...(baseline.length === 0 ? {} : { baseline }),
    };
}

/**
 * Whether an exemptions-policy event is the notice of a custom policy definition a resource assigns: it says
 * nothing about an app of that resource (the definition is judged where it is declared), so it is no evidence.
 */
function namesAssignedDefinition(event: PolicyEvent): boolean {
    return readNotice(event.message)?.notice === "custom-definition";
}

interface Evidence {
    violations: PolicyEvent[];
    notices: PolicyEvent[];
    analyzed?: { passed: boolean; failed: boolean };
    remediated: boolean;
    isAnalyzeRun: boolean;
}

/** Whether the pack said anything about the resource: a violation, a notice, or the rule passed or failed. */
function hasResult(evidence: Evidence): boolean {
    return (
        evidence.violations.length > 0 ||
        evidence.notices.length > 0 ||
        evidence.remediated ||
        evidence.analyzed?.passed === true ||
        evidence.analyzed?.failed === true
    );
}

type Judgement = Pick<ResourceVerdict, "verdict" | "reason" | "message" | "enforcementLevel" | "notice">;

/** The policy a verdict is about, and what a compliant resource's reason says. */
interface Wording {
    policy: string;
    /** `client certificates required`, `meets the HTTPS only rule`. */
    meets: string;
}

/** The client-certificate rule's policies: the rule, and its stack part (policies/renegotiationInStack.ts). */
const CLIENT_CERTIFICATE_POLICIES: readonly string[] = [MAIN_POLICY, RENEGOTIATION_IN_STACK];

const CLIENT_CERTIFICATE_WORDING: Wording = { policy: MAIN_POLICY, meets: "client certificates required" };

/** The rule an exemptions-policy notice is about: the client-certificate rule when it names none. */
function noticePolicy(message: string): string | undefined {
    const notice = readNotice(message);
    if (notice === undefined || notice.notice === "custom-definition") {
        return undefined;
    }
    return notice.policy ?? MAIN_POLICY;
}

function judge(urn: string, evidence: Evidence, wording: Wording): Judgement {
    const definite = evidence.violations.find(
        v => !isUnknownAtPreview(v.message) && !onlyUnverifiableFindings(v.message),
    );
    if (definite !== undefined) {
        const message = violationText(definite.message);
        return {
            verdict: "violating",
            reason: findingsOf(message),
            message,
            enforcementLevel: definite.enforcementLevel,
        };
    }
    const undecided = evidence.violations[0];
    if (undecided !== undefined) {
        const unknown = isUnknownAtPreview(undecided.message);
        const message = unknown ? undecided.message.trim() : violationText(undecided.message);
        return {
            verdict: "unverifiable",
            reason: unknown
                ? `${message.replace(/^.*during preview: /s, "")}: checked during pulumi up, when the value is known`
                : findingsOf(message),
            message,
            enforcementLevel: undecided.enforcementLevel,
        };
    }
    for (const { message } of evidence.notices) {
        const notice = readNotice(message);
        // A baseline rule's exemption is that rule's, not the client-certificate verdict's.
        if (notice === undefined || noticePolicy(message) !== wording.policy) {
            continue;
        }
        if (notice.notice === "exempt") {
            // The pack's own line, whole: the entry, the end date and the reason, as the reviewer approved them.
            return {
                verdict: "exempt",
                reason: findNoticeLine(message.trimEnd())! + (notice.expiryWarning ? ` (${notice.expiryWarning})` : ""),
                notice,
            };
        }
        if (notice.notice === "excluded-kind") {
            return {
                verdict: "excluded-kind",
                reason: `not checked: its kind "${notice.kind}" matches excludedKinds "${notice.token}"`,
                notice,
            };
        }
    }
    if (evidence.remediated && (evidence.analyzed?.passed ?? true)) {
        return { verdict: "compliant", reason: `${wording.meets} once the pack's remediation is applied` };
    }
    if (evidence.analyzed?.passed) {
        return { verdict: "compliant", reason: wording.meets };
    }
    if (evidence.analyzed?.failed) {
        return { verdict: "unverifiable", reason: `${wording.policy} failed on it without a message` };
    }
    if (evidence.isAnalyzeRun) {
        return {
            verdict: "compliant",
            reason: `${wording.meets} (no violation in the analysis of the state)`,
        };
    }
    return { verdict: "unverifiable", reason: `the ${PACK_NAME} pack reported no result for ${distinctName(urn)}` };
}

/**
 * The finding lines of a violation, joined: what is wrong, without the headline and the fix; led by the line that
 * says the resource's exemption expired, when it did.
 */
function findingsOf(message: string): string {
    const findings = message
        .split("\n")
        .filter(line => /^\s*- /.test(line))
        .map(line => line.trim().replace(/^- /, ""));
    const expired = findExpiredExemptionLine(message);
    return [
        ...(expired === undefined ? [] : [expired.replace(/\s*\n\s*/g, " ")]),
        ...(findings.length > 0 ? findings : [message.split("\n")[0]]),
    ].join(" ");
}

/** What the report knows about a resource beyond the events: its recorded inputs and the config in force. */
interface Context {
    urn: string;
    name: string;
    type: string;
    state?: StateResource;
    config?: PolicyConfigInForce;
    at?: Date;
}

/**
 * A compliant verdict with what an auditor asks next: the exclusion paths the app keeps (read from its recorded
 * inputs by the pack's own family) and the allow-list that permits them, and an exemption that has expired.
 */
function explained(judgement: Judgement, context: Context): Judgement {
    if (judgement.verdict !== "compliant") {
        return judgement;
    }
    const notes: string[] = [];
    const paths = exclusionPathsOf(context);
    if (paths.length > 0) {
        const allowList =
            context.config === undefined
                ? "allowed by the policy config in force, since the pack passed the app"
                : `allowed by allowedExclusionPaths ${JSON.stringify(context.config.rule.allowedExclusionPaths)} in ${context.config.file}`;
        notes.push(`exclusion paths ${paths.map(p => shownJson(p)).join(", ")} (${allowList})`);
    }
    if (context.config !== undefined) {
        const status = exemptionStatus(
            context.config.rule.exemptions,
            context.name,
            context.urn,
            context.at ?? new Date(),
        );
        if (status.state === "expired") {
            notes.push(`its exemption exemptions[${status.index}] expired on ${status.exemption.expires}`);
        }
    }
    return notes.length === 0 ? judgement : { ...judgement, reason: `${judgement.reason}; ${notes.join("; ")}` };
}

/**
 * The exclusion paths of an app or slot in its recorded inputs; none when they cannot be read. The apps inside a
 * template or a generic resource are left out: reading them takes the ARM evaluator, and the verdict needs no more.
 */
function exclusionPathsOf({ type, state }: Context): string[] {
    if (state?.inputs === undefined) {
        return [];
    }
    try {
        return (appFamilyOf(type)?.apps(state.inputs) ?? []).flatMap(app => {
            const value = isApp(app) ? app.settings.exclusionPaths?.() : undefined;
            return typeof value === "string" ? splitExclusionPaths(value) : [];
        });
    } catch {
        return []; // a value unknown in a preview digest: the verdict stands, only the detail is missing
    }
}

function timeOf(event: EngineEvent | undefined): Date | undefined {
    return typeof event?.timestamp === "number" && event.timestamp > 0 ? new Date(event.timestamp * 1000) : undefined;
}

function packVersionOf(events: readonly EngineEvent[], summary: SummaryEvent): string | undefined {
    for (const e of events) {
        const fromPack = e.policyEvent ?? e.policyAnalyzeSummaryEvent;
        if (fromPack?.policyPackName === PACK_NAME) {
            return fromPack.policyPackVersion;
        }
    }
    const entry = Object.entries(summary.PolicyPacks ?? {}).find(([key]) => key.split("|")[0] === PACK_NAME);
    return entry?.[1];
}

/**
 * A run that failed for another reason than a policy violation (a program error, a provider error) stopped before
 * every resource was registered: the resources it never reached are missing from the stream.
 */
function checkRunFinished(events: readonly EngineEvent[], summary: SummaryEvent, source: string): void {
    if (summary.result === "cancelled") {
        throw new ReportInputError(
            `${source}: the run was cancelled, so not every resource was checked. Run it again.`,
        );
    }
    const blockedByPolicy = events.some(e => e.policyEvent?.enforcementLevel === "mandatory");
    if (summary.result === "failed" && !blockedByPolicy) {
        const errors = events
            .map(e => e.diagnosticEvent)
            .filter(isDefined)
            .filter(d => d.severity === "error")
            .map(d => d.message.trim())
            .filter(message => message !== "");
        throw new ReportInputError(
            `${source}: the run failed before every resource was checked, for a reason other than a ` +
                `policy violation${errors.length > 0 ? `: ${errors.join("; ")}` : ""}. Fix that error and run it again.`,
        );
    }
}

/** urn:pulumi:<stack>::<project>::<parent types$type>::<name> */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return {
        stack: (parts[0] ?? "").replace(/^urn:pulumi:/, ""),
        project: parts[1] ?? "",
        type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
        name: parts.slice(3).join("::"),
    };
}

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}
