// Drives the compiled pack exactly as the engine does: started from its own folder by
// @pulumi/pulumi/cmd/run-policy-pack, then GetAnalyzerInfo, Configure, Analyze and Remediate over gRPC.
// POLICY_PACK_UNDER_TEST names another folder holding the compiled pack (a copy with another @pulumi/policy
// release, test/e2e/policySdkVersions.test.ts), and POLICY_SDK_VERSION_UNDER_TEST the release expected there.
import * as assert from "assert";
import {
    AnalyzeResult,
    PolicyPackConfig,
    RunningPolicyPack,
    startPolicyPack,
    answersOf,
    UNKNOWN,
} from "../../tools/engine/policyPackServer";
import * as fs from "fs";
import * as path from "path";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";
import { sharedPolicyPack } from "./sharedPack";
import { spendsItsBudget } from "../../tools/engine/costlyTemplates";

const PACK_DIR = process.env.POLICY_PACK_UNDER_TEST ?? POLICY_PACK_DIR;

const POLICY = "webapp-require-client-certificates";
const EXEMPTIONS_POLICY = "webapp-client-certificate-exemptions";
const webApp = "azure-native:web:WebApp";
const compliantNative = { kind: "app,linux", clientCertEnabled: true, clientCertMode: "Required", httpsOnly: true };

/** One resource of each covered family, non-compliant, and the property name its message must quote. */
const nonCompliantByFamily: { type: string; properties: Record<string, unknown>; quotes: RegExp }[] = [
    { type: "azure-native:web:WebApp", properties: { clientCertEnabled: false }, quotes: /clientCertEnabled is false/ },
    {
        type: "azure-native:web:WebAppSlot",
        properties: { clientCertEnabled: true, clientCertMode: "Optional" },
        quotes: /clientCertMode is "Optional" \(portal: "Allow"\)/,
    },
    {
        type: "azure-native:web/v20220901:WebApp",
        properties: { clientCertEnabled: true, clientCertExclusionPaths: "/" },
        quotes: /clientCertExclusionPaths is "\/"/,
    },
    { type: "azure-native:web/v20260301preview:WebAppSlot", properties: {}, quotes: /clientCertEnabled is not set/ },
    {
        // Terraform's azurerm_windows_web_app_slot used directly (`pulumi package add terraform-provider hashicorp/azurerm`).
        type: "azurerm:index/windowsWebAppSlot:WindowsWebAppSlot",
        properties: { clientCertificateEnabled: true, clientCertificateMode: "Optional" },
        quotes: /clientCertificateMode is "Optional"/,
    },
    {
        // azure-native's local package for one API version (`pulumi package add azure-native web v20220901`).
        type: "azure-native_web_v20220901:web/v20220901:WebApp",
        properties: { clientCertEnabled: true, clientCertMode: "OptionalInteractiveUser" },
        quotes: /clientCertMode is "OptionalInteractiveUser"/,
    },
    {
        type: "azure:appservice/linuxWebApp:LinuxWebApp",
        properties: { clientCertificateEnabled: false },
        quotes: /clientCertificateEnabled is false/,
    },
    {
        type: "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
        properties: { clientCertificateEnabled: true, clientCertificateMode: "OptionalInteractiveUser" },
        quotes: /clientCertificateMode is "OptionalInteractiveUser" \(portal: "Optional"\)/,
    },
    {
        type: "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
        properties: { clientCertificateEnabled: true, clientCertificateExclusionPaths: "/api" },
        quotes: /clientCertificateExclusionPaths is "\/api"/,
    },
    {
        type: "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot",
        properties: {},
        quotes: /clientCertificateEnabled is not set/,
    },
    {
        type: "azure:appservice/appService:AppService",
        properties: { clientCertEnabled: false, clientCertMode: "Required" },
        quotes: /clientCertEnabled is false/,
    },
    {
        type: "azure:appservice/functionApp:FunctionApp",
        properties: { clientCertMode: "Optional" },
        quotes: /clientCertMode is "Optional"/,
    },
    {
        type: "azure-native:resources:Deployment",
        properties: {
            properties: {
                mode: "Incremental",
                template: {
                    resources: [
                        {
                            type: "Microsoft.Web/sites",
                            name: "web",
                            properties: { clientCertEnabled: "[parameters('certs')]" },
                        },
                    ],
                },
                parameters: { certs: { value: false } },
            },
        },
        quotes: /Microsoft.Web\/sites "web" at properties.template.resources\[0\]:\n {2}- properties.template.resources\[0\].properties.clientCertEnabled is false/,
    },
    {
        type: "azure-native:resources:Resource",
        properties: {
            resourceProviderNamespace: "Microsoft.Web",
            parentResourcePath: "sites/web",
            resourceType: "slots",
            resourceName: "staging",
            properties: { clientCertEnabled: true, clientCertMode: "Optional" },
        },
        quotes: /\n- properties.clientCertMode is "Optional" \(portal: "Allow"\)/,
    },
    {
        type: "azure-native:resources/v20240301:DeploymentAtTenantScope",
        properties: {
            properties: {
                mode: "Incremental",
                template: {
                    resources: [
                        {
                            type: "Microsoft.Resources/deployments",
                            name: "inner",
                            properties: {
                                template: { resources: [siteEntry({ clientCertEnabled: "[variables('on')]" })] },
                            },
                        },
                    ],
                    variables: { on: "[not(true())]" },
                },
            },
        },
        quotes: /properties.template.resources\[0\].properties.template.resources\[0\].properties.clientCertEnabled is false/,
    },
    {
        type: "azure-native:resources:DeploymentStackAtSubscription",
        properties: {
            template: JSON.stringify({
                resources: { web: siteEntry({ clientCertEnabled: true, clientCertExclusionPaths: "/" }) },
                languageVersion: "2.0",
            }),
        },
        quotes: /template.resources.web.properties.clientCertExclusionPaths is "\/"/,
    },
    {
        type: "azure-native:resources:TemplateSpecVersion",
        properties: {
            templateSpecName: "spec",
            mainTemplate: {
                resources: [siteEntry({ clientCertEnabled: true, clientCertMode: "[parameters('mode')]" })],
                parameters: { mode: { type: "string", defaultValue: "OptionalInteractiveUser" } },
            },
        },
        quotes: /mainTemplate.resources\[0\].properties.clientCertMode is "OptionalInteractiveUser"/,
    },
    {
        type: "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
        properties: {
            templateContent: JSON.stringify({
                resources: [siteEntry({ clientCertEnabled: "[parameters('on')]" })],
                parameters: { on: { type: "bool" } },
            }),
            parametersContent: '{"on": {"value": false}}',
        },
        quotes: /templateContent.resources\[0\].properties.clientCertEnabled is false/,
    },
    {
        type: "azure:management/groupTemplateDeployment:GroupTemplateDeployment",
        properties: {
            templateSpecVersionId:
                "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/web/versions/1",
        },
        quotes: /templateSpecVersionId cannot be verified before deployment: it links the template .* an exemption of this resource/,
    },
];

