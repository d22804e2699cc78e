import { armDeployment, deploymentStack } from "./armDeployment";
import { azureNativeWebApp } from "./azureNative";
import { blueprintAssignment, blueprintTemplateArtifact } from "./blueprint";
import {
    classicFlexConsumptionApp, classicLegacyAppService, classicLegacyFunctionApp, classicLegacyFunctionAppSlot,
    classicLegacySlot, classicLinuxFunctionApp, classicLinuxWebApp, classicLogicAppStandard, classicWindowsFunctionApp,
    classicWindowsWebApp,
} from "./classic";
import { classicTemplateDeployment } from "./classicTemplateDeployment";
import { ResourceFamily } from "./family";
import { genericResource } from "./genericResource";
import { managedApplication, managedApplicationDefinition } from "./managedApplication";
import { policyDefinition } from "./policyDefinition";
import { hybridNetworkVendorSku, managementConfiguration, sentinelContentTemplate } from "./storedTemplates";
import {
    devTestLabEnvironment, networkFunctionDefinitionVersion, networkServiceDesignVersion, sentinelConnectorDefinition,
} from "./templateReferences";
import { templateSpecVersion } from "./templateSpec";

/** Every covered type token and its family. To cover a new type, add it here. */
const familiesByType = new Map<string, ResourceFamily>([
    ["azure-native:web:WebApp", azureNativeWebApp],
    ["azure-native:web:WebAppSlot", azureNativeWebApp],
    ["azure:appservice/linuxWebApp:LinuxWebApp", classicLinuxWebApp],
    ["azure:appservice/linuxWebAppSlot:LinuxWebAppSlot", classicLinuxWebApp],
    ["azure:appservice/windowsWebApp:WindowsWebApp", classicWindowsWebApp],
    ["azure:appservice/windowsWebAppSlot:WindowsWebAppSlot", classicWindowsWebApp],
    ["azure:appservice/linuxFunctionApp:LinuxFunctionApp", classicLinuxFunctionApp],
    ["azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot", classicLinuxFunctionApp],
    ["azure:appservice/windowsFunctionApp:WindowsFunctionApp", classicWindowsFunctionApp],
    ["azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot", classicWindowsFunctionApp],
    ["azure:appservice/appService:AppService", classicLegacyAppService],
    ["azure:appservice/functionApp:FunctionApp", classicLegacyFunctionApp],
    ["azure:appservice/appFlexConsumption:AppFlexConsumption", classicFlexConsumptionApp],
    ["azure:appservice/slot:Slot", classicLegacySlot],
    ["azure:appservice/functionAppSlot:FunctionAppSlot", classicLegacyFunctionAppSlot],
    ["azure:logicapps/standard:Standard", classicLogicAppStandard],
    ["azure-native:resources:Resource", genericResource],
    ["azure-native:resources:Deployment", armDeployment],
    ["azure-native:resources:DeploymentAtScope", armDeployment],
    ["azure-native:resources:DeploymentAtSubscriptionScope", armDeployment],
    ["azure-native:resources:DeploymentAtManagementGroupScope", armDeployment],
    ["azure-native:resources:DeploymentAtTenantScope", armDeployment],
    ["azure-native:resources:DeploymentStackAtResourceGroup", deploymentStack],
    ["azure-native:resources:DeploymentStackAtSubscription", deploymentStack],
    ["azure-native:resources:DeploymentStackAtManagementGroup", deploymentStack],
    ["azure-native:resources:TemplateSpecVersion", templateSpecVersion],
    ["azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment", classicTemplateDeployment],
    ["azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment", classicTemplateDeployment],
    ["azure:core/tenantTemplateDeployment:TenantTemplateDeployment", classicTemplateDeployment],
    ["azure:management/groupTemplateDeployment:GroupTemplateDeployment", classicTemplateDeployment],
    ["azure-native:solutions:ApplicationDefinition", managedApplicationDefinition],
    ["azure:managedapplication/definition:Definition", managedApplicationDefinition],
    ["azure-native:solutions:Application", managedApplication],
    ["azure:managedapplication/application:Application", managedApplication],
    ["azure-native:blueprint:TemplateArtifact", blueprintTemplateArtifact],
    ["azure-native:blueprint:Assignment", blueprintAssignment],
    ["azure-native:authorization:PolicyDefinition", policyDefinition],
    ["azure-native:authorization:PolicyDefinitionAtManagementGroup", policyDefinition],
    ["azure-native:authorization:PolicyDefinitionVersion", policyDefinition],
    ["azure-native:authorization:PolicyDefinitionVersionAtManagementGroup", policyDefinition],
    ["azure:policy/definition:Definition", policyDefinition],
    ["azure-native:securityinsights:ContentTemplate", sentinelContentTemplate],
    ["azure-native:hybridnetwork:VendorSkus", hybridNetworkVendorSku],
    ["azure-native:operationsmanagement:ManagementConfiguration", managementConfiguration],
    ["azure-native:devtestlab:Environment", devTestLabEnvironment],
    ["azure-native:securityinsights:CustomizableConnectorDefinition", sentinelConnectorDefinition],
    ["azure-native:hybridnetwork:NetworkFunctionDefinitionVersion", networkFunctionDefinitionVersion],
    ["azure-native:hybridnetwork:NetworkServiceDesignVersion", networkServiceDesignVersion],
]);

/**
 * azure-native also registers each type per API version: `azure-native:web/v20220901:WebApp`. Its predecessor
 * azure-nextgen, whose provider still deploys, registered only such tokens (`azure-nextgen:web/latest:WebApp`,
 * `azure-nextgen:web/v20200601:WebApp`), with the same inputs as azure-native's.
 */
const API_VERSION_MODULE = /^azure-(?:native|nextgen):([a-zA-Z]+)\/(?:latest|v\d{8}[a-z]*):/;

/** The family of a resource type token, or undefined when the policy does not cover the type. */
export function familyOf(type: string): ResourceFamily | undefined {
    return familiesByType.get(type) ?? familiesByType.get(type.replace(API_VERSION_MODULE, "azure-native:$1:"));
}

/** All covered type tokens without an API version (for documentation and tests). */
export const coveredTypes: readonly string[] = [...familiesByType.keys()];
