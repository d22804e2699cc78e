// Site settings azure-native keeps on resources of their own (a site's publishing-credentials policies, its
// authentication settings): a stack policy judges the value each app ends up with, from the writes of the whole
// stack matched to the app (siteAddress.ts). Each such stack policy says which types write its setting and what
// complies; this module is the judgement they share.
import type { PolicyResource } from "@pulumi/policy";
import { CheckedApp, decideApplicability } from "../applicability";
import { Unverifiable } from "../arm/values";
import { BaselineRule } from "../baseline/rule";
import { BaselinePolicyConfig, readBaselineConfig } from "../config";
import { coveredTypeOf } from "../families/coveredTypes";
import { ResourceFamily } from "../families/family";
import { siteApp } from "../families/genericResource";
import { familyOf } from "../families/registry";
import { show } from "../messages";
import { UnknownValueError } from "../sdkInternals";
import { currentRequest } from "../server/requestContext";
import { quotedText, shownText } from "../shownText";
import { unverifiableFinding } from "../violationWording";
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
    /**
     * The app its family finds in what the engine gives (its request, or azure-native's outputs built from its
     * inputs at preview), as the rule's own policy reads it, or as Azure's answer gives it (`answer`); absent when
     * that is not one site the family reads.
     */
    readonly request?: { readonly family: ResourceFamily; readonly app: CheckedApp };
    /**
     * Set when what the engine gives is Azure's answer for the site, not its request: a generic Resource's outputs
     * (requestResources.ts), whose siteConfig is not the app's, or an azure-native app's once its id is known, whose
     * siteConfig holds what Azure keeps on the site's `config` `web` resource only when azure-native read it there
     * (a refresh or import; the site's own PUT answers with a few settings).
     */
    readonly answer?: true;
}

/**
 * Whether an azure-native app's properties hold its ARM id: Azure's answer (its outputs after the update, or the
 * state `pulumi policy analyze` and audit groups read), not inputs, which never hold it, nor outputs built from them.
 */
export function knownId({ props }: Pick<PolicyResource, "props">): boolean {
    const id = read(() => props.id as unknown);
    return "value" in id && typeof id.value === "string" && id.value !== "";
}

/**
 * The apps of the stack the rule checks (azure-native WebApps and WebAppSlots, and the sites and slots generic Resources
 * and AzAPI resources declare; not exempt, kind not excluded), and the engine's error when an app's kind is unknown at
 * preview and `excludedKinds` might leave it out.
 */
export function stackApps(
    resources: readonly PolicyResource[],
    config: Pick<BaselinePolicyConfig, "excludedKinds" | "exemptions">,
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
        let checked: StackApp["request"];
        try {
            // A generic Resource's outputs may not say it is a site (no path inputs): only exemptions and kinds count.
            const applicability = decideApplicability(resource, config, now);
            const outcome = applicability.outcome;
            if (request === undefined ? outcome !== "checked" : outcome === "exempt" || outcome === "excluded") {
                continue; // exempt or excluded by kind: the exemptions policy reports it
            }
            if (request !== undefined && "site" in request && request.answer) {
                checked = { family: familyOf(resource.type)!, app: { app: siteApp(resource.props) } };
            } else if (applicability.outcome === "checked" && applicability.apps.length === 1) {
                checked = { family: applicability.family, app: applicability.apps[0] };
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
                ? {
                      resource,
                      slot,
                      address: request.site,
                      declaredByRequest: true,
                      ...(checked === undefined ? {} : { request: checked }),
                      ...(request.answer ? { answer: true } : {}),
                  }
                : {
                      resource,
                      slot,
                      address: addressOf(resource, slot),
                      ...(checked === undefined ? {} : { request: checked }),
                      ...(knownId(resource) ? { answer: true } : {}),
                  },
        );
    }
    return { apps, unknown };
}

/** A write of a child resource's setting by a generic Resource or AzAPI resource of the stack. */
export interface RequestWrite extends SettingWrite {
    readonly slot: boolean;
    /** The child's name, in lower case (`ftp`, `authsettingsv2`). */
    readonly child: string;
    /** The setting's path as the user finds it in the child's request (`properties.allow`, `body.properties.allow`). */
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
            const shown = request.body.shownPath(path);
            writes.push({ resource, address: request.child, value, slot: request.slot, child, path: shown });
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
export type AppVerdict<W extends SettingWrite = SettingWrite> =
    { complies: true } | { undecided: UnknownValueError } | { fails: true; explicit?: W };

/**
 * The verdict on one app, given the writes of the setting for apps of its kind (slots' writes for a slot). It
 * complies when a write certainly for it complies. It is left to the update only while a write that may yet be its
 * own (a name unknown at preview) may yet comply; a write that does not comply would fail it either way. Otherwise
 * it fails: with the write's value when one is certainly its own, or with Azure's default when none is.
 */
export function appVerdict<W extends SettingWrite>(
    app: SiteAddress,
    writes: WriteIndex<W>,
    complies: (value: unknown) => boolean,
): AppVerdict<W> {
    const candidates = writes
        .candidatesFor(app)
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

/** An address's names when every one is known, as one key; undefined when one is not. */
function knownKey(address: SiteAddress): string | undefined {
    const names = [address.resourceGroup, address.site, ...(address.slot === undefined ? [] : [address.slot])];
    const known = names.map(name => ("known" in name.value ? name.value.known : undefined));
    return known.includes(undefined)
        ? undefined
        : `${address.slot === undefined ? "site" : "slot"}\n${known.join("\n")}`;
}

/**
 * The writes of a setting, indexed once by the names they state, so that each app is compared only with the writes
 * that may be its own: those naming it, and those whose names are not all known (unknown at preview, or taken from
 * other resources of the stack). An app whose own names are not all known is compared with every write. A stack of
 * thousands of apps and writes is so matched in one pass over them, not in one pass per app.
 */
export class WriteIndex<W extends SettingWrite> {
    private readonly byKey = new Map<string, W[]>();
    private readonly unkeyed: W[] = [];

    constructor(private readonly writes: readonly W[]) {
        for (const write of writes) {
            const key = knownKey(write.address);
            if (key === undefined) {
                this.unkeyed.push(write);
            } else {
                this.byKey.set(key, [...(this.byKey.get(key) ?? []), write]);
            }
        }
    }

    /** The writes that may be for `app`: a superset of those {@link matchOf} does not rule out. */
    candidatesFor(app: SiteAddress): readonly W[] {
        const key = knownKey(app);
        return key === undefined ? this.writes : [...(this.byKey.get(key) ?? []), ...this.unkeyed];
    }
}

/**
 * What a write certainly for an app sets, for the app's message: `<type> "<name>" sets <property> <value>; required:
 * <required>.`, or, for a value that cannot be verified, why (never passed).
 */
export function writtenValueFinding(write: SettingWrite, property: string, required: string): string {
    const writer = `${shownText(write.resource.type)} ${quotedText(write.resource.name)} sets`;
    const value = "value" in write.value ? write.value.value : undefined;
    return value instanceof Unverifiable
        ? `${writer} ${unverifiableFinding(`${property}, which`, value.reason, value.required ?? required)}`
        : `${writer} ${property} ${show(value)}; required: ${required}.`;
}
