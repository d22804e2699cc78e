// languageVersion 2.0 as Bicep emits it, in small templates written for these tests: each feature the real
// templates of the corpus rely on (test/fixtures/real-templates) passes a site that requires certificates and fails
// one that does not, so the behaviour is tested wherever the corpus itself is not at hand.
import * as assert from "assert";
import { validate } from "../support";

const DEPLOYMENT = "azure-native:resources:Deployment";

/** A languageVersion 2.0 template: resources keyed by symbolic name. */
const template = (resources: Record<string, unknown>, sections: Record<string, unknown> = {}) => ({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    languageVersion: "2.0",
    contentVersion: "1.0.0.0",
    ...sections,
    resources,
});
const site = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "contoso-web",
    ...extra,
    properties,
});
const deploy = (tpl: unknown, values: Record<string, unknown> = {}) =>
    validate(DEPLOYMENT, {
        resourceGroupName: "rg",
        properties: {
            mode: "Incremental",
            template: tpl,
            parameters: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])),
        },
    });

const passes = (tpl: unknown, values?: Record<string, unknown>) =>
    assert.deepStrictEqual(deploy(tpl, values), { violations: [] });

function fails(tpl: unknown, values: Record<string, unknown> | undefined, expected: RegExp): string {
    const { violations } = deploy(tpl, values);
    assert.strictEqual(violations.length, 1, `expected one violation, got ${JSON.stringify(violations)}`);
    assert.match(violations[0], expected);
    return violations[0];
}

describe("languageVersion 2.0: nullable parameters", () => {
    // Bicep: param clientCertMode string? ... clientCertMode: clientCertMode ?? 'Required'
    const withMode = (fallback: string) =>
        template(
            {
                web: site({
                    clientCertEnabled: true,
                    clientCertMode: `[coalesce(parameters('clientCertMode'), '${fallback}')]`,
                    clientCertExclusionPaths: "[parameters('clientCertExclusionPaths')]",
                }),
            },
            {
                parameters: {
                    clientCertMode: { type: "string", nullable: true },
                    clientCertExclusionPaths: { type: "string", nullable: true },
                },
            },
        );

    it("takes an omitted nullable parameter as null, so the template's fallback applies", () => {
        passes(withMode("Required"));
        fails(withMode("Optional"), {}, /clientCertMode is "Optional"/);
    });

    it("takes the deployment's value over null when it gives one", () => {
        fails(withMode("Required"), { clientCertMode: "Optional" }, /clientCertMode is "Optional"/);
        fails(withMode("Required"), { clientCertExclusionPaths: "/" }, /clientCertExclusionPaths/);
        passes(withMode("Optional"), { clientCertMode: "Required" });
    });

    it("reports an omitted parameter that is neither nullable nor defaulted, which ARM refuses", () => {
        const tpl = template(
            { web: site({ clientCertEnabled: true, clientCertMode: "[parameters('clientCertMode')]" }) },
            { parameters: { clientCertMode: { type: "string" } } },
        );
        fails(tpl, {}, /parameter 'clientCertMode' has no value in the deployment and no default/);
    });

    // Bicep: type certificates = { enabled: bool, mode: string }?  param certificates certificates
    const typed = (nullable: boolean) =>
        template(
            {
                web: site({
                    clientCertEnabled:
                        "[if(equals(parameters('certificates'), null()), true(), parameters('certificates').enabled)]",
                    clientCertMode:
                        "[if(equals(parameters('certificates'), null()), 'Required', parameters('certificates').mode)]",
                }),
            },
            {
                definitions: {
                    certificates: {
                        type: "object",
                        properties: { enabled: { type: "bool" }, mode: { type: "string" } },
                        ...(nullable ? { nullable: true } : {}),
                    },
                },
                parameters: { certificates: { $ref: "#/definitions/certificates" } },
            },
        );

    it("follows $ref to a type definition declared nullable", () => {
        passes(typed(true));
        fails(typed(true), { certificates: { enabled: true, mode: "Optional" } }, /clientCertMode is "Optional"/);
        fails(typed(false), {}, /parameter 'certificates' has no value in the deployment and no default/);
    });
});

