// The generic azure-native Resource: its four path inputs are one ARM URL, routed as ARM routes it. A site or slot
// gets the same verdict as a WebApp, quoting properties.<setting>; a template resource is checked like its own
// route; a path that reaches a site but names no single resource is reported; anything else is not an app.
import * as assert from "assert";
import * as fc from "fast-check";
import { UNKNOWN, UnknownValueError, validate, ValidationOutcome } from "../support";
import { UNDECLARED_SITES_ONLY } from "../../../policy-pack/applicability";
import { sweep } from "../../sweep";

const type = "azure-native:resources:Resource";
const site = (properties: unknown, extra: Record<string, unknown> = {}) => ({
    resourceGroupName: "rg",
    resourceProviderNamespace: "Microsoft.Web",
    parentResourcePath: "",
    resourceType: "sites",
    resourceName: "web",
    apiVersion: "2024-04-01",
    kind: "app",
    ...extra,
    properties,
});
const compliant = { clientCertEnabled: true, clientCertMode: "Required" };
const optional = { clientCertEnabled: true, clientCertMode: "Optional" };
const NOT_AN_APP =
    "not an App Service site or slot, nor a template that deploys one (the resource path: resourceProviderNamespace, parentResourcePath, resourceType and resourceName)";

function violationOf(props: Record<string, unknown>, resourceType = type): string {
    const { violations } = validate(resourceType, props);
    assert.strictEqual(violations.length, 1, JSON.stringify(violations));
    return violations[0];
}

/** The path inputs of a generic resource, each empty unless given. */
function path(namespace: string, parentResourcePath: string, resourceType: string, resourceName: string) {
    return { resourceProviderNamespace: namespace, parentResourcePath, resourceType, resourceName };
}

