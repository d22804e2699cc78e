import { BASIC_AUTH_IN_STACK } from "../../policyNames";
import { BaselineRule } from "../rule";

/**
 * Basic authentication for publishing: the `ftp` and `scm` publishing-credentials policies of a site
 * (`Microsoft.Web/sites/basicPublishingCredentialsPolicies`), on unless set off (CIS v3.0.0: "Both parameters for
 * Basic Authentication (SCM and FTP) are set to On by default").
 */
export const basicPublishingCredentialsRule: BaselineRule = {
    name: "webapp-basic-auth-publishing-disabled",
    title: "basic-auth publishing credentials",
    displayName: "App Service apps accept no basic-auth publishing credentials",
    description:
        "Azure App Service apps and slots must refuse basic authentication for FTP and SCM (WebDeploy, Kudu) " +
        "publishing: the ftp and scm publishing-credentials policies allow: false.",
    settings: ["ftpBasicAuth", "scmBasicAuth"],
    stackPart: BASIC_AUTH_IN_STACK,
    cis: [
        { version: "3.0.0", id: "9.6", title: "Ensure that 'Basic Authentication' is 'Disabled'", profile: "Level 1" },
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    complies: (_, value) => value === false,
    required: () => "false",
    portal: "Settings > Configuration > General settings > SCM Basic Auth Publishing Credentials and FTP Basic Auth Publishing Credentials: Off",
    cliFix:
        "az resource update --resource-group <RG> --name scm --namespace Microsoft.Web --resource-type basicPublishingCredentialsPolicies " +
        "--parent sites/<APP> --set properties.allow=false (and the same with --name ftp)",
    url: "https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable",
    tags: ["azure", "app-service", "publishing", "basic-auth", "cis", "security"],
};
