import { ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionsPolicyConfigSchema } from "../config";
import { daysUntil, namesOneType } from "../exemptions";
import {
    CUSTOM_DEFINITION_LINE,
    expiryWarningLine,
    nameOnlyExemptionLine,
    noticeLine,
    NOTICES_DESCRIPTION,
} from "../notices";
import { CLIENT_CERTIFICATE_EXEMPTIONS, REQUIRE_CLIENT_CERTIFICATES } from "../policyNames";
import { NOT_APP_SERVICE } from "../applicability";
import { currentRequest } from "../server/requestContext";
import { baselineDecisionFor, ruleDecisionFor } from "./ruleDecisionHandOff";
import { BASELINE_RULES } from "../baseline/rules";
import { AnalyzedResource } from "../applicability";
import { RequestContext } from "../server/requestContext";
import { notApplicable } from "./notApplicable";

/** Why nothing is reported yet for a resource whose apps' kinds are unknown at preview. */
const KINDS_UNKNOWN =
    "not exempt; the kind of an app is not known until the update, where an excluded kind is reported";

/**
 * Makes every exemption and excluded kind visible where users look: one advisory message per exempt resource and
 * per app left out by kind, in `pulumi preview`, `pulumi policy analyze` and the JSON event stream (the engine
 * prints no not-applicable reasons); and one per custom policy definition a resource assigns, which the rule leaves
 * to the definition's own resource. An App Service resource whose apps the rule checks, every one, passes: nothing
 * lets it through. Everything else is recorded as not applicable, with the reason.
 */
export const clientCertificateExemptions: ResourceValidationPolicy = {
    name: CLIENT_CERTIFICATE_EXEMPTIONS,
    displayName: "App Service apps let through by the policy config, and custom policy definitions assigned",
    description: NOTICES_DESCRIPTION,
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["azure", "app-service", "mutual-tls", "client-certificates", "exemptions", "audit"],
    configSchema: exemptionsPolicyConfigSchema,
    validateResource: (args, reportNotice) => {
        const request = currentRequest();
        if (request === undefined) {
            // The rule's config, which decides exemptions, is the run's: only the pack's server has it.
            throw new Error(`${CLIENT_CERTIFICATE_EXEMPTIONS} runs only in the pack's server, within a request`);
        }
        const { exemptionWarningDays } = request.run.config.exemptions;
        const baselineNotices = baselineNoticesFor(args, request, exemptionWarningDays);
        baselineNotices.forEach(notice => reportNotice(notice));
        const ruled = ruleDecisionFor(args, request);
        if (ruled === undefined && baselineNotices.length > 0) {
            return;
        }
        if (ruled === undefined) {
            return notApplicable(
                args,
                `${REQUIRE_CLIENT_CERTIFICATES} did not run on this resource (disabled), so nothing is exempt from it`,
            );
        }
        const { applicability } = ruled;
        if (applicability === undefined && baselineNotices.length > 0) {
            return;
        }
        if (applicability === undefined) {
            return notApplicable(args, "not known until the update; the rule reports what it cannot check at preview");
        }
        const now = new Date();
        const subject = { type: args.type, name: args.name };
        if (applicability.outcome === "exempt") {
            const {
                exemption: { expires, reason },
                index,
            } = applicability.exemption;
            const lines = [noticeLine({ notice: "exempt", ...subject, index, expires, reason })];
            const daysLeft = expires === undefined ? undefined : daysUntil(expires, now);
            if (daysLeft !== undefined && daysLeft <= exemptionWarningDays) {
                lines.push(expiryWarningLine(daysLeft, expires!));
            }
            if (!namesOneType(applicability.exemption.exemption)) {
                lines.push(nameOnlyExemptionLine(index, args.name, args.type));
            }
            return reportNotice(lines.join("\n"));
        }
        const excluded =
            applicability.outcome === "excluded" || applicability.outcome === "checked" ? applicability.excluded : [];
        for (const { location, kind, token } of excluded) {
            const line = noticeLine({ notice: "excluded-kind", ...subject, kind, token });
            reportNotice(location === undefined ? line : `${line}\nThe app: ${location}.`);
        }
        for (const { property, definitionId } of applicability.outcome === "not-app-service"
            ? []
            : applicability.assigned) {
            reportNotice(
                `${noticeLine({ notice: "custom-definition", ...subject, property, definitionId })}\n${CUSTOM_DEFINITION_LINE}`,
            );
        }
        if (baselineNotices.length > 0) {
            return; // notices were reported: the resource is not "not applicable"
        }
        switch (applicability.outcome) {
            case "not-app-service":
                return notApplicable(args, NOT_APP_SERVICE);
            case "no-apps":
                if (applicability.assigned.length === 0) {
                    return notApplicable(args, applicability.reason);
                }
                break;
            case "checked":
                if (excluded.length === 0 && applicability.apps.some(app => app.unknownKind !== undefined)) {
                    return notApplicable(args, KINDS_UNKNOWN);
                }
        }
        // Otherwise it passes, or it holds the notices above: the rule checks the apps it holds, and nothing in the
        // config let one through unseen.
    },
};

/** The notices of the baseline rules' exemptions and excluded kinds on this resource, one per exemption or app. */
function baselineNoticesFor(
    resource: AnalyzedResource,
    request: RequestContext,
    exemptionWarningDays: number,
): string[] {
    const notices: string[] = [];
    const subject = { type: resource.type, name: resource.name };
    for (const rule of BASELINE_RULES) {
        const applicability = baselineDecisionFor(resource, request, rule)?.applicability;
        if (applicability?.outcome === "exempt") {
            const {
                exemption: { expires, reason },
                index,
            } = applicability.exemption;
            const lines = [noticeLine({ notice: "exempt", ...subject, index, expires, reason, policy: rule.name })];
            const daysLeft = expires === undefined ? undefined : daysUntil(expires, new Date());
            if (daysLeft !== undefined && daysLeft <= exemptionWarningDays) {
                lines.push(expiryWarningLine(daysLeft, expires!));
            }
            if (!namesOneType(applicability.exemption.exemption)) {
                lines.push(nameOnlyExemptionLine(index, resource.name, resource.type));
            }
            notices.push(lines.join("\n"));
        } else if (applicability?.outcome === "excluded" || applicability?.outcome === "checked") {
            for (const { location, kind, token } of applicability.excluded) {
                const line = noticeLine({ notice: "excluded-kind", ...subject, kind, token, policy: rule.name });
                notices.push(location === undefined ? line : `${line}\nThe app: ${location}.`);
            }
        }
    }
    return notices;
}
