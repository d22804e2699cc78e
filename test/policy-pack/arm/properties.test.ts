// Property-based tests of the ARM path: generated templates (parameters, variables, pure functions, nested
// deployments in both scopes, copy loops, symbolic resources, every route) get the verdict that a direct
// statement of the rule gives for the values the template computes.
import * as assert from "assert";
import * as fc from "fast-check";
import { validate } from "../support";
import { evaluateValue } from "../../../policy-pack/arm/evaluate";
import { parameterValues, TemplateScope } from "../../../policy-pack/arm/scope";
import { readInput } from "../../../policy-pack/arm/inputCopy";
import { ObjectValue } from "../../../policy-pack/arm/values";
import { sweep } from "../../sweep";

/** The three settings of one site, as values the template must compute. */
interface SiteSettings {
    enabled?: unknown;
    mode?: unknown;
    paths?: unknown;
}

/** CIS 9.4 with no exclusion path allowed: the rule stated directly. */
function compliant({ enabled, mode, paths }: SiteSettings): boolean {
    return (
        enabled === true &&
        (mode == null || mode === "Required") &&
        (paths == null || (typeof paths === "string" && paths.split(/[,;]/).every(p => p.trim() === "")))
    );
}

/** Half the sites comply (so that whole templates often do), the others may fail in any way. */
const settings: fc.Arbitrary<SiteSettings> = fc.oneof(
    fc.record(
        {
            enabled: fc.constant(true),
            mode: fc.constantFrom("Required", null),
            paths: fc.constantFrom("", " ; ", null),
        },
        { requiredKeys: ["enabled"] },
    ),
    fc.record(
        {
            enabled: fc.constantFrom(true, false, "true", null, 1),
            mode: fc.constantFrom("Required", "Optional", "OptionalInteractiveUser", "required", null),
            paths: fc.constantFrom("/", "/health", "", " ; ", null),
        },
        { requiredKeys: [] },
    ),
);

/** Where an encoding puts the declarations its expression needs. */
interface Declarations {
    parameters: Record<string, unknown>;
    variables: Record<string, unknown>;
    /** Values the deployment gives its parameters. */
    given: Record<string, unknown>;
}

type Encoder = (value: unknown, name: string, into: Declarations) => unknown;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Ways to write a value so that ARM computes it; each applies to some values only. */
const encoders: { applies: (value: unknown) => boolean; encode: Encoder }[] = [
    { applies: () => true, encode: value => value },
    {
        applies: v => v !== null,
        encode: (value, name, into) => {
            into.parameters[name] = { type: "string", defaultValue: value };
            return `[parameters('${name}')]`;
        },
    },
    {
        applies: v => v !== null,
        encode: (value, name, into) => {
            into.parameters[name] = { type: "string", defaultValue: "decoy" };
            into.given[name] = { value };
            return `[parameters('${name.toUpperCase()}')]`;
        },
    },
    {
        applies: () => true,
        encode: (value, name, into) => {
            into.variables[name] = { inner: value };
            return `[variables('${name}').inner]`;
        },
    },
    {
        applies: v => typeof v === "string",
        encode: (value, name, into) => {
            into.variables[name] =
                `[concat(${quote((value as string).slice(0, 2))}, ${quote((value as string).slice(2))})]`;
            return `[variables('${name}')]`;
        },
    },
    {
        applies: v => typeof v === "string",
        encode: value =>
            `[format('{0}{1}', ${quote((value as string).slice(0, 1))}, ${quote((value as string).slice(1))})]`,
    },
    { applies: v => typeof v === "boolean", encode: value => `[not(not(bool('${value}')))]` },
    {
        applies: v => typeof v === "boolean" || typeof v === "number",
        encode: value => `[json('${JSON.stringify(value)}')]`,
    },
    {
        applies: v => v !== null,
        encode: (value, name, into) => {
            into.parameters[name] = { type: "string", defaultValue: "on" };
            into.variables[name] = value;
            return `[if(equals(parameters('${name}'), 'on'), variables('${name}'), 'decoy')]`;
        },
    },
    {
        applies: v => typeof v === "string",
        encode: value => `[coalesce(null(), createObject('v', ${quote(value as string)}).v)]`,
    },
];

