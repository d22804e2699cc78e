// Every route by which an ARM template reaches Azure, and the template rules the policy follows inside it:
// the same verdict as a WebApp with the same settings, with each site's own location and property paths.
import * as assert from "assert";
import { familyOf } from "../../../policy-pack/families/registry";
import { MAX_NESTING } from "../../../policy-pack/arm/walker";
import { MAX_EVALUATION_STEPS } from "../../../policy-pack/arm/budget";
import { UNKNOWN, UnknownValueError, validate, withSteps } from "../support";

const DEPLOYMENT = "azure-native:resources:Deployment";
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const site = (properties: unknown, extra: Record<string, unknown> = {}) => ({
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "web",
    ...extra,
    properties,
});
const template = (resources: unknown, extra: Record<string, unknown> = {}) => ({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    ...extra,
    resources,
});
const deployment = (tpl: unknown, parameters?: unknown) => ({
    resourceGroupName: "rg",
    properties: { mode: "Incremental", template: tpl, parameters },
});
const nested = (tpl: unknown, properties: Record<string, unknown> = {}) => ({
    type: "Microsoft.Resources/deployments",
    apiVersion: "2022-09-01",
    name: "inner",
    properties: { mode: "Incremental", ...properties, template: tpl },
});

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, `expected one violation for ${type}, got ${JSON.stringify(violations)}`);
    return violations[0];
}

const passes = (type: string, props: Record<string, unknown>) =>
    assert.deepStrictEqual(validate(type, props), { violations: [] });

