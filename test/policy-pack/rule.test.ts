import * as assert from "assert";
import {
    assessClientCertificates,
    AZURE_DEFAULTS,
    ClientCertificateSettings,
    disallowedExclusionPaths,
    OneOf,
    splitExclusionPaths,
    UnsetDefaults,
} from "../../policy-pack/rule/clientCertificates";
import { UNKNOWN, UnknownValueError, unknownCheckingProxy } from "./support";

/** Settings over a plain bag, read through the SDK's proxy so the sentinel behaves as at preview. */
function settings(bag: Record<string, unknown>, withFlag = true): ClientCertificateSettings {
    const props = unknownCheckingProxy(bag);
    return {
        enabled: withFlag ? () => props.enabled : undefined,
        mode: () => props.mode,
        exclusionPaths: () => props.paths,
    };
}

const compliant = { enabled: true, mode: "Required", paths: undefined };

function failing(
    bag: Record<string, unknown>,
    allowed: string[] = [],
    withFlag = true,
    defaults: UnsetDefaults = AZURE_DEFAULTS,
) {
    return assessClientCertificates(settings({ ...compliant, ...bag }, withFlag), defaults, allowed).findings.map(
        f => f.setting,
    );
}

/** A provider that documents Optional as the mode's default, as classic function apps do. */
const optionalByDefault: UnsetDefaults = { source: "@pulumi/azure's", enabled: false, mode: "Optional" };

