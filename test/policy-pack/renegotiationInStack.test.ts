// The client-certificate rule's renegotiation check across the stack: exclusion paths make App Service ask for the
// certificate by TLS renegotiation, which HTTP/2 and TLS 1.3 rule out (docs/mutual-tls-renegotiation.md). A site's
// `siteConfig.http20Enabled` and `minTlsVersion` may be written by a `Microsoft.Web/sites/config` named `web` of its
// own, a generic Resource or an AzAPI resource of the stack; the stack policy judges what such a write sets for an
// app that keeps allowed exclusion paths. Driven over the engine's Analyzer protocol, as the engine calls the pack.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { renegotiationInStack } from "../../policy-pack/policies/renegotiationInStack";
import { onlyUnverifiableFindings } from "../../policy-pack/violationWording";
import { AnalyzeResult, RunningPolicyPack, UNKNOWN, urnFor } from "../../tools/engine/policyPackServer";
import { sharedPolicyPack } from "./sharedPack";
import { AZAPI, GENERIC, SITE_ID, stackResource, stackViolations } from "./stackPolicies";

const POLICY = "webapp-client-certificates-renegotiation-in-stack";
const RULE = "webapp-require-client-certificates";
const WEB_APP = "azure-native:web:WebApp";
const WEB_APP_SLOT = "azure-native:web:WebAppSlot";

/** An azure-native app that requires certificates, with HTTP/2 off and TLS 1.2 of its own, and the exclusion paths given. */
const webApp = (exclusionPaths?: unknown) => ({
    type: WEB_APP,
    name: "web",
    properties: {
        resourceGroupName: "rg",
        name: "shop-web",
        kind: "app",
        httpsOnly: true,
        clientCertEnabled: true,
        clientCertMode: "Required",
        ...(exclusionPaths === undefined ? {} : { clientCertExclusionPaths: exclusionPaths }),
        siteConfig: { http20Enabled: false, minTlsVersion: "1.2" },
    },
});

/** A generic Resource writing the site's (or a slot's) general configuration, `config` `web`. */
const genericWeb = (properties: Record<string, unknown>, parent = "sites/shop-web", name: unknown = "web") => ({
    type: GENERIC,
    name: "web-config",
    properties: {
        resourceGroupName: "rg",
        resourceProviderNamespace: "Microsoft.Web",
        parentResourcePath: parent,
        resourceType: "config",
        resourceName: name,
        apiVersion: "2024-04-01",
        properties,
    },
});

const azapiWeb = (properties: Record<string, unknown>) => ({
    type: AZAPI,
    name: "azapi-web",
    properties: {
        type: "Microsoft.Web/sites/config@2024-04-01",
        parentId: SITE_ID,
        name: "web",
        body: { properties },
    },
});

