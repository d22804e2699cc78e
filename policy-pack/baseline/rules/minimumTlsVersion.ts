import { BaselineRule } from "../rule";

/** TLS versions by their API value; a version the pack does not know is never taken for a newer one. */
const SECURE_TLS_VERSIONS = ["1.2", "1.3"];

/**
 * Minimum TLS version 1.2 or newer, for the app and for its SCM (Kudu) site. Azure creates apps with 1.2 (CIS:
 * "By default, TLS Version feature will be set to 1.2 when a new app is created"), so an unset version complies.
 */
export const minimumTlsVersionRule: BaselineRule = {
    name: "webapp-minimum-tls-version",
    title: "minimum TLS version",
    displayName: "App Service apps and their SCM sites accept TLS 1.2 or newer only",
    description:
        "Azure App Service apps and slots must refuse TLS 1.0 and 1.1, on the app and on its SCM site: " +
        'siteConfig.minTlsVersion and siteConfig.scmMinTlsVersion "1.2" or "1.3".',
    settings: ["minTlsVersion", "scmMinTlsVersion"],
    cis: [
        {
            version: "2.0.0",
            id: "9.3",
            title: "Ensure Web App is using the latest version of TLS encryption",
            profile: "Level 1",
        },
        {
            version: "2.1.0",
            id: "9.3",
            title: "Ensure Web App is using the latest version of TLS encryption",
            profile: "Level 1",
        },
        {
            version: "3.0.0",
            id: "9.4",
            title: "Ensure Web App is using the latest version of TLS encryption",
            profile: "Level 1",
        },
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    complies: (_, value) => typeof value === "string" && SECURE_TLS_VERSIONS.includes(value),
    required: () => '"1.2" or "1.3"',
    portal: "Settings > Configuration > General settings > Minimum Inbound TLS Version and SCM Minimum Inbound TLS Version: 1.2",
    cliFix: "az webapp config set --resource-group <RG> --name <APP> --min-tls-version 1.2 --scm-min-tls-version 1.2",
    url: "https://learn.microsoft.com/azure/app-service/overview-tls",
    tags: ["azure", "app-service", "tls", "cis", "security"],
};
