import { DeploymentInputs, templateFamily } from "./armTemplate";
import { ANY_KEY, readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isRecord, Unverifiable, Value } from "../arm/values";
import { artifactKey, joinRelative } from "../arm/templateSpecPaths";
import { templatesAt, TemplateSource } from "../arm/walker";

/**
 * azure-native `resources:TemplateSpecVersion`: `mainTemplate`, and the `linkedTemplates` it links by
 * `templateLink.relativePath`. A site staged in a spec is checked when the spec is declared (with the template's
 * default parameter values), because the deployment that uses the spec later only links it by id.
 */
export const templateSpecVersion = templateFamily(props => specInputs(props, ""));

/** A template spec version's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function specInputs(container: object, prefix: string): DeploymentInputs {
    const linkedTemplates = readProperty(container, "linkedTemplates", templatesAt([ANY_KEY, "template"]));
    const artifacts: NonNullable<TemplateSource["artifacts"]> = new Map();
    const indexes = new Map<string, number[]>();
    if (Array.isArray(linkedTemplates)) {
        linkedTemplates.forEach((artifact: Value, i) => {
            const relativePath = isRecord(artifact) ? member(artifact, "path") : undefined;
            const resolved = typeof relativePath === "string" ? joinRelative("", relativePath) : undefined;
            if (isRecord(artifact) && resolved !== undefined) {
                const key = artifactKey(resolved);
                const same = indexes.get(key) ?? [];
                same.push(i);
                indexes.set(key, same);
                artifacts.set(key, {
                    template: member(artifact, "template"),
                    path: `${prefix}linkedTemplates[${i}].template`,
                });
            }
        });
    }
    for (const [key, found] of indexes) {
        if (found.length > 1) {
            // Which of them ARM serves for the path is not defined: a link to it cannot be checked.
            const entries =
                found
                    .slice(0, 3)
                    .map(i => `${prefix}linkedTemplates[${i}]`)
                    .join(", ") + (found.length > 3 ? ` and ${found.length - 3} more` : "");
            artifacts.set(key, {
                template: new Unverifiable(
                    `${entries} have paths that name the same file ("${key}", ignoring letter case, "./", "\\" and ".."), so which one a link deploys is ambiguous`,
                ),
                path: `${prefix}linkedTemplates[${found[0]}].path`,
            });
        }
    }
    return {
        templates: [{ value: readProperty(container, "mainTemplate", templatesAt([])), path: `${prefix}mainTemplate` }],
        templateLinks: [],
        artifacts,
    };
}
