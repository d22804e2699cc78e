// Evaluates template values and expressions in a template's scope: what ARM would compute, or a marker that
// it cannot be known before deployment.
import { Expression, ExpressionSyntaxError, isExpression, literalOf, parseExpression } from "./expressions";
import { Budget } from "./budget";
import { shownText } from "../shownText";
import { pureFunction, unsupportedFunction } from "./functions/table";
import { depthOf } from "./measures";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { ValueCache } from "./valueCache";
import {
    firstProblem,
    isProblem,
    isRecord,
    MAX_INPUT_DEPTH,
    ObjectValue,
    Problem,
    setMember,
    Unverifiable,
    Value,
} from "./values";
import { foldCase } from "./caseFolding";

/** The parameters and variables an expression can refer to. `depth` counts nested evaluations. */
export interface Scope {
    parameter(name: string, depth: number): Value;
    variable(name: string, depth: number): Value;
    /** `copyIndex(loopName?)` without its offset: the iteration of the named (or innermost) resource copy loop. */
    copyIndex?(loopName: string | undefined): Value;
    /** A user-defined function (`namespace.name`), called with evaluated arguments. */
    userFunction?(name: string, args: Value[], depth: number): Value;
    /** The evaluation budget of the resource whose template this is. */
    readonly budget: Budget;
}

/** Deepest chain of evaluations (a variable using a variable using...) before it counts as unverifiable. */
export const MAX_EVALUATION_DEPTH = 1000;

/**
 * Members beyond which an object is large: V8 keeps it as a dictionary, and listing, copying and measuring its
 * members costs about ten steps' work each, so each is charged that much more.
 */
const LARGE_OBJECT = 1000;
const LARGE_OBJECT_MEMBER_STEPS = 8;

/** A template value with every expression in it evaluated: objects and arrays member by member. */
export function evaluateValue(raw: Value, scope: Scope, depth = 0): Value {
    if (depth > MAX_EVALUATION_DEPTH) {
        return new Unverifiable(`it takes more than ${MAX_EVALUATION_DEPTH} nested evaluations`);
    }
    if (!scope.budget.spend()) {
        return scope.budget.exhausted();
    }
    if (typeof raw === "string") {
        return isExpression(raw) ? evaluateExpressionText(raw, scope, depth) : literalOf(raw);
    }
    if (Array.isArray(raw)) {
        const list: Value[] = [];
        for (let i = 0; i < raw.length; i++) {
            list.push(evaluateValue(raw[i], scope, depth + 1));
        }
        return tooDeep(list, scope.budget.cache) ?? list;
    }
    if (isRecord(raw)) {
        const named = withEvaluatedNames(raw, scope, depth);
        if (isProblem(named)) {
            return named;
        }
        const object: ObjectValue = {};
        let members = 0;
        for (const key in named) {
            if (++members > LARGE_OBJECT && !scope.budget.spend(LARGE_OBJECT_MEMBER_STEPS)) {
                return scope.budget.exhausted();
            }
            setMember(object, key, evaluateValue(named[key], scope, depth + 1));
        }
        return tooDeep(object, scope.budget.cache) ?? object;
    }
    return raw;
}

/**
 * An object whose property names that are expressions (`"[concat('clientCert', 'Mode')]"`) are evaluated, as
 * ARM evaluates them, with the values as they are; the object itself when no name starts with `[`. A name that
 * cannot be evaluated makes the whole object unverifiable (it may name any member); two names that evaluate to
 * the same name give that member as unverifiable.
 */
export function withEvaluatedNames(raw: ObjectValue, scope: Scope, depth = 0): ObjectValue | Problem {
    let anyExpression = false;
    for (const key in raw) {
        if (key.startsWith("[")) {
            anyExpression = true;
            break;
        }
    }
    if (!anyExpression) {
        return raw;
    }
    const named: ObjectValue = {};
    for (const key in raw) {
        const name = evaluateValue(key, scope, depth + 1);
        if (name instanceof Unverifiable) {
            return new Unverifiable(
                `the property name ${shorten(key)} cannot be evaluated: ${name.reason}`,
                name.required,
            );
        }
        if (isProblem(name)) {
            return name;
        }
        if (typeof name !== "string") {
            return new Unverifiable(
                `the property name ${shorten(key)} evaluates to ${describeValue(name)}, not a string, so the deployment would fail`,
            );
        }
        setMember(
            named,
            name,
            Object.prototype.hasOwnProperty.call(named, name)
                ? new Unverifiable(`two property names of the object evaluate to "${shorten(name)}"`)
                : raw[key],
        );
    }
    return named;
}

/** A value built by evaluation nested beyond what the policy reads (see `MAX_INPUT_DEPTH`), as unverifiable. */
function tooDeep(value: Value, cache: ValueCache): Unverifiable | undefined {
    return depthOf(value, cache) > MAX_INPUT_DEPTH
        ? new Unverifiable(`it builds a value nested more than ${MAX_INPUT_DEPTH} levels deep`)
        : undefined;
}

