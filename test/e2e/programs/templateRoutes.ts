// Sites declared without any App Service type: a generic azure-native Resource, and a site inside a nested
// deployment of an ARM template. And a compliant template that computes its settings with variables and if().
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";

const site = (properties: Record<string, unknown>, identity?: Record<string, unknown>, resources?: unknown[]) => ({
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "[parameters('siteName')]",
    location: "[resourceGroup().location]",
    ...(identity ? { identity } : {}),
    properties,
    ...(resources ? { resources } : {}),
});

/** A site's publishing credentials policy, declared inside the site. */
const publishingPolicy = (name: string, allow: unknown) => ({
    type: "basicPublishingCredentialsPolicies",
    apiVersion: "2024-04-01",
    name,
    properties: { allow },
});

/** A generic Resource that is a site with certificates off, and a nested deployment whose site is only "Allow". */
export const sitesOutsideWebApp: PulumiFn = async () => {
    const group = new resources.ResourceGroup("routes");
    new resources.Resource("generic-site", {
        resourceGroupName: group.name,
        resourceProviderNamespace: "Microsoft.Web",
        parentResourcePath: "",
        resourceType: "sites",
        resourceName: "generic-site-example",
        apiVersion: "2024-04-01",
        properties: { clientCertEnabled: false, httpsOnly: true },
    });
    new resources.Deployment("nested-site", {
        resourceGroupName: group.name,
        properties: {
            mode: resources.DeploymentMode.Incremental,
            template: {
                $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                parameters: { siteName: { type: "string", defaultValue: "nested-site-example" } },
                resources: [
                    {
                        type: "Microsoft.Resources/deployments",
                        apiVersion: "2022-09-01",
                        name: "inner",
                        properties: {
                            mode: "Incremental",
                            template: { resources: [site({ clientCertEnabled: true, clientCertMode: "Optional" })] },
                        },
                    },
                ],
            },
        },
    });
};

/**
 * A template whose site computes its certificate settings with variables and if(): they come out Required; it holds
 * the App Service baseline too, its FTP state and its SCM publishing credentials policy computed the same way.
 */
export const compliantTemplateWithIf: PulumiFn = async () => {
    const group = new resources.ResourceGroup("computed");
    new resources.Deployment("computed-site", {
        resourceGroupName: group.name,
        properties: {
            mode: resources.DeploymentMode.Incremental,
            parameters: { environment: { value: "prod" } },
            template: {
                $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                parameters: {
                    siteName: { type: "string", defaultValue: "computed-site-example" },
                    environment: { type: "string", allowedValues: ["prod", "test"] },
                },
                variables: {
                    production: "[equals(parameters('environment'), 'prod')]",
                    certificates: { enabled: true, mode: "[if(variables('production'), 'Required', 'Required')]" },
                },
                resources: [
                    site(
                        {
                            clientCertEnabled: "[variables('certificates').enabled]",
                            clientCertMode: "[variables('certificates').mode]",
                            httpsOnly: true,
                            siteConfig: {
                                ftpsState: "[if(variables('production'), 'Disabled', 'FtpsOnly')]",
                                http20Enabled: true,
                            },
                        },
                        { type: "SystemAssigned" },
                        [publishingPolicy("ftp", false), publishingPolicy("scm", "[not(variables('production'))]")],
                    ),
                ],
            },
        },
    });
};

/** A site's general configuration, for a site deployed elsewhere: the template declares no site. */
const existingSiteConfig = (properties: Record<string, unknown>) => ({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    resources: [{ type: "Microsoft.Web/sites/config", apiVersion: "2024-04-01", name: "existing-app/web", properties }],
});

/** Two templates that only configure an existing site: one lowers its minimum TLS version, one keeps it secure. */
export const existingSiteConfigs: PulumiFn = async () => {
    const group = new resources.ResourceGroup("configs");
    new resources.Deployment("insecure-config", {
        resourceGroupName: group.name,
        properties: {
            mode: resources.DeploymentMode.Incremental,
            template: existingSiteConfig({ minTlsVersion: "1.0" }),
        },
    });
    new resources.Deployment("tls12-config", {
        resourceGroupName: group.name,
        properties: {
            mode: resources.DeploymentMode.Incremental,
            template: existingSiteConfig({ minTlsVersion: "1.2", ftpsState: "Disabled" }),
        },
    });
};

/** A generic Resource site in a resource group of its own, its request body `properties` as given. */
const genericSite = (name: string, group: resources.ResourceGroup, properties: Record<string, unknown>) =>
    new resources.Resource(name, {
        resourceGroupName: group.name,
        resourceProviderNamespace: "Microsoft.Web",
        parentResourcePath: "",
        resourceType: "sites",
        resourceName: `${name}-example`,
        apiVersion: "2024-04-01",
        properties,
    });

/**
 * Generic Resource sites whose settings are keyed in another letter case than the API's, which Azure reads all the
 * same: one lowers its minimum TLS version, one turns client certificates off.
 */
export const caseVariantGenericSites: PulumiFn = async () => {
    const group = new resources.ResourceGroup("case-variants");
    const certificates = { ClientCertEnabled: true, CLIENTCERTMODE: "Required" };
    genericSite("tls-case-variant", group, {
        ...certificates,
        HttpsOnly: true,
        SiteConfig: { MinTlsVersion: "1.0" },
    });
    genericSite("certificates-case-variant", group, {
        ...certificates,
        ClientCertEnabled: false,
        HttpsOnly: true,
        SiteConfig: { MinTlsVersion: "1.2" },
    });
};
