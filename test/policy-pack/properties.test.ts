// Property-based tests: whatever property bag a program sends, the policy answers with a verdict (or lets the
// engine's unknown-value error through), never with a crash; and its verdicts agree with the rule.
import * as assert from "assert";
import * as fc from "fast-check";
import { PolicyConfigError, readConfig } from "../../policy-pack/config";
import { familyOf } from "../../policy-pack/families/registry";
import { allTypes, anyValue, bagFor, bagForAnyCoveredType } from "./arbitraryBags";
import { remediate, run, UNKNOWN, UnknownValueError, validate } from "./support";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { proxyTarget } from "../../policy-pack/sdkInternals";
import { checkPackConfig } from "../../policy-pack/config";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { validationArgs } from "../../tools/engine/policyArgs";
import { sweep } from "../sweep";

/**
 * The mode that applies when certificates are enabled and no mode is set, as each type's documentation states it
 * (@pulumi/azure's function apps: "Defaults to `Optional`"; everything else: Azure's `Required`). Written here, not
 * read from the pack's families, so that a wrong default in the pack fails the property that uses it.
 */
const unsetMode = (type: string) =>
    /^azure:appservice\/((linux|windows)FunctionApp(Slot)?|appFlexConsumption):/.test(type) ? "Optional" : "Required";

/**
 * Configs the pack accepts, so that every run of a resource property reaches the resource code (a config the pack
 * refuses stops the policy before it reads the resource; that path has its own property below).
 */
const acceptedConfig = fc.record(
    {
        allowedExclusionPaths: fc.array(fc.constantFrom("/health", "/api", "/hooks/github")),
        excludedKinds: fc.array(fc.constantFrom("functionapp", "app", "linux", "workflowapp")),
        // Exemptions of other resources, and an expired one of the app itself: the app is still checked in every run.
        exemptions: fc.array(
            fc.oneof(
                fc.record({
                    resource: fc.constant("other"),
                    reason: fc.constant("TLS ends at the gateway (SEC-1)"),
                    expires: fc.constantFrom("2000-01-01", "2999-01-01"),
                }),
                fc.record({
                    resource: fc.constant("app"),
                    reason: fc.constant("reviewed (SEC-2)"),
                    expires: fc.constant("2000-01-01"),
                }),
            ),
            { maxLength: 2 },
        ),
    },
    { requiredKeys: [] },
);

/** Config as a hand-edited file might have it; the engine validates it against the schema, the policy must not rely on that. */
const anyConfig = fc.record(
    {
        allowedExclusionPaths: fc.oneof(fc.array(fc.constantFrom("/health", "/", "//", "/a/..", "/api", "")), anyValue),
        excludedKinds: fc.oneof(
            fc.array(fc.constantFrom("functionapp", "app", "linux", "app,linux", " app")),
            anyValue,
        ),
        exemptions: fc.oneof(
            fc.array(
                fc.record(
                    {
                        resource: fc.constantFrom("app", "other", ""),
                        reason: anyValue,
                        expires: fc.constantFrom("2000-01-01", "2999-01-01", "soon"),
                        type: anyValue,
                    },
                    { requiredKeys: [] },
                ),
            ),
            anyValue,
        ),
    },
    { requiredKeys: [] },
);

/** Runs `action`, allowing only the engine's unknown-value error through. */
function neverCrashes(action: () => unknown): void {
    try {
        action();
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
    }
}

describe("the policy config as a hand-edited file might have it", () => {
    it("is either read or refused with a PolicyConfigError listing its problems, never anything else", () => {
        // The whole sweep in every tier: about 2% of the drawn configs are accepted, and the check below that both
        // paths ran needs this many to be sure of it.
        let refused = 0;
        fc.assert(
            fc.property(anyConfig, config => {
                try {
                    readConfig(config);
                } catch (e) {
                    if (!(e instanceof PolicyConfigError) || e.problems.length === 0) {
                        throw e;
                    }
                    refused++;
                }
            }),
            { numRuns: 2000 },
        );
        // The drawn configs include accepted ones too, so both paths are exercised.
        assert.ok(refused > 0 && refused < 2000, `${refused} of 2000 refused`);
    });

    it("is accepted in every form the resource properties below draw", () => {
        fc.assert(
            fc.property(acceptedConfig, config => {
                readConfig(config);
            }),
            { numRuns: sweep(500) },
        );
    });
});

