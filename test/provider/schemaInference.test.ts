// Why the provider does not serve SecureWebApp with @pulumi/pulumi's own component support
// (`provider/experimental`): its schema inference, run on the shapes SecureWebAppArgs is made of, loses or
// refuses them. If a later @pulumi/pulumi expresses them, these tests fail, and provider/schema.ts can give way
// to the SDK's inference.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";

/** The inference only reads names from the class; the declarations it analyses are the fixture's source. */
class App extends pulumi.ComponentResource {}

/** The schema @pulumi/pulumi infers for the component `App` of `test/provider/inference/<fixture>/index.ts`. */
async function inferredSchema(fixture: string) {
    const provider = new ComponentProvider({
        name: "inference",
        dirname: path.join(__dirname, "inference", fixture),
        components: [App],
    });
    return JSON.parse(await provider.getSchema());
}

describe("@pulumi/pulumi's schema inference on the shapes of SecureWebAppArgs", function () {
    this.timeout(120000);

    it("turns the arguments inherited through Omit<web.WebAppArgs, ...> into untyped, undocumented Any", async () => {
        const inputs = (await inferredSchema("omit-webapp-args")).resources["inference:index:App"].inputProperties;
        assert.deepStrictEqual(inputs.siteConfig, { $ref: "pulumi.json#/Any", optional: true });
        assert.deepStrictEqual(inputs.resourceGroupName, { $ref: "pulumi.json#/Any" });
    });

    it("refuses azure-native input types, whose enum properties are unions", async () => {
        await assert.rejects(
            inferredSchema("azure-native-input-type"),
            /Union types are not supported for component 'App' input 'ManagedServiceIdentityArgs\.type'/,
        );
    });

    it("refuses azure-native enums such as ClientCertMode", async () => {
        await assert.rejects(
            inferredSchema("azure-native-enum"),
            /Union types are not supported for component 'App' input 'AppArgs\.clientCertMode'/,
        );
    });

    it("refuses a string-literal union", async () => {
        await assert.rejects(
            inferredSchema("string-literal-union"),
            /Union types are not supported for component 'App' input 'AppArgs\.clientCertMode'/,
        );
    });
});
