import { BaselineRule } from "../rule";

/**
 * Public network access off: the app is reached through private endpoints only. Not a CIS recommendation; Azure
 * creates apps open to the internet, and many apps must be, so the policy is off unless the config turns it on.
 */
export const publicNetworkAccessRule: BaselineRule = {
    name: "webapp-public-network-access-disabled",
    title: "public network access",
    displayName: "App Service apps are not reachable from public networks",
    description:
        'Azure App Service apps and slots must block public network access: publicNetworkAccess "Disabled" (private endpoints only).',
    settings: ["publicNetworkAccess"],
    cis: [],
    severity: "medium",
    enforcementLevel: "disabled",
    complies: (_, value) => value === "Disabled",
    required: () => '"Disabled"',
    portal: "Settings > Networking > Public network access: Disabled",
    cliFix: "az webapp update --resource-group <RG> --name <APP> --set publicNetworkAccess=Disabled",
    url: "https://learn.microsoft.com/azure/app-service/overview-private-endpoint",
    tags: ["azure", "app-service", "network", "security"],
};
