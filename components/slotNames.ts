import { SecureWebAppArgumentError } from "./argumentError";

/**
 * Azure's rule for `Microsoft.Web/sites/slots` names (Azure Resource Manager "Naming rules and restrictions"):
 * 2 to 59 characters, letters (Unicode ones that map to Punycode included), digits and hyphens.
 */
const SLOT_NAME = /^[\p{L}\p{N}-]{2,59}$/u;

/** The production slot is the app itself: Azure refuses a deployment slot of that name. */
const RESERVED_SLOT_NAME = "production";

/**
 * Checks the slot names of `resource` (the keys of its `slots` argument) before anything is registered, so a name
 * that Azure would refuse, or that would address the app itself, fails the preview with a fix instead of the
 * deployment halfway through.
 */
export function requireValidSlotNames(resource: string, names: string[]): void {
    const seen = new Map<string, string>();
    for (const name of names) {
        const refuse = (required: string, fix: string) => {
            throw new SecureWebAppArgumentError(
                resource,
                "slots",
                name,
                `a slot name (a key of slots) ${required}`,
                fix,
            );
        };
        const found = JSON.stringify(name);
        if (!SLOT_NAME.test(name)) {
            const reason =
                name.length < 2 || name.length > 59
                    ? `${found} has ${name.length} character${name.length === 1 ? "" : "s"}`
                    : `${found} has other characters`;
            refuse(
                `must be 2 to 59 letters, digits or hyphens, as Azure requires; ${reason}`,
                `name the slot with letters, digits and hyphens, e.g. slots: { staging: {} }`,
            );
        }
        // Azure resource names are case-insensitive, so the production slot and repeated names are found in any case.
        const key = name.toLowerCase();
        if (key === RESERVED_SLOT_NAME) {
            refuse(
                `must not be ${JSON.stringify(RESERVED_SLOT_NAME)}: that slot is the app itself`,
                `set the production settings on the SecureWebApp's own arguments, and give the slot another name`,
            );
        }
        const earlier = seen.get(key);
        if (earlier !== undefined) {
            refuse(
                `must be unique regardless of case, as Azure compares names; ${found} and ${JSON.stringify(earlier)} are the same slot`,
                `merge the two entries into one slot, or rename one of them`,
            );
        }
        seen.set(key, name);
    }
}
