// The baseline rules, each its own policy (policies/baselinePolicy.ts), in the order the pack declares them.
import { BaselineRule } from "../rule";
import { authenticationRule } from "./authentication";
import { basicPublishingCredentialsRule } from "./basicPublishingCredentials";
import { ftpDeploymentsRule } from "./ftpDeployments";
import { http2Rule } from "./http2";
import { httpsOnlyRule } from "./httpsOnly";
import { managedIdentityRule } from "./managedIdentity";
import { minimumTlsVersionRule } from "./minimumTlsVersion";
import { publicNetworkAccessRule } from "./publicNetworkAccess";
import { remoteDebuggingRule } from "./remoteDebugging";

export const BASELINE_RULES: readonly BaselineRule[] = [
    httpsOnlyRule,
    minimumTlsVersionRule,
    ftpDeploymentsRule,
    basicPublishingCredentialsRule,
    remoteDebuggingRule,
    managedIdentityRule,
    http2Rule,
    authenticationRule,
    publicNetworkAccessRule,
];
