// The arguments the @pulumi/policy server builds for a policy's validateResource and remediateResource, built
// in-process (props behind the SDK's unknown-checking proxy, notApplicable that throws), so that the pack's tests
// and the benchmarks can run a policy without starting the pack.
import { ResourceValidationArgs, unknownCheckingProxy } from "../../policy-pack/node_modules/@pulumi/policy";
import { secretsPreservingProxy } from "../../policy-pack/node_modules/@pulumi/policy/secret";
import { urnFor } from "./policyPackServer";

/** The resource's identity and the policy's config for {@link validationArgs}. */
export interface PolicyArgsOptions {
    name?: string;
    urn?: string;
    /** The policy's config properties (as the engine would pass them after applying defaults). */
    config?: Record<string, unknown>;
    /** The inputs of the resource's provider, which the engine gives with the resource (`args.provider`). */
    provider?: { type: string; props: Record<string, unknown> };
}

/** What `args.notApplicable(reason)` throws, as the server's own does, to end the policy's run. */
export class NotApplicable extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason);
    }
}

/**
 * Builds ResourceValidationArgs for one resource. For remediation the server also wraps the properties in its
 * secrets-preserving proxy, so they sit behind two proxies; `forRemediation` does the same.
 */
export function validationArgs(
    type: string,
    props: Record<string, unknown>,
    options: PolicyArgsOptions = {},
    forRemediation = false,
): ResourceValidationArgs {
    const name = options.name ?? "app";
    const copy = structuredClone(props);
    return {
        type,
        name,
        urn: options.urn ?? urnFor(type, name),
        props: unknownCheckingProxy(forRemediation ? secretsPreservingProxy(copy) : copy),
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        ...(options.provider && {
            provider: {
                type: options.provider.type,
                name: "default",
                urn: urnFor(options.provider.type, "default"),
                props: unknownCheckingProxy(structuredClone(options.provider.props)),
            },
        }),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...options.config }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}
