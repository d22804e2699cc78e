// Resources as Azure reads them back (azure-native's output properties, classic @pulumi/azure's state): what
// `pulumi import`, a refresh and audit-mode discovery in Pulumi Cloud give the pack. Each fixture is built from the
// output properties of its type's class in the SDK's .d.ts; readState.test.ts checks every key against it.

/** One read state: the resource type, the SDK declaration its keys come from, and the properties. */
export interface ReadStateFixture {
    type: string;
    /** The class's declaration file in its provider SDK (test/policy-pack/providerTypes.ts `providerSdkPath`). */
    dts: string;
    props: Record<string, unknown>;
}

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

/** Read states, by what each is; the tests say which verdict audit mode must give. */
export const READ_STATES: Record<string, ReadStateFixture> = {
    "a WebApp that requires certificates, with an allowed exclusion path": {
        type: "azure-native:web:WebApp",
        dts: "@pulumi/azure-native/web/webApp.d.ts",
        props: {
            ...site,
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health",
            siteConfig: { http20Enabled: false, minTlsVersion: "1.2" },
        },
    },
    "a WebApp read with certificates off (Azure's default)": {
        type: "azure-native:web:WebApp",
        dts: "@pulumi/azure-native/web/webApp.d.ts",
        props: { ...site, clientCertEnabled: false, clientCertMode: "Required" },
    },
    "a WebAppSlot in mode Optional": {
        type: "azure-native:web:WebAppSlot",
        dts: "@pulumi/azure-native/web/webAppSlot.d.ts",
        props: {
            ...site,
            name: "storefront/staging",
            type: "Microsoft.Web/sites/slots",
            clientCertEnabled: true,
            clientCertMode: "Optional",
        },
    },
    "a classic LinuxWebApp read back with no exclusion paths as an empty string": {
        type: "azure:appservice/linuxWebApp:LinuxWebApp",
        dts: "@pulumi/azure/appservice/linuxWebApp.d.ts",
        props: {
            name: "storefront",
            location: "westeurope",
            resourceGroupName: "shop",
            clientCertificateEnabled: true,
            clientCertificateMode: "Required",
            clientCertificateExclusionPaths: "",
            httpsOnly: true,
        },
    },
    "a generic Resource read as a site: Microsoft.Web/sites in type, certificates off": {
        type: "azure-native:resources:Resource",
        dts: "@pulumi/azure-native/resources/resource.d.ts",
        props: {
            name: "storefront",
            type: "Microsoft.Web/sites",
            kind: "app",
            location: "westeurope",
            azureApiVersion: "2024-04-01",
            properties: { clientCertEnabled: false, clientCertMode: "Required", state: "Running" },
        },
    },
    "a generic Resource read as a storage account": {
        type: "azure-native:resources:Resource",
        dts: "@pulumi/azure-native/resources/resource.d.ts",
        props: {
            name: "logs",
            type: "Microsoft.Storage/storageAccounts",
            kind: "StorageV2",
            location: "westeurope",
            azureApiVersion: "2023-05-01",
            properties: { supportsHttpsTrafficOnly: true },
        },
    },
    "a Deployment read after an inline template: hash and outputs, no template": {
        type: "azure-native:resources:Deployment",
        dts: "@pulumi/azure-native/resources/deployment.d.ts",
        props: {
            name: "catalog-site",
            type: "Microsoft.Resources/deployments",
            azureApiVersion: "2024-03-01",
            properties: {
                templateHash: "10123456789012345678",
                provisioningState: "Succeeded",
                mode: "Incremental",
                correlationId: "5d1c",
                timestamp: "2026-11-30T09:00:00Z",
                duration: "PT12S",
                outputs: { siteName: { type: "String", value: "catalog" } },
                outputResources: [
                    { id: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/sites/catalog" },
                ],
            },
        },
    },
    "a Deployment read after a linked template: hash and templateLink, no template": {
        type: "azure-native:resources:DeploymentAtSubscriptionScope",
        dts: "@pulumi/azure-native/resources/deploymentAtSubscriptionScope.d.ts",
        props: {
            name: "platform",
            type: "Microsoft.Resources/deployments",
            azureApiVersion: "2024-03-01",
            properties: {
                templateHash: "2299",
                provisioningState: "Succeeded",
                mode: "Incremental",
                templateLink: {
                    uri: "https://example.blob.core.windows.net/templates/site.json",
                    contentVersion: "1.0.0.0",
                },
                outputResources: [],
            },
        },
    },
    "a deployment stack read back: no template, only what it manages": {
        type: "azure-native:resources:DeploymentStackAtResourceGroup",
        dts: "@pulumi/azure-native/resources/deploymentStackAtResourceGroup.d.ts",
        props: {
            name: "web-stack",
            type: "Microsoft.Resources/deploymentStacks",
            provisioningState: "succeeded",
            deploymentId:
                "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Resources/deployments/web-stack-1",
            actionOnUnmanage: { resources: "detach" },
            denySettings: { mode: "none" },
            resources: [
                {
                    id: "/subscriptions/0000/resourceGroups/shop/providers/Microsoft.Web/sites/catalog",
                    status: "managed",
                },
            ],
        },
    },
};
