import { ResourceValidationArgs, ResourceValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { ClientCertificatePolicyConfig, configSchema, readConfig } from "../config";
import { ResourceFamily } from "../families/family";
import { AppVerdict, CLI_FIX, violationMessage } from "../messages";
import { REQUIRE_CLIENT_CERTIFICATES, REQUIRE_CLIENT_CERTIFICATES_LEVEL } from "../policyNames";
import { assessClientCertificates } from "../rule/clientCertificates";
import { REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION } from "../violationWording";
import { CitedExemption } from "../exemptions";
import { CheckedApp, decideScope, NOT_APP_SERVICE, ScopeDecision } from "../scope";
import { recordRuleDecision } from "./ruleConfig";

/** The resource's family and config once exemptions and kind scoping have let it through. */
interface InScope {
    family: ResourceFamily;
    apps: CheckedApp[];
    config: ClientCertificatePolicyConfig;
    expiredExemption?: CitedExemption;
}

/**
 * Decides whether the rule applies, through the same `decideScope` as the exemptions policy. Everything the rule
 * does not check is recorded with `notApplicable` and its reason, so the engine's summary lists the policy as
 * passed or failed only for App Service resources, and audits show every exemption. A config the pack refuses
 * throws, which fails the preview before any verdict.
 */
function inScope(args: ResourceValidationArgs): InScope {
    const config = readConfig(args.getConfig<Record<string, unknown>>());
    const decision = decidedAndRecorded(args, config);
    switch (decision.scope) {
        case "not-app-service":
            return args.notApplicable(NOT_APP_SERVICE);
        case "exempt": {
            const { exemption, index } = decision.exemption;
            return args.notApplicable(`exempt by exemptions[${index}]: ${exemption.reason}` +
                (exemption.expires ? ` (until ${exemption.expires})` : ""));
        }
        case "no-apps":
            return args.notApplicable(decision.reason);
        case "excluded":
            return args.notApplicable(`kind excluded by the policy config excludedKinds (${config.excludedKinds.join(", ")})`);
        case "checked":
            return { family: decision.family, apps: decision.apps, config, expiredExemption: decision.expiredExemption };
    }
}

/**
 * The scope decision, left for the exemptions policy that runs next on the same resource; a decision that needs a
 * value unknown at preview is recorded as such before the engine's unknown-value error goes on.
 */
function decidedAndRecorded(args: ResourceValidationArgs, config: ClientCertificatePolicyConfig): ScopeDecision {
    try {
        const decision = decideScope(args, config, new Date());
        recordRuleDecision(args.urn, decision);
        return decision;
    } catch (e) {
        if (e instanceof UnknownValueError) {
            recordRuleDecision(args.urn, undefined);
        }
        throw e;
    }
}

/**
 * Assesses every app. An app whose kind is unknown at preview may yet be excluded, so its findings are not definite.
 * When no app is definitely wrong but something is unknown, throws the engine's unknown-value error.
 */
function verdictsOf({ family, apps, config }: InScope): AppVerdict[] {
    const verdicts: AppVerdict[] = apps.map(({ app, unknownKind }) => ({
        location: app.location,
        propertyNames: app.propertyNames,
        assessment: assessClientCertificates(app.settings, family.defaults, config.allowedExclusionPaths),
        unknownKind: unknownKind !== undefined,
    }));
    if (!verdicts.some(v => !v.unknownKind && v.assessment.findings.length > 0)) {
        const unknown = apps.find((app, i) => app.unknownKind !== undefined && verdicts[i].assessment.findings.length > 0)?.unknownKind
            ?? verdicts.find(v => v.assessment.unknown)?.assessment.unknown;
        if (unknown) {
            throw unknown; // undecidable at preview: the engine reports it as advisory, and `pulumi up` decides
        }
    }
    return verdicts;
}

/** CIS Microsoft Azure Foundations Benchmark 9.4 on every App Service app, whatever SDK or template declares it. */
export const requireClientCertificates: ResourceValidationPolicy = {
    name: REQUIRE_CLIENT_CERTIFICATES,
    displayName: "App Service apps require incoming client certificates",
    description: REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION,
    enforcementLevel: REQUIRE_CLIENT_CERTIFICATES_LEVEL,
    severity: "high",
    framework: {
        name: "CIS Microsoft Azure Foundations Benchmark",
        version: "1.1.0-2.0.0",
        reference: "9.4",
        specification: "Ensure the web app has 'Client Certificates (Incoming client certificates)' set to 'On' " +
            "(client certificate mode Require).",
    },
    tags: ["azure", "app-service", "mutual-tls", "client-certificates", "cis", "security"],
    remediationSteps: "Use the SecureWebApp component, or set clientCertEnabled: true and clientCertMode: \"Required\" " +
        "(classic @pulumi/azure: clientCertificateEnabled and clientCertificateMode) and remove exclusion paths that " +
        `are not allowed. For an existing app: ${CLI_FIX}`,
    url: "https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth",
    configSchema,
    validateResource: (args, reportViolation) => {
        const scope = inScope(args);
        const verdicts = verdictsOf(scope);
        if (verdicts.some(v => v.assessment.findings.length > 0)) {
            reportViolation(violationMessage({
                type: args.type,
                name: args.name,
                family: scope.family,
                verdicts,
                allowedExclusionPaths: scope.config.allowedExclusionPaths,
                expiredExemption: scope.expiredExemption,
                // A URN's type part lists the parents' types: `...::secure-webapp:index:SecureWebApp$azure-native:...`.
                createdBySecureWebApp: (args.urn ?? "").includes("::secure-webapp:index:SecureWebApp$"),
            }));
        }
    },
    remediateResource: args => {
        const scope = inScope(args);
        if (scope.family.remediate === undefined) {
            return undefined;
        }
        const verdicts = verdictsOf(scope);
        return verdicts.some(v => v.assessment.findings.length > 0)
            ? scope.family.remediate(args.props, scope.config.allowedExclusionPaths)
            : undefined;
    },
};
