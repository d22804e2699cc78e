import { Unverifiable } from "./arm/values";
import { PropertyNames, ResourceFamily } from "./families/family";
import { Assessment, Finding, Setting } from "./rule/clientCertificates";
import type { CitedExemption } from "./exemptions";

/** The rule's verdict on one app of a resource, for the message. */
export interface AppVerdict {
    /** Where the app sits inside the resource (ARM templates); absent for the resource itself. */
    location?: string;
    /** The app's own property paths, when they differ from its family's. */
    propertyNames?: PropertyNames;
    assessment: Assessment;
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
export const CLI_FIX = "az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required";

/** The portal's "Client certificate mode" wording for each API value. */
const PORTAL_MODE = new Map<unknown, string>([
    ["Required", "Require"],
    ["Optional", "Allow"],
    ["OptionalInteractiveUser", "Optional"],
]);

const MAX_SHOWN = 120;

/**
 * A violation message: the resource type and name, each failing property with the value found and the value
 * required (API value and portal wording), then the fix.
 */
export function violationMessage(subject: ViolationSubject): string {
    const { type, name, family, verdicts } = subject;
    const lines = [`${type} "${name}" does not require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).`];
    if (subject.expiredExemption) {
        const { exemption: { expires, reason }, index } = subject.expiredExemption;
        lines.push(`Its exemption exemptions[${index}] expired on ${expires} (reason given: "${reason}"), so the rule applies again.`);
    }
    for (const { location, assessment, propertyNames = family.propertyNames } of verdicts) {
        if (assessment.findings.length === 0 && assessment.unknownSettings.length === 0) {
            continue;
        }
        const indent = location === undefined ? "- " : "  - ";
        if (location !== undefined) {
            lines.push(`- ${location}:`);
        }
        for (const finding of assessment.findings) {
            lines.push(indent + describeFinding(finding, propertyNames, subject.allowedExclusionPaths));
        }
        for (const setting of assessment.unknownSettings) {
            lines.push(`${indent}${propertyName(propertyNames, setting)} is not known until the update, where it is checked.`);
        }
    }
    lines.push(fix(family, subject.createdBySecureWebApp === true));
    return lines.join("\n");
}

function describeFinding(finding: Finding, names: PropertyNames, allowed: readonly string[]): string {
    const property = propertyName(names, finding.setting);
    const found = finding.found;
    if (found instanceof Unverifiable) {
        return `${property} cannot be verified before deployment: ${found.reason}; required: ` +
            (found.required ?? "a value the policy can evaluate before deployment (a literal, or parameters, variables and the " +
                "template functions listed in the policy pack's README) that meets the rule") + ".";
    }
    switch (finding.setting) {
        case "enabled":
            return `${property} is ${show(found)}${found === false || found == null ? ' (portal: client certificate mode "Ignore")' : ""}; ` +
                `required: true (portal: "Require").`;
        case "mode":
            return `${property} is ${show(found)}${portalMode(found)}; required: "Required" (portal: "Require")` +
                (names.enabled === undefined ? " (this resource has no separate enabled flag)." : ", or unset (Azure's default is Required).");
        case "exclusionPaths": {
            const allowedText = allowed.length > 0 ? allowed.map(quote).join(", ") : "none";
            const required = `required: only prefixes listed in the policy config allowedExclusionPaths (now: ${allowedText}); ` +
                `"/" is never allowed because it turns client certificates off for the whole site.`;
            const disallowed = finding.disallowedPaths ?? [];
            return disallowed.length === 0
                ? `${property} is ${show(found)}, not a string of path prefixes separated by "," or ";"; ${required}`
                : `${property} is ${show(found)}, which excludes ${disallowed.map(quote).join(", ")} from client certificates; ${required}`;
        }
    }
}

function fix(family: ResourceFamily, createdBySecureWebApp: boolean): string {
    const { enabled, mode, exclusionPaths } = family.propertyNames;
    const settings = [
        enabled && `${enabled}: true`,
        `${mode}: "Required"`,
        exclusionPaths && `${exclusionPaths} with only allowed prefixes (or unset)`,
    ].filter(Boolean).join(", ");
    // SecureWebApp refuses weaker settings, so its child can only fail when something changed it afterwards.
    const how = createdBySecureWebApp
        ? "Fix: SecureWebApp created this resource requiring certificates, and something in the program changed " +
            `that afterwards (a stack transform, say): remove that change, so that ${settings} hold ${family.settingsLocation}. `
        : `Fix: use the SecureWebApp component, which sets this for you, or set ${settings} ${family.settingsLocation}. `;
    return how + `For an app that already exists: ${CLI_FIX}`;
}

function propertyName(names: PropertyNames, setting: Setting): string {
    return names[setting] ?? setting;
}

function portalMode(found: unknown): string {
    const portal = PORTAL_MODE.get(found);
    return portal === undefined ? "" : ` (portal: "${portal}")`;
}

function quote(path: string): string {
    return JSON.stringify(path);
}

/** Any value, shown safely and briefly: property bags and config files are not trusted. */
export function show(value: unknown): string {
    if (value === undefined || value === null) {
        return "not set";
    }
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = String(value);
    }
    const kind = typeof value === "string" || typeof value === "boolean" ? ""
        : Array.isArray(value) ? " (an array)" : typeof value === "object" ? " (an object)" : ` (a ${typeof value})`;
    return (text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + "…" : text) + kind;
}
