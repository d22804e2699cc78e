import { BaselineRule } from "../rule";

/** Identity types that give the app a managed identity: `SystemAssigned`, `UserAssigned` or both. */
const MANAGED = /^\s*(systemassigned|userassigned)\s*(,\s*(systemassigned|userassigned)\s*)?$/i;

/**
 * A managed identity lets the app reach other Azure services without secrets in its settings. Azure creates apps
 * without one (CIS: "By default, Managed service identity via Azure AD is disabled").
 */
export const managedIdentityRule: BaselineRule = {
    name: "webapp-managed-identity",
    title: "managed identity",
    displayName: "App Service apps have a managed identity",
    description:
        'Azure App Service apps and slots should have a managed identity: identity.type "SystemAssigned", "UserAssigned" or both.',
    settings: ["identity"],
    cis: [
        {
            version: "2.0.0",
            id: "9.5",
            title: "Ensure that Register with Azure Active Directory is enabled on App Service",
            profile: "Level 1",
        },
        {
            version: "2.1.0",
            id: "9.4",
            title: "Ensure that Register with Entra ID is enabled on App Service",
            profile: "Level 1",
        },
        {
            version: "3.0.0",
            id: "9.5",
            title: "Ensure that Register with Entra ID is enabled on App Service",
            profile: "Level 1",
        },
    ],
    severity: "medium",
    enforcementLevel: "advisory",
    complies: (_, value) =>
        typeof value === "object" &&
        value !== null &&
        typeof (value as { type?: unknown }).type === "string" &&
        MANAGED.test((value as { type: string }).type),
    required: () => 'an identity whose type is "SystemAssigned", "UserAssigned" or "SystemAssigned, UserAssigned"',
    portal: "Settings > Identity > System assigned: On (or a user assigned identity)",
    cliFix: "az webapp identity assign --resource-group <RG> --name <APP>",
    url: "https://learn.microsoft.com/azure/app-service/overview-managed-identity",
    tags: ["azure", "app-service", "identity", "cis", "security"],
};
