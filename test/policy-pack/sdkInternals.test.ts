// The one module that touches @pulumi/policy's internals: what it finds with the SDK the pack pins, and how it
// refuses a server it cannot hook. test/e2e/policySdkVersions.test.ts runs the whole pack with other releases.
import * as assert from "assert";
import * as path from "path";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";
import {
    hookAnalyzerServer,
    internals,
    readAtPath,
    refuseUnsupportedSdk,
    TESTED_POLICY_SDK_VERSIONS,
    UnsupportedSdkError,
} from "../../policy-pack/sdkInternals";
import { NotReadHere, structFromWire } from "../../policy-pack/server/structWire";
import { deepStruct, deepStructShape, tag, varint, wireReaderDepths } from "./protobufBytes";

// The gRPC library and protocol the SDK loads, as the pack resolves them.
const sdkDir = require.resolve("@pulumi/policy", { paths: [POLICY_PACK_DIR] });
const fromSdk = (module: string) => require(require.resolve(module, { paths: [sdkDir] }));
const { Server } = fromSdk("@grpc/grpc-js") as {
    Server: new () => { addService(service: unknown, implementation: object): void; forceShutdown(): void };
};
const { AnalyzerService } = fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
    AnalyzerService: Record<string, { requestDeserialize(bytes: Buffer): any }>;
};
const protocol = fromSdk("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", {
        paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [sdkDir] }))],
    }),
);
const proxy = fromSdk("@pulumi/policy/proxy") as {
    unknownCheckingProxy(value: object): Record<string, any>;
    unknownStringValue: string;
};

