// What the azure-secure-webapp pack's diagnostics mean, read from their text. The notices of the exemptions policy
// are parsed by the pack's own parseNotice (their wording is a contract kept beside the code that writes it); the
// rest of the pack's wording the report relies on is read here, in one place.
import { Notice, parseNotice } from "../notices";
export { CLIENT_CERTIFICATE_EXEMPTIONS as EXEMPTIONS_POLICY, REQUIRE_CLIENT_CERTIFICATES as MAIN_POLICY } from "../policyNames";

/** The pack, as the engine names it in events. */
export const PACK_NAME = "azure-secure-webapp";

/** A notice of the exemptions policy, with the warning line the pack adds when an exemption ends soon. */
export type PackNotice = Notice & { readonly expiryWarning?: string };

const EXPIRY_WARNING = /^Expires in \d+ days?, on \d{4}-\d{2}-\d{2}/;

/** Reads a notice from a policy event's message (the engine puts the policy's description first). */
export function readNotice(message: string): PackNotice | undefined {
    const notice = parseNotice(message.trimEnd());
    if (notice === undefined) {
        return undefined;
    }
    const expiryWarning = message.split("\n").map(line => line.trim()).find(line => EXPIRY_WARNING.test(line));
    return expiryWarning === undefined ? notice : { ...notice, expiryWarning };
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