/**
 * {@link evaluateValue} where an evaluation starts (a setting, a type, a condition): a value nested so deeply that
 * the stack runs out while it is compared, sized or printed is unverifiable, not a crash of the policy.
 */
export function evaluateSetting(raw: Value, scope: Scope): Value {
    try {
        return evaluateValue(raw, scope);
    } catch (e) {
        if (e instanceof RangeError) {
            return new Unverifiable(`evaluating it runs out of stack (${e.message}): its values nest too deeply`);
        }
        throw e;
    }
}

/** Longest template expression ARM accepts, as documented ("A template expression can't exceed 24,576 characters"). */
export const MAX_EXPRESSION_LENGTH = 24_576;

/**
 * The values a setting written as `[if(condition, a, b)]` can take when its condition cannot be known before
 * deployment (`reference()` and the like): those of both branches (an `if()` in a branch is followed in turn, a
 * known condition picks its branch). Undefined when the setting is not such an `if()`, or a branch has no value the
 * policy can evaluate: then the setting is what {@link evaluateSetting} says. A condition unknown at preview is left
 * to the engine.
 */
export function possibleValues(raw: Value, scope: Scope): Value[] | undefined {
    if (typeof raw !== "string" || !isExpression(raw) || !scope.budget.spendOnSize(raw.length)) {
        return undefined;
    }
    try {
        return branchValues(parseExpression(raw), scope, 0);
    } catch (e) {
        if (e instanceof ExpressionSyntaxError || e instanceof RangeError) {
            return undefined;
        }
        throw e;
    }
}

/** A parsed expression (or part of one) evaluated in `scope`, as {@link evaluateSetting} evaluates a whole one. */
export function evaluateExpression(expression: Expression, scope: Scope): Value {
    try {
        return evaluate(expression, scope, 0);
    } catch (e) {
        if (e instanceof RangeError) {
            return new Unverifiable(`evaluating it runs out of stack (${e.message}): its values nest too deeply`);
        }
        throw e;
    }
}

function branchValues(expression: Expression, scope: Scope, depth: number): Value[] | undefined {
    if (expression.kind !== "call" || foldCase(expression.name) !== "if" || expression.args.length !== 3) {
        const value = evaluate(expression, scope, depth + 1);
        return isProblem(value) ? undefined : [value];
    }
    const [condition, whenTrue, whenFalse] = expression.args;
    const known = evaluate(condition, scope, depth + 1);
    if (typeof known === "boolean") {
        return branchValues(known ? whenTrue : whenFalse, scope, depth + 1);
    }
    if (!(known instanceof Unverifiable)) {
        return undefined;
    }
    const first = branchValues(whenTrue, scope, depth + 1);
    const second = first && branchValues(whenFalse, scope, depth + 1);
    return second && [...first!, ...second];
}

/** Evaluates one expression string such as `[if(parameters('strict'), 'Required', 'Optional')]`. */
function evaluateExpressionText(text: string, scope: Scope, depth: number): Value {
    if (text.length > MAX_EXPRESSION_LENGTH) {
        return new Unverifiable(
            `${shorten(text)} is an expression of ${text.length.toLocaleString("en-US")} characters, more than the ` +
                `${MAX_EXPRESSION_LENGTH.toLocaleString("en-US")} ARM accepts, so the deployment would fail`,
        );
    }
    if (!scope.budget.spendOnScan(text.length)) {
        return scope.budget.exhausted(); // parsing reads the text a character at a time, each time it is evaluated
    }
    let expression: Expression;
    try {
        expression = parseExpression(text);
    } catch (e) {
        if (e instanceof ExpressionSyntaxError) {
            return new Unverifiable(`${shorten(text)} is not a valid template expression (${e.message})`);
        }
        throw e;
    }
    return evaluate(expression, scope, depth + 1);
}

function evaluate(expression: Expression, scope: Scope, depth: number): Value {
    if (depth > MAX_EVALUATION_DEPTH) {
        return new Unverifiable(`it takes more than ${MAX_EVALUATION_DEPTH} nested evaluations`);
    }
    if (!scope.budget.spend()) {
        return scope.budget.exhausted();
    }
    switch (expression.kind) {
        case "string":
            return expression.value;
        case "number":
            // ARM's integers are 64-bit; past 2^53 the literal has already lost digits in a JavaScript number.
            return Number.isSafeInteger(expression.value)
                ? expression.value
                : new Unverifiable(
                      `the integer literal ${expression.value} is beyond 2^53, which the policy does not evaluate exactly`,
                  );
        case "property":
            return propertyOf(evaluate(expression.target, scope, depth + 1), expression.name, scope.budget.cache);
        case "index":
            return indexOf(
                evaluate(expression.target, scope, depth + 1),
                evaluate(expression.index, scope, depth + 1),
                scope.budget.cache,
            );
        case "call":
            return call(expression.name, expression.args, scope, depth);
    }
}

