// A baseline rule's violation message: the resource, each failing setting with the value found and the value
// required (API value and where the portal shows it), then the fix. The lines it shares with the client-certificate
// rule's messages (findings that cannot be verified, settings unknown at preview, expired exemptions, apps inside a
// resource) come from violationWording.ts, so reports read both the same way.
import type { CitedExemption } from "../exemptions";
import { ResourceFamily } from "../families/family";
import { show } from "../messages";
import { shownPath } from "../shownText";
import {
    appLine,
    baselineHeadline,
    expiredExemptionLine,
    findingLine,
    unknownSettingFinding,
    unverifiableFinding,
} from "../violationWording";
import { BaselineAssessment, SettingFinding } from "./assess";
import { BaselineRule, cisIds, CIS_BENCHMARK, RuleOptionValues, settingsOf } from "./rule";

/** One app's verdict, for the message. */
export interface BaselineVerdict {
    /** Where the app sits inside the resource (ARM templates); absent for the resource itself. */
    location?: string;
    /** Set for a write to a site the resource does not declare (families/family.ts `UndeclaredSiteWrite`). */
    undeclaredSite?: true;
    assessment: BaselineAssessment;
}

/** What a baseline violation message is about. */
export interface BaselineSubject {
    rule: BaselineRule;
    options: RuleOptionValues;
    type: string;
    name: string;
    family: ResourceFamily;
    verdicts: BaselineVerdict[];
    expiredExemption?: CitedExemption;
}

/** Apps described in one message at most; the rest are counted. */
const MAX_APPS = 20;

/** The first line: the resource, the rule and its CIS ids per benchmark version. */
export function ruleHeadline(rule: BaselineRule, type: string, name: string): string {
    return baselineHeadline(type, name, rule.title, rule.cis.length > 0 ? `${CIS_BENCHMARK} ${cisIds(rule)}` : "");
}

export function baselineViolationMessage(subject: BaselineSubject): string {
    const { rule, options, type, name, family } = subject;
    const lines = [ruleHeadline(rule, type, name)];
    if (subject.expiredExemption) {
        lines.push(expiredExemptionLine(subject.expiredExemption));
    }
    const described = subject.verdicts.filter(
        ({ assessment: a }) => a.findings.length > 0 || a.unknownPaths.length > 0 || a.unverifiable !== undefined,
    );
    const fixes = new Set<string>();
    described.slice(0, MAX_APPS).forEach(({ location, assessment }) => {
        const insideApp = location !== undefined;
        if (insideApp) {
            lines.push(appLine(shownPath(location)));
        }
        if (assessment.unverifiable !== undefined) {
            const required = rule.settings
                .map(s => rule.required(s, options))
                .join(rule.settingsAreAlternatives ? " or " : " and ");
            lines.push(
                findingLine(unverifiableFinding(settingsOf(rule), assessment.unverifiable, required), insideApp),
            );
        }
        for (const finding of assessment.findings) {
            lines.push(findingLine(describe(rule, options, finding), insideApp));
            const fix = finding.fix ?? finding.noPlace?.fix;
            if (fix !== undefined) {
                fixes.add(fix);
            }
        }
        for (const path of assessment.unknownPaths) {
            lines.push(findingLine(unknownSettingFinding(path), insideApp));
        }
    });
    if (described.length > MAX_APPS) {
        lines.push(`- and ${(described.length - MAX_APPS).toLocaleString("en-US")} more apps that fail the same way.`);
    }
    // The paths to fix on the sites the resource declares, and on sites declared elsewhere.
    const sitePaths = new Set<string>();
    const writePaths = new Set<string>();
    for (const { undeclaredSite, assessment } of described) {
        for (const { path, fix } of assessment.findings) {
            if (path !== undefined && fix === undefined) {
                (undeclaredSite ? writePaths : sitePaths).add(path);
            }
        }
    }
    const joined = (paths: Set<string>) => [...paths].join(rule.settingsAreAlternatives ? " or " : ", ");
    const parts: string[] = [];
    if (sitePaths.size > 0) {
        parts.push(`set ${joined(sitePaths)} ${family.settingsLocation} to the value required`);
    }
    // A write to a site declared elsewhere: fixed where it is written, or left out for the site's own resource.
    if (writePaths.size > 0) {
        parts.push(
            `set ${joined(writePaths)} to the value required, or leave it out for the site's own resource to decide`,
        );
    }
    parts.push(...fixes);
    if (described.some(v => v.assessment.unverifiable !== undefined)) {
        parts.push(
            `declare the app as an azure-native or classic @pulumi/azure app resource, whose settings the pack reads; ` +
                `or, once the template has been reviewed, exempt this resource in the "exemptions" of "${rule.name}"`,
        );
    }
    lines.push(
        `Fix: ${parts.length > 0 ? `${parts.join("; ")}. ` : ""}In the portal: ${rule.portal}. ` +
            `For an existing app: ${rule.cliFix}.`,
    );
    return lines.join("\n");
}

/** One finding: the setting, what was found (or what the unset setting becomes), what is required. */
function describe(rule: BaselineRule, options: RuleOptionValues, finding: SettingFinding): string {
    const required = `required: ${rule.required(finding.setting, options)}`;
    if (finding.unverifiable) {
        return unverifiableFinding(
            finding.path ?? finding.setting,
            finding.unverifiable.reason,
            finding.unverifiable.required ?? rule.required(finding.setting, options),
        );
    }
    if (finding.noPlace?.child) {
        const { type, name, path } = finding.noPlace.child;
        return (
            `${finding.setting} is set by no ${type} resource named "${name}" of the site (${path}), so ` +
            `${finding.noPlace.unset.source} default applies: ${show(finding.noPlace.unset.becomes)}; ${required}.`
        );
    }
    if (finding.noPlace) {
        return (
            `${finding.setting} cannot be set on this type, so ${finding.noPlace.unset.source} default applies: ` +
            `${show(finding.noPlace.unset.becomes)}; ${required}.`
        );
    }
    if (finding.unset) {
        const becomes = finding.unset.becomes === undefined ? "none" : show(finding.unset.becomes);
        return `${finding.path} is not set, and ${finding.unset.source} default is ${becomes}; ${required}.`;
    }
    return `${finding.path} is ${show(finding.found)}; ${required}.`;
}
