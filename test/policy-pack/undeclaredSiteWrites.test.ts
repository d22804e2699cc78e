// Settings written to an App Service site the resource does not declare: a template holding only a site's
// `Microsoft.Web/sites/config` `web`, a publishing-credentials policy or an authentication config for a site deployed
// elsewhere, and the generic Resource and AzAPI resources of those types. An explicit insecure value fails wherever
// it is; an unset setting is the site's own resource's to decide; a value that cannot be known is reported, never
// passed. The client-certificate rule has nothing to judge there, and says what the resource holds.
import * as assert from "assert";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { BaselineRule } from "../../policy-pack/baseline/rule";
import { minimumTlsVersionRule } from "../../policy-pack/baseline/rules/minimumTlsVersion";
import { ftpDeploymentsRule } from "../../policy-pack/baseline/rules/ftpDeployments";
import { basicPublishingCredentialsRule } from "../../policy-pack/baseline/rules/basicPublishingCredentials";
import { remoteDebuggingRule } from "../../policy-pack/baseline/rules/remoteDebugging";
import { authenticationRule } from "../../policy-pack/baseline/rules/authentication";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { checkPackConfig } from "../../policy-pack/config";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { MAX_EVALUATION_STEPS } from "../../policy-pack/arm/budget";
import { validationArgs } from "../../tools/engine/policyArgs";
import { run, UNKNOWN, UnknownValueError, validate, withSteps } from "./support";

const DEPLOYMENT = "azure-native:resources:Deployment";
const GENERIC = "azure-native:resources:Resource";
const AZAPI = "azapi:index/resource:Resource";
const AZAPI_UPDATE = "azapi:index/updateResource:UpdateResource";

const deployment = (resources: unknown[], extra: Record<string, unknown> = {}, parameters?: unknown) => ({
    properties: { mode: "Incremental", template: { resources, ...extra }, ...(parameters ? { parameters } : {}) },
});

/** A site's `config` resource (`web`, `authsettingsV2`...), declared at the top of a template with its full name. */
const config = (name: string, properties: unknown, type = "Microsoft.Web/sites/config") => ({
    type,
    apiVersion: "2024-04-01",
    name,
    properties,
});

/** A site's publishing-credentials policy (`ftp` or `scm`). */
const publishingPolicy = (
    name: string,
    allow: unknown,
    type = "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
) => ({ type, apiVersion: "2024-04-01", name, properties: { allow } });

const SECURE_CONFIG = {
    minTlsVersion: "1.2",
    scmMinTlsVersion: "1.2",
    ftpsState: "Disabled",
    remoteDebuggingEnabled: false,
    http20Enabled: true,
};

function check(rule: BaselineRule, props: Record<string, unknown>, type = DEPLOYMENT) {
    return run(baselinePolicy(rule), validationArgs(type, props));
}

function violationOf(rule: BaselineRule, props: Record<string, unknown>, type = DEPLOYMENT): string {
    const { violations, notApplicable } = check(rule, props, type);
    assert.strictEqual(notApplicable, undefined, `not applicable: ${notApplicable}`);
    assert.strictEqual(violations.length, 1, `expected one violation of ${rule.name}, got ${violations.length}`);
    return violations[0];
}

function passesEveryRule(props: Record<string, unknown>, type = DEPLOYMENT): void {
    for (const rule of BASELINE_RULES) {
        assert.deepStrictEqual(check(rule, props, type), { violations: [] }, rule.name);
    }
}

/** Every policy of the pack on one resource, in one request of a run with `config`, as the pack's server runs them. */
function everyPolicy(
    type: string,
    props: Record<string, unknown>,
    config: Record<string, Record<string, unknown>> = {},
) {
    const request = new RequestContext(new Run(checkPackConfig(config)));
    return inRequest(request, () => ({
        rule: run(requireClientCertificates, validationArgs(type, props)),
        baseline: Object.fromEntries(
            BASELINE_RULES.map(rule => [rule.name, run(baselinePolicy(rule), validationArgs(type, props))]),
        ),
        notices: run(clientCertificateExemptions, validationArgs(type, props)),
    }));
}

