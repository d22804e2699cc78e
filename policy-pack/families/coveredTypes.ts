// The resource types the pack covers, with no dependency at all: the report reads it to know which resources are
// App Service ones without loading the families, and the ARM evaluator behind them. The registry attaches a family
// to each of these tokens, and the compiler holds it to exactly these.

/**
 * How a covered type holds App Service apps. `app`: the resource is an app or slot, so it always gets a verdict.
 * `may-hold-apps`: a template, a generic resource or a definition that may deploy or be apps; one that holds none
 * is not applicable, and the pack says why.
 */
export type Holding = "app" | "may-hold-apps";

/** Every covered type token (without an API version) and how it holds apps. To cover a new type, add it here. */
export const COVERED_TYPES = {
    "azure-native:web:WebApp": "app",
    "azure-native:web:WebAppSlot": "app",
    "azure:appservice/linuxWebApp:LinuxWebApp": "app",
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot": "app",
    "azure:appservice/windowsWebApp:WindowsWebApp": "app",
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot": "app",
    "azure:appservice/linuxFunctionApp:LinuxFunctionApp": "app",
    "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot": "app",
    "azure:appservice/windowsFunctionApp:WindowsFunctionApp": "app",
    "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot": "app",
    "azure:appservice/appService:AppService": "app",
    "azure:appservice/functionApp:FunctionApp": "app",
    "azure:appservice/appFlexConsumption:AppFlexConsumption": "app",
    "azure:appservice/slot:Slot": "app",
    "azure:appservice/functionAppSlot:FunctionAppSlot": "app",
    "azure:logicapps/standard:Standard": "app",
    "azure-native:resources:Resource": "may-hold-apps",
    "azure-native:resources:Deployment": "may-hold-apps",
    "azure-native:resources:DeploymentAtScope": "may-hold-apps",
    "azure-native:resources:DeploymentAtSubscriptionScope": "may-hold-apps",
    "azure-native:resources:DeploymentAtManagementGroupScope": "may-hold-apps",
    "azure-native:resources:DeploymentAtTenantScope": "may-hold-apps",
    "azure-native:resources:DeploymentStackAtResourceGroup": "may-hold-apps",
    "azure-native:resources:DeploymentStackAtSubscription": "may-hold-apps",
    "azure-native:resources:DeploymentStackAtManagementGroup": "may-hold-apps",
    "azure-native:resources:TemplateSpecVersion": "may-hold-apps",
    "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment": "may-hold-apps",
    "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment": "may-hold-apps",
    "azure:core/tenantTemplateDeployment:TenantTemplateDeployment": "may-hold-apps",
    // Classic's own template deployment until v6 (azurerm_template_deployment): not in the installed SDK, see
    // coverage.test.ts.
    "azure:core/templateDeployment:TemplateDeployment": "may-hold-apps",
    "azure:management/groupTemplateDeployment:GroupTemplateDeployment": "may-hold-apps",
    "azure-native:solutions:ApplicationDefinition": "may-hold-apps",
    "azure:managedapplication/definition:Definition": "may-hold-apps",
    "azure-native:solutions:Application": "may-hold-apps",
    "azure:managedapplication/application:Application": "may-hold-apps",
    "azure-native:blueprint:TemplateArtifact": "may-hold-apps",
    "azure-native:blueprint:Assignment": "may-hold-apps",
    "azure:blueprint/assignment:Assignment": "may-hold-apps",
    "azure-native:authorization:PolicyDefinition": "may-hold-apps",
    "azure-native:authorization:PolicyDefinitionAtManagementGroup": "may-hold-apps",
    "azure-native:authorization:PolicyDefinitionVersion": "may-hold-apps",
    "azure-native:authorization:PolicyDefinitionVersionAtManagementGroup": "may-hold-apps",
    "azure:policy/definition:Definition": "may-hold-apps",
    "azure-native:authorization:PolicyAssignment": "may-hold-apps",
    "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment": "may-hold-apps",
    "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment": "may-hold-apps",
    "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment": "may-hold-apps",
    "azure:management/groupPolicyAssignment:GroupPolicyAssignment": "may-hold-apps",
    "azure-native:blueprint:PolicyAssignmentArtifact": "may-hold-apps",
    "azure-native:securityinsights:ContentTemplate": "may-hold-apps",
    "azure-native:hybridnetwork:VendorSkus": "may-hold-apps",
    "azure-native:operationsmanagement:ManagementConfiguration": "may-hold-apps",
    "azure-native:devtestlab:Environment": "may-hold-apps",
    "azure-native:securityinsights:CustomizableConnectorDefinition": "may-hold-apps",
    "azure-native:hybridnetwork:NetworkFunctionDefinitionVersion": "may-hold-apps",
    "azure-native:hybridnetwork:NetworkServiceDesignVersion": "may-hold-apps",
    // The Terraform AzAPI provider through Pulumi's Terraform bridge: not an installed SDK; every resource of the
    // provider is listed in azapiProvider.ts, tested against the provider's schema.
    "azapi:index/resource:Resource": "may-hold-apps",
    "azapi:index/updateResource:UpdateResource": "may-hold-apps",
    "azapi:index/resourceAction:ResourceAction": "may-hold-apps",
    "azapi:index/dataPlaneResource:DataPlaneResource": "may-hold-apps",
} as const satisfies Record<string, Holding>;

