// The one judgement of an exclusion path that the component and the pack's allow-list share, and the pattern the
// engine validates the allow-list with, which must accept exactly the paths the judgement accepts.
import * as assert from "assert";
import * as fc from "fast-check";
import { posix } from "path";
import { EXCLUSION_PATH_PATTERN, exclusionPathProblem, normalisedPath } from "../../policy-pack/rule/exclusionPaths";
import { sweep } from "../sweep";

/** Strings built from the characters that matter to a path: separators, dots, encodings, blanks, wildcards. */
const anyCharacters = fc
    .array(
        fc.constantFrom(
            "/",
            "/",
            ".",
            "a",
            "b",
            "*",
            "?",
            "%",
            "2F",
            "\\",
            " ",
            "\t",
            ",",
            ";",
            "\u00a0",
            "é",
            "\u0001",
            "~",
        ),
        { maxLength: 8 },
    )
    .map(parts => parts.join(""));
/** Paths of plain segments, dots and slashes only, where normalisation alone decides. */
const plainCharacters = fc.array(fc.constantFrom("/", ".", "..", "a"), { maxLength: 8 }).map(parts => parts.join(""));
const pathLike = fc.oneof(anyCharacters, plainCharacters);

describe("exclusion paths: one judgement for the component and the allow-list", () => {
    it("normalises an absolute path exactly as POSIX does", () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom("/", ".", "..", "a", "b"), { maxLength: 10 }), parts => {
                const path = "/" + parts.join("");
                assert.strictEqual(normalisedPath(path), posix.normalize(path), path);
            }),
            { numRuns: sweep(3000) },
        );
    });

    it("has a pattern for the engine that accepts exactly the paths it accepts (plain and unicode regular expressions)", () => {
        fc.assert(
            fc.property(pathLike, path => {
                const accepted = exclusionPathProblem(path) === undefined;
                assert.strictEqual(new RegExp(EXCLUSION_PATH_PATTERN).test(path), accepted, JSON.stringify(path));
                assert.strictEqual(new RegExp(EXCLUSION_PATH_PATTERN, "u").test(path), accepted, JSON.stringify(path));
            }),
            { numRuns: sweep(5000) },
        );
    });

    it("never accepts a path that normalises to /, the whole site", () => {
        fc.assert(
            fc.property(pathLike, path => {
                if (normalisedPath("/" + path.trim()) === "/") {
                    assert.notStrictEqual(exclusionPathProblem(path), undefined, JSON.stringify(path));
                }
            }),
            { numRuns: sweep(5000) },
        );
    });

    for (const path of ["/", "//", "/.", "/..", "/./", "/health/..", "a/../.."]) {
        it(`refuses ${JSON.stringify(path)}, which amounts to / and so turns certificates off for the whole site`, () => {
            assert.match(exclusionPathProblem(path)!.required, /whole site/);
        });
    }

    for (const [path, why] of [
        ["/*", /wildcards/],
        ["/api/?", /wildcards/],
        ["\\", /backslash/],
        ["/%2F", /percent-encoding/],
        ["/caf\u00e9", /printable ASCII/],
        ["/a\u0001", /printable ASCII/],
        ["/a;/b", /one path prefix/],
    ] as [string, RegExp][]) {
        it(`refuses ${JSON.stringify(path)}, whose meaning is not one literal prefix, saying why`, () => {
            assert.match(exclusionPathProblem(path)!.required, why);
        });
    }

    for (const [path, meant] of [
        ["//health", "/health"],
        ["/hooks/../health/", "/health/"],
        ["health", "/health"],
        [" /health", "/health"],
    ]) {
        it(`offers ${JSON.stringify(meant)} as the fix for ${JSON.stringify(path)}, and accepts the fix`, () => {
            assert.strictEqual(
                exclusionPathProblem(path)!.fix.endsWith(`write it as ${JSON.stringify(meant)}`),
                true,
                exclusionPathProblem(path)!.fix,
            );
            assert.strictEqual(exclusionPathProblem(meant), undefined);
        });
    }

    it("accepts ordinary prefixes: dotted segment names and a trailing slash", () => {
        for (const path of ["/health", "/.well-known/acme-challenge", "/hooks/", "/v1.2/status", "/...", "/..a"]) {
            assert.strictEqual(exclusionPathProblem(path), undefined, path);
        }
    });
});
