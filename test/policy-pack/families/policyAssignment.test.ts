// Policy assignments: Azure Policy applies the definition policyDefinitionId names, whose deployIfNotExists, modify and
// append effects may deploy a site or write its client-certificate settings. Built-ins are Microsoft's; a custom
// definition is a resource of its own, checked where it is declared, so its assignment passes the rule and the
// exemptions policy names it in an advisory notice.
import * as assert from "assert";
import { CUSTOM_DEFINITION_LINE, parseNotice } from "../../../policy-pack/notices";
import { notices, UNKNOWN, UnknownValueError, validate } from "../support";

const ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const CLASSIC_ASSIGNMENTS = [
    "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment",
    "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment",
    "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment",
    "azure:management/groupPolicyAssignment:GroupPolicyAssignment",
];
const ARTIFACT = "azure-native:blueprint:PolicyAssignmentArtifact";
const BUILT_IN = "/providers/Microsoft.Authorization/policyDefinitions/19dd1db6-f442-49cf-a838-b0786b4401ef";
const CUSTOM = "/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web";

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    return violations[0];
}

/**
 * Asserts the rule passes the resource, recording where the definition is judged, and that the exemptions policy
 * gives one notice naming the resource, the property and the definition.
 */
function assertNoticed(type: string, props: Record<string, unknown>, property: string, definitionId: string): void {
    const rule = validate(type, props, { name: "assign" });
    assert.deepStrictEqual(rule.violations, [], `${type} ${definitionId}`);
    assert.match(
        rule.notApplicable ?? "",
        /^no App Service app to check here: it assigns the custom policy definition/,
    );
    // The id as given (a long one cut short), then the property that names it.
    assert.ok(rule.notApplicable!.includes(JSON.stringify(definitionId).slice(0, 60)), rule.notApplicable);
    assert.match(
        rule.notApplicable!,
        new RegExp(`[…"](?: \\([0-9,]+ characters\\))? \\(${property.replace(/[.[\]]/g, "\\$&")}\\), whose`),
    );
    assert.match(rule.notApplicable!, /checks on the definition itself, where Pulumi declares it/);
    const { violations, notApplicable } = notices(type, props, { name: "assign" });
    assert.strictEqual(notApplicable, undefined);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    assert.deepStrictEqual(parseNotice(violations[0]), {
        notice: "custom-definition",
        type,
        name: "assign",
        property,
        definitionId,
    });
    assert.strictEqual(violations[0].split("\n")[1], CUSTOM_DEFINITION_LINE);
}

/** Asserts the rule and the exemptions policy pass the resource with no notice. */
function assertSilent(type: string, props: Record<string, unknown>): void {
    assert.deepStrictEqual(validate(type, props).violations, [], type);
    assert.deepStrictEqual(notices(type, props).violations, [], type);
}

describe("policy assignments", () => {
    it("records an assignment of a built-in definition or set, at any version, as not applicable, with no notice", () => {
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
                const notice = notices(type, { policyDefinitionId });
                assert.deepStrictEqual(notice.violations, []);
                assert.match(notice.notApplicable ?? "", /built-in policy definition or set/);
            }
        }
    });

    it("passes an assignment of a custom definition or set, judged where it is declared, and names it in a notice", () => {
        for (const policyDefinitionId of [
            CUSTOM,
            "/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policySetDefinitions/web",
        ]) {
            for (const type of [ASSIGNMENT, ...CLASSIC_ASSIGNMENTS, ARTIFACT]) {
                assertNoticed(type, { policyDefinitionId }, "policyDefinitionId", policyDefinitionId);
            }
        }
    });

    it("takes an id that only starts like a built-in's for a custom one: it climbs out, or hides a / in an escape", () => {
        for (const policyDefinitionId of [
            `/providers/Microsoft.Authorization/policyDefinitions/../../..${CUSTOM}`,
            "/providers/Microsoft.Authorization/policyDefinitions/x%2F..%2F..%2Fsubscriptions",
            `${BUILT_IN}/versions/../../../..${CUSTOM}`,
        ]) {
            assertNoticed(ASSIGNMENT, { policyDefinitionId }, "policyDefinitionId", policyDefinitionId);
        }
    });

    it("reports a policyDefinitionId that is no id at all, which cannot be verified", () => {
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
            assertNoticed(type, props(CUSTOM), "properties.policyDefinitionId", CUSTOM);
            assertSilent(type, props(BUILT_IN));
        }
    });

    it("names a definition AzAPI sends in either of two requests (sensitiveBodyVersion) once", () => {
        assertNoticed(
            "azapi:index/resource:Resource",
            {
                type: "Microsoft.Authorization/policyAssignments@2024-04-01",
                parentId: "/subscriptions/s",
                name: "web",
                body: { properties: { policyDefinitionId: CUSTOM } },
                sensitiveBody: { properties: { parameters: { secret: { value: "s" } } } },
                sensitiveBodyVersion: { "properties.parameters": "1" },
            },
            "properties.policyDefinitionId",
            CUSTOM,
        );
    });

    it("passes an AzAPI update of an assignment: it keeps its definition, or assigns the one its body names", () => {
        const update = (properties: Record<string, unknown>) => ({
            type: "Microsoft.Authorization/policyAssignments@2024-04-01",
            resourceId: "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/web",
            body: { properties },
        });
        const UPDATE = "azapi:index/updateResource:UpdateResource";
        assertSilent(UPDATE, update({ enforcementMode: "DoNotEnforce" }));
        assertNoticed(UPDATE, update({ policyDefinitionId: CUSTOM }), "properties.policyDefinitionId", CUSTOM);
    });
});

describe("a managed application definition's provider policies", () => {
    const policies = (policyDefinitionId: string) => [{ name: "p", policyDefinitionId }];
    const DEFINITION = "azure-native:solutions:ApplicationDefinition";

    it("names a custom definition assigned to each application's managed resource group, and passes a built-in", () => {
        assertNoticed(DEFINITION, { policies: policies(CUSTOM) }, "policies[0].policyDefinitionId", CUSTOM);
        assertSilent(DEFINITION, { policies: policies(BUILT_IN) });
        assertNoticed(
            "azure-native:resources:Resource",
            {
                resourceProviderNamespace: "Microsoft.Solutions",
                resourceType: "applicationDefinitions",
                resourceName: "def",
                properties: { policies: policies(CUSTOM) },
            },
            "properties.policies[0].policyDefinitionId",
            CUSTOM,
        );
    });

    it("still checks the sites of its template beside the custom definition it names", () => {
        const props = {
            mainTemplate: { resources: [{ type: "Microsoft.Web/sites", name: "s", properties: {} }] },
            policies: policies(CUSTOM),
        };
        assert.match(violationOf(DEFINITION, props), /clientCertEnabled/);
        const { violations } = notices(DEFINITION, props, { name: "assign" });
        assert.deepStrictEqual(
            violations.map(v => parseNotice(v)),
            [
                {
                    notice: "custom-definition",
                    type: DEFINITION,
                    name: "assign",
                    property: "policies[0].policyDefinitionId",
                    definitionId: CUSTOM,
                },
            ],
        );
    });
});
