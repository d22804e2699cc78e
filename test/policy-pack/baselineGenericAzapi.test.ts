// The baseline rules on the routes that declare a site without an App Service type: the generic azure-native
// `resources:Resource` and the AzAPI provider's resources, through the compiled pack as the engine drives it. The
// body is read as ARM reads it (keys inside `properties` in any letter case, `identity` beside it, AzAPI's body as
// an object or JSON text), an unset setting only the site holds is Azure's default, and an unset setting that a
// separate resource of the stack may write is left to the rule's stack part (siteConfigInStack.test.ts).
import * as assert from "assert";
import { AnalyzeResult, RunningPolicyPack, UNKNOWN } from "../../tools/engine/policyPackServer";
import { sharedPolicyPack } from "./sharedPack";

const GENERIC = "azure-native:resources:Resource";
const AZAPI = "azapi:index/resource:Resource";
const AZAPI_UPDATE = "azapi:index/updateResource:UpdateResource";
const certificates = { clientCertEnabled: true, clientCertMode: "Required" };

/** A body that meets every rule whose settings the site itself holds. */
const secureProperties = {
    ...certificates,
    httpsOnly: true,
    siteConfig: {
        minTlsVersion: "1.2",
        scmMinTlsVersion: "1.2",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http20Enabled: true,
    },
};
const systemAssigned = { type: "SystemAssigned" };

/** A generic Resource that declares the site `web`. */
const genericSite = (properties: unknown, extra: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg",
    resourceProviderNamespace: "Microsoft.Web",
    parentResourcePath: "",
    resourceType: "sites",
    resourceName: "web",
    apiVersion: "2024-04-01",
    properties,
    ...extra,
});

const GROUP_ID = "/subscriptions/s/resourceGroups/rg";
/** An AzAPI resource that declares the site `web` with `body`. */
const azapiSite = (body: unknown, extra: Record<string, unknown> = {}) => ({
    type: "Microsoft.Web/sites@2024-04-01",
    name: "web",
    parentId: GROUP_ID,
    body,
    ...extra,
});

const levels = (result: AnalyzeResult) => result.diagnostics.map(d => [d.policyName, d.enforcementLevel]);
const messageOf = (result: AnalyzeResult, policy: string) => {
    const found = result.diagnostics.find(d => d.policyName === policy);
    assert.ok(found, `${policy} reports nothing: ${JSON.stringify(levels(result))}`);
    return found.message;
};

