import { Located, templateFamily } from "./armTemplate";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isRecord, ObjectValue, setMember, Unverifiable, Value } from "../arm/values";
import { jsonObject } from "../arm/jsonText";

/**
 * Classic `@pulumi/azure` template deployments at every scope (`azure.core.ResourceGroupTemplateDeployment`,
 * `SubscriptionTemplateDeployment`, `TenantTemplateDeployment`, `azure.management.GroupTemplateDeployment`):
 * `templateContent` and `parametersContent` are JSON text; `templateSpecVersionId` deploys a template spec,
 * which the policy cannot read from here.
 */
export const classicTemplateDeployment = templateFamily(props => ({
    templates: [{ value: readProperty(props, "templateContent"), path: "templateContent" }],
    parameters: {
        value: parametersOf(jsonObject(readProperty(props, "parametersContent"), "parametersContent")),
        path: "parametersContent",
    },
    templateLinks: [{ value: readProperty(props, "templateSpecVersionId"), path: "templateSpecVersionId" }],
}));

/**
 * The parameter values in `parametersContent`: usually `{ "<name>": { "value": ... } }`, sometimes a whole
 * parameters file, whose values are under `parameters`.
 */
function parametersOf(content: Value): Value {
    return isRecord(content) && member(content, "$schema") !== undefined && isRecord(member(content, "parameters"))
        ? member(content, "parameters")
        : content;
}

/**
 * Classic `@pulumi/azure` before v6 (`azure.core.TemplateDeployment`, Terraform's `azurerm_template_deployment`,
 * still deployable by a program that pins either): `templateBody` is JSON text, and the parameter values come from
 * `parametersBody` (a parameters file as JSON text) or `parameters` (a map of names to string values). When both
 * are given, which values ARM receives depends on the provider's version, so no parameter can be read.
 */
export const legacyTemplateDeployment = templateFamily(props => ({
    templates: [{ value: readProperty(props, "templateBody"), path: "templateBody" }],
    parameters: legacyParameters(props),
    templateLinks: [],
}));

function legacyParameters(props: Record<string, unknown>): Located | undefined {
    const body = readProperty(props, "parametersBody");
    const map = readProperty(props, "parameters");
    const given = (value: Value) => value !== undefined && value !== null;
    if (given(body) && given(map)) {
        return {
            value: new Unverifiable(
                "parametersBody and parameters are both set: which values ARM receives depends on the provider's version",
            ),
            path: "parameters",
        };
    }
    if (given(body)) {
        return { value: parametersOf(jsonObject(body, "parametersBody")), path: "parametersBody" };
    }
    return given(map) ? { value: isRecord(map) ? asParameterValues(map) : map, path: "parameters" } : undefined;
}

/** A map of names to values as ARM's parameter values: `{ "<name>": { "value": ... } }`. */
function asParameterValues(map: ObjectValue): ObjectValue {
    const values: ObjectValue = {};
    for (const name of Object.keys(map)) {
        const value: ObjectValue = {};
        setMember(value, "value", map[name]);
        setMember(values, name, value);
    }
    return values;
}
