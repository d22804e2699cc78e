import { PolicyConfigSchema } from "@pulumi/policy";

/** One resource the organisation has decided may skip the rule, and why. */
export interface Exemption {
    /** The resource's logical name or its full URN. */
    resource: string;
    /** Why it is exempt; shown in audit results. */
    reason: string;
    /** Last day (YYYY-MM-DD, UTC) the exemption holds; after it the rule applies again. */
    expires?: string;
}

/** The policy's configuration, after defaults. */
export interface ClientCertificatePolicyConfig {
    /** Exclusion path prefixes that may skip client certificates (e.g. a health probe); `/` is never allowed. */
    allowedExclusionPaths: string[];
    /** WebApp `kind` tokens (e.g. `functionapp`, `workflowapp`) whose apps the policy does not apply to. */
    excludedKinds: string[];
    /** Resources exempt from the rule. */
    exemptions: Exemption[];
}

/** JSON schema the engine validates a `--policy-pack-config` file against; every key has a default. */
export const configSchema: PolicyConfigSchema = {
    properties: {
        allowedExclusionPaths: {
            description: "Exclusion path prefixes that may skip client certificates, e.g. \"/health\". \"/\" is never allowed.",
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [],
        },
        excludedKinds: {
            description: "WebApp kind tokens (e.g. \"functionapp\", \"workflowapp\") the policy does not apply to.",
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [],
        },
        exemptions: {
            description: "Resources exempt from the rule: logical name or URN, the reason, and an optional last day (YYYY-MM-DD).",
            type: "array",
            items: {
                type: "object",
                properties: {
                    resource: { type: "string", minLength: 1 },
                    reason: { type: "string", minLength: 1 },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}" },
                },
                required: ["resource", "reason"],
                additionalProperties: false,
            },
            default: [],
        },
    },
};

/**
 * The config with defaults filled in. Entries of the wrong shape are dropped, which only ever makes the policy
 * stricter (the engine has already rejected files that do not match the schema).
 */
export function readConfig(raw: Record<string, unknown>): ClientCertificatePolicyConfig {
    return {
        allowedExclusionPaths: stringsIn(raw.allowedExclusionPaths),
        excludedKinds: stringsIn(raw.excludedKinds).map(kind => kind.trim().toLowerCase()),
        exemptions: Array.isArray(raw.exemptions) ? raw.exemptions.filter(isExemption) : [],
    };
}

function stringsIn(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string" && item.length > 0) : [];
}

function isExemption(value: unknown): value is Exemption {
    const entry = value as Partial<Exemption> | null;
    return typeof entry === "object" && entry !== null && typeof entry.resource === "string"
        && typeof entry.reason === "string" && (entry.expires === undefined || typeof entry.expires === "string");
}
