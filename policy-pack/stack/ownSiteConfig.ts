// What a site's own request says of a `siteConfig` setting that a `Microsoft.Web/sites/config` `web` resource of the
// stack may also write (`ftpsState`, `http20Enabled`): a generic Resource or AzAPI site's request body, or an
// azure-native app's inputs. The rule's stack part reads it from the request the engine gives it; once the outputs
// are Azure's answer, which need not hold the site's configuration, the rule's resource policy has read it from the
// site's inputs earlier in the run and recorded it there (server/requestContext.ts `Run`), and the stack part takes
// it from that record.
import { CheckedApp } from "../applicability";
import { readAt, shownPathOf } from "../baseline/assess";
import { isNoPlace, SiteSettingId } from "../baseline/siteSettings";
import { placesOf, ResourceFamily } from "../families/family";
import { UnknownValueError } from "../sdkInternals";
import { read } from "./siteAddress";

/**
 * `set`: the request sets it (the rule's resource policy judges that value); `unset`: it leaves it unset, at the path
 * the user finds it (`properties.siteConfig.ftpsState`, azure-native's `siteConfig.ftpsState`); `unknown`: the value,
 * or the app's kind, is unknown at preview.
 */
export type OwnSiteConfig =
    { readonly set: true } | { readonly unset: string } | { readonly unknown: UnknownValueError };

/**
 * What `app`'s request says of `setting`; undefined when the setting is not one its family leaves to the rule's stack
 * part (the resource's own policy judges it, set or not).
 */
export function ownSiteConfigOf(
    family: ResourceFamily,
    { app, unknownKind }: CheckedApp,
    setting: SiteSettingId,
): OwnSiteConfig | undefined {
    const own = placesOf(family, app)?.[setting];
    if (!unsetJudgedInStack(family, { app }, setting) || own === undefined || isNoPlace(own)) {
        return undefined;
    }
    if (app.evaluatedSite === undefined && app.siteInputs === undefined) {
        return undefined;
    }
    const found = read(() => readAt(app, own.path));
    if ("unknown" in found) {
        return found;
    }
    if (unknownKind !== undefined) {
        return { unknown: unknownKind }; // the kind decides whether the rule applies at all
    }
    return found.value === undefined || found.value === null ? { unset: shownPathOf(app, own.path) } : { set: true };
}

/** Whether `app`'s family leaves `setting`, when the app leaves it unset, to the rule's stack part. */
export function unsetJudgedInStack(
    family: ResourceFamily,
    { app }: Pick<CheckedApp, "app">,
    setting: SiteSettingId,
): boolean {
    const own = placesOf(family, app)?.[setting];
    return (
        own !== undefined &&
        !isNoPlace(own) &&
        own.unsetNotJudged !== undefined &&
        "judgedInStack" in own.unsetNotJudged
    );
}
