// What a baseline rule is: one App Service setting (or a pair) with its secure value, the CIS recommendations that
// ask for it per benchmark version, and the wording users see. Each rule is one module in rules/, the one home of
// its facts; policies/baselinePolicy.ts makes one policy of each.
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { App, ResourceFamily } from "../families/family";
import { SiteSettingId } from "./siteSettings";

/** A benchmark version's recommendation: the same control is numbered differently in each version. */
export interface CisReference {
    /** The version of the CIS Microsoft Azure Foundations Benchmark. */
    readonly version: "2.0.0" | "2.1.0" | "3.0.0";
    readonly id: string;
    readonly title: string;
    readonly profile: "Level 1" | "Level 2";
}

/** A rule's options beyond exemptions and excluded kinds, each a boolean with its default. */
export type RuleOptions = Readonly<Record<string, { readonly description: string; readonly default: boolean }>>;

/** The option values a rule is configured with. */
export type RuleOptionValues = Readonly<Record<string, boolean>>;

export interface BaselineRule {
    /** The policy's name, which config files, messages and reports use. */
    readonly name: string;
    /** A short title for messages and reports: `HTTPS only`. */
    readonly title: string;
    readonly displayName: string;
    /** What the policy requires, as the engine prints it before each message. */
    readonly description: string;
    /** The settings it reads, each judged on its own (unless {@link settingsAreAlternatives}). */
    readonly settings: readonly SiteSettingId[];
    /**
     * Set when the settings are two ways to set the same thing (two APIs over one switch): the rule holds when any
     * one of them complies.
     */
    readonly settingsAreAlternatives?: true;
    /**
     * The stack policy that judges the rule's settings where azure-native writes them with resources of their own
     * (policies/*InStack.ts); it shares the rule's config, and its violations are the rule's in reports.
     */
    readonly stackPart?: string;
    /** Empty for a rule that is not a CIS recommendation. */
    readonly cis: readonly CisReference[];
    readonly severity: "low" | "medium" | "high" | "critical";
    /** The enforcement level when the config sets none. */
    readonly enforcementLevel: EnforcementLevel;
    readonly options?: RuleOptions;
    /** Whether a value of one of its settings complies; the value is the setting's own (azure-native) value. */
    complies(setting: SiteSettingId, value: unknown, options: RuleOptionValues): boolean;
    /** The value required, in API words. */
    required(setting: SiteSettingId, options: RuleOptionValues): string;
    /**
     * Whether the rule does not ask for its value on this app, because another setting of the app rules that value
     * out (HTTP/2 under mutual TLS that renegotiates): an app that does not meet the rule then passes it. May throw
     * the engine's unknown-value error, when what decides it is unknown at preview.
     */
    notAsked?(app: App, family: ResourceFamily): boolean;
    /** Where the portal shows the setting, and the secure choice there. */
    readonly portal: string;
    /** The fix for an app that already exists (Azure CLI). */
    readonly cliFix: string;
    /** Microsoft's guide to the setting. */
    readonly url: string;
    readonly tags: readonly string[];
}

/** The benchmark's name, as policies' `framework` and reports give it. */
export const CIS_BENCHMARK = "CIS Microsoft Azure Foundations Benchmark";

/** A rule's CIS ids per version, for one-line contexts: `9.2 (v2.0.0, v2.1.0), 9.1 (v3.0.0)`. */
export function cisIds(rule: Pick<BaselineRule, "cis">): string {
    const byId = new Map<string, string[]>();
    for (const { id, version } of rule.cis) {
        byId.set(id, [...(byId.get(id) ?? []), `v${version}`]);
    }
    return [...byId].map(([id, versions]) => `${id} (${versions.join(", ")})`).join(", ");
}

/** A rule's settings for one-line contexts: `httpsOnly`, `minTlsVersion and scmMinTlsVersion`, `a or b` for alternatives. */
export function settingsOf(rule: Pick<BaselineRule, "settings" | "settingsAreAlternatives">): string {
    return rule.settings.join(rule.settingsAreAlternatives ? " or " : " and ");
}

/** The options a rule is configured with when the config sets none. */
export function defaultOptions(rule: Pick<BaselineRule, "options">): RuleOptionValues {
    return Object.fromEntries(Object.entries(rule.options ?? {}).map(([key, option]) => [key, option.default]));
}

/** The schema of a rule's own options, for its config schema. */
export function optionsSchema(rule: Pick<BaselineRule, "options">): PolicyConfigSchema["properties"] {
    return Object.fromEntries(
        Object.entries(rule.options ?? {}).map(([key, option]) => [
            key,
            { description: option.description, type: "boolean", default: option.default },
        ]),
    );
}
