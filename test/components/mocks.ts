import * as pulumi from "@pulumi/pulumi";

/** A resource as the engine would have received it from the program. */
export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

let registered: RegisteredResource[] | undefined;

/**
 * Installs Pulumi's mocks, which must happen before the code under test is imported, and records every
 * registered resource. The mocks stand in for the engine and for Azure; outputs mimic what Azure returns.
 * Mocha loads every test file into one process, so the mocks are installed once and the record is shared.
 */
export function recordRegistrations(): RegisteredResource[] {
    if (registered) {
        return registered;
    }
    const record: RegisteredResource[] = registered = [];
    pulumi.runtime.setMocks({
        newResource(args: pulumi.runtime.MockResourceArgs) {
            record.push({ type: args.type, name: args.name, inputs: args.inputs });
            const azureName = args.inputs.name ?? args.name;
            return {
                id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/${azureName}`,
                state: { ...args.inputs, name: azureName, defaultHostName: `${azureName}.azurewebsites.net`, outboundIpAddresses: "20.0.0.1,20.0.0.2" },
            };
        },
        call: () => ({}),
    }, "secure-webapp", "test", false);
    return record;
}

/** Waits for an output's value, as a deployment would. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve => output.apply(resolve));
}

/**
 * The value an output settles with, rejecting when it fails (a failed registration, say). Output's own
 * promise is internal to @pulumi/pulumi, and `apply` never runs on failure, so reach for it here alone.
 */
export function outcomeOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}