function call(name: string, argExpressions: Expression[], scope: Scope, depth: number): Value {
    const lower = foldCase(name);
    if (lower === "if") {
        return conditional(argExpressions, scope, depth);
    }
    const args = argExpressions.map(arg => evaluate(arg, scope, depth + 1));
    if (lower === "copyindex") {
        return copyIndex(args, scope);
    }
    if (lower.includes(".")) {
        const problem = firstProblem(args);
        return problem ?? (scope.userFunction ? scope.userFunction(name, args, depth + 1) : unsupportedFunction(name));
    }
    if (lower === "parameters" || lower === "variables") {
        const problem = firstProblem(args);
        if (problem) {
            return problem;
        }
        if (args.length !== 1 || typeof args[0] !== "string") {
            return new Unverifiable(`${name}() takes one name`);
        }
        return lower === "parameters" ? scope.parameter(args[0], depth + 1) : scope.variable(args[0], depth + 1);
    }
    if (lower === "coalesce") {
        // The first argument that is not null; one that cannot be known decides nothing after it.
        for (const arg of args) {
            if (arg !== null && arg !== undefined) {
                return arg;
            }
        }
        return null;
    }
    if (lower === "and" || lower === "or") {
        // One definite false (and) or true (or) decides, whatever the other arguments are.
        const decisive = lower === "or";
        if (args.some(arg => arg === decisive)) {
            return decisive;
        }
    }
    const problem = firstProblem(args);
    if (problem) {
        return problem;
    }
    const fn = pureFunction(name);
    if (fn === undefined) {
        return unsupportedFunction(name);
    }
    const result = fn(args, name, scope.budget);
    return tooDeep(result, scope.budget.cache) ?? result;
}

/**
 * `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')`, `copyIndex('loop', offset)`: the iteration of a resource
 * copy loop the walker is expanding, plus the offset; unverifiable outside such a loop.
 */
function copyIndex(args: Value[], scope: Scope): Value {
    const problem = firstProblem(args);
    if (problem) {
        return problem;
    }
    const loopName = typeof args[0] === "string" ? args[0] : undefined;
    const offset = loopName === undefined ? args[0] : args[1];
    if (args.length > (loopName === undefined ? 1 : 2) || (offset !== undefined && !Number.isInteger(offset))) {
        return new Unverifiable("copyIndex() takes an optional loop name and an optional integer offset");
    }
    const index = scope.copyIndex?.(loopName) ?? unsupportedFunction("copyIndex");
    return typeof index === "number" ? index + ((offset as number | undefined) ?? 0) : index;
}

/** `if(condition, whenTrue, whenFalse)`: ARM evaluates only the branch taken. */
function conditional(args: Expression[], scope: Scope, depth: number): Value {
    if (args.length !== 3) {
        return new Unverifiable("if() takes a condition and two values");
    }
    const condition = evaluate(args[0], scope, depth + 1);
    if (isProblem(condition)) {
        return condition;
    }
    if (typeof condition !== "boolean") {
        return new Unverifiable(
            `if() is given the condition ${describeValue(condition)}, not a boolean, so the deployment would fail`,
        );
    }
    return evaluate(args[condition ? 1 : 2], scope, depth + 1);
}

function propertyOf(target: Value, name: string, cache: ValueCache): Value {
    if (isProblem(target)) {
        return target;
    }
    if (!isRecord(target)) {
        return new Unverifiable(`.${name} is read from a value that is not an object, so the deployment would fail`);
    }
    const value = member(target, name, cache);
    return value === undefined
        ? new Unverifiable(`the object has no property '${name}', so the deployment would fail`)
        : value;
}

function indexOf(target: Value, index: Value, cache: ValueCache): Value {
    const problem = firstProblem([target, index]);
    if (problem) {
        return problem;
    }
    if (Array.isArray(target) && typeof index === "number") {
        return index >= 0 && index < target.length
            ? target[index]
            : new Unverifiable(`index ${index} is outside an array of ${target.length}, so the deployment would fail`);
    }
    if (isRecord(target) && typeof index === "string") {
        return propertyOf(target, index, cache);
    }
    return new Unverifiable(
        `[${describeValue(index)}] indexes a value that is not an array or object, so the deployment would fail`,
    );
}

/** Expressions in messages: long ones cut short. */
export function shorten(text: string): string {
    return shownText(text, 160);
}

/** A problem found while evaluating `raw`, with the expression named so that the user can find it. */
export function explained<T extends Value>(raw: Value, value: T, subject: string): T | Unverifiable {
    if (!(value instanceof Unverifiable) || typeof raw !== "string" || !isExpression(raw)) {
        return value;
    }
    return new Unverifiable(`${subject} ${shorten(raw)}, and ${value.reason}`, value.required);
}
