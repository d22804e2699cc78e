// The Analyze handler of one pack, run in this process without gRPC: the CPU a pack spends per request beyond the
// SDK's server and the wire. It loads the pack's compiled entry as the engine's runner does (its own
// node_modules), takes the handlers its server registers, configures it as the engine would, then times the
// SDK's Analyze handler (with the pack's hooks) over the benchmark's WebApps, each request decoded from its bytes
// by the decoder the pack's server is given and each response encoded, as gRPC does.
//
//   node -r esbuild-register bench/inProcess.ts <pack dir> [count] [passes] [--every-rule] [--profile=<file>]
//       [--each] [--sizes]
//
// Prints the minimum and median CPU per request over the passes (`--each`: every pass, with its mandatory
// violations; `--sizes`: diagnostics and bytes per response). A profile (`--profile=out.cpuprofile`) covers the last
// pass only, after the warm-up, so start-up does not drown it. The pack's bin/ must be built; the no-op pack is
// `stageNoopPack()`'s copy (bench/policyPack.ts). On a shared machine the CPU figures swing by a third between
// runs: compare a profile's parts against the request decoding, which is the same work in every pack.
import * as fs from "fs";
import * as inspector from "inspector";
import * as path from "path";
import { webApps } from "./webApps";
import { everyRuleOn } from "./policyPack";

type Callback = (error: Error | null, response?: any) => void;
type Handler = (call: { request: unknown }, callback: Callback) => void;

const args = process.argv.slice(2);
const flags = args.filter(a => a.startsWith("--"));
const [packArg, countArg = "3000", passesArg = "5"] = args.filter(a => !a.startsWith("--"));
// Resolved against the working directory: `require` would take a relative folder for a package name.
const packDir = path.resolve(packArg);
const count = Number(countArg);
const passes = Number(passesArg);
const profileFile = flags.find(f => f.startsWith("--profile="))?.slice("--profile=".length);

const policyDir = path.dirname(require.resolve("@pulumi/policy", { paths: [packDir] }));
const fromSdk = (module: string) => require(require.resolve(module, { paths: [policyDir] }));
const grpc = fromSdk("@grpc/grpc-js");
const proto = fromSdk("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", {
        paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }))],
    }),
);

let handlers: Record<string, Handler> | undefined;
let decodeAnalyzeRequest: ((bytes: Buffer) => unknown) | undefined;
const addService = grpc.Server.prototype.addService;
grpc.Server.prototype.addService = function (
    service: { analyze: { requestDeserialize(bytes: Buffer): unknown } },
    implementation: Record<string, Handler>,
) {
    handlers = implementation;
    // The decoder the pack's server is given for Analyze requests, which gRPC calls before the handler.
    decodeAnalyzeRequest = service.analyze.requestDeserialize;
    return addService.call(this, service, implementation);
};
grpc.Server.prototype.bindAsync = () => {};
require(path.join(packDir, require(path.join(packDir, "package.json")).main));
if (handlers === undefined) {
    throw new Error(`${packDir} registered no analyzer server`);
}
const served = handlers;
const decodeRequest = decodeAnalyzeRequest!;

function call(rpc: string, request: unknown): Promise<any> {
    return new Promise((resolve, reject) =>
        served[rpc]({ request }, (error, response) => (error ? reject(error) : resolve(response))),
    );
}

async function configure(overrides: Record<string, Record<string, unknown>>): Promise<void> {
    const info = await call("getAnalyzerInfo", undefined);
    const request = new proto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const policy of info.getPoliciesList()) {
        const schema = policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
        const properties: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(schema as Record<string, { default?: unknown }>)) {
            if (value && "default" in value) {
                properties[key] = value.default;
            }
        }
        const { enforcementLevel, ...given } = overrides[policy.getName()] ?? {};
        const config = new proto.PolicyConfig();
        config.setEnforcementlevel(
            enforcementLevel === undefined
                ? policy.getEnforcementlevel()
                : proto.EnforcementLevel[String(enforcementLevel).toUpperCase()],
        );
        config.setProperties(Struct.fromJavaScript({ ...properties, ...given }));
        map.set(policy.getName(), config);
    }
    await call("configure", request);
}

function encoded(resources: ReturnType<typeof webApps>): Uint8Array[] {
    return resources.map(resource => {
        const request = new proto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        request.setProperties(Struct.fromJavaScript(resource.properties));
        const options = new proto.AnalyzerResourceOptions();
        options.setCustomtimeouts(new proto.AnalyzerResourceOptions.CustomTimeouts());
        request.setOptions(options);
        return request.serializeBinary();
    });
}

async function pass(requests: Uint8Array[]): Promise<{ micros: number; mandatory: number }> {
    let mandatory = 0;
    let responseBytes = 0;
    let diagnostics = 0;
    const before = process.cpuUsage();
    for (const bytes of requests) {
        const response = await call("analyze", decodeRequest(Buffer.from(bytes)));
        responseBytes += response.serializeBinary().length;
        diagnostics += response.getDiagnosticsList().length;
        for (const d of response.getDiagnosticsList()) {
            mandatory += d.getEnforcementlevel() === proto.EnforcementLevel.MANDATORY ? 1 : 0;
        }
    }
    const used = process.cpuUsage(before);
    if (flags.includes("--sizes")) {
        console.log(
            `${diagnostics / requests.length} diagnostics and ${responseBytes / requests.length} bytes per response`,
        );
    }
    return { micros: (used.user + used.system) / requests.length, mandatory };
}

async function main(): Promise<void> {
    await configure(flags.includes("--every-rule") ? everyRuleOn() : {});
    const warmup = encoded(webApps(200, "warmup"));
    const requests = encoded(webApps(count));
    await pass(warmup);
    const session = new inspector.Session();
    const results: number[] = [];
    for (let i = 0; i < passes; i++) {
        const profiling = profileFile !== undefined && i === passes - 1;
        if (profiling) {
            session.connect();
            await post(session, "Profiler.enable");
            await post(session, "Profiler.setSamplingInterval", { interval: 100 });
            await post(session, "Profiler.start");
        }
        const result = await pass(requests);
        if (profiling) {
            const { profile } = (await post(session, "Profiler.stop")) as { profile: unknown };
            fs.writeFileSync(profileFile!, JSON.stringify(profile));
        }
        results.push(result.micros);
        if (flags.includes("--each")) {
            console.log(`${result.micros.toFixed(1)} us/request, ${result.mandatory} mandatory`);
        }
    }
    const sorted = [...results].sort((a, b) => a - b);
    console.log(
        `${packDir}: ${count} requests x ${passes} passes, us/request min ${sorted[0].toFixed(1)} median ` +
            `${sorted[Math.floor(sorted.length / 2)].toFixed(1)}`,
    );
}

function post(session: inspector.Session, method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) =>
        session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
}

main().then(
    () => process.exit(0),
    error => {
        console.error(error);
        process.exit(1);
    },
);
