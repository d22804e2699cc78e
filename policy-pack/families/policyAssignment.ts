import { settled } from "./armTemplate";
import { App, ResourceFamily } from "./family";
import { AZURE_DEFAULTS } from "../rule/clientCertificates";
import { describeValue, isRecord, readProperty, Unverifiable, Value } from "../arm/values";
import { SITE_SETTINGS } from "../arm/walker";

/**
 * A built-in policy definition or set definition, optionally one version: only Microsoft's are at the tenant root
 * (Azure saves a custom definition at a management group or a subscription, and its id starts there).
 */
const BUILT_IN_DEFINITION =
    /^\/providers\/Microsoft\.Authorization\/policy(?:Set)?Definitions\/[a-z0-9][a-z0-9_.-]*(?:\/versions\/[a-z0-9][a-z0-9.*-]*)?$/i;

/**
 * Policy assignments (azure-native `authorization:PolicyAssignment`; classic `ResourceGroupPolicyAssignment`,
 * `SubscriptionPolicyAssignment`, `ResourcePolicyAssignment`, `management/groupPolicyAssignment`; a blueprint's
 * `PolicyAssignmentArtifact`): Azure Policy applies the definition `policyDefinitionId` names, whose
 * `deployIfNotExists` effect deploys a template and whose `modify` and `append` effects write the settings of the
 * resources they apply to (`append` with no managed identity). The rule is in the definition, not in the
 * assignment, so the assignment is judged by whose definition it is: a built-in (Microsoft's, which no one else can
 * change) is not applicable; a custom one cannot be read from here, even when this stack declares it (where it is
 * checked itself), and is reported like a linked template: exempt the assignment once the definition is reviewed.
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
 * The definition an assignment found in `container` (whose path is `prefix`) applies, as an app: none for a
 * built-in one, an unverifiable one for any other. Unknown at preview throws the engine's error.
 */
export function assignedDefinitionApps(container: object, prefix: string): App[] {
    const path = `${prefix}policyDefinitionId`;
    const id = settled(readProperty(container, "policyDefinitionId")) as Value;
    if (id === undefined || id === null || (typeof id === "string" && BUILT_IN_DEFINITION.test(id))) {
        return [];
    }
    const problem =
        typeof id === "string"
            ? new Unverifiable(
                  `it assigns ${describeValue(id)}, a custom policy definition or set: its deployIfNotExists, ` +
                      "modify or append effects may deploy a template or write client-certificate settings, " +
                      "and its rule cannot be read from the assignment",
                  "a built-in definition, or an exemption of this assignment once the definition has been reviewed " +
                      "(a definition this stack declares is checked where it is declared)",
              )
            : new Unverifiable(`${path} is ${describeValue(id)}, not a policy definition's id`);
    return [
        {
            location: `policy definition assigned at ${path}`,
            propertyNames: { enabled: path, mode: path },
            settings: { enabled: () => problem, mode: () => undefined },
            kind: () => undefined,
        },
    ];
}

/**
 * The definitions a managed application definition's provider `policies` assign to each application's managed
 * resource group (`policies[].policyDefinitionId`), judged as an assignment's, found in `container` whose path is
 * `prefix`. A list unknown at preview throws the engine's error; anything but a list assigns nothing Azure accepts.
 */
export function providerPolicyApps(container: object, prefix: string): App[] {
    const policies = settled(readProperty(container, "policies")) as Value;
    if (!Array.isArray(policies)) {
        return [];
    }
    return policies.flatMap((policy, i) =>
        isRecord(policy) ? assignedDefinitionApps(policy, `${prefix}policies[${i}].`) : [],
    );
}
