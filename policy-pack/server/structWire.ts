// A google.protobuf.Struct read straight from its protobuf bytes into the plain value google-protobuf's
// `Struct.toJavaScript()` gives (keys in sorted order, as its map gives them), without building a message object for
// every value first: that building is most of what an Analyze request costs the pack's process. Only the encoding a
// conforming encoder writes is read here; anything else (a field this schema does not have, a wire type it does not
// use, a value with no kind or two, a key given twice or named __proto__, a string that is not UTF-8, bytes cut short,
// values nested deeper than this recursion has stack for) throws `NotReadHere`, and the caller decodes the request
// with google-protobuf as the SDK does. So a request this reads has one meaning, the one google-protobuf gives it
// (test/policy-pack/structWire.test.ts compares the two).

/** Thrown for bytes this reader leaves to google-protobuf; never shown to a user. */
export class NotReadHere extends Error {
    constructor(why: string) {
        super(`not read from the wire here: ${why}`);
    }
}

// Wire types (https://protobuf.dev/programming-guides/encoding/#structure).
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A cursor over one message's bytes. */
class Reader {
    constructor(
        readonly bytes: Buffer,
        public pos: number,
        readonly end: number,
    ) {}

    /** A varint of at most 53 bits, as a number (lengths, tags and enum values are all far smaller). */
    varint(): number {
        let value = 0;
        let scale = 1;
        for (let i = 0; i < 8; i++) {
            if (this.pos >= this.end) {
                throw new NotReadHere("a varint is cut short");
            }
            const byte = this.bytes[this.pos++];
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) {
                return value;
            }
            scale *= 128;
        }
        throw new NotReadHere("a varint longer than this reader reads");
    }

    /** The end of a length-delimited field starting at the cursor, which moves past its length. */
    delimited(): number {
        const length = this.varint();
        const end = this.pos + length;
        if (end > this.end) {
            throw new NotReadHere("a length-delimited field runs past its message");
        }
        return end;
    }

    string(): string {
        const end = this.delimited();
        const { bytes } = this;
        let ascii = true;
        for (let i = this.pos; i < end; i++) {
            if (bytes[i] >= 0x80) {
                ascii = false;
                break;
            }
        }
        let text: string;
        if (ascii) {
            text = bytes.toString("latin1", this.pos, end);
        } else {
            try {
                text = strictUtf8.decode(bytes.subarray(this.pos, end));
            } catch {
                throw new NotReadHere("a string that is not UTF-8");
            }
        }
        this.pos = end;
        return text;
    }

    double(): number {
        if (this.pos + 8 > this.end) {
            throw new NotReadHere("a double is cut short");
        }
        const value = this.bytes.readDoubleLE(this.pos);
        this.pos += 8;
        return value;
    }
}

/** The Struct whose bytes run from `start` to `end` of `bytes`, as `Struct.toJavaScript()` gives it. */
export function structFromWire(bytes: Buffer, start = 0, end = bytes.length): Record<string, unknown> {
    try {
        return struct(new Reader(bytes, start, end), end);
    } catch (e) {
        // V8 runs out of stack with a RangeError (nothing else here throws one): so deep a request is left to
        // google-protobuf, which decodes it or fails as the SDK does.
        if (e instanceof RangeError) {
            throw new NotReadHere("values nested deeper than this reader has stack for");
        }
        throw e;
    }
}