/** A template site whose settings are written with generated encodings. */
function siteArbitrary(
    index: number,
): fc.Arbitrary<{ settings: SiteSettings; build: (into: Declarations) => Record<string, unknown> }> {
    return fc
        .record({
            settings,
            choices: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
            copy: fc.boolean(),
            slot: fc.boolean(),
        })
        .map(({ settings, choices, copy, slot }) => ({
            settings,
            build: (into: Declarations) => {
                const properties: Record<string, unknown> = { httpsOnly: true };
                (["enabled", "mode", "paths"] as const).forEach((key, i) => {
                    if (!(key in settings)) {
                        return;
                    }
                    const value = settings[key];
                    const usable = encoders.filter(e => e.applies(value));
                    const encode = usable[choices[i] % usable.length].encode;
                    const property = {
                        enabled: "clientCertEnabled",
                        mode: "clientCertMode",
                        paths: "clientCertExclusionPaths",
                    }[key];
                    properties[property] = encode(value, `s${index}${key}`, into);
                });
                return slot
                    ? {
                          type: "Microsoft.Web/sites/slots",
                          apiVersion: "2024-04-01",
                          name: `app/slot${index}`,
                          properties,
                      }
                    : {
                          type: "Microsoft.Web/sites",
                          apiVersion: "2024-04-01",
                          name: `app${index}`,
                          properties,
                          ...(copy ? { copy: { name: `loop${index}`, count: 2 } } : {}),
                      };
            },
        }));
}

type Placement = "top" | "outer" | "inner" | "deep" | "child";

/** A template with generated sites, each placed at the top, in a nested deployment (either scope) or as a child slot. */
const generatedTemplate = fc
    .integer({ min: 0, max: 4 })
    .chain(count =>
        fc.tuple(
            fc.tuple(...Array.from({ length: count }, (_, i) => siteArbitrary(i))),
            fc.array(fc.constantFrom<Placement>("top", "outer", "inner", "deep", "child"), {
                minLength: count,
                maxLength: count,
            }),
            fc.boolean(),
        ),
    )
    .map(([sites, placements, symbolic]) => {
        const into: Declarations = { parameters: {}, variables: {}, given: {} };
        const resources: unknown[] = [
            {
                type: "Microsoft.Storage/storageAccounts",
                apiVersion: "2023-01-01",
                name: "[uniqueString(resourceGroup().id)]",
            },
        ];
        sites.forEach((site, i) => {
            const placement = placements[i];
            if (placement === "inner" || placement === "deep") {
                // The nested template declares its own parameter; the nested deployment passes a value computed outside.
                const innerInto: Declarations = { parameters: {}, variables: {}, given: {} };
                const built = site.build(innerInto);
                // "deep": inside the inner template, one more nested deployment in the default (outer) scope.
                const entry =
                    placement === "deep"
                        ? {
                              type: "Microsoft.Resources/deployments",
                              apiVersion: "2022-09-01",
                              name: `deep${i}`,
                              properties: { mode: "Incremental", template: { resources: [built] } },
                          }
                        : built;
                const given = Object.fromEntries(
                    Object.entries(innerInto.given).map(([name, { value }]: [string, any]) => [name, { value }]),
                );
                for (const [name, declaration] of Object.entries(innerInto.parameters) as [string, any][]) {
                    if (!(name in given)) {
                        given[name] = { value: declaration.defaultValue }; // passed through from the outer deployment
                    }
                }
                resources.push({
                    type: "Microsoft.Resources/deployments",
                    apiVersion: "2022-09-01",
                    name: `inner${i}`,
                    properties: {
                        mode: "Incremental",
                        expressionEvaluationOptions: { scope: "inner" },
                        parameters: given,
                        template: {
                            parameters: innerInto.parameters,
                            variables: innerInto.variables,
                            resources: [entry],
                        },
                    },
                });
                return;
            }
            const entry = site.build(into);
            if (placement === "outer") {
                resources.push({
                    type: "Microsoft.Resources/deployments",
                    apiVersion: "2022-09-01",
                    name: `outer${i}`,
                    properties: { mode: "Incremental", template: { resources: [entry] } },
                });
            } else if (placement === "child" && entry.type === "Microsoft.Web/sites") {
                resources.push({
                    type: "Microsoft.Web/sites",
                    apiVersion: "2024-04-01",
                    name: `parent${i}`,
                    properties: { clientCertEnabled: true },
                    resources: [{ ...entry, type: "slots" }],
                });
            } else {
                resources.push(entry);
            }
        });
        const template = {
            $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            parameters: into.parameters,
            variables: into.variables,
            ...(symbolic
                ? { languageVersion: "2.0", resources: Object.fromEntries(resources.map((r, i) => [`r${i}`, r])) }
                : { resources }),
        };
        return { template, given: into.given, expected: sites.every(s => compliant(s.settings)), sites: sites.length };
    });

