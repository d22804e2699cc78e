import * as pulumi from "@pulumi/pulumi";
import { requireFlag, SecureWebAppArgumentError } from "./argumentError";
import { checkWhenKnown, isKnownNow } from "./whenKnown";

/** The minimum TLS versions CIS 9.3 accepts, for the site and for its SCM (Kudu) site. */
export const ACCEPTED_TLS_VERSIONS = ["1.2", "1.3"] as const;
/** The FTP states CIS 9.10 accepts: FTP off, or FTPS only. */
export const ACCEPTED_FTPS_STATES = ["Disabled", "FtpsOnly"] as const;

/** What SecureWebApp sets when the program leaves a setting out. */
export const SITE_DEFAULTS = {
    minTlsVersion: "1.2",
    scmMinTlsVersion: "1.2",
    ftpsState: "Disabled",
    remoteDebuggingEnabled: false,
} as const;

/** The identity an app or slot gets when the program gives none (CIS 9.5, advisory): its own managed identity. */
export const DEFAULT_IDENTITY = { type: "SystemAssigned" } as const;

/**
 * Microsoft's statement of why exclusion paths rule out HTTP/2 and TLS 1.3, quoted in refusals; the full finding,
 * with its sources, is docs/mutual-tls-renegotiation.md.
 */
const RENEGOTIATION =
    "clientCertExclusionPaths make App Service ask for the certificate by TLS renegotiation, which HTTP/2 and " +
    'TLS 1.3 do not offer (Microsoft Learn, "Configure TLS mutual authentication for Azure App Service")';

/**
 * Validates the App Service baseline settings of `siteConfig` and returns the site configuration with each
 * secure value set: minimum TLS 1.2 for the site and its SCM site (CIS 9.3), FTP disabled (9.10), remote debugging
 * off, and HTTP/2 on (9.9, advisory) unless the program turns it off or `renegotiates` (exclusion paths are set),
 * where HTTP/2 and TLS 1.3 cannot carry the certificate and are refused. A `siteConfig`, or one of its settings,
 * known only later is checked when it resolves. Every other setting passes through unchanged. `prefix` qualifies
 * the property names in messages (e.g. `slots.staging.`).
 */
export function secureSiteConfig(
    resource: string,
    siteConfig: unknown,
    renegotiates: pulumi.Input<boolean>,
    prefix = "",
): pulumi.Input<Record<string, unknown>> {
    const property = `${prefix}siteConfig`;
    if (!isKnownNow(siteConfig)) {
        // Settings checked later still may be Outputs themselves (with exclusion paths known only later).
        return (pulumi.output(siteConfig) as pulumi.Output<unknown>).apply(known =>
            pulumi.output(
                withSecureSettings(resource, requireObject(resource, property, known), renegotiates, property),
            ),
        );
    }
    return withSecureSettings(resource, requireObject(resource, property, siteConfig), renegotiates, property);
}

function requireObject(resource: string, property: string, value: unknown): Record<string, unknown> {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new SecureWebAppArgumentError(
            resource,
            property,
            value,
            "it must be an object of site settings",
            `write ${property} as an object, e.g. { linuxFxVersion: "NODE|22-lts" }`,
        );
    }
    return value as Record<string, unknown>;
}

function withSecureSettings(
    resource: string,
    config: Record<string, unknown>,
    renegotiates: pulumi.Input<boolean>,
    property: string,
): Record<string, unknown> {
    const at = (name: string) => `${property}.${name}`;
    return {
        ...config,
        minTlsVersion: checkWhenKnown([config.minTlsVersion, renegotiates], (value, renegotiating) =>
            requireTlsVersion(resource, property, "minTlsVersion", value, renegotiating === true),
        ),
        scmMinTlsVersion: checkWhenKnown([config.scmMinTlsVersion], value =>
            requireTlsVersion(resource, property, "scmMinTlsVersion", value, false),
        ),
        ftpsState: checkWhenKnown([config.ftpsState], value => requireFtpsState(resource, at("ftpsState"), value)),
        remoteDebuggingEnabled: checkWhenKnown([config.remoteDebuggingEnabled], value =>
            requireRemoteDebuggingOff(resource, at("remoteDebuggingEnabled"), value),
        ),
        http20Enabled: checkWhenKnown([config.http20Enabled, renegotiates], (value, renegotiating) =>
            http2Setting(resource, at("http20Enabled"), value, renegotiating === true),
        ),
    };
}

