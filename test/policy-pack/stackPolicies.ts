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

export const GENERIC = "azure-native:resources:Resource";
export const AZAPI = "azapi:index/resource:Resource";
/** The resource group, and the site in it, of the generic Resources and AzAPI resources the tests declare. */
export const GROUP_ID = "/subscriptions/s/resourceGroups/rg";
export const SITE_ID = `${GROUP_ID}/providers/Microsoft.Web/sites/shop-web`;

/** A generic Resource at `parent`/`type`/`name` under Microsoft.Web in group `rg`, as the program declares it. */
export const generic = (logical: string, parent: string, type: string, name: string, properties: unknown) =>
    stackResource(GENERIC, logical, {
        resourceGroupName: "rg",
        resourceProviderNamespace: "Microsoft.Web",
        parentResourcePath: parent,
        resourceType: type,
        resourceName: name,
        apiVersion: "2024-04-01",
        properties,
    });
