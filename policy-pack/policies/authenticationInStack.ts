// The cross-resource part of webapp-authentication. An azure-native app has no authentication argument: its
// authentication settings are resources of their own, the settings V2 (`web:WebAppAuthSettingsV2`, and
// `...WithoutSecrets`, the same Azure resource without its secrets) with `platform.enabled`, and the legacy settings
// (`web:WebAppAuthSettings`) with `enabled`, each with a `...Slot` type for slots (the list is azure-native's,
// checked against its SDK by test/policy-pack/authenticationInStack.test.ts). Both APIs write the same switch, so
// an app complies when a resource of the stack certainly its own turns it on through either; Azure leaves it off
// otherwise. The match is the one every such stack policy shares (stack/writtenSettings.ts). A settings resource
// that turns authentication off is reported on the app it is for: one for an app outside the stack is not judged.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { authenticationRule as rule } from "../baseline/rules/authentication";
import { ruleHeadline } from "../baseline/messages";
import { ENFORCEMENT_LEVEL_ONLY_SCHEMA } from "../config";
import { unversionedToken } from "../families/coveredTypes";
import { AUTHENTICATION_IN_STACK } from "../policyNames";
import { quotedText } from "../shownText";
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
import { findingLine } from "../violationWording";
import { frameworkOf } from "./baselinePolicy";

/** Where each type keeps the switch: the settings V2's `platform.enabled`, the legacy settings' `enabled`. */
const V2 = { path: "platform.enabled", read: (r: PolicyResource) => r.props.platform?.enabled as unknown };
const LEGACY = { path: "enabled", read: (r: PolicyResource) => r.props.enabled as unknown };

/** azure-native's authentication settings types (any API version): where the switch is, and for a slot or not. */
const AUTHENTICATION_TYPES: Readonly<Record<string, { slot: boolean; at: typeof V2 }>> = {
    "azure-native:web:WebAppAuthSettingsV2": { slot: false, at: V2 },
    "azure-native:web:WebAppAuthSettingsV2Slot": { slot: true, at: V2 },
    "azure-native:web:WebAppAuthSettingsV2WithoutSecrets": { slot: false, at: V2 },
    "azure-native:web:WebAppAuthSettingsV2WithoutSecretsSlot": { slot: true, at: V2 },
    "azure-native:web:WebAppAuthSettings": { slot: false, at: LEGACY },
    "azure-native:web:WebAppAuthSettingsSlot": { slot: true, at: LEGACY },
};

/** The Azure child collection that holds a site's or slot's authentication settings (`authsettingsV2`, `authsettings`). */
const CONFIG = "config";

/** Where a generic Resource's or AzAPI resource's authentication config request sets the switch, by its name. */
const REQUEST_PATHS = { authsettingsv2: "properties.platform.enabled", authsettings: "properties.enabled" };

/** The authentication config declared by its ARM type, for a generic Resource or AzAPI site's messages. */
const requestConfig = (slot: boolean) =>
    `a Microsoft.Web/sites${slot ? "/slots" : ""}/config named "authsettingsV2" (generic Resource or AzAPI)`;

interface AuthenticationWrite extends SettingWrite {
    slot: boolean;
    path: string;
}

export const authenticationInStack: StackValidationPolicy = {
    name: AUTHENTICATION_IN_STACK,
    displayName:
        "App Service apps declared through azure-native or AzAPI have App Service authentication turned on by the stack's resources",
    description:
        "Each App Service app and slot declared by azure-native's web:WebApp or web:WebAppSlot, or by a generic " +
        "resources:Resource or an AzAPI resource of type Microsoft.Web/sites or Microsoft.Web/sites/slots, should have " +
        "App Service authentication turned on by a resource of the same stack: web:WebAppAuthSettingsV2 with " +
        "platform.enabled true (or the legacy web:WebAppAuthSettings with enabled true, or their slot types), or a " +
        'generic Resource or AzAPI resource of type Microsoft.Web/sites/config (or sites/slots/config) named "authsettingsV2" ' +
        'with properties.platform.enabled true (legacy "authsettings": properties.enabled true).',
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    framework: frameworkOf(rule),
    tags: [...rule.tags, "stack"],
    remediationSteps:
        "For each azure-native WebApp (WebAppSlot), declare a web:WebAppAuthSettingsV2 (WebAppAuthSettingsV2Slot) with the " +
        "app's resourceGroupName and name (and slot), platform.enabled: true and an identity provider. For a site declared " +
        'by a generic Resource or AzAPI, this or a Microsoft.Web/sites/config (sites/slots/config) named "authsettingsV2" ' +
        "with properties.platform.enabled true and an identity provider. " +
        `For an existing app: ${rule.cliFix}`,
    url: rule.url,
    configSchema: ENFORCEMENT_LEVEL_ONLY_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = stackPolicyConfig(rule, () => args.getConfig<Record<string, unknown>>());
        const writes: AuthenticationWrite[] = [];
        for (const resource of args.resources) {
            const typed = AUTHENTICATION_TYPES[unversionedToken(resource.type)];
            if (typed !== undefined) {
                writes.push({
                    resource,
                    address: addressOf(resource, typed.slot, CONFIG),
                    value: read(() => typed.at.read(resource)),
                    slot: typed.slot,
                    path: typed.at.path,
                });
            }
        }
        // A generic Resource's or AzAPI resource's authentication config is matched as the typed ones are.
        writes.push(...requestWrites(args.resources, CONFIG, REQUEST_PATHS));
        const { apps, unknown } = stackApps(args.resources, config, new Date());
        // Indexed once for each kind of app, so that each app is compared only with its possible writes.
        const indexes = [false, true].map(slot => new WriteIndex(writes.filter(w => w.slot === slot)));
        let firstUnknown = unknown;
        for (const { resource, slot, address, declaredByRequest } of apps) {
            const verdict = appVerdict(address, indexes[slot ? 1 : 0], enabled => enabled === true);
            if ("complies" in verdict) {
                continue;
            }
            if ("undecided" in verdict) {
                firstUnknown ??= verdict.undecided;
                continue;
            }
            const explicit = verdict.explicit;
            const names = shownAddress(address);
            const finding =
                explicit !== undefined
                    ? `authentication: ${writtenValueFinding(explicit, explicit.path, "true")}`
                    : `authentication: no azure-native:web:WebAppAuthSettingsV2${slot ? "Slot" : ""} (nor legacy ` +
                      `WebAppAuthSettings${slot ? "Slot" : ""}` +
                      (declaredByRequest ? `, nor ${requestConfig(slot)}` : "") +
                      `) in the stack turns it on for this app` +
                      (names === undefined
                          ? ""
                          : ` (resource group, app${slot ? " and slot" : ""}: ${quotedText(names)})`) +
                      ", so Azure's default applies: off; required: platform.enabled true.";
            reportViolation(
                [
                    ruleHeadline(rule, resource.type, resource.name),
                    findingLine(finding, false),
                    `Fix: declare a web:WebAppAuthSettingsV2${slot ? "Slot" : ""} with this app's resourceGroupName and ` +
                        `name${slot ? " and slot" : ""}, platform.enabled: true and an identity provider` +
                        (declaredByRequest
                            ? ` (or ${requestConfig(slot)} with properties.platform.enabled true)`
                            : "") +
                        `. In the portal: ${rule.portal}. For an existing app: ${rule.cliFix}.`,
                ].join("\n"),
                resource.urn,
            );
        }
        if (firstUnknown !== undefined) {
            // What could not be matched at preview is left to the update, where every name is known.
            throw firstUnknown;
        }
    },
};
