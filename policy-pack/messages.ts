import { MAX_SHOWN_LENGTH, truncatedJson } from "./arm/shownValue";
import { Unverifiable } from "./arm/values";
import { PropertyNames, ResourceFamily } from "./families/family";
import { shownPath } from "./shownText";
import { Assessment, Finding, Setting } from "./rule/clientCertificates";
import { PORTAL_OFF_NOTE, portalNote } from "./rule/portalWording";
import type { CitedExemption } from "./exemptions";
import { REQUIRE_CLIENT_CERTIFICATES } from "./policyNames";
import { exclusionPathProblem } from "./rule/exclusionPaths";
import {
    ProtocolFinding,
    RENEGOTIATION_CLI_FIX,
    RENEGOTIATION_REQUIRES,
    RenegotiationConflict,
} from "./rule/renegotiation";
import {
    appLine,
    expiredExemptionLine,
    findingLine,
    unknownKindLine,
    unknownSettingFinding,
    unlistedLine,
    unverifiableFinding,
    violationHeadline,
} from "./violationWording";

/** The rule's verdict on one app of a resource, for the message. */
export interface AppVerdict {
    /** Where the app sits inside the resource (ARM templates); absent for the resource itself. */
    location?: string;
    /** The app's own property paths, when they differ from its family's. */
    propertyNames?: PropertyNames;
    assessment: Assessment;
    /** Set when the app's kind is unknown at preview with `excludedKinds` configured: its findings are not definite. */
    unknownKind?: boolean;
}

/** What a violation message is about. */
export interface ViolationSubject {
    type: string;
    name: string;
    family: ResourceFamily;
    verdicts: AppVerdict[];
    allowedExclusionPaths: readonly string[];
    /** Set when the resource had an exemption that has expired. */
    expiredExemption?: CitedExemption;
    /** Set when the resource is a child of the SecureWebApp component, which had set the settings itself. */
    createdBySecureWebApp?: boolean;
}

/** The CIS remediation for an app that already exists, with the mode the audit step asks for. */
export const CLI_FIX =
    "az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required";

/** How messages show the one mode CIS 9.4 accepts in the portal's words. */
const REQUIRE = portalNote("Required");

/**
 * The bounds of a message, in one place: at most this many apps are described and, once the message is this
 * long, the remaining apps are only counted; lists of paths are cut after a few items, and lists of the resources
 * of a stack that write an app's settings apart from it (each named with its type, name and value) after fewer.
 * Each value shown is cut to MAX_SHOWN_LENGTH characters (arm/shownValue.ts) and each reason to MAX_SHOWN_REASON
 * (shownText.ts), with its length.
 */
export const MESSAGE_BOUNDS = { apps: 20, length: 5000, listItems: 10, writers: 3, path: 500 } as const;

/**
 * A violation message: the resource type and name, each failing property with the value found and the value
 * required (API value and portal wording), then the fix.
 */
export function violationMessage(subject: ViolationSubject): string {
    const { type, name, family, verdicts } = subject;
    const lines = [violationHeadline(type, name)];
    if (subject.expiredExemption) {
        lines.push(expiredExemptionLine(subject.expiredExemption));
    }
    const described = verdicts.filter(
        ({ assessment: a }) =>
            a.findings.length > 0 || a.unknownSettings.length > 0 || (a.unknownSiteSettings ?? []).length > 0,
    );
    let shown = 0;
    for (const { location, assessment, propertyNames = family.propertyNames, unknownKind } of described) {
        if (
            shown === MESSAGE_BOUNDS.apps ||
            lines.reduce((sum, line) => sum + line.length + 1, 0) >= MESSAGE_BOUNDS.length
        ) {
            lines.push(unlistedLine(described.length - shown));
            break;
        }
        shown++;
        const insideApp = location !== undefined;
        if (insideApp) {
            lines.push(appLine(shortPath(location)));
        }
        if (unknownKind && assessment.findings.length > 0) {
            lines.push(unknownKindLine(insideApp));
        }
        for (const finding of assessment.findings) {
            lines.push(
                findingLine(
                    finding.renegotiation !== undefined
                        ? describeRenegotiation(finding.renegotiation)
                        : describeFinding(finding, propertyNames, subject.allowedExclusionPaths, family, type),
                    insideApp,
                ),
            );
        }
        for (const setting of assessment.unknownSettings) {
            lines.push(findingLine(unknownSettingFinding(propertyName(propertyNames, setting)), insideApp));
        }
        for (const path of assessment.unknownSiteSettings ?? []) {
            lines.push(findingLine(unknownSettingFinding(shortPath(path)), insideApp));
        }
    }
    const conflicts = described.flatMap(v => v.assessment.findings.flatMap(f => f.renegotiation ?? []));
    if (conflicts.length === 0 || described.some(v => v.assessment.findings.some(f => !f.renegotiation))) {
        const notAllowed = exclusionPathsOnly(described);
        lines.push(
            notAllowed === undefined
                ? fix(family, subject.createdBySecureWebApp === true)
                : exclusionPathsFix(family, notAllowed, subject),
        );
    }
    if (conflicts.length > 0) {
        lines.push(renegotiationFix(conflicts[0], family, subject.createdBySecureWebApp === true));
    }
    return lines.join("\n");
}

