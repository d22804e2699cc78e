import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { SecureWebAppArgumentError } from "./argumentError";

/** The only client certificate mode that satisfies CIS 9.4: the portal's "Require". */
export const REQUIRED_MODE: web.ClientCertMode = "Required";

/** How the Azure portal names each `clientCertMode` value, since users see the portal. */
const PORTAL_WORDING: Record<string, string> = {
    Required: "Require",
    Optional: "Allow",
    OptionalInteractiveUser: "Optional",
};

const EXEMPTION_HINT =
    "an app that cannot require certificates (for example behind a TLS-terminating proxy) needs an exemption " +
    "in the azure-secure-webapp policy pack, not a weaker setting";

/** The certificate-related arguments as the user gave them. */
export interface ClientCertificateArgs {
    clientCertEnabled?: pulumi.Input<boolean | undefined>;
    clientCertMode?: pulumi.Input<string | undefined>;
    clientCertExclusionPaths?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    httpsOnly?: pulumi.Input<boolean | undefined>;
}

/** The settings the component passes to Azure, each validated now or, for a later value, when it resolves. */
export interface ClientCertificateSettings {
    clientCertEnabled: pulumi.Input<boolean>;
    clientCertMode: pulumi.Input<web.ClientCertMode>;
    clientCertExclusionPaths: pulumi.Input<string> | undefined;
    httpsOnly: pulumi.Input<boolean>;
}

/**
 * Validates the certificate arguments of `resource` and returns the settings that require client certificates.
 * Plain values are checked at once and throw `SecureWebAppArgumentError`; a value known only later (an Output or
 * a Promise) is checked when it resolves, so the deployment fails with the same message. `prefix` qualifies the
 * property names in messages (e.g. `slots.staging.`).
 */
export function clientCertificateSettings(
    resource: string,
    args: ClientCertificateArgs,
    prefix = "",
): ClientCertificateSettings {
    const property = (name: string) => prefix + name;
    const paths = args.clientCertExclusionPaths;
    return {
        clientCertEnabled: checkWhenKnown(args.clientCertEnabled, value =>
            requireEnabled(resource, property("clientCertEnabled"), value)),
        clientCertMode: checkWhenKnown(args.clientCertMode, value =>
            requireRequiredMode(resource, property("clientCertMode"), value)),
        httpsOnly: checkWhenKnown(args.httpsOnly, value =>
            requireHttpsOnly(resource, property("httpsOnly"), value)),
        clientCertExclusionPaths: paths === undefined ? undefined : checkWhenKnown(
            isKnownNow(paths) && (!Array.isArray(paths) || paths.every(isKnownNow)) ? paths : pulumi.output(paths),
            value => joinExclusionPaths(resource, property("clientCertExclusionPaths"), value as unknown)),
    };
}

function requireEnabled(resource: string, property: string, value: unknown): boolean {
    if (value === undefined || value === true) {
        return true;
    }
    throw new SecureWebAppArgumentError(resource, property, value,
        "it must be true (portal: Client certificate mode \"Require\"); false means certificates are ignored",
        `remove ${property} (SecureWebApp sets it to true), or set it to true; ${EXEMPTION_HINT}`);
}

function requireRequiredMode(resource: string, property: string, value: unknown): web.ClientCertMode {
    if (value === undefined || value === REQUIRED_MODE) {
        return REQUIRED_MODE;
    }
    const portal = typeof value === "string" && PORTAL_WORDING[value];
    const found = portal ? `${JSON.stringify(value)} (portal: "${portal}")` : JSON.stringify(value);
    throw new SecureWebAppArgumentError(resource, property, value,
        `it must be "${REQUIRED_MODE}" (portal: "Require"); ${found} does not demand a certificate`,
        `remove ${property} (SecureWebApp sets it to "${REQUIRED_MODE}"), or set it to "${REQUIRED_MODE}"; ` +
        EXEMPTION_HINT);
}

function requireHttpsOnly(resource: string, property: string, value: unknown): boolean {
    if (value === undefined || value === true) {
        return true;
    }
    throw new SecureWebAppArgumentError(resource, property, value,
        "it must be true: client certificates only travel over HTTPS, so plain HTTP would bypass them",
        `remove ${property} (SecureWebApp sets it to true), or set it to true`);
}

/**
 * Validates the exclusion paths and joins them in Azure's comma-separated form. Each path turns mutual TLS off
 * below it, so only explicit, distinct path prefixes are accepted: never `/`, never a wildcard.
 */
function joinExclusionPaths(resource: string, property: string, value: unknown): string {
    const refuse = (found: unknown, required: string, fix: string) => {
        throw new SecureWebAppArgumentError(resource, property, found, required, fix);
    };
    if (!Array.isArray(value)) {
        return refuse(value, "it must be a list of path prefixes such as [\"/health\"]",
            `pass an array of paths, e.g. clientCertExclusionPaths: ["/health"]`);
    }
    const seen = new Set<string>();
    for (const path of value) {
        if (typeof path !== "string" || path.trim() === "") {
            refuse(value, "every entry must be a non-empty path", `remove the empty entry ${JSON.stringify(path)}`);
        } else if (path === "/") {
            refuse(value, "\"/\" is never allowed: it turns client certificates off for the whole site",
                "list only the paths that must be reachable without a certificate, e.g. \"/health\"");
        } else if (!path.startsWith("/")) {
            refuse(value, `every entry must start with "/"; ${JSON.stringify(path)} does not`,
                `write it as ${JSON.stringify("/" + path.trim())}`);
        } else if (/[*?\s,;]/.test(path)) {
            refuse(value, `entries must be literal path prefixes without wildcards, spaces, "," or ";"; ` +
                `${JSON.stringify(path)} has one`, "list each path prefix as its own entry, e.g. [\"/health\", \"/hooks\"]");
        } else if (seen.has(path)) {
            refuse(value, `entries must be distinct; ${JSON.stringify(path)} appears twice`, "remove the duplicate");
        }
        seen.add(path);
    }
    return value.join(",");
}

/** Applies `check` now when the value is plain, or when it resolves when it is an Output or a Promise. */
function checkWhenKnown<T>(value: unknown, check: (value: unknown) => T): pulumi.Input<T> {
    return isKnownNow(value) ? check(value) : (pulumi.output(value) as pulumi.Output<unknown>).apply(check);
}

function isKnownNow(value: unknown): boolean {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
