// Resources as audit mode sees them: the pack gets azure-native's output properties (Azure's read state) for
// resources that `pulumi import`, a refresh or Insights discovery found, not a program's inputs. Each fixture is
// built from the output properties of the type's class in @pulumi/azure-native (or @pulumi/azure), and a test
// below checks that every key it uses is one of those outputs, so a fixture cannot drift into an input shape.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { notices, validate } from "../support";

const site = {
    id: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/sites/storefront",
    name: "storefront",
    type: "Microsoft.Web/sites",
    kind: "app,linux",
    location: "westeurope",
    resourceGroup: "shop",
    state: "Running",
    enabled: true,
    defaultHostName: "storefront.azurewebsites.net",
    hostNames: ["storefront.azurewebsites.net"],
    httpsOnly: true,
    serverFarmId: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/serverfarms/plan",
    azureApiVersion: "2024-04-01",
};

/** Read states, each with the class whose outputs it is built from and the verdict audit mode must give. */
const FIXTURES: Record<string, { type: string; dts: string; props: Record<string, unknown> }> = {
    "a WebApp that requires certificates, with an allowed exclusion path": {
        type: "azure-native:web:WebApp", dts: "@pulumi/azure-native/web/webApp.d.ts",
        props: { ...site, clientCertEnabled: true, clientCertMode: "Required", clientCertExclusionPaths: "/health" },
    },
    "a WebApp read with certificates off (Azure's default)": {
        type: "azure-native:web:WebApp", dts: "@pulumi/azure-native/web/webApp.d.ts",
        props: { ...site, clientCertEnabled: false, clientCertMode: "Required" },
    },
    "a WebAppSlot in mode Optional": {
        type: "azure-native:web:WebAppSlot", dts: "@pulumi/azure-native/web/webAppSlot.d.ts",
        props: { ...site, name: "storefront/staging", type: "Microsoft.Web/sites/slots", clientCertEnabled: true, clientCertMode: "Optional" },
    },
    "a classic LinuxWebApp read back with no exclusion paths as an empty string": {
        type: "azure:appservice/linuxWebApp:LinuxWebApp", dts: "@pulumi/azure/appservice/linuxWebApp.d.ts",
        props: { name: "storefront", location: "westeurope", resourceGroupName: "shop", clientCertificateEnabled: true, clientCertificateMode: "Required", clientCertificateExclusionPaths: "", httpsOnly: true },
    },
    "a generic Resource read as a site: Microsoft.Web/sites in type, certificates off": {
        type: "azure-native:resources:Resource", dts: "@pulumi/azure-native/resources/resource.d.ts",
        props: { name: "storefront", type: "Microsoft.Web/sites", kind: "app", location: "westeurope", azureApiVersion: "2024-04-01", properties: { clientCertEnabled: false, clientCertMode: "Required", state: "Running" } },
    },
    "a generic Resource read as a storage account": {
        type: "azure-native:resources:Resource", dts: "@pulumi/azure-native/resources/resource.d.ts",
        props: { name: "logs", type: "Microsoft.Storage/storageAccounts", kind: "StorageV2", location: "westeurope", azureApiVersion: "2023-05-01", properties: { supportsHttpsTrafficOnly: true } },
    },
    "a Deployment read after an inline template: hash and outputs, no template": {
        type: "azure-native:resources:Deployment", dts: "@pulumi/azure-native/resources/deployment.d.ts",
        props: {
            name: "catalog-site", type: "Microsoft.Resources/deployments", azureApiVersion: "2024-03-01",
            properties: {
                templateHash: "10123456789012345678", provisioningState: "Succeeded", mode: "Incremental", correlationId: "5d1c", timestamp: "2026-11-30T09:00:00Z",
                duration: "PT12S", outputs: { siteName: { type: "String", value: "catalog" } },
                outputResources: [{ id: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/sites/catalog" }],
            },
        },
    },
    "a Deployment read after a linked template: hash and templateLink, no template": {
        type: "azure-native:resources:DeploymentAtSubscriptionScope", dts: "@pulumi/azure-native/resources/deploymentAtSubscriptionScope.d.ts",
        props: {
            name: "platform", type: "Microsoft.Resources/deployments", azureApiVersion: "2024-03-01",
            properties: {
                templateHash: "2299", provisioningState: "Succeeded", mode: "Incremental",
                templateLink: { uri: "https://example.blob.core.windows.net/templates/site.json", contentVersion: "1.0.0.0" },
                outputResources: [],
            },
        },
    },
    "a deployment stack read back: no template, only what it manages": {
        type: "azure-native:resources:DeploymentStackAtResourceGroup", dts: "@pulumi/azure-native/resources/deploymentStackAtResourceGroup.d.ts",
        props: {
            name: "web-stack", type: "Microsoft.Resources/deploymentStacks", provisioningState: "succeeded", deploymentId: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Resources/deployments/web-stack-1",
            actionOnUnmanage: { resources: "detach" }, denySettings: { mode: "none" }, resources: [{ id: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/sites/catalog", status: "managed" }],
        },
    },
};
type Fixture = string;

const outcomeOf = (fixture: Fixture, config: Record<string, unknown> = {}) => validate(FIXTURES[fixture].type, FIXTURES[fixture].props, { name: "storefront", config });

describe("resources as audit mode sees them: azure-native's read state (output properties)", () => {
    it("every fixture uses only output properties of its class", () => {
        for (const [name, { dts, props }] of Object.entries(FIXTURES)) {
            const declared = fs.readFileSync(path.join(__dirname, "../../../node_modules", dts), "utf8");
            for (const key of Object.keys(props).filter(k => k !== "id")) {
                assert.match(declared, new RegExp(`\\breadonly ${key}: pulumi\\.Output<`), `${name}: ${key} is not an output of ${dts}`);
            }
        }
        const response = /interface DeploymentPropertiesExtendedResponse \{([\s\S]*?)\n    \}/.exec(
            fs.readFileSync(path.join(__dirname, "../../../node_modules/@pulumi/azure-native/types/output.d.ts"), "utf8"))![1];
        for (const fixture of ["a Deployment read after an inline template: hash and outputs, no template", "a Deployment read after a linked template: hash and templateLink, no template"] as const) {
            for (const key of Object.keys((FIXTURES[fixture].props as { properties: object }).properties)) {
                assert.match(response, new RegExp(`\\n        ${key}\\??:`), `${key} is not in DeploymentPropertiesExtendedResponse`);
            }
        }
    });

    describe("a site is judged by its own discovered resource", () => {
        it("a WebApp that requires certificates passes, its exclusion path allowed by the config", () => {
            assert.deepStrictEqual(outcomeOf("a WebApp that requires certificates, with an allowed exclusion path", { allowedExclusionPaths: ["/health"] }), { violations: [] });
        });

        it("the same WebApp without /health allowed is a violation naming the path", () => {
            const { violations } = outcomeOf("a WebApp that requires certificates, with an allowed exclusion path");
            assert.match(violations[0], /clientCertExclusionPaths is "\/health", which excludes "\/health" from client certificates/);
        });

        it("a WebApp read with certificates off is a violation, as in a preview", () => {
            const { violations } = outcomeOf("a WebApp read with certificates off (Azure's default)");
            assert.match(violations[0], /- clientCertEnabled is false \(portal: client certificate mode "Ignore"\)/);
        });

        it("a WebAppSlot in mode Optional is a violation", () => {
            assert.match(outcomeOf("a WebAppSlot in mode Optional").violations[0], /clientCertMode is "Optional" \(portal: "Allow"\)/);
        });

        it("a classic LinuxWebApp with exclusion paths read back as \"\" passes: an empty string excludes nothing", () => {
            assert.deepStrictEqual(outcomeOf("a classic LinuxWebApp read back with no exclusion paths as an empty string"), { violations: [] });
        });

        it("a generic Resource read as a site (its ARM type in `type`) is checked like one, and fails here", () => {
            assert.match(outcomeOf("a generic Resource read as a site: Microsoft.Web/sites in type, certificates off").violations[0],
                /- properties.clientCertEnabled is false/);
        });

        it("a generic Resource read as anything else is not an app", () => {
            assert.match(outcomeOf("a generic Resource read as a storage account").notApplicable!, /not an App Service site or slot/);
        });

        it("an exemption by name covers a discovered app, and the notices policy reports it", () => {
            const exemptions = [{ resource: "storefront", reason: "TLS ends at Front Door (SEC-7)", expires: "2099-12-31" }];
            const fixture = FIXTURES["a WebApp read with certificates off (Azure's default)"];
            assert.match(outcomeOf("a WebApp read with certificates off (Azure's default)", { exemptions }).notApplicable!, /^exempt by exemptions\[0\]/);
            assert.match(notices(fixture.type, fixture.props, { name: "storefront", config: { exemptions } }).violations[0], /^Exempt: azure-native:web:WebApp "storefront"/);
        });
    });

    describe("a deployment without template content is not a violation in itself, and says why", () => {
        it("a Deployment read after an inline template: not applicable, Azure returns no template", () => {
            const { violations, notApplicable } = outcomeOf("a Deployment read after an inline template: hash and outputs, no template");
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(notApplicable, "Azure's read state of a deployment (properties.templateHash and provisioningState, no " +
                "properties.template): ARM does not return the template, so the sites and slots it created are judged as their own resources");
        });

        it("a Deployment read after a linked template: not applicable, naming the link", () => {
            const { violations, notApplicable } = outcomeOf("a Deployment read after a linked template: hash and templateLink, no template");
            assert.deepStrictEqual(violations, []);
            assert.match(notApplicable!, /ARM does not return the template deployed from https:\/\/example\.blob\.core\.windows\.net\/templates\/site\.json, so the sites/);
        });

        it("a deployment stack read back: not applicable, no template content", () => {
            const { violations, notApplicable } = outcomeOf("a deployment stack read back: no template, only what it manages");
            assert.deepStrictEqual(violations, []);
            assert.match(notApplicable!, /^no template content: template and templateLink not set \(Azure's read state never holds a template\)/);
        });

        it("a program's deployment with read-only fields written in still has its linked template reported: inputs address the deployment", () => {
            const forged = { resourceGroupName: "shop", ...FIXTURES["a Deployment read after a linked template: hash and templateLink, no template"].props };
            const { violations } = validate("azure-native:resources:Deployment", forged, { name: "platform" });
            assert.match(violations[0], /linked template at properties\.templateLink/);
        });

        it("a deployment as `pulumi import` records its inputs (resource group, mode, link) still reports the link it cannot read", () => {
            const imported = { resourceGroupName: "shop", deploymentName: "platform", properties: { mode: "Incremental", templateLink: { uri: "https://example.blob.core.windows.net/t.json" } } };
            assert.match(validate("azure-native:resources:Deployment", imported, { name: "platform" }).violations[0], /linked template at properties\.templateLink/);
        });
    });
});
