// The policy config of a Configure request, as the pack checks it. The engine validates each policy's config
// against its schema, but it passes on names that are not policies of the pack (so
// `"webapp-require-client-certificate": "advisory"`, misspelt, silently keeps the rule mandatory) and the analyzer
// protocol cannot carry `additionalProperties: false`. @pulumi/policy stores the Configure request without a
// hook, so the server's Configure wrapper (handlers.ts) checks it first: a config `checkPackConfig` refuses is
// answered with an error, which the engine reports as "configuring policy pack", before any resource is checked.
import { EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";

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
const levelNames: ReadonlyMap<string | EnforcementLevel, string> = new Map(
    Object.entries(EnforcementLevel).map(([name, value]) => [value, name.toLowerCase()]),
);

/** The config of each policy, as `checkPackConfig` takes it: its enforcement level and config properties. */
export function configOf(request: ConfigureRequest): Record<string, Record<string, unknown>> {
    const config: Record<string, Record<string, unknown>> = {};
    for (const [policy, policyConfig] of request.getPolicyconfigMap().entries()) {
        config[policy] = {
            enforcementLevel: levelNames.get(policyConfig.getEnforcementlevel()),
            ...policyConfig.getProperties()?.toJavaScript(),
        };
    }
    return config;
}
