// The package schema other languages' SDKs are generated from: what a Python, Go, C#, Java or YAML user can pass
// to SecureWebApp and read back, and what the documentation in their editor says.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../tools/engine/cli";
import { COMPONENT_PROVIDER_SCHEMA, ensureComponentProviderBuilt } from "../../tools/engine/componentProvider";
import { deriveSchema, ObjectTypeSpec, PackageSpec, SchemaProperty } from "../../provider/schema";

const TOKEN = "secure-webapp:index:SecureWebApp";
const ref = (name: string) => `#/types/secure-webapp:index:${name}`;

describe("the secure-webapp package schema", function () {
    this.timeout(60000);
    let schema: PackageSpec;
    before(() => {
        schema = deriveSchema();
    });
    const component = () => schema.resources[TOKEN];
    const input = (name: string): SchemaProperty => {
        const property = component().inputProperties[name];
        assert.ok(property, `SecureWebApp has no argument ${name}`);
        return property;
    };
    const typeOf = (name: string): ObjectTypeSpec => {
        const type = schema.types[`secure-webapp:index:${name}`];
        assert.ok(type && "properties" in type, `the schema has no object type ${name}`);
        return type;
    };

    it("is the package secure-webapp, at package.json's version, with the one component SecureWebApp", () => {
        assert.strictEqual(schema.name, "secure-webapp");
        assert.strictEqual(schema.version, require("../../package.json").version);
        assert.deepStrictEqual(Object.keys(schema.resources), [TOKEN]);
        assert.strictEqual(component().isComponent, true);
        assert.match(component().description ?? "", /CIS Microsoft Azure Foundations Benchmark 9\.4/);
    });

    it("gives the four certificate settings with their rules", () => {
        assert.strictEqual(input("clientCertEnabled").type, "boolean");
        assert.match(input("clientCertEnabled").description!, /Must be true or absent/);
        assert.strictEqual(input("clientCertMode").$ref, ref("ClientCertMode"));
        assert.match(
            input("clientCertMode").description!,
            /Must be "Required" or absent.*"Optional" and "OptionalInteractiveUser" are refused/s,
        );
        assert.deepStrictEqual(input("clientCertExclusionPaths").type, "array");
        assert.deepStrictEqual(input("clientCertExclusionPaths").items, { type: "string" });
        assert.match(
            input("clientCertExclusionPaths").description!,
            /`\/` itself, wildcards, duplicates and empty entries are refused/,
        );
        assert.strictEqual(input("httpsOnly").type, "boolean");
        assert.match(input("httpsOnly").description!, /client certificates only travel over HTTPS/);
        assert.deepStrictEqual(
            component().requiredInputs,
            ["resourceGroupName"],
            "none of them is required: SecureWebApp sets them",
        );
    });

    it("offers generated SDKs only the secure client certificate mode: an enum whose one value is Required, for the app and each slot", () => {
        assert.deepStrictEqual(schema.types["secure-webapp:index:ClientCertMode"], {
            type: "string",
            description: "The value SecureWebApp accepts for clientCertMode.",
            enum: [{ name: "Required", value: "Required" }],
        });
        assert.strictEqual(typeOf("SecureWebAppSlot").properties.clientCertMode.$ref, ref("ClientCertMode"));
    });

    it("gives the App Service baseline's site settings with their rules, as strings where other languages already pass strings, for the app and each slot", () => {
        const siteConfig = typeOf("SiteConfig").properties;
        for (const [name, accepted] of [
            ["minTlsVersion", 'Accepted values: "1.2", "1.3".'],
            ["scmMinTlsVersion", 'Accepted values: "1.2", "1.3".'],
            ["ftpsState", 'Accepted values: "Disabled", "FtpsOnly".'],
        ]) {
            // Go programs write `MinTlsVersion: pulumi.String("1.2")`: an enum would stop them compiling.
            assert.strictEqual(siteConfig[name].type, "string", name);
            assert.ok(siteConfig[name].description!.endsWith(accepted), `${name}: ${siteConfig[name].description}`);
        }
        assert.match(siteConfig.minTlsVersion.description!, /"1\.3" with client certificate exclusion paths/);
        assert.strictEqual(siteConfig.remoteDebuggingEnabled.type, "boolean");
        assert.match(siteConfig.remoteDebuggingEnabled.description!, /Must be false or absent/);
        assert.strictEqual(siteConfig.http20Enabled.type, "boolean");
        assert.match(siteConfig.http20Enabled.description!, /false when client certificate exclusion paths are set/);
        assert.strictEqual(typeOf("SecureWebAppSlot").properties.siteConfig.$ref, ref("SiteConfig"));
    });

    it("offers App Service authentication with the program's identity provider, for the app and each slot", () => {
        assert.strictEqual(input("authSettings").$ref, ref("AuthSettings"));
        assert.strictEqual(typeOf("SecureWebAppSlot").properties.authSettings.$ref, ref("AuthSettings"));
        assert.deepStrictEqual(Object.keys(typeOf("AuthSettings").properties).sort(), [
            "globalValidation",
            "httpSettings",
            "identityProviders",
            "login",
            "platform",
        ]);
        assert.strictEqual(
            typeOf("IdentityProviders").properties.azureActiveDirectory.$ref,
            ref("AzureActiveDirectory"),
        );
    });

    it("gives the WebApp arguments app teams set, typed and documented", () => {
        for (const name of [
            "resourceGroupName",
            "serverFarmId",
            "location",
            "kind",
            "name",
            "virtualNetworkSubnetId",
        ]) {
            assert.strictEqual(input(name).type, "string", name);
            assert.ok(input(name).description, `${name} is documented`);
        }
        assert.deepStrictEqual(input("tags").additionalProperties, { type: "string" });
        assert.strictEqual(input("identity").$ref, ref("ManagedServiceIdentity"));
        assert.deepStrictEqual(Object.keys(typeOf("ManagedServiceIdentity").properties).sort(), [
            "type",
            "userAssignedIdentities",
        ]);

        assert.strictEqual(input("siteConfig").$ref, ref("SiteConfig"));
        const siteConfig = typeOf("SiteConfig").properties;
        assert.deepStrictEqual(siteConfig.appSettings.items, { $ref: ref("NameValuePair") });
        assert.deepStrictEqual(Object.keys(typeOf("NameValuePair").properties).sort(), ["name", "value"]);
        assert.strictEqual(siteConfig.vnetRouteAllEnabled.type, "boolean");
        assert.strictEqual(siteConfig.linuxFxVersion.type, "string");
        assert.match(siteConfig.appSettings.description!, /Application settings/);
    });

    it("documents every argument, of the app and of a slot", () => {
        const undocumented = [
            ...Object.entries(component().inputProperties).map(([name, p]) => [name, p] as const),
            ...Object.entries(typeOf("SecureWebAppSlot").properties).map(
                ([name, p]) => [`slots.*.${name}`, p] as const,
            ),
        ]
            .filter(([, p]) => !p.description)
            .map(([name]) => name);
        assert.deepStrictEqual(undocumented, []);
    });

    it("lists the values of an azure-native enum in the description", () => {
        // In the order TypeScript's checker keeps the union's members, which is not the declaration's.
        const listed = /Azure's values: (.*)\.$/.exec(typeOf("ManagedServiceIdentity").properties.type.description!);
        assert.deepStrictEqual(JSON.parse(`[${listed?.[1]}]`).sort(), [
            "None",
            "SystemAssigned",
            "SystemAssigned, UserAssigned",
            "UserAssigned",
        ]);
    });

    it("takes slots as a plain map of slot arguments: the same certificate settings, no name, slot or resource group", () => {
        // The map is plain (SecureWebApp reads the slot names while the program runs); a slot's fields are inputs.
        assert.deepStrictEqual(
            { ...input("slots"), description: undefined },
            {
                type: "object",
                plain: true,
                description: undefined,
                additionalProperties: { $ref: ref("SecureWebAppSlot") },
            },
        );
        const slot = typeOf("SecureWebAppSlot").properties;
        for (const name of [
            "clientCertEnabled",
            "clientCertMode",
            "clientCertExclusionPaths",
            "httpsOnly",
            "siteConfig",
            "serverFarmId",
        ]) {
            assert.ok(slot[name], `a slot takes ${name}`);
        }
        for (const name of ["name", "slot", "resourceGroupName"]) {
            assert.strictEqual(slot[name], undefined, `a slot's ${name} comes from the app`);
        }
    });

    it("returns id (and resourceId for YAML), name, defaultHostName, url, outboundIpAddresses and each slot's host name", () => {
        const outputs = component().properties;
        assert.deepStrictEqual(Object.keys(outputs).sort(), [
            "defaultHostName",
            "id",
            "name",
            "outboundIpAddresses",
            "resourceId",
            "slotHostNames",
            "url",
        ]);
        assert.deepStrictEqual(outputs.slotHostNames.additionalProperties, { type: "string" });
        assert.ok(
            Object.values(outputs).every(o => o.description && !o.plain),
            "documented, never plain",
        );
        assert.deepStrictEqual(component().required, Object.keys(outputs).sort());
    });

    it("is what npm run build writes beside the provider entry, which the provider serves", function () {
        this.timeout(10 * 60 * 1000);
        ensureComponentProviderBuilt();
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(COMPONENT_PROVIDER_SCHEMA, "utf8")), schema);
    });

    it("stops with the property's path on a type the schema cannot express", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-schema-"));
        try {
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"));
            fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(root, "package.json"));
            fs.mkdirSync(path.join(root, "components"));
            fs.writeFileSync(
                path.join(root, "components", "secureWebApp.ts"),
                [
                    `import * as pulumi from "@pulumi/pulumi";`,
                    `export interface SecureWebAppArgs { port?: pulumi.Input<string | number>; }`,
                    `export class SecureWebApp extends pulumi.ComponentResource {}`,
                ].join("\n"),
            );
            assert.throws(
                () => deriveSchema(root),
                /SecureWebAppArgs\.port: the schema cannot express the type string \| number/,
            );
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
