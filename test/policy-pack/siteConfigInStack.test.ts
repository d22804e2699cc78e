// The stack parts of webapp-ftp-deployments-disabled and webapp-http2: a site a generic Resource or an AzAPI resource
// declares that leaves `siteConfig.ftpsState` or `siteConfig.http20Enabled` unset gets the value a
// `Microsoft.Web/sites/config` `web` resource of the stack writes for it (generic Resource or AzAPI), else Azure's
// default, which fails; a value unknown at preview, and a resource whose id is unknown there, leave it to the update.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { ftpDeploymentsRule } from "../../policy-pack/baseline/rules/ftpDeployments";
import { http2Rule } from "../../policy-pack/baseline/rules/http2";
import { ftpDeploymentsInStack, http2InStack } from "../../policy-pack/policies/siteConfigInStack";
import { WriteIndex } from "../../policy-pack/stack/writtenSettings";
import { requestResourceOf } from "../../policy-pack/stack/requestResources";
import { onlyUnverifiableFindings } from "../../policy-pack/violationWording";
import {
    AnalyzeResult,
    ResourceUnderTest,
    RunningPolicyPack,
    UNKNOWN as WIRE_UNKNOWN,
    urnFor,
} from "../../tools/engine/policyPackServer";
import { providerSdkPath, providerTypes } from "./providerTypes";
import { sharedPolicyPack } from "./sharedPack";
import {
    AZAPI,
    generic,
    GENERIC,
    GROUP_ID,
    SITE_ID,
    stackResource as resource,
    stackViolations,
} from "./stackPolicies";
import { UNKNOWN, UnknownValueError } from "./support";

const ftps = (resources: PolicyResource[], config: Record<string, unknown> = {}) =>
    stackViolations(ftpDeploymentsInStack, resources, config);
const http2 = (resources: PolicyResource[]) => stackViolations(http2InStack, resources);