describe("webapp-client-certificates-renegotiation-in-stack, over the engine's Analyzer protocol", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;
    before(async () => {
        pack = await sharedPolicyPack();
    });

    /** One AnalyzeStack with `/health` allowed as an exclusion path; the diagnostics of the stack policy. */
    async function stack(resources: { type: string; name: string; properties: Record<string, unknown> }[]) {
        await pack.configure({ [RULE]: { allowedExclusionPaths: ["/health"] } });
        return of(await pack.analyzeStack(resources));
    }
    const of = (result: AnalyzeResult) => result.diagnostics.filter(d => d.policyName === POLICY);

    it("fails an app with exclusion paths whose generic web config turns HTTP/2 on, at the rule's level", async () => {
        const [violation, ...rest] = await stack([webApp("/health"), genericWeb({ http20Enabled: true })]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation.urn, urnFor(WEB_APP, "web"));
        assert.strictEqual(violation.enforcementLevel, "mandatory");
        assert.strictEqual(violation.severity, "high");
        assert.match(
            violation.message,
            /\nazure-native:web:WebApp "web" does not require incoming client certificates \(CIS Microsoft Azure Foundations Benchmark 9\.4\)\.\n/,
        );
        assert.match(
            violation.message,
            /- clientCertExclusionPaths is "\/health", so App Service asks for the client certificate by TLS renegotiation, which HTTP\/2 and TLS 1\.3 do not offer, and azure-native:resources:Resource "web-config" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets properties\.http20Enabled true: a client on HTTP\/2 cannot be asked for a certificate, so mutual TLS does not hold; required with exclusion paths: http20Enabled false and minTlsVersion "1\.2"\./,
        );
        assert.match(
            violation.message,
            /Fix: set properties\.http20Enabled false and properties\.minTlsVersion "1\.2" in azure-native:resources:Resource "web-config", or remove the exclusion paths \(clientCertExclusionPaths\), so that the certificate is asked for in the TLS handshake\. For an app that already exists: az webapp config set --resource-group <RG> --name <APP> --http20-enabled false --min-tls-version 1\.2/,
        );
    });

    it("fails such an app whose web config sets TLS 1.3 as the minimum", async () => {
        const [violation] = await stack([webApp("/health"), genericWeb({ minTlsVersion: "1.3" })]);
        assert.strictEqual(violation?.urn, urnFor(WEB_APP, "web"));
        assert.match(
            violation.message,
            /sets properties\.minTlsVersion "1\.3": no client can be asked for a certificate, so mutual TLS does not hold/,
        );
    });

    it("fails such an app whose AzAPI web config turns HTTP/2 on", async () => {
        const [violation] = await stack([webApp("/health"), azapiWeb({ http20Enabled: true })]);
        assert.strictEqual(violation?.urn, urnFor(WEB_APP, "web"));
        assert.match(
            violation.message,
            /azapi:index\/resource:Resource "azapi-web" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets body\.properties\.http20Enabled true/,
        );
    });

    it("fails a slot with exclusion paths whose own web config turns HTTP/2 on, not for its site's", async () => {
        const slot = {
            type: WEB_APP_SLOT,
            name: "staging",
            properties: { ...webApp("/health").properties, slot: "staging" },
        };
        const [violation, ...rest] = await stack([
            slot,
            genericWeb({ http20Enabled: true }, "sites/shop-web/slots/staging"),
        ]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation?.urn, urnFor(WEB_APP_SLOT, "staging"));
        assert.match(violation.message, /a Microsoft\.Web\/sites\/slots\/config named "web" of the stack/);
        assert.deepStrictEqual(await stack([slot, genericWeb({ http20Enabled: true })]), [], "the site's web config");
    });

    it("fails a generic Resource site with exclusion paths the same way", async () => {
        const site = {
            type: GENERIC,
            name: "site",
            properties: {
                ...genericWeb({}).properties,
                parentResourcePath: "",
                resourceType: "sites",
                resourceName: "shop-web",
                properties: {
                    httpsOnly: true,
                    clientCertEnabled: true,
                    clientCertMode: "Required",
                    clientCertExclusionPaths: "/health",
                    siteConfig: { http20Enabled: false, minTlsVersion: "1.2" },
                },
            },
        };
        const [violation] = await stack([site, genericWeb({ http20Enabled: true })]);
        assert.strictEqual(violation?.urn, urnFor(GENERIC, "site"));
        assert.match(violation.message, /- properties\.clientCertExclusionPaths is "\/health", so App Service asks/);
    });

    it("passes an app whose web config keeps renegotiation possible, and one without exclusion paths", async () => {
        assert.deepStrictEqual(
            await stack([webApp("/health"), genericWeb({ http20Enabled: false, minTlsVersion: "1.2" })]),
            [],
        );
        assert.deepStrictEqual(await stack([webApp("/health"), azapiWeb({ http20Enabled: false })]), []);
        assert.deepStrictEqual(await stack([webApp("/health"), genericWeb({ ftpsState: "Disabled" })]), []);
        assert.deepStrictEqual(
            await stack([webApp(), genericWeb({ http20Enabled: true, minTlsVersion: "1.3" })]),
            [],
            "no exclusion path: the certificate is asked for in the handshake",
        );
        assert.deepStrictEqual(
            await stack([webApp(), genericWeb({ http20Enabled: UNKNOWN, minTlsVersion: UNKNOWN })]),
            [],
            "a value unknown at preview decides nothing for an app without exclusion paths",
        );
    });

    it("passes a web config for another app", async () => {
        assert.deepStrictEqual(
            await stack([webApp("/health"), genericWeb({ http20Enabled: true }, "sites/other")]),
            [],
        );
    });

    it("leaves to the update, never passes, a web config whose value or name is unknown at preview", async () => {
        for (const web of [
            genericWeb({ http20Enabled: UNKNOWN }),
            genericWeb({ minTlsVersion: UNKNOWN }),
            genericWeb({ http20Enabled: true }, "sites/shop-web", UNKNOWN),
        ]) {
            const [unknown, ...rest] = await stack([webApp("/health"), web]);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(unknown?.enforcementLevel, "advisory", JSON.stringify(web));
            assert.match(unknown.message, /during preview/);
        }
    });

    it("leaves to the update an app whose exclusion paths are unknown at preview, when a web config rules renegotiation out", async () => {
        const [unknown] = await stack([webApp(UNKNOWN), genericWeb({ http20Enabled: true })]);
        assert.strictEqual(unknown?.enforcementLevel, "advisory");
        assert.match(unknown.message, /during preview/);
    });

    it("applies the rule's exemptions and judges exclusion paths the rule does not allow only once they are allowed", async () => {
        await pack.configure({
            [RULE]: { allowedExclusionPaths: ["/health"], exemptions: [{ resource: "web", reason: "SEC-7 reviewed" }] },
        });
        assert.deepStrictEqual(
            of(await pack.analyzeStack([webApp("/health"), genericWeb({ http20Enabled: true })])),
            [],
        );
        assert.deepStrictEqual(await stack([webApp("/admin"), genericWeb({ http20Enabled: true })]), []);
    });

    it("judges Azure's answer for a deployed web config", async () => {
        // After the update a generic Resource's outputs are Azure's answer, with the whole configuration the app has.
        const deployedWeb = (properties: Record<string, unknown>) => ({
            type: GENERIC,
            name: "web-config",
            properties: { id: `${SITE_ID}/config/web`, type: "Microsoft.Web/sites/config", name: "web", properties },
        });
        const [violation] = await stack([
            webApp("/health"),
            deployedWeb({ http20Enabled: true, minTlsVersion: "1.2" }),
        ]);
        assert.match(
            violation?.message ?? "",
            /"web-config" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets properties\.http20Enabled true/,
        );
        assert.deepStrictEqual(
            await stack([webApp("/health"), deployedWeb({ http20Enabled: false, minTlsVersion: "1.2" })]),
            [],
        );
    });
});

