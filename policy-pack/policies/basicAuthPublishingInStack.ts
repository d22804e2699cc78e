// The cross-resource part of webapp-basic-auth-publishing-disabled. An azure-native app has no basic-auth argument:
// its `ftp` and `scm` publishing-credentials policies are resources of their own (`web:WebAppFtpAllowed`,
// `web:WebAppScmAllowed`, and `...Slot` for slots; the list is azure-native's, checked against its SDK by
// test/policy-pack/basicAuthInStack.test.ts), and Azure leaves both allowed when nothing sets them. A resource policy
// sees one resource; this stack policy sees the whole stack, so it judges the value each app ends up with: an
// explicit `allow` other than false fails wherever it is, and an app fails unless a resource of the same stack sets
// `allow: false` for it. Exemptions and excluded kinds are the rule's own (its config). Which app a policy resource
// writes for is read from what the engine gives a stack policy, the resources' outputs (stack/siteAddress.ts): at
// preview a name unknown there leaves an app to the update only while a policy that disallows basic auth could still
// be its own.
import { StackValidationPolicy, PolicyResource } from "@pulumi/policy";
import { Unverifiable } from "../arm/values";
import { addressOf, read, shownAddress } from "../stack/siteAddress";
import {
    appVerdict,
    requestWrites,
    SettingWrite,
    stackApps,
    stackPolicyConfig,
    WriteIndex,
    writtenValueFinding,
} from "../stack/writtenSettings";
import { basicPublishingCredentialsRule as rule } from "../baseline/rules/basicPublishingCredentials";
import { ruleHeadline } from "../baseline/messages";
import { ENFORCEMENT_LEVEL_ONLY_SCHEMA } from "../config";
import { exemptionStatus } from "../exemptions";
import { unversionedToken } from "../families/coveredTypes";
import { show } from "../messages";
import { BASIC_AUTH_IN_STACK } from "../policyNames";
import { quotedText } from "../shownText";
import { findingLine, unknownSettingFinding } from "../violationWording";
import { frameworkOf } from "./baselinePolicy";

type Publishing = "ftp" | "scm";

/** azure-native's publishing-credentials policy types (any API version): which policy each writes, and for a slot or not. */
const PUBLISHING_TYPES: Readonly<Record<string, { publishing: Publishing; slot: boolean }>> = {
    "azure-native:web:WebAppFtpAllowed": { publishing: "ftp", slot: false },
    "azure-native:web:WebAppScmAllowed": { publishing: "scm", slot: false },
    "azure-native:web:WebAppFtpAllowedSlot": { publishing: "ftp", slot: true },
    "azure-native:web:WebAppScmAllowedSlot": { publishing: "scm", slot: true },
};

/** The publishing types by what they write, for messages. */
const TYPE_OF: Readonly<Record<Publishing, { app: string; slot: string }>> = {
    ftp: { app: "azure-native:web:WebAppFtpAllowed", slot: "azure-native:web:WebAppFtpAllowedSlot" },
    scm: { app: "azure-native:web:WebAppScmAllowed", slot: "azure-native:web:WebAppScmAllowedSlot" },
};

interface PublishingWrite extends SettingWrite {
    publishing: Publishing;
    slot: boolean;
    /** Where a generic Resource's or AzAPI resource's request sets it, as the user finds it. */
    path?: string;
}

/** The property a write sets, for messages: azure-native's `allow`, a value that cannot be verified at its path. */
const explicitPath = (write: PublishingWrite) =>
    "value" in write.value && write.value.value instanceof Unverifiable ? (write.path ?? "allow") : "allow";

/** A publishing-credentials policy declared by its ARM type, for a generic Resource or AzAPI site's messages. */
const requestChild = (publishing: Publishing, slot: boolean) =>
    `a Microsoft.Web/sites${slot ? "/slots" : ""}/basicPublishingCredentialsPolicies named "${publishing}" (generic Resource or AzAPI)`;

/** Where a publishing-credentials policy's request sets it, by the policy's name. */
const REQUEST_PATHS = { ftp: "properties.allow", scm: "properties.allow" };

/** The Azure child collection that holds the publishing-credentials policies of a site or slot. */
const POLICIES = "basicPublishingCredentialsPolicies";