describe("template routes: every resource type that deploys an ARM template", () => {
    const tpl = (properties: unknown) => template([site(properties)]);
    const routes: { type: string; props: (t: unknown) => Record<string, unknown>; path: string }[] = [
        ...[
            "Deployment",
            "DeploymentAtScope",
            "DeploymentAtSubscriptionScope",
            "DeploymentAtManagementGroupScope",
            "DeploymentAtTenantScope",
        ].map(name => ({
            type: `azure-native:resources:${name}`,
            props: (t: unknown) => deployment(t),
            path: "properties.template",
        })),
        ...["DeploymentStackAtResourceGroup", "DeploymentStackAtSubscription", "DeploymentStackAtManagementGroup"].map(
            name => ({
                type: `azure-native:resources:${name}`,
                props: (t: unknown) => ({
                    template: t,
                    denySettings: { mode: "none" },
                    actionOnUnmanage: { resources: "delete" },
                }),
                path: "template",
            }),
        ),
        {
            type: "azure-native:resources:TemplateSpecVersion",
            props: t => ({ templateSpecName: "spec", mainTemplate: t }),
            path: "mainTemplate",
        },
        ...[
            "core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
            "core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
            "core/tenantTemplateDeployment:TenantTemplateDeployment",
            "management/groupTemplateDeployment:GroupTemplateDeployment",
        ].map(token => ({
            type: `azure:${token}`,
            props: (t: unknown) => ({
                deploymentMode: "Incremental",
                templateContent: typeof t === "string" ? t : JSON.stringify(t),
            }),
            path: "templateContent",
        })),
        {
            // Classic before v6, and Terraform's azurerm_template_deployment used directly (dynamically bridged).
            type: "azure:core/templateDeployment:TemplateDeployment",
            props: (t: unknown) => ({
                deploymentMode: "Incremental",
                templateBody: typeof t === "string" ? t : JSON.stringify(t),
            }),
            path: "templateBody",
        },
        {
            type: "azurerm:index/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
            props: (t: unknown) => ({
                deploymentMode: "Incremental",
                templateContent: typeof t === "string" ? t : JSON.stringify(t),
            }),
            path: "templateContent",
        },
        { type: "azure-native:resources/v20240301:Deployment", props: t => deployment(t), path: "properties.template" },
        {
            type: "azure-native:resources/v20240701:DeploymentStackAtSubscription",
            props: t => ({ template: t }),
            path: "template",
        },
        {
            type: "azure-native:resources/v20220201:TemplateSpecVersion",
            props: t => ({ mainTemplate: t }),
            path: "mainTemplate",
        },
    ];

    for (const { type, props, path } of routes) {
        it(`${type}: passes a compliant site and fails a non-compliant one, quoting ${path}.resources[0].properties.clientCertMode`, () => {
            assert.ok(familyOf(type), `${type} should be covered`);
            passes(type, props(tpl(compliant)));
            const message = violationOf(type, props(tpl({ clientCertEnabled: true, clientCertMode: "Optional" })));
            assert.ok(message.startsWith(`${type} "app" does not require incoming client certificates`), message);
            assert.ok(
                message.includes(
                    `- Microsoft.Web/sites "web" at ${path}.resources[0]:\n  - ${path}.resources[0].properties.clientCertMode is "Optional" (portal: "Allow")`,
                ),
                message,
            );
            assert.match(message, /in the properties of each site and slot in the ARM template/);
        });

        it(`${type}: reads the template given as JSON text or as an object`, () => {
            assert.match(
                violationOf(type, props(JSON.stringify(tpl({ clientCertEnabled: false })))),
                /properties.clientCertEnabled is false/,
            );
        });

        it(`${type}: records a template without sites as not applicable`, () => {
            const outcome = validate(
                type,
                props(template([{ type: "Microsoft.Storage/storageAccounts", name: "st" }])),
            );
            assert.deepStrictEqual(outcome, {
                violations: [],
                notApplicable: "no App Service site or slot in the ARM template",
            });
        });
    }

    it("takes the deployment's parameter values over the template's defaults (azure-native deployment)", () => {
        const tplWithParameter = template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
            parameters: { mode: { type: "string", defaultValue: "Required" } },
        });
        passes(DEPLOYMENT, deployment(tplWithParameter));
        assert.match(
            violationOf(DEPLOYMENT, deployment(tplWithParameter, { mode: { value: "Optional" } })),
            /clientCertMode is "Optional"/,
        );
    });

    it("takes parameter values from a deployment stack's top-level parameters", () => {
        const tplWithParameter = template([site({ clientCertEnabled: "[parameters('on')]" })], {
            parameters: { on: { type: "bool", defaultValue: true } },
        });
        assert.match(
            violationOf("azure-native:resources:DeploymentStackAtResourceGroup", {
                template: tplWithParameter,
                parameters: { on: { value: false } },
            }),
            /template.resources\[0\].properties.clientCertEnabled is false/,
        );
    });

    it("takes parameter values from a classic parametersContent, as a parameters object or a whole parameters file", () => {
        const type = "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment";
        const templateContent = JSON.stringify(
            template([site({ clientCertEnabled: "[parameters('on')]" })], {
                parameters: { on: { type: "bool", defaultValue: true } },
            }),
        );
        assert.match(
            violationOf(type, { templateContent, parametersContent: JSON.stringify({ on: { value: false } }) }),
            /clientCertEnabled is false/,
        );
        const file = {
            $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            contentVersion: "1.0.0.0",
            parameters: { on: { value: false } },
        };
        assert.match(
            violationOf(type, { templateContent, parametersContent: JSON.stringify(file) }),
            /clientCertEnabled is false/,
        );
        passes(type, { templateContent, parametersContent: JSON.stringify({ on: { value: true } }) });
    });

    it("takes parameter values of the legacy classic TemplateDeployment from parametersBody or the parameters map, never from both", () => {
        const type = "azure:core/templateDeployment:TemplateDeployment";
        const templateBody = JSON.stringify(
            template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
                parameters: { mode: { type: "string", defaultValue: "Required" } },
            }),
        );
        passes(type, { templateBody });
        assert.match(
            violationOf(type, { templateBody, parameters: { mode: "Optional" } }),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(type, { templateBody, parametersBody: JSON.stringify({ mode: { value: "Optional" } }) }),
            /clientCertMode is "Optional"/,
        );
        passes(type, { templateBody, parameters: { mode: "Required" } });
        assert.match(
            violationOf(type, {
                templateBody,
                parameters: { mode: "Required" },
                parametersBody: JSON.stringify({ mode: { value: "Required" } }),
            }),
            /clientCertMode cannot be verified before deployment: .*parametersBody and parameters are both set/,
        );
    });

    it("keeps every member of parameter values, even those shaped like template resources", () => {
        const type = "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment";
        const templateContent = JSON.stringify(
            template(
                [
                    site({
                        clientCertEnabled: true,
                        clientCertMode:
                            "[if(equals(string(parameters('resources').properties), '{\"clientCertMode\":\"x\"}'), 'Required', 'Optional')]",
                    }),
                ],
                { parameters: { resources: { type: "object" } } },
            ),
        );
        const parametersContent = JSON.stringify({
            resources: { value: { properties: { clientCertMode: "x", other: 1 } } },
        });
        assert.match(violationOf(type, { templateContent, parametersContent }), /clientCertMode is "Optional"/);
    });

    it("checks template-spec artifacts that the main template links by relative path, with the parameters it passes", () => {
        const artifact = template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
            parameters: { mode: { type: "string" } },
        });
        const main = template([
            {
                type: "Microsoft.Resources/deployments",
                apiVersion: "2022-09-01",
                name: "app",
                properties: {
                    mode: "Incremental",
                    templateLink: { relativePath: "./nested/app.json" },
                    parameters: { mode: { value: "Optional" } },
                },
            },
        ]);
        const message = violationOf("azure-native:resources:TemplateSpecVersion", {
            mainTemplate: main,
            linkedTemplates: [{ path: "nested/app.json", template: artifact }],
        });
        assert.match(message, /linkedTemplates\[0\].template.resources\[0\].properties.clientCertMode is "Optional"/);
    });
});

