// The Terraform AzAPI provider through Pulumi's Terraform bridge: any ARM type in `type`, the request body in `body`.
import * as assert from "assert";
import { UNDECLARED_SITES_ONLY } from "../../../policy-pack/applicability";
import { UNKNOWN, UnknownValueError, validate } from "../support";

const RESOURCE = "azapi:index/resource:Resource";
const UPDATE = "azapi:index/updateResource:UpdateResource";
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const GROUP_ID = "/subscriptions/s/resourceGroups/rg";
/** A resource of `type` named `web` (a slot: of the site `web`), as the provider builds its id from parentId and name. */
const site = (body: unknown, type = "Microsoft.Web/sites@2024-04-01") => ({
    type,
    name: "web",
    parentId: /\/slots@/i.test(type) ? `${GROUP_ID}/providers/Microsoft.Web/sites/web` : GROUP_ID,
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

    it("records an update that names no client-certificate or baseline setting as not applicable", () => {
        const { violations, notApplicable } = validate(UPDATE, {
            type: "Microsoft.Web/sites@2024-04-01",
            resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web",
            body: { properties: { clientAffinityEnabled: true } },
        });
        assert.deepStrictEqual(violations, []);
        assert.match(notApplicable ?? "", /changes no client-certificate or baseline setting/);
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
        const { violations, notApplicable } = validate(
            ACTION,
            action("PATCH", { properties: { clientAffinityEnabled: true } }),
        );
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
        // ARM reads parameter names in any letter case: one given as ENABLED is the declared enabled.
        assert.deepStrictEqual(
            validate(UPDATE, update({ properties: { template, parameters: { ENABLED: { value: true } } } })).violations,
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

describe("the AzAPI provider's resource, routed by the id the provider builds from parentId, type and name", () => {
    const insecure = { kind: "app", properties: { clientCertEnabled: false } };
    const resource = (props: Record<string, unknown>) => ({ body: insecure, ...props });

    it("checks the site a name's / segments point at, whatever type says", () => {
        const cases: Record<string, unknown>[] = [
            // A namespace alone: the provider makes {parentId}/providers/{name}.
            { type: "Microsoft.Web@2024-04-01", parentId: GROUP_ID, name: "Microsoft.Web/sites/web" },
            // A resource group with no parentId: {subscription}/resourceGroups/{name}.
            { type: "Microsoft.Resources/resourceGroups@2024-03-01", name: "rg/providers/Microsoft.Web/sites/web" },
            // Dot segments resolved as a server normalising the URL would.
            {
                type: "Microsoft.Storage/storageAccounts@2023-01-01",
                parentId: GROUP_ID,
                name: "st/../../../Microsoft.Web/sites/web",
            },
            // A fragment in parentId is never sent: the request ends at the site.
            {
                type: "Microsoft.Insights/diagnosticSettings@2021-05-01-preview",
                parentId: `${GROUP_ID}/providers/Microsoft.Web/sites/web#`,
                name: "logs",
            },
            // A site of another name: the slot the name adds is still a site.
            { type: "Microsoft.Web/sites@2024-04-01", parentId: GROUP_ID, name: "web/slots/staging" },
        ];
        for (const props of cases) {
            assert.match(violationOf(RESOURCE, resource(props)), /clientCertEnabled is false/, JSON.stringify(props));
        }
    });

    it("records as not applicable a resource beside or under a site that is not one", () => {
        for (const props of [
            {
                type: "Microsoft.Insights/diagnosticSettings@2021-05-01-preview",
                parentId: `${GROUP_ID}/providers/Microsoft.Web/sites/web`,
                name: "logs",
            },
            // No parentId: the provider refuses any type but a resource group.
            { type: "Microsoft.Web/sites@2024-04-01", name: "web" },
        ]) {
            const { violations, notApplicable } = validate(RESOURCE, resource(props));
            assert.deepStrictEqual(violations, [], JSON.stringify(props));
            assert.match(notApplicable ?? "", /not an App Service site or slot/);
        }
        // A site's config writes that site's settings, which the baseline rules judge
        // (test/policy-pack/undeclaredSiteWrites.test.ts).
        for (const props of [
            {
                type: "Microsoft.Web/sites/config@2024-04-01",
                parentId: `${GROUP_ID}/providers/Microsoft.Web/sites/web`,
                name: "web",
            },
            // type names a site, but name makes the id a site's config: the provider writes the config.
            { type: "Microsoft.Web/sites@2024-04-01", parentId: GROUP_ID, name: "web/config/web" },
        ]) {
            assert.deepStrictEqual(
                validate(RESOURCE, resource(props)),
                { violations: [], notApplicable: UNDECLARED_SITES_ONLY },
                JSON.stringify(props),
            );
        }
    });

    describe("a resource with no name, which the provider names after its default_name", () => {
        const PROVIDER = "pulumi:providers:azapi";
        const unnamed = (body: unknown, type = "Microsoft.Web/sites@2024-04-01") => {
            const { name: _name, ...props } = site(body, type);
            return props;
        };
        const withDefaultName = (defaultName: unknown) => ({ provider: { type: PROVIDER, props: { defaultName } } });

        it("checks the site the default name makes: a compliant one passes, an insecure one fails", () => {
            for (const type of ["Microsoft.Web/sites@2024-04-01", "Microsoft.Web/sites/slots@2024-04-01"]) {
                assert.deepStrictEqual(
                    validate(RESOURCE, unnamed({ properties: compliant }, type), withDefaultName("web")),
                    { violations: [] },
                    type,
                );
                const { violations } = validate(
                    RESOURCE,
                    unnamed({ properties: { clientCertEnabled: true, clientCertMode: "Optional" } }, type),
                    withDefaultName("web"),
                );
                assert.strictEqual(violations.length, 1, type);
                assert.match(violations[0], /body\.properties\.clientCertMode is "Optional"/);
            }
        });

        it("routes the id the default name makes, / segments included, as a name's", () => {
            const config = unnamed({ properties: { clientCertEnabled: false } });
            assert.deepStrictEqual(validate(RESOURCE, config, withDefaultName("web/config/web")), {
                violations: [],
                notApplicable: UNDECLARED_SITES_ONLY,
            });
            assert.match(
                violationOf(RESOURCE, {
                    ...unnamed({ properties: { clientCertEnabled: false } }, "Microsoft.Web@2024-04-01"),
                    parentId: GROUP_ID,
                }),
                /name is not set.*default_name/,
            );
            const site = validate(
                RESOURCE,
                unnamed({ properties: { clientCertEnabled: false } }, "Microsoft.Web@2024-04-01"),
                withDefaultName("Microsoft.Web/sites/web"),
            );
            assert.strictEqual(site.violations.length, 1);
            assert.match(site.violations[0], /clientCertEnabled is false/);
        });

        it("records a resource of another type as not applicable, and one the provider refuses for want of a name", () => {
            const storage = unnamed({ properties: {} }, "Microsoft.Storage/storageAccounts@2023-01-01");
            assert.deepStrictEqual(validate(RESOURCE, storage, withDefaultName("store")).violations, []);
            // With no default_name the provider refuses the resource ("Missing required argument"): no request.
            for (const provider of [withDefaultName(undefined), withDefaultName("")]) {
                const { violations, notApplicable } = validate(RESOURCE, unnamed({}), provider);
                assert.deepStrictEqual(violations, []);
                assert.match(notApplicable ?? "", /not an App Service site or slot/);
            }
        });

        it("reports it when the provider's inputs are not given or its default name is no text, and leaves an unknown one to the update", () => {
            assert.match(
                violationOf(RESOURCE, unnamed({ properties: compliant })),
                /name is not set, so the provider names the resource after its default_name setting, and the policy was given no inputs of the resource's provider/,
            );
            assert.match(
                validate(RESOURCE, unnamed({ properties: compliant }), withDefaultName(42)).violations[0],
                /the provider's defaultName, which names the resource instead, is 42, not text/,
            );
            assert.throws(
                () => validate(RESOURCE, unnamed({ properties: compliant }), withDefaultName(UNKNOWN)),
                UnknownValueError,
            );
        });

        it("records an update with neither resourceId nor name as not applicable: the provider refuses it", () => {
            const { name: _name, ...update } = { ...site({ properties: { clientCertEnabled: false } }) };
            assert.deepStrictEqual(validate(UPDATE, update, withDefaultName("web")).violations, []);
        });
    });

    it("reports an id that names a site along its path but no single resource", () => {
        assert.match(
            violationOf(
                RESOURCE,
                resource({ type: "Microsoft.Web@2024-04-01", parentId: GROUP_ID, name: "Microsoft.Web/sites" }),
            ),
            /no single resource/,
        );
    });

    it("routes an update without resourceId by the id built the same way", () => {
        assert.match(
            violationOf(UPDATE, {
                type: "Microsoft.Web@2024-04-01",
                parentId: GROUP_ID,
                name: "Microsoft.Web/sites/web",
                body: { properties: { clientCertEnabled: false } },
            }),
            /clientCertEnabled is false/,
        );
    });

    it("routes a resource action's id up to a ? or #, where the request's path ends", () => {
        assert.match(
            violationOf(ACTION, {
                method: "PUT",
                resourceId: `${SITE_ID}?/providers/Microsoft.Insights/diagnosticSettings/logs`,
                body: insecure,
            }),
            /clientCertEnabled is false/,
        );
    });
});

const DATA_PLANE = "azapi:index/dataPlaneResource:DataPlaneResource";

describe("the AzAPI provider's data-plane resource", () => {
    const SITE_ON_ARM = "management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web";
    const insecure = { kind: "app", properties: { clientCertEnabled: false } };
    const secret = (parentId: string, extra: Record<string, unknown> = {}) => ({
        type: "Microsoft.KeyVault/vaults/secrets@7.4",
        parentId,
        name: "s",
        body: insecure,
        ...extra,
    });

    it("records a write to a data-plane service's host as not applicable", () => {
        for (const props of [
            secret("myvault.vault.azure.net"),
            secret("MyVault.Vault.Azure.Net."),
            {
                type: "Microsoft.AppConfiguration/configurationStores/keyValues@1.0",
                parentId: "st.azconfig.io",
                name: "k",
            },
            { type: "Microsoft.Search/searchServices/indexes@2024-07-01", parentId: "s.search.windows.net", name: "i" },
        ]) {
            const { violations, notApplicable } = validate(DATA_PLANE, { body: insecure, ...props });
            assert.deepStrictEqual(violations, [], JSON.stringify(props));
            assert.match(notApplicable ?? "", /data-plane service's host/);
        }
    });

    it("checks a site written on Azure Resource Manager's host, the type's path cut off or climbed out of", () => {
        for (const parentId of [
            `${SITE_ON_ARM}?`, // the format's path becomes the query
            `${SITE_ON_ARM}#`, // ... or a fragment, never sent
            `myvault.vault.azure.net@${SITE_ON_ARM}#`, // user information: the host is after the last @
            `management%2Eazure%2Ecom:443/${SITE_ON_ARM.split("/").slice(1).join("/")}?`, // escaped host, port
        ]) {
            assert.match(violationOf(DATA_PLANE, secret(parentId)), /clientCertEnabled is false/, parentId);
        }
        assert.match(
            violationOf(DATA_PLANE, {
                type: "Microsoft.AppConfiguration/configurationStores/keyValues@2024-04-01",
                parentId: "management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web",
                name: "../sites/web", // {parentId}/kv/{name}: kv/.. resolves away
                body: insecure,
            }),
            /clientCertEnabled is false/,
        );
        assert.deepStrictEqual(
            validate(DATA_PLANE, secret(`${SITE_ON_ARM}?`, { body: { properties: compliant } })).violations,
            [],
        );
    });

    it("checks a template deployed through Azure Resource Manager's host", () => {
        assert.match(
            violationOf(DATA_PLANE, {
                type: "Microsoft.KeyVault/vaults/secrets@2022-09-01",
                parentId: `management.azure.com${DEPLOYMENT_ID}?`,
                name: "s",
                body: { properties: { mode: "Incremental", template: insecureTemplate } },
            }),
            /clientCertEnabled is false/,
        );
    });

    it("checks a Key Vault key's update, a PATCH, as a merge: only the settings its body names", () => {
        const key = (body: unknown) => ({
            type: "Microsoft.KeyVault/vaults/keys@7.4",
            parentId: `${SITE_ON_ARM}?`,
            name: "k",
            body,
        });
        assert.match(violationOf(DATA_PLANE, key(insecure)), /clientCertEnabled is false/);
        assert.deepStrictEqual(validate(DATA_PLANE, key({ properties: { httpsOnly: true } })).violations, []);
    });

    it("records as not applicable a Foundry agent, written by POSTs, and a request on ARM that names no site", () => {
        for (const props of [
            { type: "Microsoft.Foundry/agents@v1", parentId: `${SITE_ON_ARM}?`, name: "a" },
            secret(
                "management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
            ),
        ]) {
            const { violations, notApplicable } = validate(DATA_PLANE, { body: insecure, ...props });
            assert.deepStrictEqual(violations, [], JSON.stringify(props));
            assert.ok(notApplicable, JSON.stringify(props));
        }
    });

    it("reports a host that is neither a data-plane service nor ARM, and a type it does not know on ARM", () => {
        for (const parentId of ["kv.contoso.com", "10.0.0.4/subscriptions/s", "eastus.management.azure.com"]) {
            assert.match(violationOf(DATA_PLANE, secret(parentId)), /resource manager token/, parentId);
        }
        assert.match(
            violationOf(DATA_PLANE, { ...secret(`${SITE_ON_ARM}?`), type: "Microsoft.Example/things@1.0" }),
            /does not know/,
        );
    });

    it("leaves a parentId unknown at preview to the update", () => {
        assert.throws(() => validate(DATA_PLANE, secret(UNKNOWN as unknown as string)), UnknownValueError);
    });
});
