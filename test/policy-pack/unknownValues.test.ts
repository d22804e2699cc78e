// Unknown values stay local: with excludedKinds set, an app whose kind is unknown at preview is still checked, may
// yet be left out, and never hides a definite violation of another app of the same resource. Run through the
// compiled pack over the engine's Analyzer protocol, where unknown values arrive as the engine sends them.
import * as assert from "assert";
import { AnalyzeResult, answersOf, RunningPolicyPack, UNKNOWN } from "../../tools/engine/policyPackServer";
import { sharedPolicyPack } from "./sharedPack";

const POLICY = "webapp-require-client-certificates";
const EXEMPTIONS_POLICY = "webapp-client-certificate-exemptions";
const deployment = "azure-native:resources:Deployment";
const webApp = "azure-native:web:WebApp";
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const KINDS_UNKNOWN =
    "not exempt; the kind of an app is not known until the update, where an excluded kind is reported";

/** A deployment of sites `fn` (kind from a parameter unknown at preview) and `web`, each with its own settings. */
function twoSites(fn: Record<string, unknown>, web: Record<string, unknown>, webKind = "app") {
    return {
        properties: {
            mode: "Incremental",
            parameters: { fnKind: { value: UNKNOWN } },
            template: {
                parameters: { fnKind: { type: "string" } },
                resources: [
                    {
                        type: "Microsoft.Web/sites",
                        apiVersion: "2024-04-01",
                        name: "fn",
                        kind: "[parameters('fnKind')]",
                        properties: fn,
                    },
                    {
                        type: "Microsoft.Web/sites",
                        apiVersion: "2024-04-01",
                        name: "web",
                        kind: webKind,
                        properties: web,
                    },
                ],
            },
        },
    };
}

function only(result: AnalyzeResult) {
    assert.strictEqual(
        result.diagnostics.length,
        1,
        `expected one diagnostic, got ${JSON.stringify(result.diagnostics, null, 1)}`,
    );
    return result.diagnostics[0];
}

describe("unknown values at preview stay local to the app that holds them", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;

    before(async () => {
        // The client-certificate policies' answers, beside which the baseline rules run on the same resources.
        pack = answersOf(await sharedPolicyPack(), [POLICY, EXEMPTIONS_POLICY]);
        await pack.configure({ [POLICY]: { excludedKinds: ["functionapp"] } });
    });

    it("reports another site's definite violation at the policy's level, naming the site whose kind is unknown", async () => {
        const diagnostic = only(
            await pack.analyze({
                type: deployment,
                name: "dep",
                properties: twoSites({ clientCertEnabled: false }, { clientCertEnabled: false }),
            }),
        );
        assert.strictEqual(diagnostic.policyName, POLICY);
        assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
        assert.ok(
            diagnostic.message.includes(
                '- Microsoft.Web/sites "fn" at properties.template.resources[0]:\n' +
                    "  - its kind is not known until the update, where it is checked unless excludedKinds leaves it out; as declared:\n" +
                    "  - properties.template.resources[0].properties.clientCertEnabled is false",
            ),
            diagnostic.message,
        );
        assert.ok(
            diagnostic.message.includes(
                '- Microsoft.Web/sites "web" at properties.template.resources[1]:\n' +
                    "  - properties.template.resources[1].properties.clientCertEnabled is false",
            ),
            diagnostic.message,
        );
    });

    it("leaves the resource to the engine's advisory when only the site of unknown kind has findings", async () => {
        const diagnostic = only(
            await pack.analyze({
                type: deployment,
                name: "dep",
                properties: twoSites({ clientCertEnabled: false }, compliant),
            }),
        );
        assert.strictEqual(diagnostic.policyName, POLICY);
        assert.strictEqual(diagnostic.enforcementLevel, "advisory");
        assert.match(diagnostic.message, /can't run policy 'webapp-require-client-certificates' .* during preview/);
    });

    it("passes when the site of unknown kind complies whatever its kind, and says why no notice is given yet", async () => {
        const result = await pack.analyze({
            type: deployment,
            name: "dep",
            properties: twoSites(compliant, compliant),
        });
        // The baseline reads a template's sites, so no not-read notice is given: the exemptions policy records the
        // deployment as not applicable, as it does a WebApp.
        assert.deepStrictEqual(result, {
            diagnostics: [],
            notApplicable: [{ policyName: EXEMPTIONS_POLICY, reason: KINDS_UNKNOWN }],
        });
        const app = await pack.analyze({
            type: "azure-native:web:WebApp",
            name: "fn",
            properties: { kind: UNKNOWN, clientCertEnabled: true, clientCertMode: "Required" },
        });
        assert.deepStrictEqual(app, {
            diagnostics: [],
            notApplicable: [{ policyName: EXEMPTIONS_POLICY, reason: KINDS_UNKNOWN }],
        });
    });

    it("does not list a compliant site of unknown kind in another site's violation", async () => {
        const diagnostic = only(
            await pack.analyze({
                type: deployment,
                name: "dep",
                properties: twoSites(compliant, { clientCertEnabled: false }),
            }),
        );
        assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
        assert.ok(!diagnostic.message.includes('"fn"'), diagnostic.message);
    });

    it("still gives the notice of a site excluded by kind beside a site whose kind is unknown", async () => {
        const result = await pack.analyze({
            type: deployment,
            name: "dep",
            properties: twoSites({ clientCertEnabled: false }, { clientCertEnabled: false }, "functionapp"),
        });
        assert.deepStrictEqual(
            result.diagnostics.map(d => [d.policyName, d.enforcementLevel]),
            [
                [POLICY, "advisory"],
                [EXEMPTIONS_POLICY, "advisory"],
            ],
        );
        assert.match(
            result.diagnostics[1].message,
            /Excluded kind: azure-native:resources:Deployment "dep" is not checked .* its kind "functionapp" matches excludedKinds "functionapp"\nThe app: Microsoft.Web\/sites "web" at properties.template.resources\[1\]/,
        );
    });

    it("passes a WebApp whose kind is unknown when it complies, and leaves a failing one to the engine's advisory", async () => {
        assert.deepStrictEqual(
            await pack.analyze({ type: webApp, name: "app", properties: { ...compliant, kind: UNKNOWN } }),
            { diagnostics: [], notApplicable: [{ policyName: EXEMPTIONS_POLICY, reason: KINDS_UNKNOWN }] },
        );
        const diagnostic = only(
            await pack.analyze({ type: webApp, name: "app", properties: { clientCertEnabled: false, kind: UNKNOWN } }),
        );
        assert.strictEqual(diagnostic.enforcementLevel, "advisory");
        assert.match(diagnostic.message, /\.kind can't be known during preview/);
    });
});
