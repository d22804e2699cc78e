import { App, Found, PropertyNames, ResourceFamily } from "./family";
import { FieldWrite } from "../arm/policyRule";
import { AZURE_DEFAULTS, OneOf } from "../rule/clientCertificates";
import { Budget, MAX_EVALUATION_STEPS, RunBudget } from "../arm/budget";
import { NO_PARAMETER_VALUES, ParameterValues, parameterValues } from "../arm/scope";
import { describeValue } from "../arm/shownValue";
import { Problem, Unknown, Unverifiable, Value } from "../arm/values";
import { SITE_SETTINGS, TemplateSite, TemplateSiteChild } from "../arm/templateSite";
import { ownNameOf, SiteChildIndex } from "../arm/siteChildren";
import { undeclaredSiteWrite } from "./undeclaredSites";
import { ARM_TEMPLATE_PLACES } from "./siteSettingPlaces";
import { findSites, linked, TemplateFinding, TemplateSource } from "../arm/walker";

/** A value of the resource's inputs and its property path, for messages. */
export interface Located {
    value: Value;
    path: string;
}

/** What a resource deploys through ARM: inline templates, the parameter values they get, and links ARM follows. */
export interface DeploymentInputs {
    templates: Located[];
    parameters?: Located;
    /** `templateLink` or a template-spec id: a template the policy cannot read. */
    templateLinks: Located[];
    /** `parametersLink`: parameter values the policy cannot read. */
    parametersLink?: Located;
    /** Template-spec artifacts by lower-case relative path. */
    artifacts?: TemplateSource["artifacts"];
}

/**
 * A family of resources that deploy ARM templates: every site and slot in them is an app, and every part that
 * cannot be read before deployment (a linked template, an expression the policy does not evaluate) is reported
 * as unverifiable. Report-only: a template is the user's source, so the policy does not rewrite it.
 */
export function templateFamily(inputsOf: (props: Record<string, any>) => DeploymentInputs): ResourceFamily {
    return {
        propertyNames: {
            enabled: `properties.${SITE_SETTINGS.enabled}`,
            mode: `properties.${SITE_SETTINGS.mode}`,
            exclusionPaths: `properties.${SITE_SETTINGS.exclusionPaths}`,
        },
        defaults: AZURE_DEFAULTS,
        siteSettings: ARM_TEMPLATE_PLACES,
        settingsLocation: "in the properties of each site and slot in the ARM template",
        noAppsReason: "no App Service site or slot in the ARM template",
        apps: (props, run) => templateApps(inputsOf(props), run),
    };
}

/**
 * The sites and slots of the templates a resource deploys, the parts that cannot be read and the client-certificate
 * writes of the policy definitions in them, as apps; the custom definitions their policy assignments apply; and the
 * writes of child resources to sites the templates do not declare.
 */
export function templateApps(inputs: DeploymentInputs, run: RunBudget | undefined): Found[] {
    const findings: TemplateFinding[] = [];
    for (const link of inputs.templateLinks) {
        if (link.value !== undefined && link.value !== null) {
            findings.push({
                kind: "problem",
                location: `linked template at ${link.path}`,
                path: link.path,
                problem: linked(link.path, link.value, "template"),
            });
        }
    }
    const parameters: ParameterValues =
        inputs.parametersLink?.value != null
            ? { kind: "all", value: linked(inputs.parametersLink.path, inputs.parametersLink.value, "parameters file") }
            : inputs.parameters === undefined
              ? NO_PARAMETER_VALUES
              : parameterValues(inputs.parameters.value, inputs.parameters.path);
    const budget = new Budget(MAX_EVALUATION_STEPS, run); // one for the whole resource, however many templates it deploys
    for (const { value, path } of inputs.templates) {
        if (value !== undefined && value !== null) {
            for (const finding of findSites({
                template: value,
                path,
                parameters,
                artifacts: inputs.artifacts,
                budget,
            })) {
                findings.push(finding);
            }
        }
    }
    const children = new SiteChildIndex(findings.filter(finding => finding.kind === "site child"));
    const apps = findings.flatMap(finding => (finding.kind === "site child" ? [] : [appOf(finding, children)]));
    const sites = findings.filter((finding): finding is TemplateSite => finding.kind === "site");
    // A child whose site the templates do not declare still writes that site's settings: judged on its own.
    const undeclared = children.childrenOfUndeclaredSites(sites).map(child =>
        undeclaredSiteWrite({
            type: child.type,
            ownName: ownNameOf(child),
            location: child.location,
            shownPath: path => `${child.path}.${path}`,
            valueAt: path => child.valueAt(path),
        }),
    );
    return [...apps, ...undeclared];
}

