/** One resource the organisation has decided may skip the rule, and why. */
export interface Exemption {
    /**
     * The resource's logical name or its full URN. A logical name alone matches every resource the rule checks
     * that has that name, of any type, anywhere in the stack; `type` narrows it to one type.
     */
    resource: string;
    /** The type token of the resource named by logical name, e.g. `azure-native:web:WebApp`; not used with a URN. */
    type?: string;
    /** Why it is exempt; shown in the exemptions policy's notices and in audit results. */
    reason: string;
    /** Last day (YYYY-MM-DD, UTC) the exemption holds; after it the rule applies again. */
    expires?: string;
}

/** An exemption entry with its place in the config's `exemptions` list, which messages cite. */
export interface CitedExemption {
    exemption: Exemption;
    index: number;
}

/** Whether a resource is exempt now, exempt no longer, or not listed; `index` is the entry's place in `exemptions`. */
export type ExemptionStatus =
    | { state: "none" }
    | { state: "exempt"; exemption: Exemption; index: number }
    | { state: "expired"; exemption: Exemption; index: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The one form dates take in the policy config. */
export const DATE_FORM = "YYYY-MM-DD";

/**
 * The start (UTC) of a calendar date written `YYYY-MM-DD`, or undefined for anything else: other forms, trailing
 * text, and days that do not exist (`2027-02-30` would otherwise roll over into March).
 */
export function calendarDay(text: string): number | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) {
        return undefined;
    }
    const [year, month, day] = match.slice(1).map(Number);
    const start = Date.UTC(year, month - 1, day);
    const date = new Date(start);
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
        ? start
        : undefined;
}

/** Whole days from today (UTC) to a `YYYY-MM-DD` date: 0 on the day itself, negative once it has passed. */
export function daysUntil(date: string, now: Date): number {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return Math.round(((calendarDay(date) ?? Number.NaN) - today) / DAY_MS);
}

/** Whether an exemption's `resource` is a URN rather than a logical name. */
export function isUrn(resource: string): boolean {
    return resource.startsWith("urn:pulumi:");
}

/** Whether an exemption names resources of one type only: by URN, or by logical name with its `type`. */
export function namesOneType(exemption: Exemption): boolean {
    return exemption.type !== undefined || isUrn(exemption.resource);
}

/**
 * The resource's own type token, from its URN `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`
 * (the names of stacks, projects and types hold no `::`); undefined for anything else.
 */
function typeInUrn(urn: string): string | undefined {
    const qualifiedType = isUrn(urn) ? urn.split("::")[2] : undefined;
    return qualifiedType?.split("$").pop();
}

/**
 * The first exemption that names this resource: by URN, or by logical name and, when the entry gives one, type. A
 * URN entry matches that URN alone: a program may give a resource a logical name that reads like a URN.
 * An exemption holds through the whole of its `expires` day (UTC); an `expires` that is not a calendar date counts
 * as expired, so a typo never exempts (the config check refuses such a date before any resource is assessed).
 */
export function exemptionStatus(
    exemptions: readonly Exemption[],
    name: string,
    urn: string,
    now: Date,
): ExemptionStatus {
    const index = exemptions.findIndex(e =>
        isUrn(e.resource)
            ? e.resource === urn
            : e.resource === name && (e.type === undefined || e.type === typeInUrn(urn)),
    );
    if (index < 0) {
        return { state: "none" };
    }
    const exemption = exemptions[index];
    if (exemption.expires === undefined) {
        return { state: "exempt", exemption, index };
    }
    const lastDay = calendarDay(exemption.expires);
    const holds = lastDay !== undefined && now.getTime() < lastDay + DAY_MS;
    return { state: holds ? "exempt" : "expired", exemption, index };
}
