// Makes the engine refuse, before any resource is checked, a policy config that the pack would otherwise ignore
// in part. The engine validates each policy's config against its schema, but it passes on names that are not
// policies of the pack (so `"webapp-require-client-certificate": "advisory"`, misspelt, silently keeps the rule
// mandatory) and the analyzer protocol cannot carry `additionalProperties: false`. @pulumi/policy stores the
// Configure request without a hook, so this wraps its Configure handler as the server is registered: a config
// `checkPackConfig` refuses is answered with an error, which the engine reports as "configuring policy pack".
import { EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";
import * as path from "path";
import { checkPackConfig } from "./config";

type Callback = (error: Error | null, response?: unknown) => void;
type Handler = (call: { request: ConfigureRequest }, callback: Callback) => void;

/** The part of the engine's ConfigureAnalyzerRequest the check reads. */
interface ConfigureRequest {
    getPolicyconfigMap(): {
        entries(): Iterable<
            [
                string,
                {
                    getEnforcementlevel(): number;
                    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
                },
            ]
        >;
    };
}

/** Enforcement level names by their value in the analyzer protocol. */
const levelNames = new Map(Object.entries(EnforcementLevel).map(([name, value]) => [value, name.toLowerCase()]));

/** Installs the check; call it before declaring the PolicyPack, which starts the server. */
export function refuseBadConfigAtConfigure(): void {
    // The gRPC library @pulumi/policy itself loads, whichever copy npm installed for it.
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] });
    const { Server } = require(grpcPath) as {
        Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
    };
    const addService = Server.prototype.addService;
    Server.prototype.addService = function (service, implementation) {
        const configure = implementation.configure as Handler | undefined;
        const checked: Handler = (call, callback) => {
            try {
                checkPackConfig(configOf(call.request));
            } catch (e) {
                return callback(e as Error);
            }
            configure!(call, callback);
        };
        addService.call(
            this,
            service,
            configure === undefined ? implementation : { ...implementation, configure: checked },
        );
    };
}

function configOf(request: ConfigureRequest): Record<string, Record<string, unknown>> {
    const config: Record<string, Record<string, unknown>> = {};
    for (const [policy, policyConfig] of request.getPolicyconfigMap().entries()) {
        config[policy] = {
            enforcementLevel: levelNames.get(policyConfig.getEnforcementlevel()),
            ...policyConfig.getProperties()?.toJavaScript(),
        };
    }
    return config;
}
