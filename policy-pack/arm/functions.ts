// The pure ARM template functions the policy evaluates: those real templates use to compute the three
// client-certificate settings. Each takes evaluated arguments with no problem among them (see evaluate.ts).
import { firstProblem, isRecord, MAX_VALUE_SIZE, problemWithin, readInput, Record_, setMember, sizeOf, Unverifiable, Value } from "./values";

type TemplateFunction = (args: Value[], name: string) => Value;

/** Functions whose value only Azure knows while it runs the deployment. */
const DEPLOYMENT_TIME = new Set([
    "reference", "references", "resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid",
    "managementgroupresourceid", "resourcegroup", "subscription", "managementgroup", "tenant", "deployment",
    "deployer", "environment", "uniquestring", "guid", "newguid", "utcnow", "pickzones", "providers", "listkeys",
    "listsecrets", "listaccountsas", "listservicesas", "list", "getsecret",
]);

/** Why a function cannot be evaluated before deployment (for messages). */
export function unsupportedFunction(name: string): Unverifiable {
    const lower = name.toLowerCase();
    if (lower === "copyindex") {
        return new Unverifiable("copyIndex() differs from one copy of the loop to the next");
    }
    if (DEPLOYMENT_TIME.has(lower) || lower.startsWith("list")) {
        return new Unverifiable(`${name}() is known only when Azure runs the deployment`);
    }
    return new Unverifiable(`the policy does not evaluate the template function ${name}()`);
}

/** .NET's text for a scalar, as ARM's `string()` and `format()` produce it. */
function scalarText(value: Value): string | undefined {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "boolean") {
        return value ? "True" : "False";
    }
    if (typeof value === "number") {
        return String(value);
    }
    return value === null ? "" : undefined;
}

function typeError(name: string, expected: string, args: Value[]): Unverifiable {
    const found = args.map(a => Array.isArray(a) ? "an array" : isRecord(a) ? "an object" : JSON.stringify(a)).join(", ");
    return new Unverifiable(`${name}() takes ${expected}, not (${found}), so the deployment would fail`);
}

function tooLarge(name: string): Unverifiable {
    return new Unverifiable(`${name}() builds a value of more than ${MAX_VALUE_SIZE.toLocaleString("en-US")} characters`);
}

function totalSize(args: Value[]): number {
    return args.reduce<number>((sum, arg) => sum + sizeOf(arg), 0);
}

function equalValues(a: Value, b: Value): boolean {
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((item, i) => equalValues(item, b[i]));
    }
    if (isRecord(a) && isRecord(b)) {
        const keys = Object.keys(a);
        return keys.length === Object.keys(b).length && keys.every(k => Object.prototype.hasOwnProperty.call(b, k) && equalValues(a[k], b[k]));
    }
    return a === b;
}

function booleans(name: string, args: Value[]): boolean[] | Unverifiable {
    return args.length > 0 && args.every(a => typeof a === "boolean") ? args as boolean[] : typeError(name, "booleans", args);
}

const FORMAT_ITEM = /\{\{|\}\}|\{([0-9]+)([^}]*)\}|[{}]/g;

const functions: Record<string, TemplateFunction> = {
    concat(args, name) {
        if (totalSize(args) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        if (args.length > 0 && args.every(Array.isArray)) {
            return ([] as Value[]).concat(...(args as Value[][]));
        }
        const texts = args.map(a => typeof a === "string" || typeof a === "number" ? String(a) : undefined);
        return texts.every(t => t !== undefined) ? texts.join("") : typeError(name, "strings, or arrays", args);
    },
    format(args, name) {
        const [format, ...values] = args;
        if (typeof format !== "string") {
            return typeError(name, "a format string first", args);
        }
        let problem: Unverifiable | undefined;
        let length = 0;
        const text = format.replace(FORMAT_ITEM, (item, index?: string, spec?: string) => {
            let piece: string | undefined = item === "{{" ? "{" : item === "}}" ? "}" : undefined;
            if (index !== undefined && !spec) {
                piece = scalarText(values[Number(index)]);
            }
            if (piece === undefined || (length += piece.length) > MAX_VALUE_SIZE) {
                problem = problem ?? (piece === undefined
                    ? new Unverifiable(`format() item ${item} has no plain value to insert`)
                    : tooLarge(name));
                return "";
            }
            return piece;
        });
        return problem ?? text;
    },
    equals(args, name) {
        if (args.length !== 2) {
            return typeError(name, "two values", args);
        }
        return firstProblem(args.map(arg => problemWithin(arg) ?? null)) ?? equalValues(args[0], args[1]);
    },
    not(args, name) {
        return args.length === 1 && typeof args[0] === "boolean" ? !args[0] : typeError(name, "one boolean", args);
    },
    and(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.every(Boolean);
    },
    or(args, name) {
        const values = booleans(name, args);
        return values instanceof Unverifiable ? values : values.some(Boolean);
    },
    tolower(args, name) {
        return args.length === 1 && typeof args[0] === "string" ? args[0].toLowerCase() : typeError(name, "one string", args);
    },
    toupper(args, name) {
        return args.length === 1 && typeof args[0] === "string" ? args[0].toUpperCase() : typeError(name, "one string", args);
    },
    string(args, name) {
        if (args.length !== 1) {
            return typeError(name, "one value", args);
        }
        if (sizeOf(args[0]) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        return problemWithin(args[0]) ?? scalarText(args[0]) ?? JSON.stringify(args[0]);
    },
    bool(args, name) {
        const [value] = args;
        if (args.length === 1 && typeof value === "boolean") {
            return value;
        }
        if (args.length === 1 && typeof value === "number") {
            return value !== 0;
        }
        const text = args.length === 1 && typeof value === "string" ? value.toLowerCase() : undefined;
        return text === "true" ? true : text === "false" ? false : typeError(name, "a boolean, \"true\", \"false\" or a number", args);
    },
    createobject(args, name) {
        if (args.length % 2 !== 0 || args.some((a, i) => i % 2 === 0 && typeof a !== "string")) {
            return typeError(name, "pairs of a key and a value", args);
        }
        if (totalSize(args) > MAX_VALUE_SIZE) {
            return tooLarge(name);
        }
        const object: Record_ = {};
        for (let i = 0; i < args.length; i += 2) {
            setMember(object, args[i] as string, args[i + 1]);
        }
        return object;
    },
    json(args, name) {
        if (args.length !== 1 || typeof args[0] !== "string") {
            return typeError(name, "one string", args);
        }
        try {
            return readInput(JSON.parse(args[0]));
        } catch (e) {
            return new Unverifiable(`json() is given text that is not JSON (${(e as Error).message})`);
        }
    },
    true: () => true,
    false: () => false,
    null: () => null,
};

/** The pure function of this name (ignoring case), or undefined when the policy does not evaluate it. */
export function pureFunction(name: string): TemplateFunction | undefined {
    const lower = name.toLowerCase();
    return Object.prototype.hasOwnProperty.call(functions, lower) ? functions[lower] : undefined;
}