function struct(reader: Reader, end: number): Record<string, unknown> {
    const keys: string[] = [];
    const values = new Map<string, unknown>();
    while (reader.pos < end) {
        const tag = reader.varint();
        if (tag !== ((1 << 3) | LENGTH_DELIMITED)) {
            throw new NotReadHere(`Struct field tag ${tag}`);
        }
        const entryEnd = reader.delimited();
        // A map entry: the key (1) then the value (2), as conforming encoders write both.
        if (reader.pos >= entryEnd || reader.varint() !== ((1 << 3) | LENGTH_DELIMITED)) {
            throw new NotReadHere("a map entry without its key first");
        }
        const key = reader.string();
        if (reader.pos >= entryEnd || reader.varint() !== ((2 << 3) | LENGTH_DELIMITED)) {
            throw new NotReadHere("a map entry without its value after the key");
        }
        const valueEnd = reader.delimited();
        if (valueEnd !== entryEnd) {
            throw new NotReadHere("a map entry with more than its key and value");
        }
        if (values.has(key)) {
            throw new NotReadHere("a key given twice");
        }
        if (key === "__proto__") {
            // google-protobuf's map keeps its entries on a plain object, whose __proto__ is no entry: it drops the key.
            throw new NotReadHere("a __proto__ key");
        }
        keys.push(key);
        values.set(key, value(reader, valueEnd));
    }
    // google-protobuf's map gives its entries in the order of their sorted keys.
    keys.sort();
    const result: Record<string, unknown> = {};
    for (const key of keys) {
        result[key] = values.get(key);
    }
    return result;
}

function value(reader: Reader, end: number): unknown {
    if (reader.pos >= end) {
        throw new NotReadHere("a Value with no kind");
    }
    const tag = reader.varint();
    let result: unknown;
    switch (tag) {
        case (1 << 3) | VARINT: // null_value
            reader.varint();
            result = null;
            break;
        case (2 << 3) | FIXED64: // number_value
            result = reader.double();
            break;
        case (3 << 3) | LENGTH_DELIMITED: // string_value
            result = reader.string();
            break;
        case (4 << 3) | VARINT: // bool_value
            result = reader.varint() !== 0;
            break;
        case (5 << 3) | LENGTH_DELIMITED: {
            // struct_value
            const structEnd = reader.delimited();
            result = struct(reader, structEnd);
            break;
        }
        case (6 << 3) | LENGTH_DELIMITED: {
            // list_value
            const listEnd = reader.delimited();
            result = list(reader, listEnd);
            break;
        }
        default:
            throw new NotReadHere(`Value field tag ${tag}`);
    }
    if (reader.pos !== end) {
        throw new NotReadHere("a Value with more than one field");
    }
    return result;
}

function list(reader: Reader, end: number): unknown[] {
    const result: unknown[] = [];
    while (reader.pos < end) {
        if (reader.varint() !== ((1 << 3) | LENGTH_DELIMITED)) {
            throw new NotReadHere("a ListValue field other than its values");
        }
        const valueEnd = reader.delimited();
        result.push(value(reader, valueEnd));
    }
    return result;
}

/** Where one length-delimited field of a message sits: its tag's first byte, and its value's bytes. */
export interface FieldSpan {
    tagStart: number;
    start: number;
    end: number;
}

/**
 * The one occurrence of length-delimited field `field` among the top-level fields of the message `bytes`;
 * undefined when it is absent. Throws `NotReadHere` when it occurs twice or with another wire type, or when a field
 * cannot be stepped over (a group, a wire type protobuf does not define, bytes cut short).
 */
export function fieldSpan(bytes: Buffer, field: number): FieldSpan | undefined {
    const reader = new Reader(bytes, 0, bytes.length);
    let found: FieldSpan | undefined;
    while (reader.pos < reader.end) {
        const tagStart = reader.pos;
        const tag = reader.varint();
        if (tag > 0xffffffff) {
            throw new NotReadHere("a tag beyond 32 bits"); // field numbers end at 2^29 - 1
        }
        const wireType = tag & 7;
        if (tag >>> 3 === field) {
            if (wireType !== LENGTH_DELIMITED || found !== undefined) {
                throw new NotReadHere(`field ${field} given twice or with wire type ${wireType}`);
            }
            const end = reader.delimited();
            found = { tagStart, start: reader.pos, end };
            reader.pos = end;
            continue;
        }
        switch (wireType) {
            case VARINT:
                reader.varint();
                break;
            case FIXED64:
                reader.pos += 8;
                break;
            case LENGTH_DELIMITED:
                reader.pos = reader.delimited();
                break;
            case FIXED32:
                reader.pos += 4;
                break;
            default:
                throw new NotReadHere(`wire type ${wireType}`);
        }
        if (reader.pos > reader.end) {
            throw new NotReadHere("a field runs past its message");
        }
    }
    return found;
}
