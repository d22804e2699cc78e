import * as assert from "assert";
import { familyOf } from "../../policy-pack/families/registry";
import { UNKNOWN, UnknownValueError, validate } from "./support";

/** A compliant property bag per family, written with that family's property names. */
const azureNative = { kind: "app,linux", clientCertEnabled: true, clientCertMode: "Required", httpsOnly: true };
const classic = { clientCertificateEnabled: true, clientCertificateMode: "Required", httpsOnly: true };

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, `expected one violation for ${type}, got ${violations.length}`);
    return violations[0];
}

describe("azure-native WebApp and WebAppSlot", () => {
    const types = [
        "azure-native:web:WebApp",
        "azure-native:web:WebAppSlot",
        "azure-native:web/v20220901:WebApp",
        "azure-native:web/v20240401:WebAppSlot",
        "azure-native:web/v20260301preview:WebAppSlot",
    ];

    for (const type of types) {
        it(`passes a compliant ${type}`, () => {
            assert.deepStrictEqual(validate(type, azureNative), { violations: [] });
        });

        it(`fails a ${type} with client certificates disabled`, () => {
            const message = violationOf(type, { ...azureNative, clientCertEnabled: false });
            assert.match(message, new RegExp(`^${type.replace(/[/]/g, "\\/")} "app" does not require incoming client certificates`));
            assert.match(message, /clientCertEnabled is false \(portal: client certificate mode "Ignore"\); required: true \(portal: "Require"\)/);
        });
    }

    it("fails mode Optional and names the portal's wording Allow", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertMode: "Optional" });
        assert.match(message, /clientCertMode is "Optional" \(portal: "Allow"\); required: "Required" \(portal: "Require"\), or unset/);
    });

    it("fails mode OptionalInteractiveUser and names the portal's wording Optional", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertMode: "OptionalInteractiveUser" });
        assert.match(message, /"OptionalInteractiveUser" \(portal: "Optional"\)/);
    });

    it("fails an app that never sets clientCertEnabled, the Azure default being off", () => {
        const { clientCertEnabled, ...withoutFlag } = azureNative;
        assert.match(violationOf("azure-native:web:WebApp", withoutFlag), /clientCertEnabled is not set/);
    });

    it("fails an exclusion path that the config does not allow, naming it", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertExclusionPaths: "/health" });
        assert.match(message, /clientCertExclusionPaths is "\/health", which excludes "\/health" from client certificates/);
        assert.match(message, /allowedExclusionPaths \(now: none\)/);
    });

    it("tells the user the fix: SecureWebApp, the properties to set and the az command", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertEnabled: false });
        assert.match(message, /SecureWebApp/);
        assert.match(message, /set clientCertEnabled: true, clientCertMode: "Required"/);
        assert.ok(message.includes("az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required"));
    });

    it("records resource types it does not cover as not applicable", () => {
        assert.deepStrictEqual(validate("azure-native:storage:StorageAccount", { clientCertEnabled: false }), { violations: [], notApplicable: "not an App Service resource" });
        assert.strictEqual(familyOf("azure-native:web/v20220901:WebAppSettings"), undefined);
        assert.strictEqual(familyOf("azure-native:web:WebAppX"), undefined);
    });
});

