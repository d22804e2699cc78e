// The stack policies for basic-auth publishing and authentication on sites a generic Resource or an AzAPI resource
// declares: a setting only other resources write passes when another resource of the stack (typed, generic or
// AzAPI) sets it securely for the site, fails when none does, and is left to the update when one may be the site's.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { authenticationInStack } from "../../policy-pack/policies/authenticationInStack";
import { basicAuthPublishingInStack } from "../../policy-pack/policies/basicAuthPublishingInStack";
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

const basicAuth = (resources: PolicyResource[]) => stackViolations(basicAuthPublishingInStack, resources);
const authentication = (resources: PolicyResource[]) => stackViolations(authenticationInStack, resources);

const genericSite = generic("site", "", "sites", "shop-web", { httpsOnly: true });
const genericPolicy = (name: string, allow: unknown, site = "shop-web") =>
    generic(`${name}-${site}`, `sites/${site}`, "basicPublishingCredentialsPolicies", name, { allow });

const azapiSite = resource(AZAPI, "site", {
    type: "Microsoft.Web/sites@2024-04-01",
    parentId: GROUP_ID,
    name: "shop-web",
    body: { properties: { httpsOnly: true } },
});
const azapiPolicy = (name: string, body: unknown) =>
    resource(AZAPI, `${name}-policy`, {
        type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01",
        parentId: SITE_ID,
        name,
        body,
    });

describe("basic-auth publishing of generic Resource and AzAPI sites, across the stack", () => {
    it("passes a generic Resource site whose ftp and scm policies generic Resources set to allow: false", () => {
        assert.deepStrictEqual(basicAuth([genericSite, genericPolicy("ftp", false), genericPolicy("scm", false)]), []);
    });

    it("fails a generic Resource site for which nothing sets a policy, naming every way to set it", () => {
        const [violation, ...rest] = basicAuth([genericSite, genericPolicy("ftp", false)]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation.urn, genericSite.urn);
        assert.match(
            violation.message,
            /- scm basic auth: no azure-native:web:WebAppScmAllowed nor a Microsoft\.Web\/sites\/basicPublishingCredentialsPolicies named "scm" \(generic Resource or AzAPI\) in the stack sets allow: false for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: allowed; required: allow: false\./,
        );
        assert.doesNotMatch(violation.message, /ftp basic auth/);
    });

    it("fails a site whose own policy allows basic auth, naming that resource and its value", () => {
        const [violation] = basicAuth([genericSite, genericPolicy("ftp", true), genericPolicy("scm", false)]);
        assert.strictEqual(violation.urn, genericSite.urn);
        assert.match(
            violation.message,
            /ftp basic auth: azure-native:resources:Resource "ftp-shop-web" sets allow true/,
        );
    });

    it("does not take another site's policy for this one's", () => {
        const violations = basicAuth([
            genericSite,
            genericPolicy("ftp", false, "other"),
            genericPolicy("scm", false, "other"),
        ]);
        assert.deepStrictEqual(
            violations.map(v => v.urn),
            [genericSite.urn],
        );
    });

    it("matches azure-native's typed policies with a generic site, and generic policies with an azure-native app", () => {
        const typed = (type: string) =>
            resource(`azure-native:web:${type}`, type, { resourceGroupName: "RG", name: "Shop-Web", allow: false });
        assert.deepStrictEqual(basicAuth([genericSite, typed("WebAppFtpAllowed"), typed("WebAppScmAllowed")]), []);
        const app = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: "shop-web" });
        assert.deepStrictEqual(basicAuth([app, genericPolicy("ftp", false), genericPolicy("scm", false)]), []);
    });

    it("passes an AzAPI site whose policies AzAPI resources set, the body an object or JSON text", () => {
        assert.deepStrictEqual(
            basicAuth([
                azapiSite,
                azapiPolicy("ftp", { properties: { allow: false } }),
                azapiPolicy("scm", JSON.stringify({ properties: { Allow: false } })),
            ]),
            [],
        );
        assert.match(
            basicAuth([azapiSite, azapiPolicy("ftp", { properties: { allow: false } })])[0].message,
            /scm basic auth: no azure-native:web:WebAppScmAllowed nor .* sets allow: false/,
        );
    });

    it("matches a slot's policies with the slot, not with its site", () => {
        const slot = generic("slot", "sites/shop-web", "slots", "staging", {});
        const slotPolicy = (name: string) =>
            generic(`${name}-slot`, "sites/shop-web/slots/staging", "basicPublishingCredentialsPolicies", name, {
                allow: false,
            });
        assert.deepStrictEqual(basicAuth([slot, slotPolicy("ftp"), slotPolicy("scm")]), []);
        assert.deepStrictEqual(
            basicAuth([slot, genericPolicy("ftp", false), genericPolicy("scm", false)]).map(v => v.urn),
            [slot.urn],
        );
    });

    it("reads what Azure answers after the update: the ids and the type", () => {
        const deployedSite = resource(GENERIC, "site", {
            id: SITE_ID,
            type: "Microsoft.Web/sites",
            name: "shop-web",
            properties: { httpsOnly: true },
        });
        const deployedPolicy = (name: string) =>
            resource(GENERIC, name, {
                id: `${SITE_ID}/basicPublishingCredentialsPolicies/${name}`,
                type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
                name,
                properties: { allow: false },
            });
        assert.deepStrictEqual(basicAuth([deployedSite, deployedPolicy("ftp"), deployedPolicy("scm")]), []);
        assert.strictEqual(basicAuth([deployedSite, deployedPolicy("ftp")]).length, 1);
    });

    it("leaves a site to the update while a resource whose path is unknown at preview may set its policy", () => {
        const unknownPolicy = resource(GENERIC, "unknown", { id: UNKNOWN, properties: { allow: false } });
        assert.throws(
            () => basicAuth([genericSite, genericPolicy("ftp", false), unknownPolicy]),
            (e: unknown) => e instanceof UnknownValueError,
        );
        const unknownName = generic("scm", UNKNOWN, "basicPublishingCredentialsPolicies", "scm", { allow: false });
        assert.throws(
            () => basicAuth([genericSite, genericPolicy("ftp", false), unknownName]),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });
});

