// Every component of the Terraform AzAPI provider and what the pack does with it, from the provider's own schema
// (internal/provider/provider.go and internal/services/*.go). test/policy-pack/families/azapiProvider.test.ts holds
// this table to a fixture of that schema (scripts/azapi-provider-schema.ts writes it), so a provider release that
// adds a component, or renames an input the pack reads, fails there instead of opening a way around the pack.
// Pulumi's Terraform bridge names a resource `azapi:index/<camel>:<Pascal>` and its inputs in camel case.
import { foldCase } from "../arm/caseFolding";

/** The provider release the table was derived from. */
export const AZAPI_PROVIDER_SOURCE = {
    repository: "Azure/terraform-provider-azapi",
    version: "v2.12.0-7-gc43c57bbd",
    commit: "c43c57bbdd5e4f8cc8bcaea8c6b83bb6b669db49",
} as const;

/** The kinds of component the provider registers. */
export type AzapiKind = "resource" | "dataSource" | "ephemeralResource" | "action" | "listResource";

/** A component the pack checks: its Pulumi token and the inputs its family reads (camel case, as the bridge names them). */
export interface CheckedComponent {
    kind: "resource";
    name: string;
    token: string;
    inputs: readonly string[];
}

/** A component the pack does not check, and why it cannot write an App Service site or a template through ARM. */
export interface UncheckedComponent {
    kind: AzapiKind;
    name: string;
    reason: string;
}

const BODY_INPUTS = ["body", "sensitiveBody", "sensitiveBodyVersion"] as const;

/** Data sources become Pulumi functions: a call is no resource, and the pack never sees it. */
const dataSource =
    "a data source, which Pulumi's bridge makes a function: it reads, and a call is no resource a policy sees";

export const AZAPI_COMPONENTS: readonly (CheckedComponent | UncheckedComponent)[] = [
    {
        kind: "resource",
        name: "azapi_resource",
        token: "azapi:index/resource:Resource",
        inputs: ["type", "parentId", "name", ...BODY_INPUTS, "ignoreBodyChanges", "listUniqueIdProperty"],
    },
    {
        kind: "resource",
        name: "azapi_update_resource",
        token: "azapi:index/updateResource:UpdateResource",
        inputs: ["type", "resourceId", "parentId", "name", ...BODY_INPUTS, "listUniqueIdProperty"],
    },
    {
        kind: "resource",
        name: "azapi_resource_action",
        token: "azapi:index/resourceAction:ResourceAction",
        inputs: ["type", "resourceId", "action", "method", ...BODY_INPUTS],
    },
    {
        kind: "resource",
        name: "azapi_data_plane_resource",
        token: "azapi:index/dataPlaneResource:DataPlaneResource",
        inputs: ["type", "parentId", "name", ...BODY_INPUTS],
    },
    { kind: "dataSource", name: "azapi_resource_id", reason: dataSource },
    { kind: "dataSource", name: "azapi_resource_list", reason: dataSource },
    {
        kind: "dataSource",
        name: "azapi_resource_action",
        reason: `${dataSource}; its method is POST or GET only`,
    },
    { kind: "dataSource", name: "azapi_resource", reason: dataSource },
    { kind: "dataSource", name: "azapi_client_config", reason: dataSource },
    { kind: "dataSource", name: "azapi_data_plane_resource", reason: dataSource },
    {
        kind: "ephemeralResource",
        name: "azapi_resource_action",
        reason:
            "a Terraform ephemeral resource, which Pulumi's Terraform bridge does not map to a Pulumi resource " +
            "(pulumi-terraform-bridge#2933), so no Pulumi program can declare one",
    },
    {
        kind: "ephemeralResource",
        name: "azapi_data_plane_resource",
        reason: "a Terraform ephemeral resource (not bridged to Pulumi) that reads a data plane",
    },
    {
        kind: "action",
        name: "azapi_resource_action",
        reason: "a Terraform action (action blocks, Terraform 1.14), which has no counterpart in Pulumi's Terraform bridge",
    },
    { kind: "listResource", name: "azapi_resource", reason: "a Terraform list resource: it lists, writing nothing" },
];

/**
 * How `azapi_data_plane_resource` makes its request URL (internal/services/parse/data_plane_resource_id.go): the
 * format of its type (found in any letter case) with `{parentId}` and `{name}` put in as given, after `https://`.
 * A type the provider does not list gets no URL, and no request. Keyed by the type folded as azapi.ts folds the type
 * it looks up (`foldCase`); from internal/services/parse/data_plane_resources.json.
 */