describe("azure-native:resources:Resource declaring an App Service site", () => {
    it("passes a compliant site and fails one with certificates off, quoting properties.clientCertEnabled", () => {
        assert.deepStrictEqual(validate(type, site(compliant)), { violations: [] });
        const message = violationOf(site({ clientCertEnabled: false }));
        assert.match(message, /^azure-native:resources:Resource "app" does not require incoming client certificates/);
        assert.match(message, /\n- properties.clientCertEnabled is false \(portal: client certificate mode "Ignore"\)/);
        assert.match(
            message,
            /set properties.clientCertEnabled: true, properties.clientCertMode: "Required", .* in the resource's properties in your program/,
        );
    });

    it("routes the four path inputs as one URL, whichever input holds a segment, in any case (as ARM compares it), and the versioned tokens", () => {
        const declarations = [
            path("microsoft.web", "", "SITES", "web"),
            path("Microsoft.Web", "sites/web", "slots", "staging"),
            path("Microsoft.Web", "Sites/web", "Slots", "staging"),
            path("Microsoft.Web", "", "sites/web/slots", "staging"),
            path("Microsoft.Web", "", "sites", "web/slots/staging"),
            path("Microsoft.Web/sites", "", "web/slots", "staging"),
            path("Microsoft.Web/sites/web/slots/staging", "", "", ""),
            path("/Microsoft.Web/", "//sites/web/", "/slots/", "/staging/"),
            path("Microsoft.Web", "", "sites%2Fweb%2Fslots", "staging"),
            path("Microsoft.Web", "", "sites\\web", ""),
            path("Microsoft.Web", "", "serverfarms", "plan/../../sites/web/./slots/staging"),
            path("Microsoft.Web", "", "\u017Fites/web/\u017Flot\u017F", "staging"),
        ];
        for (const declaration of declarations) {
            assert.match(
                violationOf(site(optional, declaration)),
                /properties.clientCertMode is "Optional"/,
                JSON.stringify(declaration),
            );
        }
        assert.match(
            violationOf(site({}), "azure-native:resources/v20240301:Resource"),
            /properties.clientCertEnabled is not set/,
        );
    });

    it("reads the settings and the resource's own keys ignoring case, and reports one given twice with different values", () => {
        assert.match(
            violationOf(site({ ClientCertEnabled: false, clientCertMode: "Required" })),
            /properties.clientCertEnabled is false/,
        );
        assert.match(
            violationOf(site({ clientCertEnabled: true, CLIENTCERTENABLED: false })),
            /properties.clientCertEnabled cannot be verified before deployment: it is given twice/,
        );
        // Whether Azure reads the dotless "ı" as an "i" depends on the platform: such a key is never trusted either way.
        assert.match(
            violationOf(site({ clıentCertEnabled: true, clientCertMode: "Required" })),
            /properties.clientCertEnabled cannot be verified before deployment: it is given as "cl\u0131entCertEnabled", which Azure may or may not read as "clientCertEnabled"/,
        );
        assert.match(
            violationOf(site({ clientCertEnabled: true, clıentCertEnabled: false })),
            /properties.clientCertEnabled cannot be verified before deployment: it is given as "cl\u0131entCertEnabled"/,
        );
        const { properties, ...rest } = site({ clientCertEnabled: false });
        assert.match(violationOf({ ...rest, ResourceType: "sites" }), /properties.clientCertEnabled is not set/);
    });

    it("fails a site with no properties, Azure's default being certificates off", () => {
        assert.match(violationOf(site(undefined)), /properties.clientCertEnabled is not set/);
    });

    it("records any other resource as not applicable, and a site's child resources as writes to a site it does not declare", () => {
        for (const other of [
            path("Microsoft.Storage", "", "storageAccounts", "web"),
            path("Microsoft.Web", "", "serverfarms", "plan"),
            path("Microsoft.Web", "sites/web", "hostNameBindings", "www.example.com"),
            path("Microsoft.Web", "", "sites/web/providers/Microsoft.Insights/diagnosticSettings", "logs"),
        ]) {
            assert.deepStrictEqual(
                validate(type, site({ clientCertEnabled: false }, other)),
                { violations: [], notApplicable: NOT_AN_APP },
                JSON.stringify(other),
            );
        }
        // The baseline rules judge what these write (test/policy-pack/undeclaredSiteWrites.test.ts).
        for (const child of [
            path("Microsoft.Web", "sites/web", "config", "web"),
            path("Microsoft.Web", "", "sites/web/slots/staging/config", "web"),
        ]) {
            assert.deepStrictEqual(
                validate(type, site({ clientCertEnabled: false }, child)),
                { violations: [], notApplicable: UNDECLARED_SITES_ONLY },
                JSON.stringify(child),
            );
        }
    });

    it("reports, never passes, a path that names a site or template type but no single resource", () => {
        for (const malformed of [
            path("Microsoft.Web", "", "sites", ""),
            path("Microsoft.Web", "", "sites", "web/slots"),
            path("Microsoft.Web", "sites/web", "slots", ""),
            path("Microsoft.Resources", "", "deployments", ""),
            path("Microsoft.Web", "", "sites/web/providers", ""),
        ]) {
            const message = violationOf(site(compliant, malformed));
            assert.match(
                message,
                /\n- resourceProviderNamespace, parentResourcePath, resourceType and resourceName cannot be verified before deployment: they make the path "providers\/.*", which names an App Service site or a template deployment but no single resource/,
                JSON.stringify(malformed),
            );
            assert.match(
                message,
                /required: a path that names one resource: the namespace, then type and name segments in turn/,
            );
        }
    });

    it("routes a path whose separators or dots are percent-encoded, once or more, as a server decoding it would", () => {
        for (const declaration of [
            path("Microsoft.Web", "", "serverfarms", "plan/%2e%2e/%2E%2E/sites/web"),
            path("Microsoft.Web", "", "serverfarms", "plan/.%2e/..%2f/sites/web"),
            path("Microsoft.Web", "", "sites%5Cweb", ""),
            path("Microsoft.Web", "", "sites%252Fweb", ""),
            path("Microsoft.Web", "", "%73ites", "web"),
            path("Microsoft.Web", "", "serverfarms", "plan/%25252e%25252e/%252e./sites/web"),
        ]) {
            assert.match(
                violationOf(site(optional, declaration)),
                /properties.clientCertMode is "Optional"/,
                JSON.stringify(declaration),
            );
        }
        assert.match(
            violationOf(site(compliant, path("Microsoft.Web", "", "sites%25252525252Fweb", ""))),
            /cannot be verified before deployment: they make the path .*, percent-encoded more than 4 times/,
        );
    });

    it("reports, never reads in their place, its own inputs given only in another letter case, which the provider may not send", () => {
        const { properties, ...rest } = site(compliant);
        assert.match(
            violationOf({ ...rest, Properties: properties }),
            /properties.clientCertEnabled cannot be verified before deployment: it is given as "Properties", .*"properties"/,
        );
        const { parentResourcePath, ...unparented } = site(compliant, path("Microsoft.Web", "", "sites", "web"));
        assert.match(
            violationOf({ ...unparented, ParentResourcePath: "serverfarms/plan" }),
            /cannot be verified before deployment: parentResourcePath: it is given as "ParentResourcePath"/,
        );
        const { kind, ...kindless } = site({ clientCertEnabled: false });
        const excluded = validate(
            type,
            { ...kindless, Kind: "workflowapp" },
            { config: { excludedKinds: ["workflowapp"] } },
        );
        assert.strictEqual(excluded.violations.length, 1, JSON.stringify(excluded));
    });

    it("reports path inputs it cannot route: not text, given twice in different cases, or climbing above providers/", () => {
        assert.match(
            violationOf(
                site(compliant, { resourceName: "../../../resourceGroups/other/providers/Microsoft.Web/sites/web" }),
            ),
            /cannot be verified before deployment: they make the path .*, whose "\.\." climbs above providers\//,
        );
        assert.match(
            violationOf(site(compliant, { resourceName: 7 })),
            /cannot be verified before deployment: resourceName is 7, not text/,
        );
        assert.match(
            violationOf(site(compliant, { ResourceType: "serverfarms" })),
            /cannot be verified before deployment: resourceType: it is given twice, as "resourceType" and "ResourceType"/,
        );
    });

    it("checks the template of a generic Resource that is a deployment, a deployment stack or a template spec version, its keys in any case", () => {
        const template = { resources: [{ type: "Microsoft.Web/sites", name: "web", properties: optional }] };
        const generic = (declaration: Record<string, unknown>, properties: unknown) => ({
            resourceGroupName: "rg",
            parentResourcePath: "",
            apiVersion: "2024-03-01",
            resourceName: "t",
            ...declaration,
            properties,
        });
        const cases: [Record<string, unknown>, unknown, string][] = [
            [
                { resourceProviderNamespace: "Microsoft.Resources", resourceType: "deployments" },
                { mode: "Incremental", template },
                "properties.template.resources[0]",
            ],
            [
                { resourceProviderNamespace: "Microsoft.Resources", resourceType: "deployments" },
                { mode: "Incremental", Template: template },
                "properties.template.resources[0]",
            ],
            [
                { resourceProviderNamespace: "microsoft.resources", resourceType: "DeploymentStacks" },
                { template: JSON.stringify(template) },
                "properties.template.resources[0]",
            ],
            [
                { resourceProviderNamespace: "microsoft.resources", resourceType: "deploymentStacks" },
                { TEMPLATE: template },
                "properties.template.resources[0]",
            ],
            [
                {
                    resourceProviderNamespace: "Microsoft.Resources",
                    parentResourcePath: "templateSpecs/web",
                    resourceType: "versions",
                },
                { mainTemplate: template },
                "properties.mainTemplate.resources[0]",
            ],
            [
                {
                    resourceProviderNamespace: "Microsoft.Resources",
                    resourceType: "templateSpecs/web/versions",
                    resourceName: "1.0",
                },
                { MainTemplate: template },
                "properties.mainTemplate.resources[0]",
            ],
            [
                {
                    resourceProviderNamespace: "Microsoft.Storage",
                    resourceType: "storageAccounts/st/providers/Microsoft.Resources/deployments",
                },
                { template },
                "properties.template.resources[0]",
            ],
        ];
        for (const [declaration, properties, at] of cases) {
            const message = violationOf(generic(declaration, properties));
            assert.ok(
                message.includes(
                    `- Microsoft.Web/sites "web" at ${at}:\n  - ${at}.properties.clientCertMode is "Optional"`,
                ),
                message,
            );
        }
        const deployment = { resourceProviderNamespace: "Microsoft.Resources", resourceType: "deployments" };
        const linked = violationOf(generic(deployment, { TemplateLink: { uri: "https://example.com/t.json" } }));
        assert.match(linked, /properties.templateLink cannot be verified before deployment: it links the template/);
        assert.match(
            violationOf(generic(deployment, { template, Template: { resources: [] } })),
            /properties.template cannot be verified before deployment: it is given twice/,
        );
    });

    it("leaves any path input unknown at preview to the engine's unknown-value report, never a pass", () => {
        for (const input of ["resourceProviderNamespace", "parentResourcePath", "resourceType", "resourceName"]) {
            assert.throws(
                () => validate(type, site({ clientCertEnabled: false }, { [input]: UNKNOWN })),
                UnknownValueError,
                input,
            );
        }
        assert.throws(() => validate(type, site({ ...compliant, clientCertMode: UNKNOWN })), UnknownValueError);
    });

    it("reports the rest when one setting is unknown", () => {
        assert.match(
            violationOf(site({ clientCertEnabled: false, clientCertMode: UNKNOWN })),
            /properties.clientCertMode is not known until the update/,
        );
    });
});

