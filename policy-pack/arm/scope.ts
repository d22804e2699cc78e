// A template's parameters and variables, as ARM resolves them: names ignore case, values given by the
// deployment win over defaults, each is evaluated at most once (so evaluation stays linear in the template's
// size), and a cycle is reported rather than followed.
import { Budget } from "./budget";
import { evaluateValue, Scope } from "./evaluate";
import { describeValue, isProblem, isRecord, member, ObjectValue, Unknown, Unverifiable, Value } from "./values";

/** Where a deployment's parameter values come from. */
export type ParameterValues =
    /** Values by lower-case name, each computed on first use. */
    | { kind: "given"; byName: Map<string, (depth: number) => Value> }
    /** Every parameter value is this (a linked parameters file, or parameters unknown at preview). */
    | { kind: "all"; value: Unverifiable | Unknown };

/** No parameter values: the template's defaults apply. */
export const NO_PARAMETER_VALUES: ParameterValues = { kind: "given", byName: new Map() };

/**
 * Parameter values as a deployment gives them, `{ "<name>": { "value": ... } }`. Values given at the top level
 * are literal; those a nested deployment gives are template values evaluated in `outer`, the enclosing scope.
 */
export function parameterValues(parameters: Value, where: string, outer?: Scope): ParameterValues {
    if (parameters === undefined || parameters === null) {
        return NO_PARAMETER_VALUES;
    }
    if (isProblem(parameters)) {
        return { kind: "all", value: parameters };
    }
    if (!isRecord(parameters)) {
        return {
            kind: "all",
            value: new Unverifiable(`${where} is ${describeValue(parameters)}, not an object of parameter values`),
        };
    }
    const byName = new Map<string, (depth: number) => Value>();
    for (const name in parameters) {
        const key = name.toLowerCase();
        const resolve = byName.has(key)
            ? () => new Unverifiable(`${where} gives parameter '${name}' twice, in different letter cases`)
            : parameterValue(parameters[name], name, where, outer);
        byName.set(key, resolve);
    }
    return { kind: "given", byName };
}

function parameterValue(entry: Value, name: string, where: string, outer: Scope | undefined): (depth: number) => Value {
    if (isProblem(entry)) {
        return () => entry;
    }
    if (!isRecord(entry)) {
        return () =>
            new Unverifiable(`${where} gives parameter '${name}' as ${describeValue(entry)}, not { "value": ... }`);
    }
    if (member(entry, "reference") !== undefined) {
        return () =>
            new Unverifiable(`parameter '${name}' is a Key Vault secret reference, read only during the deployment`);
    }
    if (member(entry, "expression") !== undefined) {
        return () =>
            new Unverifiable(`parameter '${name}' is given as an expression, evaluated only during the deployment`);
    }
    const value = member(entry, "value");
    if (outer === undefined) {
        return () => value;
    }
    let evaluated: Value;
    let done = false;
    return depth => {
        if (!done) {
            evaluated = evaluateValue(value, outer, depth + 1);
            done = true;
        }
        return evaluated;
    };
}

const IN_PROGRESS = Symbol("being evaluated");

/** Longest chain of type definitions naming one another (`$ref`) that is followed; a longer one is not nullable. */
const MAX_TYPE_REFERENCES = 32;

/** The scope of one template: its parameters (with the deployment's values) and its variables. */
export class TemplateScope implements Scope {
    private readonly declarations: Entries;
    private readonly definitions: Entries;
    /** languageVersion 2.0 user-defined types (`definitions`), by lower-case name. */
    private readonly types: Entries;
    private readonly memo = new Map<string, Value | typeof IN_PROGRESS>();

    constructor(
        template: ObjectValue,
        private readonly values: ParameterValues,
        readonly budget = new Budget(),
    ) {
        this.declarations = namedEntries(member(template, "parameters"), "parameters");
        this.definitions = namedEntries(member(template, "variables"), "variables");
        this.types = namedEntries(member(template, "definitions"), "definitions");
    }

