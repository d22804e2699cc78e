import { Exemption } from "./config";

/** Whether a resource is exempt now, exempt no longer, or not listed. */
export type ExemptionStatus =
    | { state: "none" }
    | { state: "exempt"; exemption: Exemption }
    | { state: "expired"; exemption: Exemption };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The exemption that names this resource (by logical name or URN). An exemption holds through the whole of its
 * `expires` day (UTC); an `expires` that is not a date counts as expired, so a typo never exempts forever.
 */
export function exemptionStatus(exemptions: readonly Exemption[], name: string, urn: string, now: Date): ExemptionStatus {
    const exemption = exemptions.find(e => e.resource === name || e.resource === urn);
    if (exemption === undefined) {
        return { state: "none" };
    }
    if (exemption.expires === undefined) {
        return { state: "exempt", exemption };
    }
    const lastDay = Date.parse(exemption.expires.slice(0, 10) + "T00:00:00Z");
    const valid = !Number.isNaN(lastDay) && now.getTime() < lastDay + DAY_MS;
    return { state: valid ? "exempt" : "expired", exemption };
}
