// The template walker on its own: which entries are sites, where it says they are, and what it reports as
// unreadable instead of skipping.
import * as assert from "assert";
import { NO_PARAMETER_VALUES } from "../../../policy-pack/arm/scope";
import { readInput } from "../../../policy-pack/arm/inputCopy";
import { Unverifiable, Value } from "../../../policy-pack/arm/values";
import { findSites, TemplateFinding } from "../../../policy-pack/arm/walker";

function found(template: unknown, artifacts?: Record<string, unknown>): TemplateFinding[] {
    return findSites({
        template: readInput(template),
        path: "template",
        parameters: NO_PARAMETER_VALUES,
        artifacts:
            artifacts &&
            new Map(
                Object.entries(artifacts).map(([path, t]) => [
                    path,
                    { template: readInput(t) as Value, path: `artifacts["${path}"]` },
                ]),
            ),
    });
}

const locations = (findings: TemplateFinding[]) => findings.map(f => `${f.kind}: ${f.location}`);

describe("the template walker", () => {
    it("names symbolic resources with odd names by bracket path", () => {
        const findings = found({
            languageVersion: "2.0",
            resources: { "front door": { type: "Microsoft.Web/sites", name: "fd", properties: {} } },
        });
        assert.deepStrictEqual(locations(findings), [
            'site: Microsoft.Web/sites "fd" at template.resources["front door"]',
        ]);
        assert.strictEqual(
            (findings[0] as { propertiesPath: string }).propertiesPath,
            'template.resources["front door"].properties',
        );
    });

    it("evaluates a resource type given as an expression, and reports one it cannot evaluate", () => {
        const findings = found({
            variables: { web: "Microsoft.Web" },
            resources: [
                { type: "[concat(variables('web'), '/sites')]", name: "a" },
                { type: "[reference('t').type]", name: "b" },
            ],
        });
        assert.deepStrictEqual(locations(findings), [
            'site: Microsoft.Web/sites "a" at template.resources[0]',
            "problem: the resource at template.resources[1]",
        ]);
        assert.match(
            (findings[1] as { problem: Unverifiable }).problem.reason,
            /its type is \[reference\('t'\).type\], and reference\(\) is known only/,
        );
    });

    it("builds a child's full type and name from its parent's, for short and full child types", () => {
        const findings = found({
            resources: [
                {
                    type: "Microsoft.Web/sites",
                    name: "p",
                    resources: [
                        { type: "slots", name: "a" },
                        { type: "Microsoft.Web/sites/slots", name: "b" },
                        { type: "config", name: "web" },
                    ],
                },
            ],
        });
        assert.deepStrictEqual(locations(findings), [
            'site: Microsoft.Web/sites "p" at template.resources[0]',
            'site: Microsoft.Web/sites/slots "a" at template.resources[0].resources[0]',
            'site: Microsoft.Web/sites/slots "b" at template.resources[0].resources[1]',
            'site child: Microsoft.Web/sites/config "web" at template.resources[0].resources[2]',
        ]);
        const names = findings.map(f => (f.kind === "site" || f.kind === "site child" ? f.name() : undefined));
        assert.deepStrictEqual(names, ["p", "p/a", "b", "p/web"]);
    });

    it("follows template-spec links by relative path from the linking template's folder", () => {
        const link = (relativePath: string) => ({
            type: "Microsoft.Resources/deployments",
            name: relativePath,
            properties: { templateLink: { relativePath } },
        });
        const findings = found(
            { resources: [link("apps/main.json")] },
            {
                "apps/main.json": { resources: [link("../shared/site.json"), link("./missing.json")] },
                "shared/site.json": { resources: [{ type: "Microsoft.Web/sites", name: "deep" }] },
            },
        );
        assert.deepStrictEqual(locations(findings), [
            'site: Microsoft.Web/sites "deep" at artifacts["shared/site.json"].resources[0]',
            'problem: Microsoft.Resources/deployments "./missing.json" at artifacts["apps/main.json"].resources[1]',
        ]);
    });

    it("reports a template-spec artifact that links itself, or links back through another, as a cycle", () => {
        const link = (relativePath: string) => ({
            type: "Microsoft.Resources/deployments",
            name: relativePath,
            properties: { templateLink: { relativePath } },
        });
        const self = found({ resources: [link("a.json")] }, { "a.json": { resources: [link("./A.json")] } });
        assert.deepStrictEqual(locations(self), [
            'problem: Microsoft.Resources/deployments "./A.json" at artifacts["a.json"].resources[0]',
        ]);
        assert.match(
            (self[0] as { problem: Unverifiable }).problem.reason,
            /links the template-spec artifact "A.json", which the chain of links leading here already deploys: a cycle/,
        );
        const mutual = found(
            { resources: [link("a.json")] },
            {
                "a.json": { resources: [link("b.json"), { type: "Microsoft.Web/sites", name: "in-a" }] },
                "b.json": { resources: [link("a.json")] },
            },
        );
        assert.deepStrictEqual(locations(mutual), [
            'problem: Microsoft.Resources/deployments "a.json" at artifacts["b.json"].resources[0]',
            'site: Microsoft.Web/sites "in-a" at artifacts["a.json"].resources[1]',
        ]);
    });

    it("does not follow a relative path that leaves the template spec", () => {
        const findings = found(
            {
                resources: [
                    {
                        type: "Microsoft.Resources/deployments",
                        name: "up",
                        properties: { templateLink: { relativePath: "../a.json" } },
                    },
                ],
            },
            {
                "a.json": { resources: [] },
            },
        );
        assert.deepStrictEqual(locations(findings), [
            'problem: Microsoft.Resources/deployments "up" at template.resources[0]',
        ]);
    });

    it("reports deployment stacks and template spec versions declared inside a template, which it does not read", () => {
        const findings = found({
            resources: [
                { type: "Microsoft.Resources/deploymentStacks", name: "stack", properties: { template: {} } },
                {
                    type: "Microsoft.Resources/templateSpecs",
                    name: "spec",
                    resources: [{ type: "versions", name: "1.0", properties: { mainTemplate: {} } }],
                },
            ],
        });
        assert.deepStrictEqual(locations(findings), [
            'problem: Microsoft.Resources/deploymentStacks "stack" at template.resources[0]',
            'problem: Microsoft.Resources/templateSpecs/versions "1.0" at template.resources[1].resources[0]',
        ]);
    });

    it("finds nothing in a template without sites", () => {
        assert.deepStrictEqual(found({ resources: [{ type: "Microsoft.Storage/storageAccounts", name: "st" }] }), []);
        assert.deepStrictEqual(found({}), []);
    });
});
