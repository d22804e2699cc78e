// Mutual TLS that App Service negotiates by TLS renegotiation, and the protocol settings that rule renegotiation out
// (docs/mutual-tls-renegotiation.md). Microsoft's "Configure TLS mutual authentication for Azure App Service",
// section "Client certificate and TLS renegotiation": any exclusion path, and mode OptionalInteractiveUser, make App
// Service ask for the certificate by renegotiation, which HTTP/2 and TLS 1.3 do not offer. The client-certificate
// rule judges the combination (policies/requireClientCertificates.ts); webapp-http2 does not ask for HTTP/2 where
// renegotiation is needed (baseline/rules/http2.ts). Both read the set-up through this module.
import { UnknownValueError } from "../sdkInternals";
import {
    isNoPlace,
    SettingPlace,
    siteChildWrites,
    SiteSettingPlaces,
    UnsetSetting,
    valueAt,
    writeAt,
} from "../baseline/siteSettings";
import type { App } from "../families/family";
import { ClientCertificateSettings, isAllowedExclusionPath, OneOf, splitExclusionPaths } from "./clientCertificates";

/** A client-certificate setting that makes App Service renegotiate: its property and the value found there. */
export interface RenegotiationCause {
    readonly property: string;
    readonly found: string;
}

/** The site settings that decide whether a connection can renegotiate. */
export type ProtocolSetting = "http20Enabled" | "minTlsVersion";

/** What renegotiation needs of each protocol setting, in the setting's (azure-native) values. */
export const RENEGOTIATION_REQUIRES = { http20Enabled: false, minTlsVersion: "1.2" } as const;

/** The minimum TLS versions under which a connection can renegotiate: TLS 1.3 has no renegotiation. */
const RENEGOTIATING_TLS_VERSIONS: readonly unknown[] = ["1.0", "1.1", "1.2"];

/** The Azure CLI fix for an app that already exists. */
export const RENEGOTIATION_CLI_FIX =
    "az webapp config set --resource-group <RG> --name <APP> --http20-enabled false --min-tls-version 1.2";

/** A protocol setting as found on the app: where it is, what it holds, and what an unset one becomes. */
export interface ProtocolFinding {
    readonly setting: ProtocolSetting;
    readonly path: string;
    /** The resource of the stack that writes it apart from the app (a web config), as messages name it. */
    readonly writer?: string;
    /** As found; undefined when unset. */
    readonly found: unknown;
    /** Set when the setting is unset, or the type has no argument for it. */
    readonly unset?: UnsetSetting;
    /** The value Azure ends up with: the one found, read as the setting's, or what an unset one becomes. */
    readonly value: unknown;
}

/** A set-up that needs renegotiation on protocols that rule it out. */
export interface RenegotiationConflict {
    readonly cause: RenegotiationCause;
    /** The protocol settings that rule renegotiation out (at least one). */
    readonly blocking: readonly ProtocolFinding[];
    /** Where the type keeps each protocol setting, for the requirement and the fix. */
    readonly paths: Readonly<Record<ProtocolSetting, string>>;
}

/** The client-certificate rule's verdict on the combination. */
export interface RenegotiationAssessment {
    conflict?: RenegotiationConflict;
    /** The first protocol setting unknown at preview, when the combination depends on it. */
    unknown?: UnknownValueError;
    /** The paths of the protocol settings unknown at preview. */
    unknownPaths: string[];
}

/** The exclusion paths listed in a value; a value App Service would not read as paths lists none. */
function pathsIn(value: unknown): string[] {
    if (value instanceof OneOf) {
        return value.values.flatMap(pathsIn);
    }
    return typeof value === "string" ? splitExclusionPaths(value) : [];
}

/** The exclusion paths as found, or as listed when the value is one of several (a template's `if`). */
function pathsText(value: unknown): string {
    return typeof value === "string" ? value : pathsIn(value).join(",");
}

/**
 * Whether an app's client-certificate settings make App Service renegotiate, as declared: any exclusion path, or mode
 * OptionalInteractiveUser. Whether certificates are on does not matter: the client-certificate rule requires them on.
 * Throws the engine's unknown-value error when a setting that decides it is unknown at preview.
 */
export function needsRenegotiation(settings: ClientCertificateSettings): boolean {
    return pathsIn(settings.exclusionPaths?.()).length > 0 || settings.mode?.() === "OptionalInteractiveUser";
}

/**
 * The exclusion paths an app keeps, as found, when one of them is a path the config allows (the set-up the rule
 * accepts, whose renegotiation it judges); undefined otherwise. Throws the engine's unknown-value error when they are
 * unknown at preview.
 */
export function allowedExclusionPathsKept(
    settings: ClientCertificateSettings,
    allowedExclusionPaths: readonly string[],
): string | undefined {
    const paths = settings.exclusionPaths?.();
    return pathsIn(paths).some(path => isAllowedExclusionPath(path, allowedExclusionPaths))
        ? pathsText(paths)
        : undefined;
}

/** Whether a protocol setting's value (in azure-native's values) leaves renegotiation possible. */
export function allowsRenegotiation(setting: ProtocolSetting, value: unknown): boolean {
    return setting === "http20Enabled"
        ? value === RENEGOTIATION_REQUIRES.http20Enabled
        : RENEGOTIATING_TLS_VERSIONS.includes(value);
}