const UNDECLARED_REASON = /writes settings of App Service sites or slots it does not declare/;

describe("settings written to a site a template does not declare", () => {
    it("fails an insecure web config for an existing site, naming the resource, the path, the value and the fix", () => {
        const message = violationOf(
            minimumTlsVersionRule,
            deployment([config("existing-app/web", { minTlsVersion: "1.0" })]),
        );
        assert.match(
            message,
            /Microsoft\.Web\/sites\/config "existing-app\/web" at properties\.template\.resources\[0\]/,
        );
        assert.match(
            message,
            /properties\.template\.resources\[0\]\.properties\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"/,
        );
        assert.match(
            message,
            /In the portal: Settings > Configuration > General settings > Minimum Inbound TLS Version/,
        );
        assert.match(message, /az webapp config set/);
        assert.doesNotMatch(message, /scmMinTlsVersion/, "the setting it leaves unset is the site's to decide");
    });

    it("fails a publishing-credentials policy that allows basic auth, and a slot's insecure config", () => {
        assert.match(
            violationOf(basicPublishingCredentialsRule, deployment([publishingPolicy("existing-app/ftp", true)])),
            /properties\.template\.resources\[0\]\.properties\.allow is true; required: false\./,
        );
        const slotConfig = config(
            "existing-app/staging/web",
            { ftpsState: "AllAllowed", remoteDebuggingEnabled: true },
            "Microsoft.Web/sites/slots/config",
        );
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([slotConfig])),
            /Microsoft\.Web\/sites\/slots\/config "existing-app\/staging\/web"[\s\S]*properties\.ftpsState is "AllAllowed"/,
        );
        assert.match(
            violationOf(remoteDebuggingRule, deployment([slotConfig])),
            /properties\.remoteDebuggingEnabled is true/,
        );
    });

    it("passes every rule on a secure web config and policies that refuse basic auth, and judges no unset setting", () => {
        passesEveryRule(
            deployment([
                config("existing-app/web", SECURE_CONFIG),
                publishingPolicy("existing-app/ftp", false),
                publishingPolicy("existing-app/scm", false),
            ]),
        );
        passesEveryRule(deployment([config("existing-app/web", { minTlsVersion: "1.2", ftpsState: "Disabled" })]));
        passesEveryRule(deployment([config("existing-app/web", { appCommandLine: "node server.js" })]));
        passesEveryRule(
            deployment([config("existing-app/appsettings", { minTlsVersion: "1.0", ftpsState: "AllAllowed" })]),
        );
    });

    it("judges the config of a site declared `existing` or deployed only on a condition, declared inside it", () => {
        const existingSite = {
            existing: true,
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: "existing-app",
        };
        const symbolic = {
            languageVersion: "2.0",
        };
        const props = {
            properties: {
                mode: "Incremental",
                template: {
                    ...symbolic,
                    resources: {
                        app: existingSite,
                        web: { ...config("existing-app/web", { ftpsState: "FtpsOnly" }), dependsOn: ["app"] },
                    },
                },
            },
        };
        assert.match(
            violationOf(ftpDeploymentsRule, props),
            /properties\.template\.resources\.web\.properties\.ftpsState is "FtpsOnly"/,
        );
        const skipped = {
            condition: false,
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: "existing-app",
            resources: [config("web", { ftpsState: "AllAllowed" }, "config")],
        };
        assert.match(
            violationOf(ftpDeploymentsRule, deployment([skipped])),
            /properties\.template\.resources\[0\]\.resources\[0\]\.properties\.ftpsState is "AllAllowed"/,
        );
    });

    it("reports a value that cannot be known before deployment, and a name that cannot be evaluated, never passing them", () => {
        assert.match(
            violationOf(
                minimumTlsVersionRule,
                deployment([config("existing-app/web", { minTlsVersion: "[reference('x').tls]" })]),
            ),
            /properties\.template\.resources\[0\]\.properties\.minTlsVersion cannot be verified before deployment/,
        );
        const unnamed = config("[reference('x').name]", { minTlsVersion: "1.0" });
        assert.match(violationOf(minimumTlsVersionRule, deployment([unnamed])), /cannot be verified before deployment/);
        // Whichever resource it is, a value that complies writes nothing insecure.
        passesEveryRule(deployment([config("[reference('x').name]", SECURE_CONFIG)]));
        // The site's part of the name does not matter: the write is judged wherever it goes.
        assert.match(
            violationOf(
                minimumTlsVersionRule,
                deployment([config("[concat(reference('x').name, '/web')]", { minTlsVersion: "1.1" })]),
            ),
            /properties\.minTlsVersion is "1\.1"/,
        );
    });

    it("leaves a value unknown at preview to the update, as the engine's unknown-value error", () => {
        const template = { parameters: { tls: { type: "string" } } };
        const props = deployment([config("existing-app/web", { minTlsVersion: "[parameters('tls')]" })], template, {
            tls: { value: UNKNOWN },
        });
        assert.throws(
            () => check(minimumTlsVersionRule, props),
            (e: unknown) => e instanceof UnknownValueError,
        );
        assert.deepStrictEqual(
            check(ftpDeploymentsRule, props),
            { violations: [] },
            "a rule whose setting it does not write",
        );
        // A config whose own name is unknown at preview: an insecure value waits for the update, a secure one passes.
        const named = (properties: Record<string, unknown>) =>
            deployment(
                [config("[format('{0}/{1}', 'existing-app', parameters('config'))]", properties)],
                { parameters: { config: { type: "string" } } },
                { config: { value: UNKNOWN } },
            );
        assert.throws(
            () => check(minimumTlsVersionRule, named({ minTlsVersion: "1.0" })),
            (e: unknown) => e instanceof UnknownValueError,
        );
        assert.deepStrictEqual(check(minimumTlsVersionRule, named({ minTlsVersion: "1.2" })), { violations: [] });
    });

    it("keeps a config matched to a site of the template the site's, reported once", () => {
        const site = {
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: "web",
            properties: { siteConfig: { ftpsState: "Disabled" } },
        };
        const message = violationOf(
            ftpDeploymentsRule,
            deployment([site, config("web/web", { ftpsState: "AllAllowed" })]),
        );
        assert.strictEqual(message.match(/ftpsState is "AllAllowed"/g)?.length, 1, message);
        // A config for another site beside it is judged on its own.
        const both = violationOf(
            ftpDeploymentsRule,
            deployment([site, config("web/web", SECURE_CONFIG), config("other/web", { ftpsState: "AllAllowed" })]),
        );
        assert.match(
            both,
            /Microsoft\.Web\/sites\/config "other\/web"[\s\S]*resources\[2\]\.properties\.ftpsState is "AllAllowed"/,
        );
        assert.doesNotMatch(both, /Microsoft\.Web\/sites "web"/);
    });

    it("passes authentication turned off in one API, the other deciding it where the site is declared", () => {
        const off = config("existing-app/authsettingsV2", { platform: { enabled: false } });
        assert.deepStrictEqual(check(authenticationRule, deployment([off])), { violations: [] });
    });

    it("leaves the client-certificate rule not applicable, saying what the template holds", () => {
        const outcome = validate(DEPLOYMENT, deployment([config("existing-app/web", { minTlsVersion: "1.0" })]));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", UNDECLARED_REASON);
        assert.doesNotMatch(outcome.notApplicable ?? "", /no App Service site/);
    });

    it("exempts the resource by name from a rule as any other resource, and the notices policy names the exemption", () => {
        const props = deployment([config("existing-app/web", { minTlsVersion: "1.0" })]);
        const exempt = everyPolicy(DEPLOYMENT, props, {
            [minimumTlsVersionRule.name]: { exemptions: [{ resource: "app", reason: "reviewed" }] },
        });
        assert.match(
            exempt.baseline[minimumTlsVersionRule.name].notApplicable ?? "",
            /^exempt by exemptions\[0\]: reviewed/,
        );
        assert.strictEqual(exempt.notices.violations.length, 1, exempt.notices.violations.join("\n"));
        assert.match(exempt.notices.violations[0], /is exempt from webapp-minimum-tls-version by exemptions\[0\]/);
        const plain = everyPolicy(DEPLOYMENT, props);
        assert.strictEqual(plain.baseline[minimumTlsVersionRule.name].violations.length, 1);
        assert.match(plain.rule.notApplicable ?? "", UNDECLARED_REASON);
        assert.deepStrictEqual(plain.notices.violations, [], "nothing is let through, and nothing is left unread");
        assert.match(plain.notices.notApplicable ?? "", UNDECLARED_REASON);
    });

    it("judges thousands of such writes within the resource's budget", () => {
        const resources = Array.from({ length: 3000 }, (_, i) =>
            config(`[concat('app${i}', uniqueString(resourceGroup().id), '/web')]`, SECURE_CONFIG),
        );
        const { result, steps } = withSteps(() => check(ftpDeploymentsRule, deployment(resources)));
        assert.deepStrictEqual(result, { violations: [] });
        assert.ok(steps < MAX_EVALUATION_STEPS, `${steps} steps`);
    });
});

