// A request's state travels with the request: nothing at module level in the pack holds state that a request
// writes, so that two runs, two packs in one process or concurrent requests cannot see each other's. Tables built
// as a module loads are fine and say so in their types (ReadonlyMap, ReadonlySet); what else lives at module level
// and holds state is listed in ALLOWED with the reason it carries nothing from one request to another. The scan
// reads the sources (TypeScript's parser, no type checking): what it flags is a module-level `let` or `var`, a
// container created at module level without a read-only type, a global or sticky regular expression (each match
// writes its lastIndex), a static field that is not readonly, and a write, from inside a function, to a module's
// own top-level binding or import.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");

/** Module-level state the rule allows, by `file:name` (relative to policy-pack/), with why no request's state stays in it. */
const ALLOWED: Record<string, string> = {
    "server/requestContext.ts:requests":
        "the AsyncLocalStorage that keeps each request's context with that request: inRequest() holds it only for the request it runs",
    "arm/scope.ts:NO_PARAMETER_VALUES": "no parameter values: an empty ReadonlyMap, which nothing can add to",
    "sdkInternals.ts:deserializeModule":
        "the SDK's decoding, replaced once at load by shareDecoding(): a request's decoded value is kept on that " +
        "request's own properties, and a request not marked is decoded as the SDK does",
    "sdkInternals.ts:errors":
        "the global Error, whose stackTraceLimit withoutStackTrace() sets to 0 only while a not-applicable result is " +
        "recorded, synchronously (no other code runs in between), and puts back in a finally",
};

/** Containers whose construction at module level makes state, unless the binding's type is read-only. */
const CONTAINERS = new Set([
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "WeakRef",
    "Array",
    "FinalizationRegistry",
    "AsyncLocalStorage",
]);

/** Methods that change the container they are called on. */
const MUTATORS = new Set([
    "set",
    "add",
    "delete",
    "clear",
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
    "enterWith",
]);

/** `Object.assign(target, ...)` and the like: functions that change their first argument. */
const WRITING_FUNCTIONS =
    /^(Object\.(assign|defineProperty|defineProperties|setPrototypeOf)|Reflect\.(set|defineProperty|deleteProperty))$/;

interface Finding {
    /** `file:name`, the key of {@link ALLOWED}. */
    key: string;
    line: number;
    what: string;
}