describe("the client-certificate rule (CIS Azure 9.4)", () => {
    it("passes an app with certificates enabled, mode Required and no exclusion paths", () => {
        const assessment = assessClientCertificates(settings(compliant), AZURE_DEFAULTS, []);
        assert.deepStrictEqual(assessment.findings, []);
        assert.strictEqual(assessment.unknown, undefined);
    });

    it("passes an enabled app whose mode is unset, because Azure's default mode is Required", () => {
        assert.deepStrictEqual(failing({ mode: undefined }), []);
        assert.deepStrictEqual(failing({ mode: null }), []);
    });

    it("fails an enabled app whose mode is unset where the provider's default mode is Optional", () => {
        const assessment = assessClientCertificates(settings({ ...compliant, mode: undefined }), optionalByDefault, []);
        assert.deepStrictEqual(assessment.findings, [{ setting: "mode", found: undefined, unsetBecomes: "Optional" }]);
        assert.deepStrictEqual(failing({ mode: "Required" }, [], true, optionalByDefault), []);
    });

    it("records an unset flag as Azure's default, off", () => {
        const assessment = assessClientCertificates(settings({ ...compliant, enabled: undefined }), AZURE_DEFAULTS, []);
        assert.deepStrictEqual(assessment.findings, [{ setting: "enabled", found: undefined, unsetBecomes: false }]);
    });

    it("fails a type with no client-certificate setting at all, since Azure creates it with certificates off", () => {
        const assessment = assessClientCertificates({}, AZURE_DEFAULTS, []);
        assert.deepStrictEqual(assessment.findings, [{ setting: "enabled", found: undefined, unsetBecomes: false }]);
    });

    it("fails a disabled app even though its mode is Required", () => {
        assert.deepStrictEqual(failing({ enabled: false }), ["enabled"]);
    });

    it("fails an app whose flag is absent, because Azure creates apps with client certificates off", () => {
        assert.deepStrictEqual(failing({ enabled: undefined }), ["enabled"]);
    });

    it('fails a flag that is the string "true" rather than the boolean', () => {
        assert.deepStrictEqual(failing({ enabled: "true" }), ["enabled"]);
    });

    it("fails mode Optional (portal Allow) and OptionalInteractiveUser (portal Optional)", () => {
        assert.deepStrictEqual(failing({ mode: "Optional" }), ["mode"]);
        assert.deepStrictEqual(failing({ mode: "OptionalInteractiveUser" }), ["mode"]);
    });

    it("fails a mode spelled in another case, since only the API value Required is accepted", () => {
        assert.deepStrictEqual(failing({ mode: "required" }), ["mode"]);
    });

    it("requires the mode to be exactly Required when the resource has no enabled flag, an unset mode leaving certificates off", () => {
        assert.deepStrictEqual(failing({ mode: undefined }, [], false), ["mode"]);
        assert.strictEqual(
            assessClientCertificates(settings({ mode: undefined }, false), AZURE_DEFAULTS, []).findings[0].unsetBecomes,
            "off",
        );
        assert.deepStrictEqual(failing({ mode: "Required" }, [], false), []);
    });

    it("reports every failing setting of a fully non-compliant app", () => {
        assert.deepStrictEqual(failing({ enabled: false, mode: "Optional", paths: "/api" }), [
            "enabled",
            "mode",
            "exclusionPaths",
        ]);
    });

    it("fails any exclusion path when none is allowed", () => {
        assert.deepStrictEqual(failing({ paths: "/health" }), ["exclusionPaths"]);
    });

    it("passes exclusion paths that are all in the allow-list, separated by commas or semicolons", () => {
        assert.deepStrictEqual(failing({ paths: " /health ; /webhook,, " }, ["/health", "/webhook"]), []);
    });

    it("never allows the whole site, even when the config lists /", () => {
        assert.deepStrictEqual(failing({ paths: "/" }, ["/"]), ["exclusionPaths"]);
    });

    it("treats an empty exclusion-paths string as no exclusions", () => {
        assert.deepStrictEqual(failing({ paths: " ; , " }), []);
    });

    it("fails an exclusion-paths value that is not a string", () => {
        assert.deepStrictEqual(failing({ paths: ["/health"] }, ["/health"]), ["exclusionPaths"]);
    });

    it("names only the disallowed prefixes", () => {
        assert.deepStrictEqual(disallowedExclusionPaths("/health;/admin;/", ["/health"]), ["/admin", "/"]);
        assert.deepStrictEqual(splitExclusionPaths(" a ;b,,c "), ["a", "b", "c"]);
    });

    it("keeps a definite violation when another setting is unknown at preview", () => {
        const assessment = assessClientCertificates(settings({ enabled: false, mode: UNKNOWN }), AZURE_DEFAULTS, []);
        assert.deepStrictEqual(
            assessment.findings.map(f => f.setting),
            ["enabled"],
        );
        assert.deepStrictEqual(assessment.unknownSettings, ["mode"]);
    });

    it("records an unknown setting as the engine's unknown-value error, never as a pass", () => {
        const assessment = assessClientCertificates(settings({ ...compliant, enabled: UNKNOWN }), AZURE_DEFAULTS, []);
        assert.deepStrictEqual(assessment.findings, []);
        assert.ok(assessment.unknown instanceof UnknownValueError);
    });

    it("lets any other error from reading a setting propagate", () => {
        const broken: ClientCertificateSettings = {
            mode: () => {
                throw new TypeError("boom");
            },
        };
        assert.throws(() => assessClientCertificates(broken, AZURE_DEFAULTS, []), TypeError);
    });

    it("passes a setting that is one of several values when every one complies, and otherwise records it as undecided", () => {
        const undecided = { why: "the condition is known only at deployment" };
        const assess = (mode: unknown[], enabled: unknown[] = [true]) =>
            assessClientCertificates(
                { enabled: () => new OneOf(enabled, undecided), mode: () => new OneOf(mode, undecided) },
                AZURE_DEFAULTS,
                [],
            ).findings;
        assert.deepStrictEqual(assess(["Required", null]), []);
        assert.deepStrictEqual(assess(["Required", "Optional"]), [{ setting: "mode", found: undecided }]);
        assert.deepStrictEqual(assess(["Required"], [true, null]), [{ setting: "enabled", found: undecided }]);
    });
});
