// The cross-resource part of the client-certificate rule's renegotiation check (rule/renegotiation.ts,
// docs/mutual-tls-renegotiation.md). Exclusion paths make App Service ask for the client certificate by TLS
// renegotiation, which HTTP/2 and TLS 1.3 rule out. A site's `siteConfig.http20Enabled` and `minTlsVersion` may also
// be written by its `Microsoft.Web/sites/config` named `web` (or `sites/slots/config`), a resource of its own that
// azure-native has no typed resource for: a generic Resource or an AzAPI resource of the stack. The rule's resource
// policy sees the app alone, so this stack policy judges those writes: an app (azure-native WebApp or WebAppSlot, or a
// site a generic Resource or AzAPI resource declares) that keeps exclusion paths the rule's config allows fails when a
// web config certainly its own writes HTTP/2 on or TLS 1.3 (or a value that cannot be verified). A write that keeps
// renegotiation possible (HTTP/2 off, TLS 1.2 or lower) passes; an app without such exclusion paths is not judged. A
// write that may be the app's, or a value, unknown at preview leaves it to the update. After the update the policy
// sees outputs: an azure-native app's still hold clientCertExclusionPaths, a generic Resource's are Azure's answer for
// the site or web config (which holds the configuration the app ended up with), and an AzAPI resource's keep its body.
// The rule's enforcement level, config (its allowedExclusionPaths, exemptions and excluded kinds) and metadata are
// this policy's; in reports its violations are the rule's.
import { StackValidationPolicy } from "@pulumi/policy";
import { Unverifiable } from "../arm/values";
import { ENFORCEMENT_LEVEL_ONLY_SCHEMA, readConfig } from "../config";
import { REQUEST_BODY_PLACES } from "../families/siteSettingPlaces";
import { PROTOCOL_SETTING_NAMES, renegotiationInStackMessage, renegotiationUnreadableAppMessage } from "../messages";
import { REQUIRE_CLIENT_CERTIFICATES_LEVEL, RENEGOTIATION_IN_STACK } from "../policyNames";
import {
    allowedExclusionPathsKept,
    allowsRenegotiation,
    ProtocolFinding,
    ProtocolSetting,
    RenegotiationConflict,
} from "../rule/renegotiation";
import { UnknownValueError } from "../sdkInternals";
import { currentRequest } from "../server/requestContext";
import { quotedText, shownText } from "../shownText";
import { matchOf } from "../stack/siteAddress";
import { RequestWrite, requestWrites, stackApps, WriteIndex } from "../stack/writtenSettings";
import { exclusionPathsPropertyOf, requireClientCertificates as rule } from "./requireClientCertificates";

/** The Azure child collection that holds a site's or slot's general configuration (`web`). */
const CONFIG = "config";

const PROTOCOLS: readonly ProtocolSetting[] = ["http20Enabled", "minTlsVersion"];

interface ProtocolWrite extends RequestWrite {
    readonly setting: ProtocolSetting;
}

/** A value as the setting's: a web config's request holds the site's own values. */
const meaningOf = (setting: ProtocolSetting, value: unknown) => {
    const meaning = REQUEST_BODY_PLACES[setting].meaning;
    return meaning === undefined ? value : meaning(value);
};

/**
 * Whether a write may rule renegotiation out: a value that does not allow it, one not verifiable, or one unknown. A
 * web config that leaves the setting unset writes nothing there.
 */
const mayBlock = ({ setting, value }: ProtocolWrite) =>
    !("value" in value) ||
    (value.value !== undefined &&
        value.value !== null &&
        (value.value instanceof Unverifiable || !allowsRenegotiation(setting, meaningOf(setting, value.value))));

/** A web config as messages name it. */
const writerOf = (write: ProtocolWrite) => `${shownText(write.resource.type)} ${quotedText(write.resource.name)}`;
const webConfig = (slot: boolean) => `a Microsoft.Web/sites${slot ? "/slots" : ""}/config named "web" of the stack`;

/** What renegotiation needs of a web config, at its paths (`properties.`, AzAPI's `body.properties.`). */
const webConfigPaths = (write: ProtocolWrite): RenegotiationConflict["paths"] => {
    const prefix = write.path.slice(0, write.path.length - write.setting.length);
    return { http20Enabled: `${prefix}http20Enabled`, minTlsVersion: `${prefix}minTlsVersion` };
};

