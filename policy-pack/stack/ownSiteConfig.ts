// What a generic Resource or AzAPI site's own request says of a `siteConfig` setting that a `Microsoft.Web/sites/config`
// `web` resource of the stack may also write (`ftpsState`, `http20Enabled`). The rule's stack part reads it from the
// request the engine gives it; once a generic Resource's outputs are Azure's answer, which does not hold the site's
// configuration, the rule's resource policy has read it from the site's inputs earlier in the run and recorded it
// there (server/requestContext.ts `Run`), and the stack part takes it from that record.
import { CheckedApp } from "../applicability";
import { isNoPlace, SiteSettingId } from "../baseline/siteSettings";
import { placesOf, ResourceFamily } from "../families/family";
import { UnknownValueError } from "../sdkInternals";
import { read } from "./siteAddress";

/**
 * `set`: the request sets it (the rule's resource policy judges that value); `unset`: it leaves it unset, at the path
 * the user finds it (`properties.siteConfig.ftpsState`); `unknown`: the value, or the app's kind, is unknown at preview.
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
    const site = app.evaluatedSite;
    if (site === undefined || own === undefined || isNoPlace(own)) {
        return undefined;
    }
    if (own.unsetNotJudged === undefined || !("judgedInStack" in own.unsetNotJudged)) {
        return undefined;
    }
    const found = read(() => site.valueAt(own.path));
    if ("unknown" in found) {
        return found;
    }
    if (unknownKind !== undefined) {
        return { unknown: unknownKind }; // the kind decides whether the rule applies at all
    }
    return found.value === undefined || found.value === null ? { unset: site.shownPath(own.path) } : { set: true };
}
