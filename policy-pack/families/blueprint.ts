import { templateFamily } from "./armTemplate";
import { readProperty } from "../arm/values";

/**
 * Blueprint template artifacts (`azure-native:blueprint:TemplateArtifact`): `template` is deployed by every
 * assignment of the blueprint, with the artifact's `parameters`. A value given there as a blueprint expression
 * (`[parameters('mode')]`, set at assignment) is read as the text it is, which never satisfies the rule.
 */
export const blueprintTemplateArtifact = templateFamily(props => ({
    templates: [{ value: readProperty(props, "template", ""), path: "template" }],
    parameters: { value: readProperty(props, "parameters"), path: "parameters" },
    templateLinks: [],
}));

/**
 * Blueprint assignments (`azure-native:blueprint:Assignment`): Azure deploys the template artifacts of the published
 * blueprint named by `blueprintId`, which the policy cannot read from the assignment: reported like a linked
 * template (exempt the assignment once the blueprint version has been reviewed).
 */
export const blueprintAssignment = templateFamily(props => ({
    templates: [],
    templateLinks: [{ value: readProperty(props, "blueprintId"), path: "blueprintId" }],
}));
