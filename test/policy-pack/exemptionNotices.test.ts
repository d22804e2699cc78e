// The advisory policy webapp-client-certificate-exemptions, run in-process after the rule as the server runs them.
import * as assert from "assert";
import { parseNotice } from "../../policy-pack/notices";
import { Applicability } from "../../policy-pack/applicability";
import { checkPackConfig } from "../../policy-pack/config";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { REQUIRE_CLIENT_CERTIFICATES } from "../../policy-pack/policyNames";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { validationArgs } from "../../tools/engine/policyArgs";
import { notices, run, UNKNOWN } from "./support";

const webApp = "azure-native:web:WebApp";
const nonCompliant = { kind: "functionapp,linux", clientCertEnabled: false };
const DAY_MS = 86400000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

describe("webapp-client-certificate-exemptions", () => {
    it("reports an exempt app once, naming the entry, the last day and the reason", () => {
        const config = {
            exemptions: [
                { resource: "other", reason: "x" },
                { resource: "gw", type: webApp, reason: "TLS ends at the gateway", expires: inDays(400) },
            ],
        };
        const { violations } = notices(webApp, nonCompliant, { name: "gw", config });
        assert.deepStrictEqual(violations, [
            `Exempt: azure-native:web:WebApp "gw" is exempt from webapp-require-client-certificates by exemptions[1] until ${inDays(400)}; reason: TLS ends at the gateway`,
        ]);
    });

    it("warns on a second line when the exemption ends within the default 30 days", () => {
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", type: webApp, reason: "r", expires: inDays(30) }] },
        });
        assert.strictEqual(
            violations[0].split("\n")[1],
            `Expires in 30 days, on ${inDays(30)}: renew it with a new review or fix the app.`,
        );
        const later = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", type: webApp, reason: "r", expires: inDays(31) }] },
        });
        assert.strictEqual(later.violations[0].split("\n").length, 1);
    });

    it("takes the warning window from its own config key exemptionWarningDays", () => {
        const config = { exemptions: [{ resource: "gw", type: webApp, reason: "r", expires: inDays(60) }] };
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            config,
            noticesConfig: { exemptionWarningDays: 90 },
        });
        assert.match(violations[0].split("\n")[1], /^Expires in 60 days/);
        assert.strictEqual(
            notices(webApp, nonCompliant, {
                name: "gw",
                config,
                noticesConfig: { exemptionWarningDays: 7 },
            }).violations[0].split("\n").length,
            1,
        );
    });

    it("warns on the exemption's last day", () => {
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", reason: "r", expires: inDays(0) }] },
        });
        assert.match(violations[0], /\nExpires in 0 days, on /);
    });

    it("never warns about an exemption without an end date", () => {
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", type: webApp, reason: "r" }] },
        });
        assert.deepStrictEqual(
            violations.map(v => parseNotice(v)),
            [{ notice: "exempt", type: webApp, name: "gw", index: 0, reason: "r" }],
        );
        assert.strictEqual(violations[0].split("\n").length, 1);
    });

    it("warns when the exemption gives a logical name without a type, naming the type that would make it exact", () => {
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", reason: "r", expires: inDays(5) }] },
        });
        assert.deepStrictEqual(violations[0].split("\n").slice(1), [
            `Expires in 5 days, on ${inDays(5)}: renew it with a new review or fix the app.`,
            'exemptions[0] names "gw" without a type, so it exempts every resource of that name the rule checks, of any type, ' +
                'anywhere in the stack: add "type": "azure-native:web:WebApp" to exempt this azure-native:web:WebApp alone.',
        ]);
        assert.deepStrictEqual(parseNotice(violations[0]), {
            notice: "exempt",
            type: webApp,
            name: "gw",
            index: 0,
            expires: inDays(5),
            reason: "r",
        });
    });

    it("does not warn about an exemption by URN, which names one resource", () => {
        const urn = "urn:pulumi:dev::test::azure-native:web:WebApp::gw";
        const { violations } = notices(webApp, nonCompliant, {
            name: "gw",
            urn,
            config: { exemptions: [{ resource: urn, reason: "r" }] },
        });
        assert.strictEqual(violations[0].split("\n").length, 1, violations[0]);
    });

    it("reports nothing for an expired exemption: the rule's violation names it", () => {
        const outcome = notices(webApp, nonCompliant, {
            name: "gw",
            config: { exemptions: [{ resource: "gw", reason: "r", expires: inDays(-1) }] },
        });
        assert.deepStrictEqual(outcome, { violations: [] });
    });

    it("reports an app whose kind is excluded, with the kind and the entry it matched", () => {
        const { violations } = notices(webApp, nonCompliant, {
            name: "fn",
            config: { excludedKinds: ["workflowapp", "FunctionApp"] },
        });
        assert.deepStrictEqual(
            violations.map(v => parseNotice(v)),
            [{ notice: "excluded-kind", type: webApp, name: "fn", kind: "functionapp,linux", token: "functionapp" }],
        );
    });

    it("reports each excluded site of an ARM deployment and where it sits, while the rule checks the others", () => {
        const template = {
            resources: [
                { type: "Microsoft.Web/sites", name: "fn", kind: "functionapp", properties: {} },
                { type: "Microsoft.Web/sites", name: "web", kind: "app", properties: {} },
            ],
        };
        const { violations } = notices(
            "azure-native:resources:Deployment",
            { properties: { template } },
            { name: "dep", config: { excludedKinds: ["functionapp"] } },
        );
        assert.strictEqual(violations.length, 1);
        assert.match(
            violations[0],
            /^Excluded kind: azure-native:resources:Deployment "dep" is not checked by webapp-require-client-certificates: its kind "functionapp" matches excludedKinds "functionapp"\nThe app: .*"fn"/,
        );
    });

    it("passes an app the rule checks, and records every other resource as not applicable, so only exemptions and exclusions show", () => {
        assert.deepStrictEqual(notices(webApp, { clientCertEnabled: true }), { violations: [] });
        assert.deepStrictEqual(notices("azure-native:storage:StorageAccount", {}), {
            violations: [],
            notApplicable: "not an App Service resource",
        });
    });

    it("does not read kind when no kind is excluded, so an unknown kind adds no noise", () => {
        assert.deepStrictEqual(notices(webApp, { clientCertEnabled: true, kind: UNKNOWN }).violations, []);
    });

    it("refuses unknown keys and a negative window in its own config", () => {
        assert.throws(
            () => notices(webApp, nonCompliant, { noticesConfig: { exemptionWarningDay: 10 } }),
            /webapp-client-certificate-exemptions\.exemptionWarningDay is 10 \(a number\): not a key of this policy's config, so it would be ignored\. Fix: did you mean "exemptionWarningDays"\?/,
        );
        assert.throws(
            () => notices(webApp, nonCompliant, { noticesConfig: { exemptionWarningDays: -1 } }),
            /exemptionWarningDays is -1 \(a number\): not a whole number of days/,
        );
    });
});

