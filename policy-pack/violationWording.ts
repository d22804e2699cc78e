// The main policy's violation messages as reports read them. The shape of a message is a contract: its headline,
// the bullets of its findings and the lines reports quote are written and read back here, in one module, so that
// a rewording changes both sides. It imports only types, so the report loads it without the ARM evaluator.
import type { CitedExemption } from "./exemptions";
import { LENGTH_NOTE_PATTERN, MAX_SHOWN_REASON, quotedText, shownText } from "./shownText";

/** The main policy's description, which the engine puts before each of its messages. */
export const REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION =
    "Azure App Service apps (web, API and function apps and their slots) must " +
    "require incoming client certificates: client certificates enabled, mode Required, and only allowed exclusion paths.";

const HEADLINE = " does not require incoming client certificates";

/** The first line of a violation message: the resource's type and logical name. */
export function violationHeadline(type: string, name: string): string {
    return `${shownText(type)} ${quotedText(name)}${HEADLINE} (CIS Microsoft Azure Foundations Benchmark 9.4).`;
}

/** What a baseline rule's headline says after the resource: ` fails the HTTPS only rule`. */
const BASELINE_HEADLINE = / fails the .+ rule( \(.*\))?\.$/;

/**
 * The first line of a baseline rule's violation: the resource, the rule's title and its CIS ids per benchmark
 * version (`reference`, empty for a rule that is not CIS).
 */
export function baselineHeadline(type: string, name: string, title: string, reference: string): string {
    return `${shownText(type)} ${quotedText(name)} fails the ${title} rule${reference === "" ? "" : ` (${reference})`}.`;
}

/** The line that introduces the findings of one app inside a resource (an ARM template's site, say). */
export function appLine(location: string): string {
    return `- ${location}:`;
}

/** A finding's bullet: at the top level for the resource itself, indented under its {@link appLine} otherwise. */
export function findingLine(finding: string, insideApp: boolean): string {
    return `${insideApp ? "  - " : "- "}${finding}`;
}

const CANNOT_BE_VERIFIED = " cannot be verified before deployment: ";

/** A finding the pack cannot decide before deployment (an ARM expression it cannot evaluate...): it still fails. */
export function unverifiableFinding(property: string, reason: string, required: string): string {
    return `${property}${CANNOT_BE_VERIFIED}${reason}; required: ${required}.`;
}

const NOT_KNOWN_UNTIL_UPDATE = " is not known until the update, where it is checked";

/** A setting unknown at preview (an output of another resource), checked at the update. */
export function unknownSettingFinding(property: string): string {
    return `${property}${NOT_KNOWN_UNTIL_UPDATE}.`;
}

/** The line above an app's findings when its kind is unknown at preview and `excludedKinds` may leave it out. */
export function unknownKindLine(insideApp: boolean): string {
    return findingLine(`its kind${NOT_KNOWN_UNTIL_UPDATE} unless excludedKinds leaves it out; as declared:`, insideApp);
}

/** The line of a violation message that says the resource's exemption has expired; reports read it back. */
export function expiredExemptionLine({ exemption: { expires, reason }, index }: CitedExemption): string {
    return `Its exemption exemptions[${index}] expired on ${expires} (reason given: ${quotedText(reason, MAX_SHOWN_REASON)}), so the rule applies again.`;
}

const EXPIRED_EXEMPTION_LINE = new RegExp(
    `^Its exemption exemptions\\[\\d+\\] expired on \\S+ \\(reason given: "[\\s\\S]*?"(?:${LENGTH_NOTE_PATTERN})?\\), so the rule applies again\\.$`,
    "m",
);

/** The expired-exemption line of a violation message, if it has one. */
export function findExpiredExemptionLine(message: string): string | undefined {
    return EXPIRED_EXEMPTION_LINE.exec(message)?.[0];
}

/** The line that counts the apps a message does not list. */
export function unlistedLine(count: number): string {
    return `- and ${count.toLocaleString("en-US")} more ${count === 1 ? "site or part" : "sites or parts"} of the template that fail the same way, not listed to keep this message short.`;
}

const UNLISTED = /^- and ([0-9,]+) more sites? or parts? of the template that fail the same way/m;

/** How many failing apps a violation message counts without listing them (0 when it lists them all). */
export function unlistedCount(message: string): number {
    const match = UNLISTED.exec(message);
    return match === null ? 0 : Number(match[1].replace(/,/g, ""));
}

/** The pack's own violation message, without the policy description the engine puts first. */
export function violationText(message: string): string {
    const lines = message.trimEnd().split("\n");
    const start = lines.findIndex(line => line.includes(HEADLINE) || BASELINE_HEADLINE.test(line));
    return lines.slice(Math.max(start, 0)).join("\n");
}

/**
 * Whether every finding of a violation is one the pack could not verify before deployment (an ARM expression it
 * cannot evaluate): such a resource is unverifiable, not proven non-compliant; it still fails. Settings unknown
 * at preview are left aside: they are checked at the update.
 */
export function onlyUnverifiableFindings(message: string): boolean {
    const findings = violationText(message)
        .split("\n")
        .filter(line => /^\s*- /.test(line) && !line.trimEnd().endsWith(":"))
        .filter(line => !line.includes(NOT_KNOWN_UNTIL_UPDATE));
    return findings.length > 0 && findings.every(line => line.includes(CANNOT_BE_VERIFIED));
}
