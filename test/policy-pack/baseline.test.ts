// The App Service baseline rules (policy-pack/baseline/), each its own policy: one compliant app per route, then one
// change per case, as users write them; the message says the resource, the setting, the value found, the value
// required, the portal's wording and the fix.
import * as assert from "assert";
import { ResourceValidationPolicy } from "../../policy-pack/node_modules/@pulumi/policy";
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
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { checkPackConfig, PolicyConfigError } from "../../policy-pack/config";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { NotApplicable, validationArgs } from "../../tools/engine/policyArgs";
import { run, UNKNOWN, UnknownValueError } from "./support";

const policies = new Map(BASELINE_RULES.map(rule => [rule.name, baselinePolicy(rule)]));
const policyOf = (rule: BaselineRule): ResourceValidationPolicy => policies.get(rule.name)!;

const WEB_APP = "azure-native:web:WebApp";
const LINUX_WEB_APP = "azure:appservice/linuxWebApp:LinuxWebApp";

/** An azure-native app that meets every rule whose settings are on the app. */
const azureNative = {
    kind: "app,linux",
    clientCertEnabled: true,
    clientCertMode: "Required",
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    siteConfig: {
        minTlsVersion: "1.2",
        scmMinTlsVersion: "1.3",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http20Enabled: true,
    },
};

/** A classic Linux web app that meets every rule, with classic's names. */
const classic = {
    clientCertificateEnabled: true,
    clientCertificateMode: "Required",
    httpsOnly: true,
    identity: { type: "SystemAssigned, UserAssigned", identityIds: ["/id"] },
    publicNetworkAccessEnabled: false,
    ftpPublishBasicAuthenticationEnabled: false,
    webdeployPublishBasicAuthenticationEnabled: false,
    authSettingsV2: { authEnabled: true, login: {} },
    siteConfig: {
        minimumTlsVersion: "1.2",
        scmMinimumTlsVersion: "1.2",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http2Enabled: true,
    },
};

function check(rule: BaselineRule, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}) {
    return run(policyOf(rule), validationArgs(type, props, { config }));
}

/** The one violation a rule reports. */
function violationOf(rule: BaselineRule, type: string, props: Record<string, unknown>, config = {}): string {
    const { violations, notApplicable } = check(rule, type, props, config);
    assert.strictEqual(notApplicable, undefined, `not applicable: ${notApplicable}`);
    assert.strictEqual(violations.length, 1, `expected one violation of ${rule.name}, got ${violations.length}`);
    return violations[0];
}

function withSiteConfig(base: Record<string, any>, change: Record<string, unknown>) {
    return { ...base, siteConfig: { ...base.siteConfig, ...change } };
}

describe("baseline rules on a compliant app", () => {
    for (const rule of BASELINE_RULES.filter(r => r !== basicPublishingCredentialsRule)) {
        it(`${rule.name} passes an azure-native WebApp that meets it`, () => {
            assert.deepStrictEqual(check(rule, WEB_APP, azureNative), { violations: [] });
        });
    }
    for (const rule of BASELINE_RULES) {
        it(`${rule.name} passes a classic LinuxWebApp that meets it`, () => {
            assert.deepStrictEqual(check(rule, LINUX_WEB_APP, classic), { violations: [] });
        });
        it(`${rule.name} records a resource that is not an App Service app as not applicable`, () => {
            assert.deepStrictEqual(check(rule, "azure-native:storage:StorageAccount", {}), {
                violations: [],
                notApplicable: "not an App Service resource",
            });
        });
    }
});

