import * as pulumi from "@pulumi/pulumi";

/**
 * Raised when an argument of a component would break CIS Microsoft Azure Foundations Benchmark 9.4
 * (incoming client certificates required) or a mandatory setting of its App Service baseline. The message names the resource, the property, the value
 * found, the value required and the fix, so it can be acted on from the error alone. A `RunError`, which
 * the Node.js runtime reports by its message alone: a stack trace says nothing the message does not.
 */
export class SecureWebAppArgumentError extends pulumi.RunError {
    constructor(
        /** The Pulumi resource name of the component, e.g. `app`. */
        public readonly resource: string,
        /** The argument at fault, e.g. `clientCertMode` or `slots.staging.siteConfig.minTlsVersion`. */
        public readonly property: string,
        /** The value given, as the user wrote it. */
        public readonly found: unknown,
        /** What the argument must be, in words. */
        public readonly required: string,
        /** What to change in the program. */
        public readonly fix: string,
    ) {
        super(`${resource}: ${property} is ${describe(found)}; ${required}. Fix: ${fix}`);
        this.name = "SecureWebAppArgumentError";
    }

    /** The message without the resource's name, for reports that name the resource themselves. */
    get detail(): string {
        return `${this.property} is ${describe(this.found)}; ${this.required}. Fix: ${this.fix}`;
    }
}

/**
 * A flag SecureWebApp holds at one value: accepts it absent (it becomes `required`) or equal to `required`, and
 * refuses anything else, saying `why` and that removing the argument is the fix.
 */
export function requireFlag(
    resource: string,
    property: string,
    value: unknown,
    required: boolean,
    why: string,
): boolean {
    if (value === undefined || value === required) {
        return required;
    }
    throw new SecureWebAppArgumentError(
        resource,
        property,
        value,
        `it must be ${required}${why}`,
        `remove ${property} (SecureWebApp sets it to ${required}), or set it to ${required}`,
    );
}

function describe(value: unknown): string {
    return value === undefined ? "undefined" : JSON.stringify(value);
}
