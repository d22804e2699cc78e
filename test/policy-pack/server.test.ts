// The pack's hooks into @pulumi/policy's gRPC server, run against the SDK's own Analyze handler (the one the
// server registers), so an SDK release that changes how it converts properties fails here.
import * as assert from "assert";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { convertingPropertiesOnce, convertOnce } from "../../policy-pack/server/propertiesConvertedOnce";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";

// The SDK and protocol copies the pack itself loads.
const fromPack = (module: string) => require(require.resolve(module, { paths: [POLICY_PACK_DIR] }));
const analyzerProto = fromPack("@pulumi/pulumi/proto/analyzer_pb");
const { Struct: PackStruct } = fromPack("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof Struct };
const { makeAnalyzeRpcFun } = fromPack(path.join("@pulumi/policy", "server")) as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: ResourceValidationPolicy[]): Handler;
};

/** The SDK's Analyze handler, as the hook receives it, and the request it handles. */
type Handler = Parameters<typeof convertingPropertiesOnce>[0];
type AnalyzeRequest = Parameters<Handler>[0]["request"];

/** An Analyze request for one azure-native WebApp, counting how often its properties are converted. */
function request(properties: Record<string, unknown>): { request: AnalyzeRequest; conversions: () => number } {
    const req = new analyzerProto.AnalyzeRequest();
    req.setType("azure-native:web:WebApp");
    req.setName("api");
    req.setUrn("urn:pulumi:dev::test::azure-native:web:WebApp::api");
    req.setProperties(PackStruct.fromJavaScript(properties as never));
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
    req.setOptions(options);
    const struct: Struct = req.getProperties();
    const convert = struct.toJavaScript;
    let conversions = 0;
    struct.toJavaScript = function () {
        conversions++;
        return convert.call(this);
    };
    return { request: req as AnalyzeRequest, conversions: () => conversions };
}

function analyze(handler: Handler, req: AnalyzeRequest): Promise<{ diagnostics: string[]; notApplicable: string[] }> {
    return new Promise((resolve, reject) =>
        handler({ request: req }, (error, response) => {
            if (error) {
                return reject(error);
            }
            const r = response as {
                getDiagnosticsList(): { getPolicyname(): string; getMessage(): string }[];
                getNotApplicableList(): { getPolicyName(): string }[];
            };
            resolve({
                diagnostics: r.getDiagnosticsList().map(d => `${d.getPolicyname()}: ${d.getMessage()}`),
                notApplicable: r.getNotApplicableList().map(n => n.getPolicyName()),
            });
        }),
    );
}

describe("the pack's hooks into the SDK's server", () => {
    describe("one conversion of a resource's properties per Analyze request", () => {
        const pack = [requireClientCertificates, clientCertificateExemptions];
        const nonCompliant = { kind: "app", clientCertEnabled: true, clientCertMode: "Optional" };

        it("converts the properties once for both of the pack's policies, where the SDK alone converts them per policy", async () => {
            const sdkAlone = request(nonCompliant);
            await analyze(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack), sdkAlone.request);
            assert.strictEqual(sdkAlone.conversions(), 2);

            const hooked = request(nonCompliant);
            await analyze(
                convertingPropertiesOnce(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                hooked.request,
            );
            assert.strictEqual(hooked.conversions(), 1);
        });

        it("gives the same verdicts and not-applicable records as the SDK alone", async () => {
            for (const properties of [
                nonCompliant,
                { kind: "app", clientCertEnabled: true, clientCertMode: "Required" },
                { kind: "app", clientCertEnabled: true, clientCertExclusionPaths: "/" },
            ]) {
                const alone = await analyze(
                    makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack),
                    request(properties).request,
                );
                const hooked = await analyze(
                    convertingPropertiesOnce(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                    request(properties).request,
                );
                assert.deepStrictEqual(hooked, alone);
            }
            const { diagnostics } = await analyze(
                convertingPropertiesOnce(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                request(nonCompliant).request,
            );
            assert.match(
                diagnostics.join("\n"),
                /^webapp-require-client-certificates: [^]*- clientCertMode is "Optional"/,
            );
        });

        it("still gives each policy its own copy of the properties, so one policy cannot change what the next sees", async () => {
            const seen: unknown[] = [];
            const writer: ResourceValidationPolicy = {
                name: "writer",
                description: "changes its properties",
                enforcementLevel: "advisory",
                validateResource: args => {
                    args.props.clientCertEnabled = false;
                    (args.props.siteConfig as { minTlsVersion: string }).minTlsVersion = "1.0";
                },
            };
            const reader: ResourceValidationPolicy = {
                name: "reader",
                description: "reads its properties",
                enforcementLevel: "advisory",
                validateResource: args => {
                    seen.push(args.props.clientCertEnabled, args.props.siteConfig.minTlsVersion);
                },
            };
            await analyze(
                convertingPropertiesOnce(makeAnalyzeRpcFun("p", "0.0.0", "advisory", [writer, reader])),
                request({ clientCertEnabled: true, siteConfig: { minTlsVersion: "1.2" } }).request,
            );
            assert.deepStrictEqual(seen, [true, "1.2"]);
        });

        it("leaves a request without properties to the SDK", () => {
            assert.doesNotThrow(() => convertOnce(undefined));
        });
    });
});
