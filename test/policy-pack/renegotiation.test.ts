// Mutual TLS that needs TLS renegotiation (exclusion paths, mode OptionalInteractiveUser) on a protocol without it
// (HTTP/2, TLS 1.3): the client-certificate rule judges the combination, and webapp-http2 does not ask for HTTP/2
// where it would break mutual TLS (docs/mutual-tls-renegotiation.md). One compliant app per route, one change per case.
import * as assert from "assert";
import { http2Rule } from "../../policy-pack/baseline/rules/http2";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { validationArgs } from "../../tools/engine/policyArgs";
import { remediate, run, RunOptions, UNKNOWN, UnknownValueError, validate } from "./support";

const WEB_APP = "azure-native:web:WebApp";
const LINUX_WEB_APP = "azure:appservice/linuxWebApp:LinuxWebApp";
const ALLOW_HEALTH = { config: { allowedExclusionPaths: ["/health"] } };

/** An azure-native app that excludes an allowed path from client certificates, with HTTP/2 off and TLS 1.2. */
const azureNative = {
    kind: "app",
    clientCertEnabled: true,
    clientCertMode: "Required",
    clientCertExclusionPaths: "/health",
    siteConfig: { minTlsVersion: "1.2", http20Enabled: false },
};

/** The same as a classic Linux web app, with classic's names. */
const classic = {
    clientCertificateEnabled: true,
    clientCertificateMode: "Required",
    clientCertificateExclusionPaths: "/health",
    siteConfig: { minimumTlsVersion: "1.2", http2Enabled: false },
};

function withSiteConfig(base: Record<string, any>, change: Record<string, unknown>) {
    return { ...base, siteConfig: { ...base.siteConfig, ...change } };
}

const http2Policy = baselinePolicy(http2Rule);
const http2Check = (type: string, props: Record<string, unknown>) => run(http2Policy, validationArgs(type, props));

/** The client-certificate rule's one violation. */
function violationOf(type: string, props: Record<string, unknown>, options: RunOptions = ALLOW_HEALTH): string {
    const { violations } = validate(type, props, options);
    assert.strictEqual(violations.length, 1, `expected one violation, got ${violations.length}`);
    return violations[0];
}

