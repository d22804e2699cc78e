// The cross-resource parts of webapp-ftp-deployments-disabled and webapp-http2. A site's `siteConfig.ftpsState` and
// `siteConfig.http20Enabled` may also be written by the site's `Microsoft.Web/sites/config` resource named `web`, a
// resource of its own, and Azure's defaults (`AllAllowed`, HTTP/1.1) fail both rules. So a site whose own resource
// leaves one unset, where its family leaves that to the stack (`unsetNotJudged` in families/siteSettingPlaces.ts: the
// sites a generic Resource or an AzAPI resource declares, and azure-native apps for `ftpsState`; azure-native's
// `http20Enabled` defaults to `true`), is judged with the web configs of the stack, matched with it as the other stack
// policies match theirs (stack/writtenSettings.ts): it complies when one certainly its own sets the setting securely,
// fails with that value when one sets it otherwise, fails with Azure's default when none does, and is left to the
// update while one whose name or value is unknown at preview may yet be its own. A value the site sets itself is the
// rule's resource policy's to judge. After the update, and at each preview of an unchanged site, the outputs are
// Azure's answer, without the request: what the request says is then the rule's resource policy's record on the run,
// made from the site's inputs earlier in the same run (stack/ownSiteConfig.ts). Without a record, a generic Resource's
// answer is not the app's configuration, and an azure-native app's holds it only when azure-native read it from the
// site's config (a refresh or import: then the value is the app's own, judged on the resource); otherwise the site
// is reported as not verifiable. azure-native has no typed resource for this config (siteConfigInStack.test.ts checks
// its SDK), so the writes are generic Resources and AzAPI resources. Each part is its rule's: the rule's config,
// enforcement level and exemptions, and in reports the rule's verdicts.
import { StackValidationPolicy } from "@pulumi/policy";
import { ftpDeploymentsRule } from "../baseline/rules/ftpDeployments";
import { http2Rule } from "../baseline/rules/http2";
import { ruleHeadline } from "../baseline/messages";
import { BaselineRule } from "../baseline/rule";
import { isNoPlace, SiteSettingId } from "../baseline/siteSettings";
import { ENFORCEMENT_LEVEL_ONLY_SCHEMA } from "../config";
import { AZURE_NATIVE_PLACES, REQUEST_BODY_PLACES } from "../families/siteSettingPlaces";
import { show } from "../messages";
import { FTP_DEPLOYMENTS_IN_STACK, HTTP2_IN_STACK } from "../policyNames";
import { UnknownValueError } from "../sdkInternals";
import { quotedText } from "../shownText";
import { currentRequest } from "../server/requestContext";
import { OwnSiteConfig, ownSiteConfigOf, unsetJudgedInStack } from "../stack/ownSiteConfig";
import { shownAddress } from "../stack/siteAddress";
import {
    appVerdict,
    requestWrites,
    StackApp,
    stackApps,
    stackPolicyConfig,
    WriteIndex,
    writtenValueFinding,
} from "../stack/writtenSettings";
import { findingLine, unverifiableFinding } from "../violationWording";
import { frameworkOf } from "./baselinePolicy";

/** The Azure child collection that holds a site's or slot's general configuration (`web`). */
const CONFIG = "config";

/** The web config declared by its ARM type, for messages. */
const webConfig = (slot: boolean) =>
    `Microsoft.Web/sites${slot ? "/slots" : ""}/config named "web" (generic Resource or AzAPI)`;

/**
 * An azure-native app's setting as Azure's answer holds it, taken as set by the app (its resource policy judges that
 * value, given the same answer where no request is: `pulumi policy analyze`'s read state); undefined when it does not
 * hold it, as the site's own PUT answers.
 */
function setInAnswer(request: StackApp["request"], setting: SiteSettingId): OwnSiteConfig | undefined {
    const own = request === undefined ? undefined : ownSiteConfigOf(request.family, request.app, setting);
    return own !== undefined && "set" in own ? own : undefined;
}

/** The resources whose sites leave `setting`, when unset, to the stack part, for its description. */
function sitesLeaving(setting: SiteSettingId): string {
    const place = AZURE_NATIVE_PLACES[setting];
    const azureNative = !isNoPlace(place) && place.unsetNotJudged !== undefined;
    return `${azureNative ? "an azure-native WebApp or WebAppSlot, " : ""}a generic Resource or an AzAPI resource`;
}

