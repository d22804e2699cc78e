// ARM compares names ignoring letter case, as .NET does; the pack folds every name it compares with foldCase, and
// matches keys against a folded name with foldsTo, which skips building the folded key for an ASCII one.
import * as assert from "assert";
import * as fc from "fast-check";
import { foldCase, foldsTo } from "../../../policy-pack/arm/caseFolding";
import { member } from "../../../policy-pack/arm/members";
import { Unverifiable } from "../../../policy-pack/arm/values";

/** Letters whose case .NET's platforms or JavaScript's full mappings treat specially, and plain ones. */
const LETTERS = [
    "a",
    "A",
    "s",
    "S",
    "ſ",
    "k",
    "K",
    "\u212a",
    "i",
    "I",
    "ı",
    "İ",
    "ß",
    "σ",
    "Σ",
    "ς",
    "ᾳ",
    "ᾼ",
    "é",
    "É",
];
const names = fc.array(fc.constantFrom(...LETTERS, "_", "1"), { maxLength: 6 }).map(letters => letters.join(""));

describe("ARM name comparison", () => {
    it("matches a key against a folded name exactly as folding the key would, for any letters", () => {
        fc.assert(
            fc.property(
                names,
                names,
                (key, name) => foldsTo(key, foldCase(name)) === (foldCase(key) === foldCase(name)),
            ),
            { numRuns: 20_000 },
        );
        fc.assert(
            fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (key, name) =>
                [name, key].every(other => foldsTo(key, foldCase(other)) === (foldCase(key) === foldCase(other))),
            ),
        );
    });

    it("reads a member in any ASCII letter case, and one matched only through a non-ASCII letter as unverifiable", () => {
        assert.strictEqual(member({ CLIENTCERTMODE: "Required" }, "clientCertMode"), "Required");
        assert.ok(member({ ſtrict: true }, "strict") instanceof Unverifiable);
        assert.strictEqual(member({ clientCertModes: "Required" }, "clientCertMode"), undefined);
    });
});
