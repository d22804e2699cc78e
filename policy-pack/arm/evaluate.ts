// Evaluates template values and expressions in a template's scope: what ARM would compute, or a marker that
// it cannot be known before deployment.
import { Expression, ExpressionSyntaxError, isExpression, literalOf, parseExpression } from "./expressions";
import { Budget } from "./budget";
import { pureFunction, unsupportedFunction } from "./functions";
import {
    describeValue,
    firstProblem,
    isProblem,
    isRecord,
    member,
    ObjectValue,
    setMember,
    Unverifiable,
    Value,
} from "./values";

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
        return list;
    }
    if (isRecord(raw)) {
        const object: ObjectValue = {};
        for (const key in raw) {
            setMember(object, key, evaluateValue(raw[key], scope, depth + 1));
        }
        return object;
    }
    return raw;
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

function branchValues(expression: Expression, scope: Scope, depth: number): Value[] | undefined {
    if (expression.kind !== "call" || expression.name.toLowerCase() !== "if" || expression.args.length !== 3) {
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
    if (!scope.budget.spendOnSize(text.length)) {
        return scope.budget.exhausted(); // parsing is linear in the text, and a text may be evaluated many times
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
        case "number":
            return expression.value;
        case "property":
            return propertyOf(evaluate(expression.target, scope, depth + 1), expression.name);
        case "index":
            return indexOf(evaluate(expression.target, scope, depth + 1), evaluate(expression.index, scope, depth + 1));
        case "call":
            return call(expression.name, expression.args, scope, depth);
    }
}

function call(name: string, argExpressions: Expression[], scope: Scope, depth: number): Value {
    const lower = name.toLowerCase();
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
    return fn === undefined ? unsupportedFunction(name) : fn(args, name, scope.budget);
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

function propertyOf(target: Value, name: string): Value {
    if (isProblem(target)) {
        return target;
    }
    if (!isRecord(target)) {
        return new Unverifiable(`.${name} is read from a value that is not an object, so the deployment would fail`);
    }
    const value = member(target, name);
    return value === undefined
        ? new Unverifiable(`the object has no property '${name}', so the deployment would fail`)
        : value;
}

function indexOf(target: Value, index: Value): Value {
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
        return propertyOf(target, index);
    }
    return new Unverifiable(
        `[${describeValue(index)}] indexes a value that is not an array or object, so the deployment would fail`,
    );
}

/** Expressions in messages: long ones cut short. */
export function shorten(text: string): string {
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
