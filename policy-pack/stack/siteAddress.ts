// Which App Service site (or slot) a resource of the stack is, or writes a child resource of, as far as a stack
// policy can tell. Settings that azure-native keeps on separate resources (the publishing-credentials policies, the
// authentication settings) are judged by matching each such write with the apps of the stack; this module is that
// match, for every stack policy that needs it.
//
// A stack policy is given each resource's outputs, not its inputs (pulumi/pulumi, pkg/resource/deploy/
// step_generator.go, AnalyzeResources: "AnalyzeStack is called on the final outputs of each resource"). What those
// say depends on when the policy runs:
// - after the update (and for resources the preview leaves unchanged), azure-native's outputs are Azure's response:
//   `id` is the ARM id, `name` is the resource's own name (a publishing policy's is `ftp` or `scm`, a slot's
//   `site/slot`), and the inputs `resourceGroupName` and `slot` are not there. The id says it all.
// - at preview, azure-native answers with its outputs built from the inputs (PreviewOutputs in pulumi-azure-native's
//   provider/pkg/convert): an output named as an input takes its value, so `name` is the site's name; `id` is
//   unknown; `resourceGroupName` and `slot`, inputs only, are absent. A provider that does not preview (the
//   repository's stand-in) is given its inputs back by the engine, `resourceGroupName` and `slot` included.
// So the id decides when it is known, and the inputs (`resourceGroupName`, `name`, `slot`) otherwise; an input that
// is absent while the id is unknown is as undecided as an unknown one.
import type { PolicyResource } from "@pulumi/policy";
import { foldCase } from "../arm/caseFolding";
import { coveredTypeOf } from "../families/coveredTypes";
import { UnknownValueError } from "../sdkInternals";

/** A value read from a resource's properties: known, or unknown at preview. */
export type Read<T> = { value: T } | { unknown: UnknownValueError };

export function read<T>(get: () => T): Read<T> {
    try {
        return { value: get() };
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return { unknown: e };
        }
        throw e;
    }
}

/** One name of an address: known (folded as Azure compares names), unknown at preview, or one that names nothing. */
type NameValue = { known: string } | { unknown: UnknownValueError } | { namesNothing: true };

interface AddressName {
    value: NameValue;
    /** The stack's resources the input was computed from (the engine's property dependencies); none when read from the id. */
    from: readonly PolicyResource[];
}

/** Where a site, a slot, or a child resource of one, is: its subscription when an id says it, group, site and slot. */
export interface SiteAddress {
    readonly resource: PolicyResource;
    readonly subscription?: string;
    readonly resourceGroup: AddressName;
    readonly site: AddressName;
    /** Present for a slot, and for a child resource of a slot. */
    readonly slot?: AddressName;
    /** A child resource's last id segment (`ftp`, `scm`, `authsettingsv2`), when its id is known. */
    readonly child?: string;
}

/** azure-native's site type: every other app type of the stack's apps is a slot, whose site is one of these. */
const SITE_TYPE = "azure-native:web:WebApp";
const SLOT_TYPE = "azure-native:web:WebAppSlot";

/**
 * An id of a site, a slot, or a child resource of either (`{collection}/{name}` after them), in the shape Azure
 * returns it. Not a general id parser: anything else is undefined, and the inputs are read instead.
 */
const SITE_ID =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)(?:\/slots\/([^/]+))?(?:\/([^/]+)\/([^/]+))?$/i;

const known = (name: string): AddressName => ({ value: { known: foldCase(name) }, from: [] });

/**
 * The address a resource states. `slot` says whether its type addresses a slot; `child` the id segment that holds
 * the child resource (`basicPublishingCredentialsPolicies`, `config`), absent for the site or slot itself.
 */
export function addressOf(resource: PolicyResource, slot: boolean, child?: string): SiteAddress {
    const id = read(() => resource.props.id as unknown);
    if ("value" in id && typeof id.value === "string") {
        const parts = SITE_ID.exec(id.value);
        const [, subscription, group, site, slotName, collection, name] = parts ?? [];
        if (
            parts !== null &&
            (slotName !== undefined) === slot &&
            (child === undefined
                ? collection === undefined
                : collection !== undefined && foldCase(collection) === foldCase(child))
        ) {
            return {
                resource,
                subscription: foldCase(subscription),
                resourceGroup: known(group),
                site: known(site),
                slot: slot ? known(slotName) : undefined,
                child: name === undefined ? undefined : foldCase(name),
            };
        }
    }
    const idUnknown = "unknown" in id ? id.unknown : undefined;
    const input = (key: string): AddressName => {
        const found = read(() => resource.props[key] as unknown);
        const from = resource.propertyDependencies?.[key] ?? [];
        if ("unknown" in found) {
            return { value: found, from };
        }
        if (typeof found.value === "string" && found.value !== "") {
            return { value: { known: foldCase(found.value) }, from };
        }
        // Absent while the id is unknown: azure-native's preview, which has no such output; decided at the update.
        return {
            value: found.value === undefined && idUnknown ? { unknown: idUnknown } : { namesNothing: true },
            from,
        };
    };
    return {
        resource,
        resourceGroup: input("resourceGroupName"),
        site: input("name"),
        slot: slot ? input("slot") : undefined,
    };
}

