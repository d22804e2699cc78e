import { DeploymentInputs, templateFamily } from "./armTemplate";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { isProblem, isRecord, ObjectValue, Value } from "../arm/values";
import { templatesAt } from "../arm/walker";
import { foldCase } from "../arm/caseFolding";

// Resources of other services that store an inline ARM template which Azure deploys later. Each template's sites
// are checked when the resource is declared, with the parameter values it stores (or the template's defaults).

/**
 * Microsoft Sentinel content templates (`azure-native:securityinsights:ContentTemplate`): Content hub installs
 * `mainTemplate` (solutions, data connectors with their Azure Functions apps, playbooks).
 */
export const sentinelContentTemplate = templateFamily(props => contentTemplateInputs(props, ""));

/** A content template's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function contentTemplateInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [{ value: readProperty(container, "mainTemplate", templatesAt([])), path: `${prefix}mainTemplate` }],
        templateLinks: [],
    };
}

/**
 * Azure Operator Service Manager vendor SKUs (`azure-native:hybridnetwork:VendorSkus`): `managedApplicationTemplate`,
 * deployed as a managed application with `managedApplicationParameters`.
 */
export const hybridNetworkVendorSku = templateFamily(props => vendorSkuInputs(props, ""));

/** A vendor SKU's inputs, found in `container` whose path is `prefix` (empty for the resource itself). */
export function vendorSkuInputs(container: object, prefix: string): DeploymentInputs {
    return {
        templates: [
            {
                value: readProperty(container, "managedApplicationTemplate", templatesAt([])),
                path: `${prefix}managedApplicationTemplate`,
            },
        ],
        parameters: {
            value: readProperty(container, "managedApplicationParameters"),
            path: `${prefix}managedApplicationParameters`,
        },
        templateLinks: [],
    };
}

/**
 * Operations Management solution configurations (`azure-native:operationsmanagement:ManagementConfiguration`):
 * `properties.template` with `properties.parameters`, a list of `{ name, value }`.
 */
export const managementConfiguration = templateFamily(managementConfigurationInputs);

/** A management configuration's inputs: `properties` of the resource, for azure-native and the generic Resource alike. */
export function managementConfigurationInputs(props: object): DeploymentInputs {
    const properties = readProperty(props, "properties", templatesAt(["template"]));
    if (!isRecord(properties)) {
        return { templates: [{ value: properties, path: "properties" }], templateLinks: [] };
    }
    return {
        templates: [{ value: member(properties, "template"), path: "properties.template" }],
        parameters: { value: namedValues(member(properties, "parameters")), path: "properties.parameters" },
        templateLinks: [],
    };
}

/** A list of `{ name, value }` as ARM parameter values `{ <name>: { value } }`; any other shape as it is. */
function namedValues(list: Value): Value {
    if (!Array.isArray(list) || isProblem(list)) {
        return list;
    }
    const byName: ObjectValue = {};
    const seen = new Set<string>();
    for (const entry of list) {
        const name = isRecord(entry) ? member(entry, "name") : undefined;
        if (typeof name !== "string" || seen.has(foldCase(name))) {
            return list; // a list the parameter reader reports as not parameter values: which entry counts is not defined
        }
        seen.add(foldCase(name));
        byName[name] = { value: member(entry as ObjectValue, "value") };
    }
    return byName;
}
