import { PolicyConfigSchema } from "@pulumi/policy";
import { calendarDay, DATE_FORM, Exemption, isUrn } from "./exemptions";
import { coveredTypeOf, coveredTypes } from "./families/coveredTypes";
import { show } from "./messages";
import { shownText } from "./shownText";
import { CLIENT_CERTIFICATE_EXEMPTIONS, RENEGOTIATION_IN_STACK, REQUIRE_CLIENT_CERTIFICATES } from "./policyNames";
import { EXCLUSION_PATH_PATTERN, exclusionPathProblem } from "./rule/exclusionPaths";
import { BaselineRule, defaultOptions, optionsSchema, RuleOptionValues } from "./baseline/rule";
import { BASELINE_RULES } from "./baseline/rules";

/** The configuration of webapp-require-client-certificates, after defaults. */
export interface ClientCertificatePolicyConfig {
    /** Exclusion path prefixes that may skip client certificates (e.g. a health probe); `/` is never allowed. */
    allowedExclusionPaths: string[];
    /** WebApp `kind` tokens (e.g. `functionapp`, `workflowapp`) whose apps the policy does not apply to. */
    excludedKinds: string[];
    /** Resources exempt from the rule. */
    exemptions: Exemption[];
}

/** The configuration of one baseline rule's policy (baseline/rules/), after defaults. */
export interface BaselinePolicyConfig {
    /** WebApp `kind` tokens whose apps the policy does not apply to. */
    excludedKinds: string[];
    /** Resources exempt from the rule. */
    exemptions: Exemption[];
    /** The rule's own options (`allowFtpsOnly`). */
    options: RuleOptionValues;
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
 * One `kind` token: the rule splits an app's `kind` at commas and compares each piece with the entries, so an entry
 * is printable ASCII without `,` or blanks. Patterns here are written so that RE2 (the engine's validator is
 * written in Go) and JavaScript read them the same.
 */
const KIND_TOKEN_PATTERN = "^[\\x21-\\x2B\\x2D-\\x7E]+$";

/** A Pulumi type token, `<package>:<module>:<type>`, e.g. `azure-native:web:WebApp`. */
const TYPE_TOKEN_PATTERN = "^[\\x21-\\x39\\x3B-\\x7E]+:[\\x21-\\x39\\x3B-\\x7E]+:[\\x21-\\x39\\x3B-\\x7E]+$";

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

/** Text with something in it: blanks alone name nothing and give no reason. */
const NOT_BLANK = { type: "string", pattern: "\\S" } as const;

/** JSON schema of webapp-require-client-certificates' config; every key has a default. */
export const configSchema: StrictPolicyConfigSchema = {
    type: "object",
    additionalProperties: false,
    properties: {
        allowedExclusionPaths: {
            description:
                'Exclusion path prefixes that may skip client certificates, one per entry, e.g. "/health": ' +
                'normalised, printable ASCII, without wildcards, percent-encoding or backslashes. "/" and what amounts ' +
                "to it are never allowed: they turn client certificates off for the whole site.",
            type: "array",
            items: { type: "string", pattern: EXCLUSION_PATH_PATTERN },
            default: [],
        },
        excludedKinds: {
            description:
                'WebApp kind tokens (e.g. "functionapp", "workflowapp") the policy does not apply to, one ' +
                "token per entry. The program declares its kind, so an excluded kind trusts the program's word.",
            type: "array",
            items: { type: "string", pattern: KIND_TOKEN_PATTERN },
            default: [],
        },
        exemptions: {
            description:
                "Resources exempt from the rule: a logical name with its type token (a name alone matches every " +
                "checked resource of that name, of any type), or a URN; the reason; and an optional last day " +
                `(a calendar date written ${DATE_FORM}).`,
            type: "array",
            items: {
                type: "object",
                properties: {
                    resource: NOT_BLANK,
                    type: { type: "string", pattern: TYPE_TOKEN_PATTERN },
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

/**
 * configSchema as the pack gives it to the engine: the same, but an `allowedExclusionPaths` entry is any string.
 * The engine's refusal of a pattern prints the whole expression (some 300 characters) and not the value; without
 * it the entry reaches the pack's own check at Configure (server/configGuard.ts), which refuses it naming the
 * value, why and the fix. configSchema keeps the pattern, for editors and validators that read the whole schema.
 */
export const engineConfigSchema: StrictPolicyConfigSchema = {
    ...configSchema,
    properties: {
        ...configSchema.properties,
        allowedExclusionPaths: { ...configSchema.properties.allowedExclusionPaths, items: { type: "string" } },
    },
};

/** JSON schema of a baseline rule's config: excluded kinds and exemptions as for the client-certificate rule, and its options. */
export function baselineConfigSchema(rule: Pick<BaselineRule, "options">): StrictPolicyConfigSchema {
    return {
        type: "object",
        additionalProperties: false,
        properties: {
            excludedKinds: configSchema.properties.excludedKinds,
            exemptions: configSchema.properties.exemptions,
            ...optionsSchema(rule),
        },
    };
}

/** JSON schema of a policy that takes only an enforcement level (the basic-auth rule's stack part, which shares its config). */
export const ENFORCEMENT_LEVEL_ONLY_SCHEMA: StrictPolicyConfigSchema = {
    type: "object",
    additionalProperties: false,
    properties: {},
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

/** Characters of problems a refused config's message lists before it counts the rest (one problem is under 2 kB). */
const MAX_PROBLEMS_LENGTH = 5000;

/** A policy config the pack refuses; the message lists its first problems with their key path, value and fix. */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        // The first problems, then a count: the engine shows the whole message, however many entries are wrong.
        const listed: string[] = [];
        let length = 0;
        for (const problem of problems) {
            length += problem.length + 3;
            if (listed.length > 0 && length > MAX_PROBLEMS_LENGTH) {
                break;
            }
            listed.push(problem);
        }
        const more = problems.length - listed.length;
        super(
            "The policy config of azure-secure-webapp is refused, so no resource was checked:\n" +
                listed.map(problem => `- ${problem}`).join("\n") +
                (more > 0 ? `\n- and ${more.toLocaleString("en-US")} more ${more === 1 ? "problem" : "problems"}` : ""),
        );
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
        this.list.push(`${this.prefix}${shownText(path)} is ${show(value)}: ${what}. Fix: ${fix}`);
    }

    /** Reports every key of `raw` that is not in `known`, suggesting the nearest known one. */
    unknownKeys(raw: Record<string, unknown>, known: string[], path: string, what: string, extra = ""): void {
        for (const key of Object.keys(raw).filter(key => !known.includes(key))) {
            const near = nearest(key, known);
            this.add(
                path + key,
                raw[key],
                `${what}, so it would be ignored`,
                (near ? `did you mean "${near}"? ` : "") +
                    `The names are ${known.map(k => `"${k}"`).join(", ")}${extra}.`,
            );
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
 * the schema refuses and for what the engine cannot check: unknown keys, dates that are not real calendar dates,
 * and exemption types the rule does not check. A config is never half-applied.
 */
export function readConfig(raw: Record<string, unknown>): ClientCertificatePolicyConfig {
    const problems = new Problems(`${REQUIRE_CLIENT_CERTIFICATES}.`);
    problems.unknownKeys(raw, Object.keys(configSchema.properties), "", POLICY_KEY, ENFORCEMENT_LEVEL);
    const allowedExclusionPaths = stringList(raw, "allowedExclusionPaths", problems);
    allowedExclusionPaths.forEach((path, i) => {
        const problem = path.trim() === "" ? undefined : exclusionPathProblem(path);
        if (problem) {
            problems.add(`allowedExclusionPaths[${i}]`, path, problem.required, `${problem.fix}.`);
        }
    });
    const excludedKinds = kindList(raw, problems);
    const exemptions = exemptionList(raw.exemptions, problems);
    problems.throwIfAny();
    return { allowedExclusionPaths, excludedKinds, exemptions };
}

/** The `excludedKinds` entries, in lower case, each checked to be one kind token. */
function kindList(raw: Record<string, unknown>, problems: Problems): string[] {
    const excludedKinds = stringList(raw, "excludedKinds", problems);
    excludedKinds.forEach((kind, i) => {
        const problem = kind.trim() === "" ? undefined : kindTokenProblem(kind);
        if (problem) {
            problems.add(`excludedKinds[${i}]`, kind, problem.what, problem.fix);
        }
    });
    return excludedKinds.map(kind => kind.toLowerCase());
}

/** A baseline rule's config with defaults filled in; throws a `PolicyConfigError` as `readConfig` does. */
export function readBaselineConfig(rule: BaselineRule, raw: Record<string, unknown>): BaselinePolicyConfig {
    const problems = new Problems(`${rule.name}.`);
    problems.unknownKeys(raw, Object.keys(baselineConfigSchema(rule).properties), "", POLICY_KEY, ENFORCEMENT_LEVEL);
    const excludedKinds = kindList(raw, problems);
    const exemptions = exemptionList(raw.exemptions, problems);
    const options: Record<string, boolean> = { ...defaultOptions(rule) };
    for (const key of Object.keys(rule.options ?? {})) {
        const value = raw[key];
        if (value === undefined) {
            continue;
        }
        if (typeof value !== "boolean") {
            problems.add(key, value, "not true or false", `write ${key}: true or ${key}: false.`);
        } else {
            options[key] = value;
        }
    }
    problems.throwIfAny();
    return { excludedKinds, exemptions, options };
}

/** webapp-client-certificate-exemptions' config with defaults filled in; throws a `PolicyConfigError` as `readConfig` does. */
export function readExemptionsPolicyConfig(raw: Record<string, unknown>): ExemptionsPolicyConfig {
    const problems = new Problems(`${CLIENT_CERTIFICATE_EXEMPTIONS}.`);
    problems.unknownKeys(raw, Object.keys(exemptionsPolicyConfigSchema.properties), "", POLICY_KEY, ENFORCEMENT_LEVEL);
    const days = raw.exemptionWarningDays ?? DEFAULT_EXEMPTION_WARNING_DAYS;
    if (!Number.isInteger(days) || (days as number) < 0) {
        problems.add(
            "exemptionWarningDays",
            days,
            "not a whole number of days",
            "give a number such as 30 (0 warns only on the last day).",
        );
    }
    problems.throwIfAny();
    return { exemptionWarningDays: days as number };
}

const POLICY_KEY = "not a key of this policy's config";
const ENFORCEMENT_LEVEL = ` and "enforcementLevel"`;

/** The pack's config as checked at Configure: each policy's, with defaults filled in, and whether the rule runs. */
export interface PackConfig {
    rule: ClientCertificatePolicyConfig;
    exemptions: ExemptionsPolicyConfig;
    /** The engine skips a disabled policy: the exemptions policy then finds no decision of the rule to report on. */
    ruleDisabled: boolean;
    /** Each baseline rule's config, by policy name. */
    baseline: Record<string, BaselinePolicyConfig>;
    /** The baseline rules' policies that do not run (disabled by the config, or off by default and not turned on). */
    disabledBaseline: string[];
    /** Whether the config sets any policy's level (or every policy's, `all`) to remediate: no policy's default is. */
    remediation: boolean;
}

/**
 * Checks a whole policy config as the engine hands it to the pack (policy name to `enforcementLevel` and config
 * properties), including what the engine lets through: names that are not policies of the pack (the
 * engine ignores them, so a misspelt name silently keeps the defaults) and every policy's own checks. `all` is
 * the engine's name for every policy at once. Throws one `PolicyConfigError` listing every problem.
 */
export function checkPackConfig(config: Record<string, Record<string, unknown>>): PackConfig {
    const problems = new Problems("");
    const policies = [
        REQUIRE_CLIENT_CERTIFICATES,
        CLIENT_CERTIFICATE_EXEMPTIONS,
        ...BASELINE_RULES.map(r => r.name),
        RENEGOTIATION_IN_STACK,
        ...BASELINE_RULES.flatMap(r => r.stackPart ?? []),
    ];
    problems.unknownKeys(config, [...policies, "all"], "", "not a policy of azure-secure-webapp");
    const { enforcementLevel, ...allProperties } = config.all ?? {};
    for (const [key, value] of Object.entries(allProperties)) {
        problems.add(
            `all.${key}`,
            value,
            '"all" sets only the enforcement level of every policy, so this would be ignored',
            "set it under the policy it belongs to.",
        );
    }
    const found = [...problems.list];
    const read = <Config>(policy: string, reader: (raw: Record<string, unknown>) => Config): Config | undefined => {
        try {
            const { enforcementLevel: level, ...properties } = config[policy] ?? {};
            return reader(properties);
        } catch (e) {
            if (!(e instanceof PolicyConfigError)) {
                throw e;
            }
            found.push(...e.problems);
            return undefined;
        }
    };
    const rule = read(REQUIRE_CLIENT_CERTIFICATES, readConfig);
    const exemptions = read(CLIENT_CERTIFICATE_EXEMPTIONS, readExemptionsPolicyConfig);
    const baseline: Record<string, BaselinePolicyConfig> = {};
    for (const baselineRule of BASELINE_RULES) {
        const ruleConfig = read(baselineRule.name, raw => readBaselineConfig(baselineRule, raw));
        if (ruleConfig !== undefined) {
            baseline[baselineRule.name] = ruleConfig;
        }
    }
    read(RENEGOTIATION_IN_STACK, raw =>
        readSharedConfigPolicy(RENEGOTIATION_IN_STACK, REQUIRE_CLIENT_CERTIFICATES, raw),
    );
    for (const baselineRule of BASELINE_RULES) {
        if (baselineRule.stackPart !== undefined) {
            read(baselineRule.stackPart, raw =>
                readSharedConfigPolicy(baselineRule.stackPart!, baselineRule.name, raw),
            );
        }
    }
    if (found.length > 0) {
        throw new PolicyConfigError(found);
    }
    // The policy's own level wins over "all", and the policy's default applies when neither is set.
    const levelOf = (policy: string, byDefault: string): unknown =>
        config[policy]?.enforcementLevel ?? config.all?.enforcementLevel ?? byDefault;
    return {
        rule: rule!,
        exemptions: exemptions!,
        ruleDisabled: config[REQUIRE_CLIENT_CERTIFICATES]?.enforcementLevel === "disabled",
        baseline,
        disabledBaseline: BASELINE_RULES.filter(r => levelOf(r.name, r.enforcementLevel) === "disabled").map(
            r => r.name,
        ),
        remediation: Object.values(config).some(policy => policy?.enforcementLevel === "remediate"),
    };
}

/**
 * A rule's stack part shares the rule's config (policies/basicAuthPublishingInStack.ts, authenticationInStack.ts): it
 * takes only an enforcement level, and refuses anything else, saying where it belongs.
 */
function readSharedConfigPolicy(policy: string, rule: string, raw: Record<string, unknown>): void {
    const problems = new Problems(`${policy}.`);
    for (const [key, value] of Object.entries(raw)) {
        problems.add(
            key,
            value,
            "not a key of this policy's config, so it would be ignored",
            `this policy takes only "enforcementLevel"; its exemptions and excludedKinds are those of "${rule}", which it shares.`,
        );
    }
    problems.throwIfAny();
}

/** Why an `excludedKinds` entry can never match a kind token, and the fix; undefined for a token. */
function kindTokenProblem(kind: string): { what: string; fix: string } | undefined {
    if (new RegExp(KIND_TOKEN_PATTERN).test(kind)) {
        return undefined;
    }
    const eachToken =
        'list each kind token as its own entry, e.g. "functionapp"; mind that an entry excludes every app ' +
        'whose kind has that token, so "linux" alone would exclude every Linux app.';
    if (kind.includes(",")) {
        return {
            what: 'an app\'s kind is split at "," and each entry is compared with one token, so an entry with "," never matches',
            fix: eachToken,
        };
    }
    const token = kind.trim();
    if (new RegExp(KIND_TOKEN_PATTERN).test(token)) {
        return { what: "blanks around a kind token are not part of it", fix: `write it as ${show(token)}.` };
    }
    return {
        what: 'a kind token is printable ASCII without blanks, such as "functionapp" or "linux", so this entry never matches',
        fix: eachToken,
    };
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
        problems.add(
            "exemptions",
            entries,
            "not a list",
            'write a list of { "resource", "type", "reason", "expires" } entries.',
        );
        return [];
    }
    const entryKeys = Object.keys(
        (configSchema.properties.exemptions.items as { properties: Record<string, unknown> }).properties,
    );
    entries.forEach((entry: unknown, i) => {
        const path = `exemptions[${i}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.add(
                path,
                entry,
                "not an object",
                'write { "resource": "<logical name>", "type": "<type token>", "reason": "...", "expires": "YYYY-MM-DD" }.',
            );
            return;
        }
        const fields = entry as Record<string, unknown>;
        problems.unknownKeys(fields, entryKeys, `${path}.`, "not a key of an exemption");
        for (const key of ["resource", "reason"]) {
            if (typeof fields[key] !== "string" || (fields[key] as string).trim() === "") {
                problems.add(
                    `${path}.${key}`,
                    fields[key],
                    "missing, blank or not text",
                    key === "resource"
                        ? 'name the resource by its logical name (with "type", its type token) or by its full URN.'
                        : "say why the resource is exempt (e.g. the review ticket); audits show it.",
                );
            }
        }
        const type = fields.type;
        if (type !== undefined && (typeof type !== "string" || coveredTypeOf(type) === undefined)) {
            const near = typeof type === "string" ? nearest(type, coveredTypes) : undefined;
            problems.add(
                `${path}.type`,
                type,
                "not a type the rule checks, so the exemption would never apply",
                (near ? `did you mean "${near}"? ` : "") +
                    'Write the type token the preview shows for the resource, e.g. "azure-native:web:WebApp".',
            );
        } else if (type !== undefined && typeof fields.resource === "string" && isUrn(fields.resource)) {
            problems.add(
                `${path}.type`,
                type,
                'a URN in "resource" names the resource\'s type already',
                'remove "type", or give the resource\'s logical name in "resource".',
            );
        }
        const expires = fields.expires;
        if (expires !== undefined && (typeof expires !== "string" || calendarDay(expires) === undefined)) {
            problems.add(
                `${path}.expires`,
                expires,
                `not a calendar date written ${DATE_FORM}`,
                `write the exemption's last day as ${DATE_FORM}, e.g. "2027-12-31", or leave "expires" out for no end date.`,
            );
        }
    });
    return entries as Exemption[];
}

/** The first of `candidates` within three edits of `word` (ignoring case): what a misspelt name was meant to be. */
function nearest(word: string, candidates: readonly string[]): string | undefined {
    // Names further apart in length are further apart in edits, and skipping them bounds the cost of long values.
    return candidates.find(
        candidate =>
            Math.abs(candidate.length - word.length) <= 3 &&
            editDistance(candidate.toLowerCase(), word.toLowerCase()) <= 3,
    );
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}
