// ARM's expression language as the policy evaluates it: each supported function, parameters and variables in
// a template's scope, and every way evaluation can fail, which must yield Unverifiable and never a value.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluateValue, MAX_EVALUATION_DEPTH } from "../../../policy-pack/arm/evaluate";
import { PURE_FUNCTIONS } from "../../../policy-pack/arm/functions/table";
import { Budget } from "../../../policy-pack/arm/budget";
import { NO_PARAMETER_VALUES, parameterValues, TemplateScope } from "../../../policy-pack/arm/scope";
import { readInput } from "../../../policy-pack/arm/inputCopy";
import { MAX_VALUE_SIZE } from "../../../policy-pack/arm/measures";
import { ObjectValue, Unverifiable, Value } from "../../../policy-pack/arm/values";

/** A template value evaluated in the scope of `template`, deployed with `parameters` ({ name: { value } }). */
function evaluated(value: unknown, template: object = {}, parameters: object = {}): Value {
    const scope = new TemplateScope(
        readInput(template) as ObjectValue,
        parameterValues(readInput(parameters), "properties.parameters"),
    );
    return evaluateValue(readInput(value), scope);
}

function unverifiable(value: unknown, template: object = {}, parameters: object = {}): string {
    const result = evaluated(value, template, parameters);
    assert.ok(result instanceof Unverifiable, `expected Unverifiable, got ${JSON.stringify(result)}`);
    return result.reason;
}

/** Plain JSON of an evaluated value (evaluated objects have no prototype). */
function json(value: Value): unknown {
    return JSON.parse(JSON.stringify(value));
}

describe("ARM expressions: literals and escapes", () => {
    it("keeps strings that are not expressions as they are", () => {
        assert.strictEqual(evaluated("Required"), "Required");
        assert.strictEqual(evaluated("[not closed"), "[not closed");
    });

    it("reads [[ as a literal [", () => {
        assert.strictEqual(evaluated("[[parameters('x')]"), "[parameters('x')]");
    });

    it("reads string literals with '' as an escaped quote, and integers", () => {
        assert.strictEqual(evaluated("['it''s']"), "it's");
        assert.strictEqual(evaluated("[concat('a', -1, 2)]"), "a-12");
    });

    it("evaluates every member of an object and array", () => {
        assert.deepStrictEqual(json(evaluated({ a: "[toUpper('x')]", b: ["[true()]", 1] })), { a: "X", b: [true, 1] });
    });
});

