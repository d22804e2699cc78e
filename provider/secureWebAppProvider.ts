import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { SecureWebApp, SecureWebAppArgs, SecureWebAppArgumentError } from "../components";
import type { PackageSpec } from "./schema";

/**
 * The `secure-webapp` component provider: serves the package schema and constructs SecureWebApp for programs in
 * other languages. Construct builds the same SecureWebApp class TypeScript programs use, so an argument is refused
 * for the same reason, before any resource is registered. The refusal goes back as an `InputPropertyError`, which
 * the engine prints as one error naming the resource and the property, with no stack trace, in every language.
 */
export class SecureWebAppProvider implements provider.Provider {
    /** The package version, reported to the engine as the plugin's version. */
    readonly version: string;

    constructor(private readonly packageSchema: PackageSpec) {
        this.version = packageSchema.version;
    }

    async getSchema(): Promise<string> {
        return JSON.stringify(this.packageSchema);
    }

    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<provider.ConstructResult> {
        const resource = this.packageSchema.resources[type];
        if (!resource) {
            throw new Error(
                `unknown resource type ${type}; the ${this.packageSchema.name} package has ` +
                    Object.keys(this.packageSchema.resources).join(", "),
            );
        }
        const app = asPropertyError(() => {
            refuseSlotOutputs(name, inputs.slots);
            return new SecureWebApp(name, inputs as SecureWebAppArgs, options);
        });
        // The outputs are the ones the schema declares, read from the component as TypeScript users read them.
        const outputs = app as unknown as Record<string, unknown>;
        return {
            urn: app.urn,
            state: Object.fromEntries(Object.keys(resource.properties).map(key => [key, outputs[key]])),
        };
    }
}

/**
 * Runs `construct`, turning a refused argument into the error the provider protocol has for one: the engine
 * prints it under the resource's name without a stack trace, the whole message first (the one line the CLI's
 * progress view always shows), then the property, the value it received and what the value must be.
 */
function asPropertyError<T>(construct: () => T): T {
    try {
        return construct();
    } catch (err) {
        if (err instanceof SecureWebAppArgumentError) {
            throw new pulumi.InputPropertiesError({
                message: err.detail,
                errors: [{ propertyPath: err.property, reason: err.required }],
            });
        }
        throw err;
    }
}

/**
 * SecureWebApp reads each slot's arguments while the program runs, as TypeScript's types demand. The schema lets
 * other languages pass a slot's arguments as an input (Go's SDK would otherwise make every field of a slot plain),
 * so a slot given as one output is refused here with the fix, rather than failing inside the component.
 */
function refuseSlotOutputs(resource: string, slots: unknown): void {
    const given = pulumi.Output.isInstance(slots) ? [["", slots] as const] : Object.entries(slots ?? {});
    for (const [slot, value] of given) {
        if (pulumi.Output.isInstance(value)) {
            const property = slot === "" ? "slots" : `slots.${slot}`;
            throw new SecureWebAppArgumentError(
                resource,
                property,
                "(an output)",
                "slots must be a map of slot arguments known when the program runs; the values inside may be outputs",
                `write ${property} as a map of values, e.g. { serverFarmId: plan.id }, not as one output`,
            );
        }
    }
}
