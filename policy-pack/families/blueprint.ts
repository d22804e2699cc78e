import { DeploymentInputs, templateFamily } from "./armTemplate";
import { readProperty } from "../arm/inputCopy";
import { templatesAt } from "../arm/walker";

/**
 * Blueprint template artifacts (`azure-native:blueprint:TemplateArtifact`): `template` is deployed by every
 * assignment of the blueprint, with the artifact's `parameters`. A value given there as a blueprint expression
 * (`[parameters('mode')]`, set at assignment) is read as the text it is, which never satisfies the rule.
 */
export const blueprintTemplateArtifact = templateFamily(props => artifactInputs(props, ""));

/** A template artifact's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function artifactInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "template", templatesAt([])), path: `${prefix}template` }],
        parameters: { value: readProperty(container, "parameters"), path: `${prefix}parameters` },
        templateLinks: [],
    };
}

/**
 * Blueprint assignments (`azure-native:blueprint:Assignment`): Azure deploys the template artifacts of the published
 * blueprint named by `blueprintId`, which the policy cannot read from the assignment: reported like a linked
 * template (exempt the assignment once the blueprint version has been reviewed).
 */
export const blueprintAssignment = templateFamily(props => assignmentInputs(props, ""));

/** An assignment's inputs, found in `container` whose path is `prefix`. */
export function assignmentInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [],
        templateLinks: [{ value: readProperty(container, "blueprintId"), path: `${prefix}blueprintId` }],
    };
}

/**
 * Classic blueprint assignments (`azure:blueprint/assignment:Assignment`, azurerm_blueprint_assignment): Azure
 * deploys the template artifacts of the published blueprint version named by `versionId`, reported as the
 * azure-native assignment's `blueprintId` is.
 */
export const classicBlueprintAssignment = templateFamily(props => ({
    templates: [],
    templateLinks: [{ value: readProperty(props, "versionId"), path: "versionId" }],
}));
