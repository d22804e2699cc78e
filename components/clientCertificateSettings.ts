import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { exclusionPathProblem } from "../policy-pack/rule/exclusionPaths";
import { modeNamed, PORTAL_MODE, portalNote } from "../policy-pack/rule/portalWording";
import { requireFlag, SecureWebAppArgumentError } from "./argumentError";
import { checkWhenKnown, isKnownNow } from "./whenKnown";

/** The only client certificate mode that satisfies CIS 9.4: the portal's "Require". */
export const REQUIRED_MODE: web.ClientCertMode = "Required";

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
        clientCertEnabled: checkWhenKnown([args.clientCertEnabled], value =>
            requireEnabled(resource, property("clientCertEnabled"), value),
        ),
        clientCertMode: checkWhenKnown([args.clientCertMode], value =>
            requireRequiredMode(resource, property("clientCertMode"), value),
        ),
        httpsOnly: checkWhenKnown([args.httpsOnly], value => requireHttpsOnly(resource, property("httpsOnly"), value)),
        clientCertExclusionPaths:
            paths === undefined
                ? undefined
                : checkWhenKnown(
                      [
                          isKnownNow(paths) && (!Array.isArray(paths) || paths.every(isKnownNow))
                              ? paths
                              : pulumi.output(paths),
                      ],
                      value => joinExclusionPaths(resource, property("clientCertExclusionPaths"), value as unknown),
                  ),
    };
}

function requireEnabled(resource: string, property: string, value: unknown): boolean {
    if (value === undefined || value === true) {
        return true;
    }
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        `it must be true (portal: Client certificate mode "${PORTAL_MODE.Required}"); false means certificates are ignored`,
        `remove ${property} (SecureWebApp sets it to true), or set it to true; ${EXEMPTION_HINT}`,
    );
}

function requireRequiredMode(resource: string, property: string, value: unknown): web.ClientCertMode {
    if (value === undefined || value === REQUIRED_MODE) {
        return REQUIRED_MODE;
    }
    const mode = typeof value === "string" ? modeNamed(value) : undefined;
    if (mode === REQUIRED_MODE) {
        const why =
            (value as string).toLowerCase() === REQUIRED_MODE.toLowerCase()
                ? "the mode is compared case-sensitively"
                : `${JSON.stringify(value)} is the portal's word, the API's value is "${REQUIRED_MODE}"`;
        throw new SecureWebAppArgumentError(
            resource,
            property,
            value,
            `it must be spelled exactly "${REQUIRED_MODE}"${portalNote(REQUIRED_MODE)}: ${why}`,
            `set ${property} to "${REQUIRED_MODE}" as written here, or remove it (SecureWebApp sets it to "${REQUIRED_MODE}")`,
        );
    }
    const found =
        mode === undefined
            ? `${JSON.stringify(value)} is not one of Azure's modes (${Object.keys(PORTAL_MODE)
                  .map(m => `"${m}"`)
                  .join(", ")})`
            : `${JSON.stringify(mode)}${portalNote(mode)} does not demand a certificate`;
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        `it must be "${REQUIRED_MODE}"${portalNote(REQUIRED_MODE)}; ${found}`,
        `remove ${property} (SecureWebApp sets it to "${REQUIRED_MODE}"), or set it to "${REQUIRED_MODE}"; ` +
            EXEMPTION_HINT,
    );
}

function requireHttpsOnly(resource: string, property: string, value: unknown): boolean {
    return requireFlag(
        resource,
        property,
        value,
        true,
        ": client certificates only travel over HTTPS, so plain HTTP would bypass them",
    );
}

/**
 * Validates the exclusion paths and joins them in Azure's comma-separated form. Each path turns mutual TLS off
 * below it, so only explicit, distinct path prefixes are accepted: never `/`, never a wildcard, never a path that
 * a server would normalise into another one. One path is judged by the pack's `exclusionPathProblem`, which also
 * decides what the pack's `allowedExclusionPaths` accepts.
 */
function joinExclusionPaths(resource: string, property: string, value: unknown): string {
    if (!Array.isArray(value)) {
        throw new SecureWebAppArgumentError(
            resource,
            property,
            value,
            'it must be a list of path prefixes such as ["/health"]',
            `pass an array of paths, e.g. clientCertExclusionPaths: ["/health"]`,
        );
    }
    const seen = new Set<string>();
    for (const path of value) {
        const duplicate = seen.has(path)
            ? {
                  required: `entries must be distinct; ${JSON.stringify(path)} appears twice`,
                  fix: "remove the duplicate",
              }
            : undefined;
        const problem =
            typeof path !== "string"
                ? {
                      required: "every entry must be a path written as a string",
                      fix: `remove the entry ${JSON.stringify(path)}`,
                  }
                : (exclusionPathProblem(path) ?? duplicate);
        if (problem) {
            throw new SecureWebAppArgumentError(resource, property, value, problem.required, problem.fix);
        }
        seen.add(path);
    }
    return value.join(",");
}
