import { BaselineRule } from "../rule";

/** Remote debugging opens debugger ports on the app; Azure creates apps with it off (CIS v3.0.0 9.12). */
export const remoteDebuggingRule: BaselineRule = {
    name: "webapp-remote-debugging-off",
    title: "remote debugging",
    displayName: "App Service apps have remote debugging off",
    description:
        "Azure App Service apps and slots must have remote debugging off: siteConfig.remoteDebuggingEnabled false.",
    settings: ["remoteDebuggingEnabled"],
    cis: [
        { version: "3.0.0", id: "9.12", title: "Ensure that 'Remote debugging' is set to 'Off'", profile: "Level 1" },
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    complies: (_, value) => value === false,
    required: () => "false",
    portal: "Settings > Configuration > General settings > Remote debugging: Off",
    cliFix: "az webapp config set --resource-group <RG> --name <APP> --remote-debugging-enabled false",
    url: "https://learn.microsoft.com/azure/app-service/configure-common#configure-general-settings",
    tags: ["azure", "app-service", "debugging", "cis", "security"],
};
