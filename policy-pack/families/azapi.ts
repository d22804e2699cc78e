import { RunBudget } from "../arm/budget";
// The Terraform AzAPI provider, which Pulumi programs use through the Terraform bridge (`pulumi package add
// terraform-provider Azure/azapi`): any ARM type in `type` (`Microsoft.Web/sites@2024-04-01`), the request body in
// `body` (an object, or JSON text in AzAPI 1.x) with `sensitiveBody` merged over it, sent to ARM as it is. Every
// resource of the provider that writes to ARM is here; azapiProvider.ts lists them all, with the reason for the rest.
import { settled } from "./armTemplate";
import { App, Found, isAssignedDefinition, isUndeclaredSiteWrite, ResourceFamily } from "./family";
import {
    armResourceApps,
    NamedBody,
    requestSite,
    Route,
    routeOfId,
    siteChildWrite,
    unreadableSite,
} from "./genericResource";
import { isSiteChildType } from "./undeclaredSites";
import { ARM_TEMPLATE_PLACES, MERGED_REQUEST_PLACES, REQUEST_BODY_PATHS } from "./siteSettingPlaces";
import { EvaluatedSite } from "../baseline/siteSettings";
import { UnknownValueError } from "../sdkInternals";
import {
    DATA_PLANE_CUSTOMIZED_WRITES,
    DATA_PLANE_SERVICE_HOSTS,
    DATA_PLANE_URL_FORMATS,
    RESOURCE_MANAGER_HOSTS,
} from "./azapiProvider";
import { AZURE_DEFAULTS, Setting } from "../rule/clientCertificates";
import { foldCase } from "../arm/caseFolding";
import { sameValue } from "../arm/equality";
import { readProperty } from "../arm/inputCopy";
import { member } from "../arm/members";
import { describeValue } from "../arm/shownValue";
import { ValueCache } from "../arm/valueCache";
import { isProblem, isRecord, ObjectValue, setMember, Unknown, Unverifiable, Value } from "../arm/values";
import { jsonObject } from "../arm/jsonText";
import { SITE_SETTINGS } from "../arm/templateSite";
import {
    DEPLOYMENT_TYPE,
    isSiteOrTemplateType,
    POLICY_ASSIGNING_TYPES,
    SITE_TYPES,
    TEMPLATE_HOLDERS,
} from "../armTypes";

const propertyNames = {
    enabled: `body.properties.${SITE_SETTINGS.enabled}`,
    mode: `body.properties.${SITE_SETTINGS.mode}`,
    exclusionPaths: `body.properties.${SITE_SETTINGS.exclusionPaths}`,
};

const settingsLocation = "in the resource's body (or sensitiveBody, which is merged over it)";

/** How messages name a path inside the request body: `body.properties.minTlsVersion`. */
const BODY_PATH = "body.";

/**
 * `azapi:index/resource:Resource`: creates or replaces, with the whole request body, the resource whose id the
 * provider builds from `parentId`, `type` and `name` (see {@link providerResourceId}), routed as ARM routes that id:
 * a `name` holding `/` segments names another resource than `type` says.
 */
export const azapiResource: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    siteSettings: ARM_TEMPLATE_PLACES,
    settingsLocation,
    noAppsReason:
        "not an App Service site or slot, nor a template that deploys one (the resource id parentId, type and name make)",
    apps(props, run, provider) {
        const target = targetOf(props, undefined, undefined, () => defaultNameOf(provider));
        if (target instanceof Unverifiable) {
            return [problemApp(target, BUILT_ID_INPUTS)];
        }
        return target === undefined
            ? []
            : requestApps(props, request => replacingApps(target.type, request, run, namedBody(props, target.name)));
    },
};

/**
 * `azapi:index/updateResource:UpdateResource`: reads the existing resource, merges the body into it and writes it
 * back. A site or slot keeps a setting its body does not name (checked where that resource is declared); one it
 * names must comply. A deployment is deployed again with the body's template: checked as a deployment, a parameter
 * the body does not give keeping the existing deployment's value, which the policy cannot read.
 */
export const azapiUpdateResource: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    siteSettings: ARM_TEMPLATE_PLACES,
    settingsLocation,
    noAppsReason:
        "changes no client-certificate or baseline setting of an App Service site or slot, nor a template (type and body)",
    apps(props, run) {
        const target = targetOf(props, "resourceId");
        if (target instanceof Unverifiable) {
            return [problemApp(target, `resourceId (or ${BUILT_ID_INPUTS})`)];
        }
        return target === undefined
            ? []
            : requestApps(props, request =>
                  mergingApps(target.type, request, "update", run, namedBody(props, target.name)),
              );
    },
};

/**
 * `azapi:index/resourceAction:ResourceAction`: one request, `method` (POST by default) to `resourceId` followed by
 * `action`. ARM writes a resource with PUT (the body replaces it: checked as `azapi:index/resource:Resource` is)
 * and PATCH (the body is merged into it: checked as an update is); the other methods read it, delete it or run
 * one of its actions, which set no client-certificate setting. Checked whether it runs at apply or at destroy.
 */
