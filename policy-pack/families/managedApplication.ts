import { DeploymentInputs, Located, templateApps, templateFamily } from "./armTemplate";
import { ResourceFamily } from "./family";
import { providerPolicyApps } from "./policyAssignment";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isRecord, Value } from "../arm/values";
import { templatesAt } from "../arm/walker";

/**
 * Managed application definitions: azure-native `solutions:ApplicationDefinition` and classic
 * `azure:managedapplication/definition:Definition`. Their `mainTemplate` (an object, or JSON text) is the template
 * Azure deploys for every application made from the definition, so its sites are checked when the definition is
 * declared, with the template's default parameter values (as for template specs). `packageFileUri` and the
 * template artifacts (`artifacts[].uri`) are templates Azure fetches: links the policy cannot read. Its provider
 * `policies` assign policy definitions to each application's managed resource group, judged as assignments are.
 */
export const managedApplicationDefinition: ResourceFamily = {
    ...templateFamily(props => definitionInputs(props, "")),
    apps: (props, run) => [...templateApps(definitionInputs(props, ""), run), ...providerPolicyApps(props, "")],
};

/** A definition's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function definitionInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "mainTemplate", templatesAt([])), path: `${prefix}mainTemplate` }],
        templateLinks: [
            { value: readProperty(container, "packageFileUri"), path: `${prefix}packageFileUri` },
            ...templateArtifacts(readProperty(container, "artifacts"), `${prefix}artifacts`),
        ],
    };
}

/** The definition's artifacts that Azure deploys (all but the portal's CreateUiDefinition). */
function templateArtifacts(artifacts: Value, path: string): Located[] {
    if (!Array.isArray(artifacts)) {
        return [{ value: artifacts, path }]; // unknown at preview, or not a list: reported, not skipped
    }
    return artifacts.flatMap((artifact, i) =>
        isRecord(artifact) && /^createuidefinition$/i.test(String(member(artifact, "name")))
            ? []
            : [
                  {
                      value: isRecord(artifact) ? (member(artifact, "uri") ?? artifact) : artifact,
                      path: `${path}[${i}].uri`,
                  },
              ],
    );
}

/**
 * Managed applications: azure-native `solutions:Application` and classic
 * `azure:managedapplication/application:Application`. Azure deploys the template of the definition named by
 * `applicationDefinitionId`, or of the Marketplace offer named by `plan`; the policy cannot read either, so each
 * is reported like a linked template (exempt the application once the definition has been reviewed).
 */
export const managedApplication = templateFamily(props => applicationInputs(props, "", props));

/** An application's inputs: `applicationDefinitionId` in `container` at `prefix`, `plan` in `planHolder`. */
export function applicationInputs(container: object, prefix: string, planHolder: object): DeploymentInputs {
    return {
        templates: [],
        templateLinks: [
            { value: readProperty(container, "applicationDefinitionId"), path: `${prefix}applicationDefinitionId` },
            { value: readProperty(planHolder, "plan"), path: "plan" },
        ],
    };
}