describe("the policy on arbitrary property bags", function () {
    // Thousands of runs each in the full sweep: a few seconds alone, longer beside other work on a shared machine.
    this.timeout(120000);

    // One property for both: drawing the bags costs as much as running the policy on them, and each bag is copied
    // into each run (support.ts), so validation and remediation each meet every bag drawn, neither seeing the other's.
    it("validates and remediates every covered type without throwing anything but the unknown-value error", () => {
        fc.assert(
            fc.property(bagForAnyCoveredType(), acceptedConfig, ([type, bag], config) => {
                neverCrashes(() => validate(type, bag, { config }));
                neverCrashes(() => remediate(type, bag, { config }));
            }),
            { numRuns: sweep(3000) },
        );
    });

    it("passes a fully known azure-native or classic app exactly when the rule's three conditions hold", () => {
        const topLevelTypes = allTypes.filter(
            t => !/^(properties|body)\./.test(familyOf(t)!.propertyNames.enabled ?? ""),
        );
        const known = (v: unknown) =>
            v !== UNKNOWN && !(typeof v === "object" && v !== null && JSON.stringify(v).includes(UNKNOWN));
        fc.assert(
            fc.property(
                fc.constantFrom(...topLevelTypes).chain(t => bagFor(t).map(b => [t, b] as const)),
                ([type, bag]) => {
                    const { enabled, mode, exclusionPaths } = familyOf(type)!.propertyNames;
                    fc.pre([enabled, mode, exclusionPaths].every(k => k === undefined || known(bag[k])));
                    const modeValue = mode === undefined ? undefined : bag[mode];
                    const paths = exclusionPaths === undefined ? undefined : bag[exclusionPaths];
                    const compliant =
                        mode !== undefined &&
                        (enabled === undefined
                            ? modeValue === "Required"
                            : bag[enabled] === true && (modeValue ?? unsetMode(type)) === "Required") &&
                        (paths == null ||
                            (typeof paths === "string" && paths.split(/[,;]/).every(p => p.trim() === "")));
                    assert.strictEqual(validate(type, bag).violations.length === 0, compliant);
                },
            ),
            { numRuns: sweep(3000) },
        );
    });

    it("always leaves a remediated app compliant", () => {
        fc.assert(
            fc.property(
                fc
                    .constantFrom(...allTypes.filter(t => familyOf(t)!.remediate))
                    .chain(t => bagFor(t).map(b => [t, b] as const)),
                ([type, bag]) => {
                    fc.pre(!JSON.stringify(bag).includes(UNKNOWN));
                    const { properties } = remediate(type, bag);
                    if (properties !== undefined) {
                        assert.deepStrictEqual(validate(type, properties).violations, []);
                    }
                },
            ),
            { numRuns: sweep(2000) },
        );
    });
});

/** Every resource policy of the pack, in the order the pack declares them. */
const RESOURCE_POLICIES = [
    requireClientCertificates,
    clientCertificateExemptions,
    ...BASELINE_RULES.map(rule => baselinePolicy(rule)),
];

/** The config with every rule on (public network access is off unless configured). */
const EVERY_RULE_ON = Object.fromEntries(BASELINE_RULES.map(rule => [rule.name, { enforcementLevel: "advisory" }]));

describe("the pack's policies only read the properties they validate", () => {
    // The pack's server decodes a request's properties once and hands every policy that one value
    // (sdkInternals.ts, decodePropertiesOnce): a policy that wrote to them would change what the next one judges.
    it("leaves any property bag as it found it, whichever policies run on it in turn", () => {
        fc.assert(
            fc.property(bagForAnyCoveredType(), ([type, properties]) => {
                const args = validationArgs(type, properties);
                const before = structuredClone(proxyTarget(args.props));
                // One request of the pack's server, every rule on, as the engine sends it.
                inRequest(new RequestContext(new Run(checkPackConfig(EVERY_RULE_ON))), () => {
                    for (const policy of RESOURCE_POLICIES) {
                        try {
                            run(policy, args);
                        } catch (e) {
                            if (!(e instanceof UnknownValueError)) {
                                throw e;
                            }
                        }
                    }
                });
                assert.deepStrictEqual(proxyTarget(args.props), before);
            }),
            { numRuns: sweep(500) },
        );
    });
});