/** A generic Resource site that sets every other setting and leaves `siteConfig` as given. */
const genericSite = (siteConfig: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    generic("site", "", "sites", "shop-web", { httpsOnly: true, siteConfig, ...extra });
const genericWeb = (properties: unknown, site = "shop-web") =>
    generic(`web-${site}`, `sites/${site}`, "config", "web", properties);

const azapiSite = (siteConfig: Record<string, unknown> = {}) =>
    resource(AZAPI, "azapi-site", {
        type: "Microsoft.Web/sites@2024-04-01",
        parentId: GROUP_ID,
        name: "shop-web",
        body: { properties: { httpsOnly: true, siteConfig } },
    });
const azapiWeb = (body: unknown, extra: Record<string, unknown> = {}) =>
    resource(AZAPI, "azapi-web", {
        type: "Microsoft.Web/sites/config@2024-04-01",
        parentId: SITE_ID,
        name: "web",
        body,
        ...extra,
    });

describe("webapp-ftp-deployments-in-stack", () => {
    it("is the ftp rule's stack part, at the rule's enforcement level", () => {
        assert.strictEqual(ftpDeploymentsRule.stackPart, ftpDeploymentsInStack.name);
        assert.strictEqual(ftpDeploymentsInStack.name, "webapp-ftp-deployments-in-stack");
        assert.strictEqual(ftpDeploymentsInStack.enforcementLevel, "mandatory");
    });

    it("reports, never passes, a site whose request cannot be read while no web config of the stack sets ftpsState for it", () => {
        // An AzAPI site given only by its id: which site it is is known, what its request sends is not.
        const unreadable = resource(AZAPI, "site", {
            id: SITE_ID,
            body: { properties: { httpsOnly: true, siteConfig: {} } },
        });
        const [violation, ...rest] = ftps([unreadable]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation?.urn, unreadable.urn);
        const [headline, finding, fix] = violation.message.split("\n");
        assert.match(headline, /^azapi:index\/resource:Resource "site" fails the FTP deployments rule /);
        assert.strictEqual(
            finding,
            "- siteConfig.ftpsState cannot be verified before deployment: the site's request cannot be read from what " +
                'the engine gives the stack policy, and no Microsoft.Web/sites/config named "web" (generic Resource or ' +
                'AzAPI) in the stack sets ftpsState for this app (resource group, app: "rg/shop-web"); required: "Disabled".',
        );
        assert.match(
            fix,
            /^Fix: set siteConfig.ftpsState to "Disabled", or declare a Microsoft.Web\/sites\/config named "web" .* --ftps-state Disabled\.$/,
        );
        assert.ok(
            onlyUnverifiableFindings(violation.message),
            "reports count it as cannot be verified, not as failing",
        );
        assert.deepStrictEqual(ftps([unreadable, genericWeb({ ftpsState: "Disabled" })]), [], "the fix passes");
        assert.match(
            ftps([unreadable, genericWeb({ ftpsState: "AllAllowed" })])[0]?.message ?? "",
            /\n- ftpsState: azure-native:resources:Resource "web-shop-web" sets properties.ftpsState "AllAllowed"; required: "Disabled"\.\n/,
        );
    });

    it("passes a site that leaves ftpsState unset when a web config of the stack disables FTP for it", () => {
        assert.deepStrictEqual(ftps([genericSite(), genericWeb({ ftpsState: "Disabled" })]), []);
        assert.deepStrictEqual(ftps([genericSite(), genericWeb({ FtpsState: "disabled" })]), [], "ARM's letter case");
        assert.deepStrictEqual(ftps([azapiSite(), azapiWeb({ properties: { ftpsState: "Disabled" } })]), []);
        assert.deepStrictEqual(ftps([azapiSite(), genericWeb({ ftpsState: "Disabled" })]), [], "across providers");
    });

    it("fails such a site when nothing in the stack sets ftpsState for it, with Azure's default and the fix", () => {
        const [violation, ...rest] = ftps([genericSite(), genericWeb({ ftpsState: "Disabled" }, "other")]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation.urn, genericSite().urn);
        assert.match(violation.message, /^azure-native:resources:Resource "site" fails the FTP deployments rule/);
        assert.match(
            violation.message,
            /- properties\.siteConfig\.ftpsState is not set, and no Microsoft\.Web\/sites\/config named "web" \(generic Resource or AzAPI\) in the stack sets ftpsState for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: "AllAllowed"; required: "Disabled"\./,
        );
        assert.match(violation.message, /Fix: set properties\.siteConfig\.ftpsState to "Disabled", or declare a /);
        assert.match(violation.message, /az webapp config set .* --ftps-state Disabled/);
        const [azapi] = ftps([azapiSite()]);
        assert.match(azapi.message, /- body\.properties\.siteConfig\.ftpsState is not set, and no /);
    });

    it("fails a site whose web config allows FTP, naming that resource and its value", () => {
        const [violation] = ftps([genericSite(), genericWeb({ ftpsState: "AllAllowed" })]);
        assert.strictEqual(violation.urn, genericSite().urn);
        assert.match(
            violation.message,
            /- ftpsState: azure-native:resources:Resource "web-shop-web" sets properties\.ftpsState "AllAllowed"; required: "Disabled"\./,
        );
    });

    it("accepts FtpsOnly where the rule's config allows it, and applies the rule's exemptions", () => {
        const resources = [genericSite(), genericWeb({ ftpsState: "FtpsOnly" })];
        assert.strictEqual(ftps(resources).length, 1);
        assert.deepStrictEqual(ftps(resources, { allowFtpsOnly: true }), []);
        assert.deepStrictEqual(
            ftps([genericSite()], { exemptions: [{ resource: "site", reason: "SEC-4 reviewed" }] }),
            [],
        );
    });

    it("leaves a site that sets ftpsState itself to the rule's resource policy", () => {
        assert.deepStrictEqual(ftps([genericSite({ ftpsState: "AllAllowed" })]), []);
        assert.deepStrictEqual(
            ftps([genericSite({ ftpsState: "Disabled" }), genericWeb({ ftpsState: "Disabled" })]),
            [],
        );
    });

    it("judges a site an AzAPI resource action PUTs whole as the other AzAPI sites", () => {
        const put = resource("azapi:index/resourceAction:ResourceAction", "put-site", {
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: SITE_ID,
            method: "PUT",
            body: { properties: { httpsOnly: true } },
        });
        assert.deepStrictEqual(ftps([put, azapiWeb({ properties: { ftpsState: "Disabled" } })]), []);
        assert.match(ftps([put])[0].message, /- body\.properties\.siteConfig\.ftpsState is not set, and no /);
    });

    it("matches a slot with its own web config, not its site's", () => {
        const slot = generic("slot", "sites/shop-web", "slots", "staging", { siteConfig: {} });
        const slotWeb = generic("slot-web", "sites/shop-web/slots/staging", "config", "web", { ftpsState: "Disabled" });
        assert.deepStrictEqual(ftps([slot, slotWeb]), []);
        assert.deepStrictEqual(
            ftps([slot, genericWeb({ ftpsState: "Disabled" })]).map(v => v.urn),
            [slot.urn],
        );
    });

    it("leaves to the update, never passes, a value or a resource unknown at preview", () => {
        const isUnknown = (e: unknown) => e instanceof UnknownValueError;
        assert.throws(() => ftps([genericSite(), genericWeb({ ftpsState: UNKNOWN })]), isUnknown);
        assert.throws(() => ftps([genericSite({ ftpsState: UNKNOWN })]), isUnknown);
        const unknownId = resource(GENERIC, "unknown", { id: UNKNOWN, properties: { ftpsState: "Disabled" } });
        assert.throws(() => ftps([genericSite(), unknownId]), isUnknown);
    });

    it("reports, never passes, a web config value it cannot verify", () => {
        const [versioned] = ftps([
            azapiSite(),
            azapiWeb(
                { properties: { ftpsState: "AllAllowed" } },
                {
                    sensitiveBody: { properties: { ftpsState: "Disabled" } },
                    sensitiveBodyVersion: { "properties.ftpsState": "1" },
                },
            ),
        ]);
        assert.match(
            versioned.message,
            /- ftpsState: azapi:index\/resource:Resource "azapi-web" sets body\.properties\.ftpsState, which cannot be verified before deployment: sensitiveBody sends it only when sensitiveBodyVersion changes; required: "Disabled"\./,
        );
    });

    it("reports a site Azure's answer describes without its configuration, unless a web config decides it", () => {
        // After the update a generic Resource's outputs are Azure's answer, whose siteConfig is not the app's: the
        // configuration is the site's config web resource (Microsoft's "Web Apps - Get Configuration").
        const deployed = resource(GENERIC, "site", {
            id: SITE_ID,
            type: "Microsoft.Web/sites",
            name: "shop-web",
            properties: { httpsOnly: true, siteConfig: { numberOfWorkers: 1 } },
        });
        const [violation] = ftps([deployed]);
        assert.match(
            violation.message,
            /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer for the site does not hold its configuration, and no Microsoft\.Web\/sites\/config named "web" \(generic Resource or AzAPI\) in the stack sets ftpsState for this app/,
        );
        const deployedWeb = resource(GENERIC, "web", {
            id: `${SITE_ID}/config/web`,
            type: "Microsoft.Web/sites/config",
            name: "web",
            properties: { ftpsState: "Disabled" },
        });
        assert.deepStrictEqual(ftps([deployed, deployedWeb]), []);
    });

    it("matches each site only with the writes that may be its own, so a large stack is one pass", () => {
        const sites = Array.from({ length: 1500 }, (_, i) => generic(`s${i}`, "", "sites", `app${i}`, {}));
        const webs = Array.from({ length: 1500 }, (_, i) =>
            generic(`w${i}`, `sites/app${i}`, "config", "web", { ftpsState: "Disabled" }),
        );
        const addressOfRequest = (r: PolicyResource) => {
            const request = requestResourceOf(r);
            assert.ok(request !== undefined && !("unknown" in request));
            return "site" in request ? request.site : request.child;
        };
        const index = new WriteIndex(
            webs.map(w => ({ resource: w, address: addressOfRequest(w), value: { value: "Disabled" } })),
        );
        assert.deepStrictEqual(
            index.candidatesFor(addressOfRequest(sites[7])).map(w => w.resource.name),
            ["w7"],
        );
        assert.deepStrictEqual(ftps([...sites, ...webs]), []);
    });

    it("has no azure-native type of its own to read: azure-native declares no sites/config web resource", function () {
        this.timeout(60_000);
        const withFtpsState = providerTypes(providerSdkPath("@pulumi/azure-native"))
            .filter(t => t.token.startsWith("azure-native:web:") && t.inputPaths.includes("ftpsState"))
            .map(t => t.token);
        assert.deepStrictEqual(withFtpsState, []);
    });
});

describe("webapp-http2-in-stack", () => {
    it("is the HTTP/2 rule's stack part, advisory as the rule", () => {
        assert.strictEqual(http2Rule.stackPart, http2InStack.name);
        assert.strictEqual(http2InStack.name, "webapp-http2-in-stack");
        assert.strictEqual(http2InStack.enforcementLevel, "advisory");
    });

    it("passes a site whose web config turns HTTP/2 on, and reports one for which nothing does", () => {
        assert.deepStrictEqual(http2([genericSite(), genericWeb({ http20Enabled: true })]), []);
        assert.deepStrictEqual(http2([azapiSite(), azapiWeb({ properties: { http20Enabled: true } })]), []);
        const [violation] = http2([genericSite()]);
        assert.match(
            violation.message,
            /- properties\.siteConfig\.http20Enabled is not set, and no Microsoft\.Web\/sites\/config named "web" \(generic Resource or AzAPI\) in the stack sets http20Enabled for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: false; required: true\./,
        );
        const [off] = http2([genericSite(), genericWeb({ http20Enabled: false })]);
        assert.match(off.message, /sets properties\.http20Enabled false; required: true\./);
    });

    it("does not ask for HTTP/2 where the site's mutual TLS needs renegotiation", () => {
        const renegotiating = genericSite(
            {},
            { clientCertEnabled: true, clientCertMode: "Required", clientCertExclusionPaths: "/health" },
        );
        assert.deepStrictEqual(http2([renegotiating]), []);
        const deployed = resource(GENERIC, "site", {
            id: SITE_ID,
            type: "Microsoft.Web/sites",
            name: "shop-web",
            properties: { clientCertEnabled: true, clientCertMode: "Required", clientCertExclusionPaths: "/health" },
        });
        assert.deepStrictEqual(http2([deployed]), [], "as Azure's answer for the site says it");
    });
});

describe("the stack parts for a deployed generic Resource site, over the engine's Analyzer protocol", function () {
    // After the update, and at each later preview for an unchanged site, the stack policies see a generic Resource's
    // outputs: Azure's answer, without the site's request. The rule's resource policy, which the engine calls in the
    // same run with the site's inputs, says what that request set.
    this.timeout(120000);
    let pack: RunningPolicyPack;
    before(async () => {
        pack = await sharedPolicyPack();
    });

    const SITE_URN = urnFor(GENERIC, "site");
    /** The site's inputs, as Analyze gets them. */
    const siteInputs = (siteConfig: Record<string, unknown>) => ({
        type: GENERIC,
        name: "site",
        properties: {
            resourceGroupName: "rg",
            resourceProviderNamespace: "Microsoft.Web",
            parentResourcePath: "",
            resourceType: "sites",
            resourceName: "shop-web",
            apiVersion: "2024-04-01",
            properties: { httpsOnly: true, siteConfig },
        },
    });
    /** Azure's answer for the site, as AnalyzeStack gets it: an ARM id, no request inputs, a siteConfig of its own. */
    const siteAnswer = {
        type: GENERIC,
        name: "site",
        properties: {
            id: SITE_ID,
            type: "Microsoft.Web/sites",
            name: "shop-web",
            properties: { httpsOnly: true, siteConfig: { numberOfWorkers: 1 } },
        },
    };
    const webAnswer = (properties: Record<string, unknown>) => ({
        type: GENERIC,
        name: "web",
        properties: { id: `${SITE_ID}/config/web`, type: "Microsoft.Web/sites/config", name: "web", properties },
    });

    /** One run: Configure, Analyze of the site's inputs (when given), then AnalyzeStack of the outputs. */
    async function run(siteConfig: Record<string, unknown> | undefined, ...others: ReturnType<typeof webAnswer>[]) {
        await pack.configure();
        if (siteConfig !== undefined) {
            await pack.analyze(siteInputs(siteConfig));
        }
        return pack.analyzeStack([siteAnswer, ...others]);
    }
    const of = (result: AnalyzeResult, policy: string) => result.diagnostics.filter(d => d.policyName === policy);

    it("passes a site whose own request disables FTP, though Azure's answer does not say so", async () => {
        assert.deepStrictEqual(of(await run({ ftpsState: "Disabled" }), ftpDeploymentsInStack.name), []);
    });

    it("fails a site whose own request leaves ftpsState unset and no web config sets it, with Azure's default", async () => {
        const [violation, ...rest] = of(await run({}), ftpDeploymentsInStack.name);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation.urn, SITE_URN);
        assert.strictEqual(violation.enforcementLevel, "mandatory");
        assert.match(
            violation.message,
            /- properties\.siteConfig\.ftpsState is not set, and no Microsoft\.Web\/sites\/config named "web" \(generic Resource or AzAPI\) in the stack sets ftpsState for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: "AllAllowed"; required: "Disabled"\./,
        );
        assert.deepStrictEqual(
            of(await run({}, webAnswer({ ftpsState: "Disabled" })), ftpDeploymentsInStack.name),
            [],
            "a web config of the stack disables it",
        );
    });

    it("reports a site as not verifiable when the rule's resource policy has not read its request in this run", async () => {
        await run({ ftpsState: "Disabled" });
        const [violation] = of(await run(undefined), ftpDeploymentsInStack.name);
        assert.strictEqual(violation.enforcementLevel, "mandatory");
        assert.match(
            violation.message,
            /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer for the site does not hold its configuration, and no /,
        );
    });

    it("does not take Azure's answer for the site's request where Analyze is given it (pulumi policy analyze's read state)", async () => {
        await pack.configure();
        await pack.analyze(siteAnswer);
        const [violation] = of(await pack.analyzeStack([siteAnswer]), ftpDeploymentsInStack.name);
        assert.match(
            violation.message,
            /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer for the site does not hold its configuration/,
        );
    });

    it("leaves to the update a site whose own ftpsState is unknown at preview", async () => {
        const [unknown, ...rest] = of(await run({ ftpsState: WIRE_UNKNOWN }), ftpDeploymentsInStack.name);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(unknown.enforcementLevel, "advisory");
        assert.match(unknown.message, /during preview/);
    });

    it("judges http20Enabled the same way", async () => {
        assert.deepStrictEqual(of(await run({ http20Enabled: true }), http2InStack.name), []);
        const [violation] = of(await run({}), http2InStack.name);
        assert.strictEqual(violation.urn, SITE_URN);
        assert.match(
            violation.message,
            /- properties\.siteConfig\.http20Enabled is not set, and no .* so Azure's default applies: false; required: true\./,
        );
        assert.deepStrictEqual(of(await run({}, webAnswer({ http20Enabled: true })), http2InStack.name), []);
        assert.match(
            of(await run(undefined), http2InStack.name)[0].message,
            /- siteConfig\.http20Enabled cannot be verified before deployment: Azure's answer for the site does not hold/,
        );
    });
});

