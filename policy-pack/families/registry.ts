import { azapiDataPlaneResource, azapiResource, azapiResourceAction, azapiUpdateResource } from "./azapi";
import { appFamilies } from "./appFamilies";
import { armDeployment, deploymentStack } from "./armDeployment";
import { blueprintAssignment, blueprintTemplateArtifact, classicBlueprintAssignment } from "./blueprint";
import { classicTemplateDeployment, legacyTemplateDeployment } from "./classicTemplateDeployment";
import { CoveredType, coveredTypeOf } from "./coveredTypes";
import { ResourceFamily } from "./family";
import { genericResource } from "./genericResource";
import { managedApplication, managedApplicationDefinition } from "./managedApplication";
import { policyAssignment } from "./policyAssignment";
import { policyDefinition } from "./policyDefinition";
import { hybridNetworkVendorSku, managementConfiguration, sentinelContentTemplate } from "./storedTemplates";
import {
    devTestLabEnvironment,
    networkFunctionDefinitionVersion,
    networkServiceDesignVersion,
    sentinelConnectorDefinition,
} from "./templateReferences";
import { templateSpecVersion } from "./templateSpec";

/** The family of every covered type: the apps' own, and those of the types that may hold apps. */
const familiesByType: { readonly [T in CoveredType]: ResourceFamily } = {
    ...appFamilies,
    "azure-native:resources:Resource": genericResource,
    "azure-native:resources:Deployment": armDeployment,
    "azure-native:resources:DeploymentAtScope": armDeployment,
    "azure-native:resources:DeploymentAtSubscriptionScope": armDeployment,
    "azure-native:resources:DeploymentAtManagementGroupScope": armDeployment,
    "azure-native:resources:DeploymentAtTenantScope": armDeployment,
    "azure-native:resources:DeploymentStackAtResourceGroup": deploymentStack,
    "azure-native:resources:DeploymentStackAtSubscription": deploymentStack,
    "azure-native:resources:DeploymentStackAtManagementGroup": deploymentStack,
    "azure-native:resources:TemplateSpecVersion": templateSpecVersion,
    "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment": classicTemplateDeployment,
    "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment": classicTemplateDeployment,
    "azure:core/tenantTemplateDeployment:TenantTemplateDeployment": classicTemplateDeployment,
    "azure:core/templateDeployment:TemplateDeployment": legacyTemplateDeployment,
    "azure:management/groupTemplateDeployment:GroupTemplateDeployment": classicTemplateDeployment,
    "azure-native:solutions:ApplicationDefinition": managedApplicationDefinition,
    "azure:managedapplication/definition:Definition": managedApplicationDefinition,
    "azure-native:solutions:Application": managedApplication,
    "azure:managedapplication/application:Application": managedApplication,
    "azure-native:blueprint:TemplateArtifact": blueprintTemplateArtifact,
    "azure-native:blueprint:Assignment": blueprintAssignment,
    "azure:blueprint/assignment:Assignment": classicBlueprintAssignment,
    "azure-native:authorization:PolicyDefinition": policyDefinition,
    "azure-native:authorization:PolicyDefinitionAtManagementGroup": policyDefinition,
    "azure-native:authorization:PolicyDefinitionVersion": policyDefinition,
    "azure-native:authorization:PolicyDefinitionVersionAtManagementGroup": policyDefinition,
    "azure:policy/definition:Definition": policyDefinition,
    "azure-native:authorization:PolicyAssignment": policyAssignment,
    "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment": policyAssignment,
    "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment": policyAssignment,
    "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment": policyAssignment,
    "azure:management/groupPolicyAssignment:GroupPolicyAssignment": policyAssignment,
    "azure-native:blueprint:PolicyAssignmentArtifact": policyAssignment,
    "azure-native:securityinsights:ContentTemplate": sentinelContentTemplate,
    "azure-native:hybridnetwork:VendorSkus": hybridNetworkVendorSku,
    "azure-native:operationsmanagement:ManagementConfiguration": managementConfiguration,
    "azure-native:devtestlab:Environment": devTestLabEnvironment,
    "azure-native:securityinsights:CustomizableConnectorDefinition": sentinelConnectorDefinition,
    "azure-native:hybridnetwork:NetworkFunctionDefinitionVersion": networkFunctionDefinitionVersion,
    "azure-native:hybridnetwork:NetworkServiceDesignVersion": networkServiceDesignVersion,
    "azapi:index/resource:Resource": azapiResource,
    "azapi:index/updateResource:UpdateResource": azapiUpdateResource,
    "azapi:index/resourceAction:ResourceAction": azapiResourceAction,
    "azapi:index/dataPlaneResource:DataPlaneResource": azapiDataPlaneResource,
};

/** The family of a resource type token, or undefined when the policy does not cover the type. */
export function familyOf(type: string): ResourceFamily | undefined {
    const covered = coveredTypeOf(type);
    return covered === undefined ? undefined : familiesByType[covered];
}