describe("template routes: links the policy cannot read", () => {
    const reviewed =
        /required: an inline template the policy can read, or, once the linked template has been reviewed, an exemption of this resource \(by logical name or URN\) in the policy config's exemptions/;

    it("reports a deployment of a template linked by URI as unverifiable, naming the link", () => {
        const message = violationOf(DEPLOYMENT, {
            properties: { mode: "Incremental", templateLink: { uri: "https://example.com/site.json" } },
        });
        assert.match(
            message,
            /- linked template at properties.templateLink:\n {2}- properties.templateLink cannot be verified before deployment: it links the template "https:\/\/example.com\/site.json", which Azure fetches during the deployment/,
        );
        assert.match(message, reviewed);
    });

    it("reports a deployment of a template spec by id, at every scope and in a deployment stack", () => {
        const id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/web/versions/1.0";
        assert.match(
            violationOf("azure-native:resources:DeploymentAtSubscriptionScope", {
                properties: { mode: "Incremental", templateLink: { id } },
            }),
            /properties.templateLink cannot be verified before deployment: it links the template "\/subscriptions\/0/,
        );
        assert.match(
            violationOf("azure-native:resources:DeploymentStackAtManagementGroup", { templateLink: { id } }),
            /\n {2}- templateLink cannot be verified before deployment: it links the template/,
        );
        assert.match(
            violationOf("azure:management/groupTemplateDeployment:GroupTemplateDeployment", {
                templateSpecVersionId: id,
            }),
            /templateSpecVersionId cannot be verified before deployment: it links the template/,
        );
    });

    it("reports a linked parameters file as unverifiable where a site takes a parameter, and not where none does", () => {
        const tplWithParameter = template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
            parameters: { mode: { type: "string", defaultValue: "Required" } },
        });
        const props = {
            properties: {
                mode: "Incremental",
                template: tplWithParameter,
                parametersLink: { uri: "https://example.com/p.json" },
            },
        };
        assert.match(
            violationOf(DEPLOYMENT, props),
            /clientCertMode cannot be verified before deployment: it is \[parameters\('mode'\)\], and properties.parametersLink links the parameters file "https:\/\/example.com\/p.json"/,
        );
        passes(DEPLOYMENT, { properties: { ...props.properties, template: template([site(compliant)]) } });
    });

    it("reports a nested deployment of a linked template, wherever it is", () => {
        const message = violationOf(
            DEPLOYMENT,
            deployment(
                template([
                    {
                        type: "Microsoft.Resources/deployments",
                        name: "linked",
                        properties: { templateLink: { uri: "https://example.com/x.json" } },
                    },
                ]),
            ),
        );
        assert.match(
            message,
            /Microsoft.Resources\/deployments "linked" at properties.template.resources\[0\]:\n {2}- properties.template.resources\[0\].properties.templateLink cannot be verified/,
        );
    });

    it("lets an exemption of the resource cover a reviewed link", () => {
        const outcome = validate(
            DEPLOYMENT,
            { properties: { templateLink: { uri: "https://example.com/reviewed.json" } } },
            {
                name: "reviewed",
                config: { exemptions: [{ resource: "reviewed", reason: "template reviewed in SEC-200" }] },
            },
        );
        assert.deepStrictEqual(outcome, {
            violations: [],
            notApplicable: "exempt by exemptions[0]: template reviewed in SEC-200",
        });
    });
});