/** Exclusion paths the config allows, on protocols that cannot renegotiate: what breaks, and what is required. */
function describeRenegotiation({ cause, blocking, paths }: RenegotiationConflict): string {
    const found = protocolsListed(blocking);
    const consequence = blocking.some(p => p.setting === "minTlsVersion" && p.value === "1.3")
        ? "no client can be asked for a certificate, so mutual TLS does not hold"
        : blocking.some(p => p.setting === "http20Enabled" && p.value === true)
          ? "a client on HTTP/2 cannot be asked for a certificate, so mutual TLS does not hold"
          : "whether a client can be asked for a certificate cannot be verified";
    return (
        `${shortPath(cause.property)} is ${show(cause.found)}, so App Service asks for the client certificate by TLS ` +
        `renegotiation, which HTTP/2 and TLS 1.3 do not offer, and ${found}: ${consequence}; required with exclusion ` +
        `paths: ${requiredProtocols(paths, " ", " and ")}.`
    );
}

/** The protocol settings that rule renegotiation out, the first few of them when web configs of a stack write them. */
function protocolsListed(blocking: readonly ProtocolFinding[]): string {
    return listed(blocking, {
        shown: describeProtocol,
        separator: " and ",
        limit: MESSAGE_BOUNDS.writers,
        more: count => `${count} more such writes`,
    });
}

function describeProtocol(protocol: ProtocolFinding): string {
    const { writer, path } = protocol;
    if (protocol.found instanceof Unverifiable) {
        return writer === undefined
            ? `${path} cannot be verified before deployment (${protocol.found.reason})`
            : `${writer} sets ${path}, which cannot be verified before deployment (${protocol.found.reason})`;
    }
    if (writer !== undefined) {
        return `${writer} sets ${path} ${show(protocol.found)}`;
    }
    return protocol.unset === undefined
        ? `${path} is ${show(protocol.found)}`
        : `${path} is not set (${protocol.unset.source} default is ${show(protocol.unset.becomes)})`;
}

/** The protocol settings renegotiation needs: `siteConfig.http20Enabled false and siteConfig.minTlsVersion "1.2"`. */
function requiredProtocols(paths: RenegotiationConflict["paths"], between: string, separator: string): string {
    return (["http20Enabled", "minTlsVersion"] as const)
        .map(setting => `${paths[setting]}${between}${show(RENEGOTIATION_REQUIRES[setting])}`)
        .join(separator);
}

/** The protocol settings by their own names, as a requirement that holds wherever they are kept says them. */
export const PROTOCOL_SETTING_NAMES: RenegotiationConflict["paths"] = {
    http20Enabled: "http20Enabled",
    minTlsVersion: "minTlsVersion",
};

/** A web config of the stack that rules renegotiation out, as the fix names it: its name and where it keeps the settings. */
export interface RenegotiationFixTarget {
    readonly writer: string;
    readonly paths: RenegotiationConflict["paths"];
}

