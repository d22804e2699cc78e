// The one module that touches what @pulumi/policy, @grpc/grpc-js and google-protobuf keep private. The rest of the
// pack never does: it calls the functions below, which work whatever shape a release gives those internals.
//
// At load this checks every shape it relies on (`internals`). A hook that only saves work falls back to the SDK's
// own path when its shape is not recognised: slower, still correct. The server hook is not an optimisation (the
// config check and each request's context depend on it), so without it `refuseUnsupportedSdk` stops the pack
// before it serves anything, with a message naming the versions it supports.
import * as path from "path";
import type { UnknownValueError as SdkUnknownValueError } from "@pulumi/policy";
import { fieldSpan, structFromWire } from "./server/structWire";

/**
 * The @pulumi/policy releases the pack is tested with: test/e2e/sdkVersions.test.ts runs the pack's protocol
 * tests against each. package.json pins the newest.
 */
export const TESTED_POLICY_SDK_VERSIONS = ["1.20.0", "1.21.0"] as const;

/** The oldest release the pack starts with: earlier ones drop the severity and CIS reference the engine shows. */
const OLDEST_SUPPORTED = [1, 20, 0];

/** The analyzer protocol's value for an input unknown at preview (the engine sends it for every type). */
const WIRE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Callback = (error: Error | null, response?: unknown) => void;
export type Handler<Request> = (call: { request: Request }, callback: Callback) => void;

/** Given the SDK's handler of one RPC, returns the handler served; `Request` is the part of the request it reads. */
export type HandlerWrapper<Request> = (handler: Handler<Request>) => Handler<Request>;

