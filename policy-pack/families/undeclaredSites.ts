// Writes to the settings of App Service sites a resource does not declare (families/family.ts,
// `UndeclaredSiteWrite`): a site's child resource (`Microsoft.Web/sites/config` `web`, a publishing-credentials
// policy, an authentication config) in a template without its site, or a generic or AzAPI resource of such a type.
// Whatever route carries it, the child's body has ARM's shape, so each setting is where the child places of
// ARM_TEMPLATE_PLACES say, and the write is judged wherever the site is: an explicit insecure value fails.
import { SiteSettingId } from "../baseline/siteSettings";
import { sameFolded } from "../arm/caseFolding";
import { member } from "../arm/members";
import { describeValue } from "../arm/shownValue";
import { isProblem, isRecord, Problem, Unknown, Unverifiable, Value } from "../arm/values";
import { OneOf } from "../rule/clientCertificates";
import { settled } from "./armTemplate";
import { SettingWrite, UndeclaredSiteWrite } from "./family";
import { ARM_TEMPLATE_PLACES, SITE_CHILD_TYPES } from "./siteSettingPlaces";

/** A child resource of a site, as a route found it. */
export interface SiteChildResource {
    /** Its full type, in lower case: `microsoft.web/sites/config`, `microsoft.web/sites/slots/basicpublishingcredentialspolicies`. */
    readonly type: string;
    /** Its own name, the last segment of its full name (`web`, `ftp`); a problem when it cannot be evaluated. */
    readonly ownName: Value;
    /** Where it sits inside the resource, for messages; absent for the resource itself. */
    readonly location?: string;
    /** A path below the child (`properties.minTlsVersion`) as the user finds it in the resource. */
    shownPath(path: string): string;
    /** The value at a path below the child, as the route reads it; {@link OneOf} when only Azure can tell. */
    valueAt(path: string): Value | OneOf;
}

/** Whether `type` (lower case) is a type of a site's or slot's child resource that may write its settings. */
export function isSiteChildType(type: string): boolean {
    return SITE_CHILD_TYPES.has(type);
}

/**
 * The writes of `child` to the site it names. A setting is its when its type and own name are the setting's child
 * place; one whose own name cannot be evaluated may be any config of its type, so a value that complies passes and
 * one that does not cannot be verified (or is left to the update, when the name is unknown at preview).
 */
export function undeclaredSiteWrite(child: SiteChildResource): UndeclaredSiteWrite {
    const own = child.type.slice(child.type.lastIndexOf("/") + 1);
    return {
        location: child.location,
        writeOf(setting: SiteSettingId): SettingWrite | undefined {
            const place = ARM_TEMPLATE_PLACES[setting];
            const childPlace = place.child;
            if (childPlace === undefined || !sameFolded(childPlace.type, own)) {
                return undefined;
            }
            const name = child.ownName;
            if (typeof name === "string" && !sameFolded(name, childPlace.name)) {
                return undefined;
            }
            if (!isProblem(name) && typeof name !== "string") {
                return undefined; // a name ARM refuses: nothing is written
            }
            return {
                path: child.shownPath(childPlace.path),
                meaning: "meaning" in place ? place.meaning : undefined,
                read: () => {
                    const value = child.valueAt(childPlace.path);
                    if (!isProblem(name) || value === undefined || value === null || isProblem(value)) {
                        return settled(value);
                    }
                    // Written to the setting only if the child is the config it lives in: a value that complies
                    // passes either way; one that does not is as undecided as the name.
                    const values = value instanceof OneOf ? value.values : [value];
                    return new OneOf(values, undecidedName(name, child, childPlace.name));
                },
            };
        },
    };
}

/** A child whose own name cannot be evaluated: whether it is the config named `name` is unknown, or unverifiable. */
function undecidedName(problem: Problem, child: SiteChildResource, name: string): unknown {
    if (problem instanceof Unknown) {
        return problem.error;
    }
    return new Unverifiable(
        `the name of ${child.location ?? "the resource"} cannot be evaluated (${problem.reason}), so the policy ` +
            `cannot tell whether it is the site's "${name}" resource`,
    );
}

/**
 * The value at a child place's `path` (`properties.minTlsVersion`) of a request body, given the body's
 * `properties` as the route reads it (ARM reads the keys below in any letter case): undefined when a member on the
 * way is absent; unverifiable when one is no object.
 */
export function valueBelow(properties: Value, path: string): Value {
    const keys = path.split(".");
    let value = properties;
    for (let i = 1; i < keys.length; i++) {
        if (value === undefined || value === null || isProblem(value)) {
            return value ?? undefined;
        }
        if (!isRecord(value)) {
            return new Unverifiable(`${keys.slice(0, i).join(".")} is ${describeValue(value)}, not an object`);
        }
        value = member(value, keys[i]);
    }
    return value;
}
