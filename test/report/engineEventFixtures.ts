// Synthetic engine event streams shaped like the CLI's JSON lines (see the real ones in test/e2e/report.test.ts),
// built from a happy path so that each test changes one thing.
import { Unverifiable } from "../../policy-pack/arm/values";
import type { CitedExemption } from "../../policy-pack/exemptions";
import { azureNativeWebApp } from "../../policy-pack/families/azureNative";
import { violationMessage } from "../../policy-pack/messages";
import type { EngineEvent } from "../../policy-pack/report/engineEvents";
import type { Finding } from "../../policy-pack/rule/clientCertificates";
import { REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION } from "../../policy-pack/violationWording";

export const PACK = "azure-secure-webapp";
export const POLICY = "webapp-require-client-certificates";
export const NOTICES = "webapp-client-certificate-exemptions";
const STACK_URN = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";

export function urnOf(type: string, name: string, parentTypes = ""): string {
    return `urn:pulumi:dev::shop::${parentTypes}${type}::${name}`;
}

/** A resource the program registers, and what the pack concluded about it. */
export interface ResourceFixture {
    urn: string;
    /** Result of the main policy in the analyze summary; "none" when the pack called it not applicable. */
    result: "passed" | "failed" | "none";
    /** policyEvents of the pack on this resource. */
    events?: { policyName?: string; message: string; enforcementLevel?: string }[];
    /** Other policies of the pack (the baseline rules') that passed or failed on it, in the analyze summary. */
    others?: { passed?: string[]; failed?: string[] };
}

/** The JSON lines of a preview with the pack, as `pulumi preview --json` streams them. */
export function previewStream(resources: ResourceFixture[], summary: Record<string, unknown> = {}): string {
    let sequence = 0;
    const lines: Record<string, unknown>[] = [{ policyLoadEvent: {} }, { preludeEvent: { config: {} } }];
    for (const r of [{ urn: STACK_URN, result: "passed" as const }, ...resources]) {
        for (const e of r.events ?? []) {
            lines.push({
                policyEvent: {
                    resourceUrn: r.urn,
                    message: e.message,
                    color: "never",
                    policyName: e.policyName ?? POLICY,
                    policyPackName: PACK,
                    policyPackVersion: "0.1.0",
                    policyPackVersionTag: "0.1.0",
                    enforcementLevel: e.enforcementLevel ?? "mandatory",
                    severity: "high",
                },
            });
        }
        lines.push({
            policyAnalyzeSummaryEvent: {
                resourceUrn: r.urn,
                policyPackName: PACK,
                policyPackVersion: "0.1.0",
                policyPackVersionTag: "0.1.0",
                ...summaryLists(r),
            },
        });
        const type = r.urn.split("::")[2].split("$").pop();
        lines.push({
            resourcePreEvent: {
                metadata: { op: "create", urn: r.urn, type, old: null, new: { type, urn: r.urn } },
                planning: true,
            },
        });
    }
    const failed = resources.some(r =>
        r.events?.some(e => (e.enforcementLevel ?? "mandatory") === "mandatory" && (e.policyName ?? POLICY) === POLICY),
    );
    lines.push({
        summaryEvent: {
            maybeCorrupt: false,
            durationSeconds: 1,
            resourceChanges: { create: resources.length + 1 },
            PolicyPacks: { [`${PACK}|local|/repo/tools/policy-pack-launcher/${PACK}`]: "0.1.0" },
            isPreview: true,
            result: failed ? "failed" : "succeeded",
            ...summary,
        },
    });
    lines.push({ cancelEvent: {} });
    return (
        lines.map(line => JSON.stringify({ sequence: sequence++, timestamp: 1795938936, ...line })).join("\n") + "\n"
    );
}

/** The analyze summary's passed and failed lists of a resource: the main policy's result and the others'. */
function summaryLists(r: Pick<ResourceFixture, "result" | "others">): Record<string, string[]> {
    const lists: Record<string, string[]> = {};
    for (const outcome of ["passed", "failed"] as const) {
        const policies = [...(r.result === outcome ? [POLICY] : []), ...(r.others?.[outcome] ?? [])];
        if (policies.length > 0) {
            lists[outcome] = policies;
        }
    }
    return lists;
}

export function events(text: string): EngineEvent[] {
    return text
        .trim()
        .split("\n")
        .map(line => JSON.parse(line));
}

/** The pack's violation message on an app, written by the pack itself and delivered as the engine does (its description first). */
export function violation(type: string, name: string, findings: Finding[], expiredExemption?: CitedExemption): string {
    const message = violationMessage({
        type,
        name,
        family: azureNativeWebApp,
        verdicts: [{ assessment: { findings, unknownSettings: [] } }],
        allowedExclusionPaths: [],
        expiredExemption,
    });
    return `${REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION}\n${message}\n`;
}

/** The lines of a violation message that say what is wrong, as the pack wrote them (without their dashes). */
export function findingLinesOf(message: string): string[] {
    return message
        .split("\n")
        .filter(line => line.startsWith("- "))
        .map(line => line.slice(2));
}

export const WEB_APP = "azure-native:web:WebApp";
/** Client certificates explicitly off: a definite violation. */
export const CERTS_OFF: Finding = { setting: "enabled", found: false };
/** A mode the pack cannot evaluate before deployment: unverifiable, not proven non-compliant. */
export const MODE_UNVERIFIABLE: Finding = {
    setting: "mode",
    found: new Unverifiable("it is [variables('mode')], an ARM expression"),
};
