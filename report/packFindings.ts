// What the azure-secure-webapp pack's diagnostics mean, read from their text: the contract between the pack's
// messages (policy-pack/messages.ts and the exemption notices) and the report. Kept in one module so that a change
// of wording on either side shows up in one place, and in its tests.

/** The pack, as the engine names it in events. */
export const PACK_NAME = "azure-secure-webapp";
/** The policy that enforces CIS 9.4. */
export const MAIN_POLICY = "webapp-require-client-certificates";
/** The advisory policy that reports exempt and kind-excluded resources. */
export const EXEMPTIONS_POLICY = "webapp-client-certificate-exemptions";

/** An exemption from the policy config, as the notice states it. */
export interface ExemptionNotice {
    readonly kind: "exempt";
    /** Position in the config's `exemptions` list. */
    readonly index: number;
    /** Last day of the exemption (YYYY-MM-DD), or undefined when it has no expiry date. */
    readonly until?: string;
    readonly reason: string;
    /** The warning line when the exemption expires soon, e.g. "Expires in 12 day(s), on 2026-12-31: ...". */
    readonly expiryWarning?: string;
}

/** A resource left unchecked because its kind is in the config's `excludedKinds`. */
export interface ExcludedKindNotice {
    readonly kind: "excluded-kind";
    /** The resource's `kind`, e.g. "functionapp,workflowapp". */
    readonly appKind: string;
    /** The excludedKinds entry it matched. */
    readonly token: string;
}

const EXEMPT = /^Exempt: .+ is exempt from webapp-require-client-certificates by exemptions\[(\d+)\] until (\d{4}-\d{2}-\d{2}|no expiry date); reason: (.*)$/;
const EXCLUDED_KIND = /^Excluded kind: .+ is not checked by webapp-require-client-certificates: its kind "(.*)" matches excludedKinds "(.*)"$/;
const EXPIRY_WARNING = /^Expires in \d+ day\(s\), on \d{4}-\d{2}-\d{2}/;

/**
 * Reads a notice of the exemptions policy. The engine puts the policy's description before the pack's message, so
 * the notice is found by its first line wherever it starts.
 */
export function readNotice(message: string): ExemptionNotice | ExcludedKindNotice | undefined {
    const lines = message.split("\n").map(line => line.trimEnd());
    for (const [index, line] of lines.entries()) {
        const exempt = EXEMPT.exec(line);
        if (exempt !== null) {
            const next = lines[index + 1] ?? "";
            return {
                kind: "exempt",
                index: Number(exempt[1]),
                until: exempt[2] === "no expiry date" ? undefined : exempt[2],
                reason: exempt[3],
                expiryWarning: EXPIRY_WARNING.test(next) ? next : undefined,
            };
        }
        const excluded = EXCLUDED_KIND.exec(line);
        if (excluded !== null) {
            return { kind: "excluded-kind", appKind: excluded[1], token: excluded[2] };
        }
    }
    return undefined;
}

/**
 * The engine's advisory diagnostic when a policy read a value that is unknown until the update, e.g.
 * "can't run policy 'webapp-require-client-certificates' from policy pack 'azure-secure-webapp@v0.1.0' during
 * preview: string value at .clientCertMode can't be known during preview".
 */
export function isUnknownAtPreview(message: string): boolean {
    return /can't run policy '[^']*' from policy pack '[^']*' during preview/.test(message);
}

const VIOLATION_HEADLINE = " does not require incoming client certificates";

/** The pack's own violation message, without the policy description the engine puts first. */
export function violationText(message: string): string {
    const lines = message.trimEnd().split("\n");
    const start = lines.findIndex(line => line.includes(VIOLATION_HEADLINE));
    return lines.slice(Math.max(start, 0)).join("\n");
}

/**
 * Whether every finding of a violation is one the pack could not verify before deployment (an ARM expression it
 * cannot evaluate): such a resource is unverifiable, not proven non-compliant; it still fails.
 */
export function onlyUnverifiableFindings(message: string): boolean {
    const findings = violationText(message).split("\n")
        .filter(line => /^\s*- /.test(line) && !line.trimEnd().endsWith(":"))
        .filter(line => !line.includes("is not known until the update"));
    return findings.length > 0 && findings.every(line => line.includes("cannot be verified before deployment"));
}
