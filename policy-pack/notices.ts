// The exemptions policy's notices. Reports read the FIRST LINE of each notice (and its expiry warning), so their
// shape is a contract: change it only together with `parseNotice`, `findExpiryWarningLine` and their tests. In the
// engine's output and events the policy server puts the policy's description on the line before it.
import { REQUIRE_CLIENT_CERTIFICATES } from "./policyNames";
import { LENGTH_NOTE_PATTERN, MAX_SHOWN_REASON, quotedText, shownText } from "./shownText";

/** A resource let through by an entry of the policy config's `exemptions`. */
export interface ExemptNotice {
    notice: "exempt";
    /** The resource's type token and logical name. */
    type: string;
    name: string;
    /** Position of the entry in the config's `exemptions` list. */
    index: number;
    /** The rule's policy, when it is not webapp-require-client-certificates (a baseline rule's). */
    policy?: string;
    /** The entry's last day (YYYY-MM-DD); absent when it never expires. */
    expires?: string;
    reason: string;
}

/** An app not checked because its `kind` has a token listed in the policy config's `excludedKinds`. */
export interface ExcludedKindNotice {
    notice: "excluded-kind";
    type: string;
    name: string;
    /** The app's whole `kind`, e.g. `functionapp,linux`. */
    kind: string;
    /** The `excludedKinds` entry it matched, e.g. `functionapp`. */
    token: string;
    /** The rule's policy, when it is not webapp-require-client-certificates (a baseline rule's). */
    policy?: string;
}

/**
 * A custom policy definition a resource assigns: not judged on the assignment, since the definition is a resource
 * of its own, checked where it is declared.
 */
export interface CustomDefinitionNotice {
    notice: "custom-definition";
    type: string;
    name: string;
    /** The property that names the definition, e.g. `policyDefinitionId`. */
    property: string;
    /** The definition's id, as the resource gives it. */
    definitionId: string;
}

export type Notice = ExemptNotice | ExcludedKindNotice | CustomDefinitionNotice;

/** The exemptions policy's description, which the policy server puts before each notice. */
export const NOTICES_DESCRIPTION =
    `Reports each App Service resource that ${REQUIRE_CLIENT_CERTIFICATES} does not check because the ` +
    "policy config exempts it or excludes its kind, with the entry, reason and end date, and warns when an " +
    "exemption ends soon; and each custom policy definition a resource assigns, which is checked where it is declared.";

/**
 * The line after a custom definition's notice: where the definition's effects are judged, and what a definition
 * made outside Pulumi escapes.
 */
export const CUSTOM_DEFINITION_LINE =
    "A definition declared with Pulumi, in this stack or another stack under this pack, is checked there: the sites " +
    "its deployIfNotExists templates deploy, and its modify and append writes of client-certificate settings. A " +
    "definition created outside Pulumi is seen only by Azure Policy's audit of the deployed apps.";

/** What the first line says instead of a date when an exemption has no `expires`. */
export const NO_EXPIRY = "no expiry date";

/**
 * The first line of a notice, e.g.
 * `Exempt: azure-native:web:WebApp "api" is exempt from webapp-require-client-certificates by exemptions[0] until 2027-12-31; reason: TLS ends at the gateway`
 * or
 * `Excluded kind: azure-native:web:WebApp "fn" is not checked by webapp-require-client-certificates: its kind "functionapp,linux" matches excludedKinds "functionapp"`
 * or
 * `Custom policy definition: azure-native:authorization:PolicyAssignment "web" assigns "/subscriptions/.../policyDefinitions/deploy-web" at policyDefinitionId, whose effects webapp-require-client-certificates checks where the definition is declared, not on the assignment`.
 * Line breaks inside values become spaces, so the line holds the whole notice.
 */
export function noticeLine(notice: Notice): string {
    const subject = `${shownText(oneLine(notice.type))} ${quotedText(oneLine(notice.name))}`;
    switch (notice.notice) {
        case "exempt":
            return (
                `Exempt: ${subject} is exempt from ${notice.policy ?? REQUIRE_CLIENT_CERTIFICATES} by exemptions[${notice.index}] ` +
                `until ${shownText(notice.expires ?? NO_EXPIRY)}; reason: ${shownText(oneLine(notice.reason), MAX_SHOWN_REASON)}`
            );
        case "excluded-kind":
            return (
                `Excluded kind: ${subject} is not checked by ${notice.policy ?? REQUIRE_CLIENT_CERTIFICATES}: ` +
                `its kind ${quotedText(oneLine(notice.kind))} matches excludedKinds ${quotedText(oneLine(notice.token))}`
            );
        case "custom-definition":
            return (
                `Custom policy definition: ${subject} assigns ${quotedText(oneLine(notice.definitionId))} at ` +
                `${shownText(oneLine(notice.property))}, ${CUSTOM_DEFINITION_TAIL}`
            );
    }
}

const CUSTOM_DEFINITION_TAIL = `whose effects ${REQUIRE_CLIENT_CERTIFICATES} checks where the definition is declared, not on the assignment`;