/**
 * The client-certificate rule's check of the combination: an app that keeps exclusion paths the config allows (the
 * set-up the rule accepts) must leave renegotiation possible, with HTTP/2 off and a minimum TLS version below 1.3.
 * An unset setting counts as what it becomes (azure-native's SDK fills in `http20Enabled: true`); a value of another
 * type never passes; a value unknown at preview is recorded. Mode OptionalInteractiveUser fails the rule anyway,
 * and mode Required, which it requires, needs no renegotiation. Nothing is judged where the family does not read
 * site settings (`places` or `siteInputs` absent): the baseline's not-read notice names those apps.
 */
export function assessRenegotiation(
    settings: ClientCertificateSettings,
    exclusionPathsProperty: string,
    allowedExclusionPaths: readonly string[],
    places: SiteSettingPlaces | undefined,
    site: SiteReadings,
): RenegotiationAssessment {
    const assessment: RenegotiationAssessment = { unknownPaths: [] };
    const { siteInputs, evaluatedSite } = site;
    if (
        places === undefined ||
        (siteInputs === undefined && evaluatedSite === undefined) ||
        settings.exclusionPaths === undefined
    ) {
        return assessment;
    }
    let paths: string | undefined;
    try {
        paths = allowedExclusionPathsKept(settings, allowedExclusionPaths);
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return assessment; // the rule's own check of the exclusion paths records it
        }
        throw e;
    }
    if (paths === undefined) {
        return assessment;
    }
    const blocking: ProtocolFinding[] = [];
    const protocolPaths = {} as Record<ProtocolSetting, string>;
    for (const setting of ["http20Enabled", "minTlsVersion"] as const) {
        const place = places[setting];
        protocolPaths[setting] = isNoPlace(place) ? setting : (evaluatedSite?.shownPath(place.path) ?? place.path);
        let found: unknown;
        let path = protocolPaths[setting];
        if (!isNoPlace(place)) {
            try {
                ({ found, path } = readProtocol(place, path, site));
            } catch (e) {
                if (!(e instanceof UnknownValueError)) {
                    throw e;
                }
                assessment.unknown = assessment.unknown ?? e;
                assessment.unknownPaths.push(path);
                continue;
            }
        }
        const unset = found === undefined || found === null;
        if (unset && place.unsetNotJudged !== undefined && "kept" in place.unsetNotJudged) {
            continue; // a merge that leaves it unset keeps the value judged where the site is declared
        }
        const meaning = (v: unknown) => (!isNoPlace(place) && place.meaning ? place.meaning(v) : v);
        const renegotiates = (v: unknown) => allowsRenegotiation(setting, v);
        // A template's if() on a condition only Azure knows: each value it can take must renegotiate.
        if (found instanceof OneOf) {
            if (found.values.every(v => renegotiates(meaning(v ?? place.unset.becomes)))) {
                continue;
            }
            found = found.undecided;
        }
        const value = unset ? place.unset.becomes : meaning(found);
        if (!renegotiates(value)) {
            blocking.push({ setting, path, found, value, ...(unset ? { unset: place.unset } : {}) });
        }
    }
    if (blocking.length > 0) {
        assessment.conflict = {
            cause: { property: exclusionPathsProperty, found: paths },
            blocking,
            paths: protocolPaths,
        };
    }
    return assessment;
}

/** Where an app's site settings are read: a resource's inputs, or a template site evaluated on demand. */
export type SiteReadings = Pick<App, "siteInputs" | "evaluatedSite">;

/**
 * A protocol setting as the site ends up with it, and where it is written: the first value the site's own child
 * resources write ({@link siteChildWrites}), else the site's. An `Unverifiable` or a `OneOf` is returned as found.
 */
function readProtocol(place: SettingPlace, path: string, { siteInputs, evaluatedSite }: SiteReadings) {
    if (evaluatedSite === undefined) {
        return { found: valueAt(siteInputs!, place.path), path };
    }
    for (const write of siteChildWrites(place, evaluatedSite)) {
        const written = write.read();
        if (written !== undefined && written !== null) {
            return { found: written, path: write.path };
        }
    }
    return { found: evaluatedSite.valueAt(place.path), path };
}

/**
 * Remediation of an app that keeps exclusion paths: writes what renegotiation needs (HTTP/2 off, TLS 1.2) where the
 * app's settings rule it out, so that the fix keeps the paths working instead of leaving mutual TLS broken.
 */
export function allowRenegotiation(
    props: Record<string, any>,
    exclusionPathsProperty: string,
    allowedExclusionPaths: readonly string[],
    places: SiteSettingPlaces,
): void {
    const settings = { exclusionPaths: () => props[exclusionPathsProperty] };
    const { conflict } = assessRenegotiation(settings, exclusionPathsProperty, allowedExclusionPaths, places, {
        siteInputs: props,
    });
    for (const { setting } of conflict?.blocking ?? []) {
        const place = places[setting];
        if (!isNoPlace(place)) {
            writeAt(props, place.path, RENEGOTIATION_REQUIRES[setting]);
        }
    }
}