/** The generic Resource whose path makes `providers/Microsoft.Web/{path}`, split over its inputs as given. */
const generic = (inputs: Record<string, string>, properties: unknown) => ({
    resourceGroupName: "rg",
    resourceProviderNamespace: "Microsoft.Web",
    apiVersion: "2024-04-01",
    ...inputs,
    properties,
});

describe("settings written to a site by a generic Resource of a site's child type", () => {
    const splits = [
        { parentResourcePath: "sites/existing-app", resourceType: "config", resourceName: "web" },
        { parentResourcePath: "", resourceType: "sites/existing-app/config", resourceName: "web" },
        { parentResourcePath: "", resourceType: "sites", resourceName: "existing-app/config/web" },
    ];

    it("fails an insecure write however the path is split, naming the property", () => {
        for (const split of splits) {
            const message = violationOf(minimumTlsVersionRule, generic(split, { minTlsVersion: "1.0" }), GENERIC);
            assert.match(message, /properties\.minTlsVersion is "1\.0"; required: "1\.2" or "1\.3"/);
        }
        assert.match(
            violationOf(
                basicPublishingCredentialsRule,
                generic(
                    {
                        parentResourcePath: "sites/existing-app/slots/staging",
                        resourceType: "basicPublishingCredentialsPolicies",
                        resourceName: "scm",
                    },
                    { allow: true },
                ),
                GENERIC,
            ),
            /properties\.allow is true; required: false/,
        );
    });

    it("passes a secure write and another config, and leaves the client-certificate rule not applicable", () => {
        passesEveryRule(generic(splits[0], SECURE_CONFIG), GENERIC);
        passesEveryRule(generic({ ...splits[0], resourceName: "appsettings" }, { minTlsVersion: "1.0" }), GENERIC);
        const outcome = validate(GENERIC, generic(splits[0], { minTlsVersion: "1.0" }));
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", UNDECLARED_REASON);
    });

    it("reports properties that are no object, and leaves a value unknown at preview to the update", () => {
        assert.match(
            violationOf(ftpDeploymentsRule, generic(splits[0], "ftpsState=AllAllowed"), GENERIC),
            /cannot be verified before deployment/,
        );
        assert.throws(
            () => check(ftpDeploymentsRule, generic(splits[0], { ftpsState: UNKNOWN }), GENERIC),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });
});

describe("settings written to a site by an AzAPI resource of a site's child type", () => {
    const SITE_ID = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/existing-app";
    const azapi = (type: string, name: string, body: unknown) => ({ type, name, parentId: SITE_ID, body });

    it("fails an insecure body of Resource and UpdateResource, naming the body's property", () => {
        for (const type of [AZAPI, AZAPI_UPDATE]) {
            const props = azapi("Microsoft.Web/sites/config@2023-12-01", "web", {
                properties: { minTlsVersion: "1.0" },
            });
            assert.match(violationOf(minimumTlsVersionRule, props, type), /body\.properties\.minTlsVersion is "1\.0"/);
            assert.match(
                violationOf(
                    basicPublishingCredentialsRule,
                    azapi("Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01", "ftp", {
                        properties: { allow: true },
                    }),
                    type,
                ),
                /body\.properties\.allow is true/,
            );
        }
    });

    it("passes a secure body and one that writes no such setting", () => {
        for (const type of [AZAPI, AZAPI_UPDATE]) {
            passesEveryRule(azapi("Microsoft.Web/sites/config@2023-12-01", "web", { properties: SECURE_CONFIG }), type);
            passesEveryRule(
                azapi("Microsoft.Web/sites/config@2023-12-01", "web", { properties: { appCommandLine: "x" } }),
                type,
            );
            const outcome = validate(
                type,
                azapi("Microsoft.Web/sites/config@2023-12-01", "web", { properties: { minTlsVersion: "1.0" } }),
            );
            assert.deepStrictEqual(outcome.violations, []);
            assert.match(outcome.notApplicable ?? "", UNDECLARED_REASON);
        }
    });

    it("reports a body that cannot be read, and a written setting whose changes ignoreBodyChanges keeps from being sent", () => {
        const unreadable = { ...azapi("Microsoft.Web/sites/config@2023-12-01", "web", undefined), body: "not json" };
        assert.match(violationOf(minimumTlsVersionRule, unreadable, AZAPI), /cannot be verified before deployment/);
        const ignored = {
            ...azapi("Microsoft.Web/sites/config@2023-12-01", "web", { properties: SECURE_CONFIG }),
            ignoreBodyChanges: ["properties.minTlsVersion"],
        };
        assert.match(
            violationOf(minimumTlsVersionRule, ignored, AZAPI),
            /body\.properties\.minTlsVersion cannot be verified before deployment: ignoreBodyChanges lists properties\.minTlsVersion/,
        );
        assert.deepStrictEqual(check(ftpDeploymentsRule, ignored, AZAPI), { violations: [] });
    });
});

describe("settings written to an undeclared site, in the letter case ARM accepts", () => {
    it("fails an insecure write whatever the case of its type, its name, its property and its value", () => {
        const template = deployment([
            config("existing-app/WEB", { MinTlsVersion: "1.0", FTPSSTATE: "allallowed" }, "MICROSOFT.WEB/SITES/CONFIG"),
        ]);
        assert.match(violationOf(minimumTlsVersionRule, template), /properties\.minTlsVersion is "1\.0"/i);
        assert.match(violationOf(ftpDeploymentsRule, template), /properties\.ftpsState is "allallowed"/i);
        const inGeneric = generic(
            { parentResourcePath: "SITES/existing-app", resourceType: "Config", resourceName: "WEB" },
            { minTLSVersion: "1.0" },
        );
        assert.match(violationOf(minimumTlsVersionRule, inGeneric, GENERIC), /properties\.minTlsVersion is "1\.0"/i);
        const inAzapi = {
            type: "microsoft.web/SITES/Config@2023-12-01",
            name: "WEB",
            parentId: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/existing-app",
            body: { properties: { MINTLSVERSION: "1.0" } },
        };
        assert.match(violationOf(minimumTlsVersionRule, inAzapi, AZAPI), /properties\.minTlsVersion is "1\.0"/i);
    });
});