    parameter(name: string, depth: number): Value {
        return this.remember(`parameter ${name.toLowerCase()}`, `parameter '${name}'`, () => {
            if (this.values.kind === "all") {
                return this.values.value;
            }
            const given = this.values.byName.get(name.toLowerCase());
            if (given !== undefined) {
                return given(depth);
            }
            const declaration = entryOf(this.declarations, name);
            if (declaration === undefined) {
                return new Unverifiable(`the template declares no parameter '${name}'`);
            }
            if (isProblem(declaration)) {
                return declaration;
            }
            const defaultValue = isRecord(declaration) ? member(declaration, "defaultValue") : undefined;
            if (defaultValue !== undefined) {
                return evaluateValue(defaultValue, this, depth + 1);
            }
            // ARM's `nullable` constraint: a parameter that may be null may also be omitted, and is then null.
            return this.isNullable(declaration)
                ? null
                : new Unverifiable(`parameter '${name}' has no value in the deployment and no default`);
        });
    }

    variable(name: string, depth: number): Value {
        return this.remember(`variable ${name.toLowerCase()}`, `variable '${name}'`, () => {
            const definition = entryOf(this.definitions, name);
            return definition === undefined
                ? new Unverifiable(`the template defines no variable '${name}'`)
                : evaluateValue(definition, this, depth + 1);
        });
    }

    /**
     * Whether a parameter declaration is `nullable`, itself or through the type definition its `$ref` names
     * (`#/definitions/<name>`, as Bicep writes `param x myType?` and `type myType = {...}?`).
     */
    private isNullable(declaration: Value): boolean {
        for (let seen = 0; isRecord(declaration) && seen <= MAX_TYPE_REFERENCES; seen++) {
            if (member(declaration, "nullable") === true) {
                return true;
            }
            const ref = member(declaration, "$ref");
            const name = typeof ref === "string" ? /^#\/definitions\/([^/]+)$/.exec(ref)?.[1] : undefined;
            declaration = name === undefined ? undefined : entryOf(this.types, name);
        }
        return false;
    }

    private remember(key: string, what: string, evaluate: () => Value): Value {
        const known = this.memo.get(key);
        if (known === IN_PROGRESS) {
            return new Unverifiable(`${what} is defined in terms of itself`);
        }
        if (known !== undefined || this.memo.has(key)) {
            return known as Value;
        }
        this.memo.set(key, IN_PROGRESS);
        const value = evaluate();
        this.memo.set(key, value);
        return value;
    }
}

/** A template's `parameters` or `variables` section by lower-case name, or what makes the whole section unreadable. */
type Entries = Map<string, Value> | Unverifiable | Unknown;

function entryOf(entries: Entries, name: string): Value {
    return entries instanceof Map ? entries.get(name.toLowerCase()) : entries;
}

/** Names that differ only in case, and variables built by a `copy` loop, are unverifiable. */
function namedEntries(section: Value, what: string): Entries {
    const entries = new Map<string, Value>();
    if (section === undefined || section === null) {
        return entries;
    }
    if (!isRecord(section)) {
        return isProblem(section) ? section : new Unverifiable(`the template's ${what} section is not an object`);
    }
    for (const name in section) {
        const key = name.toLowerCase();
        if (what === "variables" && key === "copy" && Array.isArray(section[name])) {
            for (const loop of section[name] as Value[]) {
                const loopName = isRecord(loop) ? member(loop, "name") : undefined;
                if (typeof loopName === "string") {
                    entries.set(
                        loopName.toLowerCase(),
                        new Unverifiable(`variable '${loopName}' is built by a copy loop`),
                    );
                }
            }
            continue;
        }
        entries.set(
            key,
            entries.has(key)
                ? new Unverifiable(`${what} '${name}' is declared twice, in different letter cases`)
                : section[name],
        );
    }
    return entries;
}