/** A site in an ARM template. */
function siteEntry(properties: Record<string, unknown>) {
    return { type: "Microsoft.Web/sites", apiVersion: "2024-04-01", name: "web", properties };
}

/** An azure-native ARM deployment of a template, as the engine sends it. */
function deploymentOf(name: string, template: unknown) {
    return {
        type: "azure-native:resources:Deployment",
        name,
        properties: { resourceGroupName: "rg", properties: { mode: "Incremental", template } },
    };
}

/** An ARM deployment of about 1 kB whose one site's mode takes a resource's whole evaluation budget. */
const costly = (i: number) => deploymentOf(`costly${i}`, spendsItsBudget());
const compliantTemplate = deploymentOf("small", {
    resources: [
        {
            type: "Microsoft.Web/sites",
            name: "web",
            properties: { clientCertEnabled: true, clientCertMode: "Required" },
        },
    ],
});

function only(result: AnalyzeResult) {
    assert.strictEqual(
        result.diagnostics.length,
        1,
        `expected one diagnostic, got ${JSON.stringify(result.diagnostics, null, 1)}`,
    );
    return result.diagnostics[0];
}

describe("the policy pack over the engine's Analyzer protocol", function () {
    this.timeout(120000);
    let pack: RunningPolicyPack;
    const configure = (config: PolicyPackConfig[string] = {}) => pack.configure({ [POLICY]: config });

    before(async () => {
        // The client-certificate policies' answers: the baseline rules run beside them on the same resources, and
        // test/policy-pack/baselineProtocol.test.ts reads theirs.
        pack = answersOf(await sharedPolicyPack(PACK_DIR), [POLICY, EXEMPTIONS_POLICY]);
    });

    it("starts from its own folder with run-policy-pack and prints its port", () => {
        assert.ok(Number.isInteger(pack.port) && pack.port > 0 && pack.port < 65536, `port ${pack.port}`);
    });

    const expectedSdk = process.env.POLICY_SDK_VERSION_UNDER_TEST;
    if (expectedSdk !== undefined) {
        it(`runs on @pulumi/policy ${expectedSdk}, the release under test`, () => {
            const sdkManifest = path.join(PACK_DIR, "node_modules", "@pulumi", "policy", "package.json");
            const { version } = JSON.parse(fs.readFileSync(sdkManifest, "utf8")) as { version: string };
            assert.strictEqual(version.replace(/^v/, ""), expectedSdk);
        });
    }

    it("describes itself as azure-secure-webapp: the mandatory CIS 9.4 rule, the baseline rules, the stack policies, then the advisory exemption notices", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.strictEqual(info.name, "azure-secure-webapp");
        assert.strictEqual(info.supportsConfig, true);
        assert.deepStrictEqual(
            info.policies.map(p => p.name),
            [
                POLICY,
                "webapp-https-only",
                "webapp-minimum-tls-version",
                "webapp-ftp-deployments-disabled",
                "webapp-basic-auth-publishing-disabled",
                "webapp-remote-debugging-off",
                "webapp-managed-identity",
                "webapp-http2",
                "webapp-authentication",
                "webapp-public-network-access-disabled",
                "webapp-client-certificates-renegotiation-in-stack",
                "webapp-ftp-deployments-in-stack",
                "webapp-basic-auth-publishing-in-stack",
                "webapp-http2-in-stack",
                "webapp-authentication-in-stack",
                EXEMPTIONS_POLICY,
            ],
        );
        const policy = info.policies[0];
        const notices = info.policies[info.policies.length - 1];
        assert.strictEqual(notices.enforcementLevel, "advisory");
        assert.deepStrictEqual(notices.configSchema?.properties, {
            exemptionWarningDays: {
                description: "Warn in an exemption's notice when it ends within this many days.",
                type: "integer",
                minimum: 0,
                default: 30,
            },
        });
        assert.strictEqual(policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.severity, "high");
        assert.strictEqual(policy.framework?.reference, "9.4");
        assert.strictEqual(policy.framework?.name, "CIS Microsoft Azure Foundations Benchmark");
        assert.deepStrictEqual(Object.keys(policy.configSchema!.properties).sort(), [
            "allowedExclusionPaths",
            "excludedKinds",
            "exemptions",
        ]);
    });

    it("declares the rule before the exemptions policy, so the server runs it first on each resource and hands its decision on", async () => {
        // The server runs the policies in the order GetAnalyzerInfo lists them; policies/ruleDecisionHandOff.ts relies on it.
        const names = (await pack.getAnalyzerInfo()).policies.map(p => p.name);
        assert.ok(
            names.includes(POLICY) && names.indexOf(POLICY) < names.indexOf(EXEMPTIONS_POLICY),
            `policies in order: ${names.join(", ")}`,
        );
    });

    describe("with the default config", () => {
        beforeEach(() => configure());

        for (const { type, properties, quotes } of nonCompliantByFamily) {
            it(`reports a mandatory violation for a non-compliant ${type}, quoting its property`, async () => {
                const diagnostic = only(await pack.analyze({ type, name: "app", properties }));
                assert.strictEqual(diagnostic.policyName, POLICY);
                assert.strictEqual(diagnostic.policyPackName, "azure-secure-webapp");
                assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
                assert.strictEqual(diagnostic.severity, "high");
                assert.ok(
                    diagnostic.message.includes(`${type} "app" does not require incoming client certificates`),
                    diagnostic.message,
                );
                assert.match(diagnostic.message, quotes);
                // A "/" excluded is the only finding of some cases: its fix is to remove it, nothing to switch on.
                assert.ok(
                    diagnostic.message.includes(
                        "az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required",
                    ) || /\nFix: remove "\/" from /.test(diagnostic.message),
                    diagnostic.message,
                );
            });
        }

        it("passes a compliant WebApp under both policies: the rule checks it and nothing lets it through", async () => {
            assert.deepStrictEqual(await pack.analyze({ type: webApp, name: "app", properties: compliantNative }), {
                diagnostics: [],
                notApplicable: [],
            });
        });

        it("passes a compliant classic LinuxWebApp that leaves the mode unset", async () => {
            const result = await pack.analyze({
                type: "azure:appservice/linuxWebApp:LinuxWebApp",
                name: "app",
                properties: { clientCertificateEnabled: true },
            });
            assert.deepStrictEqual(result.diagnostics, []);
        });

        it("records resource types it does not cover as not applicable, so the engine's summary counts only App Service resources", async () => {
            const result = await pack.analyze({
                type: "azure-native:storage:StorageAccount",
                name: "st",
                properties: { clientCertEnabled: false },
            });
            assert.deepStrictEqual(result, {
                diagnostics: [],
                notApplicable: [
                    { policyName: POLICY, reason: "not an App Service resource" },
                    { policyName: EXEMPTIONS_POLICY, reason: "not an App Service resource" },
                ],
            });
        });

        it("keeps a definite violation mandatory when other properties are unknown at preview", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: webApp,
                    name: "app",
                    properties: {
                        clientCertEnabled: false,
                        clientCertMode: UNKNOWN,
                        clientCertExclusionPaths: UNKNOWN,
                    },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(diagnostic.message, /clientCertMode is not known until the update/);
        });

        it("reports an undecidable unknown as an advisory from the engine's preview path, not as a pass", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: webApp,
                    name: "app",
                    properties: { ...compliantNative, clientCertEnabled: UNKNOWN },
                }),
            );
            assert.strictEqual(diagnostic.policyName, POLICY);
            assert.strictEqual(diagnostic.enforcementLevel, "advisory");
            assert.match(
                diagnostic.message,
                /can't run policy 'webapp-require-client-certificates' .* during preview: .*\.clientCertEnabled can't be known during preview/,
            );
        });

        it("reports an ARM template whose template is unknown as an advisory", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Deployment",
                    name: "dep",
                    properties: { properties: { template: UNKNOWN } },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "advisory");
        });

        it("reports an ARM expression it cannot evaluate instead of passing it", async () => {
            const template = {
                resources: [siteEntry({ clientCertEnabled: "[reference('settings').on]", clientCertMode: "Required" })],
            };
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Deployment",
                    name: "dep",
                    properties: { properties: { template } },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(
                diagnostic.message,
                /properties.clientCertEnabled cannot be verified before deployment: it is \[reference\('settings'\).on\], and reference\(\) is known only when Azure runs the deployment/,
            );
        });

        it("reports a non-compliant template site on every template route, with its own property path", async () => {
            const template = { resources: [siteEntry({ clientCertEnabled: false })] };
            const routes: [string, Record<string, unknown>, string][] = [
                ...[
                    "Deployment",
                    "DeploymentAtScope",
                    "DeploymentAtSubscriptionScope",
                    "DeploymentAtManagementGroupScope",
                    "DeploymentAtTenantScope",
                ].map((name): [string, Record<string, unknown>, string] => [
                    `azure-native:resources:${name}`,
                    { properties: { mode: "Incremental", template } },
                    "properties.template",
                ]),
                ...[
                    "DeploymentStackAtResourceGroup",
                    "DeploymentStackAtSubscription",
                    "DeploymentStackAtManagementGroup",
                ].map((name): [string, Record<string, unknown>, string] => [
                    `azure-native:resources:${name}`,
                    { template },
                    "template",
                ]),
                ["azure-native:resources:TemplateSpecVersion", { mainTemplate: template }, "mainTemplate"],
                ...[
                    "core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
                    "core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
                    "core/tenantTemplateDeployment:TenantTemplateDeployment",
                    "management/groupTemplateDeployment:GroupTemplateDeployment",
                ].map((token): [string, Record<string, unknown>, string] => [
                    `azure:${token}`,
                    { templateContent: JSON.stringify(template) },
                    "templateContent",
                ]),
                [
                    "azure-native:resources:Resource",
                    {
                        resourceProviderNamespace: "Microsoft.Resources",
                        resourceType: "deployments",
                        resourceName: "dep",
                        properties: { template },
                    },
                    "properties.template",
                ],
            ];
            for (const [type, properties, path] of routes) {
                const diagnostic = only(await pack.analyze({ type, name: "dep", properties }));
                assert.strictEqual(diagnostic.enforcementLevel, "mandatory", type);
                assert.ok(
                    diagnostic.message.includes(`${path}.resources[0].properties.clientCertEnabled is false`),
                    `${type}: ${diagnostic.message}`,
                );
            }
        });

        it("passes a compliant ARM template written with variables and if()", async () => {
            const template = {
                parameters: { env: { type: "string", defaultValue: "prod" } },
                variables: { strict: "[equals(parameters('env'), 'prod')]" },
                resources: [
                    siteEntry({
                        clientCertEnabled: true,
                        clientCertMode: "[if(variables('strict'), 'Required', 'Required')]",
                    }),
                ],
            };
            const result = await pack.analyze({
                type: "azure-native:resources:Deployment",
                name: "dep",
                properties: { properties: { template } },
            });
            assert.deepStrictEqual(result, { diagnostics: [], notApplicable: [] });
        });

        it("reports a linked template as a mandatory violation naming the link", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Deployment",
                    name: "dep",
                    properties: { properties: { templateLink: { uri: "https://example.com/site.json" } } },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(
                diagnostic.message,
                /properties.templateLink cannot be verified before deployment: it links the template "https:\/\/example.com\/site.json"/,
            );
        });

        it("checks an AzAPI resource action's PUT to a site, its secret sensitiveBody merged over the body", async () => {
            // A secret as the engine sends it (sdk/go/common/resource/plugin/rpc.go): the pack reads it in clear.
            const secret = (value: unknown) => ({
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                value,
            });
            const action = (sensitiveBody: unknown) => ({
                type: "azapi:index/resourceAction:ResourceAction",
                name: "write-site",
                properties: {
                    type: "Microsoft.Web/sites@2024-04-01",
                    resourceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/sites/web",
                    method: "PUT",
                    body: { kind: "app", properties: { clientCertEnabled: true, clientCertMode: "Required" } },
                    sensitiveBody,
                },
            });
            const diagnostic = only(await pack.analyze(action(secret({ properties: { clientCertEnabled: false } }))));
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(diagnostic.message, /body\.properties\.clientCertEnabled is false/);
            assert.strictEqual(only(await pack.analyze(action(UNKNOWN))).enforcementLevel, "advisory");
            assert.deepStrictEqual(
                (await pack.analyze(action(secret({ properties: { httpsOnly: true } })))).diagnostics,
                [],
            );
        });

        it("checks an AzAPI data-plane resource whose parentId points at Azure Resource Manager, and passes a Key Vault's", async () => {
            const secret = (parentId: string) => ({
                type: "azapi:index/dataPlaneResource:DataPlaneResource",
                name: "secret",
                properties: {
                    type: "Microsoft.KeyVault/vaults/secrets@2024-04-01",
                    parentId,
                    name: "s",
                    body: { kind: "app", properties: { clientCertEnabled: false } },
                },
            });
            // `?` ends the path: the request the provider sends with its resource manager token is a PUT of the site.
            const diagnostic = only(
                await pack.analyze(
                    secret("management.azure.com/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/sites/web?"),
                ),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(diagnostic.message, /body\.properties\.clientCertEnabled is false/);
            const vault = await pack.analyze(secret("myvault.vault.azure.net"));
            assert.deepStrictEqual(vault.diagnostics, []);
            assert.match(vault.notApplicable[0].reason, /data-plane service's host/);
        });

        it("passes a policy assignment of a custom definition with an advisory notice naming it, and a built-in's with none", async () => {
            const assignment = (policyDefinitionId: string) => ({
                type: "azure-native:authorization:PolicyAssignment",
                name: "assign",
                properties: { policyDefinitionId },
            });
            const custom = "/subscriptions/0/providers/Microsoft.Authorization/policyDefinitions/deploy-web";
            const result = await pack.analyze(assignment(custom));
            assert.deepStrictEqual(
                result.notApplicable.map(n => n.policyName),
                [POLICY],
            );
            assert.match(
                result.notApplicable[0].reason,
                /custom policy definition ".*deploy-web" \(policyDefinitionId\), whose .* the pack checks on the definition itself, where Pulumi declares it/,
            );
            const notice = only(result);
            assert.strictEqual(notice.policyName, EXEMPTIONS_POLICY);
            assert.strictEqual(notice.enforcementLevel, "advisory");
            const lines = notice.message.split("\n");
            assert.strictEqual(
                lines[1],
                `Custom policy definition: azure-native:authorization:PolicyAssignment "assign" assigns "${custom}" at ` +
                    "policyDefinitionId, whose effects webapp-require-client-certificates checks where the definition " +
                    "is declared, not on the assignment",
            );
            assert.match(
                lines[2],
                /declared with Pulumi, in this stack or another stack under this pack, is checked there/,
            );
            assert.match(lines[2], /created outside Pulumi is seen only by Azure Policy's audit of the deployed apps/);
            const builtIn = await pack.analyze(
                assignment("/providers/Microsoft.Authorization/policyDefinitions/19dd1db6-f442-49cf-a838-b0786b4401ef"),
            );
            assert.deepStrictEqual(builtIn.diagnostics, []);
            assert.match(builtIn.notApplicable[0].reason, /built-in policy definition or set/);
        });

        it("records a generic Resource that is not a site as not applicable", async () => {
            const result = await pack.analyze({
                type: "azure-native:resources:Resource",
                name: "st",
                properties: {
                    resourceProviderNamespace: "Microsoft.Storage",
                    resourceType: "storageAccounts",
                    properties: {},
                },
            });
            assert.deepStrictEqual(result.diagnostics, []);
            const reason =
                "not an App Service site or slot, nor a template that deploys one (the resource path: resourceProviderNamespace, parentResourcePath, resourceType and resourceName)";
            assert.deepStrictEqual(result.notApplicable, [
                { policyName: POLICY, reason },
                { policyName: EXEMPTIONS_POLICY, reason },
            ]);
        });

        it("answers a deployment nested a hundred deep, past the 64 levels the pack reads, with a violation, not an error", async () => {
            // A hundred is past the walker's limit with room to spare; the SDK decodes a request in time quadratic in
            // its depth, so deeper costs seconds here and proves no more. The walk of 300 levels without overflowing
            // the stack is families/templates.test.ts's, and the SDK's own decoding limit arm/deepNesting.test.ts's.
            let template: unknown = { resources: [siteEntry({ clientCertEnabled: true })] };
            for (let i = 0; i < 100; i++) {
                template = {
                    resources: [
                        { type: "Microsoft.Resources/deployments", name: `level${i}`, properties: { template } },
                    ],
                };
            }
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Deployment",
                    name: "deep",
                    properties: { properties: { template } },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(diagnostic.message, /nested more than 64 levels deep/);
        });

        it("reports a generic Resource whose namespace is unknown at preview as an advisory, not a pass", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Resource",
                    name: "r",
                    properties: {
                        resourceProviderNamespace: UNKNOWN,
                        resourceType: "sites",
                        properties: { clientCertEnabled: false },
                    },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "advisory");
        });

        it("answers a property bag of unexpected shapes with a violation, not an error", async () => {
            const diagnostic = only(
                await pack.analyze({
                    type: webApp,
                    name: "app",
                    properties: {
                        clientCertEnabled: [true],
                        clientCertMode: { mode: "Required" },
                        clientCertExclusionPaths: null,
                    },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(diagnostic.message, /clientCertEnabled is \[true\] \(an array\)/);
            assert.match(diagnostic.message, /clientCertMode is \{"mode":"Required"\} \(an object\)/);
        });
    });

    describe("with a policy config file", () => {
        const nonCompliant = { kind: "functionapp,linux", clientCertEnabled: false };

        it("reports violations as advisory when the config sets enforcementLevel advisory", async () => {
            await configure({ enforcementLevel: "advisory" });
            assert.strictEqual(
                only(await pack.analyze({ type: webApp, name: "app", properties: nonCompliant })).enforcementLevel,
                "advisory",
            );
        });

        it("reports nothing when the policy is disabled", async () => {
            await configure({ enforcementLevel: "disabled" });
            assert.deepStrictEqual(
                (await pack.analyze({ type: webApp, name: "app", properties: nonCompliant })).diagnostics,
                [],
            );
        });

        it("reports no exemption notice while the rule is disabled, since nothing is exempt from a rule that does not run", async () => {
            await configure({ enforcementLevel: "disabled", exemptions: [{ resource: "app", reason: "gateway" }] });
            const result = await pack.analyze({ type: webApp, name: "app", properties: nonCompliant });
            assert.deepStrictEqual(result, {
                diagnostics: [],
                notApplicable: [
                    {
                        policyName: EXEMPTIONS_POLICY,
                        reason: "webapp-require-client-certificates did not run on this resource (disabled), so nothing is exempt from it",
                    },
                ],
            });
        });

        it("accepts exclusion paths listed in allowedExclusionPaths and still rejects / in an app", async () => {
            await configure({ allowedExclusionPaths: ["/health"] });
            // HTTP/2 off: the exclusion path needs TLS renegotiation, which azure-native's default HTTP/2 rules out.
            const allowed = {
                ...compliantNative,
                clientCertExclusionPaths: "/health",
                siteConfig: { http20Enabled: false },
            };
            assert.deepStrictEqual(
                (await pack.analyze({ type: webApp, name: "app", properties: allowed })).diagnostics,
                [],
            );
            const diagnostic = only(
                await pack.analyze({
                    type: webApp,
                    name: "app",
                    properties: { ...allowed, clientCertExclusionPaths: "/health;/" },
                }),
            );
            assert.match(diagnostic.message, /which excludes "\/" from client certificates/);
        });

        it("refuses at Configure a config that allows /, naming the key path, the value and the fix", async () => {
            await assert.rejects(
                configure({ allowedExclusionPaths: ["/health", "/"] }),
                /webapp-require-client-certificates\.allowedExclusionPaths\[1\] is "\/": "\/" is never allowed: it turns client certificates off for the whole site\. Fix: /,
            );
        });

        it("refuses at Configure a config that allows what amounts to / or an unknown type's exemption, listing both", async () => {
            await assert.rejects(
                configure({
                    allowedExclusionPaths: ["/health/.."],
                    exemptions: [{ resource: "gw", type: "azure-native:web:Webapp", reason: "r" }],
                }),
                (e: Error) =>
                    /allowedExclusionPaths\[0\] is "\/health\/\.\.": "\/health\/\.\." amounts to "\/"/.test(
                        e.message,
                    ) &&
                    /exemptions\[0\]\.type is "azure-native:web:Webapp": not a type the rule checks/.test(e.message),
            );
        });

        it("refuses at Configure a policy name the pack does not have, which the engine passes on unchecked", async () => {
            await assert.rejects(
                pack.configure({ "webapp-require-client-certificate": { enforcementLevel: "advisory" } }),
                /- webapp-require-client-certificate is \{"enforcementLevel":"advisory"\} \(an object\): not a policy of azure-secure-webapp, so it would be ignored\. Fix: did you mean "webapp-require-client-certificates"\?/,
            );
        });

        it("accepts the engine's name for every policy at once, all", async () => {
            await pack.configure({ all: { enforcementLevel: "advisory" } });
        });

        it("records a WebApp of an excluded kind as not applicable, with the reason", async () => {
            await configure({ excludedKinds: ["functionapp"] });
            const result = await pack.analyze({ type: webApp, name: "app", properties: nonCompliant });
            assert.deepStrictEqual(result.notApplicable, [
                { policyName: POLICY, reason: "kind excluded by the policy config excludedKinds (functionapp)" },
            ]);
            const notice = only(result);
            assert.strictEqual(notice.policyName, EXEMPTIONS_POLICY);
            assert.strictEqual(notice.enforcementLevel, "advisory");
            assert.strictEqual(
                notice.message.split("\n")[1],
                'Excluded kind: azure-native:web:WebApp "app" is not checked by webapp-require-client-certificates: its kind "functionapp,linux" matches excludedKinds "functionapp"',
            );
        });

        it("records an exempt resource as not applicable and reports an advisory notice naming the entry, date and reason", async () => {
            await configure({
                exemptions: [
                    {
                        resource: "behind-gateway",
                        reason: "TLS terminates at Application Gateway",
                        expires: "2999-12-31",
                    },
                ],
            });
            const result = await pack.analyze({ type: webApp, name: "behind-gateway", properties: nonCompliant });
            assert.deepStrictEqual(result.notApplicable, [
                {
                    policyName: POLICY,
                    reason: "exempt by exemptions[0]: TLS terminates at Application Gateway (until 2999-12-31)",
                },
            ]);
            const notice = only(result);
            assert.strictEqual(notice.policyName, EXEMPTIONS_POLICY);
            assert.strictEqual(notice.enforcementLevel, "advisory");
            assert.strictEqual(
                notice.message.split("\n")[1],
                'Exempt: azure-native:web:WebApp "behind-gateway" is exempt from ' +
                    "webapp-require-client-certificates by exemptions[0] until 2999-12-31; reason: TLS terminates at Application Gateway",
            );
        });

        it("gives each of several exempt resources analyzed in a row the notice of its own exemption", async () => {
            await configure({
                exemptions: [
                    { resource: "gw-a", reason: "gateway a" },
                    { resource: "gw-b", reason: "gateway b" },
                ],
            });
            for (const [name, index] of [
                ["gw-a", 0],
                ["gw-b", 1],
                ["gw-a", 0],
            ] as const) {
                const notice = only(await pack.analyze({ type: webApp, name, properties: nonCompliant }));
                assert.strictEqual(notice.policyName, EXEMPTIONS_POLICY);
                assert.match(
                    notice.message,
                    new RegExp(
                        `"${name}" is exempt from webapp-require-client-certificates by exemptions\\[${index}\\]`,
                    ),
                );
            }
        });

        it("reports a mandatory violation that says the exemption expired", async () => {
            await configure({
                exemptions: [{ resource: "behind-gateway", reason: "migration", expires: "2020-01-31" }],
            });
            const diagnostic = only(
                await pack.analyze({ type: webApp, name: "behind-gateway", properties: nonCompliant }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
            assert.match(
                diagnostic.message,
                /Its exemption exemptions\[0\] expired on 2020-01-31 \(reason given: "migration"\)/,
            );
        });
    });

    describe("a run's evaluation budget", () => {
        it("reports every template after ten costly ones' worth as unverifiable, until the engine configures the pack for a new run", async () => {
            await configure();
            // Each spends a little more than its own 1,000,000 steps, so the run's 10,000,000 run out in the tenth.
            for (let i = 0; i < 9; i++) {
                assert.match(
                    only(await pack.analyze(costly(i))).message,
                    /too costly to evaluate: it takes more than 1,000,000 evaluation steps/,
                );
            }
            await pack.analyze(costly(9));
            const afterTen = only(await pack.analyze(costly(10)));
            assert.strictEqual(afterTen.enforcementLevel, "mandatory");
            assert.match(
                afterTen.message,
                /the templates of this run are too costly to evaluate: together they take more than 10,000,000 evaluation steps/,
            );
            assert.match(
                only(await pack.analyze(compliantTemplate)).message,
                /the templates of this run are too costly/,
            );
            // An app declared as a resource needs no template evaluation, so it is still judged.
            assert.deepStrictEqual(
                (await pack.analyze({ type: webApp, name: "app", properties: compliantNative })).diagnostics,
                [],
            );

            await configure();
            assert.deepStrictEqual((await pack.analyze(compliantTemplate)).diagnostics, []);
        });
    });

    describe("in a pack the engine never configures", () => {
        // The shared pack has been configured by the tests above and by other files: these need one never configured.
        let unconfigured: RunningPolicyPack;

        before(async () => {
            unconfigured = answersOf(await startPolicyPack(PACK_DIR), [POLICY, EXEMPTIONS_POLICY]);
        });

        after(async () => {
            await unconfigured?.stop();
        });

        it("applies the rule with its defaults before any Configure call", async () => {
            const diagnostic = only(
                await unconfigured.analyze({ type: webApp, name: "app", properties: { clientCertEnabled: false } }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
        });

        it("keeps a run's budget from the first Analyze on", async () => {
            for (let i = 0; i < 10; i++) {
                await unconfigured.analyze(costly(i));
            }
            assert.match(
                only(await unconfigured.analyze(compliantTemplate)).message,
                /the templates of this run are too costly/,
            );
        });
    });

    describe("at the remediate level", () => {
        beforeEach(() => configure({ enforcementLevel: "remediate", allowedExclusionPaths: ["/health"] }));

        it("fixes an azure-native WebApp: enabled, Required, only allowed exclusion paths, HTTP/2 off for them", async () => {
            const { remediations } = await pack.remediate({
                type: "azure-native:web/v20240401:WebApp",
                name: "app",
                properties: {
                    kind: "app",
                    clientCertEnabled: false,
                    clientCertMode: "Optional",
                    clientCertExclusionPaths: "/health;/admin",
                },
            });
            assert.strictEqual(remediations.length, 1);
            assert.strictEqual(remediations[0].policyName, POLICY);
            assert.deepStrictEqual(remediations[0].properties, {
                kind: "app",
                clientCertEnabled: true,
                clientCertMode: "Required",
                clientCertExclusionPaths: "/health",
                siteConfig: { http20Enabled: false },
            });
        });

        it("fixes a classic WindowsWebApp with its own property names", async () => {
            const { remediations } = await pack.remediate({
                type: "azure:appservice/windowsWebApp:WindowsWebApp",
                name: "app",
                properties: { clientCertificateEnabled: false },
            });
            assert.deepStrictEqual(remediations[0].properties, {
                clientCertificateEnabled: true,
                clientCertificateMode: "Required",
            });
        });

        it("fixes the legacy FunctionApp's mode", async () => {
            const { remediations } = await pack.remediate({
                type: "azure:appservice/functionApp:FunctionApp",
                name: "fn",
                properties: { clientCertMode: "Optional" },
            });
            assert.deepStrictEqual(remediations[0].properties, { clientCertMode: "Required" });
        });

        it("returns nothing for a compliant app", async () => {
            assert.deepStrictEqual(
                (await pack.remediate({ type: webApp, name: "app", properties: compliantNative })).remediations,
                [],
            );
        });

        it("leaves ARM templates to the report", async () => {
            const template = { resources: [{ type: "Microsoft.Web/sites", name: "web", properties: {} }] };
            assert.deepStrictEqual(
                (
                    await pack.remediate({
                        type: "azure-native:resources:Deployment",
                        name: "dep",
                        properties: { properties: { template } },
                    })
                ).remediations,
                [],
            );
        });

        it("explains that it cannot remediate during preview when the settings are unknown", async () => {
            const { remediations } = await pack.remediate({
                type: webApp,
                name: "app",
                properties: { clientCertEnabled: UNKNOWN },
            });
            assert.strictEqual(remediations.length, 1);
            assert.strictEqual(remediations[0].properties, undefined);
            assert.match(
                remediations[0].diagnostic,
                /can't run remediation 'webapp-require-client-certificates' .* during preview/,
            );
        });

        it("reports a resource that still fails as mandatory, as the engine does after remediation", async () => {
            const template = { resources: [{ type: "Microsoft.Web/sites", name: "web", properties: {} }] };
            const diagnostic = only(
                await pack.analyze({
                    type: "azure-native:resources:Deployment",
                    name: "dep",
                    properties: { properties: { template } },
                }),
            );
            assert.strictEqual(diagnostic.enforcementLevel, "mandatory");
        });
    });
});