/** A covered type token, without an API version. */
export type CoveredType = keyof typeof COVERED_TYPES;

/** A covered type whose resources are apps or slots themselves. */
export type AppType = { [T in CoveredType]: (typeof COVERED_TYPES)[T] extends "app" ? T : never }[CoveredType];

/** All covered type tokens without an API version (for messages, documentation and tests). */
export const coveredTypes = Object.keys(COVERED_TYPES) as readonly CoveredType[];

const holdingByType: ReadonlyMap<string, Holding> = new Map(Object.entries(COVERED_TYPES));

/**
 * azure-native also registers each type per API version: `azure-native:web/v20220901:WebApp`. Its predecessor
 * azure-nextgen, whose provider still deploys, registered only such tokens (`azure-nextgen:web/latest:WebApp`,
 * `azure-nextgen:web/v20200601:WebApp`), with the same inputs as azure-native's.
 */
const API_VERSION_MODULE = /^azure-(?:native|nextgen):([a-zA-Z]+)\/(?:latest|v\d{8}[a-z]*):/;

/**
 * A local package of azure-native for any API version (`pulumi package add azure-native web v20220901`) is the
 * azure-native provider parameterized: its package is named `azure-native_<module>_<version>` and its tokens
 * `<package>:<module>/<version>:<Type>`, the module as the command was given it (pulumi-azure-native,
 * provider/pkg/provider/provider_parameterize.go, `createSchema`). The inputs are azure-native's for that version.
 */
const LOCAL_PACKAGE_MODULE = /^azure-native_[^:]*:([a-zA-Z]+)\/[^:]*:/;

/** A covered classic `@pulumi/azure` type. */
type ClassicType = Extract<CoveredType, `azure:${string}`>;

/**
 * The Terraform azurerm resource each covered classic type is bridged from (pulumi-azure, provider/resources.go;
 * `AppFlexConsumption` by its automatic module rule, `"function": azureAppService`). The compiler holds this to
 * exactly the covered classic types.
 */
