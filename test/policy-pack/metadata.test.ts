import * as assert from "assert";
import { NOTICES_DESCRIPTION } from "../../policy-pack/notices";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { renegotiationInStack } from "../../policy-pack/policies/renegotiationInStack";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";

describe("policy metadata", () => {
    const policy = requireClientCertificates;

    it("is the mandatory policy webapp-require-client-certificates", () => {
        assert.strictEqual(policy.name, "webapp-require-client-certificates");
        assert.strictEqual(policy.enforcementLevel, "mandatory");
    });

    it("is high severity and maps to CIS Microsoft Azure Foundations Benchmark 9.4 with the versions cited", () => {
        assert.strictEqual(policy.severity, "high");
        assert.deepStrictEqual(
            { ...policy.framework, specification: undefined },
            {
                name: "CIS Microsoft Azure Foundations Benchmark",
                version: "1.1.0-2.0.0",
                reference: "9.4",
                specification: undefined,
            },
        );
        assert.match(policy.framework!.specification, /Client Certificates/);
    });

    it("carries a display name, tags, remediation steps with the az command, and a documentation link", () => {
        assert.ok(policy.displayName);
        assert.ok(policy.tags!.includes("cis"));
        assert.match(
            policy.remediationSteps!,
            /az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required/,
        );
        assert.match(
            policy.remediationSteps!,
            /keep siteConfig\.http20Enabled false and siteConfig\.minTlsVersion "1\.2"/,
        );
        assert.match(policy.url!, /^https:\/\/learn\.microsoft\.com\//);
    });

    it("gives every config key a schema with a default, so the engine validates config files", () => {
        const properties = policy.configSchema!.properties;
        assert.deepStrictEqual(Object.keys(properties).sort(), [
            "allowedExclusionPaths",
            "excludedKinds",
            "exemptions",
        ]);
        for (const [key, schema] of Object.entries(properties)) {
            assert.deepStrictEqual((schema as any).default, [], `${key} default`);
        }
        assert.deepStrictEqual((properties.exemptions as any).items.required, ["resource", "reason"]);
    });
});

describe("exemption notices policy metadata", () => {
    const policy = clientCertificateExemptions;

    it("is the advisory, low-severity policy webapp-client-certificate-exemptions, so notices warn without blocking", () => {
        assert.strictEqual(policy.name, "webapp-client-certificate-exemptions");
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.severity, "low");
    });

    it("has the description parseNotice expects before each notice", () => {
        assert.strictEqual(policy.description, NOTICES_DESCRIPTION);
    });

    it("keeps the warning window in its own config, 30 days by default", () => {
        assert.deepStrictEqual(Object.keys(policy.configSchema!.properties), ["exemptionWarningDays"]);
        assert.strictEqual((policy.configSchema!.properties.exemptionWarningDays as { default: number }).default, 30);
    });
});

describe("renegotiation stack policy metadata", () => {
    const policy = renegotiationInStack;

    it("is the client-certificate rule's stack part webapp-client-certificates-renegotiation-in-stack, at the rule's level and severity", () => {
        assert.strictEqual(policy.name, "webapp-client-certificates-renegotiation-in-stack");
        assert.strictEqual(policy.enforcementLevel, requireClientCertificates.enforcementLevel);
        assert.strictEqual(policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.severity, "high");
        assert.deepStrictEqual(policy.framework, requireClientCertificates.framework);
        assert.deepStrictEqual(policy.tags, [...requireClientCertificates.tags!, "stack"]);
    });

    it("takes only an enforcement level: its allowed exclusion paths and exemptions are the rule's", () => {
        assert.deepStrictEqual(Object.keys(policy.configSchema!.properties), []);
    });

    it("names both fixes in its remediation steps", () => {
        assert.match(policy.remediationSteps!, /properties\.http20Enabled false and properties\.minTlsVersion "1\.2"/);
        assert.match(policy.remediationSteps!, /remove the app's exclusion paths/);
    });
});