describe("languageVersion 2.0: parameters of a user-defined type with defaults", () => {
    const tpl = (mode: string) =>
        template(
            {
                web: site({
                    clientCertEnabled: "[parameters('certificates').enabled]",
                    clientCertMode: "[parameters('certificates').mode]",
                }),
            },
            {
                definitions: {
                    certificates: {
                        type: "object",
                        properties: {
                            enabled: { type: "bool" },
                            mode: { type: "string", allowedValues: ["Required", "Optional"] },
                        },
                    },
                },
                parameters: {
                    certificates: {
                        $ref: "#/definitions/certificates",
                        defaultValue: { enabled: true, mode },
                    },
                },
            },
        );

    it("takes the default of a parameter typed by a definition when the deployment leaves it out", () => {
        passes(tpl("Required"));
        fails(tpl("Optional"), {}, /clientCertMode is "Optional"/);
    });

    it("takes the deployment's value over the default", () => {
        fails(tpl("Required"), { certificates: { enabled: false, mode: "Required" } }, /clientCertEnabled is false/);
        passes(tpl("Optional"), { certificates: { enabled: true, mode: "Required" } });
    });
});

describe("languageVersion 2.0: symbolic names, dependsOn and existing resources", () => {
    const plan = {
        type: "Microsoft.Web/serverfarms",
        apiVersion: "2024-04-01",
        name: "contoso-plan",
        sku: { name: "P1v3" },
    };
    const tpl = (properties: Record<string, unknown>) =>
        template({
            plan,
            web: site(
                { serverFarmId: "[resourceId('Microsoft.Web/serverfarms', 'contoso-plan')]", ...properties },
                { dependsOn: ["plan"] },
            ),
        });

    it("checks a site keyed by symbolic name that depends on another by its symbolic name, naming it by its key", () => {
        passes(tpl({ clientCertEnabled: true, clientCertMode: "Required" }));
        fails(
            tpl({ clientCertEnabled: true, clientCertMode: "Optional" }),
            {},
            /Microsoft.Web\/sites "contoso-web" at properties.template.resources.web:\n[^]*clientCertMode is "Optional"/,
        );
    });

    it("does not check an existing site, which the template only refers to, and checks the slot it deploys under it", () => {
        const slot = (enabled: boolean) =>
            template({
                web: site({ clientCertEnabled: false }, { existing: true }),
                staging: {
                    type: "Microsoft.Web/sites/slots",
                    apiVersion: "2024-04-01",
                    name: "contoso-web/staging",
                    dependsOn: ["web"],
                    properties: { clientCertEnabled: enabled, clientCertMode: "Required" },
                },
            });
        passes(slot(true));
        const message = fails(slot(false), {}, /Microsoft.Web\/sites\/slots "contoso-web\/staging"/);
        assert.doesNotMatch(message, /resources.web\b/);
    });
});

describe("languageVersion 2.0: user-defined functions", () => {
    // Bicep: func mode(strict bool) string => strict ? 'Required' : 'Optional'
    //        func strictMode() string => mode(true)
    const functions = [
        {
            namespace: "__bicep",
            members: {
                mode: {
                    parameters: [{ type: "bool", name: "strict" }],
                    output: { type: "string", value: "[if(parameters('strict'), 'Required', 'Optional')]" },
                },
                strictMode: { parameters: [], output: { type: "string", value: "[__bicep.mode(true())]" } },
            },
        },
    ];
    const tpl = (mode: string, extra: Record<string, unknown> = {}) =>
        template({ web: site({ clientCertEnabled: true, clientCertMode: mode }) }, { functions, ...extra });

    it("evaluates a namespaced function over the arguments it is given", () => {
        passes(tpl("[__bicep.mode(true())]"));
        fails(tpl("[__bicep.mode(false())]"), {}, /clientCertMode is "Optional"/);
    });

    it("evaluates a function that calls another, with names in any letter case", () => {
        passes(tpl("[__BICEP.StrictMode()]"));
    });

    it("passes template parameters to a function only as arguments", () => {
        const parameters = { strict: { type: "bool", defaultValue: false } };
        fails(tpl("[__bicep.mode(parameters('strict'))]", { parameters }), {}, /clientCertMode is "Optional"/);
        passes(tpl("[__bicep.mode(parameters('strict'))]", { parameters }), { strict: true });
    });

    it("reports a function the template does not define, or one called with the wrong number of arguments", () => {
        fails(tpl("[__bicep.other()]"), {}, /the template defines no function __bicep\.other\(\)/);
        fails(tpl("[__bicep.mode()]"), {}, /__bicep\.mode\(\) takes 1 arguments, not 0/);
    });

    it("reports a function that reads a template variable, which ARM does not allow", () => {
        const reading = [
            {
                namespace: "custom",
                members: { mode: { parameters: [], output: { type: "string", value: "[variables('mode')]" } } },
            },
        ];
        fails(
            template(
                { web: site({ clientCertEnabled: true, clientCertMode: "[custom.mode()]" }) },
                { functions: reading, variables: { mode: "Required" } },
            ),
            {},
            /function custom\.mode\(\) reads variable 'mode', which ARM does not allow/,
        );
    });
});