export const basicAuthPublishingInStack: StackValidationPolicy = {
    name: BASIC_AUTH_IN_STACK,
    displayName:
        "App Service apps declared through azure-native or AzAPI have basic-auth publishing turned off by the stack's resources",
    description:
        "Each App Service app and slot declared by azure-native's web:WebApp or web:WebAppSlot, or by a generic " +
        "resources:Resource or an AzAPI resource of type Microsoft.Web/sites or Microsoft.Web/sites/slots, must have its " +
        "ftp and scm publishing-credentials policies set to allow: false by resources of the same stack " +
        "(web:WebAppFtpAllowed, web:WebAppScmAllowed and their slot types, or a generic Resource or AzAPI resource of type " +
        "Microsoft.Web/sites/basicPublishingCredentialsPolicies or its slots counterpart), and no web:WebAppFtpAllowed, " +
        "web:WebAppScmAllowed or slot type may allow basic authentication.",
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    framework: frameworkOf(rule),
    tags: [...rule.tags, "stack"],
    remediationSteps:
        "For each azure-native WebApp (WebAppSlot), declare a web:WebAppFtpAllowed and a web:WebAppScmAllowed " +
        "(WebAppFtpAllowedSlot, WebAppScmAllowedSlot) with the app's resourceGroupName and name (and slot), and allow: false. " +
        "For a site declared by a generic Resource or AzAPI, these or a Microsoft.Web/sites/basicPublishingCredentialsPolicies " +
        '(sites/slots/...) named "ftp" and one named "scm", each with properties.allow false. ' +
        `For an existing app: ${rule.cliFix}`,
    url: rule.url,
    configSchema: ENFORCEMENT_LEVEL_ONLY_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = stackPolicyConfig(rule, () => args.getConfig<Record<string, unknown>>());
        const now = new Date();
        const exempt = (resource: PolicyResource) =>
            exemptionStatus(config.exemptions, resource.name, resource.urn, now).state === "exempt";
        const writes: PublishingWrite[] = [];
        for (const resource of args.resources) {
            const typed = PUBLISHING_TYPES[unversionedToken(resource.type)];
            if (typed !== undefined) {
                const address = addressOf(resource, typed.slot, POLICIES);
                // Which policy a deployed resource writes is the last segment of its id; the type says it before.
                const publishing =
                    address.child === "ftp" || address.child === "scm" ? address.child : typed.publishing;
                const value = read(() => resource.props.allow as unknown);
                writes.push({ resource, address, value, publishing, slot: typed.slot });
            }
        }
        const { apps, unknown } = stackApps(args.resources, config, now);
        let firstUnknown = unknown;
        // An explicit write that allows basic authentication fails wherever it is, whichever app it names.
        for (const write of writes) {
            if (exempt(write.resource)) {
                continue;
            }
            if ("unknown" in write.value) {
                firstUnknown ??= write.value.unknown;
            } else if (write.value.value !== false) {
                reportViolation(
                    `${ruleHeadline(rule, write.resource.type, write.resource.name)}\n` +
                        findingLine(`allow is ${show(write.value.value)}; required: false.`, false) +
                        `\nFix: set allow: false. In the portal: ${rule.portal}.`,
                    write.resource.urn,
                );
            }
        }
        // A generic Resource's or AzAPI resource's policy is matched as the typed ones are, its value judged on the
        // app it is for.
        for (const write of requestWrites(args.resources, POLICIES.toLowerCase(), REQUEST_PATHS)) {
            writes.push({ ...write, publishing: write.child as Publishing });
        }
        // Indexed once for each policy and kind of app, so that each app is compared only with its possible writes.
        const indexOf = (publishing: Publishing, slot: boolean) =>
            new WriteIndex(writes.filter(w => w.publishing === publishing && w.slot === slot));
        const indexes = {
            ftp: [indexOf("ftp", false), indexOf("ftp", true)],
            scm: [indexOf("scm", false), indexOf("scm", true)],
        };
        for (const { resource, slot, address, declaredByRequest } of apps) {
            const findings: string[] = [];
            let undecided = 0;
            for (const publishing of ["ftp", "scm"] as const) {
                const typed = slot ? TYPE_OF[publishing].slot : TYPE_OF[publishing].app;
                const type = declaredByRequest ? `${typed} nor ${requestChild(publishing, slot)}` : typed;
                const verdict = appVerdict(address, indexes[publishing][slot ? 1 : 0], allow => allow === false);
                if ("complies" in verdict) {
                    continue;
                }
                if ("undecided" in verdict) {
                    firstUnknown ??= verdict.undecided;
                    undecided++;
                    findings.push(unknownSettingFinding(`the app's ${publishing} publishing-credentials policy`));
                    continue;
                }
                const names = shownAddress(address);
                const explicit = verdict.explicit;
                findings.push(
                    explicit !== undefined
                        ? `${publishing} basic auth: ${writtenValueFinding(explicit, explicitPath(explicit), "false")}`
                        : `${publishing} basic auth: no ${type} in the stack sets allow: false for this app${names === undefined ? "" : ` (resource group, app${slot ? " and slot" : ""}: ${quotedText(names)})`}, so Azure's default applies: allowed; required: allow: false.`,
                );
            }
            if (findings.length > undecided) {
                reportViolation(
                    [
                        ruleHeadline(rule, resource.type, resource.name),
                        ...findings.map(f => findingLine(f, false)),
                        `Fix: declare a ${slot ? "web:WebAppFtpAllowedSlot and a web:WebAppScmAllowedSlot" : "web:WebAppFtpAllowed and a web:WebAppScmAllowed"} ` +
                            `with this app's resourceGroupName and name${slot ? " and slot" : ""}, and allow: false` +
                            (declaredByRequest
                                ? ` (or ${requestChild("ftp", slot)} and one named "scm", with properties.allow false)`
                                : "") +
                            `. In the portal: ${rule.portal}. For an existing app: ${rule.cliFix}.`,
                    ].join("\n"),
                    resource.urn,
                );
            }
        }
        if (firstUnknown !== undefined) {
            // What could not be matched at preview is left to the update, where every name is known.
            throw firstUnknown;
        }
    },
};