/** Every route, given a template and parameter values. */
const routes: [string, (template: unknown, parameters: Record<string, unknown>) => Record<string, unknown>][] = [
    [
        "azure-native:resources:Deployment",
        (template, parameters) => ({ properties: { mode: "Incremental", template, parameters } }),
    ],
    [
        "azure-native:resources/v20240301:DeploymentAtManagementGroupScope",
        (template, parameters) => ({
            properties: { mode: "Incremental", template: JSON.stringify(template), parameters },
        }),
    ],
    ["azure-native:resources:DeploymentStackAtResourceGroup", (template, parameters) => ({ template, parameters })],
    [
        "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
        (template, parameters) => ({
            templateContent: JSON.stringify(template),
            parametersContent: JSON.stringify(parameters),
        }),
    ],
];

describe("generated ARM templates", () => {
    it("pass exactly when every site the template computes meets the rule, on every route", () => {
        let compliantWithSites = 0;
        // The whole sweep in every tier: about a fifth of the drawn templates are compliant with sites, and the
        // check below that the generator still draws them needs this many to be sure of it.
        fc.assert(
            fc.property(
                generatedTemplate,
                fc.constantFrom(...routes),
                ({ template, given, expected, sites }, [type, props]) => {
                    const outcome = validate(type, props(template, given));
                    compliantWithSites += expected && sites > 0 ? 1 : 0;
                    assert.strictEqual(
                        outcome.violations.length === 0,
                        expected,
                        outcome.violations[0] ?? JSON.stringify(template),
                    );
                    if (sites === 0) {
                        assert.strictEqual(outcome.notApplicable, "no App Service site or slot in the ARM template");
                    }
                },
            ),
            { numRuns: 400 },
        );
        assert.ok(compliantWithSites > 40, `only ${compliantWithSites} compliant templates with sites were generated`);
    });

    it("the same verdict as a template spec's main template, with the defaults as the only parameter values", () => {
        fc.assert(
            fc.property(generatedTemplate, ({ template, given, expected }) => {
                fc.pre(Object.keys(given).length === 0);
                const outcome = validate("azure-native:resources:TemplateSpecVersion", { mainTemplate: template });
                assert.strictEqual(outcome.violations.length === 0, expected, outcome.violations[0]);
            }),
            { numRuns: sweep(200) },
        );
    });
});

/** An expression together with the value ARM gives it, built from both sides at once. */
interface Computed {
    text: string;
    value: boolean | string;
}

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Random expressions over the supported functions, each with its value computed in plain JavaScript. */
const expressions = fc.letrec<{ bool: Computed; text: Computed }>(tie => ({
    bool: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.boolean().map(b => ({ text: b ? "true()" : "false()", value: b })),
        fc.boolean().map(b => ({ text: `bool('${b ? "TRUE" : "false"}')`, value: b })),
        tie("bool").map(a => ({ text: `not(${a.text})`, value: !a.value })),
        fc
            .tuple(tie("bool"), tie("bool"))
            .map(([a, b]) => ({ text: `and(${a.text}, ${b.text})`, value: (a.value && b.value) as boolean })),
        fc
            .tuple(tie("bool"), tie("bool"))
            .map(([a, b]) => ({ text: `or(${a.text}, ${b.text})`, value: (a.value || b.value) as boolean })),
        fc
            .tuple(tie("text"), tie("text"))
            .map(([a, b]) => ({ text: `equals(${a.text}, ${b.text})`, value: a.value === b.value })),
        fc
            .tuple(tie("bool"), tie("bool"), tie("bool"))
            .map(([c, a, b]) => ({ text: `if(${c.text}, ${a.text}, ${b.text})`, value: c.value ? a.value : b.value })),
        fc
            .tuple(fc.constantFrom("p", "P"), fc.boolean())
            .map(([name, b]) => ({ text: `parameters('${name}${b ? "on" : "off"}')`, value: b })),
    ) as fc.Arbitrary<Computed>,
    text: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc
            .constantFrom("Required", "Optional", "required", "", "it's", "{0}")
            .map(t => ({ text: quoted(t), value: t })),
        tie("text").map(a => ({ text: `toLower(${a.text})`, value: (a.value as string).toLowerCase() })),
        tie("text").map(a => ({ text: `toUpper(${a.text})`, value: (a.value as string).toUpperCase() })),
        fc
            .tuple(tie("text"), tie("text"))
            .map(([a, b]) => ({ text: `concat(${a.text}, ${b.text})`, value: `${a.value}${b.value}` })),
        fc
            .tuple(tie("text"), tie("text"))
            .map(([a, b]) => ({ text: `format('{1}-{0}', ${a.text}, ${b.text})`, value: `${b.value}-${a.value}` })),
        tie("bool").map(a => ({ text: `string(${a.text})`, value: a.value ? "True" : "False" })),
        fc
            .tuple(tie("bool"), tie("text"), tie("text"))
            .map(([c, a, b]) => ({ text: `if(${c.text}, ${a.text}, ${b.text})`, value: c.value ? a.value : b.value })),
        tie("text").map(a => ({ text: `coalesce(null(), ${a.text})`, value: a.value })),
        tie("text").map(a => ({ text: `createObject('k', ${a.text}).K`, value: a.value })),
        fc.constant({ text: "variables('v')[0]", value: "Required" }),
    ) as fc.Arbitrary<Computed>,
}));
const computed = fc.oneof(expressions.text, expressions.bool);

