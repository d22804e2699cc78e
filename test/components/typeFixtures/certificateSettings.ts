// Compiled by test/components/secureWebAppTypes.test.ts, never run. Each `@ts-expect-error` line is a weakened
// certificate setting that TypeScript must refuse: if the types ever admitted it, the directive would be unused
// and the compilation would fail. The other lines are the values that must keep compiling.
import * as pulumi from "@pulumi/pulumi";
import { SecureWebAppArgs, SecureWebAppSlotArgs } from "../../../components";

const base = { resourceGroupName: "rg" };

export const accepted: SecureWebAppArgs[] = [
    { ...base },
    { ...base, clientCertEnabled: true, clientCertMode: "Required", httpsOnly: true },
    { ...base, clientCertMode: pulumi.output("Required" as const), clientCertEnabled: pulumi.output(true as const) },
    { ...base, slots: { staging: { clientCertMode: "Required", clientCertEnabled: true, httpsOnly: true } } },
];

// @ts-expect-error clientCertMode "Optional" (portal: "Allow") does not demand a certificate
export const optionalMode: SecureWebAppArgs = { ...base, clientCertMode: "Optional" };
// @ts-expect-error clientCertMode "OptionalInteractiveUser" (portal: "Optional")
export const interactiveMode: SecureWebAppArgs = { ...base, clientCertMode: "OptionalInteractiveUser" };
// @ts-expect-error certificates switched off
export const certificatesOff: SecureWebAppArgs = { ...base, clientCertEnabled: false };
// @ts-expect-error plain HTTP would bypass certificates
export const plainHttp: SecureWebAppArgs = { ...base, httpsOnly: false };
// @ts-expect-error a mode known only later must still be Required
export const optionalOutput: SecureWebAppArgs = { ...base, clientCertMode: pulumi.output("Optional" as const) };
// @ts-expect-error a slot is held to the same rule
export const optionalSlot: SecureWebAppSlotArgs = { clientCertMode: "Optional" };
