// Azure Policy definitions and assignments declared inside a template, on every route that carries a template: ARM
// evaluates their properties in the template and stores them, and the pack then judges them as the same resources
// declared on their own. A deployIfNotExists definition deploying an insecure site fails, naming the site; a modify
// write turning certificates off fails; an assignment of a custom definition passes and is named in a notice.
import * as assert from "assert";
import { CUSTOM_DEFINITION_LINE, parseNotice } from "../../../policy-pack/notices";
import { notices, UNKNOWN, UnknownValueError, validate } from "../support";

const BUILT_IN = "/providers/Microsoft.Authorization/policyDefinitions/19dd1db6-f442-49cf-a838-b0786b4401ef";
const CUSTOM = "/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web";

/** Each route that carries a template, and where it keeps the template. */
const ROUTES: { type: string; props: (template: object) => Record<string, unknown>; path: string }[] = [
    {
        type: "azure-native:resources:Deployment",
        props: template => ({ resourceGroupName: "rg", properties: { mode: "Incremental", template } }),
        path: "properties.template",
    },
    {
        type: "azure-native:resources:DeploymentStackAtSubscription",
        props: template => ({ template, denySettings: { mode: "none" }, actionOnUnmanage: { resources: "delete" } }),
        path: "template",
    },
    {
        type: "azure-native:resources:TemplateSpecVersion",
        props: template => ({ templateSpecName: "spec", mainTemplate: template }),
        path: "mainTemplate",
    },
    {
        type: "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
        props: template => ({ templateContent: JSON.stringify(template) }),
        path: "templateContent",
    },
    {
        type: "azapi:index/resource:Resource",
        props: template => ({
            type: "Microsoft.Resources/deployments@2024-03-01",
            parentId: "/subscriptions/s",
            name: "deploy",
            body: { properties: { mode: "Incremental", template } },
        }),
        path: "properties.template", // AzAPI's paths start inside the body
    },
];

const template = (resources: object[], parameters: object = {}) => ({
    $schema: "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters,
    resources,
});

const assignment = (policyDefinitionId: unknown, extra: object = {}) => ({
    type: "Microsoft.Authorization/policyAssignments",
    apiVersion: "2024-04-01",
    name: "assign-web",
    ...extra,
    properties: { displayName: "Web apps", policyDefinitionId },
});

/**
 * A deployIfNotExists definition as a template declares one: the expressions Azure Policy evaluates later are
 * escaped `[[`, so ARM stores them as `[...]`.
 */
const deployIfNotExists = (siteProperties: object, extra: object = {}) => ({
    type: "Microsoft.Authorization/policyDefinitions",
    apiVersion: "2023-04-01",
    name: "deploy-web",
    ...extra,
    properties: {
        policyType: "Custom",
        mode: "All",
        policyRule: {
            if: { field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" },
            then: {
                effect: "deployIfNotExists",
                details: {
                    type: "Microsoft.Web/sites",
                    roleDefinitionIds: ["/providers/Microsoft.Authorization/roleDefinitions/de139f84"],
                    deployment: {
                        properties: {
                            mode: "incremental",
                            parameters: { siteName: { value: "[[concat(field('name'), '-web')]" } },
                            template: {
                                $schema:
                                    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                                contentVersion: "1.0.0.0",
                                parameters: { siteName: { type: "string" } },
                                resources: [
                                    {
                                        type: "Microsoft.Web/sites",
                                        apiVersion: "2024-04-01",
                                        name: "[[parameters('siteName')]",
                                        location: "[[resourceGroup().location]",
                                        properties: siteProperties,
                                    },
                                ],
                            },
                        },
                    },
                },
            },
        },
    },
});

const modify = (value: unknown) => ({
    type: "Microsoft.Authorization/policyDefinitions",
    apiVersion: "2023-04-01",
    name: "modify-web",
    properties: {
        policyType: "Custom",
        mode: "Indexed",
        policyRule: {
            if: { field: "type", equals: "Microsoft.Web/sites" },
            then: {
                effect: "modify",
                details: {
                    roleDefinitionIds: ["/providers/Microsoft.Authorization/roleDefinitions/de139f84"],
                    operations: [{ operation: "addOrReplace", field: "Microsoft.Web/sites/clientCertMode", value }],
                },
            },
        },
    },
});

const compliant = { clientCertEnabled: true, clientCertMode: "Required" };

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, `${type}: ${JSON.stringify(violations)}`);
    return violations[0];
}

