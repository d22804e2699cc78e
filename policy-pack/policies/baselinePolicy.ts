import { PolicyComplianceFramework, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { Applicability, CheckedApp, decideApplicability, uncheckedReason } from "../applicability";
import {
    assessBaseline,
    assessUndeclaredSiteWrite,
    BaselineAssessment,
    notReadReason,
    RecordedAnswer,
} from "../baseline/assess";
import { baselineViolationMessage, BaselineVerdict } from "../baseline/messages";
import { BaselineRule, CIS_BENCHMARK, settingsOf } from "../baseline/rule";
import { isNoPlace, SiteSettingId, writeAt } from "../baseline/siteSettings";
import { BaselinePolicyConfig, baselineConfigSchema, readBaselineConfig } from "../config";
import { CitedExemption } from "../exemptions";
import { azureNativeWebApp } from "../families/azureNative";
import { ResourceFamily, UndeclaredSiteWrite } from "../families/family";
import { genericResource } from "../families/genericResource";
import { readStateArmType } from "../families/readState";
import { familyOf } from "../families/registry";
import { currentRequest, Run } from "../server/requestContext";
import { ownSiteConfigOf } from "../stack/ownSiteConfig";
import { knownId } from "../stack/writtenSettings";
import { notApplicable } from "./notApplicable";
import { CLIENT_CERTIFICATE_EXEMPTIONS } from "../policyNames";

/** A resource the rule checks, once exemptions and excluded kinds have let it through. */
interface CheckedResource {
    family: ResourceFamily;
    apps: CheckedApp[];
    /** Its writes to sites it does not declare, judged wherever the site is. */
    undeclared: UndeclaredSiteWrite[];
    config: BaselinePolicyConfig;
    expiredExemption?: CitedExemption;
    /** The run of the pack's server the request belongs to; undefined for a policy called directly. */
    run?: Run;
    /** Set when the properties are Azure's recorded answer for the site, not its request ({@link recordedAnswer}). */
    answer?: RecordedAnswer;
}

/** The `framework` of a rule's policy: the benchmark, its versions, and the rule's id in each. */
export function frameworkOf(rule: BaselineRule): PolicyComplianceFramework | undefined {
    if (rule.cis.length === 0) {
        return undefined;
    }
    return {
        name: CIS_BENCHMARK,
        version: rule.cis.map(c => c.version).join(", "),
        reference: rule.cis.map(c => `${c.id} (v${c.version})`).join(", "),
        specification: [...new Set(rule.cis.map(c => c.title))].join(" / "),
    };
}

/**
 * Whether the rule applies, through the same `decideApplicability` as the client-certificate rule, with this
 * rule's own exemptions and excluded kinds. In the pack's server the apps are the ones found once for the request
 * (server/requestContext.ts) and the decision is recorded for the exemptions policy; called directly, the rule
 * reads its config from `args`.
 */
function decided(
    rule: BaselineRule,
    args: ResourceValidationArgs,
): { config: BaselinePolicyConfig; applicability: Applicability; run?: Run } {
    const request = currentRequest(args);
    if (request === undefined) {
        const config = readBaselineConfig(rule, args.getConfig<Record<string, unknown>>());
        return { config, applicability: decideApplicability(args, config, new Date()) };
    }
    const config = request.run.config.baseline[rule.name];
    try {
        const applicability = request.applicabilityOf(args, config);
        request.recordRuleDecision(args.urn, applicability, rule.name);
        return { config, applicability, run: request.run };
    } catch (e) {
        request.recordRuleDecision(args.urn, undefined, rule.name);
        throw e;
    }
}

/** How to see a site's configuration setting as Azure keeps it. */
const configShow = (setting: SiteSettingId) =>
    `az webapp config show --resource-group <RG> --name <APP> --query ${setting}`;

/**
 * Whether `args` are Azure's answer for the site rather than its request, and why that answer does not hold a
 * `siteConfig` setting the site leaves to a `config` `web` resource. A resource policy is handed such an answer only
 * from recorded state: by an audit group, which runs no stack policies, so the rule's stack part cannot judge the
 * setting, and by `pulumi policy analyze` where the state's recorded inputs are Azure's answer (read resources; it
 * hands Analyze the inputs and runs the stack policies on the outputs). At a preview or update it gets inputs, which
 * hold no id. A generic Resource's read names its ARM type in `type` and holds only what Azure returns for the site,
 * not its config; an azure-native app's outputs hold the config's values only after a refresh or an import
 * (pulumi-azure-native's `custom_webapp.go`).
 */
function recordedAnswer(family: ResourceFamily, args: ResourceValidationArgs): RecordedAnswer | undefined {
    if (family === genericResource && readStateArmType(args.props) !== "") {
        return {
            reason:
                "Azure's answer recorded for the site does not hold it (Azure keeps it on the site's " +
                'Microsoft.Web/sites/config named "web", which a read of the site does not return)',
            fix: setting => `read it with ${configShow(setting)}`,
        };
    }
    if (family === azureNativeWebApp && knownId(args)) {
        return {
            reason:
                "Azure's answer recorded for the app does not hold it (azure-native reads it from the site's config " +
                "only on a refresh or an import)",
            fix: setting =>
                `run \`pulumi refresh\` so the state holds the value Azure keeps, or read it with ${configShow(setting)}`,
        };
    }
    return undefined;
}

function resourceToCheck(rule: BaselineRule, args: ResourceValidationArgs): CheckedResource {
    const { config, applicability, run } = decided(rule, args);
    const undeclared =
        applicability.outcome === "not-app-service" || applicability.outcome === "exempt"
            ? []
            : applicability.undeclared;
    if (applicability.outcome !== "checked" && undeclared.length === 0) {
        return notApplicable(args, uncheckedReason(applicability, config.excludedKinds));
    }
    const family = applicability.outcome === "checked" ? applicability.family : familyOf(args.type)!;
    // Apps whose settings the pack does not read on their route: the notices policy names them at advisory level
    // rather than this policy passing them, or blocking every resource that holds one.
    const checkedApps = applicability.outcome === "checked" ? applicability.apps : [];
    const apps = checkedApps.filter(({ app }) => notReadReason(family, app) === undefined);
    if (apps.length === 0 && undeclared.length === 0) {
        const reason = notReadReason(family, checkedApps[0].app);
        return notApplicable(args, `${reason}; ${CLIENT_CERTIFICATE_EXEMPTIONS} names it`);
    }
    return {
        family,
        apps,
        undeclared,
        config,
        expiredExemption: "expiredExemption" in applicability ? applicability.expiredExemption : undefined,
        run,
        answer: recordedAnswer(family, args),
    };
}

/**
 * Records on the run what the request of a generic Resource, AzAPI or azure-native site says of each of the rule's
 * settings its stack part judges: that part sees the site's outputs, which after the update are Azure's answer, not
 * the request.
 */
function recordOwnSiteConfigs(rule: BaselineRule, { urn }: ResourceValidationArgs, checked: CheckedResource) {
    const { family, apps, run, answer } = checked;
    if (run === undefined || rule.stackPart === undefined || apps.length !== 1) {
        return; // such a resource declares one site
    }
    if (answer !== undefined) {
        return; // Azure's recorded answer, not the request: what it leaves unset is not what the program left unset
    }
    for (const setting of rule.settings) {
        const own = ownSiteConfigOf(family, apps[0], setting);
        if (own !== undefined) {
            run.recordOwnSiteConfig(urn, setting, own);
        }
    }
}

const failing = (a: BaselineAssessment) => a.findings.length > 0 || a.unverifiable !== undefined;

/** Every app's verdict; when nothing definitely fails and something is unknown at preview, the engine's error. */
function verdictsOf(
    rule: BaselineRule,
    { family, apps, undeclared, config, answer }: CheckedResource,
): BaselineVerdict[] {
    const judged = [
        ...apps.map(({ app, unknownKind }) => ({
            unknownKind,
            verdict: {
                location: app.location,
                assessment: assessBaseline(rule, family, app, config.options, answer),
            },
        })),
        ...undeclared.map(write => ({
            unknownKind: undefined,
            verdict: {
                location: write.location,
                undeclaredSite: true as const,
                assessment: assessUndeclaredSiteWrite(rule, write, config.options),
            },
        })),
    ];
    const verdicts: BaselineVerdict[] = judged.map(({ verdict }) => verdict);
    const definite = judged.some(
        ({ unknownKind, verdict }) => unknownKind === undefined && failing(verdict.assessment),
    );
    if (!definite) {
        const unknown =
            judged.find(({ unknownKind, verdict }) => unknownKind !== undefined && failing(verdict.assessment))
                ?.unknownKind ?? verdicts.find(v => v.assessment.unknown)?.assessment.unknown;
        if (unknown) {
            throw unknown; // undecidable at preview: the engine reports it as advisory, and `pulumi up` decides
        }
    }
    return verdicts;
}

/** One rule's policy: its checks on every App Service app, its exemptions, and remediation where the setting is on the resource. */
export function baselinePolicy(rule: BaselineRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        displayName: rule.displayName,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        framework: frameworkOf(rule),
        tags: [...rule.tags],
        remediationSteps: `Set ${settingsOf(rule)} to the value required. In the portal: ${rule.portal}. For an existing app: ${rule.cliFix}`,
        url: rule.url,
        configSchema: baselineConfigSchema(rule),
        validateResource: (args, reportViolation) => {
            const checked = resourceToCheck(rule, args);
            recordOwnSiteConfigs(rule, args, checked);
            const verdicts = verdictsOf(rule, checked);
            if (verdicts.some(v => failing(v.assessment))) {
                reportViolation(
                    baselineViolationMessage({
                        rule,
                        options: checked.config.options,
                        type: args.type,
                        name: args.name,
                        family: checked.family,
                        verdicts,
                        expiredExemption: checked.expiredExemption,
                    }),
                );
            }
        },
        remediateResource: args => {
            const checked = resourceToCheck(rule, args);
            const places = checked.family.siteSettings;
            if (places === undefined) {
                return undefined; // report-only routes (templates, generic resources, AzAPI bodies) write nowhere: no secureWrite
            }
            const verdicts = verdictsOf(rule, checked);
            // A setting the app leaves unset for its stack part to judge with the stack's web configs is written
            // too: the secure value on the app is harmless when a web config also writes it.
            const leftToStack = checked.apps.flatMap(app =>
                rule.settings.filter(setting => {
                    const own = ownSiteConfigOf(checked.family, app, setting);
                    return own !== undefined && "unset" in own;
                }),
            );
            const writes = verdicts
                .filter(v => !v.undeclaredSite) // written by another resource, which the pack does not rewrite
                .flatMap(v => v.assessment.findings)
                .map(finding => finding.setting)
                .concat(leftToStack)
                .flatMap(setting => {
                    const place = places[setting];
                    return isNoPlace(place) || place.secureWrite === undefined ? [] : [place];
                });
            if (writes.length === 0) {
                return undefined;
            }
            for (const place of writes) {
                writeAt(args.props, place.path, place.secureWrite);
            }
            return args.props;
        },
    };
}