export const azapiResourceAction: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    siteSettings: ARM_TEMPLATE_PLACES,
    settingsLocation,
    noAppsReason:
        "writes no App Service site or slot, nor a template (method and the resource resourceId and action name)",
    apps(props, run) {
        const method = settled(readProperty(props, "method")) ?? DEFAULT_ACTION_METHOD;
        if (typeof method !== "string") {
            return [problemApp(new Unverifiable(`method is ${describeValue(method as Value)}, not text`), "method")];
        }
        const write = WRITE_METHODS[method.toUpperCase()];
        if (write === undefined) {
            return [];
        }
        const target = targetOf(props, "resourceId", "action");
        if (target instanceof Unverifiable) {
            return [problemApp(target, "resourceId and action")];
        }
        if (target === undefined) {
            return [];
        }
        return requestApps(props, request =>
            write === "replace"
                ? replacingApps(target.type, request, run, namedBody(props, target.name))
                : mergingApps(target.type, request, "patch", run, namedBody(props, target.name)),
        );
    },
};

/**
 * `azapi:index/dataPlaneResource:DataPlaneResource`: writes to a service's data plane, at `https://` followed by its
 * type's URL format with `parentId` and `name` put in (azapiProvider.ts). The client sends a request for a host it
 * does not recognise as a data-plane service with a resource manager token, so a `parentId` on Azure Resource
 * Manager's host writes an ARM resource: its URL is routed as ARM routes an id and checked as the resource that
 * writes it. A host of the provider's data-plane services is not ARM; any other host may be (a custom cloud's
 * resource manager, a proxy), which cannot be known: unverifiable.
 */
export const azapiDataPlaneResource: ResourceFamily = {
    propertyNames,
    defaults: AZURE_DEFAULTS,
    siteSettings: ARM_TEMPLATE_PLACES,
    settingsLocation,
    noAppsReason:
        "writes a data-plane service's host, not an App Service site or slot through Azure Resource Manager (parentId)",
    apps(props, run) {
        const target = dataPlaneTarget(props);
        if (target instanceof Unverifiable) {
            return [problemApp(target, BUILT_ID_INPUTS)];
        }
        if (target === undefined) {
            return [];
        }
        const { type, name, write } = target;
        return requestApps(props, request =>
            write === "replace"
                ? replacingApps(type, request, run, namedBody(props, name))
                : mergingApps(type, request, "patch", run, namedBody(props, name)),
        );
    },
};

/**
 * The ARM resource a data-plane request writes, and how, when its host is Azure Resource Manager; undefined when
 * it writes none (a data-plane service's host, a POST, no request at all); unverifiable when that cannot be known.
 */
function dataPlaneTarget(
    props: Record<string, any>,
): (ArmTarget & { id: string; write: "replace" | "merge" }) | Unverifiable | undefined {
    const [typeInput, parentId, nameInput] = ["type", "parentId", "name"].map(input => textInput(props, input));
    const problem = [typeInput, parentId, nameInput].find((v): v is Unverifiable => v instanceof Unverifiable);
    if (problem !== undefined) {
        return problem;
    }
    if (typeInput === undefined || parentId === undefined) {
        return undefined; // both required: the provider sends nothing
    }
    const host = requestHost(parentId as string);
    if (host instanceof Unverifiable || host === "") {
        return host === "" ? undefined : host; // no host: the request fails
    }
    if (DATA_PLANE_SERVICE_HOSTS.some(service => host === service || host.endsWith(`.${service}`))) {
        return undefined;
    }
    if (!RESOURCE_MANAGER_HOSTS.includes(host)) {
        return new Unverifiable(
            `parentId ${describeValue(parentId as string)} sends the request to ${describeValue(host)}, which is not ` +
                "the host of a data-plane service the provider knows: the provider sends it a resource manager " +
                "token, and whether it is Azure Resource Manager (a custom cloud's, a proxy) cannot be known",
            `parentId on the host of the type's data-plane service (a subdomain of ${DATA_PLANE_SERVICE_HOSTS.join(", ")})`,
        );
    }
    const type = foldCase((typeInput as string).split("@")[0]);
    const format = DATA_PLANE_URL_FORMATS.get(type);
    if (format === undefined) {
        return new Unverifiable(
            `it sends the request to Azure Resource Manager (${host}) at the URL of type ${describeValue(type)}, ` +
                "which the policy does not know",
            "parentId on the host of the type's data-plane service",
        );
    }
    const url = dataPlaneUrl(format, parentId as string, ((nameInput as string | undefined) ?? "").trim());
    const write = DATA_PLANE_CUSTOMIZED_WRITES.get(type) ?? "replace";
    if (url === undefined || write === "none") {
        return undefined;
    }
    const sent = requestPath(url);
    const id = sent.slice(sent.search(/\/|$/));
    const target = targetOfUrl(id, BUILT_ID_INPUTS);
    return target === undefined || target instanceof Unverifiable ? target : { ...target, id, write };
}

/**
 * The URL the provider makes from a type's format (parse.NewDataPlaneResourceId): each `/`-separated part
 * `{parentId}` or `{name}` replaced, `{name=default}` requiring that name, `{name}` inside a part replaced there.
 * Undefined when the provider refuses the name. Without `https://`.
 */
function dataPlaneUrl(format: string, parentId: string, name: string): string | undefined {
    const parts = format.split("/").map(part => {
        if (part === "{parentId}") {
            return parentId;
        }
        if (part.startsWith("{name=")) {
            const required = part.slice(6, -1);
            return foldCase(name) === foldCase(required) ? required : undefined;
        }
        return part.split("{name}").join(name);
    });
    return parts.includes(undefined) ? undefined : parts.join("/");
}

