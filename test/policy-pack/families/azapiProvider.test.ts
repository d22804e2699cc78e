// The table of the AzAPI provider's components against a fixture of the provider's own schema: every component
// is either checked or listed with the reason it cannot write an App Service site through ARM, and every input the
// pack reads is one the provider declares.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACTION_METHOD, WRITE_METHODS } from "../../../policy-pack/families/azapi";
import {
    AZAPI_COMPONENTS,
    AZAPI_PROVIDER_SOURCE,
    CheckedComponent,
    DATA_PLANE_CUSTOMIZED_WRITES,
    DATA_PLANE_SERVICE_HOSTS,
    DATA_PLANE_URL_FORMATS,
} from "../../../policy-pack/families/azapiProvider";
import { bridgedToken, coveredTypes } from "../../../policy-pack/families/coveredTypes";
import { familyOf } from "../../../policy-pack/families/registry";

interface FixtureAttribute {
    name: string;
    default?: string;
    oneOf?: string[];
}

const fixture: {
    version: string;
    commit: string;
    components: { kind: string; name: string; attributes: FixtureAttribute[] }[];
    dataPlane: {
        urlFormats: { resourceType: string; urlFormat: string }[];
        serviceEndpoints: string[];
        customizedTypes: string[];
    };
} = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "azapi-provider-schema.json"), "utf8"));

const key = (component: { kind: string; name: string }) => `${component.kind} ${component.name}`;
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const checked = AZAPI_COMPONENTS.filter((c): c is CheckedComponent => "token" in c);
const attributesOf = (component: { kind: string; name: string }) =>
    fixture.components.find(c => key(c) === key(component))!.attributes;

describe("the AzAPI provider's components, against its schema", () => {
    it("is derived from the release the fixture was written from", () => {
        assert.strictEqual(fixture.commit, AZAPI_PROVIDER_SOURCE.commit);
        assert.strictEqual(fixture.version, AZAPI_PROVIDER_SOURCE.version);
    });

    it("checks, or lists with a reason, every component the provider registers, and no other", () => {
        assert.deepStrictEqual(AZAPI_COMPONENTS.map(key).sort(), fixture.components.map(key).sort());
        assert.ok(fixture.components.filter(c => c.kind === "resource").length >= 4);
        for (const component of AZAPI_COMPONENTS) {
            assert.ok("token" in component || component.reason.length > 20, key(component));
        }
    });

    it("gives each checked resource the bridge's token and a family of the pack", () => {
        for (const component of checked) {
            assert.strictEqual(component.token, bridgedToken(component.name));
            assert.ok((coveredTypes as readonly string[]).includes(component.token), component.token);
            assert.notStrictEqual(familyOf(component.token), undefined, component.token);
        }
        assert.deepStrictEqual(
            coveredTypes.filter(type => type.startsWith("azapi:")).sort(),
            checked.map(c => c.token).sort(),
        );
    });

    it("reads only inputs the provider declares, in the bridge's camel case", () => {
        for (const component of checked) {
            const declared = attributesOf(component).map(a => camel(a.name));
            assert.deepStrictEqual(
                component.inputs.filter(input => !declared.includes(input)),
                [],
                component.name,
            );
        }
    });

    it("knows the action's default method and every method that writes, as the provider declares them", () => {
        const method = attributesOf({ kind: "resource", name: "azapi_resource_action" }).find(
            a => a.name === "method",
        )!;
        assert.strictEqual(method.default, DEFAULT_ACTION_METHOD);
        assert.deepStrictEqual(
            Object.keys(WRITE_METHODS).filter(m => !method.oneOf!.includes(m)),
            [],
        );
        assert.deepStrictEqual(
            method.oneOf!.filter(m => !["POST", "GET", "HEAD", "DELETE", ...Object.keys(WRITE_METHODS)].includes(m)),
            [],
            "a method the pack has not judged",
        );
    });

    it("lists as reading only data sources whose method cannot write", () => {
        for (const component of fixture.components.filter(c => c.kind === "dataSource")) {
            const method = component.attributes.find(a => a.name === "method");
            assert.deepStrictEqual(
                (method?.oneOf ?? []).filter(m => m in WRITE_METHODS),
                [],
                component.name,
            );
        }
    });

    it("makes the data-plane resource's URLs, and knows its hosts and customised requests, as the provider does", () => {
        const { urlFormats, serviceEndpoints, customizedTypes } = fixture.dataPlane;
        assert.deepStrictEqual(
            [...DATA_PLANE_URL_FORMATS].sort(),
            urlFormats.map(({ resourceType, urlFormat }) => [resourceType.toLowerCase(), urlFormat]).sort(),
        );
        // The host comes from parentId alone only because every format starts with it.
        assert.deepStrictEqual(
            urlFormats.filter(({ urlFormat }) => !urlFormat.startsWith("{parentId}/")),
            [],
        );
        assert.deepStrictEqual([...DATA_PLANE_SERVICE_HOSTS].sort(), serviceEndpoints);
        assert.deepStrictEqual(
            [...DATA_PLANE_CUSTOMIZED_WRITES.keys()].sort(),
            customizedTypes.map(type => type.toLowerCase()).sort(),
        );
    });
});