/**
 * The client-certificate rule's message for an app whose exclusion paths the web configs of the stack break
 * (policies/renegotiationInStack.ts): the finding as the rule words it, each write named, and the fix in those
 * resources (`fixes`: each one's name and where it keeps the protocol settings). The first few writes and web
 * configs are named, the rest counted.
 */
export function renegotiationInStackMessage(
    type: string,
    name: string,
    conflict: RenegotiationConflict,
    fixes: readonly RenegotiationFixTarget[],
): string {
    return [
        violationHeadline(type, name),
        findingLine(describeRenegotiation(conflict), false),
        `Fix: set ${fixTargetsListed(fixes)}, or remove the exclusion paths (${shortPath(conflict.cause.property)}), so ` +
            `that the certificate is asked for in the TLS handshake. For an app that already exists: ${RENEGOTIATION_CLI_FIX}`,
    ].join("\n");
}

/**
 * The same rule's message for an app whose own request the stack policy cannot read (so neither whether it keeps
 * exclusion paths), while web configs of the stack rule renegotiation out: reported as cannot be verified, never
 * passed. The fix is in those web configs, or, for an app without exclusion paths, a request the policy can read.
 */
export function renegotiationUnreadableAppMessage(
    type: string,
    name: string,
    property: string,
    blocking: readonly ProtocolFinding[],
    fixes: readonly RenegotiationFixTarget[],
): string {
    const shownProperty = shortPath(property);
    return [
        violationHeadline(type, name),
        findingLine(
            unverifiableFinding(
                shownProperty,
                "the site's request cannot be read from what the engine gives the stack policy, and " +
                    `${protocolsListed(blocking)}, which rules out the TLS renegotiation exclusion paths need`,
                `no exclusion path, or ${requiredProtocols(PROTOCOL_SETTING_NAMES, " ", " and ")} in each of these web configs`,
            ),
            false,
        ),
        `Fix: set ${fixTargetsListed(fixes)}, so that exclusion paths can work; or, if the app keeps no exclusion path ` +
            `(${shownProperty}), let the policy read its request (the inputs that name the site, not only its id). For an ` +
            `app that already exists: ${RENEGOTIATION_CLI_FIX}`,
    ].join("\n");
}

/** Where to set what renegotiation needs, in the first few web configs, the rest counted. */
function fixTargetsListed(fixes: readonly RenegotiationFixTarget[]): string {
    return listed(fixes, {
        shown: f => `${requiredProtocols(f.paths, " ", " and ")} in ${f.writer}`,
        separator: "; ",
        limit: MESSAGE_BOUNDS.writers,
        more: count => `the same in ${count} more web configs`,
    });
}

/** The two ways out of a set-up whose exclusion paths cannot work: protocols that renegotiate, or no exclusion paths. */
function renegotiationFix(
    conflict: RenegotiationConflict,
    family: ResourceFamily,
    createdBySecureWebApp: boolean,
): string {
    const settings = requiredProtocols(conflict.paths, ": ", ", ");
    const how = createdBySecureWebApp
        ? "Fix: SecureWebApp created this resource with HTTP/2 off and TLS 1.2 for its exclusion paths, and something " +
          "in the program changed that afterwards (a stack transform, say): remove that change, so that " +
          `${settings} hold ${family.settingsLocation}; or remove clientCertExclusionPaths from the SecureWebApp's ` +
          "arguments, so that the certificate is asked for in the TLS handshake."
        : `Fix: turn HTTP/2 off and keep TLS 1.2 as the minimum (${settings}) ${family.settingsLocation}, or remove ` +
          `the exclusion paths (${shortPath(conflict.cause.property)}), so that the certificate is asked for in the TLS handshake.`;
    return `${how} For an app that already exists: ${RENEGOTIATION_CLI_FIX}`;
}

/**
 * The excluded paths the config does not allow, when they are all that is wrong (certificates are on and
 * required): SecureWebApp passes such paths through unchanged, so the program or the config has to change.
 */
