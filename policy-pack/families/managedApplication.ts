import { Located, templateFamily } from "./armTemplate";
import { isRecord, member, readProperty, Value } from "../arm/values";

/**
 * Managed application definitions: azure-native `solutions:ApplicationDefinition` and classic
 * `azure:managedapplication/definition:Definition`. Their `mainTemplate` (an object, or JSON text) is the template
 * Azure deploys for every application made from the definition, so its sites are checked when the definition is
 * declared, with the template's default parameter values (as for template specs). `packageFileUri` and the
 * template artifacts (`artifacts[].uri`) are templates Azure fetches: links the policy cannot read.
 */
export const managedApplicationDefinition = templateFamily(props => ({
    templates: [{ value: readProperty(props, "mainTemplate", ""), path: "mainTemplate" }],
    templateLinks: [{ value: readProperty(props, "packageFileUri"), path: "packageFileUri" }, ...templateArtifacts(readProperty(props, "artifacts"))],
}));

/** The azure-native definition's artifacts that Azure deploys (all but the portal's CreateUiDefinition). */
function templateArtifacts(artifacts: Value): Located[] {
    if (!Array.isArray(artifacts)) {
        return [{ value: artifacts, path: "artifacts" }]; // unknown at preview, or not a list: reported, not skipped
    }
    return artifacts.flatMap((artifact, i) => isRecord(artifact) && /^createuidefinition$/i.test(String(member(artifact, "name")))
        ? []
        : [{ value: isRecord(artifact) ? member(artifact, "uri") ?? artifact : artifact, path: `artifacts[${i}].uri` }]);
}

/**
 * Managed applications: azure-native `solutions:Application` and classic
 * `azure:managedapplication/application:Application`. Azure deploys the template of the definition named by
 * `applicationDefinitionId`, or of the Marketplace offer named by `plan`; the policy cannot read either, so each
 * is reported like a linked template (exempt the application once the definition has been reviewed).
 */
export const managedApplication = templateFamily(props => ({
    templates: [],
    templateLinks: [
        { value: readProperty(props, "applicationDefinitionId"), path: "applicationDefinitionId" },
        { value: readProperty(props, "plan"), path: "plan" },
    ],
}));
