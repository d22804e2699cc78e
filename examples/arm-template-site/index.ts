// An ARM template deployed through azure-native's Deployment resource. Its site enables client certificates
// but takes the mode from a template parameter whose default is "Optional" (the portal's "Allow"): the
// policy pack resolves the parameter and blocks the deployment. The site holds the App Service baseline, which the
// pack reads in templates too, so the client-certificate rule alone blocks it.
import * as resources from "@pulumi/azure-native/resources";

const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: {
        siteName: { type: "string" },
        planName: { type: "string" },
        clientCertMode: {
            type: "string",
            defaultValue: "Optional",
            allowedValues: ["Required", "Optional", "OptionalInteractiveUser"],
        },
    },
    resources: [
        {
            type: "Microsoft.Web/serverfarms",
            apiVersion: "2024-04-01",
            name: "[parameters('planName')]",
            location: "[resourceGroup().location]",
            kind: "linux",
            sku: { name: "P1v3", tier: "PremiumV3" },
            properties: { reserved: true },
        },
        {
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: "[parameters('siteName')]",
            location: "[resourceGroup().location]",
            kind: "app,linux",
            dependsOn: ["[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]"],
            identity: { type: "SystemAssigned" },
            properties: {
                serverFarmId: "[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]",
                httpsOnly: true,
                clientCertEnabled: true,
                clientCertMode: "[parameters('clientCertMode')]",
                siteConfig: { linuxFxVersion: "NODE|22-lts", ftpsState: "Disabled", http20Enabled: true },
            },
            // Basic-auth publishing off: the site's FTP and SCM publishing credentials policies.
            resources: ["ftp", "scm"].map(name => ({
                type: "basicPublishingCredentialsPolicies",
                apiVersion: "2024-04-01",
                name,
                properties: { allow: false },
            })),
        },
    ],
};

export = async () => {
    const group = new resources.ResourceGroup("catalog");
    const deployment = new resources.Deployment("catalog-site", {
        resourceGroupName: group.name,
        properties: {
            mode: resources.DeploymentMode.Incremental,
            template,
            parameters: { siteName: { value: "catalog-site-example" }, planName: { value: "catalog-plan" } },
        },
    });
    return { deploymentName: deployment.name };
};
