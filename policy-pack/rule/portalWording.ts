// How the Azure portal words the client-certificate settings. Users see the portal, so the SecureWebApp component's
// argument errors and the pack's messages both show its word beside the API value, from this one table. No
// imports: the pack is built alone and the component compiles this file from here, as it does exclusionPaths.ts.

/** The portal's "Client certificate mode" for each API value of `clientCertMode`. */
export const PORTAL_MODE = { Required: "Require", Optional: "Allow", OptionalInteractiveUser: "Optional" } as const;

/** An API value of `clientCertMode`. */
export type PortalNamedMode = keyof typeof PORTAL_MODE;

/** The portal's mode for client certificates off (`clientCertEnabled: false`), which has no `clientCertMode` value. */
const PORTAL_OFF_MODE = "Ignore";

/** The API mode a value names, given as the API value or the portal's word, in any letter case. */
export function modeNamed(value: string): PortalNamedMode | undefined {
    const wanted = value.toLowerCase();
    return (Object.keys(PORTAL_MODE) as PortalNamedMode[]).find(
        mode => mode.toLowerCase() === wanted || PORTAL_MODE[mode].toLowerCase() === wanted,
    );
}

/** ` (portal: "Allow")` for an API mode, to follow the value in a message; "" for a value that is not one. */
export function portalNote(mode: unknown): string {
    return typeof mode === "string" && Object.prototype.hasOwnProperty.call(PORTAL_MODE, mode)
        ? ` (portal: "${PORTAL_MODE[mode as PortalNamedMode]}")`
        : "";
}

/** ` (portal: client certificate mode "Ignore")`, to follow a value that turns client certificates off. */
export const PORTAL_OFF_NOTE = ` (portal: client certificate mode "${PORTAL_OFF_MODE}")`;
