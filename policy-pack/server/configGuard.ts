// Makes the engine refuse, before any resource is checked, a policy config that the pack would otherwise ignore
// in part. The engine validates each policy's config against its schema, but it passes on names that are not
// policies of the pack (so `"webapp-require-client-certificate": "advisory"`, misspelt, silently keeps the rule
// mandatory) and the analyzer protocol cannot carry `additionalProperties: false`. @pulumi/policy stores the
// Configure request without a hook, so this wraps its Configure handler: a config `checkPackConfig` refuses is
// answered with an error, which the engine reports as "configuring policy pack".
import { EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";
import { checkPackConfig } from "../config";
import { Handler } from "./handlers";

/** The part of the engine's ConfigureAnalyzerRequest the check reads. */
export interface ConfigureRequest {
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

/** The SDK's Configure handler, answering a config the pack refuses with the error instead. */
export function refusingBadConfig(configure: Handler<ConfigureRequest>): Handler<ConfigureRequest> {
    return (call, callback) => {
        try {
            checkPackConfig(configOf(call.request));
        } catch (e) {
            return callback(e as Error);
        }
        configure(call, callback);
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