/**
 * The host a request to `https://{parentId}/...` goes to, as Go's URL parser reads it: the authority ends at the
 * first `#`, `?` or `/`; user information ends at its last `@`; a port is dropped; percent-escapes are decoded;
 * letter case and a trailing dot do not change the host. Unverifiable when the escapes cannot be decoded.
 */
function requestHost(parentId: string): string | Unverifiable {
    const authority = requestPath(parentId).split("/")[0];
    const hostAndPort = authority.slice(authority.lastIndexOf("@") + 1);
    const host = hostAndPort.startsWith("[") ? hostAndPort : hostAndPort.replace(/:\d*$/, "");
    try {
        return decodeURIComponent(host).toLowerCase().replace(/\.+$/, "");
    } catch {
        return new Unverifiable(`parentId's host ${describeValue(host)} cannot be decoded`, "a host name in parentId");
    }
}

/** The action's method when `method` is not set, as the provider's schema declares it. */
export const DEFAULT_ACTION_METHOD = "POST";

/** The methods by which ARM writes a resource, as the provider accepts them, and what each does to it. */
export const WRITE_METHODS: { readonly [method: string]: "replace" | "merge" } = { PUT: "replace", PATCH: "merge" };

/**
 * The ARM type of the resource a request writes: the one `idInput` names (with the `action` path after it) when it
 * is given, else the one the provider builds from `parentId`, `type` and `name`, routed as ARM routes an id.
 * Undefined when that is no site nor template type, or when the provider sends no request; unverifiable when the id
 * names one only along its path, or cannot be read.
 */
function targetOf(
    props: Record<string, any>,
    idInput?: string,
    actionInput?: string,
    unnamed: () => string | Unverifiable | undefined = () => undefined,
): ArmTarget | Unverifiable | undefined {
    const id = idInput === undefined ? undefined : settled(readProperty(props, idInput));
    if (idInput === undefined || id === undefined || id === null) {
        const built = providerResourceId(props, unnamed);
        return typeof built === "string" ? targetOfUrl(built, BUILT_ID_INPUTS) : built;
    }
    const action = actionInput === undefined ? undefined : settled(readProperty(props, actionInput));
    if (typeof id !== "string" || (action != null && typeof action !== "string")) {
        return new Unverifiable(`${idInput} or ${actionInput} is not text`, ID_REQUIRED);
    }
    return targetOfUrl(action ? `${id}/${action}` : id, idInput);
}

/** The resource a request writes: its ARM type (lower case) and its own name, the last segment of its id. */
interface ArmTarget {
    type: string;
    name: string;
}

/**
 * The ARM type of the resource a request URL's path names, routed as ARM routes an id (see {@link requestPath}).
 * Undefined when that is no site nor template type; unverifiable when the path names one only along its way, or
 * cannot be read. `inputs` names what made the path, for messages.
 */
function targetOfUrl(url: string, inputs: string): ArmTarget | Unverifiable | undefined {
    const route: Route | Unverifiable = routeOfId(requestPath(url));
    if (route instanceof Unverifiable) {
        return new Unverifiable(`${inputs}: ${route.reason}`, ID_REQUIRED);
    }
    if (route.type !== undefined) {
        return isSiteOrTemplateType(route.type) || isSiteChildType(route.type)
            ? { type: route.type, name: route.segments[route.segments.length - 1] }
            : undefined;
    }
    return route.along.some(isSiteOrTemplateType)
        ? new Unverifiable(
              `${inputs} make ${describeValue(url)}, which names an App Service site or a template resource ` +
                  "along its path but no single resource, so what ARM writes cannot be known",
              ID_REQUIRED,
          )
        : undefined;
}

/**
 * The path a request for `url` carries: Go's URL parser, which the provider's clients use, ends it at the first `#`
 * (a fragment, never sent) and then at the first `?` (the query), wherever they come from.
 */
function requestPath(url: string): string {
    return url.split("#")[0].split("?")[0];
}

const ID_REQUIRED =
    "the id of one resource, /subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}";

const BUILT_ID_INPUTS = "parentId, type and name";

/** A resource input that must be text; absent is undefined; unknown at preview throws the engine's error. */
function textInput(props: Record<string, any>, input: string): string | Unverifiable | undefined {
    const value = settled(readProperty(props, input));
    if (value === undefined || value === null || typeof value === "string") {
        return value ?? undefined;
    }
    return new Unverifiable(`${input} is ${describeValue(value as Value)}, not text`, ID_REQUIRED);
}

/**
 * The resource id the provider builds from `parentId`, `type` and `name` (internal/services/parse/resource.go,
 * newResourceID): `{parentId}/providers/{type}/{name}` for a top-level type, `{parentId}/{last type segment}/{name}`
 * for a child type, and its own shapes for a namespace alone and the Microsoft.Resources scopes, compared in the
 * letter case the provider compares them. Neither is checked: `name` may hold `/` segments. With no `name`, the name
 * is what `unnamed` gives (the provider's `default_name` for `azapi_resource`; undefined where the provider refuses a
 * resource without one). Undefined when the provider sends no request (no type, no name, or no parentId where it
 * requires one).
 */