interface GrpcServerClass {
    prototype: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

/** Where @pulumi/policy itself resolves a module: whichever copy npm installed for it. */
function fromPolicySdk(module: string): unknown {
    return require(require.resolve(module, { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
}

function tryLoad<T>(load: () => T): T | undefined {
    try {
        return load();
    } catch {
        return undefined;
    }
}

/** The shapes found at load, and which hooks are on. */
export interface SdkInternals {
    /** @pulumi/policy's version, as its package.json gives it (without a leading "v"). */
    readonly sdkVersion: string;
    /** Why the pack cannot start with this SDK: a version it does not support or a server it cannot hook. */
    readonly refusal?: string;
    /** Each Analyze request's properties converted once for every policy (else once per policy, as the SDK does). */
    readonly propertiesConvertedOnce: boolean;
    /**
     * Each Analyze request's properties decoded once, the one decoded value shared by every policy of the request
     * (else each policy gets its own decoded copy, as the SDK gives it).
     */
    readonly propertiesDecodedOnce: boolean;
    /** Inputs copied from the proxy's target, with the SDK's unknown-value sentinels (else read through the proxy). */
    readonly proxyTargetRead: boolean;
    /** Not-applicable results recorded without capturing a stack trace (else with one, as the SDK does). */
    readonly notApplicableWithoutTrace: boolean;
    /**
     * An Analyze request's context travels with its decoded properties, which every policy of the request reads
     * through the SDK's proxy (else the server keeps it in an AsyncLocalStorage, whose hooks cost every promise of
     * the process).
     */
    readonly requestWithProperties: boolean;
    /**
     * Each Analyze request's properties read from its bytes straight into the value the SDK converts them to (else
     * google-protobuf decodes them into a message object for every value first, as the SDK's server has it).
     */
    readonly propertiesReadFromWire: boolean;
}

const proxyModule: Readonly<Record<string, unknown>> =
    tryLoad(() => fromPolicySdk("@pulumi/policy/proxy") as Record<string, unknown>) ?? {};
const deserializeModule = tryLoad(
    () =>
        fromPolicySdk("@pulumi/policy/deserialize") as {
            deserializeProperties?(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
        },
);
const grpcServer = tryLoad(() => (fromPolicySdk("@grpc/grpc-js") as { Server?: GrpcServerClass }).Server);
/** The protocol module the SDK's server decodes requests with, and the google-protobuf that module uses. */
const protocol = tryLoad(() => {
    const sdkDir = path.dirname(require.resolve("@pulumi/policy"));
    const analyzerPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [sdkDir] });
    const fromProtocol = (module: string) =>
        require(require.resolve(module, { paths: [path.dirname(analyzerPath)] })) as Record<string, any>;
    return {
        analyzer: require(analyzerPath) as Record<string, any>,
        struct: fromProtocol("google-protobuf/google/protobuf/struct_pb"),
        protobuf: fromProtocol("google-protobuf"),
    };
});
const structClass = protocol?.struct.Struct as
    { fromJavaScript(value: unknown): { toJavaScript(): unknown; serializeBinary(): Uint8Array } } | undefined;

/**
 * The error the SDK's proxy throws for an input unknown at preview, which its server reports as an advisory. The
 * pack catches it to tell "unknown until the update" from a verdict. @pulumi/policy exports it publicly only from
 * 1.21.0 on; its proxy module has it in every supported release.
 */
export const UnknownValueError = (
    typeof proxyModule.UnknownValueError === "function" ? proxyModule.UnknownValueError : class extends Error {}
) as typeof SdkUnknownValueError;
export type UnknownValueError = SdkUnknownValueError;

/** The proxy the SDK's server wraps a resource's inputs in. */
const unknownCheckingProxy =
    typeof proxyModule.unknownCheckingProxy === "function"
        ? (proxyModule.unknownCheckingProxy as (value: object) => Record<string, unknown>)
        : undefined;

/** The key that gives a proxy's target, when reading it does. */
const targetKey = tryLoad((): string | undefined => {
    const key = proxyModule.getSpecialProxyTarget;
    const target = { probe: 1 };
    return typeof key === "string" && unknownCheckingProxy?.(target)[key] === target ? key : undefined;
});

/** The values the SDK's proxy refuses to read as unknown: every string it exports that it treats so. */
const unknownSentinels: ReadonlySet<string> = new Set(
    Object.values(proxyModule).filter(
        (value): value is string => typeof value === "string" && readThrowsUnknown(value),
    ),
);

function readThrowsUnknown(value: unknown): boolean {
    try {
        void unknownCheckingProxy?.({ value }).value;
        return false;
    } catch (e) {
        return e instanceof UnknownValueError;
    }
}

/**
 * Whether the pack may copy inputs from the proxy's target: the engine's unknown value, as the SDK decodes it,
 * must be one of the sentinels found, or a copy would read an unknown input as a string.
 */
function proxyTargetReadable(): boolean {
    if (targetKey === undefined || structClass === undefined || !deserializeModule?.deserializeProperties) {
        return false;
    }
    const decoded = deserializeModule.deserializeProperties(structClass.fromJavaScript({ value: WIRE_UNKNOWN }), false);
    return unknownSentinels.has(decoded.value as string);
}

/**
 * Whether converting a request's properties once is safe: the SDK must still make each policy its own copy of the
 * converted value, so that no policy sees what another did to its properties.
 */
function conversionSharable(): boolean {
    if (structClass === undefined || !deserializeModule?.deserializeProperties) {
        return false;
    }
    const struct = structClass.fromJavaScript({ site: { clientCertEnabled: true } });
    if (typeof struct.toJavaScript !== "function") {
        return false;
    }
    convertStructOnce(struct);
    const first = deserializeModule.deserializeProperties(struct, false);
    const second = deserializeModule.deserializeProperties(struct, false);
    return first !== second && first.site !== second.site && first.site !== undefined;
}

/** The mark an Analyze request's properties carry: their decoded value, once a policy has asked for it. */
const DECODED_ONCE = Symbol("the request's properties, decoded once for every policy");
type MarkedStruct = { [DECODED_ONCE]?: { value?: Record<string, unknown>; request?: object } };

/** The request a decoded value belongs to: a non-enumerable key of its own, which no copy or listing of it shows. */
const REQUEST = Symbol("the request whose properties these are");

/**
 * Makes the SDK's `deserializeProperties` decode a marked request's properties once and hand every policy that one
 * value; an unmarked one (Remediate, whose policies pass their changes on, and everything else) is decoded as the
 * SDK does. The server calls it through its module's exports, so replacing the export is seen; false when the
 * export cannot be replaced. Sharing is safe because every policy of this pack only reads its properties in
 * validation (test/policy-pack/properties.test.ts holds each of them to that).
 */
function shareDecoding(): boolean {
    const sdkDecode = deserializeModule?.deserializeProperties;
    const descriptor = deserializeModule && Object.getOwnPropertyDescriptor(deserializeModule, "deserializeProperties");
    if (typeof sdkDecode !== "function" || !(descriptor?.writable || descriptor?.set)) {
        return false;
    }
    deserializeModule!.deserializeProperties = function (struct: unknown, proxySecrets: boolean) {
        const shared =
            !proxySecrets && typeof struct === "object" && struct !== null
                ? (struct as MarkedStruct)[DECODED_ONCE]
                : undefined;
        if (shared === undefined) {
            return sdkDecode.call(this, struct, proxySecrets);
        }
        if (shared.value === undefined) {
            shared.value = sdkDecode.call(this, struct, proxySecrets);
            if (shared.request !== undefined) {
                Object.defineProperty(shared.value, REQUEST, { value: shared.request });
            }
        }
        return shared.value;
    };
    return true;
}

/**
 * Whether a request marked on its properties can be found again from what a policy gets: the SDK's proxy over the
 * one decoded value, whose target gives that value and its request.
 */
function requestTravels(): boolean {
    if (!internals0.propertiesDecodedOnce || !internals0.proxyTargetRead || structClass === undefined) {
        return false;
    }
    const struct = structClass.fromJavaScript({ site: { clientCertEnabled: true } });
    const request = {};
    (struct as MarkedStruct)[DECODED_ONCE] = { request };
    const props = unknownCheckingProxy!(deserializeModule!.deserializeProperties!(struct, false));
    return (
        requestOn(props[targetKey!]) === request &&
        Object.keys(props).join() === "site" &&
        JSON.stringify(props) === '{"site":{"clientCertEnabled":true}}'
    );
}

function versionOf(): string {
    const raw = tryLoad(() => (fromPolicySdk("@pulumi/policy/package.json") as { version?: string }).version);
    return typeof raw === "string" ? raw.replace(/^v/, "") : "unknown";
}

function refusalFor(version: string): string | undefined {
    const supported =
        `azure-secure-webapp supports @pulumi/policy ${OLDEST_SUPPORTED.join(".")} and later 1.x releases ` +
        `(tested: ${TESTED_POLICY_SDK_VERSIONS.join(", ")})`;
    const fix = `Fix: install a tested release in the pack's folder, e.g. npm install --save-exact @pulumi/policy@${
        TESTED_POLICY_SDK_VERSIONS[TESTED_POLICY_SDK_VERSIONS.length - 1]
    }.`;
    const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
    if (parts === undefined || parts[0] !== OLDEST_SUPPORTED[0] || compare(parts, OLDEST_SUPPORTED) < 0) {
        return `${supported}; found ${version}. ${fix}`;
    }
    if (typeof proxyModule.UnknownValueError !== "function") {
        return (
            `${supported}; ${version} has no UnknownValueError in its proxy module, so the pack could not tell an ` +
            `input unknown at preview from a wrong one. ${fix}`
        );
    }
    if (typeof grpcServer?.prototype?.addService !== "function") {
        return (
            `${supported}; with ${version}, the gRPC server it starts has no Server.prototype.addService to hook, ` +
            `so the pack could not check its config or keep each request's state apart. ${fix}`
        );
    }
    return undefined;
}

function compare(a: number[], b: number[]): number {
    for (let i = 0; i < b.length; i++) {
        if (a[i] !== b[i]) {
            return a[i] - b[i];
        }
    }
    return 0;
}

/** AnalyzeRequest's `properties`, in the analyzer protocol (pulumi/pulumi's `proto/pulumi/analyzer.proto`). */
const PROPERTIES_FIELD = 2;

/** Given the SDK's decoder of an Analyze request's bytes, the one the server is given instead. */
type RequestDecoder = (bytes: Buffer) => unknown;

/**
 * Makes the decoder of Analyze requests read their properties from the wire (server/structWire.ts) into the value
 * `toJavaScript()` gives, and the rest of the request with the protocol's own classes: google-protobuf builds a
 * message object for every value of the properties first, which is most of what a request costs. The properties are
 * a Struct of the protocol's class whose `toJavaScript()` gives that value (it is converted once, as
 * `propertiesConvertedOnce` makes every request's), and whose other methods decode its bytes with google-protobuf on
 * first use. A request the wire reader leaves (see structWire.ts) is decoded by the SDK's decoder.
 */
function wireRequestDecoder(): ((sdkDecoder: RequestDecoder) => RequestDecoder) | undefined {
    const { AnalyzeRequest } = protocol?.analyzer ?? {};
    const BinaryReader = protocol?.protobuf.BinaryReader;
    const Struct = protocol?.struct.Struct;
    if (
        typeof AnalyzeRequest?.deserializeBinaryFromReader !== "function" ||
        typeof AnalyzeRequest.prototype.getProperties !== "function" ||
        typeof BinaryReader !== "function" ||
        typeof Struct?.deserializeBinary !== "function"
    ) {
        return undefined;
    }
    const WIRE = Symbol("the properties' bytes");
    const DECODED = Symbol("the properties decoded by google-protobuf");
    const VALUE = Symbol("the properties read from the wire");
    const PROPERTIES = Symbol("the request's properties");
    class PropertiesFromWire extends (Struct as new () => Record<PropertyKey, any>) {
        constructor(wire: Buffer, value: Record<string, unknown>) {
            super();
            this[WIRE] = wire;
            this[VALUE] = value;
        }
        toJavaScript() {
            return this[VALUE];
        }
    }
    // Every other method of the Struct works on the message google-protobuf decodes from the same bytes.
    for (
        let prototype = Struct.prototype;
        prototype !== Object.prototype;
        prototype = Object.getPrototypeOf(prototype)
    ) {
        for (const name of Object.getOwnPropertyNames(prototype)) {
            const method = Object.getOwnPropertyDescriptor(prototype, name)?.value;
            if (
                name === "constructor" ||
                typeof method !== "function" ||
                Object.prototype.hasOwnProperty.call(PropertiesFromWire.prototype, name)
            ) {
                continue;
            }
            Object.defineProperty(PropertiesFromWire.prototype, name, {
                value: function (this: Record<PropertyKey, any>, ...args: unknown[]) {
                    this[DECODED] ??= Struct.deserializeBinary(this[WIRE]);
                    return this[DECODED][name](...args);
                },
                writable: true,
                configurable: true,
            });
        }
    }
    class RequestFromWire extends (AnalyzeRequest as new () => Record<PropertyKey, any>) {
        getProperties() {
            return this[PROPERTIES];
        }
        setProperties(value: unknown) {
            this[PROPERTIES] = value;
            return this;
        }
        hasProperties() {
            return this[PROPERTIES] !== undefined && this[PROPERTIES] !== null;
        }
        clearProperties() {
            return this.setProperties(undefined);
        }
    }
    return sdkDecoder => bytes => {
        try {
            const span = fieldSpan(bytes, PROPERTIES_FIELD);
            if (span !== undefined) {
                const properties = new PropertiesFromWire(
                    bytes.subarray(span.start, span.end),
                    structFromWire(bytes, span.start, span.end),
                );
                const rest = Buffer.concat([bytes.subarray(0, span.tagStart), bytes.subarray(span.end)]);
                const request = new RequestFromWire();
                AnalyzeRequest.deserializeBinaryFromReader(request, new BinaryReader(rest));
                return request.setProperties(properties);
            }
        } catch {
            // Left to the SDK's decoder, which decodes it or throws its own error.
        }
        return sdkDecoder(bytes);
    };
}

/**
 * Whether requests may be decoded by {@link wireRequestDecoder}: each value it shares must be shared safely (the
 * `toJavaScript` hook's check), and a request with properties of every kind, keys out of order, text beyond ASCII,
 * options and a provider must come out as the SDK's decoder gives it.
 */
function wireDecoding(): ((sdkDecoder: RequestDecoder) => RequestDecoder) | undefined {
    const decoder = internals0.propertiesConvertedOnce ? wireRequestDecoder() : undefined;
    const { AnalyzeRequest, AnalyzerResourceOptions, AnalyzerProviderResource } = protocol?.analyzer ?? {};
    if (decoder === undefined || structClass === undefined) {
        return undefined;
    }
    const request = new AnalyzeRequest();
    request.setType("azure-native:web:WebApp");
    request.setUrn("urn:pulumi:dev::p::azure-native:web:WebApp::app");
    request.setName("app");
    request.setProperties(
        structClass.fromJavaScript({
            zeta: [1.5, -0, null, true, "", { b: "é😀", a: [] }],
            alpha: { nested: { clientCertEnabled: false }, empty: {} },
            "": "\ufeffkey",
        }),
    );
    const options = new AnalyzerResourceOptions();
    options.setProtect(true);
    options.setIgnorechangesList(["tags", "siteConfig"]);
    request.setOptions(options);
    const provider = new AnalyzerProviderResource();
    provider.setType("pulumi:providers:azure-native");
    provider.setProperties(structClass.fromJavaScript({ location: "westeurope" }));
    request.setProvider(provider);
    const bytes = Buffer.from(request.serializeBinary());
    const sdkDecoder = (b: Buffer) => AnalyzeRequest.deserializeBinary(b);
    const [ours, sdk] = [decoder(sdkDecoder)(bytes), sdkDecoder(bytes)] as Record<string, any>[];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const fields = (r: Record<string, any>) => [
        r.getType(),
        r.getUrn(),
        r.getName(),
        r.getOptions()?.getIgnorechangesList(),
        r.getProvider()?.getProperties()?.toJavaScript(),
    ];
    return ours !== sdk &&
        ours instanceof AnalyzeRequest &&
        same(ours.getProperties().toJavaScript(), sdk.getProperties().toJavaScript()) &&
        same(fields(ours), fields(sdk))
        ? decoder
        : undefined;
}

/** V8's limit on the frames an Error records; not in the ES typings this pack compiles with. */
const errors = Error as { stackTraceLimit?: number };

const sdkVersion = versionOf();

const internals0 = {
    sdkVersion,
    refusal: refusalFor(sdkVersion),
    propertiesConvertedOnce: tryLoad(conversionSharable) === true,
    // After the checks above, which need the SDK's own decoding.
    propertiesDecodedOnce: tryLoad(shareDecoding) === true,
    proxyTargetRead: tryLoad(proxyTargetReadable) === true,
    notApplicableWithoutTrace: typeof errors.stackTraceLimit === "number",
};

const requestsFromWire = tryLoad(wireDecoding);

/** What was found at load: the pack's README lists these checks. */
export const internals: SdkInternals = Object.freeze({
    ...internals0,
    // After the hooks above, on which they rely.
    requestWithProperties: tryLoad(requestTravels) === true,
    propertiesReadFromWire: requestsFromWire !== undefined,
});

/** The error that stops a pack whose SDK it cannot run with. */
export class UnsupportedSdkError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnsupportedSdkError";
        // Shown to the user by the engine: the versions and the fix, not a trace.
        this.stack = `${this.name}: ${this.message}`;
    }
}

/** Throws {@link UnsupportedSdkError} when the pack cannot run with the installed SDK. */
export function refuseUnsupportedSdk(found: SdkInternals = internals): void {
    if (found.refusal !== undefined) {
        throw new UnsupportedSdkError(found.refusal);
    }
}

/** The wrappers of the Analyzer service's handlers by RPC name, as {@link hookAnalyzerServer} takes them. */
export type AnalyzerWrappers = Record<string, HandlerWrapper<any>>;

/**
 * The Analyzer service definition the server is given: the SDK's, with the AnalyzeRequest of Analyze and Remediate
 * decoded by {@link wireRequestDecoder} where that hook is on. The SDK's own definition is left as it is.
 */
function withRequestsFromWire(service: unknown): unknown {
    type Method = { requestType?: unknown; requestDeserialize?: unknown };
    const methods = service as Record<string, Method> | null;
    if (requestsFromWire === undefined || typeof methods !== "object" || methods === null) {
        return service;
    }
    const served: Record<string, Method> = { ...methods };
    for (const rpc of ["analyze", "remediate"]) {
        const method = methods[rpc];
        if (
            method?.requestType === protocol?.analyzer.AnalyzeRequest &&
            typeof method.requestDeserialize === "function"
        ) {
            served[rpc] = {
                ...method,
                requestDeserialize: requestsFromWire(method.requestDeserialize as RequestDecoder),
            };
        }
    }
    return served;
}

/**
 * Wraps the handlers of the next Analyzer server started in this process (`new PolicyPack(...)` starts one): the
 * SDK offers no hook, so this takes grpc-js's `Server.addService` for that one call, then puts it back. Call it
 * just before declaring the PolicyPack, then `confirm()` just after: it throws {@link UnsupportedSdkError} when the
 * server did not register the RPCs wrapped, or registered them elsewhere.
 */
export function hookAnalyzerServer(wrappers: AnalyzerWrappers): { confirm(): void } {
    refuseUnsupportedSdk();
    const prototype = grpcServer!.prototype;
    const addService = prototype.addService;
    let hooked = false;
    prototype.addService = function (service, implementation) {
        const rpcs = Object.keys(wrappers);
        if (rpcs.every(rpc => typeof implementation[rpc] === "function")) {
            prototype.addService = addService;
            hooked = true;
            const wrapped = { ...implementation };
            for (const rpc of rpcs) {
                wrapped[rpc] = wrappers[rpc](implementation[rpc] as Handler<unknown>);
            }
            return addService.call(this, withRequestsFromWire(service), wrapped);
        }
        return addService.call(this, service, implementation);
    };
    return {
        confirm() {
            if (!hooked) {
                prototype.addService = addService;
                throw new UnsupportedSdkError(
                    `azure-secure-webapp could not hook the analyzer server of @pulumi/policy ${sdkVersion}: ` +
                        `no ${Object.keys(wrappers).join(", ")} handlers were registered through ` +
                        `Server.addService. It supports @pulumi/policy ${TESTED_POLICY_SDK_VERSIONS.join(", ")}; ` +
                        `install one of them in the pack's folder.`,
                );
            }
        },
    };
}

/**
 * Makes the properties of one Analyze request decode once, however many policies read them: every policy of the
 * request gets the one decoded value. Where the SDK's decoding cannot be shared, `toJavaScript` of the request's
 * Struct converts on its first call and returns that value afterwards (the SDK copies it for each policy); where
 * neither hook is on, the SDK decodes for each policy. With `request`, the decoded value carries it, for
 * {@link requestOf}: true when it does (`requestWithProperties`), false when the caller must pass it another way.
 */
export function decodePropertiesOnce(struct: { toJavaScript(): unknown } | undefined, request?: object): boolean {
    if (struct === undefined || struct === null || typeof struct !== "object") {
        return false;
    }
    if (internals.propertiesDecodedOnce) {
        const travels = request !== undefined && internals.requestWithProperties;
        (struct as MarkedStruct)[DECODED_ONCE] = travels ? { request } : {};
        return travels;
    }
    if (internals.propertiesConvertedOnce && typeof struct.toJavaScript === "function") {
        convertStructOnce(struct);
    }
    return false;
}

/**
 * The request given to {@link decodePropertiesOnce} with the properties a policy got (`args.props`); undefined for
 * any other value (properties not marked, a policy called directly, another SDK).
 */
export function requestOf(props: unknown): unknown {
    return internals.requestWithProperties ? requestOn(proxyTarget(props)) : undefined;
}

function requestOn(decoded: unknown): unknown {
    return typeof decoded === "object" && decoded !== null ? (decoded as { [REQUEST]?: object })[REQUEST] : undefined;
}

function convertStructOnce(struct: { toJavaScript(): unknown }): void {
    const convert = struct.toJavaScript;
    let converted: { value: unknown } | undefined;
    struct.toJavaScript = function () {
        converted ??= { value: convert.call(this) };
        return converted.value;
    };
}

/** The object behind one of the SDK's unknown-checking proxies; undefined when it cannot be read (another SDK). */
export function proxyTarget(input: unknown): unknown {
    return internals.proxyTargetRead && typeof input === "object" && input !== null
        ? (input as Record<string, unknown>)[targetKey!]
        : undefined;
}

/**
 * The value at `keys` under a resource input the SDK's proxy wraps, as reading it through the proxy gives it (each
 * step past a missing, non-object or array value gives undefined), but read from the proxy's target: the proxy makes
 * a new proxy for every object it passes on the way. A value unknown at preview on the way is read again through
 * the proxy, which throws the SDK's own error for it; so is every read where the target cannot be read.
 */
export function readAtPath(input: Record<string, any>, keys: readonly string[]): unknown {
    let value: any = proxyTarget(input);
    if (value !== undefined) {
        for (const key of keys) {
            if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
                return undefined;
            }
            value = value[key];
            if (isUnknownSentinel(value)) {
                return readThroughProxy(input, keys);
            }
        }
        return value;
    }
    return readThroughProxy(input, keys);
}

function readThroughProxy(input: Record<string, any>, keys: readonly string[]): unknown {
    let value: any = input;
    for (const key of keys) {
        if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
            return undefined;
        }
        value = value[key];
    }
    return value;
}

/** Whether a value read from a proxy's target is the SDK's marker of an input unknown at preview. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && unknownSentinels.has(value);
}

/**
 * Runs `record` (which throws the SDK's not-applicable signal) without capturing a stack trace. The SDK signals
 * "not applicable" by throwing an error that it catches itself, so nobody reads its stack; capturing it through
 * the server's async frames costs more than the whole rule, on nearly every resource of a stack.
 */
export function withoutStackTrace<T>(record: () => T): T {
    if (!internals.notApplicableWithoutTrace) {
        return record();
    }
    const limit = errors.stackTraceLimit;
    errors.stackTraceLimit = 0;
    try {
        return record();
    } finally {
        errors.stackTraceLimit = limit;
    }
}
