// The generic azure-native `resources:Resource` and the AzAPI resources of a stack, as a stack policy sees them:
// the App Service site or slot each declares, or the child resource of one it writes (a publishing-credentials
// policy, an authentication config), so that the stack policies match them with apps as they match azure-native's
// typed resources (siteAddress.ts). Which resource each is comes from its `id` once Azure has answered, else from the
// inputs that make its id (the generic Resource's path inputs, AzAPI's `resourceId` or `parentId`, `type` and
// `name`). At preview, azure-native gives a generic Resource no `id`, `type` nor path inputs: such a resource may be
// any site or child, and what it decides is left to the update.
import type { PolicyResource } from "@pulumi/policy";
import { foldCase } from "../arm/caseFolding";
import { EvaluatedSite } from "../baseline/siteSettings";
import { azapiRequestSite, azapiWrittenId } from "../families/azapi";
import { coveredTypeOf } from "../families/coveredTypes";
import { genericRequestSite, genericResourceId, routeOfId } from "../families/genericResource";
import { UnknownValueError } from "../sdkInternals";
import { addressOfNames, read, SiteAddress } from "./siteAddress";

const GENERIC = "azure-native:resources:Resource";
/** The AzAPI resources that write a resource whole (a site they create) or merge into one (a child's setting). */
const AZAPI_RESOURCE = "azapi:index/resource:Resource";
const AZAPI_UPDATE = "azapi:index/updateResource:UpdateResource";

/** What a generic Resource or AzAPI resource of the stack is to the stack policies. */
export type RequestResource =
    /** A site or slot it declares (created whole: an AzAPI update of one is judged where the site is declared). */
    | { readonly site: SiteAddress; readonly slot: boolean }
    /** A child resource of a site or slot it writes: `collection` and the address's `child` in lower case. */
    | { readonly child: SiteAddress; readonly slot: boolean; readonly collection: string; readonly body: EvaluatedSite }
    /** Which resource it is cannot be known until the update: it may be any site or child. */
    | { readonly unknown: UnknownValueError };

/** What `resource` is, when it is a generic Resource or AzAPI resource that declares a site or writes a child of one. */
export function requestResourceOf(resource: PolicyResource): RequestResource | undefined {
    const type = coveredTypeOf(resource.type);
    if (type !== GENERIC && type !== AZAPI_RESOURCE && type !== AZAPI_UPDATE) {
        return undefined;
    }
    const output = read(() => resource.props.id as unknown);
    let id: string | undefined;
    if ("value" in output && typeof output.value === "string" && output.value !== "") {
        id = output.value;
    } else {
        const inputs = read(() =>
            type === GENERIC
                ? resource.props.resourceProviderNamespace === undefined
                    ? undefined
                    : genericResourceId(resource.props)
                : azapiWrittenId(resource.props),
        );
        if ("unknown" in inputs) {
            return { unknown: inputs.unknown };
        }
        if (inputs.value === undefined && "unknown" in output) {
            return { unknown: output.unknown }; // azure-native's preview: neither the id nor the inputs that make it
        }
        id = inputs.value;
    }
    return id === undefined ? undefined : fromId(resource, type, id);
}

/** The site, slot or child an id names; undefined for anything else. */
function fromId(resource: PolicyResource, type: string, id: string): RequestResource | undefined {
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
        // An update merges into a site declared elsewhere, judged there.
        return type === AZAPI_UPDATE ? undefined : { site: addressOfNames(resource, names), slot: slot !== undefined };
    }
    if (below.length !== 2) {
        return undefined;
    }
    const [collection, child] = below;
    return {
        child: addressOfNames(resource, { ...names, child }),
        slot: slot !== undefined,
        collection: foldCase(collection),
        body: type === GENERIC ? genericRequestSite(resource.props) : azapiRequestSite(resource.props),
    };
}
