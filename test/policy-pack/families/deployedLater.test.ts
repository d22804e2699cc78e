// Resources of other services that hold an ARM template Azure deploys later, or name one by id: the sites in an
// inline template get the same verdict as a WebApp, and a template the pack cannot read is reported like a link.
import * as assert from "assert";
import { familyOf } from "../../../policy-pack/families/registry";
import { remediate, validate } from "../support";

const site = (properties: unknown) => ({
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "web",
    properties,
});
const template = (properties: unknown, extra: Record<string, unknown> = {}) => ({
    contentVersion: "1.0.0.0",
    ...extra,
    resources: [site(properties)],
});
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const optional = { clientCertEnabled: true, clientCertMode: "Optional" };

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, `expected one violation for ${type}, got ${JSON.stringify(violations)}`);
    return violations[0];
}

/** A deployIfNotExists policy rule that deploys `tpl` with `parameters`. */
const deployIfNotExists = (tpl: unknown, parameters?: unknown) => ({
    if: { field: "type", equals: "Microsoft.Resources/subscriptions/resourceGroups" },
    then: {
        effect: "deployIfNotExists",
        details: {
            type: "Microsoft.Web/sites",
            deployment: { properties: { mode: "incremental", template: tpl, parameters } },
        },
    },
});

describe("inline templates that Azure deploys later", () => {
    const routes: { type: string; props: (t: unknown) => Record<string, unknown>; path: string }[] = [
        {
            type: "azure-native:solutions:ApplicationDefinition",
            props: t => ({ lockLevel: "None", mainTemplate: t }),
            path: "mainTemplate",
        },
        {
            type: "azure:managedapplication/definition:Definition",
            props: t => ({ lockLevel: "None", mainTemplate: JSON.stringify(t) }),
            path: "mainTemplate",
        },
        {
            type: "azure-native:blueprint:TemplateArtifact",
            props: t => ({ kind: "template", template: t, resourceScope: "/subscriptions/x" }),
            path: "template",
        },
        {
            type: "azure-native:securityinsights:ContentTemplate",
            props: t => ({ mainTemplate: t, contentId: "c" }),
            path: "mainTemplate",
        },
        {
            type: "azure-native:hybridnetwork:VendorSkus",
            props: t => ({ managedApplicationTemplate: t }),
            path: "managedApplicationTemplate",
        },
        {
            type: "azure-native:operationsmanagement:ManagementConfiguration",
            props: t => ({ properties: { template: t, parameters: [], parentResourceType: "x" } }),
            path: "properties.template",
        },
        ...[
            "PolicyDefinition",
            "PolicyDefinitionAtManagementGroup",
            "PolicyDefinitionVersion",
            "PolicyDefinitionVersionAtManagementGroup",
        ].map(name => ({
            type: `azure-native:authorization:${name}`,
            props: (t: unknown) => ({ policyRule: deployIfNotExists(t) }),
            path: "policyRule.then.details.deployment.properties.template",
        })),
        {
            type: "azure:policy/definition:Definition",
            props: t => ({ policyType: "Custom", mode: "All", policyRule: JSON.stringify(deployIfNotExists(t)) }),
            path: "policyRule.then.details.deployment.properties.template",
        },
    ];

    for (const { type, props, path } of routes) {
        it(`${type}: passes a compliant site and fails mode Optional, quoting ${path}.resources[0].properties.clientCertMode`, () => {
            assert.ok(familyOf(type), `${type} should be covered`);
            assert.deepStrictEqual(validate(type, props(template(compliant))), { violations: [] });
            const message = violationOf(type, props(template(optional)));
            assert.ok(
                message.includes(`${path}.resources[0].properties.clientCertMode is "Optional" (portal: "Allow")`),
                message,
            );
        });

        it(`${type}: fails a site that leaves clientCertEnabled unset, Azure's default being off`, () => {
            assert.match(
                violationOf(type, props(template({}))),
                /clientCertEnabled is not set, so Azure's default applies: false/,
            );
        });

        it(`${type}: reports without rewriting`, () => {
            assert.deepStrictEqual(remediate(type, props(template(optional))), { properties: undefined });
        });
    }

    it("checks a managed application definition's template with its default parameter values", () => {
        const tpl = template(
            { clientCertEnabled: true, clientCertMode: "[parameters('mode')]" },
            { parameters: { mode: { type: "string", defaultValue: "Optional" } } },
        );
        assert.match(
            violationOf("azure-native:solutions:ApplicationDefinition", { mainTemplate: tpl }),
            /clientCertMode is "Optional"/,
        );
    });

    it("reports a managed application definition's package and template artifacts as links", () => {
        const message = violationOf("azure-native:solutions:ApplicationDefinition", {
            packageFileUri: "https://example.com/app.zip",
            artifacts: [
                { name: "CreateUiDefinition", type: "Custom", uri: "https://example.com/ui.json" },
                { name: "ApplicationResourceTemplate", type: "Template", uri: "https://example.com/main.json" },
            ],
        });
        assert.match(
            message,
            /packageFileUri cannot be verified before deployment: it links the template "https:\/\/example.com\/app.zip"/,
        );
        assert.match(
            message,
            /artifacts\[1\].uri cannot be verified before deployment: it links the template "https:\/\/example.com\/main.json"/,
        );
        assert.doesNotMatch(message, /ui.json/);
    });

    it("uses a blueprint artifact's parameter values over the template's defaults", () => {
        const tpl = template(
            { clientCertEnabled: true, clientCertMode: "[parameters('mode')]" },
            { parameters: { mode: { type: "string", defaultValue: "Required" } } },
        );
        const type = "azure-native:blueprint:TemplateArtifact";
        assert.deepStrictEqual(validate(type, { template: tpl }), { violations: [] });
        assert.match(
            violationOf(type, { template: tpl, parameters: { mode: { value: "Optional" } } }),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(type, { template: tpl, parameters: { mode: { value: "[parameters('bpMode')]" } } }),
            /clientCertMode is "\[parameters\('bpMode'\)\]"/,
        );
    });

    it("uses a management configuration's list of named parameter values, and refuses a name given twice", () => {
        const tpl = template(
            { clientCertEnabled: true, clientCertMode: "[parameters('mode')]" },
            { parameters: { mode: { type: "string", defaultValue: "Required" } } },
        );
        const type = "azure-native:operationsmanagement:ManagementConfiguration";
        const withParameters = (parameters: unknown) => ({ properties: { template: tpl, parameters } });
        assert.deepStrictEqual(validate(type, withParameters([{ name: "mode", value: "Required" }])), {
            violations: [],
        });
        assert.match(
            violationOf(type, withParameters([{ name: "mode", value: "Optional" }])),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(
                type,
                withParameters([
                    { name: "mode", value: "Required" },
                    { name: "Mode", value: "Optional" },
                ]),
            ),
            /clientCertMode cannot be verified before deployment/,
        );
    });

    it("reads a policy rule's keys in any letter case, as Azure does", () => {
        const rule = {
            If: {},
            THEN: {
                Effect: "DeployIfNotExists",
                Details: { Deployment: { Properties: { Template: template(optional) } } },
            },
        };
        assert.match(
            violationOf("azure-native:authorization:PolicyDefinition", { policyRule: rule }),
            /clientCertMode is "Optional"/,
        );
    });

    it("records a policy definition that neither deploys a template nor writes a client-certificate field as not applicable", () => {
        const audit = { if: { field: "type", equals: "Microsoft.Web/sites" }, then: { effect: "audit" } };
        assert.deepStrictEqual(validate("azure-native:authorization:PolicyDefinition", { policyRule: audit }), {
            violations: [],
            notApplicable:
                "no App Service site or slot in a template it deploys, and no write to a client-certificate field",
        });
    });

    const modify = (...operations: unknown[]) => ({
        if: { field: "type", equals: "Microsoft.Web/sites" },
        then: { effect: "modify", details: { roleDefinitionIds: [], operations } },
    });
    const POLICY = "azure-native:authorization:PolicyDefinition";

    it("fails a modify rule that writes a non-compliant client-certificate value, quoting the operation", () => {
        const message = violationOf(POLICY, {
            policyRule: modify({
                operation: "addOrReplace",
                field: "Microsoft.Web/sites/clientCertMode",
                value: "Optional",
            }),
        });
        assert.match(
            message,
            /- Azure Policy write to Microsoft.Web\/sites\/clientCertMode at policyRule.then.details.operations\[0\]:\n {2}- policyRule.then.details.operations\[0\].value is "Optional" \(portal: "Allow"\)/,
        );
        assert.match(
            violationOf(POLICY, {
                policyRule: modify({
                    operation: "addOrReplace",
                    field: "Microsoft.Web/sites/slots/clientCertEnabled",
                    value: false,
                }),
            }),
            /operations\[0\].value is false/,
        );
        assert.match(
            violationOf(POLICY, {
                policyRule: modify({ operation: "Remove", field: "Microsoft.Web/sites/clientCertEnabled" }),
            }),
            /operations\[0\].value is not set, so Azure's default applies: false/,
        );
        assert.match(
            violationOf(POLICY, {
                policyRule: modify({
                    operation: "addOrReplace",
                    field: "Microsoft.Web/sites/clientCertExclusionPaths",
                    value: "/",
                }),
            }),
            /operations\[0\].value is "\/", which excludes "\/"/,
        );
    });

    it("passes a modify rule that writes the required values", () => {
        const rule = modify(
            { operation: "addOrReplace", field: "Microsoft.Web/sites/clientCertEnabled", value: true },
            { operation: "addOrReplace", field: "Microsoft.Web/sites/clientCertMode", value: "Required" },
            { operation: "addOrReplace", field: "tags['team']", value: "web" },
        );
        assert.deepStrictEqual(validate(POLICY, { policyRule: rule }), { violations: [] });
    });

    it("fails an append rule that writes a non-compliant value, and one whose value is a policy expression", () => {
        const append = (value: unknown) => ({
            if: {},
            then: { effect: "append", details: [{ field: "Microsoft.Web/sites/clientCertMode", value }] },
        });
        assert.match(
            violationOf("azure:policy/definition:Definition", {
                policyRule: JSON.stringify(append("OptionalInteractiveUser")),
            }),
            /policyRule.then.details\[0\].value is "OptionalInteractiveUser"/,
        );
        assert.match(
            violationOf(POLICY, { policyRule: append("[parameters('mode')]") }),
            /details\[0\].value is "\[parameters\('mode'\)\]"/,
        );
    });

    it("reports a write to a client-certificate field it does not know as unverifiable", () => {
        assert.match(
            violationOf(POLICY, {
                policyRule: modify({
                    operation: "addOrReplace",
                    field: "Microsoft.Web/sites/clientCertSomething",
                    value: 1,
                }),
            }),
            /cannot be verified before deployment: it writes the field "Microsoft.Web\/sites\/clientCertSomething"/,
        );
    });

    it("reports a rule whose operations, an operation, its field, details or deployment are a policy expression, which may write or deploy anything", () => {
        const then = (details: unknown) => ({
            if: { field: "type", equals: "Microsoft.Web/sites" },
            then: { effect: "[parameters('effect')]", details },
        });
        const cases: [unknown, RegExp][] = [
            [
                modify({
                    operation: "addOrReplace",
                    field: "[concat('Microsoft.Web/sites/client', 'CertEnabled')]",
                    value: false,
                }),
                /policyRule.then.details.operations\[0\].field cannot be verified before deployment: policyRule.then.details.operations\[0\].field is "\[concat\(.*, an expression Azure Policy evaluates only when it applies the rule, so the field it writes cannot be known/,
            ],
            [
                modify("[parameters('operation')]"),
                /policyRule.then.details.operations\[0\] cannot be verified before deployment: .* so the field it writes cannot be known/,
            ],
            [
                then({ roleDefinitionIds: [], operations: "[parameters('operations')]" }),
                /policyRule.then.details.operations cannot be verified before deployment: .* so the operations it writes cannot be known/,
            ],
            [
                then("[parameters('details')]"),
                /policyRule.then.details is "\[parameters\('details'\)\]", an expression .* so whether it deploys a template cannot be known/,
            ],
            [
                then({ type: "Microsoft.Web/sites", deployment: "[parameters('deployment')]" }),
                /policyRule.then.details.deployment is "\[parameters\('deployment'\)\]", an expression/,
            ],
        ];
        for (const [policyRule, expected] of cases) {
            assert.match(violationOf(POLICY, { policyRule }), expected);
        }
        assert.deepStrictEqual(
            validate(POLICY, {
                policyRule: then({
                    type: "Microsoft.Web/sites",
                    existenceCondition: { field: "name", equals: "[[literal]" },
                }),
            }),
            {
                violations: [],
                notApplicable:
                    "no App Service site or slot in a template it deploys, and no write to a client-certificate field",
            },
        );
    });

    it("checks the writes of a policy definition declared as a generic Resource too", () => {
        const generic = {
            resourceProviderNamespace: "Microsoft.Authorization",
            parentResourcePath: "",
            resourceType: "policyDefinitions",
            resourceName: "p",
            properties: {
                policyRule: modify({
                    operation: "addOrReplace",
                    field: "Microsoft.Web/sites/clientCertMode",
                    value: "Optional",
                }),
            },
        };
        assert.match(
            violationOf("azure-native:resources:Resource", generic),
            /- Azure Policy write to Microsoft.Web\/sites\/clientCertMode at properties.policyRule.then.details.operations\[0\]:\n {2}- properties.policyRule.then.details.operations\[0\].value is "Optional"/,
        );
    });

    it("reports a classic policy rule that is not JSON as unverifiable", () => {
        assert.match(
            violationOf("azure:policy/definition:Definition", { policyRule: "{ not json" }),
            /policyRule is text that is not JSON/,
        );
    });
});