function providerResourceId(
    props: Record<string, any>,
    unnamed: () => string | Unverifiable | undefined,
): string | Unverifiable | undefined {
    const [typeInput, parentInput, nameInput] = ["type", "parentId", "name"].map(input => textInput(props, input));
    const name = nameInput === undefined && typeInput !== undefined ? unnamed() : nameInput;
    const problem = [typeInput, parentInput, name].find((v): v is Unverifiable => v instanceof Unverifiable);
    if (problem !== undefined) {
        return problem;
    }
    if (typeInput === undefined) {
        return undefined;
    }
    const type = (typeInput as string).split("@")[0];
    // With no parentId the provider puts a resource group in the provider's subscription, and refuses any other type.
    const parentId =
        parentInput ??
        (foldCase(type) === foldCase(RESOURCE_GROUP_TYPE) ? "/subscriptions/{provider's subscription}" : undefined);
    if (parentId === undefined) {
        return undefined;
    }
    if (name === undefined) {
        return undefined;
    }
    const scope = parentId === "/" ? "" : parentId;
    const segments = type.split("/");
    if (segments.length === 1) {
        return `${scope}/providers/${name}`;
    }
    if (segments.length > 2) {
        return `${parentId}/${segments[segments.length - 1]}/${name}`;
    }
    switch (type) {
        case RESOURCE_GROUP_TYPE:
            return `${parentId}/resourceGroups/${name}`;
        case "Microsoft.Resources/subscriptions":
            return `/subscriptions/${name}`;
        case "Microsoft.Resources/tenants":
            return "/";
        case "Microsoft.Resources/providers":
            return `${scope}/providers/${name}`;
        default:
            return `${scope}/providers/${type}/${name}`;
    }
}

const RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

/**
 * The id of the resource an AzAPI resource or update writes, for matching it with other resources of a stack:
 * `resourceId` when given, else the id the provider builds from `parentId`, `type` and `name`. Undefined when it
 * cannot be read (the provider's default name, an input that is not text); unknown at preview throws the engine's
 * error.
 */
export function azapiWrittenId(props: Record<string, any>): string | undefined {
    const id = textInput(props, "resourceId");
    const written = id ?? providerResourceId(props, () => undefined);
    return typeof written === "string" ? written : undefined;
}

/** The ARM resource an AzAPI resource action or data-plane write sends its request to, and whether it replaces it. */
export interface AzapiWrite {
    readonly id: string;
    readonly write: "replace" | "merge";
}

/**
 * The resource a `resourceAction` writes, as its resource policy routes it: `resourceId` (with `action` after it)
 * with `PUT` or `PATCH`; undefined for any other method, or inputs that are not text. Unknown at preview throws the
 * engine's error.
 */
export function azapiActionWrite(props: Record<string, any>): AzapiWrite | undefined {
    const method = settled(readProperty(props, "method")) ?? DEFAULT_ACTION_METHOD;
    const write = typeof method === "string" ? WRITE_METHODS[method.toUpperCase()] : undefined;
    const [id, action] = [textInput(props, "resourceId"), textInput(props, "action")];
    if (write === undefined || typeof id !== "string" || action instanceof Unverifiable) {
        return undefined;
    }
    return { id: requestPath(action ? `${id}/${action}` : id), write };
}

/**
 * The ARM resource a `dataPlaneResource` writes, as its resource policy routes it: one whose URL reaches Azure
 * Resource Manager; undefined for a data-plane service's, or one that cannot be known. Unknown at preview throws.
 */
export function azapiDataPlaneWrite(props: Record<string, any>): AzapiWrite | undefined {
    const target = dataPlaneTarget(props);
    return target === undefined || target instanceof Unverifiable ? undefined : { id: target.id, write: target.write };
}

/**
 * The name `azapi_resource` takes when `name` is not set: the provider's `default_name`, used whole
 * (internal/services/azapi_resource.go, nameWithDefaultNaming), so it makes the id as a `name` would, `/` segments
 * included. Undefined when the provider has none: it then refuses the resource ("Missing required argument") and
 * sends no request. Unverifiable when the engine gives the policy no provider inputs to read it from (a name holding
 * `/` segments may point the request at any resource); unknown at preview throws the engine's error.
 */
function defaultNameOf(provider: Record<string, any> | undefined): string | Unverifiable | undefined {
    if (provider === undefined) {
        return new Unverifiable(
            "name is not set, so the provider names the resource after its default_name setting, and the policy was " +
                "given no inputs of the resource's provider to read it from; the name decides which resource the " +
                "request writes, since one holding / segments points it at another",
            "name set on the resource",
        );
    }
    const name = settled(readProperty(provider, DEFAULT_NAME_INPUT));
    if (name === undefined || name === null || name === "") {
        return undefined;
    }
    return typeof name === "string"
        ? name
        : new Unverifiable(
              `name is not set, and the provider's ${DEFAULT_NAME_INPUT}, which names the resource instead, is ${describeValue(name as Value)}, not text`,
              "name set on the resource",
          );
}

/** The provider's `default_name`, as the Terraform bridge names it among the provider's inputs. */
const DEFAULT_NAME_INPUT = "defaultName";