const TERRAFORM_NAMES = {
    "azure:appservice/linuxWebApp:LinuxWebApp": "azurerm_linux_web_app",
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot": "azurerm_linux_web_app_slot",
    "azure:appservice/windowsWebApp:WindowsWebApp": "azurerm_windows_web_app",
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot": "azurerm_windows_web_app_slot",
    "azure:appservice/linuxFunctionApp:LinuxFunctionApp": "azurerm_linux_function_app",
    "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot": "azurerm_linux_function_app_slot",
    "azure:appservice/windowsFunctionApp:WindowsFunctionApp": "azurerm_windows_function_app",
    "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot": "azurerm_windows_function_app_slot",
    "azure:appservice/appService:AppService": "azurerm_app_service",
    "azure:appservice/functionApp:FunctionApp": "azurerm_function_app",
    "azure:appservice/appFlexConsumption:AppFlexConsumption": "azurerm_function_app_flex_consumption",
    "azure:appservice/slot:Slot": "azurerm_app_service_slot",
    "azure:appservice/functionAppSlot:FunctionAppSlot": "azurerm_function_app_slot",
    "azure:logicapps/standard:Standard": "azurerm_logic_app_standard",
    "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment":
        "azurerm_resource_group_template_deployment",
    "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment":
        "azurerm_subscription_template_deployment",
    "azure:core/tenantTemplateDeployment:TenantTemplateDeployment": "azurerm_tenant_template_deployment",
    "azure:core/templateDeployment:TemplateDeployment": "azurerm_template_deployment",
    "azure:management/groupTemplateDeployment:GroupTemplateDeployment": "azurerm_management_group_template_deployment",
    "azure:managedapplication/definition:Definition": "azurerm_managed_application_definition",
    "azure:managedapplication/application:Application": "azurerm_managed_application",
    "azure:policy/definition:Definition": "azurerm_policy_definition",
    "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment":
        "azurerm_resource_group_policy_assignment",
    "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment": "azurerm_subscription_policy_assignment",
    "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment": "azurerm_resource_policy_assignment",
    "azure:management/groupPolicyAssignment:GroupPolicyAssignment": "azurerm_management_group_policy_assignment",
    "azure:blueprint/assignment:Assignment": "azurerm_blueprint_assignment",
} as const satisfies Record<ClassicType, `azurerm_${string}`>;

/**
 * The token of a Terraform resource used directly, dynamically bridged (`pulumi package add terraform-provider
 * hashicorp/azurerm`, `Azure/azapi`): every resource in module `index`, named by the Terraform name without the
 * provider's prefix in camel case (pulumi-terraform-bridge, dynamic/info.go: `tokens.SingleModule(prefix, "index",
 * tokens.MakeStandard(name))`), e.g. `azurerm:index/linuxWebApp:LinuxWebApp`. Its inputs are the Terraform
 * arguments in camel case, as classic's are, so an azurerm one is checked as the classic type.
 */
export function bridgedToken(terraformName: string): string {
    const [provider, first, ...rest] = terraformName.split("_");
    const camel = first + rest.map(word => word.charAt(0).toUpperCase() + word.slice(1)).join("");
    return `${provider}:index/${camel}:${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

const classicByBridgedToken: ReadonlyMap<string, ClassicType> = new Map(
    (Object.entries(TERRAFORM_NAMES) as [ClassicType, `azurerm_${string}`][]).map(([classic, terraformName]) => [
        bridgedToken(terraformName),
        classic,
    ]),
);

/**
 * A token with its azure-native API version or local package dropped (`azure-native:web/v20220901:WebAppFtpAllowed`
 * is `azure-native:web:WebAppFtpAllowed`), for types the pack reads that are not apps; any other token as given.
 */
export function unversionedToken(type: string): string {
    if (API_VERSION_MODULE.test(type)) {
        return type.replace(API_VERSION_MODULE, "azure-native:$1:");
    }
    return type.replace(LOCAL_PACKAGE_MODULE, (_, module: string) => `azure-native:${module.toLowerCase()}:`);
}

/** The covered type a token names, its API version dropped; undefined when the pack does not cover the type. */
export function coveredTypeOf(type: string): CoveredType | undefined {
    const classic = classicByBridgedToken.get(type);
    if (classic !== undefined) {
        return classic;
    }
    // Every policy asks for every resource: the token as given is the common case, so no rewriting for it.
    if (holdingByType.has(type)) {
        return type as CoveredType;
    }
    for (const token of [
        type.replace(API_VERSION_MODULE, "azure-native:$1:"),
        type.replace(LOCAL_PACKAGE_MODULE, (_, module: string) => `azure-native:${module.toLowerCase()}:`),
    ]) {
        if (holdingByType.has(token)) {
            return token as CoveredType;
        }
    }
    return undefined;
}