describe("template rules: where sites are found", () => {
    it("checks Microsoft.Web/sites/slots entries and slots nested in a site, with their own paths", () => {
        const slot = {
            type: "Microsoft.Web/sites/slots",
            name: "web/staging",
            properties: { clientCertEnabled: true, clientCertMode: "Optional" },
        };
        const child = site(compliant, {
            resources: [{ type: "slots", name: "blue", properties: { clientCertEnabled: false } }],
        });
        const message = violationOf(DEPLOYMENT, deployment(template([child, slot])));
        assert.match(
            message,
            /- Microsoft.Web\/sites\/slots "blue" at properties.template.resources\[0\].resources\[0\]:\n {2}- properties.template.resources\[0\].resources\[0\].properties.clientCertEnabled is false/,
        );
        assert.match(
            message,
            /- Microsoft.Web\/sites\/slots "web\/staging" at properties.template.resources\[1\]:\n {2}- properties.template.resources\[1\].properties.clientCertMode is "Optional"/,
        );
    });

    it("matches type names and template keys ignoring case, as ARM does", () => {
        const props = deployment({
            Resources: [{ TYPE: "microsoft.web/SITES", name: "web", Properties: { ClientCertEnabled: false } }],
        });
        assert.match(
            violationOf(DEPLOYMENT, props),
            /properties.template.resources\[0\].properties.clientCertEnabled is false/,
        );
    });

    it("reads a type whose letters ARM may fold to a site's (Microsoft.Web/ſites) as a site", () => {
        const message = violationOf(
            DEPLOYMENT,
            deployment(template([{ ...site({ clientCertEnabled: false }), type: "Microsoft.Web/\u017Fites" }])),
        );
        assert.match(message, /clientCertEnabled is false/);
    });

    it("reads a type with blanks around its segments or a trailing slash as the type it may be routed to", () => {
        for (const type of [
            " Microsoft.Web/sites",
            "Microsoft.Web/sites/",
            "Microsoft.Web/ sites",
            "Microsoft.Web//sites",
        ]) {
            assert.match(
                violationOf(DEPLOYMENT, deployment(template([{ ...site({ clientCertEnabled: false }), type }]))),
                /clientCertEnabled is false/,
                type,
            );
        }
    });

    it("reports a resource declared inside a template that holds a template of its own, whatever its route", () => {
        for (const type of [
            "Microsoft.Solutions/applicationDefinitions",
            "Microsoft.Blueprint/blueprints/artifacts",
            "Microsoft.Resources/deploymentStacks",
        ]) {
            const message = violationOf(
                DEPLOYMENT,
                deployment(
                    template([
                        {
                            type,
                            apiVersion: "2021-07-01",
                            name: "held",
                            properties: { mainTemplate: template([site(compliant)]) },
                        },
                    ]),
                ),
            );
            assert.match(message, /declares a template inside a template/, type);
        }
    });

    it("judges a policy definition inside a template as one declared on its own: its deployments and writes", () => {
        const definition = (then: unknown) => ({
            type: "Microsoft.Authorization/policyDefinitions",
            apiVersion: "2021-06-01",
            name: "p",
            properties: { policyRule: { if: { field: "type", equals: "Microsoft.Web/sites" }, then } },
        });
        assert.deepStrictEqual(
            validate(DEPLOYMENT, deployment(template([definition({ effect: "audit" })]))).violations,
            [],
        );
        const message = violationOf(
            DEPLOYMENT,
            deployment(
                template([
                    definition({
                        effect: "deployIfNotExists",
                        details: {
                            type: "Microsoft.Web/sites",
                            deployment: {
                                properties: {
                                    mode: "incremental",
                                    template: template([site({ clientCertEnabled: false })]),
                                },
                            },
                        },
                    }),
                ]),
            ),
        );
        assert.match(
            message,
            /Microsoft.Web\/sites "web" at properties.template.resources\[0\].properties.policyRule.then.details.deployment.properties.template.resources\[0\]:\n {2}- .*clientCertEnabled is false/,
        );
        const modify = definition({
            effect: "modify",
            details: {
                operations: [
                    { operation: "addOrReplace", field: "Microsoft.Web/sites/clientCertEnabled", value: false },
                ],
            },
        });
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([modify]))),
            /Azure Policy write to Microsoft.Web\/sites\/clientCertEnabled at properties.template.resources\[0\].properties.policyRule.then.details.operations\[0\]/,
        );
    });

    it("reports a setting given twice in different letter cases with different values", () => {
        const props = deployment(
            template([site({ clientCertEnabled: true, ClientCertEnabled: false, clientCertMode: "Required" })]),
        );
        assert.match(
            violationOf(DEPLOYMENT, props),
            /clientCertEnabled cannot be verified before deployment: it is given twice, as "clientCertEnabled" and "ClientCertEnabled"/,
        );
    });

    it("reports a setting built by a property copy loop", () => {
        const props = deployment(
            template([site({ ...compliant, copy: [{ name: "clientCertMode", count: 1, input: "Optional" }] })]),
        );
        assert.match(
            violationOf(DEPLOYMENT, props),
            /clientCertMode cannot be verified before deployment: the site's properties build clientCertMode with a copy loop/,
        );
    });

    it("reads languageVersion 2.0 symbolic resources, and skips existing ones", () => {
        const tpl = template(
            {
                front: site({ clientCertEnabled: false }),
                "old-site": { ...site({ clientCertEnabled: false }), existing: true },
            },
            { languageVersion: "2.0" },
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment(tpl)),
            /at properties.template.resources.front:\n {2}- properties.template.resources.front.properties.clientCertEnabled is false/,
        );
    });

    it("checks a site marked existing outside languageVersion 2.0, where ARM deploys it", () => {
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([{ ...site({ clientCertEnabled: false }), existing: true }]))),
            /clientCertEnabled is false/,
        );
    });

    it("checks each copy of a loop whose count is known, with its copyIndex(), and one verdict for a loop whose count is not", () => {
        const looped = (count: unknown) =>
            site(
                { clientCertEnabled: false },
                { name: "[concat('web', copyIndex())]", copy: { name: "sites", count } },
            );
        const message = violationOf(DEPLOYMENT, deployment(template([looped(3)])));
        for (const i of [0, 1, 2]) {
            assert.match(
                message,
                new RegExp(
                    `Microsoft.Web/sites "web${i}" \\(copy ${i + 1} of 3 of loop "sites"\\) at properties.template.resources\\[0\\]`,
                ),
            );
        }
        passes(DEPLOYMENT, deployment(template([{ ...looped(3), properties: compliant }])));
        const byIndex = (count: unknown) => ({
            ...looped(count),
            properties: {
                clientCertEnabled: true,
                clientCertMode: "[if(equals(copyIndex('sites', 1), 1), 'Required', 'Optional')]",
            },
        });
        const second = violationOf(DEPLOYMENT, deployment(template([byIndex(2)])));
        assert.match(second, /"web1" \(copy 2 of 2 of loop "sites"\)[^]*clientCertMode is "Optional"/);
        assert.doesNotMatch(second, /"web0"/);
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([byIndex("[length(reference('x').names)]")]))),
            /\(copy loop "sites": one verdict for every copy\)[^]*clientCertMode cannot be verified before deployment: it is \[if\(equals\(copyIndex\('sites', 1\), 1\), 'Required', 'Optional'\)\], and copyIndex\(\) differs/,
        );
    });

    it("skips a site whose condition is false, and checks one whose condition cannot be known", () => {
        const tpl = (condition: unknown) =>
            template([site({ clientCertEnabled: false }, { condition })], {
                parameters: { deploy: { type: "bool", defaultValue: false } },
            });
        assert.deepStrictEqual(validate(DEPLOYMENT, deployment(tpl("[parameters('deploy')]"))).violations, []);
        assert.match(
            violationOf(DEPLOYMENT, deployment(tpl("[parameters('deploy')]"), { deploy: { value: true } })),
            /clientCertEnabled is false/,
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment(tpl("[equals(reference('x').on, 1)]"))),
            /clientCertEnabled is false/,
        );
    });

    it("checks the children of a resource whose condition is false: conditional deployment does not cascade", () => {
        const slot = {
            type: "slots",
            apiVersion: "2024-04-01",
            name: "staging",
            properties: { clientCertEnabled: false },
        };
        const parent = { ...site(compliant, { condition: false }), resources: [slot] };
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([parent]))),
            /Microsoft.Web\/sites\/slots "staging" at properties.template.resources\[0\].resources\[0\]:\n {2}- properties.template.resources\[0\].resources\[0\].properties.clientCertEnabled is false/,
        );
        passes(DEPLOYMENT, deployment(template([{ ...parent, resources: [{ ...slot, properties: compliant }] }])));
        const skippedDeployment = {
            ...nested(template([site({ clientCertEnabled: false })])),
            condition: false,
            resources: [{ ...slot, type: "Microsoft.Web/sites/slots", name: "web/staging" }],
        };
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([skippedDeployment]))),
            /"web\/staging" at properties.template.resources\[0\].resources\[0\]/,
        );
    });

    it("checks the children declared inside an existing resource of languageVersion 2.0, which ARM deploys", () => {
        const slot = {
            type: "slots",
            apiVersion: "2024-04-01",
            name: "staging",
            properties: { clientCertEnabled: false },
        };
        const tpl = template(
            { web: { ...site({ clientCertEnabled: false }), existing: true, resources: [slot] } },
            { languageVersion: "2.0" },
        );
        const message = violationOf(DEPLOYMENT, deployment(tpl));
        assert.match(
            message,
            /Microsoft.Web\/sites\/slots "staging" at properties.template.resources.web.resources\[0\]/,
        );
        assert.doesNotMatch(message, /sites "web"/);
    });

    it("deploys nothing for a copy loop whose count is 0, and checks one whose count cannot be evaluated", () => {
        const looped = (count: unknown) =>
            template(
                [
                    site(
                        { clientCertEnabled: false },
                        { name: "[concat('web', copyIndex())]", copy: { name: "sites", count } },
                    ),
                ],
                { parameters: { names: { type: "array", defaultValue: [] } } },
            );
        assert.strictEqual(
            validate(DEPLOYMENT, deployment(looped(0))).notApplicable,
            "no App Service site or slot in the ARM template",
        );
        assert.strictEqual(
            validate(DEPLOYMENT, deployment(looped("[length(parameters('names'))]"))).notApplicable,
            "no App Service site or slot in the ARM template",
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment(looped("[length(parameters('names'))]"), { names: { value: ["a"] } })),
            /"web0" \(copy 1 of 1 of loop "sites"\)/,
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment(looped("[length(reference('x').names)]"))),
            /clientCertEnabled is false/,
        );
    });

    it("reads a template given as JSON text with // and /* */ comments, as ARM does, and not a comment inside a string", () => {
        const text = `{
            // the site
            "resources": [ /* one site */ { "type": "Microsoft.Web/sites", "name": "a//b", "properties": { "clientCertEnabled": true, "clientCertMode": "Optional /* not a comment */" } } ]
        }`;
        const message = violationOf("azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment", {
            templateContent: text,
        });
        assert.match(message, /"a\/\/b" at templateContent.resources\[0\]/);
        assert.match(message, /clientCertMode is "Optional \/\* not a comment \*\/"/);
        passes(DEPLOYMENT, deployment(text.replace("Optional /* not a comment */", "Required")));
        assert.match(
            violationOf(DEPLOYMENT, deployment("{ /* never closed ")),
            /not JSON \(a \/\* comment is not closed, at character 3\)/,
        );
    });

    it("reads a site's setting whose property name is an expression, as ARM evaluates it", () => {
        const named = (properties: Record<string, unknown>) => deployment(template([site(properties)]));
        assert.match(
            violationOf(DEPLOYMENT, named({ clientCertEnabled: true, "[concat('clientCert', 'Mode')]": "Optional" })),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(DEPLOYMENT, named({ clientCertEnabled: true, "[reference('x').name]": "Optional" })),
            /the property name \[reference\('x'\).name\] cannot be evaluated/,
        );
        passes(DEPLOYMENT, named({ "[toLower('CLIENTCERTENABLED')]": true }));
    });

    it("evaluates union() as ARM's deep merge, so a later object's mode wins", () => {
        const tpl = template([site("[union(variables('defaults'), variables('overrides'))]")], {
            variables: {
                defaults: { clientCertEnabled: true, clientCertMode: "Required" },
                overrides: { clientCertMode: "Optional" },
            },
        });
        assert.match(violationOf(DEPLOYMENT, deployment(tpl)), /clientCertMode is "Optional"/);
        passes(
            DEPLOYMENT,
            deployment(
                template([site("[union(variables('defaults'), createObject('httpsOnly', true()))]")], {
                    variables: { defaults: compliant },
                }),
            ),
        );
    });

    it("takes a site's whole properties object from a parameter or a variable", () => {
        const fromParameter = template([{ ...site({}), properties: "[parameters('siteProperties')]" }], {
            parameters: { siteProperties: { type: "object" } },
        });
        passes(DEPLOYMENT, deployment(fromParameter, { siteProperties: { value: compliant } }));
        const fromVariable = template([{ ...site({}), properties: "[variables('siteProperties')]" }], {
            variables: { siteProperties: { clientCertEnabled: true, clientCertMode: "[toUpper('optional')]" } },
        });
        assert.match(
            violationOf(DEPLOYMENT, deployment(fromVariable)),
            /properties.template.resources\[0\].properties.clientCertMode is "OPTIONAL"/,
        );
        const unreadable = template([{ ...site({}), properties: "[reference('other').properties]" }]);
        assert.match(
            violationOf(DEPLOYMENT, deployment(unreadable)),
            /clientCertEnabled cannot be verified before deployment: the site's properties are \[reference\('other'\).properties\], and reference\(\) is known only when Azure runs the deployment/,
        );
    });

    it("passes a compliant template written with variables and if()", () => {
        const tpl = template(
            [
                site({
                    clientCertEnabled: "[variables('certificates').enabled]",
                    clientCertMode:
                        "[if(equals(parameters('environment'), 'prod'), variables('certificates').mode, 'Required')]",
                }),
            ],
            {
                parameters: { environment: { type: "string", defaultValue: "prod" } },
                variables: {
                    certificates: {
                        enabled: "[not(equals(parameters('environment'), 'none'))]",
                        mode: "[concat('Requ', 'ired')]",
                    },
                },
            },
        );
        passes(DEPLOYMENT, deployment(tpl));
        passes(DEPLOYMENT, deployment(tpl, { environment: { value: "test" } }));
        assert.match(
            violationOf(DEPLOYMENT, deployment(tpl, { environment: { value: "none" } })),
            /clientCertEnabled is false/,
        );
    });
});

