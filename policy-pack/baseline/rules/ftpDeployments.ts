import { FTP_DEPLOYMENTS_IN_STACK } from "../../policyNames";
import { BaselineRule } from "../rule";

/**
 * FTP deployments: plain FTP sends the publishing credentials in clear text. Azure creates apps with `AllAllowed`
 * (CIS: "By default, FTP based deployment is All allowed"). CIS v2.0.0 asks for Disabled; v3.0.0 accepts FTPS Only
 * too, which the config may allow.
 */
export const ftpDeploymentsRule: BaselineRule = {
    name: "webapp-ftp-deployments-disabled",
    title: "FTP deployments",
    displayName: "App Service apps accept no FTP deployments",
    description:
        'Azure App Service apps and slots must not accept FTP deployments: siteConfig.ftpsState "Disabled" ' +
        '("FtpsOnly" too when the policy config allows it).',
    settings: ["ftpsState"],
    stackPart: FTP_DEPLOYMENTS_IN_STACK,
    cis: [
        { version: "2.0.0", id: "9.10", title: "Ensure FTP deployments are Disabled", profile: "Level 1" },
        { version: "2.1.0", id: "9.9", title: "Ensure FTP deployments are Disabled", profile: "Level 1" },
        {
            version: "3.0.0",
            id: "9.3",
            title: "Ensure 'FTP State' is set to 'FTPS Only' or 'Disabled'",
            profile: "Level 1",
        },
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    options: {
        allowFtpsOnly: {
            description:
                'Accept "FtpsOnly" (FTP over TLS only) as well as "Disabled", as CIS v3.0.0 9.3 does; v2.0.0 9.10 asks for Disabled.',
            default: false,
        },
    },
    complies: (_, value, { allowFtpsOnly }) => value === "Disabled" || (allowFtpsOnly === true && value === "FtpsOnly"),
    required: (_, { allowFtpsOnly }) => (allowFtpsOnly ? '"Disabled" or "FtpsOnly"' : '"Disabled"'),
    portal: "Settings > Configuration > General settings > FTP state: Disabled (or FTPS only)",
    cliFix: "az webapp config set --resource-group <RG> --name <APP> --ftps-state Disabled",
    url: "https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps",
    tags: ["azure", "app-service", "ftp", "deployment", "cis", "security"],
};