describe("webapp-https-only", () => {
    it("fails httpsOnly false, naming the resource, the value found, the value required, the portal and the fix", () => {
        const message = violationOf(httpsOnlyRule, WEB_APP, { ...azureNative, httpsOnly: false });
        assert.strictEqual(
            message.split("\n")[0],
            `${WEB_APP} "app" fails the HTTPS only rule (CIS Microsoft Azure Foundations Benchmark 9.2 (v2.0.0, v2.1.0), 9.1 (v3.0.0)).`,
        );
        assert.match(message, /^- httpsOnly is false; required: true\.$/m);
        assert.match(message, /Fix: set httpsOnly in the resource's arguments in your program to the value required\./);
        assert.match(message, /In the portal: Settings > Configuration > General settings > HTTPS Only: On\./);
        assert.match(message, /az webapp update --resource-group <RG> --name <APP> --https-only true/);
    });

    it("fails an unset httpsOnly, which Azure creates off", () => {
        const { httpsOnly, ...unset } = azureNative;
        assert.match(
            violationOf(httpsOnlyRule, WEB_APP, unset),
            /- httpsOnly is not set, and Azure's default is false; required: true\./,
        );
    });

    it('fails the string "true": a value of the wrong type never passes', () => {
        assert.match(
            violationOf(httpsOnlyRule, WEB_APP, { ...azureNative, httpsOnly: "true" }),
            /httpsOnly is "true"; required: true/,
        );
    });

    it("fails an unset httpsOnly on classic types, whose provider defaults it to false", () => {
        const { httpsOnly, ...unset } = classic;
        assert.match(
            violationOf(httpsOnlyRule, "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot", unset),
            /httpsOnly is not set, and @pulumi\/azure's default is false/,
        );
    });
});

describe("webapp-minimum-tls-version", () => {
    for (const version of ["1.0", "1.1", 1.2, "1.2 "]) {
        it(`fails siteConfig.minTlsVersion ${JSON.stringify(version)}`, () => {
            const message = violationOf(
                minimumTlsVersionRule,
                WEB_APP,
                withSiteConfig(azureNative, { minTlsVersion: version }),
            );
            assert.match(message, /- siteConfig\.minTlsVersion is .*; required: "1\.2" or "1\.3"\./);
        });
    }

    it("fails the SCM site's TLS version on its own", () => {
        const message = violationOf(
            minimumTlsVersionRule,
            WEB_APP,
            withSiteConfig(azureNative, { scmMinTlsVersion: "1.0" }),
        );
        assert.match(message, /- siteConfig\.scmMinTlsVersion is "1\.0"/);
        assert.doesNotMatch(message, /siteConfig\.minTlsVersion is/);
    });

    it("passes unset versions and an unset siteConfig: Azure creates apps with TLS 1.2", () => {
        const { siteConfig, ...noSiteConfig } = azureNative;
        assert.deepStrictEqual(check(minimumTlsVersionRule, WEB_APP, noSiteConfig), { violations: [] });
    });

    it("reads classic's minimumTlsVersion and the legacy AppService's minTlsVersion", () => {
        assert.match(
            violationOf(minimumTlsVersionRule, LINUX_WEB_APP, withSiteConfig(classic, { minimumTlsVersion: "1.1" })),
            /siteConfig\.minimumTlsVersion is "1\.1"/,
        );
        assert.match(
            violationOf(minimumTlsVersionRule, "azure:appservice/appService:AppService", {
                siteConfig: { minTlsVersion: "1.0" },
            }),
            /siteConfig\.minTlsVersion is "1\.0"/,
        );
    });
});

describe("webapp-ftp-deployments-disabled", () => {
    it("fails AllAllowed", () => {
        assert.match(
            violationOf(ftpDeploymentsRule, WEB_APP, withSiteConfig(azureNative, { ftpsState: "AllAllowed" })),
            /- siteConfig\.ftpsState is "AllAllowed"; required: "Disabled"\./,
        );
    });

    it("leaves an unset ftpsState on azure-native to the rule's stack part, since the site's web config may set it", () => {
        // Azure creates the app AllAllowed unless a Microsoft.Web/sites/config web sets it: webapp-ftp-deployments-in-stack
        // judges it with the stack's web configs (siteConfigInStack.test.ts).
        const { ftpsState, ...siteConfig } = azureNative.siteConfig;
        assert.deepStrictEqual(check(ftpDeploymentsRule, WEB_APP, { ...azureNative, siteConfig }), { violations: [] });
    });

    it("passes an unset ftpsState on the current classic types, whose provider sends Disabled", () => {
        const { ftpsState, ...siteConfig } = classic.siteConfig;
        assert.deepStrictEqual(check(ftpDeploymentsRule, LINUX_WEB_APP, { ...classic, siteConfig }), {
            violations: [],
        });
    });

    it("fails FtpsOnly by default and passes it when the config allows it", () => {
        const ftpsOnly = withSiteConfig(azureNative, { ftpsState: "FtpsOnly" });
        assert.match(violationOf(ftpDeploymentsRule, WEB_APP, ftpsOnly), /is "FtpsOnly"; required: "Disabled"\./);
        assert.deepStrictEqual(check(ftpDeploymentsRule, WEB_APP, ftpsOnly, { allowFtpsOnly: true }), {
            violations: [],
        });
        assert.match(
            violationOf(ftpDeploymentsRule, WEB_APP, withSiteConfig(azureNative, { ftpsState: "AllAllowed" }), {
                allowFtpsOnly: true,
            }),
            /required: "Disabled" or "FtpsOnly"/,
        );
    });

    it("fails a flex-consumption function app, which has no FTP argument, with Azure's default and the way out", () => {
        const message = violationOf(
            ftpDeploymentsRule,
            "azure:appservice/appFlexConsumption:AppFlexConsumption",
            classic,
        );
        assert.match(message, /ftpsState cannot be set on this type, so Azure's default applies: "AllAllowed"/);
        assert.match(message, /az webapp config set --ftps-state Disabled/);
    });
});

describe("webapp-basic-auth-publishing-disabled on classic types", () => {
    it("fails each basic-auth argument left on, and the unset ones the provider defaults to true", () => {
        const { ftpPublishBasicAuthenticationEnabled, ...unsetFtp } = classic;
        const message = violationOf(basicPublishingCredentialsRule, LINUX_WEB_APP, {
            ...unsetFtp,
            webdeployPublishBasicAuthenticationEnabled: true,
        });
        assert.match(
            message,
            /- ftpPublishBasicAuthenticationEnabled is not set, and @pulumi\/azure's default is true; required: false\./,
        );
        assert.match(message, /- webdeployPublishBasicAuthenticationEnabled is true; required: false\./);
    });

    it("fails a legacy AppService, which has no basic-auth argument, naming the type to declare instead", () => {
        const message = violationOf(basicPublishingCredentialsRule, "azure:appservice/appService:AppService", {});
        assert.match(message, /ftpBasicAuth cannot be set on this type, so Azure's default applies: true/);
        assert.match(message, /declare the app as one of classic's current types/);
    });
});

describe("webapp-authentication on classic types", () => {
    const { authSettingsV2, ...withoutAuthentication } = classic;

    it("passes authentication on through the legacy settings alone: the two settings are one switch", () => {
        assert.deepStrictEqual(
            check(authenticationRule, LINUX_WEB_APP, { ...withoutAuthentication, authSettings: { enabled: true } }),
            { violations: [] },
        );
    });

    it("fails an app with neither setting on, naming both and Azure's and the provider's defaults", () => {
        const message = violationOf(authenticationRule, LINUX_WEB_APP, {
            ...withoutAuthentication,
            authSettings: { enabled: false },
        });
        assert.match(
            message,
            /^azure:appservice\/linuxWebApp:LinuxWebApp "[^"]+" fails the authentication rule \(CIS Microsoft Azure Foundations Benchmark 9\.1 \(v2\.0\.0, v2\.1\.0\), 9\.2 \(v3\.0\.0\)\)\./,
        );
        assert.match(
            message,
            /- authSettingsV2\.authEnabled is not set, and @pulumi\/azure's default is false; required: true \(or the legacy authentication settings' enabled true\)\./,
        );
        assert.match(message, /- authSettings\.enabled is false; required: true/);
        assert.match(message, /Fix: set authSettingsV2\.authEnabled or authSettings\.enabled /);
        assert.strictEqual(authSettingsV2.authEnabled, true);
    });

    it("fails a Logic App Standard, which has no authentication argument, saying how to set it up after deployment", () => {
        const message = violationOf(authenticationRule, "azure:logicapps/standard:Standard", {});
        assert.match(message, /authSettingsV2Enabled cannot be set on this type, so Azure's default applies: false/);
        assert.match(message, /az webapp auth update --enabled true/);
    });

    it("is advisory with medium severity, as CIS's Level 2 recommendation and Prowler's check", () => {
        assert.strictEqual(policyOf(authenticationRule).enforcementLevel, "advisory");
        assert.strictEqual(policyOf(authenticationRule).severity, "medium");
    });

    it("asks for either setting, not both, in its remediation steps", () => {
        assert.match(
            policyOf(authenticationRule).remediationSteps!,
            /^Set authSettingsV2Enabled or authSettingsEnabled to the value required\./,
        );
    });
});

describe("webapp-remote-debugging-off", () => {
    it("fails remote debugging on, and passes it unset: Azure creates apps with it off", () => {
        assert.match(
            violationOf(remoteDebuggingRule, WEB_APP, withSiteConfig(azureNative, { remoteDebuggingEnabled: true })),
            /siteConfig\.remoteDebuggingEnabled is true; required: false/,
        );
        assert.deepStrictEqual(check(remoteDebuggingRule, WEB_APP, { kind: "app" }), { violations: [] });
    });
});

describe("webapp-managed-identity", () => {
    for (const type of ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "systemassigned"]) {
        it(`passes identity type ${type}`, () => {
            assert.deepStrictEqual(check(managedIdentityRule, WEB_APP, { ...azureNative, identity: { type } }), {
                violations: [],
            });
        });
    }

    it("fails no identity and identity type None", () => {
        const { identity, ...none } = azureNative;
        assert.match(
            violationOf(managedIdentityRule, WEB_APP, none),
            /identity is not set, and Azure's default is none; required: an identity whose type is/,
        );
        assert.match(
            violationOf(managedIdentityRule, WEB_APP, { ...azureNative, identity: { type: "None" } }),
            /identity is \{"type":"None"\}/,
        );
    });

    it("is advisory by default", () => {
        assert.strictEqual(policyOf(managedIdentityRule).enforcementLevel, "advisory");
    });
});

describe("webapp-http2", () => {
    it("fails HTTP/2 off, and passes it unset on azure-native, whose schema defaults it to true", () => {
        assert.match(
            violationOf(http2Rule, WEB_APP, withSiteConfig(azureNative, { http20Enabled: false })),
            /siteConfig\.http20Enabled is false; required: true/,
        );
        assert.deepStrictEqual(check(http2Rule, WEB_APP, { kind: "app" }), { violations: [] });
    });

    it("fails an unset http2Enabled on classic types, whose provider defaults it to false", () => {
        const { http2Enabled, ...siteConfig } = classic.siteConfig;
        assert.match(
            violationOf(http2Rule, LINUX_WEB_APP, { ...classic, siteConfig }),
            /siteConfig\.http2Enabled is not set, and @pulumi\/azure's default is false/,
        );
    });
});

describe("webapp-public-network-access-disabled", () => {
    it("is off unless the config turns it on", () => {
        assert.strictEqual(policyOf(publicNetworkAccessRule).enforcementLevel, "disabled");
        assert.deepStrictEqual(checkPackConfig({}).disabledBaseline, [publicNetworkAccessRule.name]);
        assert.deepStrictEqual(
            checkPackConfig({ [publicNetworkAccessRule.name]: { enforcementLevel: "mandatory" } }).disabledBaseline,
            [],
        );
    });

    it("reads classic's publicNetworkAccessEnabled as the access it gives", () => {
        assert.match(
            violationOf(publicNetworkAccessRule, LINUX_WEB_APP, { ...classic, publicNetworkAccessEnabled: true }),
            /publicNetworkAccessEnabled is true; required: "Disabled"/,
        );
        assert.match(
            violationOf(publicNetworkAccessRule, WEB_APP, { ...azureNative, publicNetworkAccess: "" }),
            /publicNetworkAccess is ""/,
        );
    });
});

describe("baseline rules beyond the app types", () => {
    const deployment = {
        properties: {
            mode: "Incremental",
            template: {
                resources: [
                    {
                        type: "Microsoft.Web/sites",
                        apiVersion: "2024-04-01",
                        name: "web",
                        properties: { httpsOnly: true, clientCertEnabled: true },
                    },
                ],
            },
        },
    };

    it("judges a site in an ARM template where the template sets it (test/policy-pack/baselineTemplates.test.ts has the rest)", () => {
        assert.deepStrictEqual(check(httpsOnlyRule, "azure-native:resources:Deployment", deployment), {
            violations: [],
        });
    });

    it("judges a site a generic Resource declares, in its properties (test/policy-pack/baselineGenericAzapi.test.ts has the rest)", () => {
        const generic = {
            resourceGroupName: "rg",
            resourceProviderNamespace: "Microsoft.Web",
            parentResourcePath: "",
            resourceType: "sites",
            resourceName: "web",
            apiVersion: "2024-04-01",
            properties: { httpsOnly: false, clientCertEnabled: true, clientCertMode: "Required" },
        };
        const { violations } = check(httpsOnlyRule, "azure-native:resources:Resource", generic);
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /- properties\.httpsOnly is false; required: true\./);
    });

    it("records a deployment without sites as not applicable", () => {
        const empty = { properties: { mode: "Incremental", template: { resources: [] } } };
        assert.strictEqual(
            check(httpsOnlyRule, "azure-native:resources:Deployment", empty).notApplicable,
            "no App Service site or slot in the ARM template",
        );
    });
});

describe("baseline rules at preview", () => {
    it("leaves a setting unknown at preview to the update, as the engine's unknown-value error", () => {
        assert.throws(
            () => check(httpsOnlyRule, WEB_APP, { ...azureNative, httpsOnly: UNKNOWN }),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("leaves a setting under an object unknown at preview to the update, as the engine's unknown-value error", () => {
        assert.throws(
            () => check(minimumTlsVersionRule, WEB_APP, { ...azureNative, siteConfig: UNKNOWN }),
            (e: unknown) => e instanceof UnknownValueError && /siteConfig/.test((e as Error).message),
        );
    });

    it("still reports a definite violation beside a setting unknown at preview", () => {
        const message = violationOf(
            minimumTlsVersionRule,
            WEB_APP,
            withSiteConfig(azureNative, { minTlsVersion: "1.0", scmMinTlsVersion: UNKNOWN }),
        );
        assert.match(message, /siteConfig\.minTlsVersion is "1\.0"/);
        assert.match(message, /siteConfig\.scmMinTlsVersion is not known until the update, where it is checked/);
    });
});

describe("baseline rules' exemptions and excluded kinds", () => {
    it("lets an exempt app through with the reason, under that rule only", () => {
        const exemptions = [
            { resource: "app", type: WEB_APP, reason: "SEC-7: FTP client migration", expires: "2099-01-01" },
        ];
        const insecure = withSiteConfig({ ...azureNative, httpsOnly: false }, { ftpsState: "AllAllowed" });
        const request = new RequestContext(new Run(checkPackConfig({ [ftpDeploymentsRule.name]: { exemptions } })));
        inRequest(request, () => {
            assert.deepStrictEqual(run(policyOf(ftpDeploymentsRule), validationArgs(WEB_APP, insecure)), {
                violations: [],
                notApplicable: "exempt by exemptions[0]: SEC-7: FTP client migration (until 2099-01-01)",
            });
            assert.strictEqual(run(policyOf(httpsOnlyRule), validationArgs(WEB_APP, insecure)).violations.length, 1);
        });
    });

    it("has the exemptions policy name the rule that left an app out by kind", () => {
        const request = new RequestContext(
            new Run(checkPackConfig({ [httpsOnlyRule.name]: { excludedKinds: ["functionapp"] } })),
        );
        const props = { ...azureNative, kind: "functionapp,linux", httpsOnly: false };
        const { violations } = inRequest(request, () => {
            run(requireClientCertificates, validationArgs(WEB_APP, props));
            run(policyOf(httpsOnlyRule), validationArgs(WEB_APP, props));
            return run(clientCertificateExemptions, validationArgs(WEB_APP, props));
        });
        assert.deepStrictEqual(violations, [
            `Excluded kind: ${WEB_APP} "app" is not checked by webapp-https-only: its kind "functionapp,linux" matches excludedKinds "functionapp"`,
        ]);
    });

    it("leaves out an app whose kind is excluded", () => {
        assert.match(
            check(
                httpsOnlyRule,
                WEB_APP,
                { ...azureNative, kind: "functionapp", httpsOnly: false },
                {
                    excludedKinds: ["functionapp"],
                },
            ).notApplicable ?? "",
            /kind excluded by the policy config excludedKinds \(functionapp\)/,
        );
    });
});

describe("remediation of baseline settings", () => {
    function remediated(rule: BaselineRule, type: string, props: Record<string, unknown>) {
        const result = policyOf(rule).remediateResource!(validationArgs(type, props, {}, true));
        return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    }

    it("writes the secure value where the family keeps it, creating siteConfig, and keeps the other inputs", () => {
        assert.deepStrictEqual(remediated(ftpDeploymentsRule, WEB_APP, { kind: "app", httpsOnly: true }), {
            kind: "app",
            httpsOnly: true,
            siteConfig: { ftpsState: "Disabled" },
        });
        assert.deepStrictEqual(
            remediated(minimumTlsVersionRule, LINUX_WEB_APP, {
                siteConfig: { minimumTlsVersion: "1.0", alwaysOn: true },
            }),
            { siteConfig: { minimumTlsVersion: "1.2", alwaysOn: true } },
        );
        assert.deepStrictEqual(
            remediated(publicNetworkAccessRule, LINUX_WEB_APP, { publicNetworkAccessEnabled: true }),
            {
                publicNetworkAccessEnabled: false,
            },
        );
    });

    it("changes nothing on a compliant app, and invents no identity", () => {
        assert.strictEqual(remediated(httpsOnlyRule, WEB_APP, azureNative), undefined);
        assert.strictEqual(remediated(managedIdentityRule, WEB_APP, { kind: "app" }), undefined);
    });

    it("does not rewrite templates, whose sites it reports", () => {
        const deployment = {
            properties: { template: { resources: [{ type: "Microsoft.Web/sites", name: "w", properties: {} }] } },
        };
        assert.strictEqual(remediated(httpsOnlyRule, "azure-native:resources:Deployment", deployment), undefined);
        assert.match(
            violationOf(httpsOnlyRule, "azure-native:resources:Deployment", deployment),
            /properties\.template\.resources\[0\]\.properties\.httpsOnly is not set/,
        );
    });
});

describe("one decode per request", () => {
    /** A deployment whose template holds `count` sites. */
    const deployment = (count: number) => ({
        properties: {
            mode: "Incremental",
            template: {
                resources: Array.from({ length: count }, (_, i) => ({
                    type: "Microsoft.Web/sites",
                    apiVersion: "2024-04-01",
                    name: `web${i}`,
                    properties: { clientCertEnabled: true, clientCertMode: "Required" },
                })),
            },
        },
    });

    /** The evaluation steps a request takes running `policies` on one resource, as the pack's server runs them. */
    function stepsOf(policiesToRun: ResourceValidationPolicy[]): number {
        const request = new RequestContext(new Run(checkPackConfig({})));
        inRequest(request, () => {
            for (const policy of policiesToRun) {
                try {
                    run(policy, validationArgs("azure-native:resources:Deployment", deployment(50)));
                } catch (e) {
                    if (!(e instanceof NotApplicable)) {
                        throw e;
                    }
                }
            }
        });
        return request.run.budget.spent;
    }

    it("walks a template once however many policies read its sites: each policy adds only its own settings' reads", () => {
        const alone = stepsOf([requireClientCertificates]);
        assert.ok(alone > 0);
        const reads = [...policies.values()].map(policy => stepsOf([requireClientCertificates, policy]) - alone);
        assert.ok(
            reads.every(steps => steps < alone / 2),
            `each policy's reads (${reads.join(", ")}) should be far fewer steps than the walk (${alone})`,
        );
        assert.strictEqual(
            stepsOf([requireClientCertificates, ...policies.values()]),
            alone + reads.reduce((a, b) => a + b, 0),
        );
    });
});

describe("baseline rules' config", () => {
    it("accepts each rule's exemptions, excluded kinds and options beside the client-certificate rule's", () => {
        const config = checkPackConfig({
            "webapp-require-client-certificates": { allowedExclusionPaths: ["/health"] },
            [ftpDeploymentsRule.name]: {
                enforcementLevel: "advisory",
                allowFtpsOnly: true,
                excludedKinds: ["WorkflowApp"],
            },
        });
        assert.deepStrictEqual(config.baseline[ftpDeploymentsRule.name], {
            excludedKinds: ["workflowapp"],
            exemptions: [],
            options: { allowFtpsOnly: true },
        });
        assert.deepStrictEqual(config.rule.allowedExclusionPaths, ["/health"]);
    });

    it("refuses an option of another rule, and an option that is not true or false, naming the key and the fix", () => {
        assert.throws(
            () =>
                checkPackConfig({
                    [httpsOnlyRule.name]: { allowFtpsOnly: true },
                    [ftpDeploymentsRule.name]: { allowFtpsOnly: "yes" },
                }),
            (e: unknown) =>
                e instanceof PolicyConfigError &&
                /webapp-https-only\.allowFtpsOnly is true: not a key of this policy's config/.test(e.message) &&
                /webapp-ftp-deployments-disabled\.allowFtpsOnly is "yes": not true or false\. Fix: write allowFtpsOnly: true/.test(
                    e.message,
                ),
        );
    });
});

describe("baseline policy metadata", () => {
    it("gives every rule its own policy name, severity and enforcement level", () => {
        const names = BASELINE_RULES.map(r => r.name);
        assert.strictEqual(new Set(names).size, names.length);
        assert.deepStrictEqual(
            BASELINE_RULES.map(r => [r.name, r.severity, r.enforcementLevel]),
            [
                ["webapp-https-only", "high", "mandatory"],
                ["webapp-minimum-tls-version", "high", "mandatory"],
                ["webapp-ftp-deployments-disabled", "high", "mandatory"],
                ["webapp-basic-auth-publishing-disabled", "high", "mandatory"],
                ["webapp-remote-debugging-off", "high", "mandatory"],
                ["webapp-managed-identity", "medium", "advisory"],
                ["webapp-http2", "low", "advisory"],
                ["webapp-authentication", "medium", "advisory"],
                ["webapp-public-network-access-disabled", "medium", "disabled"],
            ],
        );
    });

    it("states the CIS id per benchmark version in the framework", () => {
        assert.deepStrictEqual(policyOf(ftpDeploymentsRule).framework, {
            name: "CIS Microsoft Azure Foundations Benchmark",
            version: "2.0.0, 2.1.0, 3.0.0",
            reference: "9.10 (v2.0.0), 9.9 (v2.1.0), 9.3 (v3.0.0)",
            specification:
                "Ensure FTP deployments are Disabled / Ensure 'FTP State' is set to 'FTPS Only' or 'Disabled'",
        });
        assert.strictEqual(policyOf(publicNetworkAccessRule).framework, undefined);
    });
});