describe("ARM expressions: the pure functions", () => {
    const cases: [string, unknown][] = [
        ["[concat('Req', 'uired')]", "Required"],
        ["[format('{0}{1}', 'Requ', 'ired')]", "Required"],
        ["[format('{{{0}}}', 'x')]", "{x}"],
        ["[if(equals('a', 'a'), 'Required', 'Optional')]", "Required"],
        ["[if(not(true()), 'Required', 'Optional')]", "Optional"],
        ["[and(true(), equals(1, 1))]", true],
        ["[or(false(), false())]", false],
        ["[equals('Required', 'required')]", false],
        ["[toLower('REQUIRED')]", "required"],
        ["[toUpper('on')]", "ON"],
        ["[string(true())]", "True"],
        ["[string(createObject('a', 1))]", '{"a":1}'],
        ["[bool('TRUE')]", true],
        ["[bool(0)]", false],
        ["[coalesce(null(), 'Required', 'Optional')]", "Required"],
        ["[createObject('mode', 'Required').mode]", "Required"],
        ["[json('{\"clientCertEnabled\": true}').clientCertEnabled]", true],
        ["[json('[1, 2]')[1]]", 2],
        ["[concat(json('[1]'), json('[2]'))[1]]", 2],
        ["[createObject('Mode', 'Required').mode]", "Required"],
        ["[createObject('mode', 'Required')['MODE']]", "Required"],
        ["[union(createArray('a', 'b'), createArray('b', 'c'), createArray('a'))]", ["a", "b", "c"]],
        ["[union(createArray(json('{\"a\": 1}')), createArray(json('{\"a\": 1}'), 1, '1'))]", [{ a: 1 }, 1, "1"]],
        [
            '[union(json(\'{"p": {"one": "a", "three": "c1"}, "n": [1, 2]}\'), json(\'{"p": {"three": "c2"}, "n": [3]}\'))]',
            { p: { one: "a", three: "c2" }, n: [3] },
        ],
        ["[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]", ["two", "three"]],
        ['[intersection(json(\'{"one": "a", "two": "b"}\'), json(\'{"one": "a", "two": "z"}\'))]', { one: "a" }],
        ['[shallowMerge(createArray(json(\'{"a": {"x": 1}}\'), json(\'{"a": {"y": 2}}\')))]', { a: { y: 2 } }],
        ["[contains('OneTwoThree', 'e')]", true],
        ["[contains('OneTwoThree', 'one')]", false],
        ["[contains(json('{\"One\": 1}'), 'one')]", true],
        ["[contains(createArray('one', 'two'), 'two')]", true],
        ["[contains(createArray(1, 2), '2')]", false],
        ["[empty('')]", true],
        ["[empty(createArray(1))]", false],
        ["[empty(json('{}'))]", true],
        ["[first(createArray('Required', 'Optional'))]", "Required"],
        ["[last('Required')]", "d"],
        ['[length(json(\'{"a": 1, "b": 2}\'))]', 2],
        ["[skip('Required', 4)]", "ired"],
        ["[skip(createArray(1, 2), -1)]", [1, 2]],
        ["[take('Required', 99)]", "Required"],
        ["[take(createArray(1, 2), 0)]", []],
        ["[split('a,b;c', createArray(',', ';'))]", ["a", "b", "c"]],
        ["[split('/a,,/b', ',')]", ["/a", "", "/b"]],
        ["[replace('Optional', 'Optional', 'Required')]", "Required"],
        ["[trim('  Required ')]", "Required"],
        ["[substring('NotRequired', 3)]", "Required"],
        ["[substring('Required', 0, 3)]", "Req"],
        ["[indexOf('abcdef', 'CD')]", 2],
        ["[lastIndexOf('test', 'T')]", 3],
        ["[lastIndexOf('aAaAb', 'aa')]", 2],
        ["[lastIndexOf('abcabcab', 'CAB')]", 5],
        ["[lastIndexOf('abc', 'abcd')]", -1],
        ["[indexOf('abc', '')]", 0],
        ["[format('{0}{{{1}}}}}{0}', 'a', 2)]", "a{2}}a"],
        ["[indexOf(createArray('a', 'b', 'a'), 'a')]", 0],
        ["[lastIndexOf(createArray('a', 'b', 'a'), 'a')]", 2],
        ["[startsWith('Required', 'req')]", true],
        ["[endsWith('Required', 'IRED')]", true],
        ["[array('Required')]", ["Required"]],
        ["[array(createArray(1))]", [1]],
        ["[createArray()]", []],
        ["[int('-12')]", -12],
        ["[min(3, 1, 2)]", 1],
        ["[max(createArray(3, 1, 2))]", 3],
        ["[range(5, 3)]", [5, 6, 7]],
        ["[add(1, 2)]", 3],
        ["[sub(1, 2)]", -1],
        ["[mul(3, 4)]", 12],
        ["[div(-7, 2)]", -3],
        ["[mod(-7, 2)]", -1],
        ["[greater(2, 1)]", true],
        ["[less(2, 1)]", false],
        ["[greaterOrEquals(2, 2)]", true],
        ["[lessOrEquals(3, 2)]", false],
        ["[padLeft('7', 3, '0')]", "007"],
        ["[padLeft(123, 2)]", "123"],
        ["[join(createArray('/health', '/ping'), ';')]", "/health;/ping"],
        ['[objectKeys(json(\'{"b": 1, "a": 2}\'))]', ["a", "b"]],
        [
            '[items(json(\'{"item002": 2, "item001": 1}\'))]',
            [
                { key: "item001", value: 1 },
                { key: "item002", value: 2 },
            ],
        ],
        ["[tryGet(json('{\"site\": {\"Mode\": \"Required\"}}'), 'site', 'mode')]", "Required"],
        ["[tryGet(createArray(1), 5)]", null],
        ["[base64('Required')]", "UmVxdWlyZWQ="],
        ["[base64ToString('UmVxdWlyZWQ=')]", "Required"],
        ['[base64ToJson(base64(\'{"mode": "Required"}\')).mode]', "Required"],
    ];
    for (const [expression, expected] of cases) {
        it(`evaluates ${expression}`, () => {
            assert.deepStrictEqual(json(evaluated(expression)), expected);
        });
    }

    it("are each listed in the policy pack's README, so users know what a template may use", () => {
        const readme = fs.readFileSync(path.join(__dirname, "../../../policy-pack/README.md"), "utf8");
        const listed = new Set(Array.from(readme.matchAll(/`([A-Za-z0-9]+)`/g), match => match[1].toLowerCase()));
        assert.deepStrictEqual(
            PURE_FUNCTIONS.filter(name => !listed.has(name)),
            [],
        );
    });

    it("evaluates only the branch of if() that is taken, as ARM does", () => {
        assert.strictEqual(evaluated("[if(true(), 'Required', reference('x').mode)]"), "Required");
    });

    it("lets one definite false decide and(), and one definite true decide or()", () => {
        assert.strictEqual(evaluated("[and(false(), equals(reference('x'), 1))]"), false);
        assert.strictEqual(evaluated("[or(true(), equals(reference('x'), 1))]"), true);
        assert.ok(evaluated("[and(true(), equals(reference('x'), 1))]") instanceof Unverifiable);
    });

    it("is unverifiable when ARM would refuse the arguments", () => {
        assert.match(unverifiable("[not('yes')]"), /not\(\) takes one boolean/);
        assert.match(unverifiable("[if('yes', 'a', 'b')]"), /not a boolean, so the deployment would fail/);
        assert.match(unverifiable("[bool('maybe')]"), /bool\(\) takes/);
        assert.match(unverifiable("[format('{0:D}', 1)]"), /format\(\) has the item "\{0:"/);
        assert.match(unverifiable("[createObject('a')]"), /pairs of a key and a value/);
        assert.match(unverifiable("[json('{not json')]"), /not JSON/);
        assert.match(unverifiable("[createObject('a', 1).b]"), /no property 'b'/);
        assert.match(unverifiable("[json('[1]')[3]]"), /index 3 is outside an array of 1/);
        for (const expression of [
            "[add('1', 1)]",
            "[union(createArray(1), json('{}'))]",
            "[substring('abc', 2, 5)]",
            "[div(1, 0)]",
            "[mod(1, 0)]",
            "[range(0, 10001)]",
            "[range(2147483647, 1)]",
            "[int('1.5')]",
            "[split('a', '')]",
            "[replace('a', '', 'b')]",
            "[base64ToString('not base64!')]",
            "[padLeft('a', 2, 'xy')]",
            "[padLeft('a', -1)]",
            "[join(createArray(1), ',')]",
        ]) {
            assert.match(unverifiable(expression), /so the deployment would fail/, expression);
        }
    });

    it("is unverifiable where ARM does not document the result, rather than guessing", () => {
        assert.match(unverifiable("[first(createArray())]"), /does not evaluate first\(\) of an empty array/);
        assert.match(unverifiable("[greater('b', 'a')]"), /does not evaluate greater\(\) on strings/);
        assert.match(
            unverifiable('[objectKeys(json(\'{"a": 1, "B": 2}\'))]'),
            /keys whose order depends on letter case/,
        );
        assert.match(unverifiable("[mul(4294967296, 4294967296)]"), /beyond the integers the policy evaluates exactly/);
        assert.match(unverifiable("[padLeft('a', 1000000, '0')]"), /pads to 1000000 characters/);
    });
});

