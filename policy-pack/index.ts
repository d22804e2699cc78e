// The pack's entry point: declaring the pack starts its gRPC server, so nothing may import this file.
import { PolicyPack } from "@pulumi/policy";
import { clientCertificateExemptions } from "./policies/clientCertificateExemptions";
import { requireClientCertificates } from "./policies/requireClientCertificates";
import { hookAnalyzerServer } from "./sdkInternals";
import { analyzerHooks } from "./server/handlers";

// The server's hooks (server/handlers.ts): a config the pack refuses fails at Configure, where a run begins, and
// each request runs in a context of its own. With an SDK whose server it cannot hook, the pack refuses to start.
const hooks = hookAnalyzerServer(analyzerHooks());
new PolicyPack("azure-secure-webapp", {
    description:
        "Every Azure App Service app must require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).",
    // The rule comes first: the exemptions policy takes the rule's decision on the same resource
    // (policies/ruleDecisionHandOff.ts).
    policies: [requireClientCertificates, clientCertificateExemptions],
});
hooks.confirm();
