import { PolicyConfigSchema } from "@pulumi/policy";
import { calendarDay, DATE_FORM, Exemption } from "./exemptions";
import { show } from "./messages";
import { CLIENT_CERTIFICATE_EXEMPTIONS, REQUIRE_CLIENT_CERTIFICATES } from "./policyNames";

/** The configuration of webapp-require-client-certificates, after defaults. */
export interface ClientCertificatePolicyConfig {
    /** Exclusion path prefixes that may skip client certificates (e.g. a health probe); `/` is never allowed. */
    allowedExclusionPaths: string[];
    /** WebApp `kind` tokens (e.g. `functionapp`, `workflowapp`) whose apps the policy does not apply to. */
    excludedKinds: string[];
    /** Resources exempt from the rule. */
    exemptions: Exemption[];
}

/** The configuration of webapp-client-certificate-exemptions, after defaults. */
export interface ExemptionsPolicyConfig {
    /** An exemption ending within this many days gets a renewal warning in its notice. */
    exemptionWarningDays: number;
}

/**
 * A policy's config schema as this pack states it. The engine receives `properties` and `required` (all the
 * analyzer protocol carries) and validates config files against them at preview; `additionalProperties: false`
 * does not reach it, so the pack itself refuses unknown keys (see `readConfig`). JSON Schema validators such as
 * ajv read the whole object.
 */
export type StrictPolicyConfigSchema = PolicyConfigSchema & { type: "object"; additionalProperties: false };

/**
 * An exclusion path prefix as the allow-list takes it: one prefix (no `,` or `;` separators, no blanks), and not
 * `/` alone, which would turn client certificates off for the whole site. RE2 syntax, since the engine's
 * validator is written in Go.
 */
const EXCLUSION_PATH_PATTERN = "^(/[^,;\\s]+|[^/,;\\s][^,;\\s]*)$";

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

/** Text with something in it: blanks alone name nothing and give no reason. */
const NOT_BLANK = { type: "string", pattern: "\\S" } as const;

/** JSON schema of webapp-require-client-certificates' config; every key has a default. */
export const configSchema: StrictPolicyConfigSchema = {
    type: "object",
    additionalProperties: false,
    properties: {
        allowedExclusionPaths: {
            description: "Exclusion path prefixes that may skip client certificates, one per entry, e.g. \"/health\". " +
                "\"/\" is never allowed: it turns client certificates off for the whole site.",
            type: "array",
            items: { type: "string", pattern: EXCLUSION_PATH_PATTERN },
            default: [],
        },
        excludedKinds: {
            description: "WebApp kind tokens (e.g. \"functionapp\", \"workflowapp\") the policy does not apply to.",
            type: "array",
            items: NOT_BLANK,
            default: [],
        },
        exemptions: {
            description: "Resources exempt from the rule: logical name or URN, the reason, and an optional last day " +
                `(a calendar date written ${DATE_FORM}).`,
            type: "array",
            items: {
                type: "object",
                properties: {
                    resource: NOT_BLANK,
                    reason: NOT_BLANK,
                    expires: { type: "string", pattern: DATE_PATTERN, format: "date" },
                },
                required: ["resource", "reason"],
                additionalProperties: false,
            },
            default: [],
        },
    },
};

/** The exemption notices' renewal warning window, in days, when the config does not set one. */
export const DEFAULT_EXEMPTION_WARNING_DAYS = 30;

/** JSON schema of webapp-client-certificate-exemptions' config. */
export const exemptionsPolicyConfigSchema: StrictPolicyConfigSchema = {
    type: "object",
    additionalProperties: false,
    properties: {
        exemptionWarningDays: {
            description: "Warn in an exemption's notice when it ends within this many days.",
            type: "integer",
            minimum: 0,
            default: DEFAULT_EXEMPTION_WARNING_DAYS,
        },
    },
};

