// The schema the STAND-IN azure-native provider serves to Pulumi YAML is derived from the @pulumi/azure-native
// typings. These tests hold it against a second, independent reading of the same SDK: the generated JavaScript
// constructors, which copy each input from `args` and declare every output as `undefined /*out*/`.
import * as assert from "assert";
import * as fs from "fs";
import { MODELLED_TYPES, sdkVersion } from "../../../tools/standin-azure-native/azureModel";
import { deriveSchema, EnumTypeSpec, PackageSchema, typingsFile } from "../../../tools/standin-azure-native/schema";

/** What a resource's generated constructor does with its properties: the inputs it copies, the state it reads. */
function constructorProperties(resource: string): { inputs: string[]; state: string[]; required: string[] } {
    const source = fs.readFileSync(typingsFile(resource).replace(/\.d\.ts$/, ".js"), "utf8");
    const [create, read] = source.slice(source.indexOf("if (!opts.id)")).split(/\n\s*}\s*else\s*{/);
    const keys = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map(m => m[1]).sort();
    return {
        inputs: keys(create, /resourceInputs\["(\w+)"\] = (?!undefined \/\*out\*\/)/g),
        state: keys(
            read.slice(0, read.indexOf("opts = pulumi.mergeOptions")),
            /resourceInputs\["(\w+)"\] = undefined \/\*out\*\//g,
        ),
        required: keys(create, /Missing required property '(\w+)'/g),
    };
}

describe("the stand-in azure-native schema (derived from the @pulumi/azure-native typings)", function () {
    this.timeout(60_000);
    let schema: PackageSchema;
    before(() => {
        schema = deriveSchema(MODELLED_TYPES, sdkVersion());
    });

    it("describes every resource type the stand-in models, at the installed SDK's version", () => {
        assert.deepStrictEqual(
            Object.keys(schema.resources).sort(),
            MODELLED_TYPES.map(t => `azure-native:${t}`).sort(),
        );
        assert.strictEqual(schema.version, sdkVersion());
    });

    for (const resource of [
        "resources:ResourceGroup",
        "web:AppServicePlan",
        "web:WebApp",
        "web:WebAppSlot",
        "web:WebAppFtpAllowed",
        "web:WebAppScmAllowed",
        "web:WebAppFtpAllowedSlot",
        "web:WebAppScmAllowedSlot",
    ]) {
        it(`gives ${resource} exactly the inputs, required inputs and outputs of the SDK's ${resource.split(":")[1]}`, () => {
            const spec = schema.resources[`azure-native:${resource}`];
            const sdk = constructorProperties(resource);
            assert.deepStrictEqual(Object.keys(spec.inputProperties).sort(), sdk.inputs);
            assert.deepStrictEqual(spec.requiredInputs, sdk.required);
            assert.deepStrictEqual(Object.keys(spec.properties).sort(), sdk.state);
        });
    }

    it("types the certificate settings of WebApp and WebAppSlot as the SDK does: a flag, an enum of the three modes, a string", () => {
        for (const resource of ["azure-native:web:WebApp", "azure-native:web:WebAppSlot"]) {
            const inputs = schema.resources[resource].inputProperties;
            assert.deepStrictEqual(inputs.clientCertEnabled.type, "boolean");
            assert.deepStrictEqual(inputs.clientCertExclusionPaths.type, "string");
            assert.deepStrictEqual(inputs.clientCertMode.$ref, "#/types/azure-native:web:ClientCertMode");
        }
        const modes = schema.types["azure-native:web:ClientCertMode"] as EnumTypeSpec;
        assert.deepStrictEqual(modes.enum.map(e => e.value).sort(), [
            "Optional",
            "OptionalInteractiveUser",
            "Required",
        ]);
    });

    it("resolves every type reference to a type it defines, down to the site configuration's app settings", () => {
        const refs = JSON.stringify(schema).match(/"#\/types\/[^"]+"/g) ?? [];
        const missing = refs.map(r => r.slice('"#/types/'.length, -1)).filter(token => !(token in schema.types));
        assert.deepStrictEqual([...new Set(missing)], []);
        const siteConfig = schema.types["azure-native:web:SiteConfig"];
        assert.ok(siteConfig && "properties" in siteConfig, "WebApp's siteConfig should be the object type SiteConfig");
        assert.deepStrictEqual(siteConfig.properties.appSettings, {
            type: "array",
            items: { $ref: "#/types/azure-native:web:NameValuePair" },
            description: siteConfig.properties.appSettings.description,
        });
    });

    it("stops, naming the resource, when the SDK has no typings for it", () => {
        assert.throws(() => deriveSchema(["web:NoSuchResource"], sdkVersion()), /web:NoSuchResource/);
    });
});