/** The module-level state a source file holds, and the module-level names it declares. */
function moduleState(file: string, text: string): { findings: Finding[]; names: Set<string> } {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const findings: Finding[] = [];
    const found = (name: string, node: ts.Node, what: string) =>
        findings.push({
            key: `${file}:${name}`,
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            what,
        });
    const names = new Set<string>();
    for (const statement of source.statements) {
        if (ts.isVariableStatement(statement)) {
            const mutable = !(statement.declarationList.flags & ts.NodeFlags.Const);
            for (const declaration of statement.declarationList.declarations) {
                for (const name of boundNames(declaration.name)) {
                    names.add(name);
                    if (mutable) {
                        found(name, declaration, "a module-level let or var");
                    }
                    for (const { node, what } of stateMadeBy(declaration)) {
                        found(name, node, what);
                    }
                }
            }
        } else if (ts.isImportDeclaration(statement) && statement.importClause !== undefined) {
            const { name, namedBindings } = statement.importClause;
            if (name !== undefined) {
                names.add(name.text);
            }
            if (namedBindings !== undefined && ts.isNamespaceImport(namedBindings)) {
                names.add(namedBindings.name.text);
            } else if (namedBindings !== undefined) {
                namedBindings.elements.forEach(element => names.add(element.name.text));
            }
        } else if (ts.isClassDeclaration(statement)) {
            for (const member of statement.members) {
                const isStatic = ts
                    .getModifiers(member as ts.HasModifiers)
                    ?.some(m => m.kind === ts.SyntaxKind.StaticKeyword);
                const isReadonly = ts
                    .getModifiers(member as ts.HasModifiers)
                    ?.some(m => m.kind === ts.SyntaxKind.ReadonlyKeyword);
                if (ts.isPropertyDeclaration(member) && isStatic) {
                    const name = `${statement.name?.text}.${member.name.getText()}`;
                    if (!isReadonly) {
                        found(name, member, "a static field not readonly");
                    }
                    for (const { node, what } of stateMadeBy(member)) {
                        found(name, node, what);
                    }
                }
            }
        }
    }
    // A name declared again inside a function may be written there: writes to it are left alone (a container
    // created under that name at module level is still found above).
    const shadowed = new Set<string>();
    const declaredInside = (node: ts.Node, inside: boolean): void => {
        if (
            inside &&
            (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) &&
            node.name !== undefined
        ) {
            boundNames(node.name).forEach(name => shadowed.add(name));
        }
        if (inside && (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
            shadowed.add(node.name.text);
        }
        ts.forEachChild(node, child => declaredInside(child, inside || runsLater(child)));
    };
    declaredInside(source, false);
    const writes = (node: ts.Node, inside: boolean): void => {
        if (inside) {
            for (const target of writtenBy(node)) {
                const root = rootOf(target);
                if (root !== undefined && names.has(root.text) && !shadowed.has(root.text)) {
                    found(root.text, node, `written inside a function: ${node.getText().slice(0, 80)}`);
                }
            }
        }
        ts.forEachChild(node, child => writes(child, inside || runsLater(child)));
    };
    writes(source, false);
    return { findings, names };
}

/** Code that runs after the module has loaded: a function's body, a method, a class's instance fields. */
function runsLater(node: ts.Node): boolean {
    return (
        ts.isFunctionLike(node) ||
        (ts.isPropertyDeclaration(node) && !ts.getModifiers(node)?.some(m => m.kind === ts.SyntaxKind.StaticKeyword))
    );
}

function boundNames(name: ts.BindingName): string[] {
    if (ts.isIdentifier(name)) {
        return [name.text];
    }
    return name.elements.flatMap(element => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** Whether a declaration's type says it cannot be written: `ReadonlyMap<...>`, `Readonly<...>`, `readonly T[]`. */
function declaredReadOnly(declaration: ts.VariableDeclaration | ts.PropertyDeclaration): boolean {
    const type = declaration.type;
    return (
        type !== undefined &&
        ((ts.isTypeReferenceNode(type) && /^Readonly/.test(type.typeName.getText())) ||
            (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword))
    );
}

/**
 * The state a module-level declaration's (or static field's) initializer makes as the module loads, not counting
 * what functions it defines make when they run.
 */
function stateMadeBy(declaration: ts.VariableDeclaration | ts.PropertyDeclaration): { node: ts.Node; what: string }[] {
    const made: { node: ts.Node; what: string }[] = [];
    const pattern = "a global or sticky pattern, whose every match writes lastIndex";
    const readOnly = declaredReadOnly(declaration);
    const visit = (node: ts.Node): void => {
        if (runsLater(node) || ts.isClassLike(node)) {
            return;
        }
        if (ts.isRegularExpressionLiteral(node) && /\/[a-z]*[gy][a-z]*$/.test(node.text)) {
            made.push({ node, what: pattern });
        } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
            const flags = node.arguments?.[1];
            if (node.expression.text === "RegExp" && flags !== undefined && /[gy]/.test(flags.getText())) {
                made.push({ node, what: pattern });
            } else if (!readOnly && CONTAINERS.has(node.expression.text)) {
                made.push({ node, what: `a ${node.expression.text} without a read-only type` });
            }
        }
        ts.forEachChild(node, visit);
    };
    if (declaration.initializer !== undefined) {
        visit(declaration.initializer);
        if (!readOnly) {
            for (const node of valuesOf(declaration.initializer)) {
                if (ts.isArrayLiteralExpression(node) && node.elements.length === 0) {
                    made.push({ node, what: "an empty array without a read-only type" });
                } else if (ts.isObjectLiteralExpression(node) && node.properties.length === 0) {
                    made.push({ node, what: "an empty object without a read-only type" });
                }
            }
        }
    }
    return made;
}

/**
 * The expressions whose value a binding may take: the initializer, or either side of its `??`, `||` or `? :`
 * (an empty object or array there is only there to be filled; one inside a table is part of the table).
 */
function valuesOf(expression: ts.Expression): ts.Expression[] {
    if (
        ts.isParenthesizedExpression(expression) ||
        ts.isAsExpression(expression) ||
        ts.isSatisfiesExpression(expression)
    ) {
        return valuesOf(expression.expression);
    }
    if (
        ts.isBinaryExpression(expression) &&
        (expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
            expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
        return [...valuesOf(expression.left), ...valuesOf(expression.right)];
    }
    if (ts.isConditionalExpression(expression)) {
        return [...valuesOf(expression.whenTrue), ...valuesOf(expression.whenFalse)];
    }
    return [expression];
}

/** The expressions a node writes to: an assignment's target, `x++`, `delete x.y`, `x.set(...)`, `Object.assign(x, ...)`. */
function writtenBy(node: ts.Node): ts.Expression[] {
    if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
        return [node.left];
    }
    if (
        (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
        (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
        return [node.operand];
    }
    if (ts.isDeleteExpression(node)) {
        return [node.expression];
    }
    if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
            return [callee.expression];
        }
        if (WRITING_FUNCTIONS.test(callee.getText()) && node.arguments.length > 0) {
            return [node.arguments[0]];
        }
    }
    return [];
}

/** The binding an expression such as `a.b[c]!.d` starts from; undefined when it starts from anything else. */
function rootOf(expression: ts.Expression): ts.Identifier | undefined {
    let current: ts.Expression = expression;
    for (;;) {
        if (ts.isIdentifier(current)) {
            return current;
        }
        if (
            ts.isPropertyAccessExpression(current) ||
            ts.isElementAccessExpression(current) ||
            ts.isNonNullExpression(current) ||
            ts.isParenthesizedExpression(current) ||
            ts.isAsExpression(current) ||
            ts.isTypeAssertionExpression(current)
        ) {
            current = current.expression;
        } else {
            return undefined;
        }
    }
}

/** The pack's TypeScript sources, relative to policy-pack/ (its build output and dependencies aside). */
function packSources(dir = PACK_DIR): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" || entry.name === "bin" ? [] : packSources(full);
        }
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
            ? [path.relative(PACK_DIR, full).split(path.sep).join("/")]
            : [];
    });
}