describe("template rules: nested deployments", () => {
    const outerTemplate = (inner: unknown, extra: Record<string, unknown> = {}) =>
        template([inner], {
            parameters: { mode: { type: "string", defaultValue: "Optional" } },
            variables: { on: true },
            ...extra,
        });

    it("evaluates a nested template in the outer scope by default: the outer parameters and variables", () => {
        const inner = nested(
            template([site({ clientCertEnabled: "[variables('on')]", clientCertMode: "[parameters('mode')]" })]),
        );
        const message = violationOf(DEPLOYMENT, deployment(outerTemplate(inner)));
        assert.match(
            message,
            /Microsoft.Web\/sites "web" at properties.template.resources\[0\].properties.template.resources\[0\]:\n {2}- properties.template.resources\[0\].properties.template.resources\[0\].properties.clientCertMode is "Optional"/,
        );
        passes(DEPLOYMENT, deployment(outerTemplate(inner), { mode: { value: "Required" } }));
    });

    it("evaluates an inner-scope template with its own parameters, given by the nested deployment and evaluated in the outer scope", () => {
        const innerTemplate = template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
            parameters: { mode: { type: "string", defaultValue: "Required" } },
        });
        const withValue = (value: unknown) =>
            nested(innerTemplate, { expressionEvaluationOptions: { scope: "inner" }, parameters: { mode: { value } } });
        assert.match(
            violationOf(DEPLOYMENT, deployment(outerTemplate(withValue("[parameters('mode')]")))),
            /clientCertMode is "Optional"/,
        );
        passes(DEPLOYMENT, deployment(outerTemplate(withValue("[concat('Requ', 'ired')]"))));
        passes(
            DEPLOYMENT,
            deployment(outerTemplate(nested(innerTemplate, { expressionEvaluationOptions: { scope: "Inner" } }))),
        );
    });

    it("finds a site nested deployments deep, at every scope", () => {
        let tpl: unknown = template([site({ clientCertEnabled: false })]);
        for (let i = 0; i < 10; i++) {
            tpl = template([nested(tpl, i % 2 ? { expressionEvaluationOptions: { scope: "inner" } } : {})]);
        }
        assert.match(
            violationOf(DEPLOYMENT, deployment(tpl)),
            /(properties.template.resources\[0\].){10}properties.template.resources\[0\].properties.clientCertEnabled is false/,
        );
    });

    it("reports a nested template built by an expression, or with an unknown evaluation scope", () => {
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([nested("[variables('tpl')]")]))),
            /the nested template is built by the expression \[variables\('tpl'\)\]/,
        );
        assert.match(
            violationOf(
                DEPLOYMENT,
                deployment(template([nested(template([]), { expressionEvaluationOptions: { scope: "sideways" } })])),
            ),
            /neither "inner" nor "outer"/,
        );
    });
});