/**
 * The resource a request writes, named `name`, with its body under `body`. AzAPI checks the body's keys against the
 * schema of the API its `type` names by their exact spelling (internal/azure/types/object_type.go), unless
 * `schemaValidationEnabled` is false; Azure reads keys in any letter case. So a top-level member given in another
 * case than that API declares is refused or applied: unverifiable, never read in place of the declared one.
 */
function namedBody(props: Record<string, any>, name: string): NamedBody {
    const type = readProperty(props, "type");
    const api = typeof type === "string" ? `type ${JSON.stringify(type)}` : "the API of its type";
    return {
        name,
        bodyPath: BODY_PATH,
        otherCase: (given, member) =>
            new Unverifiable(
                `body gives it as ${JSON.stringify(given)}, where ${api} declares ${JSON.stringify(member)}: ` +
                    "AzAPI's schema validation refuses that spelling unless schemaValidationEnabled is false, and " +
                    "then Azure, which reads keys in any letter case, may apply it",
                `body's member spelt ${JSON.stringify(member)}`,
            ),
    };
}

/**
 * A write that replaces the resource: a site with no setting in the request gets Azure's defaults. A site's child
 * resource (named `name`) writes the settings its request names, to a site declared elsewhere.
 */
function replacingApps(type: string, request: Value, run: RunBudget | undefined, named?: NamedBody): Found[] {
    if (request === undefined || request === null) {
        return inBody(armResourceApps(type, {}, run, named) ?? []); // no body: Azure's defaults
    }
    if (!isRecord(request)) {
        if (named !== undefined && isSiteChildType(type)) {
            return [siteChildWrite(type, unreadableBodyProblem(request), named)];
        }
        return armResourceApps(type, {}, run) === undefined ? [] : [unreadableBody(request)];
    }
    return inBody(armResourceApps(type, request, run, named) ?? []);
}

/** The apps of a request with the site it is shown under `body`, where the user writes it. */
function inBody(apps: Found[]): Found[] {
    return apps.map(app => {
        const site =
            isAssignedDefinition(app) || isUndeclaredSiteWrite(app) || app.location !== undefined
                ? undefined
                : app.evaluatedSite;
        return site === undefined
            ? app
            : { ...app, evaluatedSite: { ...site, shownPath: path => `body.${site.shownPath(path)}` } };
    });
}

/**
 * A write merged into the existing resource (`update` reads it and writes it back; `patch` is ARM's merge). A site
 * keeps what the request does not name. A deployment is deployed again (update only: ARM does not patch one).
 * A policy assignment assigns the definition the request names, or keeps its own, judged where it was declared.
 * Any other template holder merges the request into a template the policy cannot read.
 */
function mergingApps(
    type: string,
    request: Value,
    how: "update" | "patch",
    run: RunBudget | undefined,
    named?: NamedBody,
): Found[] {
    if (isSiteChildType(type)) {
        return replacingApps(type, request, run, named); // what the request names is written either way
    }
    if (SITE_TYPES.has(type)) {
        return siteChanges(request);
    }
    if (POLICY_ASSIGNING_TYPES.has(type) && !TEMPLATE_HOLDERS.has(type)) {
        return isRecord(request) ? (armResourceApps(type, request, run) ?? []) : [];
    }
    if (!isSiteOrTemplateType(type)) {
        return [];
    }
    if (type === DEPLOYMENT_TYPE && how === "update") {
        return deploymentUpdate(request, run);
    }
    const properties = isRecord(request) ? member(request, "properties") : request;
    if (properties === undefined || properties === null) {
        return [];
    }
    return [
        problemApp(
            new Unverifiable(
                `it merges body.properties into the existing ${type} resource, whose template the policy cannot read`,
                "the resource declared whole (azapi:index/resource:Resource, or the provider's typed resource)",
            ),
            "body.properties",
        ),
    ];
}

/**
 * The settings a write merged into a site names: the client-certificate settings and the baseline settings; a
 * setting it does not name keeps its value (checked where the site is declared).
 */
function siteChanges(request: Value): App[] {
    if (!isRecord(request)) {
        return request === undefined || request === null ? [] : [unreadableBody(request)];
    }
    const properties = member(request, "properties");
    if (!isRecord(properties) && properties !== undefined && properties !== null) {
        return [unreadableBody(properties)];
    }
    const site = requestSite(name => member(request, name), "body.");
    const named = isRecord(properties)
        ? (Object.keys(SITE_SETTINGS) as Setting[]).filter(
              setting => member(properties, SITE_SETTINGS[setting]) !== undefined,
          )
        : [];
    if (named.length === 0 && !REQUEST_BODY_PATHS.some(path => namesPath(site, path))) {
        return [];
    }
    // What the request does not name stays as it is: read here as the value the rule requires.
    const unchanged: { [S in Setting]: unknown } = { enabled: true, mode: "Required", exclusionPaths: undefined };
    const setting = (name: Setting) => () =>
        named.includes(name) ? settled(member(properties as ObjectValue, SITE_SETTINGS[name])) : unchanged[name];
    return [
        {
            settings: { enabled: setting("enabled"), mode: setting("mode"), exclusionPaths: setting("exclusionPaths") },
            kind: () => settled(member(request, "kind")),
            evaluatedSite: site,
            siteSettings: MERGED_REQUEST_PLACES,
        },
    ];
}

