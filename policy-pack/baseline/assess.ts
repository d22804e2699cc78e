// A baseline rule's verdict on one app: each setting the rule names, read where the app's family keeps it; and on a
// write to a site the resource does not declare: each setting the rule names that it writes.
import { UnknownValueError } from "../sdkInternals";
import { App, placesOf, ResourceFamily, UndeclaredSiteWrite } from "../families/family";
import { BaselineRule, RuleOptionValues } from "./rule";
import { OneOf } from "../rule/clientCertificates";
import { Unverifiable } from "../arm/values";
import { isNoPlace, NoPlace, siteChildWrites, SiteSettingId, UnsetSetting, valueAt } from "./siteSettings";

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
    /** Set when the value cannot be known before deployment (a template's `reference()`, say): never passed. */
    unverifiable?: Unverifiable;
    /** The fix, when it is not setting `path` to the value required (a value Azure's recorded answer does not hold). */
    fix?: string;
}

/**
 * Set when the properties judged are Azure's recorded answer for the site, not its request (what an audit group gives
 * resource policies, and `pulumi policy analyze` where the state's inputs are that answer): why the answer does not
 * hold a setting the site's family leaves, unset, to the rule's stack part, which an audit group never calls, and how
 * to see or record the value Azure keeps.
 */
export interface RecordedAnswer {
    readonly reason: string;
    fix(setting: SiteSettingId): string;
}

/** The verdict on one app. */
export interface BaselineAssessment {
    findings: SettingFinding[];
    /** The first setting that could not be read because its value is unknown at preview. */
    unknown?: UnknownValueError;
    /** The paths of the settings unknown at preview, for messages. */
    unknownPaths: string[];
    /** Set when the pack does not read the rule's settings on this route ({@link notReadReason}). */
    unverifiable?: string;
}

/** Why an app's settings are not read on a route whose family declares no places for them. */
export const ROUTE_NOT_READ =
    "the pack reads this setting on App Service sites: azure-native and classic @pulumi/azure app resources, the " +
    "sites of ARM templates, generic Resource sites and AzAPI bodies, not on this route";

/** Why an app that is no site is not judged: an Azure Policy definition's write to a site's settings. */
export const WRITE_NOT_READ =
    "the pack reads the baseline settings of App Service sites, not what an Azure Policy definition's effects write to them";

/**
 * Why no baseline rule can judge `app` on its route, when none can: no places are declared for it, or the app is no
 * site whose settings can be read (an Azure Policy write). Such an app is named in the advisory not-read notice
 * instead of being judged.
 */
export function notReadReason(family: ResourceFamily, app: App): string | undefined {
    if (placesOf(family, app) === undefined) {
        return ROUTE_NOT_READ;
    }
    if (app.siteInputs === undefined && app.evaluatedSite === undefined) {
        return WRITE_NOT_READ;
    }
    return undefined;
}

/** The app's value at a place's path, as the site has it. */
export function readAt(app: App, path: string): unknown {
    return app.evaluatedSite ? app.evaluatedSite.valueAt(path) : valueAt(app.siteInputs!, path);
}

/** A place's path as the user finds it in the app's resource. */
export function shownPathOf(app: App, path: string): string {
    return app.evaluatedSite?.shownPath(path) ?? path;
}

/**
 * Judges every setting of `rule` on one app. An unset setting counts as what it becomes (unless its place leaves it
 * to the not-read notice, or a merge keeps it as it is); a setting the type has no argument for counts as Azure's
 * default; a value unknown at preview is recorded, never passed; so is a template value that cannot be known before
 * deployment, and one of several values that do not all comply. In a template, the site's child resources that
 * write a setting ({@link siteChildWrites}) are judged too, and decide a setting the site leaves unset. On Azure's
 * recorded answer (`answer`), a setting left unset for the rule's stack part cannot be verified.
 */
