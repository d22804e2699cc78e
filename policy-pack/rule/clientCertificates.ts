import { UnknownValueError } from "../sdkInternals";
import { exclusionPathProblem } from "./exclusionPaths";
import type { RenegotiationConflict } from "./renegotiation";

/**
 * Where one App Service app keeps its client-certificate settings. Each setting is a function so the rule reads
 * a value only when the verdict needs it: reading a value that is unknown at preview throws the engine's
 * `UnknownValueError`. A type may lack any of them: then what Azure or the provider does applies (see
 * {@link UnsetDefaults}).
 */
export interface ClientCertificateSettings {
    /**
     * The "client certificates enabled" flag; absent for types that only have a mode (legacy FunctionApp, Logic
     * App Standard: the provider turns certificates on when a mode is set) and for types with no setting at all.
     */
    enabled?: () => unknown;
    /** The client certificate mode (`Required`, `Optional`, `OptionalInteractiveUser`); absent for types without one. */
    mode?: () => unknown;
    /** The exclusion paths string; absent for resources that have none. */
    exclusionPaths?: () => unknown;
}

/**
 * What an absent setting becomes, as the provider documents it (the `.d.ts` doc comments of its SDK) or, where
 * the provider sends nothing, as Azure applies it. Each family declares its own.
 */
export interface UnsetDefaults {
    /** Whose default it is, for messages: `Azure's` or `@pulumi/azure's`. */
    readonly source: string;
    /** The enabled flag when it is absent, or when the type has no client-certificate setting at all. */
    readonly enabled: boolean;
    /**
     * The mode when it is absent from a type that also has the flag. A type whose only setting is the mode turns
     * certificates on only when a mode is set, so there an absent mode leaves them off whatever this says.
     */
    readonly mode: ClientCertificateMode;
}

/** The API values of the client certificate mode. */
export type ClientCertificateMode = "Required" | "Optional" | "OptionalInteractiveUser";

/** Azure's own defaults (azure-native, ARM templates, the generic Resource): certificates off, mode Required. */
export const AZURE_DEFAULTS: UnsetDefaults = { source: "Azure's", enabled: false, mode: "Required" };

/**
 * A setting that takes one of several values, which one known only at deployment (in an ARM template,
 * `if(condition, a, b)` on a condition only Azure knows). It complies when every value does; otherwise it counts as
 * `undecided`, a value that names why it cannot be known.
 */
export class OneOf {
    constructor(
        readonly values: readonly unknown[],
        readonly undecided: unknown,
    ) {}
}

/** One of the three settings the rule checks. */
export type Setting = "enabled" | "mode" | "exclusionPaths";

/** A setting whose value does not comply, with the value found. */
export interface Finding {
    setting: Setting;
    /** The value as found in the resource (any type: property bags are not trusted); undefined when unset. */
    found: unknown;
    /**
     * Set when the setting is unset (or the type has none) and what Azure or the provider does instead fails:
     * the value it becomes, or `off` when an absent mode leaves certificates off.
     */
    unsetBecomes?: boolean | ClientCertificateMode | "off";
    /** For exclusion paths: the prefixes that are not allowed. */
    disallowedPaths?: string[];
    /** For exclusion paths the config allows: the protocol settings under which they cannot work. */
    renegotiation?: RenegotiationConflict;
}

/** The rule's verdict on one app. */
export interface Assessment {
    /** Settings that definitely do not comply. Empty means compliant, unless `unknown` is set. */
    findings: Finding[];
    /** The first setting that could not be read because its value is unknown at preview. */
    unknown?: UnknownValueError;
    /** Which settings were unknown, for messages. */
    unknownSettings: Setting[];
    /** The paths of site settings read beside them (HTTP/2, TLS version) that were unknown, for messages. */
    unknownSiteSettings?: string[];
}

/**
 * CIS Azure 9.4: the flag is exactly `true`, the mode is `Required`, and every exclusion path is allowed. An unset
 * setting counts as what it becomes (`defaults`): unset flag, off; unset mode beside a flag, the family's default
 * mode; unset mode without a flag, certificates off; no setting at all, off. Each setting is assessed on its own,
 * so a definite violation is found even when another setting is unknown at preview.
 */
export function assessClientCertificates(
    settings: ClientCertificateSettings,
    defaults: UnsetDefaults,
    allowedExclusionPaths: readonly string[],
): Assessment {
    const assessment: Assessment = { findings: [], unknownSettings: [] };
    const unsetFlag = (): boolean | Partial<Finding> => defaults.enabled !== true && { unsetBecomes: defaults.enabled };
    if (settings.enabled === undefined && settings.mode === undefined) {
        check(assessment, "enabled", () => undefined, unsetFlag); // no setting at all: Azure's default applies
    }
    check(assessment, "enabled", settings.enabled, found => (found == null ? unsetFlag() : found !== true));
    check(assessment, "mode", settings.mode, found => {
        if (found != null) {
            return found !== "Required";
        }
        const becomes = settings.enabled === undefined ? "off" : defaults.mode;
        return becomes === "Required" ? false : { unsetBecomes: becomes };
    });
    check(assessment, "exclusionPaths", settings.exclusionPaths, found => {
        const disallowed = disallowedExclusionPaths(found, allowedExclusionPaths);
        return disallowed === undefined ? false : { disallowedPaths: disallowed };
    });
    return assessment;
}

/**
 * The prefixes in an exclusion-paths value that are not allowed: `undefined` when all are allowed, an empty list
 * when the value is not a string at all (so it cannot be checked).
 */
export function disallowedExclusionPaths(value: unknown, allowed: readonly string[]): string[] | undefined {
    if (value == null) {
        return undefined;
    }
    if (typeof value !== "string") {
        return [];
    }
    const disallowed = splitExclusionPaths(value).filter(path => !isAllowedExclusionPath(path, allowed));
    return disallowed.length > 0 ? disallowed : undefined;
}

/**
 * Whether one exclusion-path prefix may skip client certificates: listed in the config, and a path the allow-list
 * accepts at all (never `/` nor what amounts to it), whatever list the caller passed.
 */
export function isAllowedExclusionPath(path: string, allowed: readonly string[]): boolean {
    return allowed.includes(path) && exclusionPathProblem(path) === undefined;
}

/** Exclusion paths are prefixes separated by `,` or `;`; blanks around them and empty pieces mean nothing. */
export function splitExclusionPaths(value: string): string[] {
    return value
        .split(/[,;]/)
        .map(piece => piece.trim())
        .filter(piece => piece.length > 0);
}

/** Reads one setting and records a finding when `fails` says so; an unknown value is recorded, never passed. */
function check(
    assessment: Assessment,
    setting: Setting,
    read: (() => unknown) | undefined,
    fails: (found: unknown) => boolean | Partial<Finding>,
): void {
    if (read === undefined) {
        return;
    }
    let found: unknown;
    try {
        found = read();
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        assessment.unknown = assessment.unknown ?? e;
        assessment.unknownSettings.push(setting);
        return;
    }
    if (found instanceof OneOf) {
        if (found.values.every(value => !fails(value))) {
            return;
        }
        found = found.undecided;
    }
    const failure = fails(found);
    if (failure) {
        assessment.findings.push({ setting, found, ...(failure === true ? {} : failure) });
    }
}
