import { settled, unverifiableApp } from "./armTemplate";
import { AssignedDefinition, Found, ResourceFamily } from "./family";
import { AZURE_DEFAULTS } from "../rule/clientCertificates";
import { customDefinitionId, POLICY_DEFINITION_ID } from "../arm/policyRule";
import { readProperty } from "../arm/inputCopy";
import { describeValue } from "../arm/shownValue";
import { isRecord, Value } from "../arm/values";
import { SITE_SETTINGS } from "../arm/templateSite";
import { CLIENT_CERTIFICATE_EXEMPTIONS } from "../policyNames";

/**
 * Policy assignments (azure-native `authorization:PolicyAssignment`; classic `ResourceGroupPolicyAssignment`,
 * `SubscriptionPolicyAssignment`, `ResourcePolicyAssignment`, `management/groupPolicyAssignment`; a blueprint's
 * `PolicyAssignmentArtifact`): Azure Policy applies the definition `policyDefinitionId` names, whose
 * `deployIfNotExists` effect deploys a template and whose `modify` and `append` effects write the settings of the
 * resources they apply to (`append` with no managed identity). The rule is in the definition, not in the
 * assignment, so the assignment itself is not judged: a built-in (Microsoft's, which no one else can change) is not
 * applicable; a custom one is a resource of its own, checked where Pulumi declares it (this stack or another under
 * the pack), so it is not applicable here either, and the exemptions policy names it in a notice.
 */
export const policyAssignment: ResourceFamily = {
    propertyNames: {
        enabled: `properties.${SITE_SETTINGS.enabled}`,
        mode: `properties.${SITE_SETTINGS.mode}`,
        exclusionPaths: `properties.${SITE_SETTINGS.exclusionPaths}`,
    },
    defaults: AZURE_DEFAULTS,
    settingsLocation: "in the properties of each site and slot the assigned definition deploys or writes",
    noAppsReason: "assigns a built-in policy definition or set, Microsoft's own, which no one else can change",
    apps: props => assignedDefinitionApps(props, ""),
};

/**
 * The definition an assignment found in `container` (whose path is `prefix`) applies: none for a built-in one, the
 * custom definition for any other id, and an unverifiable app for a value that is no id. Unknown at preview throws
 * the engine's error.
 */
export function assignedDefinitionApps(container: object, prefix: string): Found[] {
    const property = `${prefix}${POLICY_DEFINITION_ID}`;
    const id = customDefinitionId(settled(readProperty(container, POLICY_DEFINITION_ID)) as Value, property);
    if (id === undefined) {
        return [];
    }
    if (typeof id === "string") {
        return [{ property, definitionId: id }];
    }
    return [unverifiableApp(`policy definition assigned at ${property}`, property, id)];
}

/**
 * Why the rule does not judge a resource whose only finds are the custom definitions it assigns: where each one
 * is judged instead.
 */
export function assignedDefinitionsReason(assigned: readonly AssignedDefinition[]): string {
    const definitions = assigned.map(a => `${describeValue(a.definitionId)} (${a.property})`).join(", ");
    return (
        `no App Service app to check here: it assigns the custom policy ` +
        `${assigned.length === 1 ? "definition" : "definitions"} ${definitions}, whose deployIfNotExists, modify ` +
        "and append effects the pack checks on the definition itself, where Pulumi declares it; " +
        `${CLIENT_CERTIFICATE_EXEMPTIONS} reports the assignment`
    );
}

/**
 * The definitions a managed application definition's provider `policies` assign to each application's managed
 * resource group (`policies[].policyDefinitionId`), judged as an assignment's, found in `container` whose path is
 * `prefix`. A list unknown at preview throws the engine's error; anything but a list assigns nothing Azure accepts.
 */
export function providerPolicyApps(container: object, prefix: string): Found[] {
    const policies = settled(readProperty(container, "policies")) as Value;
    if (!Array.isArray(policies)) {
        return [];
    }
    return policies.flatMap((policy, i) =>
        isRecord(policy) ? assignedDefinitionApps(policy, `${prefix}policies[${i}].`) : [],
    );
}
