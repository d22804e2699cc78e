// The harness sends resource properties as the engine does: the same google.protobuf.Struct bytes that
// google-protobuf's own Struct.fromJavaScript gives, which the harness does not use because its time grows with the
// square of the depth.
import * as assert from "assert";
import * as fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { structOf, UNKNOWN } from "../../tools/engine/policyPackServer";
import { sweep } from "../sweep";

function assertSameBytes(properties: Record<string, unknown>): void {
    const expected = Buffer.from(Struct.fromJavaScript(properties as never).serializeBinary());
    assert.ok(Buffer.from(structOf(properties).serializeBinary()).equals(expected), JSON.stringify(properties));
}

describe("the policy pack harness's encoding of resource properties", () => {
    it("gives the bytes of google-protobuf's Struct.fromJavaScript for any JSON", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.string(), fc.oneof(fc.constant(UNKNOWN), fc.jsonValue())), assertSameBytes),
            { numRuns: sweep(200) },
        );
    });

    it("gives them for properties nested hundreds of levels deep, through objects and arrays", () => {
        let deep: unknown = "leaf";
        for (let i = 0; i < 200; i++) {
            deep = i % 2 === 0 ? { nested: deep, empty: {} } : [deep, null, -0, []];
        }
        assertSameBytes({ template: { metadata: deep } });
    });

    it("refuses undefined, as google-protobuf does", () => {
        assert.throws(() => structOf({ value: undefined }), /Unexpected struct type/);
    });
});
