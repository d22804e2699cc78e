// Resources of a stack as a stack policy is given them, and a stack policy's run over them, for the tests of the
// pack's stack policies.
import { PolicyResource, StackValidationPolicy } from "../../policy-pack/node_modules/@pulumi/policy";
import { unknownCheckingProxy } from "./support";

/** A resource whose properties read as the engine's do (`UNKNOWN` throws at preview); no property dependencies. */
export function stackResource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:dev::shop::${type}::${name}`,
        props: unknownCheckingProxy(structuredClone(props)),
        opts: {} as PolicyResource["opts"],
        isType: () => false,
        asType: () => undefined,
        dependencies: [],
        propertyDependencies: {},
    } as unknown as PolicyResource;
}

/** Sets the resources a resource's inputs were computed from, as the engine's property dependencies record them. */
export function wired<T extends PolicyResource>(resource: T, dependencies: Record<string, PolicyResource[]>): T {
    (resource as { propertyDependencies: Record<string, PolicyResource[]> }).propertyDependencies = dependencies;
    return resource;
}

/** The violations a stack policy reports, each with the URN it names; throws what the policy throws. */
export function stackViolations(
    policy: StackValidationPolicy,
    resources: PolicyResource[],
    config: Record<string, unknown> = {},
): { message: string; urn?: string }[] {
    const violations: { message: string; urn?: string }[] = [];
    policy.validateStack(
        {
            resources,
            getConfig: <T extends object>() => ({ ...config }) as T,
            stackTags: new Map(),
            notApplicable: () => {
                throw new Error("not applicable");
            },
        } as any,
        (message: string, urn?: string) => violations.push({ message, urn }),
    );
    return violations;
}
