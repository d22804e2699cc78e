// Bounded cost: adversarial templates of one or two kilobytes (values built by quadrupling, shared values compared
// and printed, template-spec artifacts that link each other many times or in a cycle, deep nesting, thousands of
// failing sites) each get an unverifiable or correct verdict, within the evaluation budget (a count of work, so no
// test here depends on the machine's speed; npm run bench times it), with a message of a few kilobytes at most.
import * as assert from "assert";
import { Budget, MAX_EVALUATION_STEPS, RunBudget } from "../../../policy-pack/arm/budget";
import { NO_PARAMETER_VALUES, parameterValues } from "../../../policy-pack/arm/scope";
import { readInput } from "../../../policy-pack/arm/inputCopy";
import { describeValue } from "../../../policy-pack/arm/shownValue";
import { MAX_INPUT_DEPTH, Unverifiable, Value } from "../../../policy-pack/arm/values";
import { TemplateSite } from "../../../policy-pack/arm/templateSite";
import { findSites, TemplateFinding } from "../../../policy-pack/arm/walker";
import { App } from "../../../policy-pack/families/family";
import { familyOf } from "../../../policy-pack/families/registry";
import { unlistedCount } from "../../../policy-pack/violationWording";
import { OneOf } from "../../../policy-pack/rule/clientCertificates";
import { validate, withSteps } from "../support";
import { quadrupling, spendsItsBudget } from "../../../tools/engine/costlyTemplates";

const DEPLOYMENT = "azure-native:resources:Deployment";
const SPEC = "azure-native:resources:TemplateSpecVersion";
const deployment = (template: unknown) => ({ resourceGroupName: "rg", properties: { mode: "Incremental", template } });
const site = (properties: unknown, name = "web") => ({
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name,
    properties,
});

/** Steps past the budget the evaluation may take before it notices: the last charges, a few large values' worth. */
const WITHIN_BUDGET = MAX_EVALUATION_STEPS * 1.05;
/** "A few kilobytes". */
const MAX_MESSAGE = 8 * 1024;

/** The one violation of a resource, checked for work, size and the template's own size (1-2 kB, unless told). */
function boundedViolation(type: string, props: Record<string, unknown>, maxInput = 2500): string {
    const size = JSON.stringify(props).length;
    assert.ok(size <= maxInput, `the adversarial input is ${size} characters`);
    const {
        result: { violations },
        steps,
    } = withSteps(() => validate(type, props));
    assert.ok(steps <= WITHIN_BUDGET, `took ${steps.toLocaleString("en-US")} steps`);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations).slice(0, 500));
    assert.ok(violations[0].length < MAX_MESSAGE, `a message of ${violations[0].length} characters`);
    return violations[0];
}

/**
 * The evaluation steps (the budget's count of work) to find a template's sites and read each one's clientCertMode
 * once, in order, and what was read: each site's mode, or the problem of a part that cannot be read.
 */
function steps(
    template: unknown,
    budget = new Budget(),
): { steps: number; findings: TemplateFinding[]; modes: (Value | OneOf)[] } {
    const findings: TemplateFinding[] = findSites({
        template: readInput(template),
        path: "template",
        parameters: NO_PARAMETER_VALUES,
        budget,
    });
    const modes = findings.map(finding =>
        finding.kind === "site" ? finding.setting("mode") : finding.kind === "problem" ? finding.problem : undefined,
    );
    return { steps: budget.steps, findings, modes };
}

/** The reason of the one site's clientCertMode, or of the one unreadable part, of a template's findings. */
function unverifiableReason(findings: TemplateFinding[]): string {
    assert.strictEqual(findings.length, 1);
    const finding = findings[0];
    const value =
        finding.kind === "site" ? finding.setting("mode") : finding.kind === "problem" ? finding.problem : undefined;
    assert.ok(value instanceof Unverifiable, `the mode is ${JSON.stringify(value)}`);
    return value.reason;
}

const TOO_COSTLY = new RegExp(
    `too costly to evaluate: it takes more than ${MAX_EVALUATION_STEPS.toLocaleString("en-US")} evaluation steps`,
);

