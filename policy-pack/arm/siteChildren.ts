// Which child resources of a template write a site's settings: a `Microsoft.Web/sites/config` named `web` or a
// publishing credentials policy is the site's when it is declared inside the site, or when its full name is the
// site's name and its own, compared as ARM compares names (in any letter case). Names are often built from values
// only Azure knows (`uniqueString(resourceGroup().id)`): a name written as `format('{0}/web', X)` or
// `concat(X, '/web')` is still the site's when X is the expression the site's own name is, in the same scope.
import { sameFolded, foldCase } from "./caseFolding";
import { evaluateExpression, Scope } from "./evaluate";
import { Expression, ExpressionSyntaxError, isExpression, parseExpression } from "./expressions";
import { TemplateSite, TemplateSiteChild } from "./templateSite";
import { isProblem, Problem, Unknown, Unverifiable, Value } from "./values";

/** A child that writes the site's settings, or may: `unmatched` says why it cannot be told, never passed. */
export interface SiteChild {
    child: TemplateSiteChild;
    unmatched?: Problem;
}

/**
 * The child resources of one resource's templates, indexed once by how they name their site, so that matching every
 * site stays linear in the number of sites and children; only children whose name cannot be evaluated are compared
 * with each site, one budget step each.
 */
export class SiteChildIndex {
    private index?: {
        /** Children declared inside their parent, by the parent's name function. */
        byParent: Map<() => Value, TemplateSiteChild[]>;
        /** Children declared inside a parent with a copy loop, by the name function of each copy. */
        byParentCopy: Map<() => Value, TemplateSiteChild[]>;
        /** Children by type and folded full name. */
        byName: Map<string, TemplateSiteChild[]>;
        /**
         * Children not declared inside their parent, by type and folded own name (the last segment of the full name),
         * for a site whose name cannot be evaluated.
         */
        byOwnName: Map<string, TemplateSiteChild[]>;
        /** Children whose full name cannot be evaluated, by type. */
        unnamed: Map<string, TemplateSiteChild[]>;
    };
    private readonly parts = new Map<TemplateSiteChild, NameParts | undefined>();
    private readonly siteExpressions = new Map<TemplateSite, Expression | undefined>();

    constructor(private readonly children: readonly TemplateSiteChild[]) {}

    /**
     * The children of `site` of `type` (below the site's type: `config`) named `name` (`web`): those that are the
     * site's, and those whose name, or the site's, cannot be evaluated (they may be the site's).
     */
    childrenOf(site: TemplateSite, type: string, name: string): SiteChild[] {
        if (this.children.length === 0) {
            return [];
        }
        const { byParent, byParentCopy, byName, byOwnName, unnamed } = (this.index ??= this.build());
        const childType = `${site.type}/${foldCase(type)}`;
        const found: SiteChild[] = [];
        for (const child of byParent.get(site.name) ?? []) {
            const own = child.declaredIn!.ownName();
            if (child.type === childType && mayBeNamed(own, name)) {
                found.push(isProblem(own) ? { child, unmatched: mayBeTheSites(own, "child", child) } : { child });
            }
        }
        for (const child of byParentCopy.get(site.name) ?? []) {
            if (child.type === childType && mayBeNamed(child.declaredIn!.ownName(), name)) {
                found.push({
                    child,
                    unmatched: new Unverifiable(
                        `${child.location} is declared inside a site with a copy loop, and the policy does not tell which copies it is deployed for`,
                    ),
                });
            }
        }
        const declaredHere = new Set(found.map(({ child }) => child));
        const siteName = site.name();
        if (typeof siteName === "string") {
            for (const child of byName.get(`${childType}\n${foldCase(`${siteName}/${name}`)}`) ?? []) {
                if (!declaredHere.has(child)) {
                    found.push({ child });
                }
            }
        } else if (isProblem(siteName)) {
            const others = byOwnName.get(`${childType}\n${foldCase(name)}`) ?? [];
            if (others.length > 0) {
                found.push({
                    child: others[0],
                    unmatched: mayBeTheSites(siteName, "site", others[0], others.length - 1),
                });
            }
        }
        // Children whose own name cannot be evaluated: each one whose name is built from the site's own is the site's;
        // the others may be, and the first of them stands for all in the verdict.
        const budget = site.scope.budget;
        let mayBe: TemplateSiteChild | undefined;
        let more = 0;
        for (const child of unnamed.get(childType) ?? []) {
            if (budget.isExhausted || !budget.spend()) {
                found.push({ child, unmatched: budget.exhausted() });
                break;
            }
            const parts = this.partsOf(child);
            if (parts !== undefined && !mayBeNamed(parts.own, name)) {
                continue; // another child (`appsettings`)
            }
            const siteExpression = parts === undefined ? undefined : this.expressionOf(site);
            if (
                parts !== undefined &&
                siteExpression !== undefined &&
                !isProblem(parts.own) &&
                child.scope === site.scope &&
                sameExpression(parts.parent, siteExpression)
            ) {
                found.push({ child });
            } else if (mayBe === undefined) {
                mayBe = child;
            } else {
                more++;
            }
        }
        if (mayBe !== undefined) {
            found.push({
                child: mayBe,
                unmatched: mayBeTheSites(mayBe.name() as Problem, "child", mayBe, more),
            });
        }
        return found;
    }

