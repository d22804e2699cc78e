// Site settings azure-native keeps on resources of their own (a site's publishing-credentials policies, its
// authentication settings): a stack policy judges the value each app ends up with, from the writes of the whole
// stack matched to the app (siteAddress.ts). Each such stack policy says which types write its setting and what
// complies; this module is the judgement they share.
import type { PolicyResource } from "@pulumi/policy";
import { decideApplicability } from "../applicability";
import { BaselineRule } from "../baseline/rule";
import { BaselinePolicyConfig, readBaselineConfig } from "../config";
import { coveredTypeOf } from "../families/coveredTypes";
import { UnknownValueError } from "../sdkInternals";
import { currentRequest } from "../server/requestContext";
import { requestResourceOf } from "./requestResources";
import { addressOf, matchOf, read, Read, SiteAddress, unknownAddress } from "./siteAddress";

/** A stack policy's config is its rule's: the run's in the pack's server, the rule's own when called directly. */
export function stackPolicyConfig(rule: BaselineRule, getConfig: () => Record<string, unknown>): BaselinePolicyConfig {
    return currentRequest()?.run.config.baseline[rule.name] ?? readBaselineConfig(rule, getConfig());
}

/** The azure-native app types whose such settings live apart: a slot or not. */
const APP_TYPES: Readonly<Record<string, boolean>> = {
    "azure-native:web:WebApp": false,
    "azure-native:web:WebAppSlot": true,
};

/** An app of the stack the rule applies to. */
export interface StackApp {
    readonly resource: PolicyResource;
    readonly slot: boolean;
    readonly address: SiteAddress;
    /** Set for a site a generic Resource or AzAPI resource declares (requestResources.ts), not an azure-native app. */
    readonly declaredByRequest?: true;
}

/**
 * The apps of the stack the rule checks (azure-native WebApps and WebAppSlots, and the sites and slots generic Resources
 * and AzAPI resources declare; not exempt, kind not excluded), and the engine's error when an app's kind is unknown at
 * preview and `excludedKinds` might leave it out.
 */
export function stackApps(
    resources: readonly PolicyResource[],
    config: BaselinePolicyConfig,
    now: Date,
): { apps: StackApp[]; unknown?: UnknownValueError } {
    const apps: StackApp[] = [];
    let unknown: UnknownValueError | undefined;
    for (const resource of resources) {
        const covered = coveredTypeOf(resource.type);
        const typedSlot = covered === undefined ? undefined : APP_TYPES[covered];
        const request = typedSlot === undefined ? requestResourceOf(resource) : undefined;
        if (request !== undefined && "unknown" in request) {
            unknown ??= request.unknown; // it may be a site: decided at the update
            continue;
        }
        const slot = typedSlot ?? (request !== undefined && "site" in request ? request.slot : undefined);
        if (slot === undefined) {
            continue;
        }
        try {
            // A generic Resource's outputs may not say it is a site (no path inputs): only exemptions and kinds count.
            const outcome = decideApplicability(resource, config, now).outcome;
            if (request === undefined ? outcome !== "checked" : outcome === "exempt" || outcome === "excluded") {
                continue; // exempt or excluded by kind: the exemptions policy reports it
            }
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            unknown ??= e;
            continue;
        }
        apps.push(
            request !== undefined && "site" in request
                ? { resource, slot, address: request.site, declaredByRequest: true }
                : { resource, slot, address: addressOf(resource, slot) },
        );
    }
    return { apps, unknown };
}

/** A write of a child resource's setting by a generic Resource or AzAPI resource of the stack. */
export interface RequestWrite extends SettingWrite {
    readonly slot: boolean;
    /** The child's name, in lower case (`ftp`, `authsettingsv2`). */
    readonly child: string;
    /** The setting's path below the child's request (`properties.allow`). */
    readonly path: string;
}

/**
 * The writes by the stack's generic Resources and AzAPI resources of the settings of a site's child resources in
 * `collection` (lower case): each child named in `paths` (lower case, with its setting's path), and the value its
 * request sends there. A resource that may be any child (unknown at preview) is a write of each, possibly for any
 * app, of a value not known yet: it leaves an app that nothing else sets securely to the update.
 */
export function requestWrites(
    resources: readonly PolicyResource[],
    collection: string,
    paths: Readonly<Record<string, string>>,
): RequestWrite[] {
    const writes: RequestWrite[] = [];
    for (const resource of resources) {
        const request = requestResourceOf(resource);
        if (request === undefined || "site" in request) {
            continue;
        }
        if ("unknown" in request) {
            for (const slot of [false, true]) {
                for (const [child, path] of Object.entries(paths)) {
                    const address = unknownAddress(resource, slot, request.unknown);
                    writes.push({ resource, address, value: request, slot, child, path });
                }
            }
            continue;
        }
        const child = request.child.child ?? "";
        const path = paths[child];
        if (request.collection === collection && path !== undefined) {
            const value = read(() => request.body.valueAt(path));
            writes.push({ resource, address: request.child, value, slot: request.slot, child, path });
        }
    }
    return writes;
}

/** A resource that writes the setting for a site or slot. */
export interface SettingWrite {
    readonly resource: PolicyResource;
    readonly address: SiteAddress;
    /** The value it writes: known, or unknown at preview. */
    readonly value: Read<unknown>;
}

/** What an app ends up with. `explicit` is a write certainly for the app whose value does not comply. */
export type AppVerdict =
    { complies: true } | { undecided: UnknownValueError } | { fails: true; explicit?: SettingWrite };

/**
 * The verdict on one app, given the writes of the setting for apps of its kind (slots' writes for a slot). It
 * complies when a write certainly for it complies. It is left to the update only while a write that may yet be its
 * own (a name unknown at preview) may yet comply; a write that does not comply would fail it either way. Otherwise
 * it fails: with the write's value when one is certainly its own, or with Azure's default when none is.
 */
export function appVerdict(
    app: SiteAddress,
    writes: readonly SettingWrite[],
    complies: (value: unknown) => boolean,
): AppVerdict {
    const candidates = writes
        .map(write => ({ write, match: matchOf(write.address, app) }))
        .filter(c => !("none" in c.match));
    const certain = candidates.filter(c => "certain" in c.match).map(c => c.write);
    if (certain.some(w => "value" in w.value && complies(w.value.value))) {
        return { complies: true };
    }
    for (const { write, match } of candidates) {
        const mayComply = !("value" in write.value) || complies(write.value.value);
        const unknown =
            "possible" in match ? match.possible : "unknown" in write.value ? write.value.unknown : undefined;
        if (mayComply && unknown !== undefined) {
            return { undecided: unknown };
        }
    }
    return { fails: true, explicit: certain.find(w => "value" in w.value) };
}
