// A template's parameters and variables, as ARM resolves them: names ignore case, values given by the
// deployment win over defaults, each is evaluated at most once (so evaluation stays linear in the template's
// size), and a cycle is reported rather than followed.
import { Budget } from "./budget";
import { evaluateValue, Scope } from "./evaluate";
import { isExpression } from "./expressions";
import { unsupportedFunction } from "./functions/table";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { ValueCache } from "./valueCache";
import { isProblem, isRecord, ObjectValue, Unknown, Unverifiable, Value } from "./values";
import { foldCase } from "./caseFolding";

/** Where a deployment's parameter values come from. */
export type ParameterValues =
    /** Values by folded name (`foldCase`), each computed on first use. */
    | { kind: "given"; byName: ReadonlyMap<string, (depth: number) => Value> }
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
        const key = foldCase(name);
        const resolve = byName.has(key)
            ? () => new Unverifiable(`${where} gives parameter '${name}' twice, in different letter cases`)
            : parameterValue(parameters[name], name, where, outer);
        byName.set(key, resolve);
    }
    return { kind: "given", byName };
}

function parameterValue(entry: Value, name: string, where: string, outer: Scope | undefined): (depth: number) => Value {
    const cache = outer?.budget.cache;
    if (isProblem(entry)) {
        return () => entry;
    }
    if (outer !== undefined && typeof entry === "string" && isExpression(entry)) {
        // A nested deployment may build the whole entry (Bicep: createObject('value', ...)); its result is evaluated.
        return once(depth => {
            const built = evaluateValue(entry, outer, depth + 1);
            return isRecord(built) &&
                member(built, "reference", cache) === undefined &&
                member(built, "expression", cache) === undefined
                ? member(built, "value", cache)
                : parameterValue(built, name, where, undefined)(depth);
        });
    }
    if (!isRecord(entry)) {
        return () =>
            new Unverifiable(`${where} gives parameter '${name}' as ${describeValue(entry)}, not { "value": ... }`);
    }
    if (member(entry, "reference", cache) !== undefined) {
        return () =>
            new Unverifiable(`parameter '${name}' is a Key Vault secret reference, read only during the deployment`);
    }
    if (member(entry, "expression", cache) !== undefined) {
        return () =>
            new Unverifiable(`parameter '${name}' is given as an expression, evaluated only during the deployment`);
    }
    const value = member(entry, "value", cache);
    if (outer === undefined) {
        return () => value;
    }
    return once(depth => evaluateValue(value, outer, depth + 1));
}

