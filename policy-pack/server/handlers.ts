// The pack's hooks into the gRPC server @pulumi/policy starts. The SDK offers none, so this wraps its handlers as
// it registers them: `new PolicyPack(...)` calls grpc-js's `Server.addService` with one handler per RPC of the
// Analyzer service, and a wrapper installed before that call sees every request first.
import * as path from "path";

type Callback = (error: Error | null, response?: unknown) => void;
export type Handler<Request> = (call: { request: Request }, callback: Callback) => void;

/** Given the SDK's handler of one RPC, returns the handler served; `Request` is the part of the request it reads. */
export type HandlerWrapper<Request> = (handler: Handler<Request>) => Handler<Request>;

/** Installs the wrappers; call it before declaring the PolicyPack, which starts the server. */
export function wrapAnalyzerHandlers<ConfigureRequest, AnalyzeRequest>(wrappers: {
    configure?: HandlerWrapper<ConfigureRequest>;
    analyze?: HandlerWrapper<AnalyzeRequest>;
}): void {
    // The gRPC library @pulumi/policy itself loads, whichever copy npm installed for it.
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] });
    const { Server } = require(grpcPath) as {
        Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
    };
    const addService = Server.prototype.addService;
    Server.prototype.addService = function (service, implementation) {
        const wrapped = { ...implementation };
        for (const [rpc, wrap] of Object.entries(wrappers) as [string, HandlerWrapper<unknown>][]) {
            if (typeof implementation[rpc] === "function") {
                wrapped[rpc] = wrap(implementation[rpc] as Handler<unknown>);
            }
        }
        addService.call(this, service, wrapped);
    };
}
