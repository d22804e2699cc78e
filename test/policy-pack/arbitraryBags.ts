// Arbitrary resource property bags for the property-based tests, run in-process (properties.test.ts) and through
// the running pack (protocolProperties.test.ts): every covered type's own property names and every template route,
// each value possibly anything, unknown or malformed.
import * as fc from "fast-check";
import { coveredTypes } from "../../policy-pack/families/coveredTypes";
import { familyOf } from "../../policy-pack/families/registry";
import { UNKNOWN } from "../../tools/engine/policyPackServer";

const versionedTypes = [
    "azure-native:web/v20220901:WebApp",
    "azure-native:web/v20260301preview:WebAppSlot",
    "azure-native:resources/v20240301:Deployment",
    "azure-native:resources/v20240301:Resource",
];
export const allTypes = [...coveredTypes, ...versionedTypes];

/** Values a program might put in any property: the interesting ones, the unknown sentinel, and any JSON. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
        true,
        false,
        null,
        "true",
        "Required",
        "Optional",
        "OptionalInteractiveUser",
        "",
        "/",
        "/health;/",
        "app,functionapp",
        UNKNOWN,
    ),
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }),
);

/** A bag with any subset of the family's own property names (plus `kind` and strangers), each holding anything. */
export function bagFor(type: string): fc.Arbitrary<Record<string, unknown>> {
    const names = familyOf(type)!.propertyNames;
    const keys = [names.enabled, names.mode, names.exclusionPaths, "kind", "name", "siteConfig"].filter(
        (k): k is string => k !== undefined,
    );
    return fc
        .record(Object.fromEntries(keys.map(k => [k, anyValue])), { requiredKeys: [] })
        .chain(bag =>
            fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }).map(extra => ({ ...extra, ...bag })),
        );
}

/** Template resources: sites, slots, nested slots, nested deployments and junk, at every level possibly unknown or malformed. */
const siteEntry: fc.Arbitrary<unknown> = fc.record(
    {
        type: fc.constantFrom(
            "Microsoft.Web/sites",
            "microsoft.web/sites/slots",
            "slots",
            "Microsoft.Resources/deployments",
            "Microsoft.Storage/storageAccounts",
            7,
            UNKNOWN,
        ),
        name: anyValue,
        kind: anyValue,
        properties: fc.oneof(
            fc.record(
                {
                    clientCertEnabled: fc.oneof(
                        anyValue,
                        fc.constantFrom(
                            "[parameters('certs')]",
                            "[variables('x')]",
                            "[[literal]",
                            "[if(",
                            "[concat(variables('x'), copyIndex())]",
                            "[json(parameters('mode'))]",
                        ),
                    ),
                    clientCertMode: fc.oneof(anyValue, fc.constant("[parameters('mode')]")),
                    clientCertExclusionPaths: anyValue,
                },
                { requiredKeys: [] },
            ),
            anyValue,
        ),
        resources: fc.oneof(
            fc.array(fc.record({ type: fc.constantFrom("slots", "config"), name: anyValue, properties: anyValue }), {
                maxLength: 2,
            }),
            anyValue,
        ),
        copy: fc.oneof(fc.record({ name: anyValue, count: anyValue }), anyValue),
        condition: fc.oneof(fc.constantFrom("[equals(1, 1)]", "[parameters('certs')]", false), anyValue),
    },
    { requiredKeys: [] },
);

const template: fc.Arbitrary<unknown> = fc.oneof(
    fc.record(
        {
            parameters: fc.oneof(
                fc.dictionary(
                    fc.constantFrom("certs", "mode", "CERTS"),
                    fc.record({ defaultValue: anyValue }, { requiredKeys: [] }),
                ),
                anyValue,
            ),
            variables: fc.oneof(fc.dictionary(fc.constantFrom("x", "X", "__proto__", "copy"), anyValue), anyValue),
            resources: fc.oneof(
                fc.array(siteEntry, { maxLength: 3 }),
                fc.dictionary(fc.string({ maxLength: 4 }), siteEntry, { maxKeys: 2 }),
                anyValue,
            ),
        },
        { requiredKeys: [] },
    ),
    anyValue,
);
const parameters = fc.oneof(
    fc.dictionary(fc.constantFrom("certs", "mode"), fc.oneof(fc.record({ value: anyValue }), anyValue)),
    anyValue,
);
const link = fc.oneof(
    fc.record({ uri: anyValue, id: anyValue, relativePath: anyValue }, { requiredKeys: [] }),
    anyValue,
);

