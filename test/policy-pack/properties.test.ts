// Property-based tests: whatever property bag a program sends, the policy answers with a verdict (or lets the
// engine's unknown-value error through), never with a crash; and its verdicts agree with the rule.
import * as assert from "assert";
import * as fc from "fast-check";
import { PolicyConfigError, readConfig } from "../../policy-pack/config";
import { coveredTypes } from "../../policy-pack/families/coveredTypes";
import { familyOf } from "../../policy-pack/families/registry";
import { RunningPolicyPack } from "../../tools/engine/policyPackServer";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { BASIC_AUTH_IN_STACK } from "../../policy-pack/policyNames";
import { sharedPolicyPack } from "./sharedPack";
import { remediate, UNKNOWN, UnknownValueError, validate } from "./support";

const versionedTypes = [
    "azure-native:web/v20220901:WebApp",
    "azure-native:web/v20260301preview:WebAppSlot",
    "azure-native:resources/v20240301:Deployment",
    "azure-native:resources/v20240301:Resource",
];
const allTypes = [...coveredTypes, ...versionedTypes];

/** Values a program might put in any property: the interesting ones, the unknown sentinel, and any JSON. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
        true,
        false,
        null,
        "true",
        "Required",
        "Optional",
        "OptionalInteractiveUser",
        "",
        "/",
        "/health;/",
        "app,functionapp",
        UNKNOWN,
    ),
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }),
);

/**
 * The mode that applies when certificates are enabled and no mode is set, as each type's documentation states it
 * (@pulumi/azure's function apps: "Defaults to `Optional`"; everything else: Azure's `Required`). Written here, not
 * read from the pack's families, so that a wrong default in the pack fails the property that uses it.
 */
const unsetMode = (type: string) =>
    /^azure:appservice\/((linux|windows)FunctionApp(Slot)?|appFlexConsumption):/.test(type) ? "Optional" : "Required";

/** A bag with any subset of the family's own property names (plus `kind` and strangers), each holding anything. */
function bagFor(type: string): fc.Arbitrary<Record<string, unknown>> {
    const names = familyOf(type)!.propertyNames;
    const keys = [names.enabled, names.mode, names.exclusionPaths, "kind", "name", "siteConfig"].filter(
        (k): k is string => k !== undefined,
    );
    return fc
        .record(Object.fromEntries(keys.map(k => [k, anyValue])), { requiredKeys: [] })
        .chain(bag =>
            fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }).map(extra => ({ ...extra, ...bag })),
        );
}

/** Template resources: sites, slots, nested slots, nested deployments and junk, at every level possibly unknown or malformed. */
const siteEntry: fc.Arbitrary<unknown> = fc.record(
    {
        type: fc.constantFrom(
            "Microsoft.Web/sites",
            "microsoft.web/sites/slots",
            "slots",
            "Microsoft.Resources/deployments",
            "Microsoft.Storage/storageAccounts",
            7,
            UNKNOWN,
        ),
        name: anyValue,
        kind: anyValue,
        properties: fc.oneof(
            fc.record(
                {
                    clientCertEnabled: fc.oneof(
                        anyValue,
                        fc.constantFrom(
                            "[parameters('certs')]",
                            "[variables('x')]",
                            "[[literal]",
                            "[if(",
                            "[concat(variables('x'), copyIndex())]",
                            "[json(parameters('mode'))]",
                        ),
                    ),
                    clientCertMode: fc.oneof(anyValue, fc.constant("[parameters('mode')]")),
                    clientCertExclusionPaths: anyValue,
                },
                { requiredKeys: [] },
            ),
            anyValue,
        ),
        resources: fc.oneof(
            fc.array(fc.record({ type: fc.constantFrom("slots", "config"), name: anyValue, properties: anyValue }), {
                maxLength: 2,
            }),
            anyValue,
        ),
        copy: fc.oneof(fc.record({ name: anyValue, count: anyValue }), anyValue),
        condition: fc.oneof(fc.constantFrom("[equals(1, 1)]", "[parameters('certs')]", false), anyValue),
    },
    { requiredKeys: [] },
);

const template: fc.Arbitrary<unknown> = fc.oneof(
    fc.record(
        {
            parameters: fc.oneof(
                fc.dictionary(
                    fc.constantFrom("certs", "mode", "CERTS"),
                    fc.record({ defaultValue: anyValue }, { requiredKeys: [] }),
                ),
                anyValue,
            ),
            variables: fc.oneof(fc.dictionary(fc.constantFrom("x", "X", "__proto__", "copy"), anyValue), anyValue),
            resources: fc.oneof(
                fc.array(siteEntry, { maxLength: 3 }),
                fc.dictionary(fc.string({ maxLength: 4 }), siteEntry, { maxKeys: 2 }),
                anyValue,
            ),
        },
        { requiredKeys: [] },
    ),
    anyValue,
);
const parameters = fc.oneof(
    fc.dictionary(fc.constantFrom("certs", "mode"), fc.oneof(fc.record({ value: anyValue }), anyValue)),
    anyValue,
);
const link = fc.oneof(
    fc.record({ uri: anyValue, id: anyValue, relativePath: anyValue }, { requiredKeys: [] }),
    anyValue,
);

