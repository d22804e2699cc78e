// A request's properties read from their bytes must mean what google-protobuf, the SDK's decoder, makes of them:
// the same values, keys in the same order, the same -0 and NaN. Whatever this reader does not read (bytes a
// conforming encoder does not write, or a string that is not UTF-8) it leaves to google-protobuf, never reading it
// another way.
import * as assert from "assert";
import * as path from "path";
import * as fc from "fast-check";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";
import { fieldSpan, NotReadHere, structFromWire } from "../../policy-pack/server/structWire";
import { webApps } from "../../bench/webApps";
import { sweep } from "../sweep";
import {
    deepStruct,
    deepStructShape,
    delimited,
    entry,
    stringValue,
    tag,
    utf8,
    varint,
    wireReaderDepths,
} from "./protobufBytes";

// google-protobuf's Struct, as the SDK's protocol module loads it.
const analyzerPb = require.resolve("@pulumi/pulumi/proto/analyzer_pb", {
    paths: [require.resolve("@pulumi/policy", { paths: [POLICY_PACK_DIR] })],
});
const { Struct } = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(analyzerPb)] }),
) as {
    Struct: {
        fromJavaScript(value: unknown): { serializeBinary(): Uint8Array };
        deserializeBinary(bytes: Uint8Array): { toJavaScript(): unknown };
    };
};

/** What google-protobuf reads from `bytes`: the value, or its error. */
function sdkReads(bytes: Buffer): { value: unknown } | { error: true } {
    try {
        return { value: Struct.deserializeBinary(bytes).toJavaScript() };
    } catch {
        return { error: true };
    }
}

/** A value with its key order, -0 and NaN spelt out, so that two decodings compare on all of them. */
function exactly(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(exactly);
    }
    if (typeof value === "object" && value !== null) {
        return [
            Object.getPrototypeOf(value) === Object.prototype,
            Object.entries(value).map(([k, v]) => [k, exactly(v)]),
        ];
    }
    if (typeof value === "number" && (Object.is(value, -0) || Number.isNaN(value))) {
        return String(Object.is(value, -0) ? "-0" : "NaN");
    }
    return value;
}

/** Asserts that this reader declines `bytes`, which the server's decoder then leaves to google-protobuf. */
function assertLeftToSdk(bytes: number[], why: string): void {
    const buffer = Buffer.from(bytes);
    assert.throws(() => structFromWire(buffer), NotReadHere, why);
}

