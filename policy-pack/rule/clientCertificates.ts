import { UnknownValueError } from "@pulumi/policy";
import { exclusionPathProblem } from "./exclusionPaths";

/**
 * Where one App Service app keeps its client-certificate settings. Each setting is a function so the rule reads
 * a value only when the verdict needs it: reading a value that is unknown at preview throws the engine's
 * `UnknownValueError`.
 */
export interface ClientCertificateSettings {
    /** The "client certificates enabled" flag; absent for resources that only have a mode (legacy FunctionApp). */
    enabled?: () => unknown;
    /** The client certificate mode (`Required`, `Optional`, `OptionalInteractiveUser`). */
    mode: () => unknown;
    /** The exclusion paths string; absent for resources that have none. */
    exclusionPaths?: () => unknown;
}

/** One of the three settings the rule checks. */
export type Setting = "enabled" | "mode" | "exclusionPaths";

/** A setting whose value does not comply, with the value found. */
export interface Finding {
    setting: Setting;
    /** The value as found in the resource (any type: property bags are not trusted). */
    found: unknown;
    /** For exclusion paths: the prefixes that are not allowed. */
    disallowedPaths?: string[];
}

/** The rule's verdict on one app. */
export interface Assessment {
    /** Settings that definitely do not comply. Empty means compliant, unless `unknown` is set. */
    findings: Finding[];
    /** The first setting that could not be read because its value is unknown at preview. */
    unknown?: UnknownValueError;
    /** Which settings were unknown, for messages. */
    unknownSettings: Setting[];
}

/**
 * CIS Azure 9.4: the flag is exactly `true`, the mode is `Required` (or unset where the flag exists, because
 * Azure's default mode is Required), and every exclusion path is allowed. Each setting is assessed on its own,
 * so a definite violation is found even when another setting is unknown at preview.
 */
export function assessClientCertificates(settings: ClientCertificateSettings, allowedExclusionPaths: readonly string[]): Assessment {
    const assessment: Assessment = { findings: [], unknownSettings: [] };
    const modeMayBeUnset = settings.enabled !== undefined;
    check(assessment, "enabled", settings.enabled, found => found !== true);
    check(assessment, "mode", settings.mode, found => !(found === "Required" || (modeMayBeUnset && found == null)));
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
    return value.split(/[,;]/).map(piece => piece.trim()).filter(piece => piece.length > 0);
}

/** Reads one setting and records a finding when `fails` says so; an unknown value is recorded, never passed. */
function check(assessment: Assessment, setting: Setting, read: (() => unknown) | undefined,
               fails: (found: unknown) => boolean | Partial<Finding>): void {
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
    const failure = fails(found);
    if (failure) {
        assessment.findings.push({ setting, found, ...(failure === true ? {} : failure) });
    }
}