/** Inputs of every template route and of the generic Resource, any of them malformed or unknown. */
const deploymentBag: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        properties: fc.oneof(
            fc.record(
                {
                    template: fc.oneof(
                        template,
                        template.map(t => JSON.stringify(t)),
                    ),
                    templateLink: link,
                    parametersLink: link,
                    parameters: fc.oneof(
                        parameters,
                        fc.array(fc.record({ name: anyValue, value: anyValue }, { requiredKeys: [] }), {
                            maxLength: 3,
                        }),
                    ),
                },
                { requiredKeys: [] },
            ),
            fc.dictionary(fc.constantFrom("clientCertEnabled", "ClientCertEnabled", "clientCertMode"), anyValue),
            anyValue,
        ),
        template,
        parameters,
        templateLink: link,
        parametersLink: link,
        mainTemplate: template,
        linkedTemplates: fc.oneof(
            fc.array(fc.record({ path: anyValue, template }, { requiredKeys: [] }), { maxLength: 2 }),
            anyValue,
        ),
        templateContent: fc.oneof(
            template.map(t => JSON.stringify(t)),
            anyValue,
        ),
        parametersContent: fc.oneof(
            parameters.map(p => JSON.stringify(p)),
            anyValue,
        ),
        templateSpecVersionId: anyValue,
        policyRule: fc
            .oneof(
                fc.record({
                    then: fc.oneof(
                        fc.record({
                            details: fc.oneof(
                                fc.record({
                                    deployment: fc.oneof(
                                        fc.record({
                                            properties: fc.oneof(
                                                fc.record({ template, parameters }, { requiredKeys: [] }),
                                                anyValue,
                                            ),
                                        }),
                                        anyValue,
                                    ),
                                }),
                                anyValue,
                            ),
                        }),
                        anyValue,
                    ),
                }),
                anyValue,
            )
            .chain(rule => fc.constantFrom(rule, JSON.stringify(rule))),
        applicationDefinitionId: anyValue,
        plan: anyValue,
        blueprintId: anyValue,
        packageFileUri: anyValue,
        connectionsConfig: anyValue,
        artifacts: fc.oneof(
            fc.array(
                fc.record(
                    { name: fc.oneof(fc.constant("CreateUiDefinition"), anyValue), uri: anyValue },
                    { requiredKeys: [] },
                ),
                { maxLength: 2 },
            ),
            anyValue,
        ),
        deploymentProperties: fc.oneof(fc.record({ armTemplateId: anyValue }, { requiredKeys: [] }), anyValue),
        managedApplicationTemplate: template,
        managedApplicationParameters: parameters,
        resourceProviderNamespace: fc.oneof(
            fc.constantFrom("Microsoft.Web", "microsoft.web", "Microsoft.Storage", "Microsoft.Resources"),
            anyValue,
        ),
        resourceType: fc.oneof(
            fc.constantFrom("sites", "sites/slots", "slots", "SITES", "deployments", "deploymentStacks", "versions"),
            anyValue,
        ),
        parentResourcePath: fc.oneof(fc.constantFrom("", "sites/web", "Sites/x/", "templateSpecs/spec"), anyValue),
    },
    { requiredKeys: [] },
);

/** An AzAPI resource: an ARM type with an API version, and a body shaped like a generic resource's inputs. */
const azapiBag: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        type: fc.oneof(
            fc.constantFrom(
                "Microsoft.Web/sites@2024-04-01",
                "microsoft.web/sites/slots@2023-01-01",
                "Microsoft.Resources/deployments@2022-09-01",
                "Microsoft.Storage/storageAccounts@2023-01-01",
            ),
            anyValue,
        ),
        body: fc.oneof(
            deploymentBag,
            deploymentBag.map(bag => JSON.stringify(bag)),
            anyValue,
        ),
    },
    { requiredKeys: [] },
);

function bagForAnyCoveredType(): fc.Arbitrary<[string, Record<string, unknown>]> {
    return fc.constantFrom(...allTypes).chain(type => {
        const enabled = familyOf(type)!.propertyNames.enabled;
        const bag = enabled?.startsWith("properties.")
            ? deploymentBag
            : enabled?.startsWith("body.")
              ? azapiBag
              : bagFor(type);
        return bag.map(props => [type, props] as [string, Record<string, unknown>]);
    });
}

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
            { numRuns: 500 },
        );
    });
});

describe("the policy on arbitrary property bags", function () {
    // Thousands of runs each: a few seconds alone, longer beside other work on a shared machine.
    this.timeout(120000);

    // One property for both: drawing the bags costs as much as running the policy on them, and each bag is copied
    // into each run (support.ts), so validation and remediation each still meet 3,000 bags, neither seeing the other's.
    it("validates and remediates every covered type without throwing anything but the unknown-value error", () => {
        fc.assert(
            fc.property(bagForAnyCoveredType(), acceptedConfig, ([type, bag], config) => {
                neverCrashes(() => validate(type, bag, { config }));
                neverCrashes(() => remediate(type, bag, { config }));
            }),
            { numRuns: 3000 },
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
            { numRuns: 3000 },
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
            { numRuns: 2000 },
        );
    });
});

/** Every policy of the pack: a diagnostic from any other would be the SDK's own, for an error. */
const PACK_POLICIES = [
    "webapp-require-client-certificates",
    "webapp-client-certificate-exemptions",
    ...BASELINE_RULES.map(rule => rule.name),
    BASIC_AUTH_IN_STACK,
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
            { numRuns: 300 },
        );
    });
});