    /**
     * The children that write no site of `sites`, nor may: their site is declared elsewhere, or already in Azure
     * (declared inside an `existing` site or one deployed on a false condition, or named after a site the template
     * does not declare). Each child is looked up once, by the same keys {@link childrenOf} matches it by, so that
     * what one reports the other never does.
     */
    childrenOfUndeclaredSites(sites: readonly TemplateSite[]): TemplateSiteChild[] {
        if (this.children.length === 0) {
            return [];
        }
        const nameFunctions = new Set(sites.map(site => site.name));
        const names = new Set<string>();
        const typesUnnamed = new Set<string>(); // the types of sites whose names cannot be evaluated
        const types = new Set(sites.map(site => site.type));
        for (const site of sites) {
            const name = site.name();
            if (typeof name === "string") {
                names.add(`${site.type}\n${foldCase(name)}`);
            } else if (isProblem(name)) {
                typesUnnamed.add(site.type);
            }
        }
        return this.children.filter(child => {
            const parentType = child.type.slice(0, child.type.lastIndexOf("/"));
            const parent = child.declaredIn;
            if (
                parent !== undefined &&
                (nameFunctions.has(parent.parentName) || parent.parentCopies?.some(copy => nameFunctions.has(copy)))
            ) {
                return false;
            }
            const full = child.name();
            if (typeof full === "string" && full.includes("/")) {
                const parentName = foldCase(full.slice(0, full.lastIndexOf("/")));
                return (
                    !names.has(`${parentType}\n${parentName}`) &&
                    !(parent === undefined && typesUnnamed.has(parentType))
                );
            }
            // A name that cannot be evaluated may be any site's of its type (see `unnamed`).
            return !(isProblem(full) && parent === undefined && types.has(parentType));
        });
    }

    private build(): NonNullable<SiteChildIndex["index"]> {
        const index: NonNullable<SiteChildIndex["index"]> = {
            byParent: new Map(),
            byParentCopy: new Map(),
            byName: new Map(),
            byOwnName: new Map(),
            unnamed: new Map(),
        };
        const add = <K>(map: Map<K, TemplateSiteChild[]>, key: K, child: TemplateSiteChild) => {
            const list = map.get(key);
            if (list === undefined) {
                map.set(key, [child]);
            } else {
                list.push(child);
            }
        };
        for (const child of this.children) {
            if (child.declaredIn !== undefined) {
                // Matched to the site it is declared in; by name too when that is known (a copy of its parent).
                add(index.byParent, child.declaredIn.parentName, child);
                for (const copy of child.declaredIn.parentCopies ?? []) {
                    add(index.byParentCopy, copy, child);
                }
            }
            const full = child.name();
            if (typeof full === "string" && full.includes("/")) {
                add(index.byName, `${child.type}\n${foldCase(full)}`, child);
                if (child.declaredIn === undefined) {
                    add(index.byOwnName, `${child.type}\n${foldCase(full.slice(full.lastIndexOf("/") + 1))}`, child);
                }
            } else if (isProblem(full) && child.declaredIn === undefined) {
                add(index.unnamed, child.type, child);
            }
        }
        return index;
    }

    /** The expression the site's own name is written as, parsed once. */
    private expressionOf(site: TemplateSite): Expression | undefined {
        if (!this.siteExpressions.has(site)) {
            this.siteExpressions.set(site, parsed(site.rawName, site.scope));
        }
        return this.siteExpressions.get(site);
    }

    private partsOf(child: TemplateSiteChild): NameParts | undefined {
        if (!this.parts.has(child)) {
            this.parts.set(child, nameParts(child.rawName, child.scope));
        }
        return this.parts.get(child);
    }
}