export const DATA_PLANE_URL_FORMATS: ReadonlyMap<string, string> = new Map(
    (
        [
            ["Microsoft.AppConfiguration/configurationStores/keyValues", "{parentId}/kv/{name}"],
            ["Microsoft.DeviceUpdate/accounts/groups", "{parentId}/management/groups/{name}"],
            ["Microsoft.DeviceUpdate/accounts/groups/deployments", "{parentId}/deployments/{name}"],
            ["Microsoft.DeviceUpdate/accounts/v2/deployments", "{parentId}/v2/management/deployments/{name}"],
            ["Microsoft.DeviceUpdate/accounts/v2/groups", "{parentId}/v2/management/groups/{name}"],
            ["Microsoft.DigitalTwins/digitalTwinsInstances/digitaltwins", "{parentId}/digitaltwins/{name}"],
            [
                "Microsoft.DigitalTwins/digitalTwinsInstances/digitaltwins/relationships",
                "{parentId}/relationships/{name}",
            ],
            ["Microsoft.DigitalTwins/digitalTwinsInstances/eventroutes", "{parentId}/eventroutes/{name}"],
            ["Microsoft.DigitalTwins/digitalTwinsInstances/jobs/imports", "{parentId}/jobs/imports/{name}"],
            ["Microsoft.IoTCentral/IoTApps/organizations", "{parentId}/api/organizations/{name}"],
            ["Microsoft.IoTCentral/IoTApps/scheduledJobs", "{parentId}/api/scheduledJobs/{name}"],
            ["Microsoft.IoTCentral/IoTApps/users", "{parentId}/api/users/{name}"],
            ["Microsoft.IoTCentral/iotApps/apiTokens", "{parentId}/api/apiTokens/{tokenId}"],
            ["Microsoft.IoTCentral/iotApps/continuousDataExports", "{parentId}/api/continuousDataExports/{name}"],
            ["Microsoft.IoTCentral/iotApps/dashboards", "{parentId}/api/dashboards/{name}"],
            ["Microsoft.IoTCentral/iotApps/dataExport/destinations", "{parentId}/api/dataExport/destinations/{name}"],
            ["Microsoft.IoTCentral/iotApps/dataExport/exports", "{parentId}/api/dataExport/exports/{name}"],
            ["Microsoft.IoTCentral/iotApps/deploymentManifests", "{parentId}/api/deploymentManifests/{name}"],
            ["Microsoft.IoTCentral/iotApps/deviceGroups", "{parentId}/api/deviceGroups/{name}"],
            ["Microsoft.IoTCentral/iotApps/deviceTemplates", "{parentId}/api/deviceTemplates/{name}"],
            ["Microsoft.IoTCentral/iotApps/devices", "{parentId}/api/devices/{name}"],
            ["Microsoft.IoTCentral/iotApps/devices/attestation", "{parentId}/api/devices/{name}/attestation"],
            ["Microsoft.IoTCentral/iotApps/devices/relationships", "{parentId}/relationships/{name}"],
            ["Microsoft.IoTCentral/iotApps/enrollmentGroups", "{parentId}/api/enrollmentGroups/{name}"],
            ["Microsoft.IoTCentral/iotApps/enrollmentGroups/certificates", "{parentId}/certificates/{name}"],
            ["Microsoft.KeyVault/vaults/certificates", "{parentId}/certificates/{name}"],
            ["Microsoft.KeyVault/vaults/certificates/contacts", "{parentId}/certificates/contacts"],
            ["Microsoft.KeyVault/vaults/certificates/issuers", "{parentId}/certificates/issuers/{name}"],
            ["Microsoft.KeyVault/vaults/storage", "{parentId}/storage/{name}"],
            ["Microsoft.KeyVault/vaults/storage/sas", "{parentId}/sas/{name}"],
            ["Microsoft.KeyVault/vaults/keys", "{parentId}/keys/{name}"],
            ["Microsoft.KeyVault/vaults/secrets", "{parentId}/secrets/{name}"],
            ["Microsoft.Purview/accounts/Account/collections", "{parentId}/collections/{name}"],
            [
                "Microsoft.Purview/accounts/Account/resourceSetRuleConfigs",
                "{parentId}/resourceSetRuleConfigs/{name=defaultResourceSetRuleConfig}",
            ],
            ["Microsoft.Purview/accounts/Scanning/azureKeyVaults", "{parentId}/azureKeyVaults/{name}"],
            ["Microsoft.Purview/accounts/Scanning/classificationrules", "{parentId}/classificationrules/{name}"],
            ["Microsoft.Purview/accounts/Scanning/credentials", "{parentId}/credentials/{name}"],
            ["Microsoft.Purview/accounts/Scanning/datasources", "{parentId}/datasources/{name}"],
            ["Microsoft.Purview/accounts/Scanning/datasources/scans", "{parentId}/scans/{name}"],
            ["Microsoft.Purview/accounts/Scanning/datasources/scans/triggers", "{parentId}/triggers/{name=default}"],
            ["Microsoft.Purview/accounts/Scanning/integrationruntimes", "{parentId}/integrationruntimes/{name}"],
            ["Microsoft.Purview/accounts/Scanning/managedvirtualnetworks", "{parentId}/managedvirtualnetworks/{name}"],
            [
                "Microsoft.Purview/accounts/Scanning/managedvirtualnetworks/managedprivateendpoints",
                "{parentId}/managedprivateendpoints/{name}",
            ],
            ["Microsoft.Purview/accounts/Workflow/workflows", "{parentId}/workflows/{name}"],
            ["Microsoft.Synapse/workspaces/databases", "{parentId}/databases/{name}"],
            ["Microsoft.Synapse/workspaces/dataflows", "{parentId}/dataflows/{name}"],
            ["Microsoft.Synapse/workspaces/datasets", "{parentId}/datasets/{name}"],
            ["Microsoft.Synapse/workspaces/kqlScripts", "{parentId}/kqlScripts/{name}"],
            ["Microsoft.Synapse/workspaces/libraries", "{parentId}/libraries/{name}"],
            ["Microsoft.Synapse/workspaces/linkconnections", "{parentId}/linkconnections/{name}"],
            ["Microsoft.Synapse/workspaces/linkedservices", "{parentId}/linkedservices/{name}"],
            [
                "Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints",
                "{parentId}/managedPrivateEndpoints/{name}",
            ],
            ["Microsoft.Synapse/workspaces/notebooks", "{parentId}/notebooks/{name}"],
            ["Microsoft.Synapse/workspaces/pipelines", "{parentId}/pipelines/{name}"],
            ["Microsoft.Synapse/workspaces/roleAssignments", "{parentId}/roleAssignments/{name}"],
            ["Microsoft.Synapse/workspaces/sparkJobDefinitions", "{parentId}/sparkJobDefinitions/{name}"],
            ["Microsoft.Synapse/workspaces/sparkconfigurations", "{parentId}/sparkconfigurations/{name}"],
            ["Microsoft.Synapse/workspaces/sqlScripts", "{parentId}/sqlScripts/{name}"],
            ["Microsoft.Synapse/workspaces/triggers", "{parentId}/triggers/{name}"],
            ["Microsoft.Search/searchServices/indexes", "{parentId}/indexes('{name}')"],
            ["Microsoft.Search/searchServices/datasources", "{parentId}/datasources('{name}')"],
            ["Microsoft.Search/searchServices/indexers", "{parentId}/indexers('{name}')"],
            ["Microsoft.Search/searchServices/skillsets", "{parentId}/skillsets('{name}')"],
            ["Microsoft.Search/searchServices/synonymmaps", "{parentId}/synonymmaps('{name}')"],
            ["Microsoft.Foundry/agents", "{parentId}/agents/{name}"],
        ] as const
    ).map(([type, format]) => [foldCase(type), format]),
);

