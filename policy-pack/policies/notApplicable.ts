import { ResourceValidationArgs } from "@pulumi/policy";

/** V8's limit on the frames an Error records; not in the ES typings this pack compiles with. */
const errors = Error as { stackTraceLimit?: number };

/**
 * Records the resource as not applicable, as `args.notApplicable` does, without the stack trace. The SDK signals
 * "not applicable" by throwing an error that it catches itself, so nobody reads its stack; capturing it through
 * the server's async frames costs more than the whole rule, on nearly every resource of a stack.
 */
export function notApplicable(args: Pick<ResourceValidationArgs, "notApplicable">, reason: string): never {
    const limit = errors.stackTraceLimit;
    errors.stackTraceLimit = 0;
    try {
        return args.notApplicable(reason);
    } finally {
        errors.stackTraceLimit = limit;
    }
}
