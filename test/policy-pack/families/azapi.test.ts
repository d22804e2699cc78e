// The Terraform AzAPI provider through Pulumi's Terraform bridge: any ARM type in `type`, the request body in `body`.
import * as assert from "assert";
import { UNKNOWN, UnknownValueError, validate } from "../support";

const RESOURCE = "azapi:index/resource:Resource";
const UPDATE = "azapi:index/updateResource:UpdateResource";
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const site = (body: unknown, type = "Microsoft.Web/sites@2024-04-01") => ({
    type,
    name: "web",
    parentId: "/subscriptions/s/resourceGroups/rg",
    body,
});

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    return violations[0];
}

describe("the AzAPI provider's resource", () => {
    it("checks a site or slot declared with any API version, its body an object or JSON text", () => {
        for (const type of [
            "Microsoft.Web/sites@2024-04-01",
            "microsoft.web/SITES@2016-08-01",
            "Microsoft.Web/sites/slots@2023-12-01",
        ]) {
            assert.deepStrictEqual(
                validate(RESOURCE, site({ kind: "app", properties: compliant }, type)).violations,
                [],
                type,
            );
            assert.match(
                violationOf(
                    RESOURCE,
                    site(JSON.stringify({ properties: { ...compliant, clientCertMode: "Optional" } }), type),
                ),
                /body\.properties\.clientCertMode is "Optional"/,
                type,
            );
        }
    });

    it("fails a site with no body or no settings: Azure creates it with client certificates off", () => {
        assert.match(violationOf(RESOURCE, site(undefined)), /clientCertEnabled is not set/);
        assert.match(violationOf(RESOURCE, site({ properties: { httpsOnly: true } })), /clientCertEnabled is not set/);
    });

    it("checks the sites of a template it deploys", () => {
        const template = {
            resources: [{ type: "Microsoft.Web/sites", name: "inner", properties: { clientCertEnabled: false } }],
        };
        const message = violationOf(
            RESOURCE,
            site({ properties: { mode: "Incremental", template } }, "Microsoft.Resources/deployments@2022-09-01"),
        );
        assert.match(message, /clientCertEnabled is false/);
    });

    it("reports a body that is not JSON, and leaves an unknown body to the update", () => {
        assert.match(violationOf(RESOURCE, site("{not json")), /cannot be verified/);
        assert.throws(() => validate(RESOURCE, site(UNKNOWN)), UnknownValueError);
    });

    it("records any other ARM type as not applicable", () => {
        const { violations, notApplicable } = validate(
            RESOURCE,
            site({ properties: { clientCertEnabled: false } }, "Microsoft.Storage/storageAccounts@2023-01-01"),
        );
        assert.deepStrictEqual(violations, []);
        assert.match(notApplicable ?? "", /not an App Service site or slot/);
    });
});

describe("the AzAPI provider's update of an existing resource", () => {
    it("checks only the client-certificate settings its body names", () => {
        assert.match(
            violationOf(UPDATE, {
                type: "Microsoft.Web/sites@2024-04-01",
                resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web",
                body: { properties: { clientCertEnabled: false } },
            }),
            /clientCertEnabled is false/,
        );
        assert.match(
            violationOf(UPDATE, {
                type: "Microsoft.Web/sites/slots@2024-04-01",
                resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web/slots/s",
                body: { properties: { clientCertMode: "Optional" } },
            }),
            /clientCertMode is "Optional"/,
        );
        assert.deepStrictEqual(
            validate(UPDATE, {
                type: "Microsoft.Web/sites@2024-04-01",
                resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web",
                body: { properties: { clientCertMode: "Required" } },
            }).violations,
            [],
        );
    });

    it("records an update that names no client-certificate setting as not applicable", () => {
        const { violations, notApplicable } = validate(UPDATE, {
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web",
            body: { properties: { httpsOnly: true } },
        });
        assert.deepStrictEqual(violations, []);
        assert.match(notApplicable ?? "", /changes no client-certificate setting/);
    });
});