/** The stack part of `rule`, for its one `siteConfig` setting that a web config may write. */
function siteConfigInStack(
    rule: BaselineRule,
    name: string,
    setting: "ftpsState" | "http20Enabled",
): StackValidationPolicy {
    const place = REQUEST_BODY_PLACES[setting];
    return {
        name,
        displayName: `${rule.displayName}, where a site leaves it to a web config of the stack`,
        description:
            `Each App Service site or slot ${sitesLeaving(setting)} declares without siteConfig.${setting} ` +
            `must have it set by a Microsoft.Web/sites/config named "web" of the same stack: ${rule.description}`,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        framework: frameworkOf(rule),
        tags: [...rule.tags, "stack"],
        remediationSteps:
            `Set siteConfig.${setting} in the site's own request, or declare a Microsoft.Web/sites/config named "web" ` +
            `for the site with properties.${setting} set to the value required. For an existing app: ${rule.cliFix}`,
        url: rule.url,
        configSchema: ENFORCEMENT_LEVEL_ONLY_SCHEMA,
        validateStack: (args, reportViolation) => {
            const config = stackPolicyConfig(rule, () => args.getConfig<Record<string, unknown>>());
            const required = rule.required(setting, config.options);
            const complies = (value: unknown) =>
                rule.complies(setting, place.meaning ? place.meaning(value) : value, config.options);
            const writes = requestWrites(args.resources, CONFIG, { web: `properties.${setting}` });
            // Indexed once for each kind of app, so that each site is compared only with its possible writes.
            const indexes = [false, true].map(slot => new WriteIndex(writes.filter(w => w.slot === slot)));
            const { apps, unknown } = stackApps(args.resources, config, new Date());
            let firstUnknown = unknown;
            for (const { resource, slot, address, declaredByRequest, request, answer } of apps) {
                if (
                    !declaredByRequest &&
                    (request === undefined || !unsetJudgedInStack(request.family, request.app, setting))
                ) {
                    continue; // an azure-native app whose family judges the setting on the resource, set or not
                }
                // What the site's own request says of the setting: read from it, or, when the outputs are Azure's
                // answer, as the rule's resource policy recorded it from the site's inputs earlier in the run.
                let own: OwnSiteConfig | undefined;
                if (answer) {
                    own =
                        currentRequest()?.run.ownSiteConfigOf(resource.urn, setting) ??
                        (declaredByRequest ? undefined : setInAnswer(request, setting));
                } else if (request !== undefined) {
                    own = ownSiteConfigOf(request.family, request.app, setting);
                    if (own === undefined) {
                        continue; // judged on the resource itself
                    }
                }
                if (own !== undefined && "unknown" in own) {
                    firstUnknown ??= own.unknown;
                    continue;
                }
                if (own !== undefined && "set" in own) {
                    continue; // set by the site itself: its rule's resource policy judges it
                }
                const shownPath = own?.unset;
                const verdict = appVerdict(address, indexes[slot ? 1 : 0], complies);
                if ("complies" in verdict) {
                    continue;
                }
                if ("undecided" in verdict) {
                    firstUnknown ??= verdict.undecided;
                    continue;
                }
                try {
                    if (request !== undefined && rule.notAsked?.(request.app.app, request.family)) {
                        continue; // another setting of the site rules this one's value out (HTTP/2 under renegotiation)
                    }
                } catch (e) {
                    if (!(e instanceof UnknownValueError)) {
                        throw e;
                    }
                    firstUnknown ??= e;
                    continue;
                }
                const names = shownAddress(address);
                const nothing =
                    `no ${webConfig(slot)} in the stack sets ${setting} for this app` +
                    (names === undefined
                        ? ""
                        : ` (resource group, app${slot ? " and slot" : ""}: ${quotedText(names)})`);
                const explicit = verdict.explicit;
                const finding =
                    explicit !== undefined
                        ? `${setting}: ${writtenValueFinding(explicit, explicit.path, required)}`
                        : shownPath === undefined
                          ? unverifiableFinding(
                                `siteConfig.${setting}`,
                                `${answer ? "Azure's answer for the site does not hold its configuration" : "the site's request cannot be read from what the engine gives the stack policy"}, and ${nothing}`,
                                required,
                            )
                          : `${shownPath} is not set, and ${nothing}, so ${place.unset.source} default applies: ` +
                            `${show(place.unset.becomes)}; required: ${required}.`;
                reportViolation(
                    [
                        ruleHeadline(rule, resource.type, resource.name),
                        findingLine(finding, false),
                        `Fix: set ${shownPath ?? `siteConfig.${setting}`} to ${required}, or declare a ${webConfig(slot)} ` +
                            `for this app with properties.${setting} ${required}. In the portal: ${rule.portal}. ` +
                            `For an existing app: ${rule.cliFix}.`,
                    ].join("\n"),
                    resource.urn,
                );
            }
            if (firstUnknown !== undefined) {
                // What could not be matched at preview is left to the update, where every name is known.
                throw firstUnknown;
            }
        },
    };
}

export const ftpDeploymentsInStack = siteConfigInStack(ftpDeploymentsRule, FTP_DEPLOYMENTS_IN_STACK, "ftpsState");
export const http2InStack = siteConfigInStack(http2Rule, HTTP2_IN_STACK, "http20Enabled");
