// The cross-resource part of webapp-basic-auth-publishing-disabled. An azure-native app has no basic-auth argument:
// its `ftp` and `scm` publishing-credentials policies are resources of their own (`web:WebAppFtpAllowed`,
// `web:WebAppScmAllowed`, and `...Slot` for slots; the list is azure-native's, checked against its SDK by
// test/policy-pack/basicAuthInStack.test.ts), and Azure leaves both allowed when nothing sets them. A resource policy
// sees one resource; this stack policy sees the whole stack, so it judges the value each app ends up with: an
// explicit `allow` other than false fails wherever it is, and an app fails unless a resource of the same stack sets
// `allow: false` for it. Exemptions and excluded kinds are the rule's own (its config).
import { StackValidationPolicy, PolicyResource } from "@pulumi/policy";
import { UnknownValueError } from "../sdkInternals";
import { decideApplicability } from "../applicability";
import { basicPublishingCredentialsRule as rule } from "../baseline/rules/basicPublishingCredentials";
import { ruleHeadline } from "../baseline/messages";
import { BaselinePolicyConfig, ENFORCEMENT_LEVEL_ONLY_SCHEMA, readBaselineConfig } from "../config";
import { exemptionStatus } from "../exemptions";
import { coveredTypeOf, unversionedToken } from "../families/coveredTypes";
import { show } from "../messages";
import { BASIC_AUTH_IN_STACK } from "../policyNames";
import { currentRequest } from "../server/requestContext";
import { quotedText, shownText } from "../shownText";
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

/** The azure-native app types whose publishing policies live apart: a slot or not. */
const APP_TYPES: Readonly<Record<string, boolean>> = {
    "azure-native:web:WebApp": false,
    "azure-native:web:WebAppSlot": true,
};

/** The publishing types by what they write, for messages. */
const TYPE_OF: Readonly<Record<Publishing, { app: string; slot: string }>> = {
    ftp: { app: "azure-native:web:WebAppFtpAllowed", slot: "azure-native:web:WebAppFtpAllowedSlot" },
    scm: { app: "azure-native:web:WebAppScmAllowed", slot: "azure-native:web:WebAppScmAllowedSlot" },
};

/** A value read from a resource's inputs: known, or unknown at preview. */
type Read<T> = { value: T } | { unknown: UnknownValueError };

function read<T>(get: () => T): Read<T> {
    try {
        return { value: get() };
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return { unknown: e };
        }
        throw e;
    }
}

/**
 * Which app a resource names: resource group, app and slot, in lower case (Azure's names are case-insensitive);
 * undefined when one is missing or not text, so that it matches nothing.
 */
function appKey(props: Record<string, any>, slot: boolean): string | undefined {
    const parts = [props.resourceGroupName, props.name, ...(slot ? [props.slot] : [])];
    return parts.every(part => typeof part === "string" && part !== "")
        ? parts.map((part: string) => part.toLowerCase()).join("/")
        : undefined;
}

/**
 * Whether a publishing-credentials policy takes the app it names from `app`'s outputs: its `slot` input for a
 * slot's policy, its `name` input otherwise, as the engine's property dependencies record them.
 */
function takesItsAppFrom(write: PublishingWrite, app: PolicyResource): boolean {
    const dependencies = write.resource.propertyDependencies?.[write.slot ? "slot" : "name"] ?? [];
    if (dependencies.some(dependency => dependency.urn === app.urn)) {
        return true;
    }
    // A slot's policy usually takes the site from the same app as the slot does (`name: app.name`), with the slot's
    // name written out: the same site and the same slot name make it this slot's.
    if (!write.slot) {
        return false;
    }
    const sites = (resource: PolicyResource) => (resource.propertyDependencies?.name ?? []).map(d => d.urn);
    const slotName = (resource: PolicyResource): unknown => {
        const slot = read(() => resource.props.slot as unknown);
        return "value" in slot ? slot.value : undefined;
    };
    const [ours, theirs] = [slotName(app), slotName(write.resource)];
    return (
        sites(write.resource).some(site => sites(app).includes(site)) &&
        typeof ours === "string" &&
        typeof theirs === "string" &&
        ours.toLowerCase() === theirs.toLowerCase()
    );
}

/** Whether a publishing-credentials policy takes the app it names from some app of the stack. */
function wiredToAnApp(write: PublishingWrite): boolean {
    const dependencies = write.resource.propertyDependencies?.[write.slot ? "slot" : "name"] ?? [];
    return dependencies.some(dependency => {
        const covered = coveredTypeOf(dependency.type);
        return covered !== undefined && covered in APP_TYPES;
    });
}

interface PublishingWrite {
    resource: PolicyResource;
    publishing: Publishing;
    slot: boolean;
    key: Read<string | undefined>;
    allow: Read<unknown>;
}

/** The rule's config: the run's in the pack's server, the policy's own when it is called directly. */
function configOf(getConfig: () => Record<string, unknown>): BaselinePolicyConfig {
    return currentRequest()?.run.config.baseline[rule.name] ?? readBaselineConfig(rule, getConfig());
}

