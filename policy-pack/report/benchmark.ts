// The control the report maps every verdict to, stated once for the SARIF rule, the JUnit suite and the summary.

/** The CIS recommendation the pack enforces, where it appears in which benchmark versions, and the sources. */
export const CIS_CONTROL = {
    id: "9.4",
    benchmark: "CIS Microsoft Azure Foundations Benchmark",
    versions: "1.1.0 to 2.0.0",
    title: "Ensure the web app has 'Client Certificates (Incoming client certificates)' set to 'On'",
    profile: "Level 2",
    /** Short form for one-line contexts. */
    label: "CIS Microsoft Azure Foundations Benchmark 9.4 (v1.1.0 to v2.0.0)",
    /** What is known of later versions, each claim with its source. */
    laterVersions: [
        "v2.1.0 and v3.0.0 keep an App Service section (9) but list no client-certificate recommendation; their 9.4 is a " +
            'different control ("Register with Entra ID" in v2.1.0, the TLS version in v3.0.0), so "9.4" must always be ' +
            "read with its version.",
        "From v4.0.0 the Foundations benchmark has no App Service section: its sections are grouped by service category " +
            "(Analytics, Compute, Identity, Management and Governance, Networking, Security, Storage).",
        "App Service guidance moved to the separate CIS Microsoft Azure Compute Services Benchmark (v1.0.0, 2023-09-14); " +
            "whether and where it carries this recommendation was not verified here.",
    ],
    sources: [
        "Tenable's audit item 9.4 of CIS Microsoft Azure Foundations L2 v1.3.1 (tenable.com/audits/items/" +
            "CIS_Microsoft_Azure_Foundations_L2_v1.3.1.audit:6c9cef34c57cf902f9d5111d6774f827)",
        "Datadog's rule cis-azure-1.3.0-9.4 (docs.datadoghq.com/security/default_rules/cis-azure-1.3.0-9.4/)",
        "Prowler's CIS mappings in prowler-cloud/prowler, prowler/compliance/azure/cis_2.0_azure.json (9.4, Level 2), " +
            "cis_2.1_azure.json, cis_3.0_azure.json and cis_4.0_azure.json (the later sections)",
    ],
} as const;

/** Microsoft's guide to the setting, given as the fix's reference. */
export const HELP_URI = "https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth";