describe("authentication of generic Resource and AzAPI sites, across the stack", () => {
    const genericConfig = (name: string, properties: unknown) =>
        generic(`${name}-config`, "sites/shop-web", "config", name, properties);

    it("passes a site whose authsettingsV2 config a generic Resource turns on", () => {
        assert.deepStrictEqual(
            authentication([genericSite, genericConfig("authsettingsV2", { platform: { enabled: true } })]),
            [],
        );
    });

    it("passes an AzAPI site whose legacy authsettings an AzAPI resource turns on", () => {
        const config = resource(AZAPI, "auth", {
            type: "Microsoft.Web/sites/config@2024-04-01",
            parentId: SITE_ID,
            name: "authsettings",
            body: { properties: { enabled: true } },
        });
        assert.deepStrictEqual(authentication([azapiSite, config]), []);
    });

    it("fails a site that nothing turns authentication on for, or whose config turns it off", () => {
        const [none] = authentication([genericSite, genericConfig("web", { minTlsVersion: "1.2" })]);
        assert.match(
            none.message,
            /authentication: no azure-native:web:WebAppAuthSettingsV2 \(nor legacy WebAppAuthSettings, nor a Microsoft\.Web\/sites\/config named "authsettingsV2" \(generic Resource or AzAPI\)\) in the stack turns it on for this app/,
        );
        const [off] = authentication([genericSite, genericConfig("authsettingsV2", { platform: { enabled: false } })]);
        assert.match(
            off.message,
            /authentication: azure-native:resources:Resource "authsettingsV2-config" sets properties\.platform\.enabled false; required: true\./,
        );
    });
});