/** Inputs of every template route and of the generic Resource, any of them malformed or unknown. */
const deploymentBag: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        properties: fc.oneof(
            fc.record(
                {
                    template: fc.oneof(
                        template,
                        template.map(t => JSON.stringify(t)),
                    ),
                    templateLink: link,
                    parametersLink: link,
                    parameters: fc.oneof(
                        parameters,
                        fc.array(fc.record({ name: anyValue, value: anyValue }, { requiredKeys: [] }), {
                            maxLength: 3,
                        }),
                    ),
                },
                { requiredKeys: [] },
            ),
            fc.dictionary(fc.constantFrom("clientCertEnabled", "ClientCertEnabled", "clientCertMode"), anyValue),
            anyValue,
        ),
        template,
        parameters,
        templateLink: link,
        parametersLink: link,
        mainTemplate: template,
        linkedTemplates: fc.oneof(
            fc.array(fc.record({ path: anyValue, template }, { requiredKeys: [] }), { maxLength: 2 }),
            anyValue,
        ),
        templateContent: fc.oneof(
            template.map(t => JSON.stringify(t)),
            anyValue,
        ),
        parametersContent: fc.oneof(
            parameters.map(p => JSON.stringify(p)),
            anyValue,
        ),
        templateSpecVersionId: anyValue,
        policyRule: fc
            .oneof(
                fc.record({
                    then: fc.oneof(
                        fc.record({
                            details: fc.oneof(
                                fc.record({
                                    deployment: fc.oneof(
                                        fc.record({
                                            properties: fc.oneof(
                                                fc.record({ template, parameters }, { requiredKeys: [] }),
                                                anyValue,
                                            ),
                                        }),
                                        anyValue,
                                    ),
                                }),
                                anyValue,
                            ),
                        }),
                        anyValue,
                    ),
                }),
                anyValue,
            )
            .chain(rule => fc.constantFrom(rule, JSON.stringify(rule))),
        applicationDefinitionId: anyValue,
        plan: anyValue,
        blueprintId: anyValue,
        packageFileUri: anyValue,
        connectionsConfig: anyValue,
        artifacts: fc.oneof(
            fc.array(
                fc.record(
                    { name: fc.oneof(fc.constant("CreateUiDefinition"), anyValue), uri: anyValue },
                    { requiredKeys: [] },
                ),
                { maxLength: 2 },
            ),
            anyValue,
        ),
        deploymentProperties: fc.oneof(fc.record({ armTemplateId: anyValue }, { requiredKeys: [] }), anyValue),
        managedApplicationTemplate: template,
        managedApplicationParameters: parameters,
        resourceProviderNamespace: fc.oneof(
            fc.constantFrom("Microsoft.Web", "microsoft.web", "Microsoft.Storage", "Microsoft.Resources"),
            anyValue,
        ),
        resourceType: fc.oneof(
            fc.constantFrom("sites", "sites/slots", "slots", "SITES", "deployments", "deploymentStacks", "versions"),
            anyValue,
        ),
        parentResourcePath: fc.oneof(fc.constantFrom("", "sites/web", "Sites/x/", "templateSpecs/spec"), anyValue),
    },
    { requiredKeys: [] },
);

/** An AzAPI resource: an ARM type with an API version, and a body shaped like a generic resource's inputs. */
const azapiBag: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        type: fc.oneof(
            fc.constantFrom(
                "Microsoft.Web/sites@2024-04-01",
                "microsoft.web/sites/slots@2023-01-01",
                "Microsoft.Resources/deployments@2022-09-01",
                "Microsoft.Storage/storageAccounts@2023-01-01",
            ),
            anyValue,
        ),
        body: fc.oneof(
            deploymentBag,
            deploymentBag.map(bag => JSON.stringify(bag)),
            anyValue,
        ),
    },
    { requiredKeys: [] },
);

export function bagForAnyCoveredType(): fc.Arbitrary<[string, Record<string, unknown>]> {
    return fc.constantFrom(...allTypes).chain(type => {
        const enabled = familyOf(type)!.propertyNames.enabled;
        const bag = enabled?.startsWith("properties.")
            ? deploymentBag
            : enabled?.startsWith("body.")
              ? azapiBag
              : bagFor(type);
        return bag.map(props => [type, props] as [string, Record<string, unknown>]);
    });
}