describe("webapp-client-certificates-renegotiation-in-stack, called directly", () => {
    const config = { allowedExclusionPaths: ["/health"] };
    const judged = (resources: PolicyResource[]) => stackViolations(renegotiationInStack, resources, config);
    const app = stackResource(WEB_APP, "web", webApp("/health").properties);

    it("matches a web config and reads its settings in any letter case, as ARM does", () => {
        for (const [parent, collection, name, properties] of [
            ["SITES/SHOP-WEB", "config", "web", { http20Enabled: true }],
            ["sites/shop-web", "CONFIG", "WEB", { HTTP20ENABLED: true }],
            ["Sites/Shop-Web", "Config", "Web", { MinTlsVersion: "1.3" }],
        ] as const) {
            const web = stackResource(GENERIC, "web-config", {
                ...genericWeb(properties, parent).properties,
                resourceType: collection,
                resourceName: name,
            });
            const found = judged([app, web]);
            assert.strictEqual(found.length, 1, `${parent} ${collection} ${name} ${JSON.stringify(properties)}`);
            assert.strictEqual(found[0].urn, app.urn);
        }
    });

    it("reports, never passes, a web config value it cannot verify", () => {
        const [violation] = judged([
            app,
            stackResource(AZAPI, "azapi-web", {
                ...azapiWeb({ http20Enabled: false }).properties,
                sensitiveBody: { properties: { http20Enabled: true } },
                sensitiveBodyVersion: { "properties.http20Enabled": "1" },
            }),
        ]);
        assert.match(
            violation?.message ?? "",
            /"azapi-web" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets body\.properties\.http20Enabled, which cannot be verified before deployment \(sensitiveBody sends it only when sensitiveBodyVersion changes\): whether a client can be asked for a certificate cannot be verified/,
        );
    });

    it("judges nothing when the rule's config allows no exclusion path: the rule's resource policy fails any", () => {
        const web = stackResource(GENERIC, "web-config", genericWeb({ http20Enabled: true }).properties);
        assert.deepStrictEqual(stackViolations(renegotiationInStack, [app, web]), []);
        const unknownPaths = stackResource(WEB_APP, "web", webApp(UNKNOWN).properties);
        assert.deepStrictEqual(
            stackViolations(renegotiationInStack, [unknownPaths, web]),
            [],
            "nothing left to the update",
        );
    });

    it("names every web config that rules renegotiation out, and the fix in each", () => {
        const [violation, ...rest] = judged([
            app,
            stackResource(GENERIC, "web-config", genericWeb({ http20Enabled: true }).properties),
            stackResource(AZAPI, "azapi-web", azapiWeb({ minTlsVersion: "1.3" }).properties),
        ]);
        assert.deepStrictEqual(rest, []);
        assert.match(
            violation.message,
            /"web-config" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets properties\.http20Enabled true and azapi:index\/resource:Resource "azapi-web" \(a Microsoft\.Web\/sites\/config named "web" of the stack\) sets body\.properties\.minTlsVersion "1\.3": no client can be asked for a certificate/,
        );
        assert.match(
            violation.message,
            /Fix: set properties\.http20Enabled false and properties\.minTlsVersion "1\.2" in azure-native:resources:Resource "web-config"; body\.properties\.http20Enabled false and body\.properties\.minTlsVersion "1\.2" in azapi:index\/resource:Resource "azapi-web", or remove the exclusion paths/,
        );
    });

    it("reports, never passes, an app whose own request cannot be read, with the value each web config writes and the fix", () => {
        // An AzAPI site given only by its id: which site it is is known, what its request sends is not.
        const unreadable = stackResource(AZAPI, "site", {
            id: SITE_ID,
            body: { properties: { clientCertEnabled: true } },
        });
        const [violation, ...rest] = judged([
            unreadable,
            stackResource(GENERIC, "web-config", genericWeb({ http20Enabled: true }).properties),
        ]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation?.urn, unreadable.urn);
        assert.strictEqual(
            violation.message,
            'azapi:index/resource:Resource "site" does not require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).\n' +
                "- clientCertExclusionPaths cannot be verified before deployment: the site's request cannot be read from what " +
                'the engine gives the stack policy, and azure-native:resources:Resource "web-config" (a Microsoft.Web/sites/config ' +
                'named "web" of the stack) sets properties.http20Enabled true, which rules out the TLS renegotiation exclusion ' +
                'paths need; required: no exclusion path, or http20Enabled false and minTlsVersion "1.2" in each of these web configs.\n' +
                'Fix: set properties.http20Enabled false and properties.minTlsVersion "1.2" in azure-native:resources:Resource ' +
                '"web-config", so that exclusion paths can work; or, if the app keeps no exclusion path (clientCertExclusionPaths), ' +
                "let the policy read its request (the inputs that name the site, not only its id). For an app that already " +
                "exists: az webapp config set --resource-group <RG> --name <APP> --http20-enabled false --min-tls-version 1.2",
        );
        assert.ok(
            onlyUnverifiableFindings(violation.message),
            "reports count it as cannot be verified, not as failing",
        );
        assert.deepStrictEqual(
            judged([unreadable, stackResource(GENERIC, "web-config", genericWeb({ http20Enabled: false }).properties)]),
            [],
            "the fix passes",
        );
    });

    it("judges a deployed generic Resource site by Azure's answer, which holds its exclusion paths", () => {
        const deployedSite = (properties: Record<string, unknown>) =>
            stackResource(GENERIC, "site", { id: SITE_ID, type: "Microsoft.Web/sites", name: "shop-web", properties });
        const deployedWeb = stackResource(GENERIC, "web-config", {
            id: `${SITE_ID}/config/web`,
            type: "Microsoft.Web/sites/config",
            name: "web",
            properties: { http20Enabled: true, minTlsVersion: "1.2" },
        });
        const withPaths = deployedSite({ clientCertEnabled: true, clientCertExclusionPaths: "/health" });
        assert.deepStrictEqual(
            judged([withPaths, deployedWeb]).map(v => v.urn),
            [withPaths.urn],
        );
        assert.deepStrictEqual(judged([deployedSite({ clientCertEnabled: true }), deployedWeb]), []);
    });
});
