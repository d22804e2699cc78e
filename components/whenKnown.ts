import * as pulumi from "@pulumi/pulumi";

/**
 * Applies `check` to the values now when every one is plain, or when they resolve when one is an Output or a
 * Promise: an argument known only later is held to the same rule, and a refusal then fails the deployment with the
 * message a plain value gets at once.
 */
export function checkWhenKnown<T>(values: unknown[], check: (...values: unknown[]) => T): pulumi.Input<T> {
    return values.every(isKnownNow)
        ? check(...values)
        : (pulumi.all(values.map(value => pulumi.output(value))) as pulumi.Output<unknown[]>).apply(known =>
              check(...known),
          );
}

/** Whether a value is plain, rather than an Output or a Promise. */
export function isKnownNow(value: unknown): boolean {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}
