import { ResourceValidationArgs } from "@pulumi/policy";
import { withoutStackTrace } from "../sdkInternals";

/**
 * Records the resource as not applicable, as `args.notApplicable` does, without the stack trace nobody reads
 * (sdkInternals.ts says why it costs and how it is avoided).
 */
export function notApplicable(args: Pick<ResourceValidationArgs, "notApplicable">, reason: string): never {
    return withoutStackTrace(() => args.notApplicable(reason));
}
