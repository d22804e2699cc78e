/** A template value the policy cannot evaluate before deployment, such as `[variables('x')]`. */
export class Unverifiable {
    constructor(
        /** Why it cannot be evaluated, naming what was found. */
        readonly reason: string) {}
}

const PARAMETER_REFERENCE = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i;

/** The parameter values a template is deployed with, and the template's own parameter declarations. */
export interface ParameterSources {
    deploymentParameters: unknown;
    templateParameters: unknown;
}

/**
 * The value an ARM template property will have: literals as they are, `[parameters('x')]` resolved from the
 * deployment's parameters or else the template's default, any other expression `Unverifiable`.
 */
export function resolveTemplateValue(value: unknown, sources: ParameterSources, depth = 0): unknown {
    if (typeof value !== "string" || !value.startsWith("[") || !value.endsWith("]")) {
        return value;
    }
    if (value.startsWith("[[")) {
        return value.slice(1); // ARM's escape for a literal string that starts with "["
    }
    const reference = PARAMETER_REFERENCE.exec(value);
    if (!reference || depth > 0) {
        return new Unverifiable(`it is the expression ${value}, and only literal values and [parameters('name')] can be checked`);
    }
    const name = reference[1];
    const given = entryNamed(sources.deploymentParameters, name);
    if (given !== undefined) {
        return isObject(given) && "value" in given
            ? given.value
            : new Unverifiable(`it is ${value}, and the deployment passes parameter '${name}' without a literal value`);
    }
    const declared = entryNamed(sources.templateParameters, name);
    if (isObject(declared) && "defaultValue" in declared) {
        return resolveTemplateValue(declared.defaultValue, sources, depth + 1);
    }
    return new Unverifiable(`it is ${value}, and parameter '${name}' has no value in the deployment and no default`);
}

/** ARM names (parameters, types) are case-insensitive. */
function entryNamed(container: unknown, name: string): unknown {
    if (!isObject(container)) {
        return undefined;
    }
    const wanted = name.toLowerCase();
    const key = Object.keys(container).find(k => k.toLowerCase() === wanted);
    return key === undefined ? undefined : container[key];
}

export function isObject(value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