/** The names an id states, for an address: the subscription when the id says it, and the child's own name. */
export interface IdNames {
    subscription?: string;
    resourceGroup: string;
    site: string;
    slot?: string;
    child?: string;
}

/** The address a resource's id states (a generic Resource's, an AzAPI resource's), every name known. */
export function addressOfNames(resource: PolicyResource, names: IdNames): SiteAddress {
    return {
        resource,
        subscription: names.subscription === undefined ? undefined : foldCase(names.subscription),
        resourceGroup: known(names.resourceGroup),
        site: known(names.site),
        slot: names.slot === undefined ? undefined : known(names.slot),
        child: names.child === undefined ? undefined : foldCase(names.child),
    };
}

/** The address of a resource whose names are unknown at preview: it may be any app's, or none. */
export function unknownAddress(resource: PolicyResource, slot: boolean, unknown: UnknownValueError): SiteAddress {
    const name: AddressName = { value: { unknown }, from: [] };
    return { resource, resourceGroup: name, site: name, slot: slot ? name : undefined };
}

/** Whether a write is certainly for an app, could still be (unknown at preview: the error says what), or is not. */
export type Match = { certain: true } | { possible: UnknownValueError } | { none: true };

type NameMatch = "same" | "other" | UnknownValueError;

const ofType = (resources: readonly PolicyResource[], type: string) =>
    resources.filter(r => coveredTypeOf(r.type) === type).map(r => r.urn);

/** The sites an app's site name comes from: the site itself, or for a slot the site its `name` input is taken from. */
function siteSources(app: SiteAddress): string[] {
    return coveredTypeOf(app.resource.type) === SITE_TYPE ? [app.resource.urn] : ofType(app.site.from, SITE_TYPE);
}

function compareValues(write: NameValue, app: NameValue): NameMatch | undefined {
    if ("known" in write && "known" in app) {
        return write.known === app.known ? "same" : "other";
    }
    if ("namesNothing" in write || "namesNothing" in app) {
        return "other";
    }
    return undefined;
}

const unknownOf = (write: NameValue, app: NameValue) =>
    "unknown" in app ? app.unknown : (write as { unknown: UnknownValueError }).unknown;

/**
 * The site's name: known values decide; else an input taken from the app's own site is the same, and one taken from
 * another site of the stack is another (azure-native creates each site once, so two site resources are two sites).
 */
function siteMatch(write: AddressName, app: SiteAddress): NameMatch {
    const byValue = compareValues(write.value, app.site.value);
    if (byValue !== undefined) {
        return byValue;
    }
    const ours = siteSources(app);
    const theirs = ofType(write.from, SITE_TYPE);
    if (theirs.some(urn => ours.includes(urn))) {
        return "same";
    }
    return theirs.length > 0 && ours.length > 0 ? "other" : unknownOf(write.value, app.site.value);
}

/**
 * The resource group: known values decide; else an input taken from the app (or its site) is the app's, and so is
 * one taken from exactly the resources the app's own is taken from (both `rg.name`).
 */
function resourceGroupMatch(write: AddressName, app: SiteAddress): NameMatch {
    const byValue = compareValues(write.value, app.resourceGroup.value);
    if (byValue !== undefined) {
        return byValue;
    }
    const theirs = write.from.map(r => r.urn);
    const ours = app.resourceGroup.from.map(r => r.urn);
    const sameSources = ours.length > 0 && ours.length === theirs.length && ours.every(urn => theirs.includes(urn));
    if (sameSources || [app.resource.urn, ...siteSources(app)].some(urn => theirs.includes(urn))) {
        return "same";
    }
    return unknownOf(write.value, app.resourceGroup.value);
}

/** The slot's name: known values decide; else one taken from this slot is its own, one taken from another slot is not. */
function slotMatch(write: AddressName, app: SiteAddress & { slot: AddressName }): NameMatch {
    const byValue = compareValues(write.value, app.slot.value);
    if (byValue !== undefined) {
        return byValue;
    }
    const theirs = ofType(write.from, SLOT_TYPE);
    if (theirs.includes(app.resource.urn)) {
        return "same";
    }
    return theirs.length > 0 ? "other" : unknownOf(write.value, app.slot.value);
}

/** Whether the resource at `write` writes to the app at `app` (both slots, or both not). */
export function matchOf(write: SiteAddress, app: SiteAddress): Match {
    if (write.subscription !== undefined && app.subscription !== undefined && write.subscription !== app.subscription) {
        return { none: true };
    }
    const names = [resourceGroupMatch(write.resourceGroup, app), siteMatch(write.site, app)];
    if (write.slot !== undefined && app.slot !== undefined) {
        names.push(slotMatch(write.slot, { ...app, slot: app.slot }));
    }
    if (names.includes("other")) {
        return { none: true };
    }
    const unknown = names.find((name): name is UnknownValueError => name instanceof UnknownValueError);
    return unknown === undefined ? { certain: true } : { possible: unknown };
}

/** The app's names for messages, `rg/app` or `rg/app/slot`, when all are known. */
export function shownAddress(app: SiteAddress): string | undefined {
    const names = [app.resourceGroup, app.site, ...(app.slot ? [app.slot] : [])].map(n => n.value);
    return names.every(n => "known" in n) ? names.map(n => (n as { known: string }).known).join("/") : undefined;
}
