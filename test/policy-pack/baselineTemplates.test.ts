// The App Service baseline rules on the sites and slots of ARM templates: each setting read where ARM has it,
// evaluated as the client-certificate settings are (parameters, variables, if() on a condition only Azure knows),
// with Azure's default for a setting the template leaves out, and a value that cannot be known before deployment
// reported, never passed. One compliant template, then one change per case.
import * as assert from "assert";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { httpsOnlyRule } from "../../policy-pack/baseline/rules/httpsOnly";
import { minimumTlsVersionRule } from "../../policy-pack/baseline/rules/minimumTlsVersion";
import { ftpDeploymentsRule } from "../../policy-pack/baseline/rules/ftpDeployments";
import { basicPublishingCredentialsRule } from "../../policy-pack/baseline/rules/basicPublishingCredentials";
import { remoteDebuggingRule } from "../../policy-pack/baseline/rules/remoteDebugging";
import { managedIdentityRule } from "../../policy-pack/baseline/rules/managedIdentity";
import { http2Rule } from "../../policy-pack/baseline/rules/http2";
import { publicNetworkAccessRule } from "../../policy-pack/baseline/rules/publicNetworkAccess";
import { authenticationRule } from "../../policy-pack/baseline/rules/authentication";
import { BaselineRule } from "../../policy-pack/baseline/rule";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { validationArgs } from "../../tools/engine/policyArgs";
import { run, UNKNOWN, UnknownValueError, validate, withSteps } from "./support";
import { MAX_EVALUATION_STEPS } from "../../policy-pack/arm/budget";

const DEPLOYMENT = "azure-native:resources:Deployment";
const SITE = "properties.template.resources[0]";

/** A site's publishing credentials policy, declared inside the site. */
const publishingPolicy = (name: string, allow: unknown) => ({
    type: "basicPublishingCredentialsPolicies",
    apiVersion: "2024-04-01",
    name,
    properties: { allow },
});

/** A site's authentication settings, its `config` resource `authsettingsV2` (or the legacy `authsettings`). */
const authentication = (name: string, enabled: unknown, type = "config") => ({
    type,
    apiVersion: "2024-04-01",
    name,
    properties: name.endsWith("authsettingsV2") ? { platform: { enabled } } : { enabled },
});

/** A site that meets every rule, its publishing credentials and authentication settings declared inside it. */
const secureSite = {
    type: "Microsoft.Web/sites",
    apiVersion: "2024-04-01",
    name: "web",
    kind: "app,linux",
    identity: { type: "SystemAssigned" },
    properties: {
        clientCertEnabled: true,
        clientCertMode: "Required",
        httpsOnly: true,
        publicNetworkAccess: "Disabled",
        siteConfig: {
            minTlsVersion: "1.2",
            scmMinTlsVersion: "1.3",
            ftpsState: "Disabled",
            remoteDebuggingEnabled: false,
            http20Enabled: true,
        },
    },
    resources: [publishingPolicy("ftp", false), publishingPolicy("scm", false), authentication("authsettingsV2", true)],
};

type Site = Record<string, any>;

const deployment = (resources: unknown[], extra: Record<string, unknown> = {}, parameters?: unknown) => ({
    properties: { mode: "Incremental", template: { resources, ...extra }, ...(parameters ? { parameters } : {}) },
});

const withProperties = (change: Record<string, unknown>, site: Site = secureSite): Site => ({
    ...site,
    properties: { ...site.properties, ...change },
});

const withSiteConfig = (change: Record<string, unknown>, site: Site = secureSite): Site =>
    withProperties({ siteConfig: { ...site.properties.siteConfig, ...change } }, site);

function check(rule: BaselineRule, props: Record<string, unknown>, type = DEPLOYMENT) {
    return run(baselinePolicy(rule), validationArgs(type, props));
}