describe("a request's properties read from their bytes", () => {
    it("reads the benchmark's WebApps as google-protobuf does", () => {
        for (const { properties } of webApps(200)) {
            const bytes = Buffer.from(Struct.fromJavaScript(properties).serializeBinary());
            assert.deepStrictEqual(
                exactly(structFromWire(bytes)),
                exactly(Struct.deserializeBinary(bytes).toJavaScript()),
            );
        }
    });

    it("reads any JSON value, any text and any number as google-protobuf does, keys in its sorted order", () => {
        const values = fc.dictionary(
            fc.string({ unit: "binary" }),
            fc.oneof(
                fc.jsonValue({ maxDepth: 4 }),
                fc.double(),
                fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE),
                fc.string({ unit: "binary" }),
                fc.constantFrom("__proto__", "\ufeffbom", "é😀", "", "lone \ud800 surrogate"),
            ),
        );
        fc.assert(
            fc.property(values, value => {
                const bytes = Buffer.from(Struct.fromJavaScript(value).serializeBinary());
                const sdk = sdkReads(bytes);
                assert.ok("value" in sdk);
                assert.deepStrictEqual(exactly(structFromWire(bytes)), exactly(sdk.value));
            }),
            { numRuns: sweep(300) },
        );
    });

    it("gives the keys in sorted order whatever order they come in, as the engine's encoder sends a map", () => {
        const bytes = [
            ...entry(utf8("zeta"), stringValue("z")),
            ...entry(utf8("10"), stringValue("ten")),
            ...entry(
                utf8("Alpha"),
                delimited(5, entry(utf8("b"), stringValue("1")).concat(entry(utf8("a"), stringValue("2")))),
            ),
            ...entry(utf8("2"), stringValue("two")),
        ];
        const buffer = Buffer.from(bytes);
        const read = structFromWire(buffer);
        assert.deepStrictEqual(exactly(read), exactly((sdkReads(buffer) as { value: unknown }).value));
        assert.deepStrictEqual(Object.keys(read["Alpha"] as object), ["a", "b"]);
    });

    it("leaves a __proto__ key to google-protobuf, which drops it, and reads keys named like Object's methods as it does", () => {
        const hidden = delimited(5, entry(utf8("clientCertEnabled"), [...tag(4, 0), 1]));
        const named = (key: string) => [...entry(utf8(key), hidden), ...entry(utf8("name"), stringValue("app"))];
        assertLeftToSdk(named("__proto__"), "a __proto__ key");
        const sdk = (sdkReads(Buffer.from(named("__proto__"))) as { value: Record<string, unknown> }).value;
        assert.deepStrictEqual(exactly(sdk), exactly({ name: "app" }));
        for (const key of ["constructor", "toString", "hasOwnProperty", "__defineGetter__"]) {
            const buffer = Buffer.from(named(key));
            assert.deepStrictEqual(
                exactly(structFromWire(buffer)),
                exactly((sdkReads(buffer) as { value: unknown }).value),
                key,
            );
        }
    });

    it("leaves to google-protobuf whatever a conforming encoder does not write, and text that is not UTF-8", () => {
        const ok = entry(utf8("k"), stringValue("v"));
        assertLeftToSdk([...ok, ...entry(utf8("k"), stringValue("w"))], "a key given twice");
        assertLeftToSdk(delimited(1, [...delimited(1, utf8("k"))]), "an entry without its value");
        assertLeftToSdk(delimited(1, [...delimited(2, stringValue("v")), ...delimited(1, utf8("k"))]), "value first");
        assertLeftToSdk(entry(utf8("k"), []), "a Value with no kind");
        assertLeftToSdk(entry(utf8("k"), [...stringValue("v"), ...tag(4, 0), 1]), "a Value with two kinds");
        assertLeftToSdk(entry(utf8("k"), [...tag(7, 0), 1]), "a Value field the schema does not have");
        assertLeftToSdk([...ok, ...tag(2, 0), 1], "a Struct field the schema does not have");
        assertLeftToSdk(entry([0xc3, 0x28], stringValue("v")), "a key that is not UTF-8");
        assertLeftToSdk(entry(utf8("k"), delimited(3, [0xed, 0xa0, 0x80])), "a surrogate written as UTF-8");
        assertLeftToSdk(entry(utf8("k"), delimited(3, [0xc0, 0xaf])), "an overlong encoding");
        assertLeftToSdk(ok.slice(0, ok.length - 1), "bytes cut short");
        assertLeftToSdk(entry(utf8("k"), [...tag(2, 1), 0, 0, 0]), "a double cut short");
        assertLeftToSdk(entry(utf8("k"), [...tag(4, 0), ...Array(10).fill(0xff), 1]), "a varint longer than any here");
        assertLeftToSdk(entry(utf8("k"), delimited(6, [...tag(2, 0), 1])), "a ListValue field other than its values");
    });

    it("leaves to google-protobuf a Struct nested deeper than it has stack for, rather than failing or reading part of it", () => {
        // The test's encoder writes what google-protobuf writes.
        assert.ok(deepStruct(4).equals(Struct.fromJavaScript({ n: [{ n: ["leaf"] }] }).serializeBinary()));
        const { deepest, beyond } = wireReaderDepths();
        assert.ok(deepest >= 1200, `structFromWire reads ${deepest} levels, fewer than policy-pack/README.md says`);
        assert.deepStrictEqual(deepStructShape(structFromWire(deepStruct(deepest))), { depth: deepest, leaf: "leaf" });
        assert.throws(() => structFromWire(deepStruct(beyond)), NotReadHere);
    });

    it("finds the one properties field of a request, and declines one given twice or as another wire type", () => {
        const properties = entry(utf8("k"), stringValue("v"));
        const request = Buffer.from([
            ...delimited(1, utf8("azure-native:web:WebApp")),
            ...tag(9, 0),
            ...varint(300),
            ...tag(10, 1),
            ...Array(8).fill(0),
            ...tag(11, 5),
            ...Array(4).fill(0),
            ...delimited(2, properties),
            ...delimited(3, utf8("urn")),
        ]);
        const span = fieldSpan(request, 2)!;
        assert.deepStrictEqual(structFromWire(request, span.start, span.end), { k: "v" });
        assert.strictEqual(request[span.tagStart], 0x12);
        assert.strictEqual(fieldSpan(Buffer.from(delimited(1, utf8("t"))), 2), undefined);
        assert.throws(() => fieldSpan(Buffer.from([...delimited(2, []), ...delimited(2, [])]), 2), NotReadHere);
        assert.throws(() => fieldSpan(Buffer.from([...tag(2, 0), 1]), 2), NotReadHere);
        assert.throws(() => fieldSpan(Buffer.from([...tag(5, 3), ...tag(5, 4)]), 2), NotReadHere, "a group");
        assert.throws(() => fieldSpan(Buffer.from([...tag(5, 1), 0, 0]), 2), NotReadHere, "cut short");
        // Field 2 once its tag is cut to 32 bits, as a reader that truncates would take it.
        assert.throws(() => fieldSpan(Buffer.from([...varint(2 ** 32 + 0x12), 0]), 2), NotReadHere, "a long tag");
    });
});