/** Whether a request names a value at `path` (one unknown at preview counts, for the update to decide). */
function namesPath(site: EvaluatedSite, path: string): boolean {
    try {
        return site.valueAt(path) !== undefined;
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return true;
        }
        throw e;
    }
}

/**
 * An existing deployment written back with the request merged in: ARM deploys the request's template (ARM never
 * returns a deployment's template, so nothing of the old one is merged into it) with the existing deployment's
 * parameter values where the request gives none. With no template in the request, ARM deploys the template the
 * existing deployment links to, which the policy cannot read.
 */
function deploymentUpdate(request: Value, run: RunBudget | undefined): Found[] {
    const properties = isRecord(request) ? member(request, "properties") : request;
    const template = isRecord(properties)
        ? jsonObject(member(properties, "template"), "body.properties.template")
        : undefined;
    if (!isRecord(properties) || template === undefined || template === null) {
        return [
            problemApp(
                new Unverifiable(
                    "it deploys the existing deployment again, with the template that deployment links to, which the policy cannot read",
                    "the template in body.properties.template",
                ),
                "body.properties.template",
            ),
        ];
    }
    if (!isRecord(template)) {
        return replacingApps(DEPLOYMENT_TYPE, request, run);
    }
    const given = member(properties, "parameters");
    const declared = member(template, "parameters");
    const parameters: ObjectValue = isRecord(given) ? { ...given } : {};
    if (isRecord(declared) && (given === undefined || isRecord(given))) {
        // The names given so far, folded as `member` folds them: one lookup per declared parameter, however many.
        const named = new Set(Object.keys(parameters).map(foldCase));
        for (const name of Object.keys(declared)) {
            const folded = foldCase(name);
            if (!named.has(folded)) {
                named.add(folded);
                setMember(
                    parameters,
                    name,
                    new Unverifiable(
                        `parameter '${name}' keeps the existing deployment's value, which the policy cannot read`,
                        `a value for '${name}' in body.properties.parameters`,
                    ),
                );
            }
        }
    }
    const withTemplate = replaced(
        replaced(properties, "template", template),
        "parameters",
        isRecord(given) || given === undefined ? parameters : given,
    );
    return replacingApps(DEPLOYMENT_TYPE, replaced(request as ObjectValue, "properties", withTemplate), run);
}

/** A copy of `record` with `value` as its member `name`, in place of the members of that name in any letter case. */
function replaced(record: ObjectValue, name: string, value: Value): ObjectValue {
    const copy: ObjectValue = {};
    for (const key of Object.keys(record)) {
        if (foldCase(key) !== foldCase(name)) {
            setMember(copy, key, record[key]);
        }
    }
    setMember(copy, name, value);
    return copy;
}

/**
 * The apps of the request a resource sends: `body` with `sensitiveBody` merged over it as the provider merges them.
 * `sensitiveBody` is write-only in the provider; the engine hands it to the pack like any input (a secret in
 * clear), so it is read as the body is; unknown at preview, it throws the engine's error like the body.
 * With `sensitiveBodyVersion`, only the paths it lists are sent, and only when their version changes: the request
 * with them and the request without them must both comply, and a setting that differs between the two cannot be
 * verified. `ignoreBodyChanges` paths are not sent once the resource exists: a setting under one cannot be verified.
 */
function requestApps(props: Record<string, any>, appsOf: (request: Value) => Found[]): Found[] {
    const body = bodyInput(props, "body");
    const sensitive = bodyInput(props, "sensitiveBody");
    if (sensitive === undefined || sensitive === null) {
        return ignoringChanges(props, appsOf(body));
    }
    if (!isRecord(sensitive)) {
        return [problemApp(new Unverifiable("sensitiveBody is not an object or its JSON text"), "sensitiveBody")];
    }
    const identities = listIdentities(props);
    const versions = settled(readProperty(props, "sensitiveBodyVersion"));
    if (versions === undefined || versions === null) {
        return ignoringChanges(props, appsOf(mergedBody(body, sensitive, identities)));
    }
    if (!isRecord(versions)) {
        return [problemApp(new Unverifiable("sensitiveBodyVersion is not a map of paths"), "sensitiveBodyVersion")];
    }
    const sent = onlyPaths(sensitive, new Set(Object.keys(versions)), "");
    const merged = sent === undefined ? body : mergedBody(body, sent, identities);
    if (sameValue(merged, body, new ValueCache()) === true) {
        return ignoringChanges(props, appsOf(body));
    }
    return ignoringChanges(props, eitherRequest(appsOf(merged), appsOf(body)));
}

/**
 * The request an AzAPI resource sends, read at the baseline settings' paths as {@link requestApps} reads it, for a
 * stack policy: `body` with `sensitiveBody` merged over it; with `sensitiveBodyVersion`, a value that differs
 * between the two requests cannot be verified; a value under a path `ignoreBodyChanges` lists cannot either, since
 * once the resource exists a change there is not sent (as for a write to a site the resource does not declare, a
 * path left unset stays unset). Read on demand; unknown at preview throws the engine's error.
 */
