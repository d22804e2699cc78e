import { DeploymentInputs, templateFamily } from "./armTemplate";
import { isRecord, member, readProperty, Value } from "../arm/values";
import { TemplateSource } from "../arm/walker";

/**
 * azure-native `resources:TemplateSpecVersion`: `mainTemplate`, and the `linkedTemplates` it links by
 * `templateLink.relativePath`. A site staged in a spec is checked when the spec is declared (with the template's
 * default parameter values), because the deployment that uses the spec later only links it by id.
 */
export const templateSpecVersion = templateFamily(props => specInputs(props, ""));

/** A template spec version's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function specInputs(container: object, prefix: string): DeploymentInputs {
    const linkedTemplates = readProperty(container, "linkedTemplates", "[^/]+/template/");
    const artifacts: NonNullable<TemplateSource["artifacts"]> = new Map();
    if (Array.isArray(linkedTemplates)) {
        linkedTemplates.forEach((artifact: Value, i) => {
            const relativePath = isRecord(artifact) ? member(artifact, "path") : undefined;
            if (isRecord(artifact) && typeof relativePath === "string") {
                artifacts.set(normalised(relativePath), { template: artifact.template, path: `${prefix}linkedTemplates[${i}].template` });
            }
        });
    }
    return {
        templates: [{ value: readProperty(container, "mainTemplate", ""), path: `${prefix}mainTemplate` }],
        templateLinks: [],
        artifacts,
    };
}

function normalised(relativePath: string): string {
    return relativePath.replace(/\\/g, "/").split("/").filter(part => part !== "." && part !== "").join("/").toLowerCase();
}