describe("bounded cost: adversarial ARM templates of 1-2 kB", () => {
    it("compares two values built by quadrupling with if(equals()), and refuses to build one beyond a megabyte", () => {
        const variables = { ...quadrupling("o", 9), ...quadrupling("p", 9, "y") };
        const mode = (expression: string) =>
            boundedViolation(
                DEPLOYMENT,
                deployment({ variables, resources: [site({ clientCertEnabled: true, clientCertMode: expression })] }),
            );
        assert.match(
            mode("[if(equals(variables('o8'), variables('p8')), 'Required', 'Optional')]"),
            /clientCertMode is "Optional"/,
        );
        assert.match(
            mode("[if(equals(variables('o9'), variables('p9')), 'Required', 'Optional')]"),
            /clientCertMode cannot be verified before deployment: .*createObject\(\) builds a value of more than 1,000,000 characters/,
        );
    });

    it("compares equal shared values of half a megabyte once, however often a template compares them", () => {
        const variables = { ...quadrupling("o", 8), ...quadrupling("p", 8) };
        const sites = (count: number) =>
            Array.from({ length: count }, (_, i) =>
                site(
                    {
                        clientCertEnabled: true,
                        clientCertMode: `[if(equals(variables('o8'), variables('p8')), 'Required', 'Optional${i}')]`,
                    },
                    `w${i}`,
                ),
            );
        assert.deepStrictEqual(validate(DEPLOYMENT, deployment({ variables, resources: sites(12) })), {
            violations: [],
        });
        // Compared object by object, o8 and p8 would cost a step for each of their 21,845 objects every time.
        const perFurtherSite =
            (steps({ variables, resources: sites(12) }).steps - steps({ variables, resources: sites(1) }).steps) / 11;
        assert.ok(perFurtherSite < 21_845 / 100, `${perFurtherSite} steps for each further site`);
    });

    it("reads a setting given twice in different letter cases, with values built by quadrupling, as unverifiable", () => {
        const variables = {
            ...quadrupling("o", 8),
            ...quadrupling("p", 8),
            props: {
                clientCertMode: { a: "[variables('o8')]", b: "[variables('o8')]" },
                ClientCertMode: { a: "[variables('p8')]", b: "[variables('p8')]" },
            },
        };
        const message = boundedViolation(
            DEPLOYMENT,
            deployment({ variables, resources: [site("[variables('props')]")] }),
        );
        assert.match(
            message,
            /given twice, as "clientCertMode" and "ClientCertMode", with values too large to compare/,
        );
    });

    it("stops printing, merging and stringifying shared values at the budget: too costly to evaluate", () => {
        const variables: Record<string, unknown> = {
            ...quadrupling("o", 7),
            all: Array.from({ length: 8 }, () => "[string(union(variables('o7'),variables('o7')))]"),
        };
        const message = boundedViolation(
            DEPLOYMENT,
            deployment({
                variables,
                resources: [
                    site({
                        clientCertEnabled: true,
                        clientCertMode: "[if(equals(variables('all')[7], 'x'), 'Required', 'Optional')]",
                    }),
                ],
            }),
        );
        assert.match(message, TOO_COSTLY);
    });

    it("walks template-spec artifacts that link the next one twice, 16 deep (65,536 walks), up to the budget", () => {
        const link = (relativePath: string) => ({
            type: "Microsoft.Resources/deployments",
            properties: { templateLink: { relativePath } },
        });
        const linkedTemplates = Array.from({ length: 17 }, (_, i) => ({
            path: `${i}`,
            template: {
                resources: i === 16 ? [site({ clientCertEnabled: true })] : [link(`${i + 1}`), link(`${i + 1}`)],
            },
        }));
        const message = boundedViolation(SPEC, { mainTemplate: { resources: [link("0")] }, linkedTemplates }, 4000);
        assert.match(message, /too costly to evaluate/);
    });

    it("reports artifacts that link themselves or each other as a cycle, each walked once per chain", () => {
        const link = (relativePath: string) => ({
            type: "Microsoft.Resources/deployments",
            name: relativePath,
            properties: { templateLink: { relativePath } },
        });
        const message = boundedViolation(SPEC, {
            mainTemplate: { resources: [link("a.json"), link("b.json")] },
            linkedTemplates: [
                { path: "a.json", template: { resources: [link("b.json"), link("./a.json")] } },
                { path: "b.json", template: { resources: [link("A.json")] } },
            ],
        });
        assert.match(message, /a cycle that ARM cannot deploy/);
    });

    it("shows a huge value in a type error cut short, with its length", () => {
        const variables: Record<string, string> = { s0: "Optional" };
        for (let i = 1; i <= 14; i++) {
            variables[`s${i}`] = `[concat(variables('s${i - 1}'), variables('s${i - 1}'))]`;
        }
        const message = boundedViolation(
            DEPLOYMENT,
            deployment({ variables, resources: [site({ clientCertEnabled: "[not(variables('s14'))]" })] }),
        );
        assert.match(
            message,
            /not\(\) takes one boolean, not \("OptionalOptional.*…" \(131,072 characters\)\), so the deployment would fail/,
        );
    });

    it("lists the first failing sites of thousands and counts the rest", () => {
        const sites = {
            copy: undefined,
            resources: Array.from({ length: 3000 }, (_, i) => site({ clientCertEnabled: false }, `w${i}`)),
        };
        const { result, steps } = withSteps(() => validate(DEPLOYMENT, deployment(sites)));
        const [message] = result.violations;
        assert.ok(steps <= WITHIN_BUDGET, `took ${steps.toLocaleString("en-US")} steps`);
        assert.ok(message.length < MAX_MESSAGE, `a message of ${message.length} characters`);
        assert.match(message, /- and 2,9\d\d more sites or parts of the template that fail the same way, not listed/);
        assert.strictEqual(
            (message.match(/^- Microsoft\.Web\/sites "w\d+"/gm)?.length ?? 0) + unlistedCount(message),
            3000,
        );
    });

    it("passes a compliant template whose unrelated metadata nests 1,000 levels deep", () => {
        let deep: unknown = "leaf";
        for (let i = 0; i < 1000; i++) {
            deep = [deep];
        }
        const { result, steps } = withSteps(() =>
            validate(DEPLOYMENT, deployment({ metadata: { deep }, resources: [site({ clientCertEnabled: true })] })),
        );
        assert.deepStrictEqual(result, { violations: [] });
        assert.ok(steps <= WITHIN_BUDGET, `took ${steps.toLocaleString("en-US")} steps`);
    });

    it("reads values nested 20,000 deep by a chain of variables as unverifiable, at the same depth on every Node.js", () => {
        const variables: Record<string, unknown> = { v0: "x" };
        for (let i = 1; i <= 20000; i++) {
            variables[`v${i}`] = `[createArray(variables('v${i - 1}'))]`;
        }
        variables.all = Array.from({ length: 20000 }, (_, i) => `[variables('v${i + 1}')]`); // evaluated in order: no deep recursion yet
        const [message] = validate(
            DEPLOYMENT,
            deployment({
                variables,
                resources: [
                    site({
                        clientCertEnabled: true,
                        clientCertMode:
                            "[if(equals(length(variables('all')), 0), 'Required', string(variables('v20000')))]",
                    }),
                ],
            }),
        ).violations;
        assert.match(
            message,
            /clientCertMode cannot be verified before deployment: .*it builds a value nested more than 2000 levels deep/,
        );
    });

    it("compares, prints and merges values nested to the deepest the policy builds, without running out of stack", () => {
        // A chain of variables evaluated in order (no deep recursion), each an array holding the one before.
        const variables: Record<string, unknown> = { v0: "x", w0: "x" };
        for (let i = 1; i < MAX_INPUT_DEPTH; i++) {
            variables[`v${i}`] = `[createArray(variables('v${i - 1}'))]`;
            variables[`w${i}`] = `[createArray(variables('w${i - 1}'))]`;
        }
        const last = MAX_INPUT_DEPTH - 1;
        variables.all = Array.from({ length: last }, (_, i) => `[variables('v${i + 1}')]`);
        variables.allW = Array.from({ length: last }, (_, i) => `[variables('w${i + 1}')]`);
        const mode = (test: string) =>
            validate(
                DEPLOYMENT,
                deployment({
                    variables,
                    resources: [
                        site({
                            clientCertEnabled: true,
                            clientCertMode: `[if(and(equals(length(variables('all')), ${last}), equals(length(variables('allW')), ${last}), ${test}), 'Required', 'Optional')]`,
                        }),
                    ],
                }),
            ).violations;
        assert.deepStrictEqual(mode(`equals(variables('v${last}'), variables('w${last}'))`), []);
        assert.deepStrictEqual(mode(`startsWith(string(variables('v${last}')), '[[[[')`), []);
        assert.deepStrictEqual(mode(`equals(length(union(variables('v${last}'), variables('w${last}'))), 1)`), []);
        assert.match(
            mode(`equals(createArray(createArray(variables('v${last}'))), 1)`)[0],
            /nested more than 2000 levels deep/,
        );
    });

    it("judges an adversarial template at ARM's documented limits (4 MB, 256 parameters and variables, 800 resources, 24,576-character expressions running every string function over 200 kB) until its budget is spent, and passes no site after", () => {
        const parameters: Record<string, unknown> = {};
        const variables: Record<string, unknown> = {};
        for (let i = 0; i < 256; i++) {
            parameters[`p${i}`] = { type: "string", defaultValue: "a".repeat(200) + "{0}".repeat(100) };
            variables[`v${i}`] = `[concat(parameters('p${i}'), variables('v${Math.max(0, i - 1)}'))]`.replace(
                "v0'",
                "x'",
            );
        }
        variables.x = "{0}".repeat(60_000) + "b".repeat(20_000); // 200 kB for every string function to scan
        // Each site's mode runs every string function over the 200 kB text, in an expression of 24,576 characters.
        const scans = ["toUpper", "toLower", "trim"].map(f => `${f}(variables('x'))`);
        const work = `length(concat(${scans.join(",")}, format(variables('x'), 'z'), replace(variables('x'), '{0}{0}', 'y'), string(split(variables('x'), createArray('{0}{', '0}')))))`;
        const pad = `, '${"q".repeat(24_576 - 100 - work.length)}'`;
        const expression = `[if(equals(${work}, 0), 'Required', first(createArray('Optional'${pad})))]`.slice(
            0,
            24_576,
        );
        assert.ok(expression.length <= 24_576 && expression.endsWith(")))]"), `${expression.length} characters`);
        const resources = Array.from({ length: 800 }, (_, i) =>
            site({ clientCertEnabled: true, clientCertMode: i < 150 ? expression : "Required" }, `w${i}`),
        );
        const tpl = { parameters, variables, resources };
        assert.ok(JSON.stringify(tpl).length < 4 * 1024 * 1024, `${JSON.stringify(tpl).length} characters`);
        const { steps: spent, modes } = steps(tpl);
        assert.ok(spent < 2 * MAX_EVALUATION_STEPS, `${spent} steps`);
        // The sites evaluated within the budget get ARM's result; every one after is too costly, never passed.
        const judged = modes.findIndex(m => typeof m !== "string");
        assert.ok(judged >= 1 && judged < 150, `${judged} sites judged`);
        assert.deepStrictEqual(modes.slice(0, judged), Array(judged).fill("Optional"));
        modes
            .slice(judged)
            .forEach(m => assert.ok(m instanceof Unverifiable && TOO_COSTLY.test(m.reason), describeValue(m as Value)));
    });

    it("judges every site of an ordinary template at ARM's documented limits (4 MB, 256 parameters and variables, 800 resources, 24,576-character expressions) as ARM would, well within the budget", () => {
        const parameters: Record<string, unknown> = { env: { type: "string", defaultValue: "prod" } };
        const variables: Record<string, unknown> = {};
        for (let i = 0; i < 255; i++) {
            parameters[`p${i}`] = { type: "string", defaultValue: `app-${i}-${"x".repeat(100)}` };
            variables[`v${i}`] = `[concat(parameters('p${i}'), '-', parameters('env'))]`;
        }
        variables.certificates = { enabled: "[not(equals(parameters('env'), 'none'))]" };
        const expected = (i: number) => (i % 3 === 0 ? "Optional" : "Required");
        // The first sites list the environments that require certificates: an expression of 24,576 characters.
        const environments = Array.from({ length: 1600 }, (_, i) => `'env-${String(i).padStart(6, "0")}'`);
        const long = (i: number) => {
            const head = `[if(contains(createArray('prod', `;
            const tail = `), parameters('env')), '${expected(i)}', 'Unexpected')]`;
            const list = environments.join(", ");
            const filler = 24_576 - head.length - list.length - tail.length - ", ''".length;
            return `${head}${list}, '${"e".repeat(filler)}'${tail}`;
        };
        // Each site carries its application settings, so the template is as large as ARM accepts.
        const appSettings = Array.from({ length: 32 }, (_, j) => ({ name: `SETTING_${j}`, value: "v".repeat(100) }));
        const resources = Array.from({ length: 800 }, (_, i) =>
            site(
                {
                    clientCertEnabled: "[variables('certificates').enabled]",
                    clientCertMode:
                        i < 20
                            ? long(i)
                            : `[if(equals(variables('v${i % 255}'), concat(parameters('p${i % 255}'), '-prod')), '${expected(i)}', 'Unexpected')]`,
                    siteConfig: { appSettings },
                },
                `w${i}`,
            ),
        );
        assert.strictEqual(long(0).length, 24_576);
        const tpl = { parameters, variables, resources };
        const size = JSON.stringify(tpl).length;
        assert.ok(size > 4_000_000 && size < 4 * 1024 * 1024, `${size} characters`);
        const { steps: spent, findings, modes } = steps(tpl);
        assert.ok(spent < MAX_EVALUATION_STEPS / 2, `${spent} steps`);
        assert.deepStrictEqual(
            modes,
            resources.map((_, i) => expected(i)),
        );
        assert.ok(findings.every(f => f.kind === "site" && f.setting("enabled") === true));
        // The policy lists the non-compliant sites (counting those beyond the first) and passes the others.
        const [message, ...others] = validate(DEPLOYMENT, deployment(tpl)).violations;
        assert.deepStrictEqual(others, []);
        const listed = message.match(/^- Microsoft\.Web\/sites "w\d+"/gm) ?? [];
        assert.strictEqual(listed.length + unlistedCount(message), Math.ceil(800 / 3));
        listed.forEach(line => assert.strictEqual(Number(line.match(/"w(\d+)"/)![1]) % 3, 0, line));
    });

    it("counts the steps of a real template far below the budget, and of an adversarial one at the budget", () => {
        const real = steps({
            parameters: { env: { type: "string", defaultValue: "prod" } },
            resources: Array.from({ length: 200 }, (_, i) =>
                site(
                    {
                        clientCertEnabled: true,
                        clientCertMode: "[if(equals(parameters('env'), 'prod'), 'Required', 'Optional')]",
                    },
                    `w${i}`,
                ),
            ),
        });
        assert.ok(real.steps < 100 * 200, `${real.steps} steps for 200 sites`);
        const adversarial = steps(spendsItsBudget());
        assert.ok(
            adversarial.steps > MAX_EVALUATION_STEPS && adversarial.steps < 2 * MAX_EVALUATION_STEPS,
            `${adversarial.steps} steps`,
        );
        const mode = (adversarial.findings[0] as TemplateSite).setting("mode");
        assert.ok(mode instanceof Unverifiable && /too costly/.test(mode.reason));
    });
    it("stops every template of a run once the run's budget is spent, so many costly resources cannot add up", () => {
        const run = new RunBudget(3.5 * MAX_EVALUATION_STEPS);
        const reasons = Array.from({ length: 4 }, () =>
            unverifiableReason(steps(spendsItsBudget(), new Budget(MAX_EVALUATION_STEPS, run)).findings),
        );
        // Each of the first three spends its own budget; the fourth finds the run's spent partway through its own.
        assert.deepStrictEqual(
            reasons.map(reason => TOO_COSTLY.test(reason)),
            [true, true, true, false],
        );
        assert.match(
            reasons[3],
            /the templates of this run are too costly to evaluate: together they take more than 3,500,000 evaluation steps/,
        );
        assert.ok(run.spent < 4 * MAX_EVALUATION_STEPS, `${run.spent} steps in the run`);

        // A small compliant template after that is not read either: reported, never passed.
        const small = steps(
            { resources: [site({ clientCertEnabled: true, clientCertMode: "Required" })] },
            new Budget(MAX_EVALUATION_STEPS, run),
        );
        assert.match(unverifiableReason(small.findings), /the templates of this run are too costly/);

        // Outside a run, each resource has its own budget and nothing more.
        const alone = steps({ resources: [site({ clientCertEnabled: true, clientCertMode: "Required" })] });
        assert.strictEqual((alone.findings[0] as TemplateSite).setting("mode"), "Required");
    });

    /** What a found app's enabled flag and mode read as: each value, or the reason it cannot be read. */
    const modeOf = (found: object): string =>
        "settings" in found
            ? [(found as App).settings.enabled?.(), (found as App).settings.mode?.()]
                  .map(value => (value instanceof Unverifiable ? value.reason : JSON.stringify(value)))
                  .join(", ")
            : "";

    it("draws every template-holding family's templates from the run's budget, so a spent run stops each of them", () => {
        const compliant = { resources: [site({ clientCertEnabled: true, clientCertMode: "Required" })] };
        const holders: [string, Record<string, unknown>][] = [
            ["azure-native:resources:Deployment", { properties: { template: compliant, mode: "Incremental" } }],
            ["azure-native:solutions:ApplicationDefinition", { lockLevel: "None", mainTemplate: compliant }],
            [
                "azure-native:resources:Resource",
                {
                    resourceProviderNamespace: "Microsoft.Resources",
                    resourceType: "deployments",
                    resourceName: "nested",
                    parentResourcePath: "",
                    properties: { template: compliant, mode: "Incremental" },
                },
            ],
        ];
        for (const [type, props] of holders) {
            const spent = new RunBudget(1);
            spent.spent = 1;
            const family = familyOf(type)!;
            const reasons = family.apps(props, spent).map(modeOf);
            assert.ok(
                reasons.some(reason => /the templates of this run are too costly/.test(reason)),
                `${type}: ${reasons.join("; ")}`,
            );
            const alone = family.apps(props, undefined).map(modeOf);
            assert.ok(!alone.some(reason => /too costly/.test(reason)), `${type} alone: ${alone.join("; ")}`);
        }
    });
});