describe("the rule's decision handed to the exemptions policy", () => {
    const exempt: Applicability = {
        outcome: "exempt",
        exemption: { exemption: { resource: "gw", reason: "decided by the rule" }, index: 0 },
    };
    const urn = `urn:pulumi:dev::test::${webApp}::gw`;
    const exemptionsIn = (request: RequestContext) =>
        inRequest(request, () =>
            run(clientCertificateExemptions, validationArgs(webApp, nonCompliant, { name: "gw" })),
        );

    it("is the rule's own decision on the resource in the same request, not decided a second time", () => {
        const request = new RequestContext(new Run(checkPackConfig({})));
        request.recordRuleDecision(urn, exempt);
        assert.match(exemptionsIn(request).violations[0], /^Exempt: .* "gw" .*decided by the rule/);
    });

    it("is decided from the run's config when the rule has not run first in the request", () => {
        const config = checkPackConfig({
            [REQUIRE_CLIENT_CERTIFICATES]: { exemptions: [{ resource: "gw", reason: "from the config" }] },
        });
        const request = new RequestContext(new Run(config));
        request.recordRuleDecision("urn:pulumi:dev::test::azure-native:web:WebApp::other", exempt);
        assert.match(exemptionsIn(request).violations[0], /^Exempt: .* "gw" .*from the config/);
    });

    it("is absent when the run's config disables the rule, so nothing is exempt from it", () => {
        const config = checkPackConfig({ [REQUIRE_CLIENT_CERTIFICATES]: { enforcementLevel: "disabled" } });
        assert.match(exemptionsIn(new RequestContext(new Run(config))).notApplicable ?? "", /did not run .*disabled/);
    });

    it("is never taken from another request, even one on the same resource", () => {
        const first = new RequestContext(new Run(checkPackConfig({})));
        first.recordRuleDecision(urn, exempt);
        assert.deepStrictEqual(exemptionsIn(new RequestContext(first.run)), { violations: [] });
    });
});
