import { deploymentInputs, insideProperties, stackInputs } from "./armDeployment";
import { RunBudget } from "../arm/budget";
import { DeploymentInputs, settled, templateApps } from "./armTemplate";
import { App, Found, ResourceFamily, UndeclaredSiteWrite } from "./family";
import { isSiteChildType, undeclaredSiteWrite, valueBelow } from "./undeclaredSites";
import { AZURE_DEFAULTS } from "../rule/clientCertificates";
import { artifactInputs, assignmentInputs } from "./blueprint";
import { applicationInputs, definitionInputs } from "./managedApplication";
import { assignedDefinitionApps, providerPolicyApps } from "./policyAssignment";
import { policyRuleInputs, policyRuleWrites } from "./policyDefinition";
import { contentTemplateInputs, managementConfigurationInputs, vendorSkuInputs } from "./storedTemplates";
import {
    connectorDefinitionInputs,
    environmentInputs,
    networkFunctionDefinitionInputs,
    networkServiceDesignInputs,
} from "./templateReferences";
import { readStateArmType } from "./readState";
import { specInputs } from "./templateSpec";
import { foldCase } from "../arm/caseFolding";
import { ANY_KEY, readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { describeValue } from "../arm/shownValue";
import { isProblem, isRecord, Unknown, Unverifiable, Value } from "../arm/values";
import { EvaluatedSite } from "../baseline/siteSettings";
import { ARM_TEMPLATE_PLACES, REQUEST_BODY_PLACES } from "./siteSettingPlaces";
import { SITE_SETTINGS } from "../arm/templateSite";
import { templatesAt } from "../arm/walker";
import {
    DEPLOYMENT_TYPE,
    isSiteOrTemplateType,
    POLICY_ASSIGNING_TYPES,
    POLICY_DEFINITION_TYPES,
    SITE_TYPES,
    TemplateHolderType,
} from "../armTypes";

/** A route whose inputs the generic resource keeps in `properties`, where the typed resource has them at the top. */
function inProperties(
    inputsOf: (container: object, prefix: string) => DeploymentInputs,
): (props: Record<string, any>) => DeploymentInputs {
    return props => insideProperties(props, undefined, properties => inputsOf(properties, "properties."));
}

/**
 * Where each ARM type that deploys or holds a template keeps its template inputs, read like the typed route's: the
 * compiler holds this to exactly the deployment and the template holders of armTypes.ts.
 */
const TEMPLATE_INPUTS: {
    readonly [T in TemplateHolderType | typeof DEPLOYMENT_TYPE]: (props: Record<string, any>) => DeploymentInputs;
} = {
    "microsoft.resources/deployments": deploymentInputs,
    "microsoft.resources/deploymentstacks": props =>
        insideProperties(props, templatesAt(["template"]), properties => stackInputs(properties, "properties.")),
    "microsoft.resources/templatespecs/versions": props =>
        insideProperties(props, templatesAt(["mainTemplate"], ["linkedTemplates", ANY_KEY, "template"]), properties =>
            specInputs(properties, "properties."),
        ),
    "microsoft.solutions/applicationdefinitions": inProperties(definitionInputs),
    "microsoft.solutions/applications": props =>
        insideProperties(props, undefined, properties => applicationInputs(properties, "properties.", props)),
    "microsoft.blueprint/blueprints/artifacts": inProperties(artifactInputs),
    "microsoft.blueprint/blueprintassignments": inProperties(assignmentInputs),
    "microsoft.authorization/policydefinitions": inProperties(policyRuleInputs),
    "microsoft.authorization/policydefinitions/versions": inProperties(policyRuleInputs),
    "microsoft.securityinsights/contenttemplates": inProperties(contentTemplateInputs),
    "microsoft.securityinsights/dataconnectordefinitions": inProperties(connectorDefinitionInputs),
    "microsoft.devtestlab/labs/users/environments": inProperties(environmentInputs),
    "microsoft.hybridnetwork/vendors/vendorskus": inProperties(vendorSkuInputs),
    "microsoft.operationsmanagement/managementconfigurations": managementConfigurationInputs,
    "microsoft.hybridnetwork/publishers/networkfunctiondefinitiongroups/networkfunctiondefinitionversions":
        networkFunctionDefinitionInputs,
    "microsoft.hybridnetwork/publishers/networkservicedesigngroups/networkservicedesignversions":
        networkServiceDesignInputs,
};

const TEMPLATE_TYPES: ReadonlyMap<string, (props: Record<string, any>) => DeploymentInputs> = new Map(
    Object.entries(TEMPLATE_INPUTS),
);

/**
 * The policy definitions a generic resource assigns, named in `properties`: an assignment's one, or a managed
 * application definition's provider policies. Unknown at preview throws.
 */
function assignedDefinitions(type: string, props: Record<string, any>): Found[] {
    const assigns = POLICY_ASSIGNING_TYPES.has(type);
    if (!assigns && type !== APPLICATION_DEFINITION_TYPE) {
        return [];
    }
    const properties = settled(readProperty(props, "properties")) as Value;
    if (!isRecord(properties)) {
        return [];
    }
    return assigns ? assignedDefinitionApps(properties, "properties.") : providerPolicyApps(properties, "properties.");
}

const APPLICATION_DEFINITION_TYPE: TemplateHolderType = "microsoft.solutions/applicationdefinitions";

/** A generic policy definition's writes to client-certificate fields, its rule under `properties`. */
function policyWrites(props: Record<string, any>): App[] {
    const properties = readProperty(props, "properties");
    return isRecord(properties) ? policyRuleWrites(properties, "properties.") : [];
}

/** The inputs that make the resource's URL, in its order: `providers/{namespace}/{parent}/{type}/{name}`. */
const PATH_INPUTS = ["resourceProviderNamespace", "parentResourcePath", "resourceType", "resourceName"];

/** Where the path's inputs are named in messages. */
const PATH_PROPERTY = "resourceProviderNamespace, parentResourcePath, resourceType and resourceName";

/** What a path the policy cannot route must become. */
const PATH_REQUIRED =
    "a path that names one resource: the namespace, then type and name segments in turn " +
    '(e.g. resourceProviderNamespace "Microsoft.Web", parentResourcePath "sites/app", resourceType "slots", resourceName "staging")';

/**
 * Splits the URL into segments. Empty segments mean nothing (the provider sends an empty `parentResourcePath` as
 * `//`, which ARM accepts); `\` counts as `/` too.
 */
const SEPARATOR = /\/|\\/;

/** How many times a path is decoded before a remaining escape counts as unverifiable. */
const MAX_DECODINGS = 4;

/**
 * The generic azure-native `resources:Resource` when it declares a site or slot, or a template that deploys one.
 * Its four path inputs are one URL, `providers/{resourceProviderNamespace}/{parentResourcePath}/{resourceType}/
 * {resourceName}`, sent as given: the resource is what ARM routes that URL to, whichever input holds a segment
 * (`resourceType: "sites/app/slots"` with `resourceName: "staging"`, `resourceName: "app/slots/staging"`...).
 * A site or slot keeps its settings in `properties`, sent to Azure as it is; a deployment, deployment stack or
 * template spec version is checked like those routes, its template under `properties`. Keys inside `properties` are
 * read in any letter case, as ARM reads them; the resource's own inputs by their exact names, as the provider reads them. A path input unknown at preview makes the resource unknown: the engine reports that the
 * policy could not run, and `pulumi up` decides. A path that ARM cannot route to one resource but that names a site
 * or a template type is reported, never passed. Any other resource is not an app. Report-only: `properties` is a
 * free-form bag.
 */
export const genericResource: ResourceFamily = {
    propertyNames: {
        enabled: `properties.${SITE_SETTINGS.enabled}`,
        mode: `properties.${SITE_SETTINGS.mode}`,
        exclusionPaths: `properties.${SITE_SETTINGS.exclusionPaths}`,
    },
    defaults: AZURE_DEFAULTS,
    siteSettings: ARM_TEMPLATE_PLACES,
    settingsLocation: "in the resource's properties in your program",
    noAppsReason: `not an App Service site or slot, nor a template that deploys one (the resource path: ${PATH_PROPERTY})`,
    apps(props, run) {
        // Azure's read state names the ARM type in `type`, without the inputs that make the path.
        const readType = readStateArmType(props);
        const route =
            readType !== ""
                ? { segments: [], along: [readType], type: readType }
                : routeOf(PATH_INPUTS.map(input => pathInput(props, input)));
        if (route instanceof Unverifiable) {
            return [pathProblem(route)];
        }
        if (route.type === undefined) {
            return route.along.some(isSiteOrTemplateType) ? [pathProblem(malformed(route.segments))] : [];
        }
        // A read state has no path, so a site's child resource is not told apart in it by its name.
        const name = route.segments.length > 0 ? route.segments[route.segments.length - 1] : undefined;
        return armResourceApps(route.type, props, run, name === undefined ? undefined : { name, bodyPath: "" }) ?? [];
    },
};

/** A resource as its route names it: its own name (the last segment of its path), and where its body is. */
export interface NamedBody {
    /** `web`, `ftp`: a site's child resource is told apart by it. */
    name: string;
    /** The body's property path as the user finds it, as a prefix: `""` for the generic Resource, `body.` for AzAPI. */
    bodyPath: string;
    /** Why a top-level member of the body given in another letter case cannot be verified: the generic Resource's by default. */
    otherCase?: OtherCase;
}

/**
 * The apps of one ARM resource, given its full type (lower case, `microsoft.web/sites`) and an object holding its
 * request body's `properties` and `kind`: the site or slot itself, or what a template route's resource deploys; or
 * its writes to the site it names, for a site's child resource (`sites/config` `web`, named as `resource` says).
 * Undefined when the type is none of those. Shared by every route that names an ARM type directly (the generic
 * Resource, the AzAPI provider's resource). A policy assignment holds no app, only the custom definition it may
 * apply (see families/policyAssignment.ts).
 */
export function armResourceApps(
    type: string,
    body: Record<string, any>,
    run: RunBudget | undefined,
    resource?: NamedBody,
): Found[] | undefined {
    const otherCase = resource?.otherCase ?? inputInOtherCase;
    const templateInputs = TEMPLATE_TYPES.get(type);
    const assignment = assignedDefinitions(type, body);
    if (templateInputs !== undefined) {
        return [
            ...templateApps(templateInputs(body), run),
            ...(POLICY_DEFINITION_TYPES.has(type) ? policyWrites(body) : []),
            ...assignment,
        ];
    }
    if (POLICY_ASSIGNING_TYPES.has(type)) {
        return assignment;
    }
    if (resource !== undefined && isSiteChildType(type)) {
        return [siteChildWrite(type, ownInput(body, "properties", otherCase), resource)];
    }
    return SITE_TYPES.has(type) ? [siteApp(body, otherCase)] : undefined;
}

/**
 * A site's child resource written on its own (the site is another resource's, or already in Azure): its body's
 * `properties` hold the settings, where a template's child holds them.
 */
export function siteChildWrite(type: string, properties: Value, { name, bodyPath }: NamedBody): UndeclaredSiteWrite {
    return undeclaredSiteWrite({
        type,
        ownName: name,
        shownPath: path => `${bodyPath}${path}`,
        valueAt: path => valueBelow(properties, path),
    });
}

/**
 * The resource id a generic Resource's inputs make, `/resourceGroups/{resourceGroupName}/providers/{URL}` (its
 * subscription is its provider's, which the inputs do not say), for matching it with other resources of a stack.
 * Undefined when an input is not text; unknown at preview throws the engine's error.
 */
export function genericResourceId(props: Record<string, any>): string | undefined {
    const inputs = ["resourceGroupName", ...PATH_INPUTS].map(input => pathInput(props, input));
    if (inputs.some(input => input instanceof Unverifiable)) {
        return undefined;
    }
    const [group, ...path] = inputs as string[];
    return `/resourceGroups/${group}/providers/${path.join("/")}`;
}

/** Where a generic resource's URL, or a resource id, leads. */
export interface Route {
    /** Its segments after `providers/`, `.` and `..` resolved. */
    segments: string[];
    /** The full type (lower case, `microsoft.web/sites/slots`) of each resource along the path, outermost first. */
    along: string[];
    /** The full type of the resource the URL names; undefined when it does not name one. */
    type?: string;
}

/**
 * The resource an ARM URL `providers/...` names, routed as ARM routes a resource id: a namespace, then type and
 * name segments in turn; a `providers` segment where a type is due starts an extension resource's namespace.
 * `.` and `..` segments are resolved first.
 * A path that ends before a name (or a namespace) names no resource.
 */
function routeOf(inputs: (string | Unverifiable)[]): Route | Unverifiable {
    const problem = inputs.find((input): input is Unverifiable => input instanceof Unverifiable);
    if (problem !== undefined) {
        return problem;
    }
    const segments = pathSegments((inputs as string[]).join("/"));
    return segments instanceof Unverifiable ? segments : routeSegments(segments);
}

/**
 * Where a full ARM resource id leads (`/subscriptions/{id}/resourceGroups/{group}/providers/...`, at any scope),
 * decoded and routed as the generic resource's URL is: from its first `providers` segment. An id with none names a
 * scope (a subscription, a resource group), no provider's resource: its type is undefined.
 */
export function routeOfId(id: string): Route | Unverifiable {
    const segments = pathSegments(id);
    if (segments instanceof Unverifiable) {
        return segments;
    }
    const start = segments.findIndex(segment => foldCase(segment) === "providers");
    return start < 0 ? { segments, along: [] } : routeSegments(segments.slice(start + 1));
}

/** A path's segments, percent-escapes decoded, empty segments dropped and dot segments resolved. */
function pathSegments(path: string): string[] | Unverifiable {
    const decodedPath = decoded(path);
    if (decodedPath instanceof Unverifiable) {
        return decodedPath;
    }
    return withoutDotSegments(decodedPath.split(SEPARATOR).filter(segment => segment.length > 0));
}

/** The route of segments after `providers/`. */
function routeSegments(segments: string[]): Route {
    const along: string[] = [];
    let type: string | undefined;
    let namespaceDue = true;
    let named = false;
    for (let i = 0; i < segments.length; i++) {
        const segment = foldCase(segments[i]);
        if (namespaceDue) {
            type = segment;
            namespaceDue = false;
            named = false;
        } else if (segment === "providers") {
            namespaceDue = true;
        } else {
            type = `${type}/${segment}`;
            along.push(type);
            named = i + 1 < segments.length;
            i++; // the name
        }
    }
    return { segments, along, type: named && !namespaceDue ? type : undefined };
}

/**
 * The path as a server may route it: the provider percent-encodes path inputs, and the path may be decoded once or
 * more before it is routed, so `%2F` and `%5C` count as separators, `%2E` as a dot and `%73` as `s`, at any depth
 * of encoding (`%252F`). Decoding never hides a site: a path that only reads as one once decoded names a type Azure
 * refuses otherwise.
 */
function decoded(path: string): string | Unverifiable {
    // A run of percent-escapes, decoded together so that multi-byte UTF-8 characters come out whole. A global
    // pattern keeps where it last matched (lastIndex): each decoding has its own.
    const percentEscapes = /(%[0-9a-f]{2})+/gi;
    let current = path;
    for (let i = 0; i < MAX_DECODINGS; i++) {
        const next = current.replace(percentEscapes, decodedEscapes);
        if (next === current) {
            return current;
        }
        current = next;
    }
    return /%[0-9a-f]{2}/i.test(current)
        ? new Unverifiable(
              `they make the path ${describeValue(`providers/${path}`)}, percent-encoded more than ${MAX_DECODINGS} times`,
              PATH_REQUIRED,
          )
        : current;
}

/** One run of escapes as UTF-8 text, or byte by byte when it is not UTF-8. */
function decodedEscapes(run: string): string {
    try {
        return decodeURIComponent(run);
    } catch {
        return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
}

/**
 * The segments with `.` and `..` resolved, as a server normalising the URL would resolve them (as names they mean
 * nothing to ARM). A `..` that climbs above `providers/` leaves the resource group: unverifiable.
 */
function withoutDotSegments(segments: string[]): string[] | Unverifiable {
    const resolved: string[] = [];
    for (const segment of segments) {
        if (segment === "..") {
            if (resolved.pop() === undefined) {
                return new Unverifiable(
                    `they make the path ${describeValue(`providers/${segments.join("/")}`)}, whose ".." climbs above providers/`,
                    PATH_REQUIRED,
                );
            }
        } else if (segment !== ".") {
            resolved.push(segment);
        }
    }
    return resolved;
}

/**
 * One path input as text: absent is empty. Unknown at preview throws the engine's error (the resource is unknown);
 * anything but text cannot be routed.
 */
function pathInput(props: Record<string, any>, input: string): string | Unverifiable {
    const value = settled(ownInput(props, input));
    if (value === undefined || value === null) {
        return "";
    }
    if (value instanceof Unverifiable) {
        return new Unverifiable(`${input}: ${value.reason}`, PATH_REQUIRED);
    }
    return typeof value === "string"
        ? value
        : new Unverifiable(`${input} is ${describeValue(value as Value)}, not text`, PATH_REQUIRED);
}

function malformed(segments: string[]): Unverifiable {
    return new Unverifiable(
        `they make the path ${describeValue(`providers/${segments.join("/")}`)}, which names an App Service ` +
            "site or a template deployment but no single resource, so what Azure does with it cannot be known",
        PATH_REQUIRED,
    );
}

/** A resource path the policy cannot route, as an app whose settings cannot be verified. */
function pathProblem(problem: Unverifiable): App {
    return {
        propertyNames: { enabled: PATH_PROPERTY, mode: PATH_PROPERTY },
        settings: { enabled: () => problem, mode: () => undefined },
        kind: () => undefined,
        ...unreadableSite(problem, PATH_PROPERTY),
    };
}

/** The baseline settings of a site whose request cannot be read: each one cannot be verified, shown at `path`. */
export function unreadableSite(
    problem: Unverifiable | Unknown,
    path: string,
): Pick<App, "evaluatedSite" | "siteSettings"> {
    return {
        evaluatedSite: { valueAt: () => settled(problem), shownPath: () => path, childWrites: () => [] },
        siteSettings: REQUEST_BODY_PLACES,
    };
}

/** Why a member given only in another letter case (`given`) than the one a route reads (`name`) cannot be verified. */
export type OtherCase = (given: string, name: string) => Unverifiable;

/** The generic Resource's provider reads its inputs by their exact names: `Properties` may never reach Azure. */
const inputInOtherCase: OtherCase = (given, input) =>
    new Unverifiable(
        `it is given as ${JSON.stringify(given)}, and the provider sends only an input named ${JSON.stringify(input)}`,
        `the input spelt ${JSON.stringify(input)}`,
    );

/**
 * One of the resource's own inputs (or the top-level members of a body, as `otherCase` says). A member given only
 * in another letter case (`Properties`, `ParentResourcePath`) is unverifiable, never read in place of the one the
 * route sends. Inside `properties`, which Azure reads, keys match in any case.
 */
function ownInput(props: Record<string, any>, input: string, otherCase: OtherCase = inputInOtherCase): Value {
    const value = readProperty(props, input);
    if (value === undefined || Object.prototype.hasOwnProperty.call(props, input)) {
        return value;
    }
    const given = Object.keys(props).find(key => foldCase(key) === foldCase(input)) ?? input;
    return otherCase(given, input);
}

/**
 * A site's request body read at the baseline settings' paths (`properties.siteConfig.ftpsState`, `identity`): its
 * own members (`properties`, `identity`) as `bodyMember` reads them (the generic Resource's inputs by their exact
 * names, as its provider sends them), keys inside them in any letter case, as ARM reads them. Each member is read
 * once. An unset member is undefined; a member on the way that is no object cannot be verified; unknown at preview
 * throws the engine's error. `shownPrefix` is where the body is among the resource's inputs (`body.` for AzAPI).
 */
export function requestSite(bodyMember: (name: string) => Value, shownPrefix = ""): EvaluatedSite {
    const members = new Map<string, Value>();
    return {
        valueAt(path) {
            const [first, ...rest] = path.split(".");
            if (!members.has(first)) {
                members.set(first, bodyMember(first));
            }
            let value = members.get(first);
            let at = first;
            for (const key of rest) {
                if (value === undefined || value === null || isProblem(value)) {
                    break;
                }
                if (!isRecord(value)) {
                    return new Unverifiable(`${shownPrefix}${at} is ${describeValue(value)}, not an object`);
                }
                value = member(value, key);
                at = `${at}.${key}`;
            }
            // An object setting (identity) is judged by its members: one unknown at preview leaves it to the update.
            const unknown = isRecord(value) ? Object.values(value).find(v => v instanceof Unknown) : undefined;
            return settled(unknown ?? value ?? undefined);
        },
        shownPath: path => `${shownPrefix}${path}`,
        childWrites: () => [],
    };
}

/** A generic Resource's request body: its own inputs `properties` and `identity`, as its provider sends them. */
export function genericRequestSite(props: Record<string, any>): EvaluatedSite {
    return requestSite(name => ownInput(props, name));
}

/**
 * The site or slot the resource itself is: its settings in `properties`, read once for every rule. A stack policy
 * reads Azure's answer for a deployed site the same way (its `properties` and `kind`).
 */
export function siteApp(props: Record<string, any>, otherCase: OtherCase = inputInOtherCase): App {
    const site = requestSite(name => ownInput(props, name, otherCase));
    const setting = (name: string) => () => site.valueAt(`properties.${name}`);
    return {
        settings: {
            enabled: setting(SITE_SETTINGS.enabled),
            mode: setting(SITE_SETTINGS.mode),
            exclusionPaths: setting(SITE_SETTINGS.exclusionPaths),
        },
        kind: () => settled(ownInput(props, "kind", otherCase)),
        evaluatedSite: site,
        siteSettings: REQUEST_BODY_PLACES,
    };
}
