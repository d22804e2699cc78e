// The pack's entry point: declaring the pack starts its gRPC server, so nothing may import this file.
import { PolicyPack } from "@pulumi/policy";
import { clientCertificateExemptions } from "./policies/clientCertificateExemptions";
import { requireClientCertificates } from "./policies/requireClientCertificates";
import { refusingBadConfig } from "./server/configGuard";
import { wrapAnalyzerHandlers } from "./server/handlers";
import { convertingPropertiesOnce } from "./server/propertiesConvertedOnce";

wrapAnalyzerHandlers({ configure: refusingBadConfig, analyze: convertingPropertiesOnce });
new PolicyPack("azure-secure-webapp", {
    description:
        "Every Azure App Service app must require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).",
    // The rule comes first: the exemptions policy takes the rule's decision on the same resource
    // (policies/ruleDecisionHandOff.ts; test/policy-pack/protocol.test.ts checks the order).
    policies: [requireClientCertificates, clientCertificateExemptions],
});