describe("generated expressions", () => {
    const scope = new TemplateScope(
        readInput({
            parameters: { pon: { type: "bool", defaultValue: false }, poff: { type: "bool", defaultValue: false } },
            variables: { v: ["[concat('Requ', 'ired')]"] },
        }) as ObjectValue,
        parameterValues(readInput({ pON: { value: true } }), "parameters"),
    );

    it("evaluate to what ARM's functions compute", () => {
        fc.assert(
            fc.property(computed, ({ text, value }) => {
                assert.deepStrictEqual(evaluateValue(`[${text}]`, scope), value, text);
            }),
            { numRuns: sweep(1000) },
        );
    });
});

/** Letters of `text` in upper or lower case, as the bits of `seed` (repeated) say. */
function recased(text: string, seed: number): string {
    return Array.from(text, (c, i) => (((seed >>> (i % 31)) & 1) === 1 ? c.toUpperCase() : c.toLowerCase())).join("");
}

/**
 * A template value with every object key re-cased, and every literal resource type and name: what ARM reads
 * without regard to case. Values of other members (settings, expressions and their string literals) are kept.
 */
function recaseTemplate(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) {
        return value.map((item, i) => recaseTemplate(item, seed + i));
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    return Object.fromEntries(
        Object.entries(value).map(([key, member], i) => {
            const lower = key.toLowerCase();
            const literal = typeof member === "string" && !member.startsWith("[");
            const kept =
                (lower === "type" || lower === "name") && literal
                    ? recased(member, seed * 7 + i)
                    : recaseTemplate(member, seed * 31 + i);
            return [recased(key, seed + i), kept];
        }),
    );
}

describe("generated ARM templates: ARM's own semantics", () => {
    it("keep their verdict when every key, resource type and resource name is re-cased", () => {
        fc.assert(
            fc.property(generatedTemplate, fc.integer({ min: 1 }), ({ template, given, expected }, seed) => {
                const outcome = validate("azure-native:resources:Deployment", {
                    properties: {
                        mode: "Incremental",
                        template: recaseTemplate(template, seed),
                        parameters: recaseTemplate(given, seed + 1),
                    },
                });
                assert.strictEqual(outcome.violations.length === 0, expected, outcome.violations[0]);
            }),
            { numRuns: sweep(300) },
        );
    });

    it("keep their verdict when all their resources become children of a parent, whatever the parent's condition", () => {
        const parents = fc.record({
            type: fc.constantFrom("Microsoft.Storage/storageAccounts", "Microsoft.Web/sites"),
            condition: fc.constantFrom<unknown>(
                false,
                "[equals(1, 2)]",
                "[not(true())]",
                true,
                "[parameters('deployParent')]",
            ),
            deployParent: fc.boolean(),
        });
        fc.assert(
            fc.property(
                generatedTemplate,
                parents,
                ({ template, given, expected }, { type, condition, deployParent }) => {
                    const children = Array.isArray(template.resources)
                        ? template.resources
                        : Object.values(template.resources);
                    const parent = {
                        type,
                        apiVersion: "2024-04-01",
                        name: "parent",
                        condition,
                        properties: { clientCertEnabled: true, clientCertMode: "Required" },
                        resources: children,
                    };
                    const parameters = {
                        ...template.parameters,
                        deployParent: { type: "bool", defaultValue: deployParent },
                    };
                    const outcome = validate("azure-native:resources:Deployment", {
                        properties: {
                            mode: "Incremental",
                            template: { ...template, parameters, resources: [parent] },
                            parameters: given,
                        },
                    });
                    assert.strictEqual(outcome.violations.length === 0, expected, outcome.violations[0]);
                },
            ),
            { numRuns: sweep(300) },
        );
    });
});