function requireTlsVersion(
    resource: string,
    siteConfig: string,
    name: "minTlsVersion" | "scmMinTlsVersion",
    value: unknown,
    renegotiating: boolean,
): string {
    const property = `${siteConfig}.${name}`;
    if (value === undefined) {
        return SITE_DEFAULTS[name];
    }
    if (value === "1.3" && renegotiating) {
        throw new SecureWebAppArgumentError(
            resource,
            property,
            value,
            `it must be "1.2" while clientCertExclusionPaths is set: ${RENEGOTIATION}, so a client held to TLS 1.3 could never present a certificate`,
            `set ${property} to "1.2" (or remove it), or remove clientCertExclusionPaths`,
        );
    }
    if ((ACCEPTED_TLS_VERSIONS as readonly unknown[]).includes(value)) {
        return value as string;
    }
    const written = typeof value === "number" ? `; write it as the string "${value.toFixed(1)}"` : "";
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        `it must be "1.2" or "1.3" (CIS 9.3; portal: ${
            name === "minTlsVersion" ? "Minimum Inbound TLS Version" : "SCM Minimum Inbound TLS Version"
        }): TLS 1.0 and 1.1 are retired${written}`,
        `remove ${property} (SecureWebApp sets it to "${SITE_DEFAULTS[name]}"), or set it to "1.2" or "1.3"`,
    );
}

function requireFtpsState(resource: string, property: string, value: unknown): string {
    if (value === undefined) {
        return SITE_DEFAULTS.ftpsState;
    }
    if ((ACCEPTED_FTPS_STATES as readonly unknown[]).includes(value)) {
        return value as string;
    }
    const why =
        value === "AllAllowed"
            ? '"AllAllowed" (portal: FTP state "All allowed") sends credentials and files over plain FTP'
            : `${JSON.stringify(value)} is not one of Azure's FTP states ("AllAllowed", "FtpsOnly", "Disabled"), which are compared case-sensitively`;
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        `it must be "Disabled" or "FtpsOnly" (CIS 9.10; portal: FTP state "Disabled" or "FTPS only"); ${why}`,
        `remove ${property} (SecureWebApp sets it to "Disabled"), or set it to "Disabled" or "FtpsOnly"`,
    );
}

function requireRemoteDebuggingOff(resource: string, property: string, value: unknown): boolean {
    return requireFlag(
        resource,
        property,
        value,
        false,
        " (portal: Remote debugging Off): remote debugging opens the app's processes to a debugger over the network",
    );
}

/** HTTP/2 (CIS 9.9) is advisory: on by default, off when the program says so or when exclusion paths need HTTP/1.1. */
function http2Setting(resource: string, property: string, value: unknown, renegotiating: boolean): boolean {
    if (value === undefined) {
        return !renegotiating;
    }
    if (value === false || (value === true && !renegotiating)) {
        return value;
    }
    if (value === true) {
        throw new SecureWebAppArgumentError(
            resource,
            property,
            value,
            `it must be false or absent while clientCertExclusionPaths is set: ${RENEGOTIATION}, so requests outside the excluded paths could not present a certificate`,
            `remove ${property} (SecureWebApp turns HTTP/2 off when exclusion paths are set), or remove clientCertExclusionPaths`,
        );
    }
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        "it must be true or false",
        `remove ${property} (SecureWebApp turns HTTP/2 on), or set it to true or false`,
    );
}
