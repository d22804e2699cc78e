// The pack's entry point: declaring the pack starts its gRPC server, so nothing may import this file.
import { PolicyPack } from "@pulumi/policy";
import { clientCertificateExemptions } from "./policies/clientCertificateExemptions";
import { requireClientCertificates } from "./policies/requireClientCertificates";
import { ConfigureRequest, refusingBadConfig } from "./server/configGuard";
import { Handler, wrapAnalyzerHandlers } from "./server/handlers";
import { AnalyzeRequest, convertingPropertiesOnce } from "./server/propertiesConvertedOnce";
import { beginningRun, inRun } from "./server/runBudget";

// The server's hooks (server/): a config the pack refuses fails at Configure, where a run's evaluation budget
// begins, and each Analyze request's properties are converted once for both policies.
wrapAnalyzerHandlers({
    configure: (handler: Handler<ConfigureRequest>) => refusingBadConfig(beginningRun(handler)),
    analyze: (handler: Handler<AnalyzeRequest>) => inRun(convertingPropertiesOnce(handler)),
});
new PolicyPack("azure-secure-webapp", {
    description:
        "Every Azure App Service app must require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).",
    // The rule comes first: the exemptions policy takes the rule's decision on the same resource
    // (policies/ruleDecisionHandOff.ts; test/policy-pack/protocol.test.ts checks the order).
    policies: [requireClientCertificates, clientCertificateExemptions],
});
