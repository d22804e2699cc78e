// ARM template expressions: a string that starts with `[` and ends with `]` is an expression; `[[` escapes a
// literal `[`. This module only parses them; `evaluate.ts` gives them meaning.

/** A parsed expression. */
export type Expression =
    | { kind: "string"; value: string }
    | { kind: "number"; value: number }
    | { kind: "call"; name: string; args: Expression[] }
    | { kind: "property"; target: Expression; name: string }
    | { kind: "index"; target: Expression; index: Expression };

/** Why an expression does not parse. */
export class ExpressionSyntaxError extends Error {}

/** Deepest nesting of calls and brackets in one expression; deeper is refused rather than overflowing the stack. */
export const MAX_EXPRESSION_DEPTH = 100;

/** Whether a template string is an expression (as opposed to a literal, including an escaped `[[...`). */
export function isExpression(text: string): boolean {
    return text.length >= 2 && text.startsWith("[") && text.endsWith("]") && !text.startsWith("[[");
}

/** The literal a non-expression template string stands for: `[[x]` means `[x]`. */
export function literalOf(text: string): string {
    return text.startsWith("[[") ? text.slice(1) : text;
}

type Token =
    | { kind: "identifier"; text: string }
    | { kind: "string"; text: string }
    | { kind: "number"; value: number }
    | { kind: "punctuation"; text: string };

/** Parses the expression inside a template string such as `[concat('a', parameters('b'))]`. */
export function parseExpression(text: string): Expression {
    const tokens = tokenize(text.slice(1, -1));
    const parser = new Parser(tokens);
    const expression = parser.expression(0);
    if (!parser.done()) {
        throw new ExpressionSyntaxError(`unexpected ${parser.describeNext()} after a complete expression`);
    }
    return expression;
}

/** The text a sticky pattern matches at a position (the caller has checked that it does). */
function matchAt(pattern: RegExp, text: string, position: number): string {
    pattern.lastIndex = position;
    return pattern.exec(text)![0];
}

function tokenize(text: string): Token[] {
    // A sticky pattern keeps where it last matched (lastIndex): each parse has its own.
    const number = /-?[0-9]+/y;
    const identifier = /[A-Za-z_$][A-Za-z0-9_$]*/y;
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
        } else if (c === "'") {
            // Read up to each quote natively: a literal of 24,000 characters is a few copies, not 24,000 steps.
            const pieces: string[] = [];
            let start = i + 1;
            for (;;) {
                const end = text.indexOf("'", start);
                if (end === -1) {
                    throw new ExpressionSyntaxError("a string literal is not closed");
                }
                pieces.push(text.slice(start, end));
                if (text[end + 1] === "'") {
                    pieces.push("'");
                    start = end + 2;
                    continue;
                }
                i = end + 1;
                break;
            }
            tokens.push({ kind: "string", text: pieces.join("") });
        } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
            const match = matchAt(number, text, i);
            tokens.push({ kind: "number", value: Number(match) });
            i += match.length;
        } else if (/[A-Za-z_$]/.test(c)) {
            const match = matchAt(identifier, text, i);
            tokens.push({ kind: "identifier", text: match });
            i += match.length;
        } else if ("(),.[]".includes(c)) {
            tokens.push({ kind: "punctuation", text: c });
            i++;
        } else {
            throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(c)}`);
        }
    }
    return tokens;
}

class Parser {
    private position = 0;

    constructor(private readonly tokens: Token[]) {}

    done(): boolean {
        return this.position >= this.tokens.length;
    }

    describeNext(): string {
        const token = this.tokens[this.position];
        if (token === undefined) {
            return "end of expression";
        }
        return token.kind === "number"
            ? String(token.value)
            : token.kind === "string"
              ? `'${token.text}'`
              : `"${token.text}"`;
    }

    expression(depth: number): Expression {
        if (depth > MAX_EXPRESSION_DEPTH) {
            throw new ExpressionSyntaxError(`it nests more than ${MAX_EXPRESSION_DEPTH} levels deep`);
        }
        let expression = this.primary(depth);
        for (;;) {
            if (this.accept(".")) {
                const name = this.next();
                if (name?.kind !== "identifier") {
                    throw new ExpressionSyntaxError('a property name must follow "."');
                }
                expression = { kind: "property", target: expression, name: name.text };
            } else if (this.accept("[")) {
                const index = this.expression(depth + 1);
                this.expect("]");
                expression = { kind: "index", target: expression, index };
            } else {
                return expression;
            }
        }
    }

    private primary(depth: number): Expression {
        const token = this.next();
        if (token === undefined) {
            throw new ExpressionSyntaxError("the expression is empty or ends too early");
        }
        if (token.kind === "string") {
            return { kind: "string", value: token.text };
        }
        if (token.kind === "number") {
            return { kind: "number", value: token.value };
        }
        if (token.kind !== "identifier") {
            throw new ExpressionSyntaxError(`unexpected "${token.text}"`);
        }
        let name = token.text;
        if (this.accept(".")) {
            // a user-defined function: namespace.name(...)
            const member = this.next();
            if (member?.kind !== "identifier") {
                throw new ExpressionSyntaxError(`"${name}." must be followed by a function name`);
            }
            name = `${name}.${member.text}`;
        }
        this.expect("(");
        const args: Expression[] = [];
        if (!this.accept(")")) {
            do {
                args.push(this.expression(depth + 1));
            } while (this.accept(","));
            this.expect(")");
        }
        return { kind: "call", name, args };
    }

    private next(): Token | undefined {
        return this.tokens[this.position++];
    }

    private accept(punctuation: string): boolean {
        const token = this.tokens[this.position];
        if (token?.kind === "punctuation" && token.text === punctuation) {
            this.position++;
            return true;
        }
        return false;
    }

    private expect(punctuation: string): void {
        if (!this.accept(punctuation)) {
            throw new ExpressionSyntaxError(`expected "${punctuation}" but found ${this.describeNext()}`);
        }
    }
}
