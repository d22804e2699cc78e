// A user's program, written as the README tells a new user to write it after installing secure-webapp: it
// imports the package by name from its own node_modules. componentTarball.test.ts copies it into an empty
// project, compiles it against the installed typings and runs it under Pulumi's mocks (which stand in for the
// engine and for Azure). It prints what the component registered, as JSON, for the test to assert.
import * as pulumi from "@pulumi/pulumi";
import { SecureWebApp, SecureWebAppArgs, SecureWebAppArgumentError } from "secure-webapp";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

pulumi.runtime.setMocks(
    {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            registered.push({ type: args.type, name: args.name, inputs: args.inputs });
            const azureName = args.inputs.name ?? args.name;
            return {
                id: `${azureName}-id`,
                state: { ...args.inputs, defaultHostName: `${azureName}.azurewebsites.net` },
            };
        },
        call: () => ({}),
    },
    "consumer",
    "dev",
    false,
);

const appArgs: SecureWebAppArgs = {
    resourceGroupName: "rg-payments",
    serverFarmId: "/subscriptions/0000/resourceGroups/rg-payments/providers/Microsoft.Web/serverfarms/plan",
    location: "westeurope",
    kind: "app,linux",
    siteConfig: { linuxFxVersion: "NODE|22-lts", minTlsVersion: "1.2" },
};

const app = new SecureWebApp("payments", {
    ...appArgs,
    clientCertExclusionPaths: ["/health"],
    slots: { staging: {} },
});

/** What the component said about a weakening argument, as the user sees it in `pulumi preview`. */
function refusalOf(args: SecureWebAppArgs): { name: string; isArgumentError: boolean; message: string } | undefined {
    try {
        new SecureWebApp("legacy", args);
        return undefined;
    } catch (error) {
        const { name, message } = error as Error;
        return { name, isArgumentError: error instanceof SecureWebAppArgumentError, message };
    }
}

// The installed typings admit only "Required", so TypeScript refuses this line; a caller past the types (a cast,
// JavaScript) meets the same refusal while the program runs, which is what this records.
// @ts-expect-error clientCertMode is typed Input<"Required">
const refusal = refusalOf({ ...appArgs, clientCertMode: "Optional" });

pulumi.all([app.urn, app.webApp.urn, app.slots.staging.urn, app.url]).apply(([appUrn, webAppUrn, slotUrn, url]) => {
    process.stdout.write(
        JSON.stringify({
            // One copy of @pulumi/pulumi: the component's base class is the one this program imported.
            sharesPulumiSdk: app instanceof pulumi.ComponentResource,
            urns: { app: appUrn, webApp: webAppUrn, slot: slotUrn },
            url,
            registered,
            refusal,
        }),
    );
});