describe("the baseline rules on generic Resource sites and AzAPI bodies", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;

    before(async () => {
        pack = await sharedPolicyPack();
        await pack.configure({});
    });

    it("passes a generic Resource site whose body meets every rule, with no notice", async () => {
        const result = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite(secureProperties, { identity: systemAssigned }),
        });
        assert.deepStrictEqual(levels(result), []);
    });

    it("fails each rule on a generic Resource site's insecure values, keys in any letter case inside properties", async () => {
        const result = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite(
                {
                    ...certificates,
                    HttpsOnly: false,
                    SiteConfig: {
                        MinTlsVersion: "1.0",
                        scmminTLSversion: "1.1",
                        FTPSSTATE: "allallowed",
                        remoteDebuggingEnabled: true,
                        HTTP20Enabled: false,
                    },
                },
                { identity: { type: "None" } },
            ),
        });
        assert.deepStrictEqual(levels(result), [
            ["webapp-https-only", "mandatory"],
            ["webapp-minimum-tls-version", "mandatory"],
            ["webapp-ftp-deployments-disabled", "mandatory"],
            ["webapp-remote-debugging-off", "mandatory"],
            ["webapp-managed-identity", "advisory"],
            ["webapp-http2", "advisory"],
        ]);
        assert.match(messageOf(result, "webapp-https-only"), /- properties\.httpsOnly is false; required: true\./);
        const tls = messageOf(result, "webapp-minimum-tls-version");
        assert.match(tls, /- properties\.siteConfig\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"\./);
        assert.match(tls, /- properties\.siteConfig\.scmMinTlsVersion is "1\.1"; required/);
        assert.match(
            tls,
            /Fix: set properties\.siteConfig\.minTlsVersion, properties\.siteConfig\.scmMinTlsVersion in the resource's properties in your program/,
        );
        assert.match(
            messageOf(result, "webapp-ftp-deployments-disabled"),
            /- properties\.siteConfig\.ftpsState is "allallowed"; required: "Disabled"\./,
        );
        assert.match(messageOf(result, "webapp-managed-identity"), /- identity is \{"type":"None"\}/);
        assert.match(
            messageOf(result, "webapp-http2"),
            /- properties\.siteConfig\.http20Enabled is false; required: true\./,
        );
    });

    it('reads an enum in any letter case as Azure does: ftpsState "disabled" complies', async () => {
        const result = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite(
                { ...secureProperties, siteConfig: { ...secureProperties.siteConfig, ftpsState: "disabled" } },
                { identity: systemAssigned },
            ),
        });
        assert.deepStrictEqual(levels(result), []);
    });

    it("judges an unset setting only the site holds as Azure's default, and leaves unset siteConfig ones to the stack parts", async () => {
        const result = await pack.analyze({ type: GENERIC, name: "generic", properties: genericSite(certificates) });
        assert.deepStrictEqual(levels(result), [
            ["webapp-https-only", "mandatory"],
            ["webapp-managed-identity", "advisory"],
        ]);
        assert.match(
            messageOf(result, "webapp-https-only"),
            /- properties\.httpsOnly is not set, and Azure's default is false; required: true\./,
        );
    });

    it("takes publicNetworkAccess from properties when the config turns the rule on, unset being Azure's Enabled", async () => {
        await pack.configure({ "webapp-public-network-access-disabled": { enforcementLevel: "mandatory" } });
        try {
            const unset = await pack.analyze({
                type: GENERIC,
                name: "generic",
                properties: genericSite(secureProperties, { identity: systemAssigned }),
            });
            assert.match(
                messageOf(unset, "webapp-public-network-access-disabled"),
                /properties\.publicNetworkAccess is not set, and Azure's default is "Enabled"; required: "Disabled"/,
            );
            const disabled = await pack.analyze({
                type: GENERIC,
                name: "generic",
                properties: genericSite(
                    { ...secureProperties, PublicNetworkAccess: "Disabled" },
                    { identity: systemAssigned },
                ),
            });
            assert.deepStrictEqual(levels(disabled), []);
        } finally {
            await pack.configure({});
        }
    });

    it("leaves a setting unknown at preview to the update, and still reports a definite violation beside it", async () => {
        const unknown = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite({ ...secureProperties, httpsOnly: UNKNOWN }, { identity: systemAssigned }),
        });
        assert.deepStrictEqual(levels(unknown), [["webapp-https-only", "advisory"]]);
        assert.match(messageOf(unknown, "webapp-https-only"), /can't run policy 'webapp-https-only' .* during preview/);
        const beside = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite(
                { ...secureProperties, siteConfig: { minTlsVersion: "1.0", scmMinTlsVersion: UNKNOWN } },
                { identity: systemAssigned },
            ),
        });
        const tls = messageOf(beside, "webapp-minimum-tls-version");
        assert.match(tls, /properties\.siteConfig\.minTlsVersion is "1\.0"/);
        assert.match(tls, /properties\.siteConfig\.scmMinTlsVersion .*not known/);
    });

    it("judges the sites of a template a generic Resource deploys, with their child resources", async () => {
        const result = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: {
                resourceGroupName: "rg",
                resourceProviderNamespace: "Microsoft.Resources",
                parentResourcePath: "",
                resourceType: "deployments",
                resourceName: "d",
                apiVersion: "2024-03-01",
                properties: {
                    mode: "Incremental",
                    template: {
                        resources: [
                            {
                                type: "Microsoft.Web/sites",
                                apiVersion: "2024-04-01",
                                name: "inner",
                                identity: systemAssigned,
                                properties: { ...secureProperties, httpsOnly: false },
                                resources: ["ftp", "scm"].map(name => ({
                                    type: "basicPublishingCredentialsPolicies",
                                    apiVersion: "2024-04-01",
                                    name,
                                    properties: { allow: false },
                                })),
                            },
                        ],
                    },
                },
            },
        });
        assert.deepStrictEqual(levels(result), [
            ["webapp-https-only", "mandatory"],
            ["webapp-authentication", "advisory"],
        ]);
        assert.match(
            messageOf(result, "webapp-https-only"),
            /properties\.template\.resources\[0\]\.properties\.httpsOnly is false; required: true\./,
        );
    });

    it("reads an AzAPI body given as JSON text, and names its paths under body", async () => {
        const result = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite(
                JSON.stringify({
                    identity: systemAssigned,
                    properties: { ...secureProperties, httpsOnly: false, siteConfig: { minTlsVersion: "1.1" } },
                }),
            ),
        });
        assert.deepStrictEqual(levels(result), [
            ["webapp-https-only", "mandatory"],
            ["webapp-minimum-tls-version", "mandatory"],
        ]);
        assert.match(
            messageOf(result, "webapp-https-only"),
            /- body\.properties\.httpsOnly is false; required: true\./,
        );
        assert.match(
            messageOf(result, "webapp-minimum-tls-version"),
            /- body\.properties\.siteConfig\.minTlsVersion is "1\.1"/,
        );
    });

    it("fails an AzAPI site whose insecure settings are keyed in another letter case inside properties, as Azure reads them", async () => {
        const result = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite({
                identity: systemAssigned,
                properties: {
                    ClientCertEnabled: false,
                    clientCertMode: "Required",
                    httpsOnly: true,
                    SiteConfig: {
                        MinTlsVersion: "1.0",
                        scmMinTlsVersion: "1.2",
                        ftpsState: "Disabled",
                        remoteDebuggingEnabled: false,
                        http20Enabled: true,
                    },
                },
            }),
        });
        assert.deepStrictEqual(levels(result), [
            ["webapp-require-client-certificates", "mandatory"],
            ["webapp-minimum-tls-version", "mandatory"],
        ]);
        assert.match(
            messageOf(result, "webapp-require-client-certificates"),
            /- body\.properties\.clientCertEnabled is false \(portal: client certificate mode "Ignore"\)/,
        );
        assert.match(
            messageOf(result, "webapp-minimum-tls-version"),
            /- body\.properties\.siteConfig\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"\./,
        );
    });

    it("passes an AzAPI body object that meets every rule, its managed identity beside properties", async () => {
        const result = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite({ identity: { type: "SystemAssigned, UserAssigned" }, properties: secureProperties }),
        });
        assert.deepStrictEqual(levels(result), []);
    });

    it("reads the sensitive body merged over the body", async () => {
        const result = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite(
                { identity: systemAssigned, properties: secureProperties },
                { sensitiveBody: { properties: { siteConfig: { remoteDebuggingEnabled: true } } } },
            ),
        });
        assert.deepStrictEqual(levels(result), [["webapp-remote-debugging-off", "mandatory"]]);
        assert.match(
            messageOf(result, "webapp-remote-debugging-off"),
            /body\.properties\.siteConfig\.remoteDebuggingEnabled is true; required: false\./,
        );
    });

    it("judges only what an update of an existing site writes: an unset setting keeps its value, and no notice", async () => {
        const update = (body: unknown) => ({
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: `${GROUP_ID}/providers/Microsoft.Web/sites/web`,
            body,
        });
        const insecure = await pack.analyze({
            type: AZAPI_UPDATE,
            name: "patch",
            properties: update({ properties: { siteConfig: { minTlsVersion: "1.0", FtpsState: "FtpsOnly" } } }),
        });
        assert.deepStrictEqual(levels(insecure), [
            ["webapp-minimum-tls-version", "mandatory"],
            ["webapp-ftp-deployments-disabled", "mandatory"],
        ]);
        assert.match(
            messageOf(insecure, "webapp-ftp-deployments-disabled"),
            /- body\.properties\.siteConfig\.ftpsState is "FtpsOnly"; required: "Disabled"\./,
        );
        const secure = await pack.analyze({
            type: AZAPI_UPDATE,
            name: "patch",
            properties: update(JSON.stringify({ properties: { httpsOnly: true } })),
        });
        assert.deepStrictEqual(levels(secure), []);
    });

    it("reports, never passes, a body or path it cannot read, under each rule", async () => {
        const notJson = await pack.analyze({ type: AZAPI, name: "azapi", properties: azapiSite("{ not json") });
        for (const policy of ["webapp-https-only", "webapp-minimum-tls-version"]) {
            assert.match(
                messageOf(notJson, policy),
                /- body cannot be verified before deployment: body is text that is not JSON/,
            );
        }
        const twice = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: genericSite(
                { ...secureProperties, httpsOnly: true, HTTPSONLY: false },
                { identity: systemAssigned },
            ),
        });
        assert.match(
            messageOf(twice, "webapp-https-only"),
            /properties\.httpsOnly cannot be verified before deployment: it is given twice/,
        );
    });

    it("reports, never reads in its place, a top-level member in another letter case, in each route's own terms", async () => {
        const wrongCase = {
            Properties: { ...secureProperties, siteConfig: { ...secureProperties.siteConfig, minTlsVersion: "1.0" } },
        };
        const azapi = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite({ ...wrongCase, identity: systemAssigned }),
        });
        const tls = messageOf(azapi, "webapp-minimum-tls-version");
        assert.match(
            tls,
            /- body\.properties\.siteConfig\.minTlsVersion cannot be verified before deployment: body gives it as "Properties", where type "Microsoft\.Web\/sites@2024-04-01" declares "properties": AzAPI's schema validation refuses that spelling unless schemaValidationEnabled is false, and then Azure, which reads keys in any letter case, may apply it; required: body's member spelt "properties"\./,
        );
        assert.doesNotMatch(tls, /input/, "AzAPI's body is one input: its members are no inputs of the provider");
        assert.match(
            messageOf(azapi, "webapp-require-client-certificates"),
            /- body\.properties\.clientCertEnabled cannot be verified before deployment: body gives it as "Properties"/,
        );
        const config = await pack.analyze({
            type: AZAPI,
            name: "azapi-web-config",
            properties: {
                type: "Microsoft.Web/sites/config@2024-04-01",
                name: "web",
                parentId: `${GROUP_ID}/providers/Microsoft.Web/sites/web`,
                body: { Properties: { minTlsVersion: "1.0" } },
            },
        });
        assert.match(
            messageOf(config, "webapp-minimum-tls-version"),
            /body gives it as "Properties", where type "Microsoft\.Web\/sites\/config@2024-04-01" declares "properties"/,
        );
        const { properties: _, ...pathInputs } = genericSite(undefined, { identity: systemAssigned });
        const generic = await pack.analyze({
            type: GENERIC,
            name: "generic",
            properties: { ...pathInputs, ...wrongCase },
        });
        assert.match(
            messageOf(generic, "webapp-minimum-tls-version"),
            /- properties\.siteConfig\.minTlsVersion cannot be verified before deployment: it is given as "Properties", and the provider sends only an input named "properties"; required: the input spelt "properties"\./,
        );
    });

    it("reports a setting under a path ignoreBodyChanges lists: once the site exists, a change there is not sent", async () => {
        const result = await pack.analyze({
            type: AZAPI,
            name: "azapi",
            properties: azapiSite(
                { identity: systemAssigned, properties: secureProperties },
                { ignoreBodyChanges: ["properties.siteConfig"] },
            ),
        });
        assert.match(
            messageOf(result, "webapp-minimum-tls-version"),
            /body\.properties\.siteConfig\.minTlsVersion cannot be verified before deployment: ignoreBodyChanges lists/,
        );
        assert.ok(!result.diagnostics.some(d => d.policyName === "webapp-https-only"));
    });

    it("fails allowed exclusion paths on a generic Resource site that turns HTTP/2 on, which renegotiation needs off", async () => {
        await pack.configure({ "webapp-require-client-certificates": { allowedExclusionPaths: ["/health"] } });
        try {
            const result = await pack.analyze({
                type: GENERIC,
                name: "generic",
                properties: genericSite(
                    { ...secureProperties, clientCertExclusionPaths: "/health" },
                    { identity: systemAssigned },
                ),
            });
            assert.match(
                messageOf(result, "webapp-require-client-certificates"),
                /properties\.siteConfig\.http20Enabled/,
            );
            // HTTP/2 is not asked for where mutual TLS needs renegotiation.
            assert.ok(!result.diagnostics.some(d => d.policyName === "webapp-http2"));
        } finally {
            await pack.configure({});
        }
    });

    it("leaves basic-auth publishing and authentication of a site a PUT resource action writes to the stack policies, with no notice", async () => {
        const result = await pack.analyze({
            type: "azapi:index/resourceAction:ResourceAction",
            name: "put",
            properties: {
                type: "Microsoft.Web/sites@2024-04-01",
                resourceId: `${GROUP_ID}/providers/Microsoft.Web/sites/web`,
                method: "PUT",
                body: { identity: systemAssigned, properties: secureProperties },
            },
        });
        assert.deepStrictEqual(levels(result), []);
    });
});