describe("policy definitions declared in a template", () => {
    it("charges a rule given as JSON text at every copy: many copies of a long text are too costly, not free", () => {
        // One rule text of about 45 kB, read again for each of 800 copies: 36 MB of JSON if nothing charged it.
        const ruleText = JSON.stringify({
            if: { field: "type", in: new Array(2000).fill("Microsoft.Web/sites") },
            then: { effect: "audit" },
        });
        const definition = {
            type: "Microsoft.Authorization/policyDefinitions",
            apiVersion: "2023-04-01",
            name: "[concat('audit-', copyIndex())]",
            copy: { name: "definitions", count: 800 },
            properties: { policyType: "Custom", mode: "All", policyRule: ruleText },
        };
        const { steps: spent, findings } = steps({ resources: [definition] });
        assert.ok(spent <= WITHIN_BUDGET, `took ${spent.toLocaleString("en-US")} steps`);
        assert.match(unverifiableReason(findings), /too costly to evaluate/);
        // One copy is read, and charged for its text.
        const once = steps({ resources: [{ ...definition, copy: undefined, name: "audit" }] });
        assert.ok(once.steps >= ruleText.length / 2, `${once.steps} steps for ${ruleText.length} characters`);
        assert.deepStrictEqual(once.findings, []);
    });
});

