import { DeploymentInputs, Located, templateFamily } from "./armTemplate";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isRecord, Value } from "../arm/values";
import { foldCase } from "../arm/caseFolding";

// Resources of other services that deploy an ARM template named by an id, which the policy cannot read from the
// resource: each is reported like a linked template (exempt the resource once the template has been reviewed).

/** DevTest Labs environments (`azure-native:devtestlab:Environment`): `deploymentProperties.armTemplateId`. */
export const devTestLabEnvironment = templateFamily(props => environmentInputs(props, ""));

/** An environment's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function environmentInputs(container: object, prefix: string): DeploymentInputs {
    const deployment = readProperty(container, "deploymentProperties");
    return {
        templates: [],
        templateLinks: [
            {
                value: isRecord(deployment) ? member(deployment, "armTemplateId") : deployment,
                path: `${prefix}deploymentProperties.armTemplateId`,
            },
        ],
    };
}

/**
 * Microsoft Sentinel codeless connector definitions (`azure-native:securityinsights:CustomizableConnectorDefinition`):
 * connecting deploys the template spec named by `connectionsConfig` (`templateSpecName`, `templateSpecVersion`).
 */
export const sentinelConnectorDefinition = templateFamily(props => connectorDefinitionInputs(props, ""));

/** A connector definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function connectorDefinitionInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [],
        templateLinks: [{ value: readProperty(container, "connectionsConfig"), path: `${prefix}connectionsConfig` }],
    };
}

/**
 * Azure Operator Service Manager network function definition versions (`azure-native:hybridnetwork:
 * NetworkFunctionDefinitionVersion`): each `ArmTemplate` application in `properties.networkFunctionTemplate.
 * networkFunctionApplications` deploys a template from an artifact store (`artifactProfile`). Helm and image
 * applications deploy no ARM template.
 */
export const networkFunctionDefinitionVersion = templateFamily(networkFunctionDefinitionInputs);

/** A network function definition version's inputs: `properties`, for azure-native and the generic Resource alike. */
export function networkFunctionDefinitionInputs(props: object): DeploymentInputs {
    const properties = readProperty(props, "properties");
    const template = isRecord(properties) ? member(properties, "networkFunctionTemplate") : properties;
    const applications = isRecord(template) ? member(template, "networkFunctionApplications") : template;
    return {
        templates: [],
        templateLinks: armArtifacts(
            applications,
            "artifactType",
            "ArmTemplate",
            "properties.networkFunctionTemplate.networkFunctionApplications",
            ["artifactProfile"],
        ),
    };
}

/**
 * AOSM network service design versions (`azure-native:hybridnetwork:NetworkServiceDesignVersion`): each
 * `ArmResourceDefinition` in `properties.resourceElementTemplates` deploys a template from an artifact store
 * (`configuration.artifactProfile`).
 */
export const networkServiceDesignVersion = templateFamily(networkServiceDesignInputs);

/** A network service design version's inputs: `properties`, for azure-native and the generic Resource alike. */
export function networkServiceDesignInputs(props: object): DeploymentInputs {
    const properties = readProperty(props, "properties");
    const elements = isRecord(properties) ? member(properties, "resourceElementTemplates") : properties;
    return {
        templates: [],
        templateLinks: armArtifacts(
            elements,
            "resourceElementType",
            "ArmResourceDefinition",
            "properties.resourceElementTemplates",
            ["configuration", "artifactProfile"],
        ),
    };
}

/**
 * The artifact references of the entries of `list` whose `typeKey` is `armType` (any letter case), each with its
 * path; a list that is not a list, or an entry whose type cannot be read, is reported as it is.
 */
function armArtifacts(list: Value, typeKey: string, armType: string, path: string, profilePath: string[]): Located[] {
    if (list === undefined || list === null) {
        return [];
    }
    if (!Array.isArray(list)) {
        return [{ value: list, path }];
    }
    return list.flatMap((entry, i) => {
        const type = isRecord(entry) ? member(entry, typeKey) : undefined;
        if (typeof type === "string" && foldCase(type) !== foldCase(armType)) {
            return [];
        }
        let profile: Value = entry;
        for (const key of profilePath) {
            profile = isRecord(profile) ? (member(profile, key) ?? profile) : profile;
        }
        return [{ value: profile ?? entry, path: `${path}[${i}].${profilePath.join(".")}` }];
    });
}