/** A parameter value computed on first use only. */
function once(compute: (depth: number) => Value): (depth: number) => Value {
    let evaluated: Value;
    let done = false;
    return depth => {
        if (!done) {
            evaluated = compute(depth);
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
    /** languageVersion 2.0 user-defined types (`definitions`), by folded name. */
    private readonly types: Entries;
    /** User-defined functions (`functions`), by folded `namespace.name`. */
    private readonly functions: Entries;
    private readonly memo = new Map<string, Value | typeof IN_PROGRESS>();

    constructor(
        template: ObjectValue,
        private readonly values: ParameterValues,
        readonly budget = new Budget(),
    ) {
        const { cache } = this.budget;
        this.declarations = namedEntries(member(template, "parameters", cache), "parameters", cache);
        this.definitions = namedEntries(member(template, "variables", cache), "variables", cache);
        this.types = namedEntries(member(template, "definitions", cache), "definitions", cache);
        this.functions = userFunctions(member(template, "functions", cache), cache);
    }

    userFunction(name: string, args: Value[], depth: number): Value {
        const definition = entryOf(this.functions, name);
        const { cache } = this.budget;
        if (definition === undefined) {
            return new Unverifiable(`the template defines no function ${name}()`);
        }
        if (isProblem(definition)) {
            return definition;
        }
        const declared = isRecord(definition) ? member(definition, "parameters", cache) : undefined;
        const output = isRecord(definition) ? member(definition, "output", cache) : undefined;
        const names = (Array.isArray(declared) ? declared : []).map(p =>
            isRecord(p) ? member(p, "name", cache) : undefined,
        );
        if (
            (declared !== undefined && !Array.isArray(declared)) ||
            names.some(n => typeof n !== "string") ||
            !isRecord(output) ||
            member(output, "value", cache) === undefined
        ) {
            return new Unverifiable(`the template's function ${name}() is not declared as ARM declares functions`);
        }
        if (args.length !== names.length) {
            return new Unverifiable(
                `${name}() takes ${names.length} arguments, not ${args.length}, so the deployment would fail`,
            );
        }
        return evaluateValue(
            member(output, "value", cache),
            new FunctionScope(this, name, names as string[], args),
            depth + 1,
        );
    }

    parameter(name: string, depth: number): Value {
        return this.remember(`parameter ${foldCase(name)}`, `parameter '${name}'`, () => {
            if (this.values.kind === "all") {
                return this.values.value;
            }
            const given = this.values.byName.get(foldCase(name));
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
            const defaultValue = isRecord(declaration)
                ? member(declaration, "defaultValue", this.budget.cache)
                : undefined;
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
        return this.remember(`variable ${foldCase(name)}`, `variable '${name}'`, () => {
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
            if (member(declaration, "nullable", this.budget.cache) === true) {
                return true;
            }
            const ref = member(declaration, "$ref", this.budget.cache);
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

/** A template's `parameters` or `variables` section by folded name, or what makes the whole section unreadable. */
type Entries = Map<string, Value> | Unverifiable | Unknown;

function entryOf(entries: Entries, name: string): Value {
    return entries instanceof Map ? entries.get(foldCase(name)) : entries;
}

/** Names that differ only in case, and variables built by a `copy` loop, are unverifiable. */
function namedEntries(section: Value, what: string, cache: ValueCache): Entries {
    const entries = new Map<string, Value>();
    if (section === undefined || section === null) {
        return entries;
    }
    if (!isRecord(section)) {
        return isProblem(section) ? section : new Unverifiable(`the template's ${what} section is not an object`);
    }
    for (const name in section) {
        const key = foldCase(name);
        if (what === "variables" && key === "copy" && Array.isArray(section[name])) {
            for (const loop of section[name] as Value[]) {
                const loopName = isRecord(loop) ? member(loop, "name", cache) : undefined;
                if (typeof loopName === "string") {
                    entries.set(foldCase(loopName), new Unverifiable(`variable '${loopName}' is built by a copy loop`));
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

/**
 * A template's `functions`: `[{ "namespace": ..., "members": { "<name>": { "parameters", "output" } } }]`, by
 * folded `namespace.name`. A name declared twice (in any letter case) is unverifiable.
 */
function userFunctions(section: Value, cache: ValueCache): Entries {
    const entries = new Map<string, Value>();
    if (section === undefined || section === null) {
        return entries;
    }
    if (!Array.isArray(section)) {
        return isProblem(section) ? section : new Unverifiable("the template's functions section is not an array");
    }
    for (const group of section) {
        const namespace = isRecord(group) ? member(group, "namespace", cache) : undefined;
        const members = isRecord(group) ? member(group, "members", cache) : undefined;
        if (typeof namespace !== "string" || !isRecord(members)) {
            continue; // a function in it cannot be called by name, so it is never evaluated
        }
        for (const name in members) {
            const key = foldCase(`${namespace}.${name}`);
            entries.set(
                key,
                entries.has(key)
                    ? new Unverifiable(`function ${namespace}.${name}() is declared twice, in different letter cases`)
                    : members[name],
            );
        }
    }
    return entries;
}

/**
 * The scope of a user-defined function's output: its own parameters, and the template's other functions. As ARM
 * documents, a function cannot read the template's parameters or variables.
 */
class FunctionScope implements Scope {
    readonly budget: Budget;
    private readonly byName = new Map<string, Value>();

    constructor(
        private readonly template: TemplateScope,
        private readonly name: string,
        names: string[],
        args: Value[],
    ) {
        this.budget = template.budget;
        names.forEach((n, i) => this.byName.set(foldCase(n), args[i]));
    }

    parameter(name: string): Value {
        const key = foldCase(name);
        return this.byName.has(key)
            ? this.byName.get(key)
            : new Unverifiable(`function ${this.name}() has no parameter '${name}', so the deployment would fail`);
    }

    variable(name: string): Value {
        return new Unverifiable(
            `function ${this.name}() reads variable '${name}', which ARM does not allow, so the deployment would fail`,
        );
    }

    userFunction(name: string, args: Value[], depth: number): Value {
        return this.template.userFunction(name, args, depth);
    }
}

/** Longest copy loop the walker expands, one iteration at a time: ARM deploys at most 800 copies of a resource. */
export const MAX_COPIES = 800;

/** The scope of one iteration of a resource copy loop: `copyIndex()` is known, everything else is the outer scope's. */
export class CopyScope implements Scope {
    readonly budget: Budget;

    constructor(
        private readonly outer: Scope,
        /** The loop's `copy.name`. */
        private readonly loopName: string,
        private readonly index: number,
    ) {
        this.budget = outer.budget;
    }

    parameter(name: string, depth: number): Value {
        return this.outer.parameter(name, depth);
    }

    variable(name: string, depth: number): Value {
        return this.outer.variable(name, depth);
    }

    copyIndex(loopName: string | undefined): Value {
        if (loopName === undefined || foldCase(loopName) === foldCase(this.loopName)) {
            return this.index;
        }
        return (
            this.outer.copyIndex?.(loopName) ??
            new Unverifiable(
                `copyIndex() names the loop '${loopName}', which does not enclose it, so the deployment would fail`,
            )
        );
    }

    userFunction(name: string, args: Value[], depth: number): Value {
        return this.outer.userFunction ? this.outer.userFunction(name, args, depth) : unsupportedFunction(name);
    }
}