describe("what an evaluation learns about its values", () => {
    it("is its own: two interleaved evaluations of the same values each pay for their comparisons as if alone", () => {
        // Parameter values given at the top level are read as given, so both evaluations compare the very same
        // objects: two equal objects of 2,000 members, a step for each object compared, and once compared, a pair
        // is known to be equal.
        const members = () => Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, { v: i }]));
        const parameters = parameterValues(
            readInput({ a: { value: members() }, b: { value: members() } }),
            "parameters",
        );
        const template = readInput({
            parameters: { a: { type: "object" }, b: { type: "object" } },
            resources: ["one", "two"].map(name =>
                site(
                    {
                        clientCertEnabled: true,
                        clientCertMode: "[if(equals(parameters('a'), parameters('b')), 'Required', 'Optional')]",
                    },
                    name,
                ),
            ),
        });
        const evaluation = () => {
            const budget = new Budget();
            const sites = findSites({ template, path: "template", parameters, budget }) as TemplateSite[];
            /** Reads a site's mode, and the steps that took. */
            const read = (site: number) => {
                const before = budget.steps;
                assert.strictEqual(sites[site].setting("mode"), "Required");
                return budget.steps - before;
            };
            return { budget, read };
        };
        const alone = evaluation();
        const [first, second] = [alone.read(0), alone.read(1)];
        assert.ok(first > 2000 && second < 100, `${first} steps for the first site, ${second} for the second`);

        const [x, y] = [evaluation(), evaluation()];
        assert.deepStrictEqual([x.read(0), y.read(0), y.read(1), x.read(1)], [first, first, second, second]);
        assert.deepStrictEqual([x.budget.steps, y.budget.steps], [alone.budget.steps, alone.budget.steps]);
    });
});
