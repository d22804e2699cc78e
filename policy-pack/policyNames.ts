// The pack's policy names: config files, messages and reports refer to the policies by these.
import type { EnforcementLevel } from "@pulumi/policy";

/** The rule itself (CIS Azure 9.4). */
export const REQUIRE_CLIENT_CERTIFICATES = "webapp-require-client-certificates";

/** The rule's enforcement level when the config sets none (the report quotes it without loading the policy). */
export const REQUIRE_CLIENT_CERTIFICATES_LEVEL: EnforcementLevel = "mandatory";

/** The advisory policy that makes each exemption and excluded kind visible. */
export const CLIENT_CERTIFICATE_EXEMPTIONS = "webapp-client-certificate-exemptions";

/**
 * The stack policy that judges azure-native apps' basic-auth publishing credentials, which separate resources of
 * the stack write (policies/basicAuthPublishingInStack.ts).
 */
export const BASIC_AUTH_IN_STACK = "webapp-basic-auth-publishing-in-stack";

/**
 * The stack policy that judges azure-native apps' App Service authentication, which separate resources of the stack
 * write (policies/authenticationInStack.ts).
 */
export const AUTHENTICATION_IN_STACK = "webapp-authentication-in-stack";

/**
 * The stack policies that judge the `siteConfig.ftpsState` and `siteConfig.http20Enabled` a generic Resource or AzAPI
 * site leaves unset, which a `Microsoft.Web/sites/config` `web` resource of the stack may write
 * (policies/siteConfigInStack.ts).
 */
export const FTP_DEPLOYMENTS_IN_STACK = "webapp-ftp-deployments-in-stack";
export const HTTP2_IN_STACK = "webapp-http2-in-stack";

/**
 * The stack policy that judges, for the client-certificate rule, the `http20Enabled` and `minTlsVersion` a
 * `Microsoft.Web/sites/config` `web` resource of the stack writes for an app whose exclusion paths need TLS
 * renegotiation (policies/renegotiationInStack.ts).
 */
export const RENEGOTIATION_IN_STACK = "webapp-client-certificates-renegotiation-in-stack";
