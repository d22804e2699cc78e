// The ARM types the pack looks for, in one place: the template walker, the generic `resources:Resource` and the
// AzAPI provider's resources all read them from here, so a type added for one route is seen on every route. Each
// is written as `comparableType` (arm/caseFolding.ts) writes a type: lower case, segments joined by `/`. No dependency:
// the walker and the families both import it.

/** The ARM types of App Service sites and slots. */
export const SITE_TYPES: ReadonlySet<string> = new Set(["microsoft.web/sites", "microsoft.web/sites/slots"]);

/** A deployment: its template is deployed as the resource is written. */
export const DEPLOYMENT_TYPE = "microsoft.resources/deployments";

/**
 * ARM types other than deployments whose resources carry a template that Azure deploys later, or name one by id.
 * The generic Resource and AzAPI read each one's template inputs (families/genericResource.ts, held by the
 * compiler to exactly this list); declared inside a template they are reported, since ARM evaluates the outer
 * template's expressions in them, except policy definitions, whose rule arm/templatePolicies.ts evaluates as ARM does.
 */
export const TEMPLATE_HOLDER_TYPES = [
    "microsoft.resources/deploymentstacks",
    "microsoft.resources/templatespecs/versions",
    "microsoft.solutions/applicationdefinitions",
    "microsoft.solutions/applications",
    "microsoft.blueprint/blueprints/artifacts",
    "microsoft.blueprint/blueprintassignments",
    "microsoft.authorization/policydefinitions",
    "microsoft.authorization/policydefinitions/versions",
    "microsoft.securityinsights/contenttemplates",
    "microsoft.securityinsights/dataconnectordefinitions",
    "microsoft.devtestlab/labs/users/environments",
    "microsoft.hybridnetwork/vendors/vendorskus",
    "microsoft.operationsmanagement/managementconfigurations",
    "microsoft.hybridnetwork/publishers/networkfunctiondefinitiongroups/networkfunctiondefinitionversions",
    "microsoft.hybridnetwork/publishers/networkservicedesigngroups/networkservicedesignversions",
] as const;

/** One of {@link TEMPLATE_HOLDER_TYPES}. */
export type TemplateHolderType = (typeof TEMPLATE_HOLDER_TYPES)[number];

/** {@link TEMPLATE_HOLDER_TYPES} as a set. */
export const TEMPLATE_HOLDERS: ReadonlySet<string> = new Set(TEMPLATE_HOLDER_TYPES);

/** Policy definitions: besides deploying templates, their `modify` and `append` effects write settings. */
export const POLICY_DEFINITION_TYPES: ReadonlySet<string> = new Set<TemplateHolderType>([
    "microsoft.authorization/policydefinitions",
    "microsoft.authorization/policydefinitions/versions",
]);

/**
 * ARM types whose resources assign a policy definition by `properties.policyDefinitionId`, which Azure Policy then
 * applies: a policy assignment, and a blueprint's policy assignment artifact (an artifact of another kind has none).
 */
export const POLICY_ASSIGNING_TYPES: ReadonlySet<string> = new Set([
    "microsoft.authorization/policyassignments",
    "microsoft.blueprint/blueprints/artifacts",
]);

/**
 * Every ARM type whose resource is, deploys or holds a template that may deploy an App Service site, or applies a
 * policy definition that may.
 */
export function isSiteOrTemplateType(type: string): boolean {
    return (
        SITE_TYPES.has(type) ||
        type === DEPLOYMENT_TYPE ||
        TEMPLATE_HOLDERS.has(type) ||
        POLICY_ASSIGNING_TYPES.has(type)
    );
}