describe("template rules: bad input gets a message, never a crash", () => {
    it("reports template text that is not JSON", () => {
        assert.match(
            violationOf(DEPLOYMENT, deployment('{ "resources": [')),
            /properties.template cannot be verified before deployment: properties.template is text that is not JSON/,
        );
    });

    it("reports a template or deployment of the wrong shape", () => {
        assert.match(
            violationOf(DEPLOYMENT, deployment(42)),
            /properties.template is 42, not an ARM template object or its JSON text/,
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment({ resources: "all of them" })),
            /properties.template.resources is "all of them", not an array or object of resources/,
        );
        assert.match(
            violationOf(DEPLOYMENT, { properties: "inline" }),
            /properties is "inline", not an object with an inline template or a templateLink/,
        );
        assert.match(
            violationOf(DEPLOYMENT, deployment(template([{ ...site({}), properties: [1] }]))),
            /the site's properties are \[1\], not an object/,
        );
    });

    it("passes a template whose entries are junk but hold no site", () => {
        const outcome = validate(
            DEPLOYMENT,
            deployment(template([null, 7, "x", [], { type: 5 }, { name: "no type" }])),
        );
        assert.deepStrictEqual(outcome.violations, []);
    });

    it("reports deployments nested hundreds deep at the depth where it stops reading, without overflowing the stack", () => {
        let tpl: unknown = template([site(compliant)]);
        for (let i = 0; i < 300; i++) {
            tpl = template([nested(tpl)]);
        }
        const message = violationOf(DEPLOYMENT, deployment(tpl));
        assert.match(
            message,
            new RegExp(`it is nested more than ${MAX_NESTING} levels deep, and the policy reads no deeper`),
        );
    });

    it("reads a template with 5,000 sites and names only the non-compliant ones", () => {
        const sites = Array.from({ length: 5000 }, (_, i) =>
            site(i === 4321 ? { clientCertEnabled: false } : compliant, { name: `web${i}` }),
        );
        const { result: message, steps } = withSteps(() => violationOf(DEPLOYMENT, deployment(template(sites))));
        assert.ok(
            steps <= MAX_EVALUATION_STEPS,
            `took ${steps.toLocaleString("en-US")} steps, past one resource's budget`,
        );
        assert.strictEqual(message.match(/^- /gm)?.length, 1);
        assert.match(message, /"web4321" at properties.template.resources\[4321\]/);
    });

    it("never reads __proto__ or constructor keys as anything but template keys", () => {
        const tpl = JSON.parse(
            JSON.stringify(template([site(compliant)])).replace(
                '"resources"',
                '"__proto__": {"resources": []}, "constructor": {"x": 1}, "resources"',
            ),
        );
        passes(DEPLOYMENT, deployment(tpl));
        const poisoned = JSON.parse(
            '{"resources": [{"type": "Microsoft.Web/sites", "name": "w", "properties": {"__proto__": {"clientCertEnabled": true}, "clientCertMode": "Required"}}]}',
        );
        assert.match(violationOf(DEPLOYMENT, deployment(poisoned)), /clientCertEnabled is not set/);
    });
});