/**
 * The hosts the data-plane client recognises as a data-plane service, each with the subdomains the provider matches
 * (internal/provider/environments.go). It sends a request for any other host with a resource manager token, so
 * another host may be Azure Resource Manager (internal/clients/data_plane_client.go, cachedPipeline).
 */
export const DATA_PLANE_SERVICE_HOSTS: readonly string[] = [
    "api.adu.microsoft.com",
    "azconfig.io",
    "azureiotcentral.com",
    "dev.azuresynapse.net",
    "digitaltwins.azure.net",
    "purview.azure.com",
    "search.windows.net",
    "services.ai.azure.com",
    "vault.azure.net",
    "vault.usgovcloudapi.net",
];

/** Azure Resource Manager's hosts in the clouds the provider names (azcore's cloud configurations). */
export const RESOURCE_MANAGER_HOSTS: readonly string[] = [
    "management.azure.com",
    "management.usgovcloudapi.net",
    "management.chinacloudapi.cn",
];

/**
 * The types whose requests the provider customises (internal/services/customization), by what the one that writes
 * does: Key Vault keys and certificates are created by a POST to `.../create` and updated by a PATCH of the URL
 * (merged into the resource); Foundry agents are created and updated by POSTs. Every other type is written by a PUT
 * of the URL (replaced).
 */
export const DATA_PLANE_CUSTOMIZED_WRITES: ReadonlyMap<string, "merge" | "none"> = new Map([
    ["microsoft.keyvault/vaults/keys", "merge"],
    ["microsoft.keyvault/vaults/certificates", "merge"],
    ["microsoft.foundry/agents", "none"],
]);