export function azapiRequestSite(props: Record<string, any>): EvaluatedSite {
    let read: EvaluatedSite | undefined;
    const site = (): EvaluatedSite => {
        if (read !== undefined) {
            return read;
        }
        const body = bodyInput(props, "body");
        const sensitive = bodyInput(props, "sensitiveBody");
        const plain = requestSite(name => (isRecord(body) ? member(body, name) : undefined), "body.");
        if (!isRecord(sensitive)) {
            return (read = plain);
        }
        const merged = requestSite(name => {
            const request = mergedBody(body, sensitive, listIdentities(props));
            return isRecord(request) ? member(request, name) : undefined;
        }, "body.");
        const versions = settled(readProperty(props, "sensitiveBodyVersion"));
        if (versions === undefined || versions === null) {
            return (read = merged);
        }
        return (read = {
            ...merged,
            valueAt: path => {
                const [sent, unsent] = [merged.valueAt(path), plain.valueAt(path)];
                return sameValue(sent as Value, unsent as Value, new ValueCache()) === true
                    ? sent
                    : new Unverifiable("sensitiveBody sends it only when sensitiveBodyVersion changes");
            },
        });
    };
    const valueAt = (path: string) => {
        const value = site().valueAt(path);
        return value !== undefined && value !== null && ignoredBodyChanges(props)?.(foldCase(path))
            ? ignoredChange(path)
            : value;
    };
    return { valueAt, shownPath: path => `body.${path}`, childWrites: () => [] };
}

/** `body` or `sensitiveBody`: an object, or JSON text; unknown at preview throws the engine's error. */
function bodyInput(props: Record<string, any>, input: string): Value {
    const value = jsonObject(readProperty(props, input), input);
    if (value instanceof Unknown) {
        throw value.error;
    }
    return value;
}

/** `listUniqueIdProperty`: the key that identifies the items of the list at each path (`name` elsewhere). */
function listIdentities(props: Record<string, any>): ReadonlyMap<string, string> {
    const given = settled(readProperty(props, "listUniqueIdProperty"));
    return new Map(
        isRecord(given)
            ? Object.entries(given).filter((entry): entry is [string, string] => typeof entry[1] === "string")
            : [],
    );
}

/**
 * `next` merged over `current` as the provider merges a request (utils.MergeObjectWithOption): objects key by key
 * (keys compared exactly), `next` winning and a null in it removing the value; lists of the same length item by
 * item, or by the identity key of their items (`name`, or `listUniqueIdProperty`'s key for their path), keeping
 * `current`'s unmatched items first; any other value replaced.
 */
export function mergedBody(
    current: Value,
    next: Value,
    identities: ReadonlyMap<string, string> = new Map(),
    path = "",
): Value {
    if (next === undefined || next === null) {
        return null;
    }
    if (isRecord(current) && isRecord(next)) {
        const result: ObjectValue = {};
        for (const key of Object.keys(current)) {
            const nested = path === "" ? key : `${path}.${key}`;
            setMember(
                result,
                key,
                Object.prototype.hasOwnProperty.call(next, key)
                    ? mergedBody(current[key], next[key], identities, nested)
                    : current[key],
            );
        }
        for (const key of Object.keys(next)) {
            if (result[key] === undefined || result[key] === null) {
                setMember(result, key, next[key]);
            }
        }
        return result;
    }
    if (Array.isArray(current) && Array.isArray(next) && !isProblem(current) && !isProblem(next)) {
        if (current.length === 0 || next.length === 0) {
            return next;
        }
        const key = identities.get(path)?.trim() || "name";
        const identity = (item: Value) => {
            const value = isRecord(item) ? item[key] : undefined;
            return typeof value === "string" && value !== "" ? value : undefined;
        };
        if (identity(current[0]) === undefined || identity(next[0]) === undefined) {
            return current.length === next.length
                ? current.map((item, i) => mergedBody(item, next[i], identities, path))
                : next;
        }
        const used = new Set<number>();
        const result = current.map(item => {
            const found = next.findIndex(
                (candidate, i) =>
                    !used.has(i) && identity(candidate) === identity(item) && identity(item) !== undefined,
            );
            if (found < 0) {
                return item;
            }
            used.add(found);
            return mergedBody(item, next[found], identities, path);
        });
        return [...result, ...next.filter((_, i) => !used.has(i))];
    }
    return next;
}

/** The parts of `value` at the listed dotted paths (the provider's FilterFields); undefined when none is there. */
function onlyPaths(value: Value, paths: ReadonlySet<string>, prefix: string): Value {
    if (!isRecord(value)) {
        return undefined;
    }
    const kept: ObjectValue = {};
    let any = false;
    for (const key of Object.keys(value)) {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        const part = paths.has(path) ? value[key] : onlyPaths(value[key], paths, path);
        if (part !== undefined) {
            setMember(kept, key, part);
            any = true;
        }
    }
    return any ? kept : undefined;
}

/**
 * The apps of two requests either of which may be sent: one app each (a site) is judged setting by setting, a
 * setting they disagree on being unverifiable; templates are judged in both.
 */
