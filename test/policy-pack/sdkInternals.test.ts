// The one module that touches @pulumi/policy's internals: what it finds with the SDK the pack pins, and how it
// refuses a server it cannot hook. test/e2e/policySdkVersions.test.ts runs the whole pack with other releases.
import * as assert from "assert";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";
import {
    hookAnalyzerServer,
    internals,
    readAtPath,
    refuseUnsupportedSdk,
    TESTED_POLICY_SDK_VERSIONS,
    UnsupportedSdkError,
} from "../../policy-pack/sdkInternals";

// The gRPC library and protocol the SDK loads, as the pack resolves them.
const fromSdk = (module: string) =>
    require(require.resolve(module, { paths: [require.resolve("@pulumi/policy", { paths: [POLICY_PACK_DIR] })] }));
const { Server } = fromSdk("@grpc/grpc-js") as {
    Server: new () => { addService(service: unknown, implementation: object): void; forceShutdown(): void };
};
const { AnalyzerService } = fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: unknown };
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
