// The benchmark's workload: azure-native WebApps shaped like the inputs a real program registers (location,
// plan, site configuration with app settings and connection strings, identity, tags, client-certificate
// settings), deterministic so that every run and both packs see the same resources.

export const WEBAPP_TYPE = "azure-native:web:WebApp";

/** Exclusion path that the benchmark's pack configuration allows. */
export const ALLOWED_EXCLUSION_PATH = "/healthz";

export interface BenchResource {
    type: string;
    name: string;
    urn: string;
    properties: Record<string, unknown>;
    /** Whether the rule should accept this app (with {@link ALLOWED_EXCLUSION_PATH} allowed). */
    compliant: boolean;
}

/**
 * Client-certificate settings, one per slot of the cycle: half the apps comply, the others fail in each way
 * the rule knows (flag off or absent, "Allow", "Optional", a site-wide exclusion path).
 */
const CLIENT_CERT_VARIANTS: { compliant: boolean; settings: Record<string, unknown> }[] = [
    { compliant: true, settings: { clientCertEnabled: true, clientCertMode: "Required" } },
    { compliant: true, settings: { clientCertEnabled: true } },
    {
        compliant: true,
        settings: {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: ALLOWED_EXCLUSION_PATH,
        },
    },
    {
        compliant: true,
        settings: {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: `${ALLOWED_EXCLUSION_PATH};`,
        },
    },
    { compliant: true, settings: { clientCertEnabled: true, clientCertMode: "Required" } },
    { compliant: false, settings: { clientCertEnabled: false, clientCertMode: "Required" } },
    { compliant: false, settings: {} },
    { compliant: false, settings: { clientCertEnabled: true, clientCertMode: "Optional" } },
    { compliant: false, settings: { clientCertEnabled: true, clientCertMode: "OptionalInteractiveUser" } },
    {
        compliant: false,
        settings: { clientCertEnabled: true, clientCertMode: "Required", clientCertExclusionPaths: "/api/webhooks,/" },
    },
];

const KINDS = ["app", "app,linux", "app,linux,container", "api", "functionapp,linux"];
const REGIONS = ["westeurope", "northeurope", "eastus2", "uksouth"];
const TEAMS = ["payments", "catalogue", "identity", "search", "checkout", "reporting"];

export function webApps(count: number, stack = "bench"): BenchResource[] {
    const resources: BenchResource[] = [];
    for (let i = 0; i < count; i++) {
        resources.push(webApp(i, stack));
    }
    return resources;
}

function webApp(i: number, stack: string): BenchResource {
    const team = TEAMS[i % TEAMS.length];
    const region = REGIONS[i % REGIONS.length];
    const env = i % 3 === 0 ? "prod" : "staging";
    const name = `app-${team}-${env}-${String(i).padStart(5, "0")}`;
    const resourceGroup = `rg-${team}-${env}-${region}`;
    const subscription = "3f2b6a1e-8c4d-4e9a-b7f1-2d5c9e0a6b42";
    const kind = KINDS[i % KINDS.length];
    const variant = CLIENT_CERT_VARIANTS[i % CLIENT_CERT_VARIANTS.length];
    const properties: Record<string, unknown> = {
        resourceGroupName: resourceGroup,
        name,
        location: region,
        kind,
        serverFarmId:
            `/subscriptions/${subscription}/resourceGroups/${resourceGroup}` +
            `/providers/Microsoft.Web/serverfarms/asp-${team}-${env}-${i % 40}`,
        httpsOnly: true,
        clientAffinityEnabled: false,
        publicNetworkAccess: i % 4 === 0 ? "Disabled" : "Enabled",
        identity: { type: "SystemAssigned" },
        siteConfig: {
            alwaysOn: env === "prod",
            ftpsState: "Disabled",
            // Exclusion paths need TLS renegotiation, which HTTP/2 rules out: the rule requires HTTP/2 off beside them.
            http20Enabled: variant.settings.clientCertExclusionPaths === undefined && i % 2 === 0,
            minTlsVersion: "1.2",
            scmMinTlsVersion: "1.2",
            linuxFxVersion: kind.includes("linux") ? "NODE|22-lts" : undefined,
            healthCheckPath: ALLOWED_EXCLUSION_PATH,
            numberOfWorkers: 1 + (i % 3),
            appSettings: [
                { name: "WEBSITE_RUN_FROM_PACKAGE", value: "1" },
                { name: "WEBSITE_NODE_DEFAULT_VERSION", value: "~20" },
                { name: "SCM_DO_BUILD_DURING_DEPLOYMENT", value: "false" },
                {
                    name: "APPLICATIONINSIGHTS_CONNECTION_STRING",
                    value:
                        `InstrumentationKey=0c1d2e3f-4a5b-6c7d-8e9f-${String(i).padStart(12, "0")};` +
                        `IngestionEndpoint=https://${region}-5.in.applicationinsights.azure.com/;` +
                        `LiveEndpoint=https://${region}.livediagnostics.monitor.azure.com/`,
                },
                { name: "ApplicationInsightsAgent_EXTENSION_VERSION", value: "~3" },
                { name: "KEY_VAULT_URI", value: `https://kv-${team}-${env}.vault.azure.net/` },
                { name: "SERVICE_BUS_NAMESPACE", value: `sb-${team}-${env}.servicebus.windows.net` },
                { name: "STORAGE_ACCOUNT", value: `st${team}${env}${i % 10}` },
                { name: "LOG_LEVEL", value: env === "prod" ? "info" : "debug" },
                { name: "FEATURE_FLAGS", value: "checkout-v2,search-suggest,async-receipts" },
                { name: "NODE_ENV", value: "production" },
                { name: "TEAM", value: team },
            ],
            connectionStrings: [
                {
                    name: "Database",
                    type: "SQLAzure",
                    connectionString:
                        `Server=tcp:sql-${team}-${env}.database.windows.net,1433;` +
                        `Initial Catalog=${team};Authentication=Active Directory Managed Identity;Encrypt=True;`,
                },
            ],
            ipSecurityRestrictions: [
                { name: "corporate", ipAddress: "203.0.113.0/24", action: "Allow", priority: 100 },
                { name: "gateway", ipAddress: "198.51.100.16/28", action: "Allow", priority: 110 },
                { name: "deny-all", ipAddress: "Any", action: "Deny", priority: 2147483647 },
            ],
            cors: { allowedOrigins: [`https://${team}.example.com`], supportCredentials: false },
        },
        tags: {
            environment: env,
            team,
            costCenter: `cc-${1000 + (i % 17)}`,
            application: team,
            managedBy: "pulumi",
        },
        ...variant.settings,
    };
    stripUndefined(properties.siteConfig as Record<string, unknown>);
    return {
        type: WEBAPP_TYPE,
        name,
        urn: `urn:pulumi:${stack}::${stack}::${WEBAPP_TYPE}::${name}`,
        properties,
        compliant: variant.compliant,
    };
}

function stripUndefined(bag: Record<string, unknown>): void {
    for (const key of Object.keys(bag)) {
        if (bag[key] === undefined) {
            delete bag[key];
        }
    }
}
