import { needsRenegotiation } from "../../rule/renegotiation";
import { HTTP2_IN_STACK } from "../../policyNames";
import { BaselineRule } from "../rule";

/**
 * HTTP/2 (CIS: the latest HTTP version, if used to run the web app). Not asked for where the app's mutual TLS needs
 * TLS renegotiation, which HTTP/2 does not offer: HTTP/2 off is then what mutual TLS needs, so such an app passes, and
 * the client-certificate rule judges HTTP/2 with the exclusion paths (rule/renegotiation.ts).
 */
export const http2Rule: BaselineRule = {
    name: "webapp-http2",
    title: "HTTP/2",
    displayName: "App Service apps accept HTTP/2",
    description: "Azure App Service apps and slots should accept HTTP/2: siteConfig.http20Enabled true.",
    settings: ["http20Enabled"],
    stackPart: HTTP2_IN_STACK,
    cis: [
        {
            version: "2.0.0",
            id: "9.9",
            title: "Ensure that 'HTTP Version' is the Latest, if Used to Run the Web App",
            profile: "Level 1",
        },
        {
            version: "2.1.0",
            id: "9.8",
            title: "Ensure that 'HTTP Version' is the Latest, if Used to Run the Web App",
            profile: "Level 1",
        },
        {
            version: "3.0.0",
            id: "9.10",
            title: "Ensure that 'HTTP20enabled' is set to 'true' (if in use)",
            profile: "Level 1",
        },
    ],
    severity: "low",
    enforcementLevel: "advisory",
    complies: (_, value) => value === true,
    required: () => "true",
    notAsked: app => needsRenegotiation(app.settings),
    portal: "Settings > Configuration > General settings > HTTP version: 2.0",
    cliFix: "az webapp config set --resource-group <RG> --name <APP> --http20-enabled true",
    url: "https://learn.microsoft.com/azure/app-service/configure-common#configure-general-settings",
    tags: ["azure", "app-service", "http2", "cis"],
};