describe("sites an AzAPI resource action or data-plane write declares whole, across the stack", () => {
    const ACTION = "azapi:index/resourceAction:ResourceAction";
    const DATA_PLANE = "azapi:index/dataPlaneResource:DataPlaneResource";
    const putSite = (method = "PUT") =>
        resource(ACTION, "put-site", {
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: SITE_ID,
            method,
            body: { properties: { httpsOnly: true } },
        });
    const dataPlaneSite = resource(DATA_PLANE, "plane-site", {
        type: "Microsoft.KeyVault/vaults/secrets@2024-04-01",
        parentId: `management.azure.com${SITE_ID}?`,
        name: "s",
        body: { properties: { httpsOnly: true } },
    });
    const authConfig = generic("auth", "sites/shop-web", "config", "authsettingsV2", { platform: { enabled: true } });

    it("matches a resource action's PUT of a site with its policies and authentication", () => {
        assert.deepStrictEqual(basicAuth([putSite(), genericPolicy("ftp", false), genericPolicy("scm", false)]), []);
        const [violation] = basicAuth([putSite(), genericPolicy("ftp", false)]);
        assert.strictEqual(violation.urn, putSite().urn);
        assert.match(
            violation.message,
            /scm basic auth: no azure-native:web:WebAppScmAllowed nor .* sets allow: false/,
        );
        assert.deepStrictEqual(authentication([putSite(), authConfig]), []);
        assert.strictEqual(authentication([putSite()]).length, 1);
    });

    it("matches a data-plane write that reaches Azure Resource Manager as the site it writes", () => {
        assert.deepStrictEqual(
            basicAuth([dataPlaneSite, genericPolicy("ftp", false), genericPolicy("scm", false)]),
            [],
        );
        assert.deepStrictEqual(
            basicAuth([dataPlaneSite]).map(v => v.urn),
            [dataPlaneSite.urn],
        );
        assert.deepStrictEqual(authentication([dataPlaneSite, authConfig]), []);
    });

    it("takes a PUT or PATCH action's write of a publishing policy as the site's", () => {
        const action = (name: string, method: string) =>
            resource(ACTION, `${name}-action`, {
                type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01",
                resourceId: `${SITE_ID}/basicPublishingCredentialsPolicies/${name}`,
                method,
                body: { properties: { allow: false } },
            });
        assert.deepStrictEqual(basicAuth([genericSite, action("ftp", "PUT"), action("scm", "PATCH")]), []);
        assert.strictEqual(basicAuth([genericSite, action("ftp", "POST"), action("scm", "PATCH")]).length, 1);
    });

    it("takes a PATCH action for a change to a site declared elsewhere, not a site of its own", () => {
        assert.deepStrictEqual(basicAuth([putSite("PATCH")]), []);
    });
});

describe("child bodies under a path AzAPI's ignoreBodyChanges lists", () => {
    it("does not take a publishing policy whose allow is ignored for changes as turning basic auth off", () => {
        const ftpPolicy = (ignoreBodyChanges: string[]) =>
            resource(AZAPI, "ftp-policy", {
                type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01",
                parentId: SITE_ID,
                name: "ftp",
                body: { properties: { allow: false } },
                ignoreBodyChanges,
            });
        const ignored = ftpPolicy(["properties.allow"]);
        const [violation] = basicAuth([genericSite, ignored, genericPolicy("scm", false)]);
        assert.strictEqual(violation.urn, genericSite.urn);
        assert.match(
            violation.message,
            /ftp basic auth: azapi:index\/resource:Resource "ftp-policy" sets body\.properties\.allow, which cannot be verified before deployment: ignoreBodyChanges lists properties\.allow: once the resource exists a change there is not sent, so Azure keeps the value it had; required: ignoreBodyChanges without properties\.allow\./,
        );
        assert.deepStrictEqual(basicAuth([genericSite, ftpPolicy(["tags"]), genericPolicy("scm", false)]), []);
    });

    it("does not take authentication turned on under an ignored path as on", () => {
        const config = resource(AZAPI, "auth", {
            type: "Microsoft.Web/sites/config@2024-04-01",
            parentId: SITE_ID,
            name: "authsettingsV2",
            body: { properties: { platform: { enabled: true } } },
            ignoreBodyChanges: ["properties"],
        });
        const [violation] = authentication([azapiSite, config]);
        assert.match(
            violation.message,
            /authentication: azapi:index\/resource:Resource "auth" sets body\.properties\.platform\.enabled, which cannot be verified before deployment: ignoreBodyChanges lists properties/,
        );
    });
});
