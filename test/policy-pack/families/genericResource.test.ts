// The generic azure-native Resource: a site or slot declared by namespace and type gets the same verdict as a
// WebApp, quoting properties.<setting>; any other resource is not an app.
import * as assert from "assert";
import { UNKNOWN, UnknownValueError, validate } from "../support";

const type = "azure-native:resources:Resource";
const site = (properties: unknown, extra: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg", resourceProviderNamespace: "Microsoft.Web", parentResourcePath: "", resourceType: "sites",
    resourceName: "web", apiVersion: "2024-04-01", kind: "app", ...extra, properties,
});
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };

function violationOf(props: Record<string, unknown>, resourceType = type): string {
    const { violations } = validate(resourceType, props);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    return violations[0];
}

describe("azure-native:resources:Resource declaring an App Service site", () => {
    it("passes a compliant site and fails one with certificates off, quoting properties.clientCertEnabled", () => {
        assert.deepStrictEqual(validate(type, site(compliant)), { violations: [] });
        const message = violationOf(site({ clientCertEnabled: false }));
        assert.match(message, /^azure-native:resources:Resource "app" does not require incoming client certificates/);
        assert.match(message, /\n- properties.clientCertEnabled is false \(portal: client certificate mode "Ignore"\)/);
        assert.match(message, /set properties.clientCertEnabled: true, properties.clientCertMode: "Required", .* in the resource's properties in your program/);
    });

    it("checks every way of naming a site or slot, ignoring case, and the versioned tokens", () => {
        const declarations = [
            { resourceProviderNamespace: "microsoft.web", resourceType: "SITES" },
            { resourceType: "sites/slots", resourceName: "web/staging" },
            { parentResourcePath: "sites/web", resourceType: "slots", resourceName: "staging" },
            { parentResourcePath: "Sites/web", resourceType: "Slots" },
        ];
        for (const declaration of declarations) {
            assert.match(violationOf(site({ clientCertEnabled: true, clientCertMode: "Optional" }, declaration)), /properties.clientCertMode is "Optional"/, JSON.stringify(declaration));
        }
        assert.match(violationOf(site({}), "azure-native:resources/v20240301:Resource"), /properties.clientCertEnabled is not set/);
    });

    it("reads the settings ignoring case, and reports one given twice with different values", () => {
        assert.match(violationOf(site({ ClientCertEnabled: false, clientCertMode: "Required" })), /properties.clientCertEnabled is false/);
        assert.match(violationOf(site({ clientCertEnabled: true, CLIENTCERTENABLED: false })), /properties.clientCertEnabled cannot be verified before deployment: it is given twice/);
    });

    it("fails a site with no properties, Azure's default being certificates off", () => {
        assert.match(violationOf(site(undefined)), /properties.clientCertEnabled is not set/);
    });

    it("records any other resource as not applicable", () => {
        for (const other of [
            { resourceProviderNamespace: "Microsoft.Storage", resourceType: "storageAccounts" },
            { resourceType: "serverfarms" },
            { parentResourcePath: "sites/web", resourceType: "config" },
        ]) {
            assert.deepStrictEqual(validate(type, site({ clientCertEnabled: false }, other)),
                { violations: [], notApplicable: "not an App Service site or slot, nor a template that deploys one (resourceProviderNamespace and resourceType)" });
        }
    });

    it("checks the template of a generic Resource that is a deployment, a deployment stack or a template spec version", () => {
        const template = { resources: [{ type: "Microsoft.Web/sites", name: "web", properties: { clientCertEnabled: true, clientCertMode: "Optional" } }] };
        const generic = (declaration: Record<string, unknown>, properties: unknown) => ({ resourceGroupName: "rg", parentResourcePath: "", apiVersion: "2024-03-01", ...declaration, properties });
        const cases: [Record<string, unknown>, unknown, string][] = [
            [{ resourceProviderNamespace: "Microsoft.Resources", resourceType: "deployments" }, { mode: "Incremental", template }, "properties.template.resources[0]"],
            [{ resourceProviderNamespace: "microsoft.resources", resourceType: "DeploymentStacks" }, { template: JSON.stringify(template) }, "properties.template.resources[0]"],
            [{ resourceProviderNamespace: "Microsoft.Resources", parentResourcePath: "templateSpecs/web", resourceType: "versions" }, { mainTemplate: template }, "properties.mainTemplate.resources[0]"],
        ];
        for (const [declaration, properties, path] of cases) {
            const message = violationOf(generic(declaration, properties));
            assert.ok(message.includes(`- Microsoft.Web/sites "web" at ${path}:\n  - ${path}.properties.clientCertMode is "Optional"`), message);
        }
        const linked = violationOf(generic({ resourceProviderNamespace: "Microsoft.Resources", resourceType: "deployments" }, { templateLink: { uri: "https://example.com/t.json" } }));
        assert.match(linked, /properties.templateLink cannot be verified before deployment: it links the template/);
    });

    it("leaves a namespace or type unknown at preview to the engine's unknown-value report, never a pass", () => {
        assert.throws(() => validate(type, site({ clientCertEnabled: false }, { resourceProviderNamespace: UNKNOWN })), UnknownValueError);
        assert.throws(() => validate(type, site({ clientCertEnabled: false }, { resourceType: UNKNOWN })), UnknownValueError);
        assert.throws(() => validate(type, site({ ...compliant, clientCertMode: UNKNOWN })), UnknownValueError);
    });

    it("reports the rest when one setting is unknown", () => {
        assert.match(violationOf(site({ clientCertEnabled: false, clientCertMode: UNKNOWN })), /properties.clientCertMode is not known until the update/);
    });
});