export const basicAuthPublishingInStack: StackValidationPolicy = {
    name: BASIC_AUTH_IN_STACK,
    displayName: "azure-native App Service apps have basic-auth publishing turned off by the stack's resources",
    description:
        "Each azure-native App Service app and slot must have its ftp and scm publishing-credentials policies set to " +
        "allow: false by resources of the same stack (web:WebAppFtpAllowed, web:WebAppScmAllowed and their slot types), " +
        "and no such resource may allow basic authentication.",
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    framework: frameworkOf(rule),
    tags: [...rule.tags, "stack"],
    remediationSteps:
        "For each azure-native WebApp (WebAppSlot), declare a web:WebAppFtpAllowed and a web:WebAppScmAllowed " +
        "(WebAppFtpAllowedSlot, WebAppScmAllowedSlot) with the app's resourceGroupName and name (and slot), and allow: false. " +
        `For an existing app: ${rule.cliFix}`,
    url: rule.url,
    configSchema: ENFORCEMENT_LEVEL_ONLY_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = configOf(() => args.getConfig<Record<string, unknown>>());
        const now = new Date();
        const exempt = (resource: PolicyResource) =>
            exemptionStatus(config.exemptions, resource.name, resource.urn, now).state === "exempt";
        let firstUnknown: UnknownValueError | undefined;
        const writes: PublishingWrite[] = [];
        for (const resource of args.resources) {
            const publishing = PUBLISHING_TYPES[unversionedToken(resource.type)];
            if (publishing !== undefined) {
                writes.push({
                    resource,
                    ...publishing,
                    key: read(() => appKey(resource.props, publishing.slot)),
                    allow: read(() => resource.props.allow),
                });
            }
        }
        // An explicit write that allows basic authentication fails wherever it is, whichever app it names.
        for (const write of writes) {
            if (exempt(write.resource)) {
                continue;
            }
            if ("unknown" in write.allow) {
                firstUnknown ??= write.allow.unknown;
            } else if (write.allow.value !== false) {
                reportViolation(
                    `${ruleHeadline(rule, write.resource.type, write.resource.name)}\n` +
                        findingLine(`allow is ${show(write.allow.value)}; required: false.`, false) +
                        `\nFix: set allow: false. In the portal: ${rule.portal}.`,
                    write.resource.urn,
                );
            }
        }
        for (const resource of args.resources) {
            const covered = coveredTypeOf(resource.type);
            const slot = covered === undefined ? undefined : APP_TYPES[covered];
            if (slot === undefined) {
                continue;
            }
            let applies: boolean;
            try {
                applies = decideApplicability(resource, config, now).outcome === "checked";
            } catch (e) {
                if (!(e instanceof UnknownValueError)) {
                    throw e;
                }
                firstUnknown ??= e;
                continue;
            }
            if (!applies) {
                continue; // exempt or excluded by kind: the exemptions policy reports it
            }
            const key = read(() => appKey(resource.props, slot));
            const findings: string[] = [];
            for (const publishing of ["ftp", "scm"] as const) {
                const type = slot ? TYPE_OF[publishing].slot : TYPE_OF[publishing].app;
                const same = writes.filter(w => w.publishing === publishing && w.slot === slot);
                // A policy whose app input is taken from this app (`name: app.name`, a slot's `slot: slot.name`)
                // is this app's, whether or not the names are known at preview.
                const wired = same.filter(w => takesItsAppFrom(w, resource));
                const byName =
                    "value" in key
                        ? same.filter(
                              w =>
                                  !wired.includes(w) &&
                                  "value" in w.key &&
                                  w.key.value !== undefined &&
                                  w.key.value === key.value,
                          )
                        : [];
                const matching = [...wired, ...byName];
                if (matching.some(w => "value" in w.allow && w.allow.value === false)) {
                    continue;
                }
                // An explicit write for this app that allows basic auth decides it; otherwise a policy that may yet be
                // this app's (its names unknown at preview, and not wired to another app) leaves it to the update.
                const allowing = matching.find(w => "value" in w.allow);
                if (allowing === undefined) {
                    const undecided = [
                        ...("unknown" in key ? [key.unknown] : []),
                        ...[...matching, ...same.filter(w => "unknown" in w.key && !wiredToAnApp(w))].flatMap(w => [
                            ...("unknown" in w.key ? [w.key.unknown] : []),
                            ...("unknown" in w.allow ? [w.allow.unknown] : []),
                        ]),
                    ][0];
                    if (undecided !== undefined) {
                        firstUnknown ??= undecided;
                        findings.push(unknownSettingFinding(`the app's ${publishing} publishing-credentials policy`));
                        continue;
                    }
                }
                const names =
                    !("value" in key) || key.value === undefined
                        ? ""
                        : ` (resource group, app${slot ? " and slot" : ""}: ${quotedText(key.value)})`;
                findings.push(
                    allowing !== undefined
                        ? `${publishing} basic auth: ${shownText(allowing.resource.type)} ${quotedText(allowing.resource.name)} sets allow ${show("value" in allowing.allow ? allowing.allow.value : undefined)}; required: false.`
                        : `${publishing} basic auth: no ${type} in the stack sets allow: false for this app${names}, so Azure's default applies: allowed; required: allow: false.`,
                );
            }
            const definite = findings.filter(f => !f.endsWith("where it is checked."));
            if (definite.length > 0) {
                reportViolation(
                    [
                        ruleHeadline(rule, resource.type, resource.name),
                        ...findings.map(f => findingLine(f, false)),
                        `Fix: declare a ${slot ? "web:WebAppFtpAllowedSlot and a web:WebAppScmAllowedSlot" : "web:WebAppFtpAllowed and a web:WebAppScmAllowed"} ` +
                            `with this app's resourceGroupName and name${slot ? " and slot" : ""}, and allow: false. In the portal: ${rule.portal}. ` +
                            `For an existing app: ${rule.cliFix}.`,
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
