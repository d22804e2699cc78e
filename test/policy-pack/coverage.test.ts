// Coverage complete by construction: every resource type of the installed provider SDKs that could create or
// change an App Service app, or deploy a template that does, is either checked by the pack or listed with the
// reason it cannot. A provider release that adds such a type fails here instead of opening a way around the pack.
import * as assert from "assert";
import { AZAPI_COMPONENTS } from "../../policy-pack/families/azapiProvider";
import { coveredTypes } from "../../policy-pack/families/coveredTypes";

/** The resources of the Terraform AzAPI provider the pack checks, tested against its schema in families/azapiProvider.test.ts. */
const AZAPI_TOKENS = AZAPI_COMPONENTS.flatMap(component => ("token" in component ? [component.token] : []));
/**
 * Classic types that releases before the installed one declared and a program can still pin: `TemplateDeployment`
 * (azurerm_template_deployment), removed from pulumi-azure in August 2024 and now an alias of
 * `ResourceGroupTemplateDeployment`.
 */
const EARLIER_CLASSIC_TOKENS = ["azure:core/templateDeployment:TemplateDeployment"];
import { familyOf } from "../../policy-pack/families/registry";
import { typesThatCannotCreateApps } from "../../policy-pack/families/notApps";
import { ProviderType, providerSdkPath, providerTypes } from "./providerTypes";

const PROVIDERS = ["@pulumi/azure-native", "@pulumi/azure"].map(providerSdkPath);

/**
 * What makes a type a possible route to an app, judged by one of its inputs (at any depth the scan follows): by its
 * name, or by its documentation, which says what an input holds or refers to whatever it is called (a blueprint
 * assignment's `versionId` is "The ID of the Published Version of the blueprint to be assigned").
 */
const ROUTE_SIGNS: { [category: string]: (input: string, doc: string) => boolean } = {
    "carries client-certificate settings": input => /(^|\.)clientCert\w*$/i.test(input),
    "creates a Microsoft.Web/sites-family app": input => /(^|\.)siteConfig$/i.test(input),
    "holds a template Azure deploys, or names one": input =>
        new RegExp(
            "(^|\\.)(template|mainTemplate|templateContent|linkedTemplates|" +
                "templateLink|templateSpec\\w*|armTemplate\\w*|managedApplicationTemplate|networkFunctionTemplate|resourceElementTemplates|" +
                "applicationDefinitionId|blueprintId|policyRule)$",
            "i",
        ).test(input),
    "refers by id to a template holder, whatever the input's name": (_, doc) =>
        new RegExp(
            "\\b(?:id|uri|url)\\s+of\\s+(?:the\\s+|a\\s+|an\\s+)?(?:published version of the blueprint|blueprint(?: version)?|" +
                "template spec(?: version)?|(?:managed )?application definition|(?:arm|resource manager|deployment) template)\\b",
            "i",
        ).test(doc),
    "refers by id to a policy definition, whose effects may deploy a template or write settings": (_, doc) =>
        /\b(?:id|identifier)\s+of\s+(?:the\s+|a\s+|an\s+)?policy\s+(?:set\s+)?definition\b|\bpolicy definition id\b/i.test(
            doc,
        ),
};

/** Types each category must find, so that a scan that stops reading a provider fails instead of passing empty. */
const KNOWN_ROUTES: { [category: string]: string } = {
    "carries client-certificate settings": "azure:appservice/linuxWebApp:LinuxWebApp",
    "creates a Microsoft.Web/sites-family app": "azure-native:web:WebApp",
    "holds a template Azure deploys, or names one": "azure-native:resources:Deployment",
    "refers by id to a template holder, whatever the input's name": "azure:blueprint/assignment:Assignment",
    "refers by id to a policy definition, whose effects may deploy a template or write settings":
        "azure-native:authorization:PolicyAssignment",
};

/** The types of both providers that show a sign, by category. */
function routesByCategory(types: ProviderType[]): Map<string, string[]> {
    return new Map(
        Object.entries(ROUTE_SIGNS).map(([category, sign]) => [
            category,
            types
                .filter(type => type.inputPaths.some(input => sign(input, type.inputDocs.get(input) ?? "")))
                .map(type => type.token),
        ]),
    );
}

describe("coverage of the installed provider SDKs", function () {
    this.timeout(180000); // reading 2,000 types; the first run also fetches classic @pulumi/azure's tarball
    let types: ProviderType[];
    let routes: Map<string, string[]>;

    before(() => {
        types = PROVIDERS.flatMap(providerTypes);
        routes = routesByCategory(types);
    });

    it("reads the resource types of both providers, nested inputs included", () => {
        const tokens = new Set(types.map(type => type.token));
        assert.ok(types.length > 2000, `only ${types.length} types found`);
        assert.ok(tokens.has("azure-native:web:WebApp") && tokens.has("azure:appservice/linuxWebApp:LinuxWebApp"));
        const deployment = types.find(type => type.token === "azure-native:resources:Deployment")!;
        assert.ok(
            deployment.inputPaths.includes("properties.template"),
            "a Deployment's template sits under properties",
        );
    });

    it("finds, in every category it looks for, the types known to belong there", () => {
        for (const [category, known] of Object.entries(KNOWN_ROUTES)) {
            assert.ok(routes.get(category)!.includes(known), `${category}: ${known} not found`);
        }
        assert.deepStrictEqual(Object.keys(KNOWN_ROUTES).sort(), Object.keys(ROUTE_SIGNS).sort());
    });

    for (const category of Object.keys(ROUTE_SIGNS)) {
        it(`checks, or lists with a reason, every type that ${category}`, () => {
            const neither = routes
                .get(category)!
                .filter(token => familyOf(token) === undefined && !typesThatCannotCreateApps.has(token));
            assert.deepStrictEqual(
                neither,
                [],
                "cover these types in policy-pack/families/registry.ts, or list each with the reason " +
                    "it cannot create an App Service app in policy-pack/families/notApps.ts",
            );
        });
    }

    it("lists only types that exist, show a sign, and are not covered, so the list stays true", () => {
        const signalled = new Set([...routes.values()].flat());
        const stale = [...typesThatCannotCreateApps.keys()].filter(
            token => !signalled.has(token) || familyOf(token) !== undefined,
        );
        assert.deepStrictEqual(stale, []);
    });

    it("covers only type tokens that the installed providers declare, the AzAPI provider's checked resources and earlier classic ones", () => {
        // AzAPI reaches Pulumi through the Terraform bridge at a program's request; no SDK of it is installed here.
        const tokens = new Set([...types.map(type => type.token), ...AZAPI_TOKENS, ...EARLIER_CLASSIC_TOKENS]);
        assert.ok(
            EARLIER_CLASSIC_TOKENS.every(token => !types.some(type => type.token === token)),
            "a token the installed SDK declares again belongs with the others",
        );
        assert.deepStrictEqual(
            coveredTypes.filter(token => !tokens.has(token)),
            [],
        );
    });

    it("gives every listed type a reason", () => {
        for (const [token, reason] of typesThatCannotCreateApps) {
            assert.ok(reason.length > 20, token);
        }
    });
});