function exclusionPathsOnly(verdicts: readonly AppVerdict[]): string[] | undefined {
    const findings = verdicts.flatMap(v => v.assessment.findings).filter(f => f.renegotiation === undefined);
    const onlyPaths =
        findings.length > 0 &&
        verdicts.every(
            v =>
                v.assessment.unknownSettings.length === 0 &&
                (v.assessment.unknownSiteSettings ?? []).length === 0 &&
                !v.unknownKind,
        ) &&
        findings.every(f => f.setting === "exclusionPaths" && (f.disallowedPaths ?? []).length > 0);
    return onlyPaths ? [...new Set(findings.flatMap(f => f.disallowedPaths ?? []))] : undefined;
}

/**
 * The ways out for exclusion paths the config does not allow: a path the pack would accept in its allow-list can be
 * allowed there or removed; one it never accepts ("/" and what amounts to it) can only be removed.
 */
function exclusionPathsFix(family: ResourceFamily, paths: string[], subject: ViolationSubject): string {
    const allowed = subject.allowedExclusionPaths;
    const where = subject.createdBySecureWebApp
        ? "clientCertExclusionPaths in the SecureWebApp's arguments (or its slot's) in your program"
        : `${shortPath(family.propertyNames.exclusionPaths ?? "clientCertExclusionPaths")} ${family.settingsLocation}`;
    const never = paths.filter(p => exclusionPathProblem(p) !== undefined);
    const allowable = paths.filter(p => exclusionPathProblem(p) === undefined);
    const parts: string[] = [];
    if (never.length > 0) {
        const pronoun = never.length === 1 ? "it" : "them";
        parts.push(
            `remove ${listed(never)} from ${where} (${exclusionPathProblem(never[0])!.required}; the config cannot allow ${pronoun})`,
        );
    }
    if (allowable.length > 0) {
        const pronoun = allowable.length === 1 ? "it" : "them";
        parts.push(
            `${listed(allowable)} ${allowable.length === 1 ? "is" : "are"} not in the policy config's allowedExclusionPaths ` +
                `(now: ${allowed.length > 0 ? listed(allowed) : "none, the default"}). Either allow ${pronoun}: add ` +
                `${pronoun} to "allowedExclusionPaths" of "${REQUIRE_CLIENT_CERTIFICATES}" in the file given to ` +
                `--policy-pack-config (or the policy group's config), if requests there may come without a certificate; ` +
                `or remove ${pronoun} from ${where}`,
        );
    }
    return `Fix: ${parts.join(". And ")}.`;
}

function describeFinding(
    finding: Finding,
    names: PropertyNames,
    allowed: readonly string[],
    family: ResourceFamily,
    type: string,
): string {
    const property = propertyName(names, finding.setting);
    const found = finding.found;
    if (finding.unsetBecomes !== undefined) {
        return describeUnset(finding.setting, finding.unsetBecomes, names, family, type);
    }
    if (found instanceof Unverifiable) {
        return unverifiableFinding(
            property,
            found.reason,
            found.required ??
                "a value the policy can evaluate before deployment " +
                    "(a literal, or parameters, variables and the template functions listed in the policy pack's README) that meets the rule",
        );
    }
    switch (finding.setting) {
        case "enabled":
            return `${property} is ${show(found)}${found === false || found == null ? PORTAL_OFF_NOTE : ""}; required: true${REQUIRE}.`;
        case "mode":
            return (
                `${property} is ${show(found)}${portalNote(found)}; required: "Required"${REQUIRE}` +
                (names.enabled === undefined
                    ? " (this resource has no separate enabled flag)."
                    : family.defaults.mode === "Required"
                      ? `, or unset (${family.defaults.source} default is Required).`
                      : ".")
            );
        case "exclusionPaths": {
            const allowedText = allowed.length > 0 ? listed(allowed) : "none";
            const required =
                `required: only prefixes listed in the policy config allowedExclusionPaths (now: ${allowedText}); ` +
                `"/" is never allowed because it turns client certificates off for the whole site.`;
            const disallowed = finding.disallowedPaths ?? [];
            return disallowed.length === 0
                ? `${property} is ${show(found)}, not a string of path prefixes separated by "," or ";"; ${required}`
                : `${property} is ${show(found)}, which excludes ${listed(disallowed)} from client certificates; ${required}`;
        }
    }
}

