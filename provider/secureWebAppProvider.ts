import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { SecureWebApp, SecureWebAppArgs } from "../components";
import type { PackageSpec } from "./schema";

/**
 * The `secure-webapp` component provider: serves the package schema and constructs SecureWebApp for programs in
 * other languages. Construct builds the same SecureWebApp class TypeScript programs use, so a refused argument
 * fails with the same SecureWebAppArgumentError, thrown before any resource is registered.
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
        name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions,
    ): Promise<provider.ConstructResult> {
        const resource = this.packageSchema.resources[type];
        if (!resource) {
            throw new Error(`unknown resource type ${type}; the ${this.packageSchema.name} package has ` +
                Object.keys(this.packageSchema.resources).join(", "));
        }
        const app = new SecureWebApp(name, inputs as SecureWebAppArgs, options);
        // The outputs are the ones the schema declares, read from the component as TypeScript users read them.
        const outputs = app as unknown as Record<string, unknown>;
        return {
            urn: app.urn,
            state: Object.fromEntries(Object.keys(resource.properties).map(key => [key, outputs[key]])),
        };
    }
}