export const renegotiationInStack: StackValidationPolicy = {
    name: RENEGOTIATION_IN_STACK,
    displayName: `${rule.displayName}, where exclusion paths need TLS renegotiation that a web config of the stack rules out`,
    description:
        "Each App Service app and slot (azure-native web:WebApp or web:WebAppSlot, or a generic resources:Resource or " +
        "AzAPI resource of type Microsoft.Web/sites or Microsoft.Web/sites/slots) that keeps client certificate " +
        "exclusion paths must not have HTTP/2 turned on or TLS 1.3 as the minimum by a Microsoft.Web/sites/config " +
        '(or sites/slots/config) named "web" of the same stack: exclusion paths make App Service ask for the ' +
        "certificate by TLS renegotiation, which HTTP/2 and TLS 1.3 do not offer.",
    enforcementLevel: REQUIRE_CLIENT_CERTIFICATES_LEVEL,
    severity: rule.severity,
    framework: rule.framework,
    tags: [...(rule.tags ?? []), "stack"],
    remediationSteps:
        'In each Microsoft.Web/sites/config named "web" for an app with exclusion paths, set properties.http20Enabled ' +
        'false and properties.minTlsVersion "1.2", or remove the app\'s exclusion paths (clientCertExclusionPaths).',
    url: rule.url,
    configSchema: ENFORCEMENT_LEVEL_ONLY_SCHEMA,
    validateStack: (args, reportViolation) => {
        // The rule's config: the run's in the pack's server, the rule's own when called directly.
        const config = currentRequest()?.run.config.rule ?? readConfig(args.getConfig<Record<string, unknown>>());
        const writes: ProtocolWrite[] = PROTOCOLS.flatMap(setting =>
            requestWrites(args.resources, CONFIG, { web: `properties.${setting}` }).map(w => ({ ...w, setting })),
        );
        const blocking = writes.filter(mayBlock);
        if (blocking.length === 0 || config.allowedExclusionPaths.length === 0) {
            // Nothing in the stack rules renegotiation out, or no exclusion path is allowed (the rule fails any).
            return;
        }
        // Indexed once for each kind of app, so that each app is compared only with its possible writes.
        const indexes = [false, true].map(slot => new WriteIndex(blocking.filter(w => w.slot === slot)));
        const { apps, unknown } = stackApps(args.resources, config, new Date());
        // A resource unknown at preview may be a site that such a write is for.
        let firstUnknown = unknown;
        for (const { resource, slot, address, request } of apps) {
            const candidates = indexes[slot ? 1 : 0]
                .candidatesFor(address)
                .map(write => ({ write, match: matchOf(write.address, address) }))
                .filter(c => !("none" in c.match));
            if (candidates.length === 0) {
                continue;
            }
            const certain = candidates.filter(c => "certain" in c.match && "value" in c.write.value).map(c => c.write);
            let kept: string | undefined;
            let property = "clientCertExclusionPaths";
            if (request !== undefined) {
                property = exclusionPathsPropertyOf(request.app.app, request.family);
                try {
                    kept = allowedExclusionPathsKept(request.app.app.settings, config.allowedExclusionPaths);
                } catch (e) {
                    if (!(e instanceof UnknownValueError)) {
                        throw e;
                    }
                    firstUnknown ??= e;
                    continue;
                }
                if (kept === undefined) {
                    continue; // no exclusion path the rule accepts: no renegotiation to judge
                }
            }
            if (certain.length === 0 || request?.app.unknownKind !== undefined) {
                // A write that may yet be its own, or a value or kind unknown at preview: decided at the update.
                const c = candidates[0];
                firstUnknown ??=
                    request?.app.unknownKind ??
                    ("possible" in c.match
                        ? c.match.possible
                        : "unknown" in c.write.value
                          ? c.write.value.unknown
                          : undefined);
                continue;
            }
            const findings: ProtocolFinding[] = certain.map(write => {
                const found = "value" in write.value ? write.value.value : undefined;
                return {
                    setting: write.setting,
                    path: write.path,
                    writer: `${writerOf(write)} (${webConfig(slot)})`,
                    found,
                    value: meaningOf(write.setting, found),
                };
            });
            const fixes = [...new Map(certain.map(w => [w.resource.urn, w])).values()].map(w => ({
                writer: writerOf(w),
                paths: webConfigPaths(w),
            }));
            if (kept === undefined) {
                // The app's own settings cannot be read from what the engine gives: reported, never passed.
                reportViolation(
                    renegotiationUnreadableAppMessage(resource.type, resource.name, property, findings, fixes),
                    resource.urn,
                );
                continue;
            }
            const conflict: RenegotiationConflict = {
                cause: { property, found: kept },
                blocking: findings,
                paths: PROTOCOL_SETTING_NAMES,
            };
            reportViolation(renegotiationInStackMessage(resource.type, resource.name, conflict, fixes), resource.urn);
        }
        if (firstUnknown !== undefined) {
            // What could not be matched at preview is left to the update, where every name and value is known.
            throw firstUnknown;
        }
    },
};