/**
 * A site as an app with its own property paths, and the writes of its `children`; an unreadable part as an app
 * whose settings cannot be verified; a policy definition's write as an app; an assignment of a custom definition
 * as the definition it assigns.
 */
function appOf(finding: Exclude<TemplateFinding, TemplateSiteChild>, children: SiteChildIndex): Found {
    switch (finding.kind) {
        case "problem":
            return unverifiableApp(finding.location, finding.path, finding.problem);
        case "write":
            return writeApp(finding.write);
        case "assignment":
            return { property: finding.property, definitionId: finding.definitionId };
    }
    const properties = finding.propertiesPath;
    return {
        location: finding.location,
        propertyNames: {
            enabled: `${properties}.${SITE_SETTINGS.enabled}`,
            mode: `${properties}.${SITE_SETTINGS.mode}`,
            exclusionPaths: `${properties}.${SITE_SETTINGS.exclusionPaths}`,
        },
        settings: {
            enabled: () => settled(finding.setting("enabled")),
            mode: () => settled(finding.setting("mode")),
            exclusionPaths: () => settled(finding.setting("exclusionPaths")),
        },
        kind: () => settled(finding.appKind()),
        evaluatedSite: {
            valueAt: path => settled(finding.valueAt(path)),
            shownPath: path => `${finding.path}.${path}`,
            childWrites: place =>
                children.childrenOf(finding, place.type, place.name).map(({ child, unmatched }) => ({
                    path: `${child.path}.${place.path}`,
                    read: () => settled(unmatched ?? child.valueAt(place.path)),
                })),
        },
    };
}

/** A part that cannot be read, at `path`, as an app whose settings cannot be verified (reported as the flag). */
export function unverifiableApp(location: string, path: string, problem: Problem): App {
    return {
        location,
        propertyNames: { enabled: path, mode: path },
        settings: { enabled: () => settled(problem), mode: () => undefined },
        kind: () => undefined,
        evaluatedSite: { valueAt: () => settled(problem), shownPath: () => path, childWrites: () => [] },
    };
}

/**
 * A policy rule's write to a client-certificate field as an app whose one setting is the value written (a write the
 * policy cannot place is reported as the flag); the settings it does not write are checked where they are set.
 */
export function writeApp({ valuePath, what, setting, written }: FieldWrite): App {
    const names: PropertyNames = { enabled: valuePath, mode: valuePath, exclusionPaths: valuePath };
    const writes = (which: typeof setting) => (setting === undefined ? which === "enabled" : setting === which);
    return {
        location: `Azure Policy write to ${what}`,
        propertyNames: names,
        settings: {
            enabled: writes("enabled") ? () => settled(written) : () => true,
            mode: writes("mode") ? () => settled(written) : () => undefined,
            exclusionPaths: writes("exclusionPaths") ? () => settled(written) : () => undefined,
        },
        kind: () => undefined,
    };
}

/** A value for the rule: unknown at preview throws the engine's error, as reading the property itself would. */
export function settled(value: Value | OneOf): unknown {
    if (value instanceof Unknown) {
        throw value.error;
    }
    return value;
}

/** A template or parameters input that must be an object or JSON text, as found. */
export function unreadable(path: string, value: Value, expected: string): Unverifiable {
    return new Unverifiable(`${path} is ${value === undefined ? "not set" : describeValue(value)}, not ${expected}`);
}