function violationOf(rule: BaselineRule, props: Record<string, unknown>, type = DEPLOYMENT): string {
    const { violations, notApplicable } = check(rule, props, type);
    assert.strictEqual(notApplicable, undefined, `not applicable: ${notApplicable}`);
    assert.strictEqual(violations.length, 1, `expected one violation of ${rule.name}, got ${violations.length}`);
    return violations[0];
}

function passes(rule: BaselineRule, props: Record<string, unknown>, type = DEPLOYMENT): void {
    assert.deepStrictEqual(check(rule, props, type), { violations: [] }, rule.name);
}

const SITE_RULES = BASELINE_RULES;

describe("baseline rules on a template site that meets them", () => {
    for (const rule of SITE_RULES) {
        it(`${rule.name} passes the site in a Deployment, a slot, and a site in a nested deployment`, () => {
            const slot = { ...secureSite, type: "Microsoft.Web/sites/slots", name: "web/staging" };
            const nested = {
                type: "Microsoft.Resources/deployments",
                apiVersion: "2022-09-01",
                name: "inner",
                properties: { mode: "Incremental", template: { resources: [secureSite] } },
            };
            passes(rule, deployment([secureSite, slot, nested]));
        });

        it(`${rule.name} passes the site in a template spec and a deployment stack`, () => {
            passes(
                rule,
                { templateSpecName: "spec", mainTemplate: { resources: [secureSite] } },
                "azure-native:resources:TemplateSpecVersion",
            );
            passes(
                rule,
                {
                    template: { resources: [secureSite] },
                    denySettings: { mode: "none" },
                    actionOnUnmanage: { resources: "delete" },
                },
                "azure-native:resources:DeploymentStackAtResourceGroup",
            );
        });
    }

    it("leaves the client-certificate rule's verdict as it was", () => {
        assert.deepStrictEqual(validate(DEPLOYMENT, deployment([secureSite])), { violations: [] });
        assert.deepStrictEqual(validate(DEPLOYMENT, deployment([withProperties({ httpsOnly: false })])), {
            violations: [],
        });
    });
});

describe("baseline rules on a template site: one insecure setting each", () => {
    const cases: [BaselineRule, Site, RegExp][] = [
        [httpsOnlyRule, withProperties({ httpsOnly: false }), /properties\.httpsOnly is false; required: true\./],
        [
            minimumTlsVersionRule,
            withSiteConfig({ minTlsVersion: "1.0" }),
            /properties\.siteConfig\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"\./,
        ],
        [
            minimumTlsVersionRule,
            withSiteConfig({ scmMinTlsVersion: "1.1" }),
            /properties\.siteConfig\.scmMinTlsVersion is "1\.1"/,
        ],
        [
            ftpDeploymentsRule,
            withSiteConfig({ ftpsState: "AllAllowed" }),
            /properties\.siteConfig\.ftpsState is "AllAllowed"/,
        ],
        [
            remoteDebuggingRule,
            withSiteConfig({ remoteDebuggingEnabled: true }),
            /properties\.siteConfig\.remoteDebuggingEnabled is true/,
        ],
        [managedIdentityRule, { ...secureSite, identity: { type: "None" } }, /identity is \{"type":"None"\}/],
        [http2Rule, withSiteConfig({ http20Enabled: false }), /properties\.siteConfig\.http20Enabled is false/],
        [
            publicNetworkAccessRule,
            withProperties({ publicNetworkAccess: "Enabled" }),
            /properties\.publicNetworkAccess is "Enabled"/,
        ],
    ];
    for (const [rule, site, found] of cases) {
        it(`${rule.name} fails ${found.source.split(" is ")[0].replace(/\\/g, "")}, naming the site and the path as the template writes it`, () => {
            const message = violationOf(rule, deployment([site]));
            assert.match(message, new RegExp(`- Microsoft\\.Web/sites "web" at ${SITE.replace(/[.[\]]/g, "\\$&")}:`));
            assert.match(message, new RegExp(`${SITE.replace(/[.[\]]/g, "\\$&")}\\.${found.source}`));
            for (const other of SITE_RULES.filter(r => r !== rule)) {
                passes(other, deployment([site]));
            }
        });

        it(`${rule.name} fails it in a deployment stack, whose copy of the template keeps what the rules read`, () => {
            const stack = {
                template: { resources: [site] },
                denySettings: { mode: "none" },
                actionOnUnmanage: { resources: "delete" },
            };
            assert.match(
                violationOf(rule, stack, "azure-native:resources:DeploymentStackAtResourceGroup"),
                new RegExp(`template\\.resources\\[0\\]\\.${found.source}`),
            );
        });
    }
});

