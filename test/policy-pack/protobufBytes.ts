// Protobuf's encoding written out by hand, for bytes google-protobuf's own encoder would not write: encodings a
// conforming encoder avoids, and Structs nested deeper than a recursive encoder has stack for.
import * as assert from "assert";
import { NotReadHere, structFromWire } from "../../policy-pack/server/structWire";

export const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
        out.push((n % 0x80) | 0x80);
        n = Math.floor(n / 0x80);
    }
    out.push(n);
    return out;
};
export const tag = (field: number, wireType: number) => varint(field * 8 + wireType);
export const delimited = (field: number, bytes: number[]) => [...tag(field, 2), ...varint(bytes.length), ...bytes];
export const utf8 = (text: string) => [...Buffer.from(text, "utf8")];
export const stringValue = (text: string) => delimited(3, utf8(text));
export const entry = (key: number[], value: number[]) => delimited(1, [...delimited(1, key), ...delimited(2, value)]);

/**
 * A Struct whose containers nest `depth` deep, a Struct and a ListValue in turn: `{n: [{n: [... "leaf"]}]}`. Written
 * from the inside out, one length prefix at a time, so that no depth costs this more than its bytes.
 */
export function deepStruct(depth: number): Buffer {
    const leaf = stringValue("leaf");
    const prefixes: number[][] = [];
    let length = leaf.length;
    const prepend = (prefix: number[]) => {
        prefixes.push(prefix);
        length += prefix.length;
    };
    for (let level = depth; level >= 1; level--) {
        const isStruct = level % 2 === 1;
        if (isStruct) {
            prepend([...tag(2, 2), ...varint(length)]); // the map entry's value
            prepend(delimited(1, utf8("n"))); // its key
            prepend([...tag(1, 2), ...varint(length)]); // the entry, the Struct's one field
        } else {
            prepend([...tag(1, 2), ...varint(length)]); // the ListValue's one value
        }
        if (level > 1) {
            prepend([...tag(isStruct ? 5 : 6, 2), ...varint(length)]); // the Value holding this container
        }
    }
    return Buffer.from(prefixes.reverse().flat().concat(leaf));
}

/**
 * How many containers of {@link deepStruct}'s shape `value` nests, and what it holds at the bottom (the type of
 * anything but a string). Read without recursion, so that comparing two such values cannot run out of stack.
 */
export function deepStructShape(value: unknown): { depth: number; leaf: unknown } {
    let depth = 0;
    for (;;) {
        const isStruct = depth % 2 === 0;
        if (isStruct && typeof value === "object" && value !== null && Object.keys(value).join() === "n") {
            value = (value as { n: unknown }).n;
        } else if (!isStruct && Array.isArray(value) && value.length === 1) {
            value = value[0];
        } else {
            return { depth, leaf: typeof value === "string" ? value : typeof value };
        }
        depth++;
    }
}

/** Depths of {@link deepStruct} measured against structFromWire on this thread's stack. */
export interface WireReaderDepths {
    /** The deepest it read. */
    deepest: number;
    /**
     * A depth it reads, and one it declines, whichever of V8's tiers runs it next: their frames differ in size (on
     * Node.js 20 the optimised reader reads about 1.7 times as deep as the interpreted one), so `deepest` moves.
     */
    inside: number;
    beyond: number;
}

/** The depth up to which the deepest read is searched for, so that a reader that never declines fails the test. */
const DEPTH_BOUND = 1 << 20;

/**
 * How deep structFromWire reads (it depends on the Node.js release, its stack size and the caller's frames, so it is
 * measured): doubled from 1,000 levels until the reader declines, then halved down to the last depth it reads.
 * Asserts that it declines, with `NotReadHere`, before {@link DEPTH_BOUND}.
 */
export function wireReaderDepths(): WireReaderDepths {
    const reads = (depth: number) => {
        try {
            structFromWire(deepStruct(depth));
            return true;
        } catch (e) {
            if (e instanceof NotReadHere) {
                return false;
            }
            throw e;
        }
    };
    let read = 0;
    let declined = 1000;
    while (reads(declined)) {
        read = declined;
        declined *= 2;
        assert.ok(declined <= DEPTH_BOUND, `structFromWire still reads a Struct nested ${read} deep`);
    }
    while (declined - read > 1) {
        const middle = Math.floor((read + declined) / 2);
        if (reads(middle)) {
            read = middle;
        } else {
            declined = middle;
        }
    }
    return { deepest: read, inside: Math.floor(read / 2), beyond: 4 * read };
}
