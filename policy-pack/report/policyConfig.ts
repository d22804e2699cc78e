// The policy config in force during the run, as the user gives it to the report (the file passed to the CLI's
// --policy-pack-config, or the config of the stack's policy group in Pulumi Cloud): its digest for the record, and
// the rule's settings read by the pack's own code, so the report explains a verdict with the same allow-list and
// exemptions the pack applied.
import { createHash } from "crypto";
import { ClientCertificatePolicyConfig, PolicyConfigError, readConfig } from "../config";
import { REQUIRE_CLIENT_CERTIFICATES_LEVEL } from "../policyNames";
import { ReportInputError } from "./inputError";
import { MAIN_POLICY } from "./packFindings";

/** A policy config file and what it sets for the rule. */
export interface PolicyConfigInForce {
    /** The file as named on the command line. */
    readonly file: string;
    /** `sha256:<hex>` of the file's bytes: the same file gives the same digest on any machine. */
    readonly digest: string;
    /** The file's JSON, as given. */
    readonly document: Record<string, unknown>;
    /** The rule's enforcement level the file sets (under the rule or `all`); absent when it keeps the pack's. */
    readonly enforcementLevel?: string;
    /** The rule's settings after the pack's defaults. */
    readonly rule: ClientCertificatePolicyConfig;
}

/** Reads a policy config file; refuses one that is not JSON or that the pack itself would refuse. */
export function readPolicyConfig(bytes: Buffer, file: string): PolicyConfigInForce {
    let document: unknown;
    try {
        document = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
        throw new ReportInputError(
            `the --policy-config file ${file} is not JSON (${(error as Error).message}): give the file ` +
                "passed to the CLI's --policy-pack-config (or the policy group's config), shaped " +
                `{"${MAIN_POLICY}": {"allowedExclusionPaths": [...], "exemptions": [...]}}.`,
        );
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        throw new ReportInputError(
            `the --policy-config file ${file} is not a JSON object of policy names, so it is no policy config.`,
        );
    }
    const record = document as Record<string, unknown>;
    const entry = record[MAIN_POLICY];
    const { enforcementLevel, ...settings } =
        typeof entry === "string" ? { enforcementLevel: entry } : isObject(entry) ? entry : {};
    let rule: ClientCertificatePolicyConfig;
    try {
        rule = readConfig(settings);
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            throw new ReportInputError(
                `the --policy-config file ${file} is one the pack refuses:\n${error.problems.map(p => `- ${p}`).join("\n")}`,
            );
        }
        throw error;
    }
    const all = record.all;
    const level =
        typeof enforcementLevel === "string"
            ? enforcementLevel
            : typeof all === "string"
              ? all
              : isObject(all) && typeof all.enforcementLevel === "string"
                ? all.enforcementLevel
                : undefined;
    return {
        file,
        digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
        document: record,
        ...(level === undefined ? {} : { enforcementLevel: level }),
        rule,
    };
}

/** The rule's settings in one line, for the report's header. */
export function describeRuleConfig(config: PolicyConfigInForce): string {
    const { allowedExclusionPaths, excludedKinds, exemptions } = config.rule;
    const list = (items: readonly string[]) =>
        items.length === 0 ? "none" : items.map(item => JSON.stringify(item)).join(", ");
    return [
        `enforcement level ${config.enforcementLevel ?? `${REQUIRE_CLIENT_CERTIFICATES_LEVEL} (the pack's default)`}`,
        `allowedExclusionPaths ${list(allowedExclusionPaths)}`,
        `excludedKinds ${list(excludedKinds)}`,
        `exemptions ${exemptions.length === 0 ? "none" : exemptions.map((e, i) => `[${i}] ${JSON.stringify(e.resource)} until ${e.expires ?? "no expiry date"}`).join(", ")}`,
    ].join("; ");
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
