import { templateFamily } from "./armTemplate";
import { isRecord, member, readProperty } from "../arm/values";

// Resources of other services that deploy an ARM template named by an id, which the policy cannot read from the
// resource: each is reported like a linked template (exempt the resource once the template has been reviewed).

/** DevTest Labs environments (`azure-native:devtestlab:Environment`): `deploymentProperties.armTemplateId`. */
export const devTestLabEnvironment = templateFamily(props => {
    const deployment = readProperty(props, "deploymentProperties");
    return {
        templates: [],
        templateLinks: [{
            value: isRecord(deployment) ? member(deployment, "armTemplateId") : deployment,
            path: "deploymentProperties.armTemplateId",
        }],
    };
});

/**
 * Microsoft Sentinel codeless connector definitions (`azure-native:securityinsights:CustomizableConnectorDefinition`):
 * connecting deploys the template spec named by `connectionsConfig` (`templateSpecName`, `templateSpecVersion`).
 */
export const sentinelConnectorDefinition = templateFamily(props => ({
    templates: [],
    templateLinks: [{ value: readProperty(props, "connectionsConfig"), path: "connectionsConfig" }],
}));