/** Asserts the rule passes the resource, and the exemptions policy names `definitionId` assigned at `property`. */
function assertNamed(type: string, props: Record<string, unknown>, property: string, definitionId: string): void {
    const rule = validate(type, props, { name: "deploy" });
    assert.deepStrictEqual(rule.violations, [], type);
    assert.match(
        rule.notApplicable ?? "",
        /^no App Service app to check here: it assigns the custom policy definition/,
    );
    const { violations } = notices(type, props, { name: "deploy" });
    assert.strictEqual(violations.length, 1, `${type}: ${JSON.stringify(violations)}`);
    assert.deepStrictEqual(parseNotice(violations[0]), {
        notice: "custom-definition",
        type,
        name: "deploy",
        property,
        definitionId,
    });
    assert.strictEqual(violations[0].split("\n")[1], CUSTOM_DEFINITION_LINE);
}

describe("policy assignments and definitions declared inside a template", () => {
    for (const { type, props, path } of ROUTES) {
        describe(type, () => {
            const property = `${path}.resources[0].properties.policyDefinitionId`;

            it("passes an assignment of a custom definition and names it, with the id ARM evaluates", () => {
                assertNamed(type, props(template([assignment(CUSTOM)])), property, CUSTOM);
                assertNamed(
                    type,
                    props(
                        template([assignment("[parameters('definition')]")], {
                            definition: { type: "string", defaultValue: CUSTOM },
                        }),
                    ),
                    property,
                    CUSTOM,
                );
            });

            it("passes an assignment of a built-in definition with no notice", () => {
                const assigned = props(template([assignment(BUILT_IN)]));
                assert.deepStrictEqual(validate(type, assigned).violations, []);
                assert.doesNotMatch(validate(type, assigned).notApplicable ?? "", /custom policy definition/);
                assert.deepStrictEqual(notices(type, assigned).violations, []);
            });

            it("names an assignment whose id only Azure knows as written: built-in or custom, the rule passes it", () => {
                const id = "[subscriptionResourceId('Microsoft.Authorization/policyDefinitions', 'deploy-web')]";
                assertNamed(type, props(template([assignment(id)])), property, id);
            });

            it("reports an assignment whose policyDefinitionId is no id", () => {
                assert.match(
                    violationOf(type, props(template([assignment(42)]))),
                    /policyDefinitionId is 42, not a policy definition's id/,
                );
            });

            it("fails a deployIfNotExists definition whose template deploys a site without client certificates, naming it", () => {
                const message = violationOf(type, props(template([deployIfNotExists({ httpsOnly: true })])));
                assert.ok(
                    message.includes(
                        // Named by the value the definition's deployment gives it, a policy expression read as text.
                        `Microsoft.Web/sites "[concat(field('name'), '-web')]" at ${path}.resources[0].properties.policyRule.then.details.deployment.properties.template.resources[0]`,
                    ),
                    message,
                );
                assert.match(message, /clientCertEnabled is not set, so Azure's default applies: false/);
                assert.deepStrictEqual(validate(type, props(template([deployIfNotExists(compliant)]))), {
                    violations: [],
                });
            });

            it("fails a modify definition that writes mode Optional, and passes one that writes Required", () => {
                assert.match(
                    violationOf(type, props(template([modify("Optional")]))),
                    /Azure Policy write to Microsoft.Web\/sites\/clientCertMode at .*policyRule.then.details.operations\[0\]:\n {2}- .*operations\[0\].value is "Optional" \(portal: "Allow"\)/,
                );
                assert.deepStrictEqual(validate(type, props(template([modify("Required")]))).violations, []);
            });
        });
    }

    const DEPLOYMENT = ROUTES[0];

    it("evaluates a definition's properties in the template, as ARM stores them", () => {
        const fromParameter = (mode: string) =>
            DEPLOYMENT.props(
                template([modify("[parameters('mode')]")], { mode: { type: "string", defaultValue: mode } }),
            );
        assert.match(violationOf(DEPLOYMENT.type, fromParameter("Optional")), /value is "Optional"/);
        assert.deepStrictEqual(validate(DEPLOYMENT.type, fromParameter("Required")).violations, []);
        // Left unescaped, a policy-language expression is evaluated by ARM in the template, where it means nothing.
        assert.match(
            violationOf(DEPLOYMENT.type, DEPLOYMENT.props(template([modify("[field('mode')]")]))),
            /cannot be verified/,
        );
    });

    it("checks the definitions and assignments of a nested deployment and of a languageVersion 2.0 template", () => {
        const nested = {
            type: "Microsoft.Resources/deployments",
            apiVersion: "2022-09-01",
            name: "inner",
            properties: { mode: "Incremental", template: template([deployIfNotExists({})]) },
        };
        assert.match(
            violationOf(DEPLOYMENT.type, DEPLOYMENT.props(template([nested]))),
            /properties.template.resources\[0\].properties.template.resources\[0\].properties.policyRule/,
        );
        const symbolic = {
            languageVersion: "2.0",
            contentVersion: "1.0.0.0",
            resources: { "web assignment": assignment(CUSTOM) },
        };
        assertNamed(
            DEPLOYMENT.type,
            DEPLOYMENT.props(symbolic),
            'properties.template.resources["web assignment"].properties.policyDefinitionId',
            CUSTOM,
        );
    });

    it("checks the sites beside an assignment, and leaves out what ARM does not deploy", () => {
        const site = { type: "Microsoft.Web/sites", apiVersion: "2024-04-01", name: "web", properties: {} };
        assert.match(
            violationOf(DEPLOYMENT.type, DEPLOYMENT.props(template([assignment(CUSTOM), site]))),
            /Microsoft.Web\/sites "web" at properties.template.resources\[1\]/,
        );
        const skipped = DEPLOYMENT.props(
            template([deployIfNotExists({}, { condition: false }), assignment(CUSTOM, { condition: false })]),
        );
        assert.deepStrictEqual(validate(DEPLOYMENT.type, skipped).violations, []);
        assert.deepStrictEqual(notices(DEPLOYMENT.type, skipped).violations, []);
    });

    it("reports a deployIfNotExists definition that links its template, and one whose properties only Azure knows", () => {
        const linked = deployIfNotExists({});
        const deployment = linked.properties.policyRule.then.details.deployment.properties as Record<string, unknown>;
        delete deployment.template;
        deployment.templateLink = { uri: "https://example.com/site.json" };
        assert.match(
            violationOf(DEPLOYMENT.type, DEPLOYMENT.props(template([linked]))),
            /it links the template "https:\/\/example.com\/site.json", which Azure fetches during the deployment/,
        );
        const opaque = { ...modify("Required"), properties: "[reference('other').outputs.definition.value]" };
        assert.match(
            violationOf(DEPLOYMENT.type, DEPLOYMENT.props(template([opaque]))),
            /reference\(\) is known only when Azure runs the deployment/,
        );
    });

    it("leaves an assignment whose id is unknown at preview to the update", () => {
        const props = {
            resourceGroupName: "rg",
            properties: {
                mode: "Incremental",
                template: template([assignment("[parameters('definition')]")], { definition: { type: "string" } }),
                parameters: { definition: { value: UNKNOWN } },
            },
        };
        assert.throws(() => validate(DEPLOYMENT.type, props), UnknownValueError);
    });
});
