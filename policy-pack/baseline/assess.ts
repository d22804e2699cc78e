// A baseline rule's verdict on one app: each setting the rule names, read where the app's family keeps it.
import { UnknownValueError } from "../sdkInternals";
import { App, ResourceFamily } from "../families/family";
import { BaselineRule, RuleOptionValues } from "./rule";
import { isNoPlace, NoPlace, SiteSettingId, UnsetSetting, valueAt } from "./siteSettings";

/** A setting whose value does not comply. */
export interface SettingFinding {
    setting: SiteSettingId;
    /** The property path as the user writes it; absent when the type has no argument for the setting. */
    path?: string;
    /** The value as found (any type: property bags are not trusted); undefined when unset. */
    found: unknown;
    /** Set when the setting is unset: what it becomes, and whose default that is. */
    unset?: UnsetSetting;
    /** Set when the type has no argument for the setting: Azure's default applies, and the fix. */
    noPlace?: NoPlace;
}

/** The verdict on one app. */
export interface BaselineAssessment {
    findings: SettingFinding[];
    /** The first setting that could not be read because its value is unknown at preview. */
    unknown?: UnknownValueError;
    /** The paths of the settings unknown at preview, for messages. */
    unknownPaths: string[];
    /** Set when the pack does not read the rule's settings on this route: the app cannot be verified. */
    unverifiable?: string;
}

/** Why an app's settings are not read on a route whose family declares no places for them. */
export const ROUTE_NOT_READ =
    "the pack reads this setting on azure-native and classic @pulumi/azure app resources only, " +
    "not yet in ARM templates, generic resources or AzAPI bodies";

/**
 * Judges every setting of `rule` on one app. An unset setting counts as what it becomes; a setting the type has no
 * argument for counts as Azure's default; a value unknown at preview is recorded, never passed.
 */
export function assessBaseline(
    rule: BaselineRule,
    family: ResourceFamily,
    app: App,
    options: RuleOptionValues,
): BaselineAssessment {
    const assessment: BaselineAssessment = { findings: [], unknownPaths: [] };
    const places = family.siteSettings;
    if (places === undefined || app.siteInputs === undefined) {
        return { ...assessment, unverifiable: ROUTE_NOT_READ };
    }
    let judged = 0;
    for (const setting of rule.settings) {
        const place = places[setting];
        if (isNoPlace(place) && place.judgedInStack !== undefined) {
            continue; // written by other resources of the stack, and judged with them
        }
        judged++;
        if (isNoPlace(place)) {
            if (!rule.complies(setting, place.unset.becomes, options)) {
                assessment.findings.push({ setting, found: undefined, unset: place.unset, noPlace: place });
            }
            continue;
        }
        let found: unknown;
        try {
            found = valueAt(app.siteInputs, place.path);
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            assessment.unknown = assessment.unknown ?? e;
            assessment.unknownPaths.push(place.path);
            continue;
        }
        if (found === undefined || found === null) {
            if (!rule.complies(setting, place.unset.becomes, options)) {
                assessment.findings.push({ setting, path: place.path, found, unset: place.unset });
            }
        } else if (!rule.complies(setting, place.meaning ? place.meaning(found) : found, options)) {
            assessment.findings.push({ setting, path: place.path, found });
        }
    }
    const complying = judged - assessment.findings.length - assessment.unknownPaths.length;
    if (rule.settingsAreAlternatives && judged > 0 && complying > 0) {
        return { findings: [], unknownPaths: [] }; // one of the ways to set it complies: the others do not matter
    }
    return assessment;
}