const ACTION = "azapi:index/resourceAction:ResourceAction";
const SITE_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web";
const DEPLOYMENT_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Resources/deployments/d";
const insecureTemplate = {
    resources: [{ type: "Microsoft.Web/sites", name: "inner", properties: { clientCertEnabled: false } }],
};
const action = (method: string | undefined, body: unknown, resourceId = SITE_ID, extra = {}) => ({
    type: resourceId === SITE_ID ? "Microsoft.Web/sites@2024-04-01" : "Microsoft.Resources/deployments@2024-03-01",
    resourceId,
    ...(method === undefined ? {} : { method }),
    body,
    ...extra,
});

describe("the AzAPI provider's resource action", () => {
    it("checks a PUT to a site as the whole site: a setting it leaves out gets Azure's default", () => {
        assert.deepStrictEqual(validate(ACTION, action("PUT", { properties: compliant })).violations, []);
        assert.match(
            violationOf(ACTION, action("PUT", { properties: { httpsOnly: true } })),
            /clientCertEnabled is not set/,
        );
    });

    it("checks a PATCH to a site by the settings it names, and leaves the others as they are", () => {
        assert.match(
            violationOf(ACTION, action("PATCH", { properties: { clientCertMode: "Optional" } })),
            /clientCertMode is "Optional"/,
        );
        const { violations, notApplicable } = validate(ACTION, action("PATCH", { properties: { httpsOnly: true } }));
        assert.deepStrictEqual(violations, []);
        assert.match(notApplicable ?? "", /writes no App Service site/);
    });

    it("routes the URL resourceId and action make: a PUT to a slot through its site's id is the slot", () => {
        assert.match(
            violationOf(
                ACTION,
                action("PUT", { properties: { clientCertEnabled: false } }, SITE_ID, { action: "slots/staging" }),
            ),
            /clientCertEnabled is false/,
        );
        const config = validate(
            ACTION,
            action("PUT", { properties: { clientCertEnabled: false } }, SITE_ID, { action: "config/web" }),
        );
        assert.deepStrictEqual(config.violations, [], "a site's config/web holds no client-certificate setting");
    });

    it("leaves POST, the default method, and the other methods that write nothing as not applicable", () => {
        for (const method of [undefined, "POST", "GET", "DELETE"]) {
            const { violations, notApplicable } = validate(
                ACTION,
                action(method, { properties: { clientCertEnabled: false } }, SITE_ID, { action: "restart" }),
            );
            assert.deepStrictEqual(violations, [], String(method));
            assert.notStrictEqual(notApplicable, undefined, String(method));
        }
    });

    it("checks a PUT to a deployment as the deployment, naming the site of its template", () => {
        assert.match(
            violationOf(
                ACTION,
                action("PUT", { properties: { mode: "Incremental", template: insecureTemplate } }, DEPLOYMENT_ID),
            ),
            /Microsoft\.Web\/sites "inner".*clientCertEnabled is false/s,
        );
    });

    it("reports an id it cannot route, and leaves an unknown id or method to the update", () => {
        assert.match(
            violationOf(ACTION, action("PUT", {}, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites")),
            /cannot be verified/,
        );
        assert.throws(() => validate(ACTION, action(UNKNOWN as unknown as string, {})), UnknownValueError);
        assert.throws(() => validate(ACTION, action("PUT", {}, UNKNOWN as unknown as string)), UnknownValueError);
    });
});

describe("the AzAPI provider's sensitiveBody, merged over the body", () => {
    it("wins over the body, as the provider merges them before the request", () => {
        assert.match(
            violationOf(RESOURCE, {
                ...site({ kind: "app", properties: compliant }),
                sensitiveBody: { properties: { clientCertMode: "Optional" } },
            }),
            /clientCertMode is "Optional"/,
        );
        assert.deepStrictEqual(
            validate(RESOURCE, {
                ...site({ properties: { clientCertEnabled: false } }),
                sensitiveBody: { properties: compliant },
            }).violations,
            [],
        );
        assert.match(
            violationOf(UPDATE, {
                type: "Microsoft.Web/sites@2024-04-01",
                resourceId: SITE_ID,
                body: { properties: { httpsOnly: true } },
                sensitiveBody: { properties: { clientCertEnabled: false } },
            }),
            /clientCertEnabled is false/,
        );
        assert.match(
            violationOf(ACTION, {
                ...action("PUT", { properties: compliant }),
                sensitiveBody: JSON.stringify({ properties: { clientCertEnabled: false } }),
            }),
            /clientCertEnabled is false/,
        );
    });

    it("leaves an unknown sensitiveBody to the update, never passing it", () => {
        assert.throws(
            () => validate(RESOURCE, { ...site({ properties: compliant }), sensitiveBody: UNKNOWN }),
            UnknownValueError,
        );
        assert.throws(
            () =>
                validate(RESOURCE, {
                    ...site({ properties: compliant }),
                    sensitiveBody: { properties: { clientCertMode: UNKNOWN } },
                }),
            UnknownValueError,
        );
    });

    it("reports a setting sensitiveBodyVersion sends on some applies only, when it differs from the body's", () => {
        assert.match(
            violationOf(RESOURCE, {
                ...site({ properties: { ...compliant, clientCertEnabled: false } }),
                sensitiveBody: { properties: { clientCertEnabled: true } },
                sensitiveBodyVersion: { "properties.clientCertEnabled": "1" },
            }),
            /cannot be verified.*sensitiveBodyVersion/s,
        );
        assert.deepStrictEqual(
            validate(RESOURCE, {
                ...site({ properties: compliant }),
                sensitiveBody: { properties: { siteConfig: { appSettings: [{ name: "KEY", value: "secret" }] } } },
                sensitiveBodyVersion: { "properties.siteConfig": "1" },
            }).violations,
            [],
        );
    });

    it("reports a setting under a path ignoreBodyChanges lists: a change there is not sent", () => {
        assert.match(
            violationOf(RESOURCE, {
                ...site({ properties: compliant }),
                ignoreBodyChanges: ["properties.clientCertMode"],
            }),
            /ignoreBodyChanges lists properties\.clientCertMode/,
        );
    });
});

describe("the AzAPI provider's update of an existing deployment", () => {
    const update = (body: unknown) => ({
        type: "Microsoft.Resources/deployments@2024-03-01",
        resourceId: DEPLOYMENT_ID,
        body,
    });

    it("deploys the body's template again: checked as a deployment", () => {
        assert.match(
            violationOf(UPDATE, update({ properties: { template: insecureTemplate } })),
            /Microsoft\.Web\/sites "inner".*clientCertEnabled is false/s,
        );
        const secure = {
            resources: [{ type: "Microsoft.Web/sites", name: "inner", properties: compliant }],
        };
        assert.deepStrictEqual(validate(UPDATE, update({ properties: { template: secure } })).violations, []);
    });

    it("reports a parameter the body does not give: the existing deployment's value is kept", () => {
        const template = {
            parameters: { enabled: { type: "bool", defaultValue: true } },
            resources: [
                {
                    type: "Microsoft.Web/sites",
                    name: "inner",
                    properties: { clientCertEnabled: "[parameters('enabled')]", clientCertMode: "Required" },
                },
            ],
        };
        assert.match(
            violationOf(UPDATE, update({ properties: { template } })),
            /parameter 'enabled' keeps the existing deployment's value/,
        );
        assert.deepStrictEqual(
            validate(UPDATE, update({ properties: { template, parameters: { enabled: { value: true } } } })).violations,
            [],
        );
    });

    it("reports an update with no template: the deployment's linked template is deployed again", () => {
        assert.match(
            violationOf(UPDATE, update({ properties: { mode: "Complete" } })),
            /deploys the existing deployment again/,
        );
    });
});