describe("template rules: values unknown at preview", () => {
    it("keeps a definite violation of one site when another site's setting is unknown", () => {
        const message = violationOf(
            DEPLOYMENT,
            deployment(
                template([site({ clientCertEnabled: false }), site({ clientCertEnabled: UNKNOWN }, { name: "api" })]),
            ),
        );
        assert.match(
            message,
            /"web" at properties.template.resources\[0\]:\n {2}- properties.template.resources\[0\].properties.clientCertEnabled is false/,
        );
        assert.match(
            message,
            /"api" at properties.template.resources\[1\]:\n {2}- properties.template.resources\[1\].properties.clientCertEnabled is not known until the update/,
        );
    });

    it("leaves an undecidable template to the engine as an unknown value, wherever the unknown is", () => {
        const tplWithParameter = template([site({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })], {
            parameters: { mode: { type: "string" } },
        });
        for (const props of [
            deployment(template([site({ ...compliant, clientCertMode: UNKNOWN })])),
            { properties: UNKNOWN },
            deployment(UNKNOWN),
            deployment(template(UNKNOWN)),
            deployment(tplWithParameter, { mode: { value: UNKNOWN } }),
            deployment(tplWithParameter, UNKNOWN),
        ]) {
            assert.throws(() => validate(DEPLOYMENT, props), UnknownValueError, JSON.stringify(props));
        }
    });

    it("is not fooled by an unknown value that is not one of the three settings", () => {
        passes(
            DEPLOYMENT,
            deployment(
                template([
                    site({ ...compliant, serverFarmId: UNKNOWN }),
                    { type: "Microsoft.Storage/storageAccounts", name: UNKNOWN },
                ]),
            ),
        );
    });
});