describe("classic @pulumi/azure App Service types", () => {
    const modernTypes = [
        "azure:appservice/linuxWebApp:LinuxWebApp",
        "azure:appservice/windowsWebApp:WindowsWebApp",
        "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot",
        "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
        "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
        "azure:appservice/windowsFunctionApp:WindowsFunctionApp",
        "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot",
        "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot",
    ];

    for (const type of modernTypes) {
        it(`passes a compliant ${type}`, () => {
            assert.deepStrictEqual(validate(type, classic), { violations: [] });
        });

        it(`fails a ${type} with mode Optional, quoting clientCertificateMode`, () => {
            assert.match(violationOf(type, { ...classic, clientCertificateMode: "Optional" }),
                /clientCertificateMode is "Optional" \(portal: "Allow"\)/);
        });
    }

    it("passes a classic app that leaves the mode unset, the provider's default being Required", () => {
        const { clientCertificateMode, ...withoutMode } = classic;
        assert.deepStrictEqual(validate("azure:appservice/linuxWebApp:LinuxWebApp", withoutMode), { violations: [] });
    });

    it("fails a classic app whose certificates are disabled, quoting clientCertificateEnabled", () => {
        assert.match(violationOf("azure:appservice/linuxWebApp:LinuxWebApp", { ...classic, clientCertificateEnabled: false }),
            /clientCertificateEnabled is false/);
    });

    it("fails a classic app that excludes the whole site", () => {
        assert.match(violationOf("azure:appservice/windowsWebApp:WindowsWebApp", { ...classic, clientCertificateExclusionPaths: "/" }),
            /clientCertificateExclusionPaths is "\/", which excludes "\/"/);
    });

    it("checks the legacy AppService by clientCertEnabled and clientCertMode", () => {
        const type = "azure:appservice/appService:AppService";
        assert.deepStrictEqual(validate(type, { clientCertEnabled: true, clientCertMode: "Required" }), { violations: [] });
        assert.match(violationOf(type, { clientCertEnabled: false }), /clientCertEnabled is false/);
    });

    it("requires the legacy FunctionApp's only setting, clientCertMode, to be Required", () => {
        const type = "azure:appservice/functionApp:FunctionApp";
        assert.deepStrictEqual(validate(type, { clientCertMode: "Required" }), { violations: [] });
        assert.match(violationOf(type, { clientCertMode: "Optional" }), /clientCertMode is "Optional".*no separate enabled flag/);
        assert.match(violationOf(type, {}), /clientCertMode is not set/);
    });
});