describe("the client-certificate rule on exclusion paths with HTTP/2 or TLS 1.3", () => {
    it("passes allowed exclusion paths with HTTP/2 off and TLS 1.2, on azure-native and classic types", () => {
        assert.deepStrictEqual(validate(WEB_APP, azureNative, ALLOW_HEALTH), { violations: [] });
        assert.deepStrictEqual(validate(LINUX_WEB_APP, classic, ALLOW_HEALTH), { violations: [] });
        const { minimumTlsVersion, ...classicTlsUnset } = classic.siteConfig;
        assert.deepStrictEqual(validate(LINUX_WEB_APP, { ...classic, siteConfig: classicTlsUnset }, ALLOW_HEALTH), {
            violations: [],
        });
    });

    it("fails HTTP/2 on, naming the resource, the properties, the values, what is required and both fixes", () => {
        const message = violationOf(WEB_APP, withSiteConfig(azureNative, { http20Enabled: true }));
        assert.strictEqual(
            message.split("\n")[0],
            `${WEB_APP} "app" does not require incoming client certificates (CIS Microsoft Azure Foundations Benchmark 9.4).`,
        );
        assert.match(
            message,
            /^- clientCertExclusionPaths is "\/health", so App Service asks for the client certificate by TLS renegotiation, which HTTP\/2 and TLS 1\.3 do not offer, and siteConfig\.http20Enabled is true: a client on HTTP\/2 cannot be asked for a certificate, so mutual TLS does not hold; required with exclusion paths: siteConfig\.http20Enabled false and siteConfig\.minTlsVersion "1\.2"\.$/m,
        );
        assert.match(
            message,
            /^Fix: turn HTTP\/2 off and keep TLS 1\.2 as the minimum \(siteConfig\.http20Enabled: false, siteConfig\.minTlsVersion: "1\.2"\) in the resource's arguments in your program, or remove the exclusion paths \(clientCertExclusionPaths\), so that the certificate is asked for in the TLS handshake\. For an app that already exists: az webapp config set --resource-group <RG> --name <APP> --http20-enabled false --min-tls-version 1\.2$/m,
        );
    });

    it("fails an unset http20Enabled on azure-native, whose SDK fills in true", () => {
        for (const props of [
            { ...azureNative, siteConfig: { minTlsVersion: "1.2" } },
            { ...azureNative, siteConfig: undefined },
        ]) {
            assert.match(
                violationOf(WEB_APP, props),
                /siteConfig\.http20Enabled is not set \(azure-native's default is true\): a client on HTTP\/2 cannot be asked for a certificate/,
            );
        }
    });

    it('fails minimum TLS version "1.3", which has no renegotiation at all', () => {
        assert.match(
            violationOf(WEB_APP, withSiteConfig(azureNative, { minTlsVersion: "1.3" })),
            /and siteConfig\.minTlsVersion is "1\.3": no client can be asked for a certificate, so mutual TLS does not hold; required with exclusion paths: siteConfig\.http20Enabled false and siteConfig\.minTlsVersion "1\.2"\./,
        );
    });

    it("names HTTP/2 and TLS 1.3 together, with classic's property names", () => {
        const message = violationOf(
            LINUX_WEB_APP,
            withSiteConfig(classic, { http2Enabled: true, minimumTlsVersion: "1.3" }),
        );
        assert.match(
            message,
            /clientCertificateExclusionPaths is "\/health", .* and siteConfig\.http2Enabled is true and siteConfig\.minimumTlsVersion is "1\.3": no client can be asked for a certificate/,
        );
        assert.match(message, /siteConfig\.http2Enabled: false, siteConfig\.minimumTlsVersion: "1\.2"/);
    });

    it("passes HTTP/2 and TLS 1.3 without exclusion paths: the certificate is asked for in the handshake", () => {
        const { clientCertExclusionPaths, ...noPaths } = azureNative;
        for (const props of [
            withSiteConfig(noPaths, { http20Enabled: true, minTlsVersion: "1.3" }),
            { ...noPaths, clientCertExclusionPaths: " ; " },
        ]) {
            assert.deepStrictEqual(validate(WEB_APP, props, ALLOW_HEALTH), { violations: [] });
        }
    });

    it("fails both the path not allowed and the renegotiation the allowed one still needs", () => {
        const message = violationOf(
            WEB_APP,
            withSiteConfig({ ...azureNative, clientCertExclusionPaths: "/health;/admin" }, { http20Enabled: true }),
        );
        assert.match(message, /which excludes "\/admin" from client certificates/);
        assert.match(
            message,
            /clientCertExclusionPaths is "\/health;\/admin", so App Service asks for the client certificate by TLS renegotiation/,
        );
        assert.match(message, /or remove the exclusion paths \(clientCertExclusionPaths\)/);
    });

    it("leaves HTTP/2 unknown at preview to the update, and lists it beside a definite violation", () => {
        assert.throws(
            () => validate(WEB_APP, withSiteConfig(azureNative, { http20Enabled: UNKNOWN }), ALLOW_HEALTH),
            (e: unknown) => e instanceof UnknownValueError,
        );
        const message = violationOf(WEB_APP, {
            ...withSiteConfig(azureNative, { http20Enabled: UNKNOWN }),
            clientCertMode: "Optional",
        });
        assert.match(message, /^- siteConfig\.http20Enabled is not known until the update, where it is checked\.$/m);
    });

    it("tells the fix for an app SecureWebApp created, which something changed afterwards", () => {
        const message = violationOf(WEB_APP, withSiteConfig(azureNative, { http20Enabled: true }), {
            ...ALLOW_HEALTH,
            urn: "urn:pulumi:dev::shop::secure-webapp:index:SecureWebApp$azure-native:web:WebApp::app",
        });
        assert.match(
            message,
            /^Fix: SecureWebApp created this resource with HTTP\/2 off and TLS 1\.2 for its exclusion paths, and something in the program changed that afterwards \(a stack transform, say\): remove that change, so that siteConfig\.http20Enabled: false, siteConfig\.minTlsVersion: "1\.2" hold in the resource's arguments in your program; or remove clientCertExclusionPaths from the SecureWebApp's arguments, so that the certificate is asked for in the TLS handshake\./m,
        );
    });

    it("is part of the client-certificate rule, so it is enforced at that rule's level", () => {
        assert.strictEqual(requireClientCertificates.enforcementLevel, "mandatory");
    });
});

describe("remediation of exclusion paths with HTTP/2 or TLS 1.3", () => {
    it("turns HTTP/2 off and sets TLS 1.2 where it keeps allowed exclusion paths, so the fix does not break them", () => {
        const { properties } = remediate(
            WEB_APP,
            {
                kind: "app",
                clientCertEnabled: false,
                clientCertExclusionPaths: "/health",
                siteConfig: { minTlsVersion: "1.3", alwaysOn: true },
            },
            ALLOW_HEALTH,
        );
        assert.deepStrictEqual(properties, {
            kind: "app",
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health",
            siteConfig: { minTlsVersion: "1.2", alwaysOn: true, http20Enabled: false },
        });
        assert.deepStrictEqual(validate(WEB_APP, properties!, ALLOW_HEALTH), { violations: [] });
    });

    it("leaves HTTP/2 and TLS alone when no exclusion path is kept", () => {
        const { properties } = remediate(WEB_APP, {
            clientCertEnabled: true,
            clientCertExclusionPaths: "/admin",
            siteConfig: { http20Enabled: true, minTlsVersion: "1.3" },
        });
        assert.deepStrictEqual(properties, {
            clientCertEnabled: true,
            clientCertMode: "Required",
            siteConfig: { http20Enabled: true, minTlsVersion: "1.3" },
        });
    });
});

describe("webapp-http2 on mutual TLS that needs renegotiation", () => {
    it("does not ask for HTTP/2 on an app with exclusion paths: HTTP/2 off passes, on azure-native and classic types", () => {
        assert.deepStrictEqual(http2Check(WEB_APP, azureNative), { violations: [] });
        const { http2Enabled, ...unset } = classic.siteConfig;
        assert.deepStrictEqual(http2Check(LINUX_WEB_APP, { ...classic, siteConfig: unset }), { violations: [] });
    });

    it("does not ask for HTTP/2 with mode OptionalInteractiveUser, which renegotiates too", () => {
        const { clientCertExclusionPaths, ...noPaths } = azureNative;
        assert.deepStrictEqual(http2Check(WEB_APP, { ...noPaths, clientCertMode: "OptionalInteractiveUser" }), {
            violations: [],
        });
    });

    it("passes HTTP/2 on whatever the exclusion paths: the client-certificate rule judges the combination", () => {
        assert.deepStrictEqual(http2Check(WEB_APP, withSiteConfig(azureNative, { http20Enabled: true })), {
            violations: [],
        });
    });

    it("still asks for HTTP/2 on an app without exclusion paths, an empty list included", () => {
        for (const paths of [undefined, "", " ; "]) {
            const { violations } = http2Check(WEB_APP, { ...azureNative, clientCertExclusionPaths: paths });
            assert.strictEqual(violations.length, 1, JSON.stringify(paths));
            assert.match(violations[0], /siteConfig\.http20Enabled is false; required: true/);
        }
    });

    it("leaves HTTP/2 off to the update when the exclusion paths are unknown at preview", () => {
        assert.throws(
            () => http2Check(WEB_APP, { ...azureNative, clientCertExclusionPaths: UNKNOWN }),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("does not remediate HTTP/2 on for an app with exclusion paths", () => {
        assert.strictEqual(http2Policy.remediateResource!(validationArgs(WEB_APP, azureNative, {}, true)), undefined);
    });
});

describe("exclusion paths with HTTP/2 or TLS 1.3 on a site of an ARM template", () => {
    const DEPLOYMENT = "azure-native:resources:Deployment";
    const SITE = "properties.template.resources[0]";
    const site = (siteConfig: Record<string, unknown>, resources: unknown[] = []) => ({
        type: "Microsoft.Web/sites",
        apiVersion: "2024-04-01",
        name: "web",
        properties: {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health",
            siteConfig,
        },
        resources,
    });
    const webConfig = (properties: Record<string, unknown>) => ({
        type: "config",
        apiVersion: "2024-04-01",
        name: "web",
        properties,
    });
    const deployment = (...resources: unknown[]) => ({
        resourceGroupName: "rg",
        properties: { mode: "Incremental", template: { resources } },
    });

    it("passes HTTP/2 off and TLS 1.2, written or left to Azure's defaults (HTTP/1.1, TLS 1.2)", () => {
        for (const props of [
            deployment(site({ http20Enabled: false, minTlsVersion: "1.2" })),
            deployment(site({})),
            deployment(site({}, [webConfig({ http20Enabled: false })])),
        ]) {
            assert.deepStrictEqual(validate(DEPLOYMENT, props, ALLOW_HEALTH), { violations: [] });
        }
    });

    it("fails HTTP/2 on and TLS 1.3 in the site's siteConfig, naming the paths as the template writes them", () => {
        const message = violationOf(DEPLOYMENT, deployment(site({ http20Enabled: true, minTlsVersion: "1.3" })));
        assert.match(message, /so App Service asks for the client certificate by TLS renegotiation/);
        assert.ok(message.includes(`${SITE}.properties.siteConfig.http20Enabled is true`), message);
        assert.ok(message.includes(`${SITE}.properties.siteConfig.minTlsVersion is "1.3"`), message);
    });

    it("fails HTTP/2 turned on by the site's web config, which Azure applies after the site", () => {
        const message = violationOf(
            DEPLOYMENT,
            deployment(site({ http20Enabled: false }, [webConfig({ http20Enabled: true })])),
        );
        assert.ok(message.includes(`${SITE}.resources[0].properties.http20Enabled is true`), message);
    });

    it("fails a protocol setting that only Azure can know, and passes an if() whose every value renegotiates", () => {
        const unknowable = violationOf(DEPLOYMENT, deployment(site({ http20Enabled: "[reference('other').http2]" })));
        assert.match(unknowable, /http20Enabled cannot be verified before deployment/);
        const either = deployment(site({ minTlsVersion: "[if(equals(reference('other').tier, 'a'), '1.2', '1.1')]" }));
        assert.deepStrictEqual(validate(DEPLOYMENT, either, ALLOW_HEALTH), { violations: [] });
    });
});