/** A policy config the pack refuses; the message lists every problem with its key path, value and fix. */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super("The policy config of azure-secure-webapp is refused, so no resource was checked:\n" +
            problems.map(problem => `- ${problem}`).join("\n"));
        this.name = "PolicyConfigError";
        // The policy server sends `stack` to the engine; a config mistake needs the problems, not a trace.
        this.stack = `${this.name}: ${this.message}`;
    }
}

/** Collects config problems, each as `<key path> is <value>: <what>. Fix: <fix>`. */
class Problems {
    readonly list: string[] = [];
    /** `prefix` starts every key path: the policy's name and a dot, or nothing at the top of the file. */
    constructor(private readonly prefix: string) {}

    add(path: string, value: unknown, what: string, fix: string): void {
        this.list.push(`${this.prefix}${path} is ${show(value)}: ${what}. Fix: ${fix}`);
    }

    /** Reports every key of `raw` that is not in `known`, suggesting the nearest known one. */
    unknownKeys(raw: Record<string, unknown>, known: string[], path: string, what: string, extra = ""): void {
        for (const key of Object.keys(raw).filter(key => !known.includes(key))) {
            const near = known.find(candidate => editDistance(candidate.toLowerCase(), key.toLowerCase()) <= 3);
            this.add(path + key, raw[key], `${what}, so it would be ignored`,
                (near ? `did you mean "${near}"? ` : "") + `The names are ${known.map(k => `"${k}"`).join(", ")}${extra}.`);
        }
    }

    throwIfAny(): void {
        if (this.list.length > 0) {
            throw new PolicyConfigError(this.list);
        }
    }
}

/**
 * webapp-require-client-certificates' config with defaults filled in. Throws a `PolicyConfigError` for anything
 * the schema refuses and for what the engine cannot check: unknown keys, `/` as an allowed exclusion path, and
 * dates that are not real calendar dates. A config is never half-applied.
 */
export function readConfig(raw: Record<string, unknown>): ClientCertificatePolicyConfig {
    const problems = new Problems(`${REQUIRE_CLIENT_CERTIFICATES}.`);
    problems.unknownKeys(raw, Object.keys(configSchema.properties), "", POLICY_KEY, ENFORCEMENT_LEVEL);
    const allowedExclusionPaths = stringList(raw, "allowedExclusionPaths", problems);
    allowedExclusionPaths.forEach((path, i) => {
        if (path.trim() !== "" && !new RegExp(EXCLUSION_PATH_PATTERN).test(path)) {
            problems.add(`allowedExclusionPaths[${i}]`, path, path.trim() === "/"
                ? "\"/\" would turn client certificates off for the whole site, so it is never allowed"
                : "not a single path prefix (separators \",\" and \";\" and blanks are not allowed)",
            "list each prefix an app may exclude as its own entry, e.g. \"/health\", and never \"/\".");
        }
    });
    const excludedKinds = stringList(raw, "excludedKinds", problems);
    const exemptions = exemptionList(raw.exemptions, problems);
    problems.throwIfAny();
    return { allowedExclusionPaths, excludedKinds: excludedKinds.map(kind => kind.trim().toLowerCase()), exemptions };
}

/** webapp-client-certificate-exemptions' config with defaults filled in; throws a `PolicyConfigError` as `readConfig` does. */
export function readExemptionsPolicyConfig(raw: Record<string, unknown>): ExemptionsPolicyConfig {
    const problems = new Problems(`${CLIENT_CERTIFICATE_EXEMPTIONS}.`);
    problems.unknownKeys(raw, Object.keys(exemptionsPolicyConfigSchema.properties), "", POLICY_KEY, ENFORCEMENT_LEVEL);
    const days = raw.exemptionWarningDays ?? DEFAULT_EXEMPTION_WARNING_DAYS;
    if (!Number.isInteger(days) || (days as number) < 0) {
        problems.add("exemptionWarningDays", days, "not a whole number of days", "give a number such as 30 (0 warns only on the last day).");
    }
    problems.throwIfAny();
    return { exemptionWarningDays: days as number };
}

const POLICY_KEY = "not a key of this policy's config";
const ENFORCEMENT_LEVEL = ` and "enforcementLevel"`;

