// Policy assignments: Azure Policy applies the definition policyDefinitionId names, whose deployIfNotExists, modify and
// append effects may deploy a site or write its client-certificate settings. Built-ins are Microsoft's; any other
// definition cannot be read from the assignment.
import * as assert from "assert";
import { UNKNOWN, UnknownValueError, validate } from "../support";

const ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const CLASSIC_ASSIGNMENTS = [
    "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment",
    "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment",
    "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment",
    "azure:management/groupPolicyAssignment:GroupPolicyAssignment",
];
const BUILT_IN = "/providers/Microsoft.Authorization/policyDefinitions/19dd1db6-f442-49cf-a838-b0786b4401ef";
const CUSTOM = "/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web";

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    return violations[0];
}

describe("policy assignments", () => {
    it("records an assignment of a built-in definition or set, at any version, as not applicable", () => {
        for (const policyDefinitionId of [
            BUILT_IN,
            "/providers/microsoft.authorization/policysetdefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
            `${BUILT_IN}/versions/1.*.*`,
        ]) {
            for (const type of [
                ASSIGNMENT,
                "azure-native:authorization/v20240401:PolicyAssignment",
                ...CLASSIC_ASSIGNMENTS,
            ]) {
                const { violations, notApplicable } = validate(type, { policyDefinitionId });
                assert.deepStrictEqual(violations, [], `${type} ${policyDefinitionId}`);
                assert.match(notApplicable ?? "", /built-in policy definition or set, Microsoft's own/);
            }
        }
    });

    it("reports an assignment of a custom definition or set, which it cannot read, naming policyDefinitionId", () => {
        for (const policyDefinitionId of [
            CUSTOM,
            "/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policySetDefinitions/web",
            // A built-in's prefix does not make one: the path climbs out of it, or hides a / in an escape.
            `/providers/Microsoft.Authorization/policyDefinitions/../../..${CUSTOM}`,
            "/providers/Microsoft.Authorization/policyDefinitions/x%2F..%2F..%2Fsubscriptions",
        ]) {
            for (const type of [
                ASSIGNMENT,
                ...CLASSIC_ASSIGNMENTS,
                "azure-native:blueprint:PolicyAssignmentArtifact",
            ]) {
                const message = violationOf(type, { policyDefinitionId });
                assert.match(message, /policyDefinitionId cannot be verified/, `${type} ${policyDefinitionId}`);
                assert.match(message, /custom policy definition or set/);
            }
        }
        assert.match(violationOf(ASSIGNMENT, { policyDefinitionId: 42 }), /not a policy definition's id/);
    });

    it("leaves a definition id unknown at preview (a definition the stack declares) to the update", () => {
        assert.throws(() => validate(ASSIGNMENT, { policyDefinitionId: UNKNOWN }), UnknownValueError);
    });

    it("reads an assignment declared as the generic Resource, through AzAPI or as a blueprint artifact, under properties", () => {
        const generic = (policyDefinitionId: string) => ({
            resourceProviderNamespace: "Microsoft.Authorization",
            resourceType: "policyAssignments",
            resourceName: "web",
            properties: { policyDefinitionId },
        });
        const azapi = (policyDefinitionId: string) => ({
            type: "Microsoft.Authorization/policyAssignments@2024-04-01",
            parentId: "/subscriptions/s",
            name: "web",
            body: { properties: { policyDefinitionId } },
        });
        const artifact = (policyDefinitionId: string) => ({
            resourceProviderNamespace: "Microsoft.Blueprint",
            parentResourcePath: "blueprints/bp",
            resourceType: "artifacts",
            resourceName: "assign",
            kind: "policyAssignment",
            properties: { policyDefinitionId },
        });
        for (const [type, props] of [
            ["azure-native:resources:Resource", generic],
            ["azapi:index/resource:Resource", azapi],
            ["azure-native:resources:Resource", artifact],
        ] as const) {
            assert.match(violationOf(type, props(CUSTOM)), /properties\.policyDefinitionId cannot be verified/, type);
            assert.deepStrictEqual(validate(type, props(BUILT_IN)).violations, [], type);
        }
    });
});

describe("a managed application definition's provider policies", () => {
    const policies = (policyDefinitionId: string) => [{ name: "p", policyDefinitionId }];

    it("reports a custom definition assigned to each application's managed resource group, and passes a built-in", () => {
        assert.match(
            violationOf("azure-native:solutions:ApplicationDefinition", { policies: policies(CUSTOM) }),
            /policies\[0\]\.policyDefinitionId cannot be verified/,
        );
        assert.deepStrictEqual(
            validate("azure-native:solutions:ApplicationDefinition", { policies: policies(BUILT_IN) }).violations,
            [],
        );
        assert.match(
            violationOf("azure-native:resources:Resource", {
                resourceProviderNamespace: "Microsoft.Solutions",
                resourceType: "applicationDefinitions",
                resourceName: "def",
                properties: { policies: policies(CUSTOM) },
            }),
            /properties\.policies\[0\]\.policyDefinitionId cannot be verified/,
        );
    });
});
