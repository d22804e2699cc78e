import * as pulumi from "@pulumi/pulumi";

/** A resource as the engine would have received it from the program. */
export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

/** Every resource registered under the mocks since the caller last emptied it. */
export const registered: RegisteredResource[] = [];

/**
 * Installs Pulumi's mocks, recording every registered resource in `registered`. The mocks stand in for the
 * engine and for Azure; outputs mimic what Azure returns. Mocha runs every test file in one process, and other
 * suites (the end-to-end ones) drive the real engine through the same @pulumi/pulumi runtime, so each suite
 * installs the mocks in its own `before` hook rather than once at load.
 */
export function installMocks(): void {
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                const azureName = args.inputs.name ?? args.name;
                return {
                    id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/${azureName}`,
                    state: {
                        ...args.inputs,
                        name: azureName,
                        defaultHostName: `${azureName}.azurewebsites.net`,
                        outboundIpAddresses: "20.0.0.1,20.0.0.2",
                    },
                };
            },
            call: () => ({}),
        },
        "secure-webapp",
        "test",
        false,
    );
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
