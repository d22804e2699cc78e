import { templateFamily } from "./armTemplate";
import { isRecord, member, readProperty, Value } from "../arm/values";
import { TemplateSource } from "../arm/walker";

/**
 * azure-native `resources:TemplateSpecVersion`: `mainTemplate`, and the `linkedTemplates` it links by
 * `templateLink.relativePath`. A site staged in a spec is checked when the spec is declared (with the template's
 * default parameter values), because the deployment that uses the spec later only links it by id.
 */
export const templateSpecVersion = templateFamily(props => {
    const linkedTemplates = readProperty(props, "linkedTemplates");
    const artifacts: NonNullable<TemplateSource["artifacts"]> = new Map();
    if (Array.isArray(linkedTemplates)) {
        linkedTemplates.forEach((artifact: Value, i) => {
            const relativePath = isRecord(artifact) ? member(artifact, "path") : undefined;
            if (isRecord(artifact) && typeof relativePath === "string") {
                artifacts.set(normalised(relativePath), { template: artifact.template, path: `linkedTemplates[${i}].template` });
            }
        });
    }
    return {
        templates: [{ value: readProperty(props, "mainTemplate"), path: "mainTemplate" }],
        templateLinks: [],
        artifacts,
    };
});

function normalised(relativePath: string): string {
    return relativePath.replace(/\\/g, "/").split("/").filter(part => part !== "." && part !== "").join("/").toLowerCase();
}
