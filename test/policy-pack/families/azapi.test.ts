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
                resourceId: "/sites/web",
                body: { properties: { clientCertEnabled: false } },
            }),
            /clientCertEnabled is false/,
        );
        assert.match(
            violationOf(UPDATE, {
                type: "Microsoft.Web/sites/slots@2024-04-01",
                resourceId: "/slots/s",
                body: { properties: { clientCertMode: "Optional" } },
            }),
            /clientCertMode is "Optional"/,
        );
        assert.deepStrictEqual(
            validate(UPDATE, {
                type: "Microsoft.Web/sites@2024-04-01",
                resourceId: "/sites/web",
                body: { properties: { clientCertMode: "Required" } },
            }).violations,
            [],
        );
    });

    it("records an update that names no client-certificate setting as not applicable", () => {
        const { violations, notApplicable } = validate(UPDATE, {
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: "/sites/web",
            body: { properties: { httpsOnly: true } },
        });
        assert.deepStrictEqual(violations, []);
        assert.match(notApplicable ?? "", /changes no client-certificate setting/);
    });
});
