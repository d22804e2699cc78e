// The pack's policy names: config files, messages and reports refer to the policies by these.

/** The rule itself (CIS Azure 9.4), mandatory by default. */
export const REQUIRE_CLIENT_CERTIFICATES = "webapp-require-client-certificates";

/** The advisory policy that makes each exemption and excluded kind visible. */
export const CLIENT_CERTIFICATE_EXEMPTIONS = "webapp-client-certificate-exemptions";