describe("azure-native:resources:Resource path properties", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    /** Whole paths (segments after `providers/`) with the properties they are declared with. */
    const declared: fc.Arbitrary<{ segments: string[]; properties: unknown }> = fc
        .oneof(
            fc.tuple(name).map(([n]) => ["Microsoft.Web", "sites", n]),
            fc.tuple(name, name).map(([n, s]) => ["Microsoft.Web", "sites", n, "slots", s]),
            fc.tuple(name).map(([n]) => ["Microsoft.Web", "sites", n, "config", "web"]),
            fc.tuple(name).map(([n]) => ["Microsoft.Web", "serverfarms", n]),
            fc.tuple(name).map(([n]) => ["Microsoft.Storage", "storageAccounts", n]),
            fc.tuple(name).map(([n]) => ["Microsoft.Resources", "deployments", n]),
            fc.tuple(name).map(([n]) => ["Microsoft.Web", "sites", n, "slots"]),
        )
        .chain(segments =>
            fc.record({
                segments: fc.constant(segments),
                properties: fc.constantFrom<unknown>(compliant, optional, { clientCertEnabled: false }, undefined, {
                    template: { resources: [{ type: "Microsoft.Web/sites", name: "web", properties: optional }] },
                }),
            }),
        );
    /** The same path cut into the four inputs at any points, each piece possibly with stray slashes. */
    const cuts = (count: number) =>
        fc
            .array(fc.integer({ min: 0, max: count }), { minLength: 3, maxLength: 3 })
            .map(points => points.sort((a, b) => a - b));
    const recased = (text: string, upper: boolean[]) =>
        [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join("");

    function outcome(
        segments: string[],
        properties: unknown,
        [a, b, c]: number[],
        slashes: boolean[],
    ): ValidationOutcome {
        const pieces = [segments.slice(0, a), segments.slice(a, b), segments.slice(b, c), segments.slice(c)].map(
            (piece, i) => (slashes[i] ? "/" : "") + piece.join("/"),
        );
        return validate(type, {
            resourceGroupName: "rg",
            ...path(pieces[0], pieces[1], pieces[2], pieces[3]),
            properties,
        });
    }

    it("gives the same verdict wherever the path's segments are put among the four inputs", () => {
        const moved = declared.chain(d =>
            fc.record({
                declaration: fc.constant(d),
                points: cuts(d.segments.length),
                slashes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
            }),
        );
        fc.assert(
            fc.property(moved, ({ declaration: { segments, properties }, points, slashes }) => {
                const canonical = outcome(
                    segments,
                    properties,
                    [1, 1, segments.length - 1],
                    [false, false, false, false],
                );
                assert.deepStrictEqual(outcome(segments, properties, points, slashes), canonical);
            }),
            { numRuns: sweep(300) },
        );
    });

    it("gives the same verdict whatever the letter case of the namespace, types and names", () => {
        fc.assert(
            fc.property(
                declared,
                fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
                ({ segments, properties }, upper) => {
                    // Messages quote the path as written, so they are compared ignoring case.
                    const verdict = ({ violations, notApplicable }: ValidationOutcome) => ({
                        violations: violations.map(m => m.toLowerCase()),
                        notApplicable,
                    });
                    const canonical = outcome(
                        segments,
                        properties,
                        [1, 1, segments.length - 1],
                        [false, false, false, false],
                    );
                    assert.deepStrictEqual(
                        verdict(
                            outcome(
                                segments.map(s => recased(s, upper)),
                                properties,
                                [1, 1, segments.length - 1],
                                [false, false, false, false],
                            ),
                        ),
                        verdict(canonical),
                    );
                },
            ),
            { numRuns: sweep(200) },
        );
    });
});