describe("the authentication rule on a template site: its authsettingsV2 or authsettings config", () => {
    const withAuthentication = (...children: unknown[]) => ({
        ...secureSite,
        resources: [publishingPolicy("ftp", false), publishingPolicy("scm", false), ...children],
    });

    it("passes either config turned on, declared inside the site or beside it", () => {
        for (const resources of [
            [withAuthentication(authentication("authsettingsV2", true))],
            [withAuthentication(authentication("authsettings", true))],
            [
                withAuthentication(authentication("authsettingsV2", false)),
                authentication("web/authsettings", true, "Microsoft.Web/sites/config"),
            ],
        ]) {
            passes(authenticationRule, deployment(resources));
        }
    });

    it("fails a site with neither, with Azure's default, and one whose configs both leave it off", () => {
        assert.match(
            violationOf(authenticationRule, deployment([withAuthentication()])),
            /set by no config resource named "authsettingsV2" of the site \(properties\.platform\.enabled\), so Azure's default applies: false/,
        );
        assert.match(
            violationOf(authenticationRule, deployment([withAuthentication(authentication("authsettingsV2", false))])),
            /properties\.platform\.enabled is false/,
        );
    });

    it("judges the other rules as before: the authentication config writes none of their settings", () => {
        for (const rule of SITE_RULES.filter(r => r !== authenticationRule)) {
            passes(rule, deployment([withAuthentication()]));
        }
    });
});

describe("baseline rules on a template site: unset settings", () => {
    const bare = { type: "Microsoft.Web/sites", apiVersion: "2024-04-01", name: "web", properties: {} };

    it("fails an unset httpsOnly, ftpsState, identity and HTTP/2 with Azure's defaults", () => {
        assert.match(
            violationOf(httpsOnlyRule, deployment([bare])),
            /properties\.template\.resources\[0\]\.properties\.httpsOnly is not set, and Azure's default is false; required: true\./,
        );
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([bare])),
            /properties\.siteConfig\.ftpsState is not set, and Azure's default is "AllAllowed"/,
        );
        assert.match(
            violationOf(managedIdentityRule, deployment([bare])),
            /identity is not set, and Azure's default is none/,
        );
        assert.match(
            violationOf(http2Rule, deployment([bare])),
            /http20Enabled is not set, and Azure's default is false/,
        );
        assert.match(
            violationOf(publicNetworkAccessRule, deployment([bare])),
            /publicNetworkAccess is not set, and Azure's default is "Enabled"/,
        );
    });

    it("passes unset TLS versions and remote debugging, and a site without properties: Azure creates them secure", () => {
        const { properties: _, ...noProperties } = bare;
        for (const site of [bare, noProperties]) {
            passes(minimumTlsVersionRule, deployment([site]));
            passes(remoteDebuggingRule, deployment([site]));
        }
    });
});

