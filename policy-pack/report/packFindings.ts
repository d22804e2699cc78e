// What the azure-secure-webapp pack's diagnostics mean, read from their text. The pack's own wording is read by the
// parsers beside the code that writes it (notices.ts, violationWording.ts); only the engine's wording is read here.
import { findExpiryWarningLine, Notice, parseNotice } from "../notices";
export {
    CLIENT_CERTIFICATE_EXEMPTIONS as EXEMPTIONS_POLICY,
    REQUIRE_CLIENT_CERTIFICATES as MAIN_POLICY,
} from "../policyNames";

/** The pack, as the engine names it in events. */
export const PACK_NAME = "azure-secure-webapp";

/** A notice of the exemptions policy, with the warning line the pack adds when an exemption ends soon. */
export type PackNotice = Notice & { readonly expiryWarning?: string };

/** Reads a notice from a policy event's message (the engine puts the policy's description first). */
export function readNotice(message: string): PackNotice | undefined {
    const notice = parseNotice(message.trimEnd());
    if (notice === undefined) {
        return undefined;
    }
    const expiryWarning = findExpiryWarningLine(message);
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