describe("ARM templates in azure-native:resources:Deployment", () => {
    const type = "azure-native:resources:Deployment";
    const site = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
        type: "Microsoft.Web/sites", name: "web", apiVersion: "2022-09-01", ...extra, properties,
    });
    const compliantSite = { clientCertEnabled: true, clientCertMode: "Required" };
    const deployment = (resources: unknown, parameters?: unknown, templateParameters?: unknown) => ({
        resourceGroupName: "rg",
        properties: {
            mode: "Incremental",
            parameters,
            template: { $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", parameters: templateParameters, resources },
        },
    });

    it("passes a template whose site requires client certificates", () => {
        assert.deepStrictEqual(validate(type, deployment([site(compliantSite)])), { violations: [] });
    });

    it("fails a template site with certificates disabled, naming the site and properties.clientCertEnabled", () => {
        const message = violationOf(type, deployment([site({ ...compliantSite, clientCertEnabled: false })]));
        assert.match(message, /- Microsoft.Web\/sites "web":\n {2}- properties.clientCertEnabled is false/);
        assert.match(message, /in the properties of each site and slot in the ARM template/);
    });

    it("matches ARM type names case-insensitively", () => {
        const entry = { ...site({ clientCertEnabled: false }), type: "microsoft.web/SITES" };
        assert.match(violationOf(type, deployment([entry])), /properties.clientCertEnabled is false/);
    });

    it("checks top-level Microsoft.Web/sites/slots entries", () => {
        const slot = { type: "Microsoft.Web/sites/slots", name: "web/staging", properties: { clientCertEnabled: true, clientCertMode: "Optional" } };
        assert.match(violationOf(type, deployment([site(compliantSite), slot])), /Microsoft.Web\/sites\/slots "web\/staging":\n {2}- properties.clientCertMode is "Optional"/);
    });

    it("checks slots nested in a site's own resources", () => {
        const nested = site(compliantSite, { resources: [{ type: "slots", name: "staging", properties: { clientCertEnabled: false } }] });
        assert.match(violationOf(type, deployment([nested])), /Microsoft.Web\/sites "web" \/ slots "staging":\n {2}- properties.clientCertEnabled is false/);
    });

    it("reads languageVersion 2.0 templates whose resources are keyed by symbolic name", () => {
        assert.match(violationOf(type, deployment({ web: site({ clientCertEnabled: false }) })), /properties.clientCertEnabled is false/);
    });

    it("resolves [parameters('x')] from the deployment's parameters", () => {
        const props = deployment([site({ ...compliantSite, clientCertEnabled: "[parameters('certs')]" })], { certs: { value: false } }, { certs: { type: "bool", defaultValue: true } });
        assert.match(violationOf(type, props), /properties.clientCertEnabled is false/);
    });

    it("resolves [parameters('x')] from the template's default when the deployment does not pass it", () => {
        const props = deployment([site({ ...compliantSite, clientCertMode: "[parameters('Mode')]" })], {}, { mode: { type: "string", defaultValue: "Required" } });
        assert.deepStrictEqual(validate(type, props), { violations: [] });
    });

    it("reports any other template expression as unverifiable rather than passing it", () => {
        const props = deployment([site({ ...compliantSite, clientCertEnabled: "[variables('certs')]" })]);
        assert.match(violationOf(type, props), /properties.clientCertEnabled cannot be verified before deployment: it is the expression \[variables\('certs'\)\]/);
    });

    it("reports a site whose whole properties object is an expression as unverifiable", () => {
        const props = deployment([{ ...site({}), properties: "[variables('siteProperties')]" }]);
        assert.match(violationOf(type, props), /properties.clientCertEnabled cannot be verified before deployment: it is the expression \[variables\('siteProperties'\)\]/);
    });

    it("resolves a site's whole properties object passed as a parameter", () => {
        const props = deployment([{ ...site({}), properties: "[parameters('siteProperties')]" }], { siteProperties: { value: { clientCertEnabled: true } } });
        assert.deepStrictEqual(validate(type, props), { violations: [] });
    });

    it("reports a parameter with neither a value nor a default as unverifiable", () => {
        const props = deployment([site({ ...compliantSite, clientCertEnabled: "[parameters('missing')]" })]);
        assert.match(violationOf(type, props), /parameter 'missing' has no value in the deployment and no default/);
    });

    it("reads a template given as JSON text", () => {
        const props = deployment(undefined);
        (props.properties as any).template = JSON.stringify({ resources: [site({ clientCertEnabled: false })] });
        assert.match(violationOf(type, props), /properties.clientCertEnabled is false/);
    });

    it("records a deployment without App Service apps as not applicable", () => {
        const outcome = validate(type, deployment([{ type: "Microsoft.Storage/storageAccounts", name: "st" }]));
        assert.deepStrictEqual(outcome.violations, []);
        assert.strictEqual(outcome.notApplicable, "no App Service app in the inline ARM template (linked templates are not read)");
    });

    it("records a deployment of a linked template as not applicable, since it cannot be read", () => {
        const outcome = validate(type, { properties: { mode: "Incremental", templateLink: { uri: "https://example.com/t.json" } } });
        assert.deepStrictEqual(outcome.violations, []);
        assert.ok(outcome.notApplicable);
    });

    it("reports a template that is not a template instead of crashing", () => {
        const props = deployment(undefined);
        (props.properties as any).template = 42;
        assert.match(violationOf(type, props), /cannot be verified before deployment: properties.template is 42, not an ARM template object or its JSON text/);
    });

    it("names every non-compliant site of a template in one violation", () => {
        const message = violationOf(type, deployment([site({ clientCertEnabled: false }), { ...site({ clientCertMode: "Optional" }), name: "api" }]));
        assert.match(message, /"web":/);
        assert.match(message, /"api":/);
    });

    it("keeps a definite violation of one site when another site's setting is unknown at preview", () => {
        const message = violationOf(type, deployment([site({ clientCertEnabled: false }), { ...site({ clientCertEnabled: UNKNOWN }), name: "api" }]));
        assert.match(message, /"web":\n {2}- properties.clientCertEnabled is false/);
        assert.match(message, /"api":\n {2}- properties.clientCertEnabled is not known until the update/);
    });

    it("leaves an undecidable template to the engine as an unknown value", () => {
        assert.throws(() => validate(type, deployment([site({ ...compliantSite, clientCertMode: UNKNOWN })])), UnknownValueError);
        assert.throws(() => validate(type, { properties: UNKNOWN }), UnknownValueError);
    });
});
