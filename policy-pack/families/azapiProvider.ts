// Every component of the Terraform AzAPI provider and what the pack does with it, from the provider's own schema
// (internal/provider/provider.go and internal/services/*.go). test/policy-pack/families/azapiProvider.test.ts holds
// this table to a fixture of that schema (scripts/azapi-provider-schema.ts writes it), so a provider release that
// adds a component, or renames an input the pack reads, fails there instead of opening a way around the pack.
// Pulumi's Terraform bridge names a resource `azapi:index/<camel>:<Pascal>` and its inputs in camel case.

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
        reason:
            "writes to a service's data plane (App Configuration keys, Key Vault secrets, IoT Central...), addressed " +
            "by a data-plane host in parent_id and one of the provider's data-plane types; it never writes an ARM resource",
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