describe("baseline rules on a template site: evaluated as ARM evaluates it", () => {
    const parameterized = {
        ...secureSite,
        identity: "[if(parameters('withIdentity'), createObject('type', 'SystemAssigned'), null())]",
        properties: {
            ...secureSite.properties,
            httpsOnly: "[parameters('httpsOnly')]",
            siteConfig: "[variables('siteConfig')]",
        },
    };
    const template = {
        parameters: {
            httpsOnly: { type: "bool", defaultValue: false },
            withIdentity: { type: "bool", defaultValue: true },
            tls: { type: "string", defaultValue: "1.0" },
        },
        variables: {
            siteConfig: { minTlsVersion: "[parameters('tls')]", scmMinTlsVersion: "1.2", ftpsState: "disabled" },
        },
    };

    it("reads parameters' defaults, the values the deployment gives, variables and if()", () => {
        assert.match(
            violationOf(httpsOnlyRule, deployment([parameterized], template)),
            /properties\.httpsOnly is false/,
        );
        assert.match(
            violationOf(minimumTlsVersionRule, deployment([parameterized], template)),
            /properties\.siteConfig\.minTlsVersion is "1\.0"/,
        );
        passes(managedIdentityRule, deployment([parameterized], template));
        passes(ftpDeploymentsRule, deployment([parameterized], template)); // Azure reads the enum in any case
        const given = { httpsOnly: { value: true }, tls: { value: "1.3" }, withIdentity: { value: false } };
        passes(httpsOnlyRule, deployment([parameterized], template, given));
        passes(minimumTlsVersionRule, deployment([parameterized], template, given));
        assert.match(
            violationOf(managedIdentityRule, deployment([parameterized], template, given)),
            /identity is not set, and Azure's default is none/,
        );
    });

    it("judges every copy of a site's copy loop", () => {
        const looped = {
            ...withProperties({ httpsOnly: "[equals(copyIndex(), 0)]" }),
            name: "[concat('web', copyIndex())]",
            copy: { name: "sites", count: 2 },
        };
        const message = violationOf(httpsOnlyRule, deployment([looped]));
        assert.match(message, /"web1" \(copy 2 of 2 of loop "sites"\)/);
        assert.doesNotMatch(message, /"web0"/);
    });

    it("reports a setting that only Azure can know, and passes an if() whose every value complies", () => {
        const fromReference = withSiteConfig({ minTlsVersion: "[reference('other').minTlsVersion]" });
        assert.match(
            violationOf(minimumTlsVersionRule, deployment([fromReference])),
            /properties\.siteConfig\.minTlsVersion cannot be verified before deployment: it is \[reference\('other'\)\.minTlsVersion\]/,
        );
        const either = (a: string, b: string) =>
            withSiteConfig({ minTlsVersion: `[if(equals(reference('other').tier, 'x'), '${a}', '${b}')]` });
        passes(minimumTlsVersionRule, deployment([either("1.2", "1.3")]));
        assert.match(
            violationOf(minimumTlsVersionRule, deployment([either("1.2", "1.0")])),
            /minTlsVersion cannot be verified before deployment: .*it is "1\.2" or "1\.0" depending on it/,
        );
    });

    it("reports siteConfig built by a property copy loop, and a siteConfig that is no object", () => {
        const copied = withProperties({
            siteConfig: undefined,
            copy: [{ name: "siteConfig", count: 1, input: { ftpsState: "Disabled" } }],
        });
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([copied])),
            /ftpsState cannot be verified before deployment: the site's properties build siteConfig with a copy loop/,
        );
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([withProperties({ siteConfig: "off" })])),
            /ftpsState cannot be verified before deployment: the site's siteConfig is "off", not an object/,
        );
    });

    it("leaves a setting unknown at preview to the update, as the engine's unknown-value error", () => {
        const unknown = withProperties({ httpsOnly: "[parameters('https')]" });
        const template = { parameters: { https: { type: "bool" } } };
        assert.throws(
            () => check(httpsOnlyRule, deployment([unknown], template, { https: { value: UNKNOWN } })),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("fails a template part it cannot read, as the client-certificate rule does", () => {
        const linked = {
            type: "Microsoft.Resources/deployments",
            apiVersion: "2022-09-01",
            name: "linked",
            properties: { mode: "Incremental", templateLink: { uri: "https://example.com/t.json" } },
        };
        assert.match(
            violationOf(httpsOnlyRule, deployment([secureSite, linked])),
            /cannot be verified before deployment: it links the template "https:\/\/example\.com\/t\.json"/,
        );
    });
});

describe("baseline settings still not read in templates", () => {
    it("leaves an Azure Policy definition's writes in a template to the not-read notice, judging the sites beside it", () => {
        const definition = {
            type: "Microsoft.Authorization/policyDefinitions",
            apiVersion: "2023-04-01",
            name: "certs",
            properties: {
                policyRule: {
                    if: { field: "type", equals: "Microsoft.Web/sites" },
                    then: {
                        effect: "modify",
                        details: {
                            roleDefinitionIds: [],
                            operations: [
                                {
                                    operation: "addOrReplace",
                                    field: "Microsoft.Web/sites/clientCertEnabled",
                                    value: true,
                                },
                            ],
                        },
                    },
                },
            },
        };
        passes(httpsOnlyRule, deployment([secureSite, definition]));
        assert.match(
            violationOf(httpsOnlyRule, deployment([withProperties({ httpsOnly: false }), definition])),
            /properties\.httpsOnly is false/,
        );
        assert.match(
            check(httpsOnlyRule, deployment([definition])).notApplicable ?? "",
            /^the pack reads the baseline settings of App Service sites, not what an Azure Policy definition's effects write to them; webapp-client-certificate-exemptions names it$/,
        );
    });

    it("judges the sites of a template a generic Resource deploys, as a deployment's", () => {
        const generic = {
            resourceGroupName: "rg",
            resourceProviderNamespace: "Microsoft.Resources",
            parentResourcePath: "",
            resourceType: "deployments",
            resourceName: "d",
            apiVersion: "2024-03-01",
            properties: { mode: "Incremental", template: { resources: [withProperties({ httpsOnly: false })] } },
        };
        assert.match(
            violationOf(httpsOnlyRule, generic, "azure-native:resources:Resource"),
            /properties\.template\.resources\[0\]\.properties\.httpsOnly is false; required: true\./,
        );
    });
});

describe("baseline settings written by a template site's child resources", () => {
    /** A site that leaves its siteConfig settings unset, and whatever else `resources` declares. */
    const bareSite = (name = "web", children: unknown[] = []) => ({
        type: "Microsoft.Web/sites",
        apiVersion: "2024-04-01",
        name,
        properties: {},
        resources: children,
    });
    const webConfig = (name: string, properties: Record<string, unknown>, type = "Microsoft.Web/sites/config") => ({
        type,
        apiVersion: "2024-04-01",
        name,
        properties,
    });
    const secureConfig = {
        minTlsVersion: "1.2",
        scmMinTlsVersion: "1.2",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http20Enabled: true,
    };

    it("passes a setting the site leaves unset that its web config sets, declared beside the site or inside it", () => {
        for (const resources of [
            [bareSite(), webConfig("web/web", secureConfig)],
            [bareSite("web", [webConfig("web", secureConfig, "config")])],
            [webConfig("WEB/Web", secureConfig, "microsoft.web/SITES/config"), bareSite()],
        ]) {
            for (const rule of [ftpDeploymentsRule, http2Rule, minimumTlsVersionRule, remoteDebuggingRule]) {
                passes(rule, deployment(resources));
            }
        }
    });

    it("fails an insecure write in the web config, naming its path, whatever the site sets", () => {
        const message = violationOf(
            minimumTlsVersionRule,
            deployment([secureSite, webConfig("web/web", { minTlsVersion: "1.0" })]),
        );
        assert.match(message, /properties\.template\.resources\[1\]\.properties\.minTlsVersion is "1\.0"/);
        assert.doesNotMatch(message, /siteConfig/);
        assert.match(
            violationOf(
                ftpDeploymentsRule,
                deployment([bareSite("web", [webConfig("web", { ftpsState: "FtpsOnly" }, "config")])]),
            ),
            /properties\.template\.resources\[0\]\.resources\[0\]\.properties\.ftpsState is "FtpsOnly"/,
        );
    });

    it("judges the site alone when the config is another site's, or another config", () => {
        for (const other of [webConfig("other/web", secureConfig), webConfig("web/appsettings", secureConfig)]) {
            assert.match(
                violationOf(ftpDeploymentsRule, deployment([bareSite(), other])),
                /properties\.template\.resources\[0\]\.properties\.siteConfig\.ftpsState is not set, and Azure's default is "AllAllowed"/,
            );
        }
    });

    it("matches a slot's config by the site's and the slot's name, declared beside it or inside a slot inside the site", () => {
        const slot = { ...bareSite("web/staging"), type: "Microsoft.Web/sites/slots" };
        const besides = [slot, webConfig("web/staging/web", secureConfig, "Microsoft.Web/sites/slots/config")];
        passes(ftpDeploymentsRule, deployment(besides));
        const nestedSlot = { ...bareSite("staging", [webConfig("web", secureConfig, "config")]), type: "slots" };
        passes(ftpDeploymentsRule, deployment([{ ...secureSite, resources: [...secureSite.resources, nestedSlot] }]));
        // The site's config is not the slot's.
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([slot, webConfig("web/web", secureConfig)])),
            /Microsoft\.Web\/sites\/slots "web\/staging"[\s\S]*siteConfig\.ftpsState is not set/,
        );
    });

    it("matches each copy of a site's copy loop with its own config", () => {
        const sites = { ...bareSite("[concat('web', copyIndex())]"), copy: { name: "sites", count: 2 } };
        const configs = {
            ...webConfig("[concat('web', copyIndex(), '/web')]", {
                ftpsState: "[if(equals(copyIndex(), 0), 'Disabled', 'AllAllowed')]",
            }),
            copy: { name: "configs", count: 2 },
        };
        const message = violationOf(ftpDeploymentsRule, deployment([sites, configs]));
        assert.match(message, /"web1" \(copy 2 of 2 of loop "sites"\)/);
        assert.doesNotMatch(message, /"web0"/);
    });

    it("reports a config declared inside a site with a copy loop: which copies it is deployed for is not told", () => {
        const looped = {
            ...bareSite("[concat('web', copyIndex())]", [webConfig("web", { ftpsState: "AllAllowed" }, "config")]),
            copy: { name: "sites", count: 2 },
        };
        const message = violationOf(ftpDeploymentsRule, deployment([looped]));
        assert.match(message, /"web0" \(copy 1 of 2[\s\S]*"web1" \(copy 2 of 2/);
        assert.match(
            message,
            /ftpsState cannot be verified before deployment: Microsoft\.Web\/sites\/config .* is declared inside a site with a copy loop/,
        );
    });

    it("reports a config whose name cannot be evaluated: it may write any site's settings", () => {
        const unnamed = webConfig("[concat(reference('x').name, '/web')]", secureConfig);
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([secureSite, unnamed])),
            /ftpsState cannot be verified before deployment: the name of Microsoft\.Web\/sites\/config .* cannot be evaluated/,
        );
    });

    it("matches a config named from the site's own name expression when that name is known only to Azure, as Bicep writes it", () => {
        const variables = { siteName: "[concat('web', uniqueString(resourceGroup().id))]" };
        const named = bareSite("[variables('siteName')]");
        for (const name of [
            "[format('{0}/{1}', variables('siteName'), 'web')]",
            "[format('{0}/web', variables('siteName'))]",
            "[concat(variables('siteName'), '/web')]",
        ]) {
            passes(ftpDeploymentsRule, deployment([named, webConfig(name, secureConfig)], { variables }));
        }
        // Another config of the site is not its web config; another expression may or may not name the site.
        assert.match(
            violationOf(
                ftpDeploymentsRule,
                deployment([named, webConfig("[format('{0}/logs', variables('siteName'))]", secureConfig)], {
                    variables,
                }),
            ),
            /siteConfig\.ftpsState is not set, and Azure's default is "AllAllowed"/,
        );
        assert.match(
            violationOf(
                ftpDeploymentsRule,
                deployment(
                    [
                        named,
                        webConfig("[format('{0}/web', concat('web', uniqueString(resourceGroup().id)))]", secureConfig),
                    ],
                    { variables },
                ),
            ),
            /ftpsState cannot be verified before deployment: the name of Microsoft\.Web\/sites\/config .* cannot be evaluated/,
        );
        // Declared inside the site, a config is the site's whatever its name.
        passes(
            ftpDeploymentsRule,
            deployment([bareSite("[variables('siteName')]", [webConfig("web", secureConfig, "config")])], {
                variables,
            }),
        );
    });

    it("requires both publishing credentials policies with allow false, declared inside the site or beside it", () => {
        passes(basicPublishingCredentialsRule, deployment([secureSite]));
        const beside = (
            name: string,
            allow: unknown,
            type = "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
        ) => ({
            ...publishingPolicy(name, allow),
            type,
        });
        passes(
            basicPublishingCredentialsRule,
            deployment([bareSite(), beside("web/ftp", false), beside("web/SCM", false)]),
        );
        const missing = violationOf(basicPublishingCredentialsRule, deployment([bareSite(), beside("web/ftp", false)]));
        assert.match(
            missing,
            /scmBasicAuth is set by no basicPublishingCredentialsPolicies resource named "scm" of the site \(properties\.allow\), so Azure's default applies: true; required: false\./,
        );
        assert.doesNotMatch(missing, /ftpBasicAuth/);
        assert.match(missing, /Fix: declare a Microsoft\.Web\/sites\/basicPublishingCredentialsPolicies/);
        assert.match(
            violationOf(
                basicPublishingCredentialsRule,
                deployment([bareSite("web", [publishingPolicy("ftp", true), publishingPolicy("scm", false)])]),
            ),
            /properties\.template\.resources\[0\]\.resources\[0\]\.properties\.allow is true; required: false\./,
        );
        const slot = { ...bareSite("web/staging"), type: "Microsoft.Web/sites/slots" };
        const slotPolicy = (name: string) =>
            beside(`web/staging/${name}`, false, "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies");
        passes(basicPublishingCredentialsRule, deployment([slot, slotPolicy("ftp"), slotPolicy("scm")]));
        assert.match(
            violationOf(
                basicPublishingCredentialsRule,
                deployment([slot, beside("web/ftp", false), beside("web/scm", false)]),
            ),
            /ftpBasicAuth is set by no basicPublishingCredentialsPolicies resource named "ftp"/,
        );
    });

    it("matches thousands of sites and children whose names cannot be evaluated within the resource's budget", () => {
        const unnamed = (kind: string, i: number) => `concat('${kind}${i}', uniqueString(resourceGroup().id))`;
        const resources = [
            ...Array.from({ length: 500 }, (_, i) => ({ ...secureSite, name: `[${unnamed("w", i)}]`, resources: [] })),
            ...Array.from({ length: 2500 }, (_, i) => webConfig(`[concat(${unnamed("c", i)}, '/web')]`, secureConfig)),
        ];
        const { result, steps } = withSteps(() => check(ftpDeploymentsRule, deployment(resources)));
        assert.strictEqual(result.violations.length, 1, "children that may be a site's are never passed");
        assert.match(result.violations[0], /cannot be verified before deployment/);
        assert.ok(steps > MAX_EVALUATION_STEPS && steps < 1.1 * MAX_EVALUATION_STEPS, `${steps} steps`);
    });

    it("leaves the client-certificate rule's verdict as it was", () => {
        assert.deepStrictEqual(
            validate(DEPLOYMENT, deployment([secureSite, webConfig("web/web", { ftpsState: "AllAllowed" })])),
            {
                violations: [],
            },
        );
    });
});
