import { ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionsPolicyConfigSchema } from "../config";
import { daysUntil, namesOneType } from "../exemptions";
import {
    CUSTOM_DEFINITION_LINE,
    expiryWarningLine,
    nameOnlyExemptionLine,
    noticeLine,
    NOT_READ_NOTICE,
    NOTICES_DESCRIPTION,
} from "../notices";
import { CLIENT_CERTIFICATE_EXEMPTIONS, REQUIRE_CLIENT_CERTIFICATES } from "../policyNames";
import { AnalyzedResource, ExcludedApp, NOT_APP_SERVICE } from "../applicability";
import { currentRequest, RequestContext } from "../server/requestContext";
import { baselineDecisionFor, ruleDecisionFor } from "./ruleDecisionHandOff";
import { BASELINE_RULES } from "../baseline/rules";
import { CitedExemption } from "../exemptions";
import { notApplicable } from "./notApplicable";
import { notReadReason } from "../baseline/assess";
import { quotedText, shownText } from "../shownText";

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
        const request = currentRequest(args);
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
            return reportNotice(exemptNotice(subject, applicability.exemption, exemptionWarningDays, now));
        }
        const excluded =
            applicability.outcome === "excluded" || applicability.outcome === "checked" ? applicability.excluded : [];
        for (const app of excluded) {
            reportNotice(excludedKindNotice(subject, app));
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

/** The resource a notice is about. */
type Subject = { type: string; name: string };

/**
 * The notice of an exemption: its line, the renewal warning when it ends within the window, and the way to name
 * this resource alone when the entry names no type. `policy` is the rule it exempts from, when not the
 * client-certificate rule.
 */
function exemptNotice(
    subject: Subject,
    { exemption, index }: CitedExemption,
    exemptionWarningDays: number,
    now: Date,
    policy?: string,
): string {
    const { expires, reason } = exemption;
    const lines = [noticeLine({ notice: "exempt", ...subject, index, expires, reason, policy })];
    const daysLeft = expires === undefined ? undefined : daysUntil(expires, now);
    if (daysLeft !== undefined && daysLeft <= exemptionWarningDays) {
        lines.push(expiryWarningLine(daysLeft, expires!));
    }
    if (!namesOneType(exemption)) {
        lines.push(nameOnlyExemptionLine(index, subject.name, subject.type));
    }
    return lines.join("\n");
}

/** The notice of an app left out by its kind, with where it sits inside the resource. */
function excludedKindNotice(subject: Subject, { location, kind, token }: ExcludedApp, policy?: string): string {
    const line = noticeLine({ notice: "excluded-kind", ...subject, kind, token, policy });
    return location === undefined ? line : `${line}\nThe app: ${location}.`;
}

/** The notices of the baseline rules' exemptions and excluded kinds on this resource, one per exemption or app. */
function baselineNoticesFor(
    resource: AnalyzedResource,
    request: RequestContext,
    exemptionWarningDays: number,
): string[] {
    const now = new Date();
    const subject = { type: resource.type, name: resource.name };
    const notRead = new Map<string, string[]>(); // the rules each reason leaves unread
    const notices = BASELINE_RULES.flatMap(rule => {
        const applicability = baselineDecisionFor(resource, request, rule)?.applicability;
        if (applicability?.outcome === "exempt") {
            return [exemptNotice(subject, applicability.exemption, exemptionWarningDays, now, rule.name)];
        }
        if (applicability?.outcome === "checked") {
            const { family } = applicability;
            for (const { app } of applicability.apps) {
                const reason = notReadReason(family, app);
                const rules = reason === undefined ? undefined : notRead.get(reason);
                if (reason !== undefined && rules?.[rules.length - 1] !== rule.name) {
                    notRead.set(reason, [...(rules ?? []), rule.name]); // each rule once per reason
                }
            }
        }
        if (applicability?.outcome === "excluded" || applicability?.outcome === "checked") {
            return applicability.excluded.map(app => excludedKindNotice(subject, app, rule.name));
        }
        return [];
    });
    return notRead.size === 0 ? notices : [notReadNotice(subject, notRead), ...notices];
}

/**
 * The notice of a resource holding App Service apps whose baseline settings the pack does not read on its route
 * (an Azure Policy definition's writes): advisory, so that a
 * resource the client-certificate rule passes is not blocked, and named, so that it is not passed unseen.
 * `policies` are the rules each reason leaves unread.
 */
function notReadNotice(subject: Subject, policies: ReadonlyMap<string, readonly string[]>): string {
    const unread = [...policies].map(([reason, names]) => `${names.join(", ")} do not check: ${reason}`);
    return (
        `${NOT_READ_NOTICE}${shownText(subject.type)} ${quotedText(subject.name)} holds App Service apps whose settings ` +
        `${unread.join("; ")}.\n` +
        "Review those settings in the template or body, or declare the apps as azure-native or classic @pulumi/azure " +
        "app resources, whose settings the pack reads."
    );
}
