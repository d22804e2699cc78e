// ARM reads property keys in any letter case, the keys of the resources that hold templates included: every route
// finds its template, parameters and links however their keys are written, and refuses to guess between two
// spellings with different values.
import * as assert from "assert";
import { UNKNOWN, UnknownValueError, validate } from "../support";

const optionalSite = {
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "web",
    properties: { clientCertEnabled: true, clientCertMode: "Optional" },
};
const template = { resources: [optionalSite] };
const byParameter = {
    parameters: { mode: { type: "string", defaultValue: "Required" } },
    resources: [{ ...optionalSite, properties: { clientCertEnabled: true, clientCertMode: "[parameters('mode')]" } }],
};

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(
        violations.length,
        1,
        `expected one violation for ${type} ${JSON.stringify(props)}, got ${JSON.stringify(violations)}`,
    );
    return violations[0];
}

describe("template-holding resources: keys in any letter case", () => {
    it("finds the template, parameters and links of a deployment under any spelling of their keys", () => {
        const type = "azure-native:resources:Deployment";
        assert.match(
            violationOf(type, { Properties: { Template: template } }),
            /properties.template.resources\[0\].properties.clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(type, { properties: { TEMPLATE: byParameter, Parameters: { mode: { value: "Optional" } } } }),
            /properties.template.resources\[0\].properties.clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf(type, { properties: { TemplateLink: { uri: "https://example.com/t.json" } } }),
            /properties.templateLink cannot be verified before deployment: it links the template/,
        );
        assert.match(
            violationOf(type, {
                properties: { template: byParameter, ParametersLink: { uri: "https://example.com/p.json" } },
            }),
            /properties.parametersLink links the parameters file/,
        );
    });

    it("finds the template of a deployment stack, a template spec version and a classic template deployment under any spelling", () => {
        assert.match(
            violationOf("azure-native:resources:DeploymentStackAtSubscription", { Template: template }),
            /template.resources\[0\].properties.clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf("azure-native:resources:DeploymentStackAtResourceGroup", {
                template: byParameter,
                PARAMETERS: { mode: { value: "Optional" } },
            }),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf("azure-native:resources:TemplateSpecVersion", { MainTemplate: template }),
            /mainTemplate.resources\[0\].properties.clientCertMode is "Optional"/,
        );
        assert.match(
            violationOf("azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment", {
                TemplateContent: JSON.stringify(template),
            }),
            /templateContent.resources\[0\].properties.clientCertMode is "Optional"/,
        );
    });

    it("reports a key given twice in different cases with different values, or in a case only some platforms match, instead of choosing", () => {
        const message = violationOf("azure-native:resources:Deployment", {
            properties: { template, Template: { resources: [] } },
        });
        assert.match(
            message,
            /properties.template cannot be verified before deployment: it is given twice, as "template" and "Template", with different values/,
        );
        assert.match(
            violationOf("azure-native:resources:TemplateSpecVersion", {
                mainTemplate: { resources: [] },
                MAINTEMPLATE: template,
            }),
            /it is given twice/,
        );
        // Whether Azure reads the dotless "ı" as an "i" depends on the platform: such a key is never trusted either way.
        assert.match(
            violationOf("azure-native:resources:TemplateSpecVersion", { maınTemplate: template }),
            /mainTemplate cannot be verified before deployment: it is given as "ma\u0131nTemplate", which Azure may or may not read as "mainTemplate"/,
        );
        const dotless = { ...optionalSite, properties: { clıentCertEnabled: true, clientCertMode: "Required" } };
        assert.match(
            violationOf("azure-native:resources:Deployment", { properties: { template: { resources: [dotless] } } }),
            /properties.template.resources\[0\].properties.clientCertEnabled cannot be verified before deployment: it is given as "cl\u0131entCertEnabled"/,
        );
    });

    it("reads two spellings with the same value as one", () => {
        assert.match(
            violationOf("azure-native:resources:DeploymentStackAtSubscription", { template, Template: template }),
            /template.resources\[0\].properties.clientCertMode is "Optional"/,
        );
    });

    it("leaves a template unknown at preview under any spelling to the engine's unknown-value report", () => {
        assert.throws(
            () => validate("azure-native:resources:Deployment", { properties: { Template: UNKNOWN } }),
            UnknownValueError,
        );
        assert.throws(
            () => validate("azure-native:resources:DeploymentStackAtSubscription", { template, Template: UNKNOWN }),
            UnknownValueError,
        );
    });
});