describe("ARM expressions: what cannot be known before deployment", () => {
    for (const fn of [
        "reference('app').properties.mode",
        "resourceId('Microsoft.Web/sites', 'x')",
        "listKeys('x', '2020-01-01').keys[0]",
        "uniqueString('x')",
        "resourceGroup().location",
        "utcNow()",
    ]) {
        it(`reports [${fn}] as known only during the deployment`, () => {
            assert.match(unverifiable(`[${fn}]`), /\(\) is known only when Azure runs the deployment/);
        });
    }

    it("does not compare or print a value that holds something it cannot know, however deep", () => {
        const template = {
            variables: {
                a: { inner: { mode: "[reference('x').mode]" } },
                b: { inner: { mode: "[reference('y').mode]" } },
            },
        };
        assert.match(
            unverifiable("[if(equals(variables('a'), variables('b')), 'Optional', 'Required')]", template),
            /reference\(\) is known only/,
        );
        assert.match(unverifiable("[string(variables('a'))]", template), /reference\(\) is known only/);
        assert.match(unverifiable("[variables('a').inner.mode]", template), /reference\(\) is known only/);
    });

    it("reports copyIndex() as differing between copies", () => {
        assert.match(
            unverifiable("[if(equals(copyIndex(), 0), 'Required', 'Optional')]"),
            /copyIndex\(\) differs from one copy/,
        );
    });

    it("reports functions it does not evaluate, including user-defined ones, by name", () => {
        assert.match(
            unverifiable("[uriComponent('Required')]"),
            /does not evaluate the template function uriComponent\(\)/,
        );
        assert.match(unverifiable("[contoso.mode()]"), /the template defines no function contoso\.mode\(\)/);
    });

    it("reports an expression that does not parse, quoting it", () => {
        assert.match(unverifiable("[concat('a',]"), /\[concat\('a',\] is not a valid template expression/);
        assert.match(unverifiable("['unterminated]"), /not closed/);
        assert.match(unverifiable("[concat('a') concat('b')]"), /after a complete expression/);
        assert.match(unverifiable("[a + b]"), /unexpected character "\+"/);
    });

    it("follows .NET: invariant case one character to one, .NET's white space for trim, 64-bit integer literals, null for empty", () => {
        assert.strictEqual(evaluated("[toUpper('straße ǆ ı')]"), "STRAßE Ǆ ı");
        assert.strictEqual(evaluated("[toLower('İSTANBUL')]"), "İstanbul");
        assert.strictEqual(evaluated("[toUpper('ᾳ')]"), "ᾼ");
        assert.strictEqual(evaluated("[length(toUpper('ﬁﬂ'))]"), 2);
        // indexOf ignores case one character to one, so positions are the text's own.
        assert.strictEqual(evaluated("[indexOf('İxß-REQUIRED', 'required')]"), 4);
        assert.strictEqual(evaluated("[trim('\u0085\u00a0 Required\u3000')]"), "Required");
        assert.strictEqual(evaluated("[trim('\ufeffRequired')]"), "\ufeffRequired");
        assert.strictEqual(evaluated("[int(' 12 ')]"), 12);
        assert.match(unverifiable("[int('\u00a012')]"), /int\(\) takes/);
        assert.match(
            unverifiable("[if(equals(9007199254740993, 9007199254740992), 'Optional', 'Required')]"),
            /beyond 2\^53/,
        );
        assert.strictEqual(evaluated("[empty(null())]"), true);
        assert.strictEqual(evaluated("[tryGet(null(), 'a')]"), null);
        assert.strictEqual(evaluated("[coalesce(null(), null(), 'Required')]"), "Required");
    });

    it("evaluates property names that are expressions, in variables and in objects it evaluates", () => {
        const template = { variables: { props: { "[concat('clientCert', 'Mode')]": "Optional", "[[literal]": 1 } } };
        assert.deepStrictEqual(json(evaluated("[variables('props')]", template)), {
            clientCertMode: "Optional",
            "[literal]": 1,
        });
        assert.match(
            unverifiable("[variables('props')]", { variables: { props: { "[reference('x').name]": "Optional" } } }),
            /the property name \[reference\('x'\).name\] cannot be evaluated/,
        );
        assert.match(
            unverifiable("[variables('props').mode]", { variables: { props: { mode: 1, "[toLower('MODE')]": 2 } } }),
            /two property names of the object evaluate to "mode"/,
        );
    });

    it("refuses expressions nested deeper than it parses, without overflowing the stack", () => {
        const deep = "[" + "not(".repeat(3000) + "true()" + ")".repeat(3000) + "]";
        assert.match(unverifiable(deep), /nests more than 100 levels deep/);
    });
});

describe("ARM template scope: parameters", () => {
    const template = {
        parameters: { Mode: { type: "string", defaultValue: "Optional" }, noDefault: { type: "string" } },
    };

    it("takes the deployment's value over the template's default, names ignoring case", () => {
        assert.strictEqual(evaluated("[parameters('MODE')]", template, { mode: { value: "Required" } }), "Required");
    });

    it("falls back to the template's default", () => {
        assert.strictEqual(evaluated("[parameters('mode')]", template), "Optional");
    });

    it("evaluates a default that is itself an expression over other parameters", () => {
        const withDerived = {
            parameters: {
                strict: { type: "bool", defaultValue: true },
                mode: { type: "string", defaultValue: "[if(parameters('strict'), 'Required', 'Optional')]" },
            },
        };
        assert.strictEqual(evaluated("[parameters('mode')]", withDerived), "Required");
        assert.strictEqual(evaluated("[parameters('mode')]", withDerived, { strict: { value: false } }), "Optional");
    });

    it("takes a deployment's value literally, never as an expression", () => {
        assert.strictEqual(
            evaluated("[parameters('mode')]", template, { mode: { value: "[concat('Requ', 'ired')]" } }),
            "[concat('Requ', 'ired')]",
        );
    });

    it("reads properties of an object parameter", () => {
        assert.strictEqual(
            evaluated(
                "[parameters('cfg').mode]",
                { parameters: { cfg: { type: "object" } } },
                { cfg: { value: { mode: "Required" } } },
            ),
            "Required",
        );
    });

    it("is unverifiable without a value and a default, for an undeclared name, and for a Key Vault reference", () => {
        assert.match(
            unverifiable("[parameters('noDefault')]", template),
            /parameter 'noDefault' has no value in the deployment and no default/,
        );
        assert.match(unverifiable("[parameters('other')]", template), /declares no parameter 'other'/);
        const fromKeyVault = {
            mode: { reference: { keyVault: { id: "/subscriptions/x/vault" }, secretName: "mode" } },
        };
        assert.match(unverifiable("[parameters('mode')]", template, fromKeyVault), /Key Vault secret reference/);
    });

    it("is unverifiable when the deployment gives a parameter without { value }", () => {
        assert.match(unverifiable("[parameters('mode')]", template, { mode: "Required" }), /not \{ "value": \.\.\. \}/);
    });
});

describe("ARM template scope: variables", () => {
    it("evaluates variables built from parameters and other variables, names ignoring case", () => {
        const template = {
            parameters: { strict: { type: "bool", defaultValue: true } },
            variables: {
                certMode: "[if(parameters('strict'), 'Required', 'Optional')]",
                Site: { mode: "[variables('CERTMODE')]" },
            },
        };
        assert.strictEqual(evaluated("[variables('site').mode]", template), "Required");
    });

    it("reports a cycle between variables instead of hanging", () => {
        const template = { variables: { a: "[variables('b')]", b: "[concat(variables('a'), 'x')]" } };
        assert.match(unverifiable("[variables('a')]", template), /variable 'a' is defined in terms of itself/);
    });

    it("reports a variable built by a copy loop, and one that is not defined", () => {
        const template = { variables: { copy: [{ name: "modes", count: 2, input: "Required" }] } };
        assert.match(unverifiable("[variables('modes')[0]]", template), /variable 'modes' is built by a copy loop/);
        assert.match(unverifiable("[variables('missing')]", template), /defines no variable 'missing'/);
    });

    it("reports names given twice in different letter cases", () => {
        assert.match(
            unverifiable("[variables('mode')]", { variables: { mode: "Required", MODE: "Optional" } }),
            /declared twice/,
        );
    });

    it("reads keys such as __proto__ and constructor as plain names, never as JavaScript's", () => {
        const template = JSON.parse('{"variables": {"__proto__": {"mode": "Optional"}}}');
        assert.deepStrictEqual(json(evaluated("[variables('__proto__')]", template)), { mode: "Optional" });
        assert.match(unverifiable("[variables('constructor')]", {}), /defines no variable 'constructor'/);
        assert.match(unverifiable("[parameters('toString')]", {}), /declares no parameter 'toString'/);
        assert.match(unverifiable("[createObject('a', 1).constructor]"), /no property 'constructor'/);
        assert.deepStrictEqual(
            json(evaluated("[createObject('__proto__', 'Required')]")),
            JSON.parse('{"__proto__": "Required"}'),
        );
    });

    it("stays linear: a chain of 5,000 variables each used twice is evaluated once each", () => {
        const variables: Record<string, string> = { v0: "x" };
        for (let i = 1; i <= 5000; i++) {
            variables[`v${i}`] = `[if(equals(variables('v${i - 1}'), variables('v${i - 1}')), 'x', 'y')]`;
        }
        /** The evaluation steps (the budget's count of work) taken to evaluate variable `n` of the chain. */
        const stepsFor = (n: number) => {
            const budget = new Budget();
            const scope = new TemplateScope(readInput({ variables }) as ObjectValue, NO_PARAMETER_VALUES, budget);
            assert.strictEqual(evaluateValue(`[variables('v${n}')]`, scope), "x");
            return budget.steps;
        };
        // Evaluated twice, each link would double the work: each link adds the same few steps instead.
        const perLink = (stepsFor(150) - stepsFor(50)) / 100;
        assert.strictEqual(stepsFor(100) - stepsFor(50), 50 * perLink);
        assert.ok(perLink > 0 && perLink <= stepsFor(1), `${perLink} steps per link, ${stepsFor(1)} for the first`);
        // A chain deeper than the evaluation limit is unverifiable, never a stack overflow.
        assert.match(
            unverifiable("[variables('v5000')]", { variables }),
            new RegExp(`more than ${MAX_EVALUATION_DEPTH} nested evaluations`),
        );
    });

    it("caps values that double at each step, instead of running out of memory", () => {
        const variables: Record<string, string> = { s0: "Required", a0: "[json('[1, 2]')]" };
        for (let i = 1; i <= 60; i++) {
            variables[`s${i}`] = `[concat(variables('s${i - 1}'), variables('s${i - 1}'))]`;
            variables[`a${i}`] = `[concat(variables('a${i - 1}'), variables('a${i - 1}'))]`;
            variables[`o${i}`] = `[createObject('a', variables('o${i - 1}'), 'b', variables('o${i - 1}'))]`;
        }
        variables.o0 = "x";
        const size = MAX_VALUE_SIZE.toLocaleString("en-US");
        assert.match(
            unverifiable("[variables('s60')]", { variables }),
            new RegExp(`concat\\(\\) builds a value of more than ${size}`),
        );
        assert.match(unverifiable("[variables('a60')]", { variables }), /builds a value of more than/);
        assert.match(unverifiable("[string(variables('o60'))]", { variables }), /builds a value of more than/);
        assert.match(
            unverifiable("[format('{0}{0}{0}{0}', variables('s16'))]", { variables }),
            /format\(\) builds a value of more than/,
        );
    });
});