export function assessBaseline(
    rule: BaselineRule,
    family: ResourceFamily,
    app: App,
    options: RuleOptionValues,
    answer?: RecordedAnswer,
): BaselineAssessment {
    const assessment: BaselineAssessment = { findings: [], unknownPaths: [] };
    const notRead = notReadReason(family, app);
    if (notRead !== undefined) {
        return { ...assessment, unverifiable: notRead };
    }
    const places = placesOf(family, app)!;
    /**
     * Judges one setting wherever the app's resources write it, adding its findings to the assessment; false when
     * the setting is unset and not judged as what it becomes.
     */
    const judgeSetting = (setting: SiteSettingId): boolean => {
        const place = places[setting];
        const complies = (value: unknown) =>
            value === undefined || value === null
                ? rule.complies(setting, place.unset.becomes, options)
                : rule.complies(setting, !isNoPlace(place) && place.meaning ? place.meaning(value) : value, options);
        /** Judges a value read at `path`; false when it is unset. */
        const judged = (read: () => unknown, path: string): boolean =>
            judgeValue(assessment, setting, read, path, complies);
        const site = app.evaluatedSite;
        const writes = siteChildWrites(place, site);
        // Each child's write is judged; one that sets the setting decides it where the site leaves it unset.
        const setByChild = writes.map(write => judged(() => write.read(), write.path)).some(set => set);
        if (isNoPlace(place)) {
            if (!setByChild && !complies(undefined)) {
                assessment.findings.push({ setting, found: undefined, unset: place.unset, noPlace: place });
            }
            return true;
        }
        const path = shownPathOf(app, place.path);
        if (judged(() => readAt(app, place.path), path) || setByChild) {
            return true;
        }
        if (place.unsetNotJudged !== undefined) {
            if (answer !== undefined && "judgedInStack" in place.unsetNotJudged) {
                // No stack part runs on a recorded answer: unset there is not verified, never passed.
                const unverifiable = new Unverifiable(answer.reason);
                assessment.findings.push({ setting, path, found: undefined, unverifiable, fix: answer.fix(setting) });
                return true;
            }
            return false; // kept as it is, or judged with the stack's writes by the rule's stack part
        }
        if (!complies(undefined)) {
            assessment.findings.push({ setting, path, found: undefined, unset: place.unset });
        }
        return true;
    };
    // A setting only other resources of the stack write is judged with them, by the rule's stack part.
    const settings = rule.settings.filter(setting => {
        const place = places[setting];
        return !(isNoPlace(place) && (place.judgedInStack !== undefined || place.unsetNotJudged !== undefined));
    });
    if (judgedEach(rule, settings, assessment, judgeSetting)) {
        return { findings: [], unknownPaths: [] }; // one of the ways to set it complies: the others do not matter
    }
    if (assessment.findings.length > 0 && rule.notAsked !== undefined) {
        try {
            if (rule.notAsked(app, family)) {
                return { findings: [], unknownPaths: assessment.unknownPaths, unknown: assessment.unknown };
            }
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            // Whether the rule asks is known only at the update, so its findings are not definite.
            return { findings: [], unknownPaths: assessment.unknownPaths, unknown: assessment.unknown ?? e };
        }
    }
    return assessment;
}

/**
 * Judges every setting of `rule` that a write to a site the resource does not declare sets: an unset setting is the
 * site's own resource's to decide, so only a value written is judged (a value that cannot be known is reported, one
 * unknown at preview recorded).
 */
export function assessUndeclaredSiteWrite(
    rule: BaselineRule,
    write: UndeclaredSiteWrite,
    options: RuleOptionValues,
): BaselineAssessment {
    const assessment: BaselineAssessment = { findings: [], unknownPaths: [] };
    const judgeSetting = (setting: SiteSettingId): boolean => {
        const written = write.writeOf(setting);
        if (written !== undefined) {
            const complies = (value: unknown) =>
                rule.complies(setting, written.meaning ? written.meaning(value) : value, options);
            judgeValue(assessment, setting, () => written.read(), written.path, complies);
        }
        return true; // a setting it does not write is the site's own resource's: it counts as complying here
    };
    return judgedEach(rule, rule.settings, assessment, judgeSetting) ? { findings: [], unknownPaths: [] } : assessment;
}

/**
 * Judges each of `settings` into `assessment`; true when the rule's settings are alternatives and one of them
 * complies, so that the others do not matter.
 */
function judgedEach(
    rule: BaselineRule,
    settings: readonly SiteSettingId[],
    assessment: BaselineAssessment,
    judgeSetting: (setting: SiteSettingId) => boolean,
): boolean {
    let complyingHere = 0;
    for (const setting of settings) {
        const before = assessment.findings.length + assessment.unknownPaths.length;
        const judgedHere = judgeSetting(setting);
        if (judgedHere && assessment.findings.length + assessment.unknownPaths.length === before) {
            complyingHere++;
        }
    }
    return rule.settingsAreAlternatives === true && complyingHere > 0;
}

/**
 * Judges a value of `setting` read at `path`, adding to `assessment` what does not comply, what cannot be verified
 * and what is unknown at preview; false when it is unset.
 */
function judgeValue(
    assessment: BaselineAssessment,
    setting: SiteSettingId,
    read: () => unknown,
    path: string,
    complies: (value: unknown) => boolean,
): boolean {
    let found: unknown;
    try {
        found = read();
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        assessment.unknown = assessment.unknown ?? e;
        assessment.unknownPaths.push(path);
        return true;
    }
    if (found === undefined || found === null) {
        return false;
    }
    if (found instanceof OneOf) {
        if (found.values.every(complies)) {
            return true; // a condition only Azure knows, and every value it can give complies
        }
        found = found.undecided;
        if (found instanceof UnknownValueError) {
            // What decides between the values is known only at the update.
            assessment.unknown = assessment.unknown ?? found;
            assessment.unknownPaths.push(path);
            return true;
        }
    }
    if (found instanceof Unverifiable) {
        assessment.findings.push({ setting, path, found, unverifiable: found });
    } else if (!complies(found)) {
        assessment.findings.push({ setting, path, found });
    }
    return true;
}