/** An unset setting (or a type without one) that fails because of what Azure or the provider makes of it. */
function describeUnset(
    setting: Setting,
    becomes: NonNullable<Finding["unsetBecomes"]>,
    names: PropertyNames,
    family: ResourceFamily,
    type: string,
): string {
    if (names.enabled === undefined && names.mode === undefined) {
        return (
            `${type} has no client-certificate argument, so ${family.defaults.source} default applies: client certificates off` +
            `${PORTAL_OFF_NOTE}; required: client certificates on with mode "Required"${REQUIRE}.`
        );
    }
    const property = propertyName(names, setting);
    if (setting === "enabled") {
        return (
            `${property} is not set, so ${family.defaults.source} default applies: ${becomes}${PORTAL_OFF_NOTE}; ` +
            `required: true${REQUIRE}.`
        );
    }
    if (becomes === "off") {
        return (
            `${property} is not set, so client certificates stay off${PORTAL_OFF_NOTE}: this resource has ` +
            `no separate enabled flag and turns them on only when a mode is set; required: "Required"${REQUIRE}.`
        );
    }
    return (
        `${property} is not set, so ${family.defaults.source} default applies: ${show(becomes)}${portalNote(becomes)}, which accepts ` +
        `requests without a certificate; required: "Required"${REQUIRE}.`
    );
}

function fix(family: ResourceFamily, createdBySecureWebApp: boolean): string {
    if (family.replacement !== undefined) {
        return `Fix: ${family.replacement}. For an app that already exists: ${CLI_FIX}`;
    }
    const { enabled, mode, exclusionPaths } = family.propertyNames;
    const settings = [
        enabled && `${enabled}: true`,
        mode && `${mode}: "Required"`,
        exclusionPaths && `${exclusionPaths} with only allowed prefixes (or unset)`,
    ]
        .filter(Boolean)
        .join(", ");
    // SecureWebApp refuses weaker settings, so its child can only fail when something changed it afterwards.
    const how = createdBySecureWebApp
        ? "Fix: SecureWebApp created this resource requiring certificates, and something in the program changed " +
          `that afterwards (a stack transform, say): remove that change, so that ${settings} hold ${family.settingsLocation}. `
        : `Fix: use the SecureWebApp component, which sets this for you, or set ${settings} ${family.settingsLocation}. `;
    return how + `For an app that already exists: ${CLI_FIX}`;
}

function propertyName(names: PropertyNames, setting: Setting): string {
    return shortPath(names[setting] ?? setting);
}

/** A location or property path, its middle cut when it is long (deeply nested templates): both ends say most. */
function shortPath(path: string): string {
    return shownPath(path, MESSAGE_BOUNDS.path);
}

/**
 * The first few items (paths, quoted, unless `shown` says otherwise), then how many more: `"/a", "/b" and 40 more`.
 * Longer items take a lower `limit`, another `separator`, and `more` to say what the count is of.
 */
function listed<T>(
    items: readonly T[],
    {
        shown = show,
        separator = ", ",
        limit = MESSAGE_BOUNDS.listItems,
        more = count => `${count} more`,
    }: { shown?: (item: T) => string; separator?: string; limit?: number; more?: (count: string) => string } = {},
): string {
    const text = items
        .slice(0, limit)
        .map(item => shown(item))
        .join(separator);
    return items.length > limit ? `${text} and ${more((items.length - limit).toLocaleString("en-US"))}` : text;
}

/** Any value, shown safely and briefly: property bags and config files are not trusted. */
export function show(value: unknown): string {
    if (value === undefined || value === null) {
        return "not set";
    }
    const text = truncatedJson(value, MAX_SHOWN_LENGTH);
    // A cut array says how long it is (a cut string already does); an object's size would take a scan to know.
    const kind =
        typeof value === "string" || typeof value === "boolean"
            ? ""
            : Array.isArray(value)
              ? text.endsWith("…")
                  ? ` (an array of ${value.length.toLocaleString("en-US")} items)`
                  : " (an array)"
              : typeof value === "object"
                ? " (an object)"
                : ` (a ${typeof value})`;
    return text + kind;
}
