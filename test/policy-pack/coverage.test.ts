// Coverage complete by construction: every resource type of the installed provider SDKs that could create or
// change an App Service app, or deploy a template that does, is either checked by the pack or listed with the
// reason it cannot. A provider release that adds such a type fails here instead of opening a way around the pack.
import * as assert from "assert";
import { coveredTypes } from "../../policy-pack/families/coveredTypes";

/** The resources of the Terraform AzAPI provider as the Terraform bridge names them (`azapi_resource`, `azapi_update_resource`). */
const AZAPI_TOKENS = ["azapi:index/resource:Resource", "azapi:index/updateResource:UpdateResource"];
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

/** What makes a type a possible route to an app: the name of one of its inputs, at any depth the scan follows. */
const ROUTE_SIGNS: { [category: string]: RegExp } = {
    "carries client-certificate settings": /(^|\.)clientCert\w*$/i,
    "creates a Microsoft.Web/sites-family app": /(^|\.)siteConfig$/i,
    "holds a template Azure deploys, or names one": new RegExp(
        "(^|\\.)(template|mainTemplate|templateContent|linkedTemplates|" +
            "templateLink|templateSpec\\w*|armTemplate\\w*|managedApplicationTemplate|networkFunctionTemplate|resourceElementTemplates|" +
            "applicationDefinitionId|blueprintId|policyRule)$",
        "i",
    ),
};

/** The types of both providers that show a sign, by category. */
function routesByCategory(types: ProviderType[]): Map<string, string[]> {
    return new Map(
        Object.entries(ROUTE_SIGNS).map(([category, sign]) => [
            category,
            types.filter(type => type.inputPaths.some(input => sign.test(input))).map(type => type.token),
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

    it("covers only type tokens that the installed providers declare, the AzAPI provider's two resources and earlier classic ones", () => {
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