describe("languageVersion 2.0: copy loops", () => {
    // Bicep: resource sites 'Microsoft.Web/sites@...' = [for (name, i) in names: if (i != 1) { ... }]
    const tpl = (condition: string, mode: string) =>
        template(
            {
                sites: site(
                    { clientCertEnabled: true, clientCertMode: mode },
                    {
                        copy: { name: "sites", count: "[length(parameters('names'))]" },
                        condition,
                        name: "[parameters('names')[copyIndex()]]",
                    },
                ),
            },
            { parameters: { names: { type: "array", defaultValue: ["web-a", "web-b", "web-c"] } } },
        );
    const secondOptional = "[if(equals(copyIndex(), 1), 'Optional', 'Required')]";

    it("checks each copy with its own copyIndex(), naming the copy that fails", () => {
        passes(tpl("[true()]", "Required"));
        const message = fails(
            tpl("[true()]", secondOptional),
            {},
            /Microsoft.Web\/sites "web-b" \(copy 2 of 3 of loop "sites"\)[^]*clientCertMode is "Optional"/,
        );
        assert.doesNotMatch(message, /"web-a"|"web-c"/);
    });

    it("skips a copy whose own condition is false", () => {
        passes(tpl("[not(equals(copyIndex(), 1))]", secondOptional));
        fails(tpl("[not(equals(copyIndex(), 2))]", secondOptional), {}, /"web-b" \(copy 2 of 3/);
    });

    it("follows the count the deployment gives", () => {
        passes(tpl("[true()]", secondOptional), { names: ["only"] });
        fails(tpl("[true()]", secondOptional), { names: ["one", "two"] }, /"two" \(copy 2 of 2/);
    });
});

describe("languageVersion 2.0: module parameters built with createObject('value', ...)", () => {
    // Bicep: module site 'site.bicep' = { params: { clientCertMode: mode } }, with mode optional in the module
    const tpl = (outerMode: string) =>
        template(
            {
                site: {
                    type: "Microsoft.Resources/deployments",
                    apiVersion: "2022-09-01",
                    name: "site",
                    properties: {
                        mode: "Incremental",
                        expressionEvaluationOptions: { scope: "inner" },
                        parameters: {
                            clientCertMode:
                                "[if(empty(parameters('mode')), createObject('value', null()), createObject('value', parameters('mode')))]",
                        },
                        template: template(
                            {
                                web: site({
                                    clientCertEnabled: true,
                                    clientCertMode: "[coalesce(parameters('clientCertMode'), 'Optional')]",
                                }),
                            },
                            { parameters: { clientCertMode: { type: "string", nullable: true } } },
                        ),
                    },
                },
            },
            { parameters: { mode: { type: "string", defaultValue: outerMode } } },
        );

    it("evaluates the whole parameter entry in the outer scope and gives the module its value", () => {
        passes(tpl("Required"));
        fails(tpl("Optional"), {}, /clientCertMode is "Optional"/);
    });

    it("gives the module null when the entry's value is null, so the module's own fallback applies", () => {
        fails(tpl(""), {}, /clientCertMode is "Optional"/);
        passes(tpl(""), { mode: "Required" });
    });
});

describe("nested templates Bicep loads at compile time (loadJsonContent, loadTextContent)", () => {
    // Bicep: resource site 'Microsoft.Resources/deployments@2022-09-01' = { properties: {
    //   template: loadJsonContent('site.json'), parameters: { mode: { value: mode } }, ... } }
    // Bicep escapes each string of the loaded file that starts with `[` as `[[` (its LoadFunctionsTests).
    const loaded = {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: { mode: { type: "string" }, name: { type: "string", defaultValue: "contoso-web" } },
        resources: [
            {
                type: "Microsoft.Web/sites",
                apiVersion: "2024-04-01",
                name: "[[parameters('name')]",
                properties: { clientCertEnabled: true, clientCertMode: "[[parameters('mode')]" },
            },
        ],
    };
    const outer = (
        variable: unknown,
        deployment: Record<string, unknown> = { scope: "inner" },
        nestedMode = "[parameters('mode')]",
    ) =>
        template(
            {
                site: {
                    type: "Microsoft.Resources/deployments",
                    apiVersion: "2022-09-01",
                    name: "site",
                    properties: {
                        mode: "Incremental",
                        expressionEvaluationOptions: deployment,
                        parameters: { mode: { value: nestedMode } },
                        template: "[variables('$fxv#0')]",
                    },
                },
            },
            {
                parameters: { mode: { type: "string", defaultValue: "Optional" } },
                variables: { "$fxv#0": variable },
            },
        );

    it("walks the template loadJsonContent yields, its escaped expressions evaluated in the nested deployment", () => {
        passes(outer(loaded), { mode: "Required" });
        fails(
            outer(loaded),
            {},
            /Microsoft.Web\/sites "contoso-web" at properties.template.resources.site.properties.template.resources\[0\][^]*clientCertMode is "Optional"/,
        );
    });

    it("parses the JSON text loadTextContent yields, comments included, as ARM parses a template's text", () => {
        const text = `// site.json\n${JSON.stringify(loaded, null, 2).replace(/\[\[/g, "[")}`;
        passes(outer(text), { mode: "Required" });
        fails(outer(text), {}, /clientCertMode is "Optional"/);
    });

    it("evaluates expressions written unescaped in the variable in the outer template, as ARM evaluates variables", () => {
        const unescaped = JSON.parse(JSON.stringify(loaded).replace("[[parameters('mode')]", "[parameters('mode')]"));
        // The nested deployment is given Required; the outer template's mode (Optional by default) is what counts.
        passes(outer(loaded, { scope: "inner" }, "Required"));
        fails(outer(unescaped, { scope: "inner" }, "Required"), {}, /clientCertMode is "Optional"/);
        passes(outer(unescaped, { scope: "inner" }, "Optional"), { mode: "Required" });
    });

    it("reports a built template in the outer scope, where ARM does not document how its expressions are evaluated", () => {
        fails(
            outer(loaded, {}),
            {},
            /the nested template is built by the expression \[variables\('\$fxv#0'\)\] and evaluated in the outer scope[^]*expressionEvaluationOptions.scope "inner"/,
        );
    });

    it("reports a template built from what only Azure knows", () => {
        const tpl = outer("[reference('spec').properties.template]");
        fails(tpl, { mode: "Required" }, /the nested template is \[variables\('\$fxv#0'\)\], and/);
    });
});

describe("if() on a condition only Azure knows", () => {
    // The pattern module avm/ptn/app-service-lza: clientCertMode: !empty(serverFarmResourceId) ? clientCertMode : null,
    // where serverFarmResourceId is another module's output.
    const tpl = (mode: string, enabled = "[true()]") =>
        template(
            {
                web: site({
                    clientCertEnabled: enabled,
                    clientCertMode: `[if(not(empty(reference('plan').outputs.id.value)), parameters('mode'), null())]`,
                }),
            },
            { parameters: { mode: { type: "string", defaultValue: mode } } },
        );

    it("passes a setting when every branch passes (a mode unset or Required, where Azure's default is Required)", () => {
        passes(tpl("Required"));
        passes(
            template({
                web: site({
                    clientCertEnabled: true,
                    clientCertMode:
                        "[if(equals(reference('plan').kind, 'linux'), 'Required', if(empty(reference('plan').id), null(), 'Required'))]",
                }),
            }),
        );
    });

    it("reports a setting one branch of which fails as unverifiable, naming the values it can take", () => {
        fails(
            tpl("Optional"),
            {},
            /clientCertMode cannot be verified before deployment: it is \[if\(not\(empty\(reference[^]*; it is "Optional" or null depending on it/,
        );
        fails(
            tpl("Required", "[if(empty(reference('plan').id), false(), true())]"),
            {},
            /clientCertEnabled cannot be verified/,
        );
    });

    it("reports a setting whose branch itself cannot be evaluated", () => {
        fails(
            template({
                web: site({
                    clientCertEnabled: true,
                    clientCertMode: "[if(empty(reference('plan').id), reference('plan').mode, 'Required')]",
                }),
            }),
            {},
            /clientCertMode cannot be verified before deployment/,
        );
    });
});
