import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ClientCertificatePolicyConfig, configSchema, Exemption, readConfig } from "../config";
import { exemptionStatus } from "../exemptions";
import { App, ResourceFamily } from "../families/family";
import { familyOf } from "../families/registry";
import { AppVerdict, CLI_FIX, violationMessage } from "../messages";
import { assessClientCertificates } from "../rule/clientCertificates";

/** The resource's family and config once exemptions and kind scoping have let it through. */
interface InScope {
    family: ResourceFamily;
    apps: App[];
    config: ClientCertificatePolicyConfig;
    expiredExemption?: Exemption;
}

/**
 * Decides whether the rule applies: not for uncovered types (silently, since that is nearly every resource), not
 * for exempt resources or excluded kinds (recorded with `notApplicable`, so audits show them).
 */
function inScope(args: ResourceValidationArgs): InScope | undefined {
    const family = familyOf(args.type);
    if (family === undefined) {
        return undefined;
    }
    const config = readConfig(args.getConfig<Record<string, unknown>>());
    const exemption = exemptionStatus(config.exemptions, args.name, args.urn, new Date());
    if (exemption.state === "exempt") {
        args.notApplicable(`exempt: ${exemption.exemption.reason}` +
            (exemption.exemption.expires ? ` (until ${exemption.exemption.expires})` : ""));
    }
    const found = family.apps(args.props);
    if (found.length === 0) {
        args.notApplicable(family.noAppsReason ?? "no App Service app in the resource");
    }
    // `kind` is read only when kinds are excluded, so an unknown kind never blocks the default verdict.
    const apps = config.excludedKinds.length === 0 ? found : found.filter(app => !hasExcludedKind(app.kind(), config.excludedKinds));
    if (apps.length === 0) {
        args.notApplicable(`kind excluded by the policy config excludedKinds (${config.excludedKinds.join(", ")})`);
    }
    return { family, apps, config, expiredExemption: exemption.state === "expired" ? exemption.exemption : undefined };
}

function hasExcludedKind(kind: unknown, excludedKinds: readonly string[]): boolean {
    return typeof kind === "string" && kind.split(",").some(token => excludedKinds.includes(token.trim().toLowerCase()));
}

/** Assesses every app; throws the engine's unknown-value error when nothing is definitely wrong but something is unknown. */
function verdictsOf({ apps, config }: InScope): AppVerdict[] {
    const verdicts = apps.map(app => ({
        location: app.location,
        propertyNames: app.propertyNames,
        assessment: assessClientCertificates(app.settings, config.allowedExclusionPaths),
    }));
    if (verdicts.every(v => v.assessment.findings.length === 0)) {
        const unknown = verdicts.find(v => v.assessment.unknown)?.assessment.unknown;
        if (unknown) {
            throw unknown; // undecidable at preview: the engine reports it as advisory, and `pulumi up` decides
        }
    }
    return verdicts;
}

/** CIS Microsoft Azure Foundations Benchmark 9.4 on every App Service app, whatever SDK or template declares it. */
export const requireClientCertificates: ResourceValidationPolicy = {
    name: "webapp-require-client-certificates",
    displayName: "App Service apps require incoming client certificates",
    description: "Azure App Service apps (web, API and function apps and their slots) must require incoming client " +
        "certificates: client certificates enabled, mode Required, and only allowed exclusion paths.",
    enforcementLevel: "mandatory",
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
        if (scope === undefined) {
            return;
        }
        const verdicts = verdictsOf(scope);
        if (verdicts.some(v => v.assessment.findings.length > 0)) {
            reportViolation(violationMessage({
                type: args.type,
                name: args.name,
                family: scope.family,
                verdicts,
                allowedExclusionPaths: scope.config.allowedExclusionPaths,
                expiredExemption: scope.expiredExemption,
            }));
        }
    },
    remediateResource: args => {
        const scope = inScope(args);
        if (scope === undefined || scope.family.remediate === undefined) {
            return undefined;
        }
        const verdicts = verdictsOf(scope);
        return verdicts.some(v => v.assessment.findings.length > 0)
            ? scope.family.remediate(args.props, scope.config.allowedExclusionPaths)
            : undefined;
    },
};
