// Template text read as ARM reads it (Newtonsoft.Json's JsonTextReader): where a comment ends, what white space
// is, its lenient syntax, and what the policy leaves unverifiable rather than guess.
import * as assert from "assert";
import { JsonTextError, parseJsonText } from "../../../policy-pack/arm/jsonText";
import { MAX_INPUT_DEPTH, Unverifiable } from "../../../policy-pack/arm/values";
import { validate } from "../support";

const CLASSIC = "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment";

/** A classic deployment of template text holding one site whose `properties` text is given. */
function siteText(properties: string): Record<string, unknown> {
    return {
        templateContent: `{"resources": [{"type": "Microsoft.Web/sites", "name": "web", "properties": ${properties}}]}`,
    };
}

function reason(value: unknown): string {
    assert.ok(value instanceof Unverifiable, `${JSON.stringify(value)} is not unverifiable`);
    return value.reason;
}

describe("template text read as ARM reads it", () => {
    it("ends a // comment at a carriage return, so a setting after it on the same line is read", () => {
        const text = siteText(
            '{"clientCertEnabled": true, "clientCertMode": "Required" // compliant\r, "clientCertMode": "Optional"\n}',
        );
        const [message] = validate(CLASSIC, text).violations;
        assert.match(
            message,
            /clientCertMode cannot be verified before deployment: the JSON text gives "clientCertMode" twice/,
        );
    });

    it("skips .NET's white space between tokens (no-break and ideographic spaces, NEL, NUL), not U+FEFF", () => {
        assert.deepStrictEqual(parseJsonText('\u00a0{"a"\u3000:\u0085true,\u2028"b":\u0000[1]}'), { a: true, b: [1] });
        assert.throws(() => parseJsonText('{"a":\ufefftrue}'), JsonTextError);
        assert.deepStrictEqual(validate(CLASSIC, siteText('{\u00a0"clientCertEnabled":\u2003true}')), {
            violations: [],
        });
    });

    it("reads Newtonsoft.Json's lenient syntax: single quotes, unquoted names, trailing commas, raw control characters", () => {
        assert.deepStrictEqual(parseJsonText("{'a': 'x\ny', b_1: [1, 2,], }"), { a: "x\ny", b_1: [1, 2] });
        assert.deepStrictEqual(
            validate(CLASSIC, siteText("{clientCertEnabled: true, 'clientCertMode': 'Required',}")),
            {
                violations: [],
            },
        );
    });

    it("refuses what the reader refuses: an unclosed /* comment, a comment between a name and its colon, a bad escape", () => {
        for (const text of ['{"a": 1 /* open', '{"a" /* c */ : 1}', '["\\q"]', "[1] x", "[truex]", "new Date(1)"]) {
            assert.throws(() => parseJsonText(text), JsonTextError, text);
        }
    });

    it("leaves unverifiable what the policy does not evaluate exactly: integers past 2^53, octal, NaN, empty elements, keys given twice", () => {
        const [big, safe, octal, nan, empty] = parseJsonText(
            "[9007199254740993, 9007199254740991, 010, NaN,,]",
        ) as unknown[];
        assert.match(reason(big), /the integer 9007199254740993, beyond 2\^53/);
        assert.strictEqual(safe, 9007199254740991);
        assert.match(reason(octal), /the number "010"/);
        assert.match(reason(nan), /NaN/);
        assert.match(reason(empty), /empty array element/);
        assert.deepStrictEqual(parseJsonText('{"a": 1, "a": 1}'), { a: 1 });
        assert.match(reason((parseJsonText('{"a": 1, "a": 2}') as Record<string, unknown>).a), /twice/);
    });

    it("reads text nested far deeper than the stack allows without recursion, cut at the input depth", () => {
        let value = parseJsonText("[".repeat(100_000) + "]".repeat(100_000));
        let depth = 0;
        while (Array.isArray(value)) {
            value = value[0];
            depth++;
        }
        assert.strictEqual(depth, MAX_INPUT_DEPTH);
        assert.match(reason(value), new RegExp(`nested more than ${MAX_INPUT_DEPTH} levels deep`));
    });
});
