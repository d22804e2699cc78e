// ARM compares names ignoring letter case, as .NET does; the pack folds every name it compares with foldCase, and
// compares two names with sameFolded, which builds no folded name while both are ASCII.
import * as assert from "assert";
import * as fc from "fast-check";
import { foldCase, sameFolded } from "../../../policy-pack/arm/caseFolding";
import { member } from "../../../policy-pack/arm/members";
import { Unverifiable } from "../../../policy-pack/arm/values";
import { sweep } from "../../sweep";

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
    it("compares two names exactly as folding both would, for any letters", () => {
        fc.assert(
            fc.property(names, names, (key, name) => sameFolded(key, name) === (foldCase(key) === foldCase(name))),
            { numRuns: sweep(20_000) },
        );
        fc.assert(
            fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (key, name) =>
                [name, key, key.toUpperCase()].every(
                    other => sameFolded(key, other) === (foldCase(key) === foldCase(other)),
                ),
            ),
        );
    });

    it("reads a member in any ASCII letter case, and one matched only through a non-ASCII letter as unverifiable", () => {
        assert.strictEqual(member({ CLIENTCERTMODE: "Required" }, "clientCertMode"), "Required");
        assert.ok(member({ ſtrict: true }, "strict") instanceof Unverifiable);
        assert.strictEqual(member({ clientCertModes: "Required" }, "clientCertMode"), undefined);
    });
});
