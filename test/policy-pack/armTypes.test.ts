// Every ARM type the pack knows is, deploys or holds a template, exercised on every route that can declare it: the
// generic azure-native `resources:Resource`, the AzAPI provider's resource and its PUT action, and a deployment's
// template. A type
// added to armTypes.ts needs a case here (the compiler asks for it), and then fails on any route that misses it.
import * as assert from "assert";
import { DEPLOYMENT_TYPE, SITE_TYPES, TemplateHolderType, TEMPLATE_HOLDER_TYPES } from "../../policy-pack/armTypes";
import { validate } from "./support";

const insecureSite = { type: "Microsoft.Web/sites", name: "inner", properties: { clientCertEnabled: false } };
const template = { resources: [insecureSite] };
const artifactProfile = { artifactStore: { id: "/subscriptions/s/.../artifactStores/a" } };

/** `properties` of one resource of each type that deploys an insecure site, or links a template. */
const PROPERTIES: { readonly [T in TemplateHolderType | typeof DEPLOYMENT_TYPE]: object } = {
    "microsoft.resources/deployments": { mode: "Incremental", template },
    "microsoft.resources/deploymentstacks": { template },
    "microsoft.resources/templatespecs/versions": { mainTemplate: template },
    "microsoft.solutions/applicationdefinitions": { lockLevel: "None", mainTemplate: template },
    "microsoft.solutions/applications": {
        applicationDefinitionId: "/subscriptions/s/providers/Microsoft.Solutions/applicationDefinitions/d",
    },
    "microsoft.blueprint/blueprints/artifacts": { template },
    "microsoft.blueprint/blueprintassignments": {
        blueprintId:
            "/providers/Microsoft.Management/managementGroups/g/providers/Microsoft.Blueprint/blueprints/b/versions/1",
    },
    "microsoft.authorization/policydefinitions": {
        policyRule: {
            if: { field: "type", equals: "Microsoft.Web/sites" },
            then: {
                effect: "deployIfNotExists",
                details: { type: "Microsoft.Web/sites", deployment: { properties: { mode: "incremental", template } } },
            },
        },
    },
    "microsoft.authorization/policydefinitions/versions": {
        policyRule: {
            if: { field: "type", equals: "Microsoft.Web/sites" },
            then: {
                effect: "modify",
                details: {
                    operations: [
                        { operation: "addOrReplace", field: "Microsoft.Web/sites/clientCertEnabled", value: false },
                    ],
                },
            },
        },
    },
    "microsoft.securityinsights/contenttemplates": { mainTemplate: template },
    "microsoft.securityinsights/dataconnectordefinitions": {
        connectionsConfig: { templateSpecName: "t", templateSpecVersion: "1" },
    },
    "microsoft.devtestlab/labs/users/environments": {
        deploymentProperties: { armTemplateId: "/subscriptions/s/.../artifactsources/a/armtemplates/t" },
    },
    "microsoft.hybridnetwork/vendors/vendorskus": { managedApplicationTemplate: template },
    "microsoft.operationsmanagement/managementconfigurations": { template },
    "microsoft.hybridnetwork/publishers/networkfunctiondefinitiongroups/networkfunctiondefinitionversions": {
        networkFunctionTemplate: {
            networkFunctionApplications: [{ artifactType: "ArmTemplate", artifactProfile }],
        },
    },
    "microsoft.hybridnetwork/publishers/networkservicedesigngroups/networkservicedesignversions": {
        resourceElementTemplates: [
            { resourceElementType: "ArmResourceDefinition", configuration: { artifactProfile } },
        ],
    },
};

const CASES: [string, object][] = [
    ...[...SITE_TYPES].map((type): [string, object] => [type, { clientCertEnabled: false }]),
    ...Object.entries(PROPERTIES),
];

/** The type as Azure spells it, its segments after the namespace and the names of the resources along its path. */
function parts(type: string) {
    const [namespace, ...types] = type.split("/");
    return { namespace, types, names: types.map((_, i) => `n${i}`) };
}

function assertReported(tokenType: string, props: Record<string, unknown>, armType: string) {
    const { violations, notApplicable } = validate(tokenType, props);
    assert.strictEqual(notApplicable, undefined, `${armType}: ${notApplicable}`);
    assert.ok(violations.length >= 1, `${armType}: no violation`);
}

describe("every ARM type that is, deploys or holds a template, on every route", () => {
    it("has a case for each type armTypes.ts names", () => {
        assert.deepStrictEqual(
            CASES.map(([type]) => type).sort(),
            [...SITE_TYPES, DEPLOYMENT_TYPE, ...TEMPLATE_HOLDER_TYPES].sort(),
        );
    });

    for (const [type, properties] of CASES) {
        it(`${type}: reported on the generic Resource, AzAPI's resource and PUT action, and inside a template`, () => {
            const { namespace, types, names } = parts(type);
            const parent = types
                .slice(0, -1)
                .flatMap((segment, i) => [segment, names[i]])
                .join("/");
            assertReported(
                "azure-native:resources:Resource",
                {
                    resourceProviderNamespace: namespace,
                    parentResourcePath: parent,
                    resourceType: types[types.length - 1],
                    resourceName: names[names.length - 1],
                    apiVersion: "2024-01-01",
                    properties,
                },
                type,
            );
            assertReported(
                "azapi:index/resource:Resource",
                {
                    type: `${type}@2024-01-01`,
                    parentId: `/subscriptions/s/resourceGroups/rg${parent === "" ? "" : `/providers/${namespace}/${parent}`}`,
                    name: names[names.length - 1],
                    body: { properties },
                },
                type,
            );
            assertReported(
                "azapi:index/resourceAction:ResourceAction",
                {
                    type: `${type}@2024-01-01`,
                    resourceId: `/subscriptions/s/resourceGroups/rg/providers/${namespace}/${types.flatMap((segment, i) => [segment, names[i]]).join("/")}`,
                    method: "PUT",
                    body: { properties },
                },
                type,
            );
            assertReported(
                "azure-native:resources:Deployment",
                {
                    resourceGroupName: "rg",
                    properties: {
                        mode: "Incremental",
                        template: {
                            resources: [{ type, name: names.join("/"), apiVersion: "2024-01-01", properties }],
                        },
                    },
                },
                type,
            );
        });
    }
});
