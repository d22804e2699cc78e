import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ClientCertificatePolicyConfig, engineConfigSchema, readConfig } from "../config";
import { App, placesOf, ResourceFamily } from "../families/family";
import { AppVerdict, CLI_FIX, violationMessage } from "../messages";
import { REQUIRE_CLIENT_CERTIFICATES, REQUIRE_CLIENT_CERTIFICATES_LEVEL } from "../policyNames";
import { Assessment, assessClientCertificates } from "../rule/clientCertificates";
import { assessRenegotiation } from "../rule/renegotiation";
import { REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION } from "../violationWording";
import { CitedExemption } from "../exemptions";
import { Applicability, CheckedApp, decideApplicability, uncheckedReason } from "../applicability";
import { currentRequest } from "../server/requestContext";
import { decideAndRecord } from "./ruleDecisionHandOff";
import { notApplicable } from "./notApplicable";

/** A resource the rule checks: its family, the apps in it and the config, once exemptions and excluded kinds have let it through. */
interface CheckedResource {
    family: ResourceFamily;
    apps: CheckedApp[];
    config: ClientCertificatePolicyConfig;
    expiredExemption?: CitedExemption;
}

/**
 * Decides whether the rule applies, through the same `decideApplicability` as the exemptions policy. Everything the rule
 * does not check is recorded with `notApplicable` and its reason, so the engine's summary lists the policy as
 * passed or failed only for App Service resources, and audits show every exemption. A config the pack refuses
 * throws, which fails the preview before any verdict.
 */
function resourceToCheck(args: ResourceValidationArgs): CheckedResource {
    const { config, applicability } = decided(args);
    if (applicability.outcome !== "checked") {
        return notApplicable(args, uncheckedReason(applicability, config.excludedKinds));
    }
    return {
        family: applicability.family,
        apps: applicability.apps,
        config,
        expiredExemption: applicability.expiredExemption,
    };
}

/**
 * Whether the rule applies. In the pack's server, the config is the run's and the decision is left for the
 * exemptions policy that runs next on the same resource; called directly, the rule reads its config from `args`.
 */
function decided(args: ResourceValidationArgs): {
    config: ClientCertificatePolicyConfig;
    applicability: Applicability;
} {
    const request = currentRequest(args);
    if (request !== undefined) {
        return { config: request.run.config.rule, applicability: decideAndRecord(args, request) };
    }
    const config = readConfig(args.getConfig<Record<string, unknown>>());
    return { config, applicability: decideApplicability(args, config, new Date()) };
}

/**
 * CIS 9.4 on one app, and whether the exclusion paths it keeps can work: they need TLS renegotiation, which HTTP/2 and
 * TLS 1.3 rule out (rule/renegotiation.ts). The config allows exclusion paths here, so this rule, at its level, is
 * the one that fails a set-up where they silently break mutual TLS.
 */
function assessed(app: App, family: ResourceFamily, allowedExclusionPaths: readonly string[]): Assessment {
    const assessment = assessClientCertificates(app.settings, family.defaults, allowedExclusionPaths);
    const combination = assessRenegotiation(
        app.settings,
        exclusionPathsPropertyOf(app, family),
        allowedExclusionPaths,
        placesOf(family, app),
        app,
    );
    if (combination.conflict !== undefined) {
        assessment.findings.push({
            setting: "exclusionPaths",
            found: combination.conflict.cause.found,
            renegotiation: combination.conflict,
        });
    }
    if (combination.unknownPaths.length > 0) {
        assessment.unknown = assessment.unknown ?? combination.unknown;
        assessment.unknownSiteSettings = combination.unknownPaths;
    }
    return assessment;
}

/** Where an app keeps its exclusion paths, as the user finds it (`clientCertExclusionPaths`, `properties.…`). */
export function exclusionPathsPropertyOf(app: App, family: ResourceFamily): string {
    return (app.propertyNames ?? family.propertyNames).exclusionPaths ?? "clientCertExclusionPaths";
}

/**
 * Assesses every app. An app whose kind is unknown at preview may yet be excluded, so its findings are not definite.
 * When no app is definitely wrong but something is unknown, throws the engine's unknown-value error.
 */
function verdictsOf({ family, apps, config }: CheckedResource): AppVerdict[] {
    const verdicts: AppVerdict[] = apps.map(({ app, unknownKind }) => ({
        location: app.location,
        propertyNames: app.propertyNames,
        assessment: assessed(app, family, config.allowedExclusionPaths),
        unknownKind: unknownKind !== undefined,
    }));
    if (!verdicts.some(v => !v.unknownKind && v.assessment.findings.length > 0)) {
        const unknown =
            apps.find((app, i) => app.unknownKind !== undefined && verdicts[i].assessment.findings.length > 0)
                ?.unknownKind ?? verdicts.find(v => v.assessment.unknown)?.assessment.unknown;
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
        specification:
            "Ensure the web app has 'Client Certificates (Incoming client certificates)' set to 'On' " +
            "(client certificate mode Require).",
    },
    tags: ["azure", "app-service", "mutual-tls", "client-certificates", "cis", "security"],
    remediationSteps:
        'Use the SecureWebApp component, or set clientCertEnabled: true and clientCertMode: "Required" ' +
        "(classic @pulumi/azure: clientCertificateEnabled and clientCertificateMode) and remove exclusion paths that " +
        "are not allowed. Exclusion paths need TLS renegotiation: keep siteConfig.http20Enabled false and " +
        `siteConfig.minTlsVersion "1.2" beside them. For an existing app: ${CLI_FIX}`,
    url: "https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth",
    configSchema: engineConfigSchema,
    validateResource: (args, reportViolation) => {
        const checked = resourceToCheck(args);
        const verdicts = verdictsOf(checked);
        if (verdicts.some(v => v.assessment.findings.length > 0)) {
            reportViolation(
                violationMessage({
                    type: args.type,
                    name: args.name,
                    family: checked.family,
                    verdicts,
                    allowedExclusionPaths: checked.config.allowedExclusionPaths,
                    expiredExemption: checked.expiredExemption,
                    // A URN's type part lists the parents' types: `...::secure-webapp:index:SecureWebApp$azure-native:...`.
                    createdBySecureWebApp: (args.urn ?? "").includes("::secure-webapp:index:SecureWebApp$"),
                }),
            );
        }
    },
    remediateResource: args => {
        const checked = resourceToCheck(args);
        if (checked.family.remediate === undefined) {
            return undefined;
        }
        const verdicts = verdictsOf(checked);
        return verdicts.some(v => v.assessment.findings.length > 0)
            ? checked.family.remediate(args.props, checked.config.allowedExclusionPaths)
            : undefined;
    },
};
