// A template with deeply nested data where no site is, sent through the real policy server (the compiled pack,
// started as the engine starts it): the preview gets the template's own verdict, not a failure. The limit of
// the SDK's decoding beyond this depth is documented in policy-pack/README.md ("Deeply nested templates").
import * as assert from "assert";
import { answersOf, RunningPolicyPack } from "../../../tools/engine/policyPackServer";
import { sharedPolicyPack } from "../sharedPack";

const DEPLOYMENT = "azure-native:resources:Deployment";
const POLICY = "webapp-require-client-certificates";

/** A deployment whose template holds one site and, in `metadata`, data nested `depth` objects deep. */
function deploymentWithDeepMetadata(depth: number, siteProperties: Record<string, unknown>) {
    let deep: unknown = "leaf";
    for (let i = 0; i < depth; i++) {
        deep = { nested: deep };
    }
    const site = { type: "Microsoft.Web/sites", apiVersion: "2024-04-01", name: "web", properties: siteProperties };
    return {
        resourceGroupName: "rg",
        properties: { mode: "Incremental", template: { metadata: { deep }, resources: [site] } },
    };
}

const CLIENT_CERTIFICATE_POLICIES = ["webapp-require-client-certificates", "webapp-client-certificate-exemptions"];

describe("deeply nested template data through the policy server", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;

    before(async () => {
        // The client-certificate policies' answers: the baseline rules do not read templates yet.
        pack = answersOf(await sharedPolicyPack(), CLIENT_CERTIFICATE_POLICIES);
        await pack.configure({});
    });

    it("passes a compliant template whose unrelated metadata nests 1,000 levels deep", async () => {
        const result = await pack.analyze({
            type: DEPLOYMENT,
            name: "app",
            properties: deploymentWithDeepMetadata(1000, { clientCertEnabled: true }),
        });
        assert.deepStrictEqual(result.diagnostics, []);
    });

    it("judges a template nested 1,200 levels deep, past the SDK's own decoding (about 1,080): the pack reads the request", async () => {
        for (const [enabled, violations] of [
            [true, 0],
            [false, 1],
        ] as const) {
            const result = await pack.analyze({
                type: DEPLOYMENT,
                name: "app",
                properties: deploymentWithDeepMetadata(1200, { clientCertEnabled: enabled }),
            });
            assert.strictEqual(result.diagnostics.length, violations, JSON.stringify(result.diagnostics));
        }
    });

    it("judges a template given as JSON text whose metadata nests 5,000 levels deep (one string for the SDK)", async () => {
        const deep = "[".repeat(5000) + "]".repeat(5000);
        const analyze = (enabled: boolean) =>
            pack.analyze({
                type: "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
                name: "app",
                properties: {
                    templateContent: `{"metadata": {"deep": ${deep}}, "resources": [{"type": "Microsoft.Web/sites", "name": "web", "properties": {"clientCertEnabled": ${enabled}}}]}`,
                },
            });
        assert.deepStrictEqual((await analyze(true)).diagnostics, []);
        assert.match(
            (await analyze(false)).diagnostics[0].message,
            /templateContent.resources\[0\].properties.clientCertEnabled is false/,
        );
    });

    it("still reports the site of such a template that does not comply", async () => {
        const result = await pack.analyze({
            type: DEPLOYMENT,
            name: "app",
            properties: deploymentWithDeepMetadata(1000, { clientCertEnabled: false }),
        });
        assert.strictEqual(result.diagnostics.length, 1);
        assert.strictEqual(result.diagnostics[0].policyName, POLICY);
        assert.match(
            result.diagnostics[0].message,
            /properties.template.resources\[0\].properties.clientCertEnabled is false/,
        );
    });
});
