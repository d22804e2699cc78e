// A template read from a resource's inputs is copied with only the members of its resources' `properties` that the
// walker reads (a site's configuration is most of a template's size). A member missing from that list would read
// as unset: these tests walk the same templates copied whole and copied for the walker, and expect the same verdicts.
import * as assert from "assert";
import { NO_PARAMETER_VALUES } from "../../../policy-pack/arm/scope";
import { ANY_KEY, readInput, readProperty } from "../../../policy-pack/arm/inputCopy";
import { isProblem, Value } from "../../../policy-pack/arm/values";
import { SITE_SETTINGS } from "../../../policy-pack/arm/templateSite";
import { findSites, TemplateFinding, templatesAt } from "../../../policy-pack/arm/walker";
import { OneOf, Setting } from "../../../policy-pack/rule/clientCertificates";

const SITE = "Microsoft.Web/sites";
const DEPLOYMENT = "Microsoft.Resources/deployments";
const siteConfig = { alwaysOn: true, appSettings: [{ name: "A", value: "1" }], ftpsState: "Disabled" };

/** A template in which every member the walker reads of a resource's `properties` decides a verdict. */
const TEMPLATE = {
    resources: [
        {
            type: SITE,
            name: "settings",
            properties: {
                clientCertEnabled: true,
                clientCertMode: "Optional",
                clientCertExclusionPaths: "/x",
                siteConfig,
            },
        },
        {
            type: SITE,
            name: "copyLoop",
            properties: {
                clientCertEnabled: true,
                copy: [{ name: "clientCertMode", count: 1, input: "Required" }],
                siteConfig,
            },
        },
        {
            type: DEPLOYMENT,
            name: "inner",
            properties: {
                mode: "Incremental",
                expressionEvaluationOptions: { scope: "inner" },
                parameters: { m: { value: "Required" } },
                template: {
                    parameters: { m: { type: "string" } },
                    resources: [
                        {
                            type: SITE,
                            name: "nested",
                            properties: { clientCertEnabled: true, clientCertMode: "[parameters('m')]", siteConfig },
                            resources: [
                                { type: "slots", name: "child", properties: { clientCertEnabled: false, siteConfig } },
                            ],
                        },
                    ],
                },
            },
        },
        { type: DEPLOYMENT, name: "linked", properties: { templateLink: { uri: "https://example.com/t.json" } } },
        {
            type: DEPLOYMENT,
            name: "linkedParameters",
            properties: {
                expressionEvaluationOptions: { scope: "inner" },
                parametersLink: { uri: "https://example.com/p.json" },
                template: {
                    parameters: { m: { type: "string" } },
                    resources: [{ type: SITE, name: "p", properties: { clientCertMode: "[parameters('m')]" } }],
                },
            },
        },
        {
            type: "Microsoft.Authorization/policyDefinitions",
            name: "deploys",
            properties: {
                displayName: "d",
                policyRule: {
                    if: {},
                    then: {
                        effect: "deployIfNotExists",
                        details: {
                            deployment: {
                                properties: {
                                    template: {
                                        resources: [
                                            { type: SITE, name: "dine", properties: { clientCertEnabled: true } },
                                        ],
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        {
            type: "Microsoft.Authorization/policyAssignments",
            name: "assigns",
            properties: { displayName: "a", policyDefinitionId: "/subscriptions/s/providers/x/policyDefinitions/d" },
        },
    ],
};

/** What the walker concludes, as plain data: every setting of every site, and every unreadable part. */
function verdicts(template: Value): unknown[] {
    const findings: TemplateFinding[] = findSites({ template, path: "template", parameters: NO_PARAMETER_VALUES });
    const shown = (value: Value | OneOf): unknown =>
        value instanceof OneOf
            ? { oneOf: value.values, undecided: shown(value.undecided as Value) }
            : isProblem(value)
              ? `problem: ${"reason" in value ? value.reason : "unknown"}`
              : value;
    return findings.map(finding =>
        finding.kind === "problem"
            ? { location: finding.location, path: finding.path, problem: shown(finding.problem) }
            : finding.kind === "site"
              ? {
                    location: finding.location,
                    ...Object.fromEntries(
                        (Object.keys(SITE_SETTINGS) as Setting[]).map(s => [s, shown(finding.setting(s))]),
                    ),
                }
              : finding,
    );
}

describe("templates copied for the walker", () => {
    it("keep every member of a resource's properties the walker reads: the same verdicts as the whole template", () => {
        const whole = verdicts(readInput(TEMPLATE));
        assert.strictEqual(whole.length, 8, JSON.stringify(whole));
        assert.deepStrictEqual(verdicts(readInput(TEMPLATE, templatesAt([]))), whole);
    });

    it("leave out the rest, at every depth: child resources and nested deployments' templates", () => {
        const copy = JSON.stringify(readInput(TEMPLATE, templatesAt([])));
        assert.doesNotMatch(copy, /alwaysOn|appSettings|displayName|"mode":"Incremental"/);
        assert.match(copy, /"siteConfig":\{"ftpsState":"Disabled"\}/, "the baseline rules read siteConfig's settings");
        assert.match(JSON.stringify(readInput(TEMPLATE)), /appSettings/);
    });

    it("find the templates at typed paths, keys in any letter case and any key where the path says so", () => {
        const inputs = {
            Properties: { TEMPLATE: TEMPLATE },
            linkedTemplates: [
                { path: "a.json", Template: TEMPLATE },
                { path: "b.json", template: TEMPLATE },
            ],
        };
        const properties = readProperty(inputs, "properties", templatesAt(["template"]));
        assert.doesNotMatch(JSON.stringify(properties), /appSettings/);
        assert.deepStrictEqual(verdicts((properties as { TEMPLATE: Value }).TEMPLATE), verdicts(readInput(TEMPLATE)));
        const artifacts = readProperty(inputs, "linkedTemplates", templatesAt([ANY_KEY, "template"]));
        assert.doesNotMatch(JSON.stringify(artifacts), /appSettings/);
        assert.match(
            JSON.stringify(readProperty(inputs, "linkedTemplates", templatesAt(["0", "template"]))),
            /appSettings/,
            "the second artifact is not at the path given",
        );
    });
});
