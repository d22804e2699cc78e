// The pack's entry point: declaring the pack starts its gRPC server, so nothing may import this file.
import { PolicyPack } from "@pulumi/policy";
import { clientCertificateExemptions } from "./policies/clientCertificateExemptions";
import { requireClientCertificates } from "./policies/requireClientCertificates";
import { baselinePolicy } from "./policies/baselinePolicy";
import { BASELINE_RULES } from "./baseline/rules";
import { basicAuthPublishingInStack } from "./policies/basicAuthPublishingInStack";
import { authenticationInStack } from "./policies/authenticationInStack";
import { ftpDeploymentsInStack, http2InStack } from "./policies/siteConfigInStack";
import { renegotiationInStack } from "./policies/renegotiationInStack";
import { hookAnalyzerServer } from "./sdkInternals";
import { analyzerHooks } from "./server/handlers";

// The server's hooks (server/handlers.ts): a config the pack refuses fails at Configure, where a run begins, and
// each request runs in a context of its own. With an SDK whose server it cannot hook, the pack refuses to start.
const hooks = hookAnalyzerServer(analyzerHooks());
new PolicyPack("azure-secure-webapp", {
    description:
        "Every Azure App Service app must require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4), " +
        "and meet the App Service baseline: HTTPS only, TLS 1.2, no FTP, no basic-auth publishing, no remote debugging " +
        "(mandatory), a managed identity, HTTP/2 and App Service authentication (advisory), private network access (when configured).",
    // The rules come first: the exemptions policy takes each rule's decision on the same resource
    // (policies/ruleDecisionHandOff.ts), and every policy of a request reads the apps found once for it.
    policies: [
        requireClientCertificates,
        ...BASELINE_RULES.map(baselinePolicy),
        renegotiationInStack,
        ftpDeploymentsInStack,
        basicAuthPublishingInStack,
        http2InStack,
        authenticationInStack,
        clientCertificateExemptions,
    ],
});
hooks.confirm();