/** The second line of an exempt notice whose exemption ends within the warning window. */
export function expiryWarningLine(daysLeft: number, expires: string): string {
    return `Expires in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}, on ${expires}: renew it with a new review or fix the app.`;
}

const EXPIRY_WARNING_LINE = /^Expires in \d+ days?, on \d{4}-\d{2}-\d{2}/;

/** The {@link expiryWarningLine} of a notice as the engine delivers it (lines may be indented), if it has one. */
export function findExpiryWarningLine(message: string): string | undefined {
    return message
        .split("\n")
        .map(line => line.trim())
        .find(line => EXPIRY_WARNING_LINE.test(line));
}

/**
 * The line of an exempt notice whose exemption gives a logical name without a type: the entry exempts every
 * checked resource of that name, whatever its type, so it says how to name this one alone.
 */
export function nameOnlyExemptionLine(index: number, name: string, type: string): string {
    return (
        `exemptions[${index}] names ${quotedText(oneLine(name))} without a type, so it exempts every resource of that name the rule checks, ` +
        `of any type, anywhere in the stack: add "type": ${quotedText(oneLine(type))} to exempt this ${shownText(oneLine(type))} alone.`
    );
}

/** A cut value's length note, which a parsed notice leaves out (the value read back is the part shown). */
const NOTE = `(?:${LENGTH_NOTE_PATTERN})?`;
/** A policy of the pack, as a notice names it: webapp-require-client-certificates or a baseline rule's. */
const POLICY = "(webapp-[a-z0-9-]+)";
const EXEMPT_LINE = new RegExp(
    `^Exempt: (\\S+)${NOTE} "(.*)"${NOTE} is exempt from ${POLICY} by exemptions\\[(\\d+)\\] ` +
        `until (\\d{4}-\\d{2}-\\d{2}|${NO_EXPIRY}); reason: (.*)$`,
);
const EXCLUDED_KIND_LINE = new RegExp(
    `^Excluded kind: (\\S+)${NOTE} "(.*)"${NOTE} is not checked by ${POLICY}: its kind "(.*)"${NOTE} matches excludedKinds "(.*)"${NOTE}$`,
);
const CUSTOM_DEFINITION_NOTICE_LINE = new RegExp(
    // The property may hold spaces: a symbolic resource name inside a template (`resources["my assignment"]`).
    `^Custom policy definition: (\\S+)${NOTE} "(.*)"${NOTE} assigns "(.*)"${NOTE} at (.+?)${NOTE}, ${CUSTOM_DEFINITION_TAIL}$`,
);

/**
 * Reads a notice back from a policy message: the notice itself, or the engine's message, whose first line is the
 * policy's description and whose second is the notice. Undefined when the message holds no notice.
 */
export function parseNotice(message: string): Notice | undefined {
    const line = findNoticeLine(message);
    return line === undefined ? undefined : parseNoticeLine(line);
}

/**
 * The notice's own line in a policy message, as the pack wrote it (names and reasons cut as the pack cut them,
 * with their lengths), for reports that quote it whole; undefined when the message holds no notice.
 */
export function findNoticeLine(message: string): string | undefined {
    const lines = message.split("\n", 2);
    const line = lines[0] === NOTICES_DESCRIPTION ? (lines[1] ?? "") : lines[0];
    return parseNoticeLine(line) === undefined ? undefined : line;
}

function parseNoticeLine(line: string): Notice | undefined {
    const exempt = EXEMPT_LINE.exec(line);
    if (exempt) {
        const [, type, name, policy, index, until, reason] = exempt;
        return {
            notice: "exempt",
            type,
            name,
            index: Number(index),
            ...(until === NO_EXPIRY ? {} : { expires: until }),
            reason,
            ...otherPolicy(policy),
        };
    }
    const excluded = EXCLUDED_KIND_LINE.exec(line);
    if (excluded) {
        const [, type, name, policy, kind, token] = excluded;
        return { notice: "excluded-kind", type, name, kind, token, ...otherPolicy(policy) };
    }
    const custom = CUSTOM_DEFINITION_NOTICE_LINE.exec(line);
    if (custom) {
        const [, type, name, definitionId, property] = custom;
        return { notice: "custom-definition", type, name, property, definitionId };
    }
    return undefined;
}

/** The `policy` field of a parsed notice: absent for webapp-require-client-certificates, as the pack writes it. */
function otherPolicy(policy: string): { policy?: string } {
    return policy === REQUIRE_CLIENT_CERTIFICATES ? {} : { policy };
}

function oneLine(text: string): string {
    return text.replace(/\s*[\r\n]+\s*/g, " ");
}

/** How a notice of a site whose baseline settings the pack does not read on its route begins. */
export const NOT_READ_NOTICE = "Not read: ";

/** Whether a message holds a not-read notice (the engine puts the policy's description on the line before it). */
export function isNotReadNotice(message: string): boolean {
    return message.split("\n").some(line => line.startsWith(NOT_READ_NOTICE));
}