/**
 * A child's own name, the last segment of its full name (`web`): given where it is declared inside its parent, read
 * from its full name, or from the expression it is built with (`format('{0}/web', X)`) when only X cannot be
 * evaluated; a problem when none tells it.
 */
export function ownNameOf(child: TemplateSiteChild): Value {
    if (child.declaredIn !== undefined) {
        return child.declaredIn.ownName();
    }
    const full = child.name();
    if (typeof full === "string") {
        return full.slice(full.lastIndexOf("/") + 1);
    }
    const own = isProblem(full) ? nameParts(child.rawName, child.scope)?.own : undefined;
    return own === undefined || isProblem(own) ? full : own;
}

/** Whether a child's own name may be `name`: it is, or it cannot be evaluated. */
function mayBeNamed(own: Value, name: string): boolean {
    return isProblem(own) || (typeof own === "string" && sameFolded(own, name));
}

/** A full name built from its parent's part and its own: `format('{0}/web', X)`, `concat(X, '/web')`, `concat(X, '/', 'web')`. */
interface NameParts {
    parent: Expression;
    own: Value;
}

/** How `raw` builds a full name, when it is one of the forms of {@link NameParts}. */
function nameParts(raw: Value, scope: Scope): NameParts | undefined {
    const expression = parsed(raw, scope);
    if (expression?.kind !== "call") {
        return undefined;
    }
    const { args } = expression;
    const literal = (arg: Expression | undefined) => (arg?.kind === "string" ? arg.value : undefined);
    if (foldCase(expression.name) === "format") {
        const form = /^\{(\d+)\}\/(?:([^{}/]+)|\{(\d+)\})$/.exec(literal(args[0]) ?? "");
        if (form === null) {
            return undefined;
        }
        const parent = args[Number(form[1]) + 1];
        const ownArg = form[3] === undefined ? undefined : args[Number(form[3]) + 1];
        if (parent === undefined || (form[2] === undefined && ownArg === undefined)) {
            return undefined;
        }
        return { parent, own: form[2] ?? evaluateExpression(ownArg!, scope) };
    }
    if (foldCase(expression.name) === "concat" && args.length === 2) {
        const tail = /^\/([^/]+)$/.exec(literal(args[1]) ?? "");
        return tail === null ? undefined : { parent: args[0], own: tail[1] };
    }
    if (foldCase(expression.name) === "concat" && args.length === 3 && literal(args[1]) === "/") {
        return { parent: args[0], own: evaluateExpression(args[2], scope) };
    }
    return undefined;
}

/** A name written as an expression, parsed (its length charged to the budget); undefined for any other name. */
function parsed(raw: Value, scope: Scope): Expression | undefined {
    if (typeof raw !== "string" || !isExpression(raw) || !scope.budget.spendOnSize(raw.length)) {
        return undefined;
    }
    try {
        return parseExpression(raw);
    } catch (e) {
        if (e instanceof ExpressionSyntaxError || e instanceof RangeError) {
            return undefined;
        }
        throw e;
    }
}

function sameExpression(a: Expression, b: Expression): boolean {
    switch (a.kind) {
        case "string":
        case "number":
            return b.kind === a.kind && b.value === a.value;
        case "call":
            return (
                b.kind === "call" &&
                sameFolded(a.name, b.name) &&
                a.args.length === b.args.length &&
                a.args.every((arg, i) => sameExpression(arg, b.args[i]))
            );
        case "property":
            return b.kind === "property" && sameFolded(a.name, b.name) && sameExpression(a.target, b.target);
        case "index":
            return b.kind === "index" && sameExpression(a.target, b.target) && sameExpression(a.index, b.index);
    }
}

/**
 * A name that cannot be evaluated, the child's or the site's: unknown at preview, or unverifiable, naming the child
 * that may be the site's and counting the `more` that may be too.
 */
function mayBeTheSites(problem: Problem, whose: "child" | "site", child: TemplateSiteChild, more = 0): Problem {
    if (problem instanceof Unknown) {
        return problem;
    }
    const others = more === 0 ? "" : ` (nor whether ${more.toLocaleString("en-US")} more such resources do)`;
    return new Unverifiable(
        whose === "child"
            ? `the name of ${child.location} cannot be evaluated (${problem.reason}), so the policy cannot tell whether it writes this site's settings${others}`
            : `the site's name cannot be evaluated (${problem.reason}), so the policy cannot tell whether ${child.location} writes its settings${others}`,
    );
}