describe("webapp-ftp-deployments-disabled on an azure-native app that leaves ftpsState to a web config, over the engine's Analyzer protocol", function () {
    // azure-native has no typed resource for a site's `config` `web`, so a program that sets the FTP state apart from
    // its WebApp declares it as a generic Resource. The site ends up with that config's value: the rule's resource
    // policy leaves an unset ftpsState on the app to its stack part, which judges it with the stack's web configs.
    this.timeout(120000);
    let pack: RunningPolicyPack;
    before(async () => {
        pack = await sharedPolicyPack();
    });

    const FTP_POLICIES = [ftpDeploymentsRule.name, ftpDeploymentsInStack.name];
    const kinds = [
        { slot: false, type: "azure-native:web:WebApp", shown: /\(resource group, app: "rg\/shop-web"\)/ },
        {
            slot: true,
            type: "azure-native:web:WebAppSlot",
            shown: /\(resource group, app and slot: "rg\/shop-web\/staging"\)/,
        },
    ];

    /** An azure-native app (or slot) of site `shop-web` in group `rg`, its inputs as the program gives them. */
    const appInputs = (slot: boolean, siteConfig: Record<string, unknown>, name: unknown = "shop-web") => ({
        type: slot ? "azure-native:web:WebAppSlot" : "azure-native:web:WebApp",
        name: "app",
        properties: {
            resourceGroupName: "rg",
            name,
            ...(slot ? { slot: "staging" } : {}),
            kind: "app",
            clientCertEnabled: true,
            clientCertMode: "Required",
            httpsOnly: true,
            siteConfig: { minTlsVersion: "1.2", ...siteConfig },
        },
    });
    /** The generic Resource `Microsoft.Web/sites/config` `web` of the app (or slot), as the program declares it. */
    const webInputs = (slot: boolean, properties: Record<string, unknown>, site: unknown = "sites/shop-web") => ({
        type: GENERIC,
        name: "web",
        properties: {
            resourceGroupName: "rg",
            resourceProviderNamespace: "Microsoft.Web",
            parentResourcePath: site === WIRE_UNKNOWN ? site : slot ? `${site}/slots/staging` : site,
            resourceType: "config",
            resourceName: "web",
            apiVersion: "2024-04-01",
            properties,
        },
    });

    /**
     * One preview: Configure, Analyze of each resource's inputs, then AnalyzeStack with them as their outputs (a
     * provider that does not preview is given its inputs back). The FTP rule's diagnostics of both, each naming its
     * resource.
     */
    async function preview(resources: ResourceUnderTest[], config: Record<string, any> = {}) {
        await pack.configure(config);
        const diagnostics = [];
        for (const r of resources) {
            const { diagnostics: found } = await pack.analyze(r);
            diagnostics.push(...found.map(d => ({ ...d, urn: d.urn || urnFor(r.type, r.name) })));
        }
        diagnostics.push(...(await pack.analyzeStack(resources)).diagnostics);
        return diagnostics.filter(d => FTP_POLICIES.includes(d.policyName));
    }

    for (const { slot, type, shown } of kinds) {
        const APP_URN = urnFor(type, "app");

        it(`passes ${type} with ftpsState unset when a web config of the stack disables FTP for it`, async () => {
            assert.deepStrictEqual(
                await preview([appInputs(slot, {}), webInputs(slot, { ftpsState: "Disabled" })]),
                [],
            );
            assert.deepStrictEqual(
                await preview([appInputs(slot, {}), webInputs(slot, { ftpsState: "FtpsOnly" })], {
                    [ftpDeploymentsRule.name]: { allowFtpsOnly: true },
                }),
                [],
                "FtpsOnly, where the rule's config allows it",
            );
        });

        it(`fails ${type} with ftpsState unset when its web config allows FTP, naming that config and its value`, async () => {
            for (const [value, required] of [
                ["AllAllowed", '"Disabled"'],
                ["FtpsOnly", '"Disabled"'],
            ]) {
                const diagnostics = await preview([appInputs(slot, {}), webInputs(slot, { ftpsState: value })]);
                const onApp = diagnostics.filter(d => d.urn === APP_URN);
                assert.deepStrictEqual(
                    onApp.map(d => [d.policyName, d.enforcementLevel]),
                    [[ftpDeploymentsInStack.name, "mandatory"]],
                );
                assert.match(
                    onApp[0].message,
                    new RegExp(
                        `- ftpsState: azure-native:resources:Resource "web" sets properties\\.ftpsState "${value}"; required: ${required}\\.`,
                    ),
                );
                // The config's own write is the rule's resource policy's, on the config.
                assert.ok(
                    diagnostics.some(d => d.urn === urnFor(GENERIC, "web") && d.policyName === ftpDeploymentsRule.name),
                );
            }
        });

        it(`fails ${type} with ftpsState unset when nothing sets it, with Azure's default, the value required and the fix`, async () => {
            const [violation, ...rest] = await preview([appInputs(slot, {})]);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(violation.urn, APP_URN);
            assert.strictEqual(violation.policyName, ftpDeploymentsInStack.name);
            assert.strictEqual(violation.enforcementLevel, "mandatory");
            assert.match(violation.message, new RegExp(`^${type} "app" fails the FTP deployments rule`, "m"));
            assert.match(
                violation.message,
                /- siteConfig\.ftpsState is not set, and no Microsoft\.Web\/sites(\/slots)?\/config named "web" \(generic Resource or AzAPI\) in the stack sets ftpsState for this app /,
            );
            assert.match(violation.message, shown);
            assert.match(violation.message, /so Azure's default applies: "AllAllowed"; required: "Disabled"\./);
            assert.match(violation.message, /Fix: set siteConfig\.ftpsState to "Disabled", or declare a /);
            assert.match(violation.message, /az webapp config set .* --ftps-state Disabled/);
        });

        it(`leaves ${type} to the update, never passes it, while its web config's name or its own is unknown at preview`, async () => {
            for (const resources of [
                [appInputs(slot, {}), webInputs(slot, { ftpsState: "Disabled" }, WIRE_UNKNOWN)],
                [appInputs(slot, {}, WIRE_UNKNOWN), webInputs(slot, { ftpsState: "Disabled" })],
            ]) {
                const ftp = await preview(resources);
                assert.deepStrictEqual(
                    ftp.filter(d => d.enforcementLevel !== "advisory"),
                    [],
                );
                const [stack, ...rest] = ftp.filter(d => d.policyName === ftpDeploymentsInStack.name);
                assert.deepStrictEqual(rest, []);
                assert.match(stack.message, /can't run policy 'webapp-ftp-deployments-in-stack' .* during preview/);
            }
        });

        it(`still fails ${type} that sets an insecure ftpsState itself, on the resource, whatever its web config says`, async () => {
            const diagnostics = await preview([
                appInputs(slot, { ftpsState: "AllAllowed" }),
                webInputs(slot, { ftpsState: "Disabled" }),
            ]);
            assert.deepStrictEqual(
                diagnostics.map(d => [d.policyName, d.urn]),
                [[ftpDeploymentsRule.name, APP_URN]],
            );
            assert.match(diagnostics[0].message, /- siteConfig\.ftpsState is "AllAllowed"; required: "Disabled"\./);
        });
    }

    describe("after the update, where the outputs are Azure's answer", () => {
        /** azure-native's outputs of the app after the update: the ARM id, and the siteConfig Azure's answer holds. */
        const appAnswer = (siteConfig: Record<string, unknown>) => ({
            type: "azure-native:web:WebApp",
            name: "app",
            properties: {
                id: SITE_ID,
                name: "shop-web",
                type: "Microsoft.Web/sites",
                kind: "app",
                clientCertEnabled: true,
                clientCertMode: "Required",
                httpsOnly: true,
                siteConfig,
            },
        });
        const webAnswer = (properties: Record<string, unknown>) => ({
            type: GENERIC,
            name: "web",
            properties: { id: `${SITE_ID}/config/web`, type: "Microsoft.Web/sites/config", name: "web", properties },
        });
        const APP_URN = urnFor("azure-native:web:WebApp", "app");
        const inStack = (result: AnalyzeResult) =>
            result.diagnostics.filter(d => d.policyName === ftpDeploymentsInStack.name);

        /** One update: Configure, Analyze of the app's inputs (when given), then AnalyzeStack of the outputs. */
        async function update(
            inputs: Record<string, unknown> | undefined,
            ...resources: { type: string; name: string; properties: Record<string, unknown> }[]
        ) {
            await pack.configure();
            if (inputs !== undefined) {
                await pack.analyze(appInputs(false, inputs));
            }
            return inStack(await pack.analyzeStack(resources));
        }

        it("judges the app's own request, recorded in the run, where Azure's answer does not hold ftpsState", async () => {
            // The site's PUT answers with a siteConfig of a few settings; azure-native reads the config only on refresh.
            const created = appAnswer({ numberOfWorkers: 1 });
            assert.deepStrictEqual(await update({}, created, webAnswer({ ftpsState: "Disabled" })), []);
            assert.deepStrictEqual(await update({ ftpsState: "Disabled" }, created), [], "set by the app itself");
            const [violation] = await update({}, created);
            assert.strictEqual(violation.urn, APP_URN);
            assert.match(
                violation.message,
                /- siteConfig\.ftpsState is not set, and no .* so Azure's default applies: "AllAllowed"; required: "Disabled"\./,
            );
            const [unverified] = await update(undefined, created);
            assert.strictEqual(unverified.enforcementLevel, "mandatory");
            assert.match(
                unverified.message,
                /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer for the site does not hold its configuration, and no /,
            );
        });

        it("takes the value Azure's answer holds (a refreshed or read state) as the app's, judged on the resource", async () => {
            await pack.configure();
            const refreshed = appAnswer({ numberOfWorkers: 1, ftpsState: "AllAllowed" });
            const { diagnostics } = await pack.analyze(refreshed);
            assert.match(
                diagnostics.find(d => d.policyName === ftpDeploymentsRule.name)!.message,
                /- siteConfig\.ftpsState is "AllAllowed"; required: "Disabled"\./,
            );
            assert.deepStrictEqual(inStack(await pack.analyzeStack([refreshed])), []);
            assert.deepStrictEqual(await update(undefined, appAnswer({ ftpsState: "Disabled" })), []);
        });
    });

    it("still writes Disabled on an app that leaves ftpsState unset, at the remediate level", async () => {
        await pack.configure({ [ftpDeploymentsRule.name]: { enforcementLevel: "remediate" } });
        const { remediations } = await pack.remediate(appInputs(false, { alwaysOn: true }));
        const ftp = remediations.find(r => r.policyName === ftpDeploymentsRule.name);
        assert.deepStrictEqual((ftp?.properties as Record<string, any>)?.siteConfig, {
            minTlsVersion: "1.2",
            alwaysOn: true,
            ftpsState: "Disabled",
        });
    });
});

describe("the FTP and HTTP/2 rules' resource policies on Azure's recorded answer (audit groups, `pulumi policy analyze`), over the engine's Analyzer protocol", function () {
    // Audit policy groups run resource policies, no stack policies, on what the state records: Azure's answer for each
    // resource (so does `pulumi policy analyze` where the state's recorded inputs are that answer). A setting the stack
    // part would judge with the stack's web configs would then be judged by nothing, so where the answer does not hold
    // it the resource policy reports it as not verifiable, never passes it.
    this.timeout(120000);
    let pack: RunningPolicyPack;
    before(async () => {
        pack = await sharedPolicyPack();
    });

    /** The rule's diagnostics from Analyze of one resource, as the engine gives it. */
    async function analyzed(
        resource: { type: string; name: string; properties: Record<string, unknown> },
        policy: string,
    ) {
        await pack.configure();
        const { diagnostics } = await pack.analyze(resource);
        return diagnostics.filter(d => d.policyName === policy);
    }

    for (const slot of [false, true]) {
        const type = slot ? "azure-native:web:WebAppSlot" : "azure-native:web:WebApp";
        /** azure-native's recorded outputs of the app: its ARM id, and the siteConfig Azure's answer holds. */
        const appAnswer = (siteConfig: Record<string, unknown>) => ({
            type,
            name: "app",
            properties: {
                id: slot ? `${SITE_ID}/slots/staging` : SITE_ID,
                name: slot ? "shop-web/staging" : "shop-web",
                type: slot ? "Microsoft.Web/sites/slots" : "Microsoft.Web/sites",
                kind: "app",
                clientCertEnabled: true,
                clientCertMode: "Required",
                httpsOnly: true,
                siteConfig,
            },
        });

        it(`reports ${type} whose recorded answer does not hold ftpsState as cannot be verified, with the value required and the fix`, async () => {
            // After a create or update without refresh: azure-native reads the site's config only on refresh or import.
            const [violation, ...rest] = await analyzed(appAnswer({ numberOfWorkers: 1 }), ftpDeploymentsRule.name);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(violation.enforcementLevel, "mandatory");
            assert.match(violation.message, new RegExp(`^${type} "app" fails the FTP deployments rule`, "m"));
            assert.match(
                violation.message,
                /- siteConfig\.ftpsState cannot be verified before deployment: Azure's answer recorded for the app does not hold it \(azure-native reads it from the site's config only on a refresh or an import\); required: "Disabled"\./,
            );
            assert.match(
                violation.message,
                /Fix: run `pulumi refresh` so the state holds the value Azure keeps, or read it with az webapp config show --resource-group <RG> --name <APP> --query ftpsState\. /,
            );
            assert.match(violation.message, /az webapp config set .* --ftps-state Disabled/);
        });

        it(`judges the ftpsState ${type}'s recorded answer holds, as after a refresh`, async () => {
            assert.deepStrictEqual(await analyzed(appAnswer({ ftpsState: "Disabled" }), ftpDeploymentsRule.name), []);
            const [violation] = await analyzed(appAnswer({ ftpsState: "AllAllowed" }), ftpDeploymentsRule.name);
            assert.match(violation.message, /- siteConfig\.ftpsState is "AllAllowed"; required: "Disabled"\./);
        });
    }

    it("leaves an azure-native app's unset ftpsState to the stack part at preview and update, where its inputs hold no id", async () => {
        const inputs = {
            type: "azure-native:web:WebApp",
            name: "app",
            properties: {
                resourceGroupName: "rg",
                name: "shop-web",
                kind: "app",
                clientCertEnabled: true,
                clientCertMode: "Required",
                httpsOnly: true,
                siteConfig: { minTlsVersion: "1.2" },
            },
        };
        assert.deepStrictEqual(await analyzed(inputs, ftpDeploymentsRule.name), []);
    });

    describe("a generic Resource site read from state (its ARM type in `type`)", () => {
        const siteAnswer = (siteConfig: Record<string, unknown>) => ({
            type: GENERIC,
            name: "site",
            properties: {
                id: SITE_ID,
                type: "Microsoft.Web/sites",
                name: "shop-web",
                kind: "app",
                properties: { httpsOnly: true, clientCertEnabled: true, clientCertMode: "Required", siteConfig },
            },
        });

        it("reports an unset ftpsState as cannot be verified: Azure keeps it on the site's config web", async () => {
            const [violation, ...rest] = await analyzed(siteAnswer({ numberOfWorkers: 1 }), ftpDeploymentsRule.name);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(violation.enforcementLevel, "mandatory");
            assert.match(
                violation.message,
                /- properties\.siteConfig\.ftpsState cannot be verified before deployment: Azure's answer recorded for the site does not hold it \(Azure keeps it on the site's Microsoft\.Web\/sites\/config named "web", which a read of the site does not return\); required: "Disabled"\./,
            );
            assert.match(
                violation.message,
                /Fix: read it with az webapp config show --resource-group <RG> --name <APP> --query ftpsState\. /,
            );
        });

        it("reports an unset http20Enabled as cannot be verified, at the HTTP/2 rule's level", async () => {
            const [violation, ...rest] = await analyzed(siteAnswer({ numberOfWorkers: 1 }), http2Rule.name);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(violation.enforcementLevel, http2Rule.enforcementLevel);
            assert.match(
                violation.message,
                /- properties\.siteConfig\.http20Enabled cannot be verified before deployment: Azure's answer recorded for the site does not hold it .*; required: true\./,
            );
            assert.match(violation.message, /--query http20Enabled/);
        });

        it("judges a value the answer holds", async () => {
            assert.deepStrictEqual(
                await analyzed(siteAnswer({ ftpsState: "Disabled", http20Enabled: true }), ftpDeploymentsRule.name),
                [],
            );
            const [violation] = await analyzed(siteAnswer({ ftpsState: "FtpsOnly" }), ftpDeploymentsRule.name);
            assert.match(
                violation.message,
                /- properties\.siteConfig\.ftpsState is "FtpsOnly"; required: "Disabled"\./,
            );
        });
    });
});