describe("templates named by id, which the policy cannot read", () => {
    const reviewed =
        /required: an inline template the policy can read, or, once the linked template has been reviewed, an exemption of this resource/;
    const cases: [string, Record<string, unknown>, RegExp][] = [
        [
            "azure-native:solutions:Application",
            {
                kind: "ServiceCatalog",
                applicationDefinitionId: "/subscriptions/s/providers/Microsoft.Solutions/applicationDefinitions/web",
            },
            /applicationDefinitionId cannot be verified before deployment: it links the template "\/subscriptions\/s\/providers\/Microsoft.Solutions\/applicationDefinitions\/web"/,
        ],
        [
            "azure:managedapplication/application:Application",
            { kind: "MarketPlace", plan: { name: "p", product: "web", publisher: "contoso", version: "1.0" } },
            /plan cannot be verified before deployment: it links the template/,
        ],
        [
            "azure-native:blueprint:Assignment",
            {
                blueprintId:
                    "/providers/Microsoft.Management/managementGroups/g/providers/Microsoft.Blueprint/blueprints/web/versions/1",
            },
            /blueprintId cannot be verified before deployment/,
        ],
        [
            "azure:blueprint/assignment:Assignment",
            {
                targetSubscriptionId: "/subscriptions/s",
                versionId:
                    "/providers/Microsoft.Management/managementGroups/g/providers/Microsoft.Blueprint/blueprints/web/versions/1",
            },
            /versionId cannot be verified before deployment: it links the template/,
        ],
        [
            "azure-native:devtestlab:Environment",
            { deploymentProperties: { armTemplateId: "/subscriptions/s/.../artifactsources/repo/armtemplates/web" } },
            /deploymentProperties.armTemplateId cannot be verified before deployment/,
        ],
        [
            "azure-native:securityinsights:CustomizableConnectorDefinition",
            { connectionsConfig: { templateSpecName: "web", templateSpecVersion: "1.0" } },
            /connectionsConfig cannot be verified before deployment: it links the template \{"templateSpecName":"web","templateSpecVersion":"1.0"\}/,
        ],
    ];

    for (const [type, props, expected] of cases) {
        it(`${type}: reports the template it deploys as unverifiable, and an exemption lets it through`, () => {
            const message = violationOf(type, props);
            assert.match(message, expected);
            assert.match(message, reviewed);
            const exempt = validate(type, props, {
                config: { exemptions: [{ resource: "app", reason: "definition reviewed in SEC-9" }] },
            });
            assert.deepStrictEqual(exempt, {
                violations: [],
                notApplicable: "exempt by exemptions[0]: definition reviewed in SEC-9",
            });
        });
    }

    it("reports each ARM template application of an AOSM network function definition, and no Helm application", () => {
        const type = "azure-native:hybridnetwork:NetworkFunctionDefinitionVersion";
        const props = {
            properties: {
                networkFunctionType: "VirtualNetworkFunction",
                networkFunctionTemplate: {
                    nfviType: "AzureCore",
                    networkFunctionApplications: [
                        { artifactType: "VhdImageFile", name: "image" },
                        {
                            artifactType: "ArmTemplate",
                            name: "web",
                            artifactProfile: {
                                templateArtifactProfile: { templateName: "web", templateVersion: "1.0.0" },
                            },
                        },
                    ],
                },
            },
        };
        const message = violationOf(type, props);
        assert.match(
            message,
            /properties.networkFunctionTemplate.networkFunctionApplications\[1\].artifactProfile cannot be verified before deployment/,
        );
        assert.doesNotMatch(message, /networkFunctionApplications\[0\]/);
        const helm = {
            properties: {
                networkFunctionType: "ContainerizedNetworkFunction",
                networkFunctionTemplate: {
                    nfviType: "AzureArcKubernetes",
                    networkFunctionApplications: [{ artifactType: "HelmPackage", name: "chart" }],
                },
            },
        };
        assert.strictEqual(validate(type, helm).notApplicable, "no App Service site or slot in the ARM template");
    });

    it("reports each ARM resource definition of an AOSM network service design", () => {
        const props = {
            properties: {
                resourceElementTemplates: [
                    { resourceElementType: "NetworkFunctionDefinition", name: "nf" },
                    {
                        resourceElementType: "armresourcedefinition",
                        name: "web",
                        configuration: { artifactProfile: { artifactName: "web", artifactVersion: "1.0.0" } },
                    },
                ],
            },
        };
        const message = violationOf("azure-native:hybridnetwork:NetworkServiceDesignVersion", props);
        assert.match(
            message,
            /properties.resourceElementTemplates\[1\].configuration.artifactProfile cannot be verified before deployment: it links the template \{"artifactName":"web"/,
        );
        assert.doesNotMatch(message, /resourceElementTemplates\[0\]/);
    });

    it("records a managed application with neither a definition nor a plan as not applicable", () => {
        assert.strictEqual(
            validate("azure-native:solutions:Application", { kind: "ServiceCatalog" }).notApplicable,
            "no App Service site or slot in the ARM template",
        );
    });
});

describe("the same templates declared through the generic Resource", () => {
    const GENERIC = "azure-native:resources:Resource";
    const generic = (
        namespace: string,
        resourceType: string,
        properties: unknown,
        extra: Record<string, unknown> = {},
    ) => ({
        resourceProviderNamespace: namespace,
        resourceType,
        parentResourcePath: "",
        resourceName: "r",
        apiVersion: "2021-07-01",
        ...extra,
        properties,
    });
    const cases: [string, (t: unknown) => Record<string, unknown>, string][] = [
        [
            "Microsoft.Solutions/applicationDefinitions",
            t => generic("Microsoft.Solutions", "applicationDefinitions", { lockLevel: "None", mainTemplate: t }),
            "properties.mainTemplate",
        ],
        [
            "Microsoft.Authorization/policyDefinitions",
            t => generic("Microsoft.Authorization", "policyDefinitions", { policyRule: deployIfNotExists(t) }),
            "properties.policyRule.then.details.deployment.properties.template",
        ],
        [
            "Microsoft.Blueprint/blueprints/artifacts",
            t =>
                generic(
                    "Microsoft.Blueprint",
                    "artifacts",
                    { template: t },
                    { parentResourcePath: "blueprints/web", kind: "template" },
                ),
            "properties.template",
        ],
        [
            "Microsoft.OperationsManagement/managementConfigurations",
            t => generic("microsoft.operationsmanagement", "managementConfigurations", { template: t }),
            "properties.template",
        ],
    ];

    for (const [armType, props, path] of cases) {
        it(`${armType}: passes a compliant site and fails mode Optional at ${path}`, () => {
            assert.deepStrictEqual(validate(GENERIC, props(template(compliant))), { violations: [] });
            assert.ok(
                violationOf(GENERIC, props(template(optional))).includes(
                    `${path}.resources[0].properties.clientCertMode is "Optional"`,
                ),
            );
        });
    }

    it("Microsoft.Solutions/applications: reports the definition by id and the Marketplace plan as links", () => {
        const message = violationOf(
            GENERIC,
            generic(
                "Microsoft.Solutions",
                "applications",
                { applicationDefinitionId: "/x/def" },
                { plan: { name: "p", publisher: "contoso" } },
            ),
        );
        assert.match(
            message,
            /properties.applicationDefinitionId cannot be verified before deployment: it links the template "\/x\/def"/,
        );
        assert.match(message, /- plan cannot be verified before deployment/);
    });
});
