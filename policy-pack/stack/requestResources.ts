// The generic azure-native `resources:Resource` and the AzAPI resources of a stack, as a stack policy sees them:
// the App Service site or slot each declares, or the child resource of one it writes (a publishing-credentials
// policy, an authentication config), so that the stack policies match them with apps as they match azure-native's
// typed resources (siteAddress.ts). Which resource each is comes from its `id` once Azure has answered, else from the
// inputs that make its id (the generic Resource's path inputs, AzAPI's `resourceId` or `parentId`, `type` and
// `name`, a resource action's `resourceId` and `action`, a data-plane write's URL). At preview, azure-native gives a
// generic Resource no `id`, `type` nor path inputs: such a resource may be any site or child, and what it decides is
// left to the update.
import type { PolicyResource } from "@pulumi/policy";
import { foldCase } from "../arm/caseFolding";
import { EvaluatedSite } from "../baseline/siteSettings";
import { azapiActionWrite, azapiDataPlaneWrite, AzapiWrite, azapiRequestSite, azapiWrittenId } from "../families/azapi";
import { coveredTypeOf } from "../families/coveredTypes";
import { genericRequestSite, genericResourceId, routeOfId } from "../families/genericResource";
import { UnknownValueError } from "../sdkInternals";
import { addressOfNames, read, SiteAddress } from "./siteAddress";

const GENERIC = "azure-native:resources:Resource";
/** The AzAPI resources that write a resource whole (a site they create) or merge into one (a child's setting). */
const AZAPI_RESOURCE = "azapi:index/resource:Resource";
const AZAPI_UPDATE = "azapi:index/updateResource:UpdateResource";
/** The AzAPI resources whose method says which: a `PUT` writes whole, a `PATCH` merges. */
const AZAPI_ACTION = "azapi:index/resourceAction:ResourceAction";
const AZAPI_DATA_PLANE = "azapi:index/dataPlaneResource:DataPlaneResource";

/** What a generic Resource or AzAPI resource of the stack is to the stack policies. */
export type RequestResource =
    /**
     * A site or slot it declares (written whole: a merge into one is judged where the site is declared). `answer` is
     * set when its outputs are Azure's answer rather than its request (a generic Resource after the update): the
     * settings Azure keeps on the site's `config` resources are not in it.
     */
    | { readonly site: SiteAddress; readonly slot: boolean; readonly answer?: true }
    /** A child resource of a site or slot it writes: `collection` and the address's `child` in lower case. */
    | { readonly child: SiteAddress; readonly slot: boolean; readonly collection: string; readonly body: EvaluatedSite }
    /** Which resource it is cannot be known until the update: it may be any site or child. */
    | { readonly unknown: UnknownValueError };

/** What `resource` is, when it is a generic Resource or AzAPI resource that declares a site or writes a child of one. */
export function requestResourceOf(resource: PolicyResource): RequestResource | undefined {
    const type = coveredTypeOf(resource.type);
    const writeOf = type === undefined ? undefined : WRITES[type];
    if (writeOf === undefined) {
        return undefined;
    }
    // An action or a data-plane write says how it writes by its inputs; the others by their type.
    const how = type === AZAPI_ACTION || type === AZAPI_DATA_PLANE ? read(() => writeOf(resource.props)) : undefined;
    if (how !== undefined && "unknown" in how) {
        return { unknown: how.unknown };
    }
    const merges = how === undefined ? type === AZAPI_UPDATE : how.value?.write === "merge";
    const output = read(() => resource.props.id as unknown);
    let id: string | undefined;
    let answer = false;
    if (how !== undefined) {
        id = how.value?.id; // its id output is the action's own, not the resource it writes
    } else if ("value" in output && typeof output.value === "string" && output.value !== "") {
        id = output.value;
        const namespace = read(() => resource.props.resourceProviderNamespace as unknown);
        answer = type === GENERIC && "value" in namespace && namespace.value === undefined;
    } else {
        const inputs = read(() => writeOf(resource.props)?.id);
        if ("unknown" in inputs) {
            return { unknown: inputs.unknown };
        }
        if (inputs.value === undefined && "unknown" in output) {
            return { unknown: output.unknown }; // azure-native's preview: neither the id nor the inputs that make it
        }
        id = inputs.value;
    }
    return id === undefined ? undefined : fromId(resource, type === GENERIC, merges, answer, id);
}

/** How each type's inputs say which resource it writes (its id) and how. */
const WRITES: Readonly<Record<string, (props: Record<string, any>) => AzapiWrite | undefined>> = {
    [GENERIC]: props => {
        const id = props.resourceProviderNamespace === undefined ? undefined : genericResourceId(props);
        return id === undefined ? undefined : { id, write: "replace" };
    },
    [AZAPI_RESOURCE]: props => written(azapiWrittenId(props), "replace"),
    [AZAPI_UPDATE]: props => written(azapiWrittenId(props), "merge"),
    [AZAPI_ACTION]: azapiActionWrite,
    [AZAPI_DATA_PLANE]: azapiDataPlaneWrite,
};

const written = (id: string | undefined, write: AzapiWrite["write"]): AzapiWrite | undefined =>
    id === undefined ? undefined : { id, write };

/** The site, slot or child an id names; undefined for anything else. */
function fromId(
    resource: PolicyResource,
    generic: boolean,
    merges: boolean,
    answer: boolean,
    id: string,
): RequestResource | undefined {
    const route = routeOfId(id);
    if (!("segments" in route) || route.type === undefined) {
        return undefined;
    }
    const [namespace, sites, site, ...rest] = route.segments;
    if (foldCase(namespace) !== "microsoft.web" || foldCase(sites) !== "sites") {
        return undefined;
    }
    const slot = rest.length >= 2 && foldCase(rest[0]) === "slots" ? rest[1] : undefined;
    const below = slot === undefined ? rest : rest.slice(2);
    const scope = id.slice(0, id.search(/\/providers\//i));
    const names = {
        subscription: /\/subscriptions\/([^/]+)/i.exec(scope)?.[1],
        resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(scope)?.[1] ?? "",
        site,
        slot,
    };
    if (names.resourceGroup === "") {
        return undefined;
    }
    if (below.length === 0) {
        // A merge into a site declared elsewhere is judged there.
        return merges
            ? undefined
            : { site: addressOfNames(resource, names), slot: slot !== undefined, ...(answer ? { answer } : {}) };
    }
    if (below.length !== 2) {
        return undefined;
    }
    const [collection, child] = below;
    return {
        child: addressOfNames(resource, { ...names, child }),
        slot: slot !== undefined,
        collection: foldCase(collection),
        body: generic ? genericRequestSite(resource.props) : azapiRequestSite(resource.props),
    };
}
