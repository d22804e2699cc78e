import * as assert from "assert";
import { assessClientCertificates, ClientCertificateSettings, disallowedExclusionPaths, splitExclusionPaths } from "../../policy-pack/rule/clientCertificates";
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

function failing(bag: Record<string, unknown>, allowed: string[] = [], withFlag = true) {
    return assessClientCertificates(settings({ ...compliant, ...bag }, withFlag), allowed).findings.map(f => f.setting);
}

describe("the client-certificate rule (CIS Azure 9.4)", () => {
    it("passes an app with certificates enabled, mode Required and no exclusion paths", () => {
        const assessment = assessClientCertificates(settings(compliant), []);
        assert.deepStrictEqual(assessment.findings, []);
        assert.strictEqual(assessment.unknown, undefined);
    });

    it("passes an enabled app whose mode is unset, because Azure's default mode is Required", () => {
        assert.deepStrictEqual(failing({ mode: undefined }), []);
        assert.deepStrictEqual(failing({ mode: null }), []);
    });

    it("fails a disabled app even though its mode is Required", () => {
        assert.deepStrictEqual(failing({ enabled: false }), ["enabled"]);
    });

    it("fails an app whose flag is absent, because Azure creates apps with client certificates off", () => {
        assert.deepStrictEqual(failing({ enabled: undefined }), ["enabled"]);
    });

    it("fails a flag that is the string \"true\" rather than the boolean", () => {
        assert.deepStrictEqual(failing({ enabled: "true" }), ["enabled"]);
    });

    it("fails mode Optional (portal Allow) and OptionalInteractiveUser (portal Optional)", () => {
        assert.deepStrictEqual(failing({ mode: "Optional" }), ["mode"]);
        assert.deepStrictEqual(failing({ mode: "OptionalInteractiveUser" }), ["mode"]);
    });

    it("fails a mode spelled in another case, since only the API value Required is accepted", () => {
        assert.deepStrictEqual(failing({ mode: "required" }), ["mode"]);
    });

    it("requires the mode to be exactly Required when the resource has no enabled flag", () => {
        assert.deepStrictEqual(failing({ mode: undefined }, [], false), ["mode"]);
        assert.deepStrictEqual(failing({ mode: "Required" }, [], false), []);
    });

    it("reports every failing setting of a fully non-compliant app", () => {
        assert.deepStrictEqual(failing({ enabled: false, mode: "Optional", paths: "/api" }), ["enabled", "mode", "exclusionPaths"]);
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
        const assessment = assessClientCertificates(settings({ enabled: false, mode: UNKNOWN }), []);
        assert.deepStrictEqual(assessment.findings.map(f => f.setting), ["enabled"]);
        assert.deepStrictEqual(assessment.unknownSettings, ["mode"]);
    });

    it("records an unknown setting as the engine's unknown-value error, never as a pass", () => {
        const assessment = assessClientCertificates(settings({ ...compliant, enabled: UNKNOWN }), []);
        assert.deepStrictEqual(assessment.findings, []);
        assert.ok(assessment.unknown instanceof UnknownValueError);
    });

    it("lets any other error from reading a setting propagate", () => {
        const broken: ClientCertificateSettings = { mode: () => { throw new TypeError("boom"); } };
        assert.throws(() => assessClientCertificates(broken, []), TypeError);
    });
});