function eitherRequest(first: Found[], second: Found[]): Found[] {
    const [x, y] = [first[0], second[0]];
    if (
        first.length !== 1 ||
        second.length !== 1 ||
        isAssignedDefinition(x) ||
        isAssignedDefinition(y) ||
        isUndeclaredSiteWrite(x) ||
        isUndeclaredSiteWrite(y) ||
        x.location !== undefined
    ) {
        return [...first, ...second];
    }
    const [a, b] = [x.settings, y.settings];
    const either = (read: (app: App) => unknown) => {
        const [sensitive, plain] = [read(x), read(y)];
        return sameValue(sensitive as Value, plain as Value, new ValueCache()) === true
            ? sensitive
            : new Unverifiable(
                  `it is ${describeValue(plain as Value)} in body and ${describeValue(sensitive as Value)} in sensitiveBody, ` +
                      "which is sent only when sensitiveBodyVersion changes",
                  "the same value in body and sensitiveBody, or the setting in one of them only without sensitiveBodyVersion",
              );
    };
    const setting = (name: Setting) => () => either(app => (app === x ? a : b)[name]?.());
    const site = x.evaluatedSite;
    return [
        {
            settings: { enabled: setting("enabled"), mode: setting("mode"), exclusionPaths: setting("exclusionPaths") },
            kind: x.kind,
            ...(site === undefined
                ? {}
                : {
                      evaluatedSite: { ...site, valueAt: path => either(app => app.evaluatedSite?.valueAt(path)) },
                      siteSettings: x.siteSettings,
                  }),
        },
    ];
}

/**
 * The apps with the settings under a path `ignoreBodyChanges` lists made unverifiable: once the resource exists, a
 * change there is not sent, so Azure keeps the value it had.
 */
function ignoringChanges(props: Record<string, any>, apps: Found[]): Found[] {
    const covers = ignoredBodyChanges(props);
    if (covers === undefined || apps.length === 0) {
        return apps;
    }
    return apps.map(app => {
        if (isAssignedDefinition(app)) {
            return app; // not judged on the assignment, whichever definition Azure keeps
        }
        if (isUndeclaredSiteWrite(app)) {
            return {
                location: app.location,
                writeOf: setting => {
                    const write = app.writeOf(setting);
                    if (write === undefined) {
                        return undefined;
                    }
                    const inBody = write.path.slice(BODY_PATH.length); // as ignoreBodyChanges lists it
                    return covers(foldCase(inBody))
                        ? { ...write, read: () => (write.read() === undefined ? undefined : ignoredChange(inBody)) }
                        : write;
                },
            };
        }
        if (app.location !== undefined) {
            const site = app.evaluatedSite;
            return covers("properties")
                ? {
                      ...app,
                      settings: ignoredSettings(app, "the template"),
                      ...(site === undefined
                          ? {}
                          : {
                                evaluatedSite: {
                                    ...site,
                                    valueAt: () => ignoredChange("the template"),
                                    childWrites: place =>
                                        site.childWrites(place).map(write => ({
                                            ...write,
                                            read: () => ignoredChange("the template"),
                                        })),
                                },
                            }),
                  }
                : app;
        }
        const setting = (name: Setting) =>
            covers(foldCase(`properties.${SITE_SETTINGS[name]}`))
                ? () => ignoredChange(`properties.${SITE_SETTINGS[name]}`)
                : app.settings[name];
        const site = app.evaluatedSite;
        return {
            ...app,
            settings: { enabled: setting("enabled"), mode: setting("mode"), exclusionPaths: setting("exclusionPaths") },
            ...(site === undefined
                ? {}
                : {
                      evaluatedSite: {
                          ...site,
                          valueAt: path => (covers(foldCase(path)) ? ignoredChange(path) : site.valueAt(path)),
                      },
                  }),
        };
    });
}

/**
 * Whether `ignoreBodyChanges` lists a path of the body (folded) or a path above it; undefined when it lists none. An
 * entry that is not text may be any path. Unknown at preview throws the engine's error.
 */
function ignoredBodyChanges(props: Record<string, any>): ((bodyPath: string) => boolean) | undefined {
    const ignored = settled(readProperty(props, "ignoreBodyChanges"));
    if (ignored === undefined || ignored === null) {
        return undefined;
    }
    const paths = Array.isArray(ignored) ? ignored : [ignored];
    return bodyPath =>
        paths.some(path => {
            if (typeof path !== "string") {
                return true;
            }
            const folded = foldCase(path);
            return folded === bodyPath || bodyPath.startsWith(`${folded}.`);
        });
}

function ignoredSettings(app: App, what: string): App["settings"] {
    return { enabled: () => ignoredChange(what), mode: app.settings.mode, exclusionPaths: app.settings.exclusionPaths };
}

function ignoredChange(what: string): Unverifiable {
    return new Unverifiable(
        `ignoreBodyChanges lists ${what}: once the resource exists a change there is not sent, so Azure keeps the value it had`,
        `ignoreBodyChanges without ${what}`,
    );
}

/** A site whose body cannot be read: its settings cannot be verified. */
function unreadableBody(body: Value): App {
    return problemApp(unreadableBodyProblem(body));
}

function unreadableBodyProblem(body: Value): Unverifiable | Unknown {
    return isProblem(body) ? body : new Unverifiable(`body is ${describeValue(body)}, not an object or its JSON text`);
}

/** An app whose settings cannot be verified, for a request the policy cannot read; `property` is what to fix. */
function problemApp(problem: Unverifiable | Unknown, property?: string): App {
    return {
        ...(property === undefined ? {} : { propertyNames: { enabled: property, mode: property } }),
        settings: { enabled: () => settled(problem), mode: () => undefined },
        kind: () => undefined,
        ...unreadableSite(problem, property ?? "body"),
    };
}