/** How each policy of the pack reads its config; a reader throws `PolicyConfigError`. */
const configReaders: Record<string, (raw: Record<string, unknown>) => unknown> = {
    [REQUIRE_CLIENT_CERTIFICATES]: readConfig,
    [CLIENT_CERTIFICATE_EXEMPTIONS]: readExemptionsPolicyConfig,
};

/**
 * Checks a whole policy config as the engine hands it to the pack (policy name to `enforcementLevel` and config
 * properties), including what the engine lets through: names that are not policies of the pack (the
 * engine ignores them, so a misspelt name silently keeps the defaults) and every policy's own checks. `all` is
 * the engine's name for every policy at once. Throws one `PolicyConfigError` listing every problem.
 */
export function checkPackConfig(config: Record<string, Record<string, unknown>>): void {
    const problems = new Problems("");
    problems.unknownKeys(config, [...Object.keys(configReaders), "all"], "", "not a policy of azure-secure-webapp");
    const { enforcementLevel, ...allProperties } = config.all ?? {};
    for (const [key, value] of Object.entries(allProperties)) {
        problems.add(`all.${key}`, value, "\"all\" sets only the enforcement level of every policy, so this would be ignored",
            "set it under the policy it belongs to.");
    }
    const found = [...problems.list];
    for (const [policy, read] of Object.entries(configReaders)) {
        try {
            const { enforcementLevel: level, ...properties } = config[policy] ?? {};
            read(properties);
        } catch (e) {
            if (!(e instanceof PolicyConfigError)) {
                throw e;
            }
            found.push(...e.problems);
        }
    }
    if (found.length > 0) {
        throw new PolicyConfigError(found);
    }
}

function stringList(raw: Record<string, unknown>, key: string, problems: Problems): string[] {
    const value = raw[key] ?? [];
    if (!Array.isArray(value)) {
        problems.add(key, value, "not a list", `write a list of strings, e.g. ${key}: ["..."].`);
        return [];
    }
    value.forEach((item, i) => {
        if (typeof item !== "string" || item.trim() === "") {
            problems.add(`${key}[${i}]`, item, "not a non-empty string", "write each entry as a string, or remove it.");
        }
    });
    return value.filter((item): item is string => typeof item === "string");
}

function exemptionList(value: unknown, problems: Problems): Exemption[] {
    const entries = value ?? [];
    if (!Array.isArray(entries)) {
        problems.add("exemptions", entries, "not a list", "write a list of { \"resource\", \"reason\", \"expires\" } entries.");
        return [];
    }
    const entryKeys = Object.keys((configSchema.properties.exemptions.items as { properties: Record<string, unknown> }).properties);
    entries.forEach((entry: unknown, i) => {
        const path = `exemptions[${i}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.add(path, entry, "not an object", "write { \"resource\": \"<logical name or URN>\", \"reason\": \"...\", \"expires\": \"YYYY-MM-DD\" }.");
            return;
        }
        const fields = entry as Record<string, unknown>;
        problems.unknownKeys(fields, entryKeys, `${path}.`, "not a key of an exemption");
        for (const key of ["resource", "reason"]) {
            if (typeof fields[key] !== "string" || (fields[key] as string).trim() === "") {
                problems.add(`${path}.${key}`, fields[key], "missing, blank or not text", key === "resource"
                    ? "name the resource by its logical name or its full URN."
                    : "say why the resource is exempt (e.g. the review ticket); audits show it.");
            }
        }
        const expires = fields.expires;
        if (expires !== undefined && (typeof expires !== "string" || calendarDay(expires) === undefined)) {
            problems.add(`${path}.expires`, expires, `not a calendar date written ${DATE_FORM}`,
                `write the exemption's last day as ${DATE_FORM}, e.g. "2027-12-31", or leave "expires" out for no end date.`);
        }
    });
    return entries as Exemption[];
}

/** Levenshtein distance, to suggest the key a misspelt one was meant to be. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
