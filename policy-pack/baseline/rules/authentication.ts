import { AUTHENTICATION_IN_STACK } from "../../policyNames";
import { BaselineRule } from "../rule";

/**
 * App Service authentication (Easy Auth): App Service signs users in before requests reach the app. Azure creates
 * apps without it (CIS: "By default, App Service Authentication is disabled when a new app is created"). The
 * authentication settings V2 and the legacy ones are two APIs over the same switch, so either one on complies.
 * Advisory: many apps authenticate in their own code or behind a gateway, and turning it on needs an identity
 * provider that only the program's author can choose.
 */
export const authenticationRule: BaselineRule = {
    name: "webapp-authentication",
    title: "authentication",
    displayName: "App Service apps have App Service authentication set up",
    description:
        "Azure App Service apps and slots should have App Service authentication turned on: the authentication " +
        "settings V2 (platform.enabled; classic authSettingsV2.authEnabled) or the legacy settings (enabled) true.",
    settings: ["authSettingsV2Enabled", "authSettingsEnabled"],
    settingsAreAlternatives: true,
    stackPart: AUTHENTICATION_IN_STACK,
    cis: [
        {
            version: "2.0.0",
            id: "9.1",
            title: "Ensure App Service Authentication is set up for apps in Azure App Service",
            profile: "Level 2",
        },
        {
            version: "2.1.0",
            id: "9.1",
            title: "Ensure App Service Authentication is set up for apps in Azure App Service",
            profile: "Level 2",
        },
        {
            version: "3.0.0",
            id: "9.2",
            title: "Ensure App Service Authentication is set up for apps in Azure App Service",
            profile: "Level 2",
        },
    ],
    severity: "medium",
    enforcementLevel: "advisory",
    complies: (_, value) => value === true,
    required: setting =>
        `true (or ${setting === "authSettingsV2Enabled" ? "the legacy authentication settings'" : "the authentication settings V2's"} enabled true)`,
    portal: "Settings > Authentication > Add identity provider (App Service authentication: Enabled)",
    cliFix: "az webapp auth update --resource-group <RG> --name <APP> --enabled true (with an identity provider: az webapp auth microsoft update ...)",
    url: "https://learn.microsoft.com/azure/app-service/overview-authentication-authorization",
    tags: ["azure", "app-service", "authentication", "cis", "security"],
};