describe("the SDK's internals, behind one module", () => {
    it("finds every shape it relies on in the release the pack pins, so every hook is on and nothing is refused", () => {
        assert.deepStrictEqual(internals, {
            sdkVersion: TESTED_POLICY_SDK_VERSIONS[TESTED_POLICY_SDK_VERSIONS.length - 1],
            refusal: undefined,
            propertiesConvertedOnce: true,
            propertiesDecodedOnce: true,
            proxyTargetRead: true,
            notApplicableWithoutTrace: true,
            requestWithProperties: true,
            propertiesReadFromWire: true,
        });
        assert.doesNotThrow(() => refuseUnsupportedSdk());
    });

    it("refuses a release it cannot run with, naming the releases it supports", () => {
        assert.throws(
            () => refuseUnsupportedSdk({ ...internals, refusal: "azure-secure-webapp supports ..." }),
            (e: Error) => e instanceof UnsupportedSdkError && e.stack === `UnsupportedSdkError: ${e.message}`,
        );
    });

    it("wraps the handlers of the next Analyzer server registered, and only those", () => {
        const prototype = Object.getPrototypeOf(new Server());
        const addService = prototype.addService;
        // What grpc-js is given to serve, server by server.
        const served: Record<string, (call: unknown, callback: () => void) => void>[] = [];
        prototype.addService = function (service: unknown, implementation: Record<string, never>) {
            served.push(implementation);
            return addService.call(this, service, implementation);
        };
        const recording = prototype.addService;
        const servers = [new Server(), new Server()];
        try {
            const seen: string[] = [];
            const hooks = hookAnalyzerServer({
                analyze: handler => (call, callback) => {
                    seen.push("wrapped");
                    handler(call, callback);
                },
            });
            const implementation = () => ({ analyze: (_call: unknown, callback: () => void) => callback() });
            servers[0].addService(AnalyzerService, implementation());
            hooks.confirm();
            assert.strictEqual(prototype.addService, recording, "the hook is taken back after one server");
            servers[1].addService(AnalyzerService, implementation());
            served[0].analyze({}, () => undefined);
            served[1].analyze({}, () => undefined);
            assert.deepStrictEqual(seen, ["wrapped"]);
        } finally {
            prototype.addService = addService;
            servers.forEach(server => server.forceShutdown());
        }
    });

    it("refuses to go on when the SDK registered no handler through the hook, and takes the hook back", () => {
        const prototype = Object.getPrototypeOf(new Server());
        const addService = prototype.addService;
        const hooks = hookAnalyzerServer({ analyze: handler => handler });
        assert.notStrictEqual(prototype.addService, addService);
        assert.throws(() => hooks.confirm(), /could not hook the analyzer server of @pulumi\/policy .*It supports/);
        assert.strictEqual(prototype.addService, addService);
    });

    /** The service definition grpc-js is given for the next Analyzer server, with the pack's hook on. */
    function servedDefinition(): typeof AnalyzerService {
        const prototype = Object.getPrototypeOf(new Server());
        const addService = prototype.addService;
        let served: typeof AnalyzerService | undefined;
        prototype.addService = (service: typeof AnalyzerService) => {
            served = service;
        };
        try {
            const hooks = hookAnalyzerServer({ analyze: handler => handler });
            new Server().addService(AnalyzerService, { analyze: () => undefined });
            hooks.confirm();
        } finally {
            prototype.addService = addService;
        }
        return served!;
    }

    /**
     * An Analyze request as the engine sends it: properties, options and the provider's own properties; a Buffer of
     * properties is a Struct's bytes, written after the rest of the request.
     */
    function requestBytes(properties: unknown): Buffer {
        const request = new protocol.AnalyzeRequest();
        request.setType("azure-native:web:WebApp");
        request.setUrn("urn:pulumi:dev::shop::azure-native:web:WebApp::app");
        request.setName("app");
        if (!Buffer.isBuffer(properties)) {
            request.setProperties(Struct.fromJavaScript(properties));
        }
        const options = new protocol.AnalyzerResourceOptions();
        options.setProtect(true);
        options.setIgnorechangesList(["tags"]);
        request.setOptions(options);
        const provider = new protocol.AnalyzerProviderResource();
        provider.setType("pulumi:providers:azure-native");
        provider.setProperties(Struct.fromJavaScript({ location: "westeurope" }));
        request.setProvider(provider);
        const rest = Buffer.from(request.serializeBinary());
        return Buffer.isBuffer(properties)
            ? Buffer.concat([rest, Buffer.from([...tag(2, 2), ...varint(properties.length)]), properties])
            : rest;
    }

    it("decodes each Analyze and Remediate request as the SDK's decoder does, its properties read from their bytes", () => {
        const served = servedDefinition();
        const bytes = requestBytes({
            clientCertEnabled: true,
            siteConfig: { minTlsVersion: "1.2", appSettings: [{ name: "A", value: "é" }], http20Enabled: null },
        });
        for (const rpc of ["analyze", "remediate"]) {
            assert.notStrictEqual(served[rpc].requestDeserialize, AnalyzerService[rpc].requestDeserialize, rpc);
            const ours = served[rpc].requestDeserialize(bytes);
            const sdk = AnalyzerService[rpc].requestDeserialize(bytes);
            assert.ok(ours instanceof protocol.AnalyzeRequest, rpc);
            assert.deepStrictEqual(ours.getProperties().toJavaScript(), sdk.getProperties().toJavaScript(), rpc);
            assert.deepStrictEqual(ours.toObject(), sdk.toObject(), rpc);
            // The Struct's other methods work on the same properties, decoded when first asked.
            assert.strictEqual(ours.getProperties().getFieldsMap().get("clientCertEnabled").getBoolValue(), true);
            assert.ok(Buffer.from(ours.serializeBinary()).equals(bytes), rpc);
        }
        assert.strictEqual(
            served.analyzeStack,
            AnalyzerService.analyzeStack,
            "other RPCs are served as the SDK has them",
        );
        assert.notStrictEqual(served, AnalyzerService, "the SDK's own definition is left as it is");
    });

    it("leaves a request whose properties it does not read to the SDK's decoder, which reads them its own way", () => {
        const served = servedDefinition();
        const bytes = requestBytes({ a: "x" });
        // The same key twice, a second properties field appended: google-protobuf keeps the last of each.
        const twice = Buffer.concat([
            bytes,
            Buffer.from([0x12, 0x0a, 0x0a, 0x08, 0x0a, 0x01, 0x61, 0x12, 0x03, 0x1a, 0x01, 0x79]),
        ]);
        const sdk = AnalyzerService.analyze.requestDeserialize(twice);
        assert.deepStrictEqual(sdk.getProperties().toJavaScript(), { a: "y" });
        assert.deepStrictEqual(served.analyze.requestDeserialize(twice).getProperties().toJavaScript(), { a: "y" });
        // Bytes neither reads: the SDK's own error.
        assert.throws(() => served.analyze.requestDeserialize(Buffer.from([0x12, 0x05, 0x0a])));
    });

    it("leaves a request nested deeper than the wire reader has stack for to the SDK's decoder, with its value or its error, and reads one inside that from the wire", () => {
        const served = servedDefinition().analyze.requestDeserialize;
        const sdk = AnalyzerService.analyze.requestDeserialize;
        /** What a decoder makes of a request: the error it throws, or its properties and which decoder read them. */
        const outcome = (decode: (bytes: Buffer) => any, bytes: Buffer) => {
            try {
                const request = decode(bytes);
                const properties = request.getProperties();
                return {
                    readBy: Object.getPrototypeOf(properties) === Struct.prototype ? "google-protobuf" : "wire reader",
                    name: request.getName(),
                    options: request.getOptions()?.getIgnorechangesList(),
                    properties: deepStructShape(properties.toJavaScript()),
                };
            } catch (e) {
                return { error: (e as Error).constructor, message: (e as Error).message };
            }
        };
        const { inside, beyond } = wireReaderDepths();

        const tooDeep = deepStruct(beyond);
        assert.throws(() => structFromWire(tooDeep), NotReadHere);
        // google-protobuf's value where it has the stack for one, else its error (on Node.js 20, a RangeError).
        assert.deepStrictEqual(
            outcome(served, requestBytes(tooDeep)),
            outcome(sdk, requestBytes(tooDeep)),
            `${beyond} levels`,
        );

        assert.deepStrictEqual(outcome(served, requestBytes(deepStruct(inside))), {
            readBy: "wire reader",
            name: "app",
            options: ["tags"],
            properties: { depth: inside, leaf: "leaf" },
        });
    });

    it("reads a setting from the proxy's target as the proxy reads it, and a value unknown at preview with the SDK's own error", () => {
        const inputs = {
            siteConfig: { minTlsVersion: "1.0", ftpsState: proxy.unknownStringValue, list: ["a"] },
            httpsOnly: false,
            kind: proxy.unknownStringValue,
        };
        const props = proxy.unknownCheckingProxy(inputs);
        const throughProxy = (keys: string[]) => {
            try {
                const read = (value: any, key: string) =>
                    typeof value === "object" && value !== null && !Array.isArray(value) ? value[key] : undefined;
                return { value: keys.reduce(read, props) };
            } catch (e) {
                return { error: String(e) };
            }
        };
        const viaTarget = (keys: string[]) => {
            try {
                return { value: readAtPath(props, keys) };
            } catch (e) {
                return { error: String(e) };
            }
        };
        for (const keys of [
            ["siteConfig", "minTlsVersion"],
            ["httpsOnly"],
            ["httpsOnly", "deeper"],
            ["siteConfig", "list", "0"],
            ["missing", "minTlsVersion"],
            ["siteConfig", "ftpsState"],
            ["kind"],
            ["kind", "deeper"],
        ]) {
            assert.deepStrictEqual(viaTarget(keys), throughProxy(keys), keys.join("."));
        }
        assert.deepStrictEqual(viaTarget(["siteConfig", "minTlsVersion"]), { value: "1.0" });
        assert.match(
            viaTarget(["siteConfig", "ftpsState"]).error ?? "",
            /siteConfig\.ftpsState can't be known during preview/,
        );
        // A plain object (a policy called directly, outside the SDK) is read as it is.
        assert.strictEqual(readAtPath(inputs, ["siteConfig", "minTlsVersion"]), "1.0");
    });
});
