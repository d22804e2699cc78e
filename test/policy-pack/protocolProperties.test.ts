// The running pack on the arbitrary property bags of arbitraryBags.ts, over the engine's Analyzer protocol: the
// SDK's decoding, every policy of the pack (the baseline rules too) and the encoding of remediated properties
// answer any bag without a gRPC error. A file of its own so that it runs beside the in-process properties.
import * as assert from "assert";
import * as fc from "fast-check";
import { RunningPolicyPack } from "../../tools/engine/policyPackServer";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { bagForAnyCoveredType } from "./arbitraryBags";
import { sharedPolicyPack } from "./sharedPack";
import { sweep } from "../sweep";

/** Every policy of the pack: a diagnostic from any other would be the SDK's own, for an error. */
const PACK_POLICIES = [
    "webapp-require-client-certificates",
    "webapp-client-certificate-exemptions",
    "webapp-client-certificates-renegotiation-in-stack",
    ...BASELINE_RULES.map(rule => rule.name),
    ...BASELINE_RULES.flatMap(rule => rule.stackPart ?? []),
];

describe("the running pack on arbitrary property bags", function () {
    this.timeout(180000);
    let pack: RunningPolicyPack;

    before(async () => {
        pack = await sharedPolicyPack();
        await pack.configure({
            "webapp-require-client-certificates": { enforcementLevel: "remediate", allowedExclusionPaths: ["/health"] },
        });
    });

    it("answers Analyze and Remediate for every covered type without a gRPC error", async () => {
        await fc.assert(
            fc.asyncProperty(bagForAnyCoveredType(), async ([type, properties]) => {
                const analysis = await pack.analyze({ type, name: "app", properties });
                assert.ok(analysis.diagnostics.every(d => PACK_POLICIES.includes(d.policyName)));
                await pack.remediate({ type, name: "app", properties });
            }),
            { numRuns: sweep(300) },
        );
    });
});
