// Resources as Azure reads them back: what `pulumi import`, `pulumi refresh` and audit-mode discovery in Pulumi Cloud
// hand the pack, azure-native's output properties rather than a program's inputs. Two shapes differ from the
// inputs the families are written for: a deployment's read state holds no template (ARM returns only its hash,
// outputs and links), and a generic Resource's read state names its ARM type in `type` instead of
// `resourceProviderNamespace` / `resourceType`.
import { member } from "../arm/members";
import { isRecord, Value } from "../arm/values";
import { shownText } from "../shownText";
import { foldCase } from "../arm/caseFolding";

/**
 * Fields ARM returns in a deployment's read state and that are no inputs of azure-native's deployment types
 * (`DeploymentPropertiesExtendedResponse`): both are set on every deployment Azure has accepted.
 */
const READ_ONLY_DEPLOYMENT_FIELDS = ["templateHash", "provisioningState"];

/**
 * Inputs that address a deployment: `deploymentName` (every scope; the provider names a deployment the program
 * leaves unnamed), `resourceGroupName`, `scope`, `groupId`, and a generic Resource's `resourceName`. A program's
 * deployment has them and `pulumi import` records them; Azure's read state has `name` instead. With one of them
 * present the properties are a program's inputs, whatever else they hold, so read-only fields written into a
 * program never turn its linked template into "read state".
 */
const ADDRESSING_INPUTS = ["deploymentName", "resourceGroupName", "scope", "groupId", "resourceName"];

/**
 * Why a deployment's properties are Azure's read state of it, or undefined when they are not: no template, the
 * read-only fields ARM sets, no addressing input. The sites such a deployment created are resources of their own
 * in the same read (discovered `web:WebApp`s), judged there with their settings as Azure holds them now.
 */
export function deploymentReadState(props: Record<string, unknown>, properties: Value): string | undefined {
    if (
        !isRecord(properties) ||
        member(properties, "template") !== undefined ||
        !READ_ONLY_DEPLOYMENT_FIELDS.every(field => typeof member(properties, field) === "string") ||
        ADDRESSING_INPUTS.some(input => props[input] !== undefined)
    ) {
        return undefined;
    }
    const link = member(properties, "templateLink");
    const uri = isRecord(link) ? (member(link, "uri") ?? member(link, "id")) : undefined;
    return (
        "Azure's read state of a deployment (properties.templateHash and provisioningState, no properties.template): " +
        "ARM does not return the template" +
        (typeof uri === "string" ? ` deployed from ${shownText(uri, 120)}` : "") +
        ", so the sites and slots it created are judged as their own resources"
    );
}

/** Why a template resource holding neither a template nor a link has nothing to check. */
export function noTemplateContent(paths: readonly string[]): string {
    return (
        `no template content: ${paths.join(" and ")} not set (Azure's read state never holds a template), so the ` +
        "sites and slots it deployed are judged as their own resources"
    );
}

/**
 * The ARM type of a generic Resource in read state (`type`, e.g. `Microsoft.Web/sites`), folded as ARM compares
 * names (`foldCase`), used when the inputs that name it (`resourceProviderNamespace`, `resourceType`) are absent;
 * empty otherwise.
 */
export function readStateArmType(props: Record<string, unknown>): string {
    return props.resourceProviderNamespace === undefined &&
        props.resourceType === undefined &&
        typeof props.type === "string"
        ? foldCase(props.type)
        : "";
}