describe("module-level state in the policy pack", () => {
    const scanned = packSources().map(file => ({
        file,
        ...moduleState(file, fs.readFileSync(path.join(PACK_DIR, file), "utf8")),
    }));

    it("holds nothing a request writes: tables built at load have read-only types, the rest is allowed with a reason", () => {
        assert.ok(scanned.length > 50, `${scanned.length} sources found in ${PACK_DIR}`);
        const disallowed = scanned
            .flatMap(({ findings }) => findings)
            .filter(finding => !(finding.key in ALLOWED))
            .map(({ key, line, what }) => `${key.replace(/:.*/, "")}:${line} ${key.replace(/.*:/, "")}: ${what}`);
        assert.deepStrictEqual(disallowed, []);
    });

    it("allows only state that still exists", () => {
        const declared = new Set(scanned.flatMap(({ file, names }) => [...names].map(name => `${file}:${name}`)));
        assert.deepStrictEqual(
            Object.keys(ALLOWED).filter(key => !declared.has(key)),
            [],
        );
    });

    it("finds a module-level cache written while a value is measured, and its writes", () => {
        const { findings } = moduleState(
            "arm/measures.ts",
            [
                'import { counts } from "./counts";',
                "const sizes = new WeakMap<object, number>();",
                "const known: Record<string, number> = {};",
                "let measured = 0;",
                "const EVERY_KEY = /k/g;",
                "export const LIMITS: ReadonlyMap<string, number> = new Map([['size', 1]]);",
                "class Sizer { static readonly seen = new Set<object>(); static readonly UNIT = 1; }",
                "export function sizeOf(value: object): number {",
                "    measured++;",
                "    known.last = 1;",
                "    counts.push(1);",
                "    const local = new Map<string, number>();",
                "    local.set('a', 1);",
                "    return sizes.get(value) ?? (sizes.set(value, 1), 1);",
                "}",
            ].join("\n"),
        );
        assert.deepStrictEqual(
            findings.map(({ key, what }) => `${key} ${what.replace(/:.*/, "")}`),
            [
                "arm/measures.ts:sizes a WeakMap without a read-only type",
                "arm/measures.ts:known an empty object without a read-only type",
                "arm/measures.ts:measured a module-level let or var",
                "arm/measures.ts:EVERY_KEY a global or sticky pattern, whose every match writes lastIndex",
                "arm/measures.ts:Sizer.seen a Set without a read-only type",
                "arm/measures.ts:measured written inside a function",
                "arm/measures.ts:known written inside a function",
                "arm/measures.ts:counts written inside a function",
                "arm/measures.ts:sizes written inside a function",
            ],
        );
    });
});
