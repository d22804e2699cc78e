// Compiled by test/components/secureWebAppTypes.test.ts, never run. Each `@ts-expect-error` line is a weakened App
// Service baseline setting that TypeScript must refuse: if the types ever admitted it, the directive would be unused
// and the compilation would fail. The other lines are the values that must keep compiling.
import * as pulumi from "@pulumi/pulumi";
import { SecureWebAppArgs, SecureWebAppSlotArgs, SiteConfigArgs } from "../../../components";

const base = { resourceGroupName: "rg" };

export const accepted: SecureWebAppArgs[] = [
    { ...base, siteConfig: { minTlsVersion: "1.2", scmMinTlsVersion: "1.2", ftpsState: "Disabled" } },
    { ...base, siteConfig: { minTlsVersion: "1.3", scmMinTlsVersion: "1.3", ftpsState: "FtpsOnly" } },
    { ...base, siteConfig: { remoteDebuggingEnabled: false, http20Enabled: false, linuxFxVersion: "NODE|22-lts" } },
    { ...base, siteConfig: pulumi.output({ minTlsVersion: "1.2" as const }) },
    { ...base, identity: { type: "None" }, slots: { staging: { siteConfig: { minTlsVersion: "1.3" } } } },
];

// @ts-expect-error TLS 1.0 is retired (CIS 9.3)
export const tls10: SiteConfigArgs = { minTlsVersion: "1.0" };
// @ts-expect-error TLS 1.1 is retired, for the SCM site too
export const scmTls11: SiteConfigArgs = { scmMinTlsVersion: "1.1" };
// @ts-expect-error plain FTP (CIS 9.10)
export const plainFtp: SiteConfigArgs = { ftpsState: "AllAllowed" };
// @ts-expect-error remote debugging stays off
export const remoteDebugging: SiteConfigArgs = { remoteDebuggingEnabled: true };
// @ts-expect-error a setting known only later is held to the same rule
export const tlsOutput: SiteConfigArgs = { minTlsVersion: pulumi.output("1.0" as const) };
// @ts-expect-error the app's siteConfig is typed so
export const appTls10: SecureWebAppArgs = { ...base, siteConfig: { minTlsVersion: "1.0" } };
// @ts-expect-error a slot's siteConfig is held to the same rule
export const slotFtp: SecureWebAppSlotArgs = { siteConfig: { ftpsState: "AllAllowed" } };
