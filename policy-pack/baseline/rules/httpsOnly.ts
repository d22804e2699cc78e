import { BaselineRule } from "../rule";

/**
 * HTTPS only: App Service redirects every HTTP request to HTTPS. Azure creates apps with it off (CIS: "By default,
 * HTTPS-only feature will be disabled when a new app is created").
 */
export const httpsOnlyRule: BaselineRule = {
    name: "webapp-https-only",
    title: "HTTPS only",
    displayName: "App Service apps accept HTTPS only",
    description: "Azure App Service apps and slots must redirect HTTP to HTTPS: httpsOnly true.",
    settings: ["httpsOnly"],
    cis: [
        {
            version: "2.0.0",
            id: "9.2",
            title: "Ensure Web App Redirects All HTTP traffic to HTTPS in Azure App Service",
            profile: "Level 1",
        },
        {
            version: "2.1.0",
            id: "9.2",
            title: "Ensure Web App Redirects All HTTP traffic to HTTPS in Azure App Service",
            profile: "Level 1",
        },
        { version: "3.0.0", id: "9.1", title: "Ensure 'HTTPS Only' is set to `On`", profile: "Level 1" },
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    complies: (_, value) => value === true,
    required: () => "true",
    portal: "Settings > Configuration > General settings > HTTPS Only: On",
    cliFix: "az webapp update --resource-group <RG> --name <APP> --https-only true",
    url: "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https",
    tags: ["azure", "app-service", "https", "cis", "security"],
};
