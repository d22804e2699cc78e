// Finds every App Service site and slot a template would deploy, however it is declared: top-level or child
// resources, languageVersion 2.0 symbolic resources, copy loops, nested inline deployments at any depth (with
// ARM's inner and outer expression scopes), and template-spec artifacts linked by relative path. What cannot
// be read before deployment (a linked template, an unreadable shape) is returned as a problem, never skipped.
import { Budget, CHARACTERS_PER_STEP } from "./budget";
import { evaluateSetting, explained, Scope, shorten, withEvaluatedNames } from "./evaluate";
import { isExpression } from "./expressions";
import { jsonObject } from "./jsonText";
import { CopyScope, MAX_COPIES, NO_PARAMETER_VALUES, ParameterValues, parameterValues, TemplateScope } from "./scope";
import {
    PROPERTY_COPY,
    SITE_SETTINGS,
    TemplateSite,
    templateSite,
    TemplateSiteChild,
    templateSiteChild,
} from "./templateSite";
import { artifactKey, joinRelative } from "./templateSpecPaths";
import { DEPLOYMENT_TYPE, SITE_TYPES, TEMPLATE_HOLDERS } from "../armTypes";
import { comparableType, foldCase } from "./caseFolding";
import { InputPath, TemplatesInside } from "./inputCopy";
import { member } from "./members";
import { describeValue } from "./shownValue";
import { ValueCache } from "./valueCache";
import { isProblem, isRecord, ObjectValue, Problem, Unknown, Unverifiable, Value } from "./values";
import { POLICY_DEFINITION_ID, POLICY_RULE } from "./policyRule";
import { isTemplatePolicyType, TemplateAssignment, templatePolicy, TemplatePolicyWrite } from "./templatePolicies";
import { SITE_CHILD_TYPES, TEMPLATE_PROPERTIES_READ } from "../families/siteSettingPlaces";

/** A part of a template that cannot be checked before deployment and may hold a site. */
export interface TemplateProblem {
    kind: "problem";
    location: string;
    /** The property path of what cannot be read, e.g. `properties.templateLink`. */
    path: string;
    problem: Problem;
}

export type TemplateFinding =
    TemplateSite | TemplateSiteChild | TemplateProblem | TemplatePolicyWrite | TemplateAssignment;

/** One template a resource deploys, and how it is deployed. */
export interface TemplateSource {
    /** The template: an object, or its JSON text. */
    template: Value;
    /** Its property path in the resource, e.g. `properties.template`. */
    path: string;
    /** The parameter values the deployment gives it. */
    parameters: ParameterValues;
    /** Template-spec artifacts by {@link artifactKey} of their path (`linkedTemplates`), which `templateLink.relativePath` refers to. */
    artifacts?: Map<string, { template: Value; path: string }>;
    /** The evaluation budget of the resource, shared by all its templates; a fresh one when absent. */
    budget?: Budget;
}

/**
 * Budget steps for each site found (the rules then read and judge its settings, each evaluation on the same budget) and for each template
 * walked (its scope is built again), beyond the step of each resource: so that a template-spec link that
 * multiplies the walk is stopped before the work it leads to.
 */
const SITE_STEPS = 50;
const TEMPLATE_STEPS = 100;

/** Nested deployments (and child resources) deeper than this are reported instead of read. */
export const MAX_NESTING = 64;

/** What the walker reads of a nested deployment's `properties` (see `deployment`). */
const DEPLOYMENT_INPUTS = {
    template: "template",
    templateLink: "templateLink",
    parameters: "parameters",
    parametersLink: "parametersLink",
    evaluationOptions: "expressionEvaluationOptions",
} as const;

/** Every member of a template resource's `properties` the walker reads: a copy of the template may leave out the rest. */
const RESOURCE_PROPERTIES_READ: ReadonlySet<string> = new Set(
    [
        ...Object.values(SITE_SETTINGS),
        ...TEMPLATE_PROPERTIES_READ.keys(),
        PROPERTY_COPY,
        ...Object.values(DEPLOYMENT_INPUTS),
        POLICY_RULE,
        POLICY_DEFINITION_ID,
    ].map(foldCase),
);

/** Members of a template resource's `properties` of which the walker reads only some members: `siteConfig`'s settings. */
const NESTED_PROPERTIES_READ: ReadonlyMap<string, ReadonlySet<string>> = new Map(
    [...TEMPLATE_PROPERTIES_READ].flatMap(([member, below]) =>
        // A `copy` section there may build a setting, which the walker reports.
        below.length === 0 ? [] : [[foldCase(member), new Set([...below, PROPERTY_COPY].map(foldCase))] as const],
    ),
);

/** Templates at these paths of an input, for `readInput` and `readProperty`: `[]` when the input is a template. */
export function templatesAt(...at: InputPath[]): TemplatesInside {
    return { at, propertiesRead: RESOURCE_PROPERTIES_READ, nestedRead: NESTED_PROPERTIES_READ };
}

/**
 * Every site, slot and unreadable part of a template, in template order. The walk and every evaluation draw on
 * the source's budget; when it runs out, the rest of the template is reported as one unverifiable part.
 */
export function findSites(source: TemplateSource): TemplateFinding[] {
    const walker = new Walker(source.artifacts ?? new Map(), source.budget ?? new Budget());
    walker.template(source.template, source.path, source.parameters, undefined, "", 0);
    return walker.findings;
}

/** What the resources of one template share: its scope, where it sits among template-spec artifacts, its language. */
interface TemplateContext {
    scope: Scope;
    artifactPath: string;
    /** languageVersion 2.0: `existing` resources are references, not deployed. */
    symbolic: boolean;
}

class Walker {
    readonly findings: TemplateFinding[] = [];
    /** Artifacts on the current chain of template-spec links, by key: linking one of them again is a cycle. */
    private readonly linkChain = new Set<string>();
    /** Set once the budget is exhausted: the walk stops, with one finding that says so. */
    private stopped = false;
    /** Template texts read so far: reading a large object is slow (V8 keeps it as a dictionary), so each is read once. */
    private readonly texts = new Map<string, Value>();

    /** The budget's cache, for reading members: a resource's entry is read again at each of its copies. */
    private readonly cache: ValueCache;

    constructor(
        private readonly artifacts: Map<string, { template: Value; path: string }>,
        private readonly budget: Budget,
    ) {
        this.cache = budget.cache;
    }

    /**
     * One template. With `outer` set, its expressions are evaluated in that scope (a nested deployment with
     * the default `outer` scope); otherwise in its own, with `parameters`.
     */
    template(
        raw: Value,
        path: string,
        parameters: ParameterValues,
        outer: Scope | undefined,
        artifactPath: string,
        depth: number,
    ): void {
        // Template text is charged at each walk (a template-spec artifact may be linked many times), read once.
        if (
            !this.within(
                TEMPLATE_STEPS + (typeof raw === "string" ? Math.ceil(raw.length / CHARACTERS_PER_STEP) : 0),
                path,
            )
        ) {
            return;
        }
        const template = (typeof raw === "string" && this.texts.get(raw)) || jsonObject(raw, path);
        if (typeof raw === "string" && !isProblem(template)) {
            this.texts.set(raw, template);
        }
        if (isProblem(template)) {
            this.problem(`the template at ${path}`, path, template);
            return;
        }
        if (!isRecord(template)) {
            this.problem(
                `the template at ${path}`,
                path,
                new Unverifiable(`${path} is ${describeValue(template)}, not an ARM template object or its JSON text`),
            );
            return;
        }
        const languageVersion = member(template, "languageVersion", this.cache);
        const context: TemplateContext = {
            scope: outer ?? new TemplateScope(template, parameters, this.budget),
            artifactPath,
            symbolic: typeof languageVersion === "string" && languageVersion.startsWith("2."),
        };
        this.resources(member(template, "resources", this.cache), `${path}.resources`, undefined, context, depth);
    }

    /** A `resources` array, or (languageVersion 2.0) an object keyed by symbolic name. */
    private resources(
        resources: Value,
        path: string,
        parent: Parent | undefined,
        context: TemplateContext,
        depth: number,
    ): void {
        if (resources === undefined || resources === null) {
            return;
        }
        if (isProblem(resources)) {
            this.problem(`the resources at ${path}`, path, resources);
        } else if (Array.isArray(resources)) {
            for (let i = 0; i < resources.length && !this.stopped; i++) {
                this.resource(resources[i], `${path}[${i}]`, parent, context, depth);
            }
        } else if (isRecord(resources)) {
            for (const key in resources) {
                if (this.stopped) {
                    break;
                }
                this.resource(resources[key], `${path}${keyPath(key)}`, parent, context, depth);
            }
        } else {
            this.problem(
                `the resources at ${path}`,
                path,
                new Unverifiable(`${path} is ${describeValue(resources)}, not an array or object of resources`),
            );
        }
    }

    /**
     * One resource, and the child resources declared inside it. A resource ARM does not deploy (condition false,
     * `existing`, a copy loop of count 0) is not checked, but its children are: skipping does not cascade.
     */
    private resource(
        entry: Value,
        path: string,
        parent: Parent | undefined,
        context: TemplateContext,
        depth: number,
    ): void {
        const { scope } = context;
        if (!this.within(1, path)) {
            return;
        }
        if (isProblem(entry)) {
            this.problem(`the resource at ${path}`, path, entry);
            return;
        }
        if (!isRecord(entry)) {
            return;
        }
        const named = withEvaluatedNames(entry, scope);
        if (isProblem(named)) {
            this.problem(`the resource at ${path}`, path, named);
            return;
        }
        this.declaredResource(named, path, parent, context, depth);
    }

    /** A resource whose property names are evaluated. */
    private declaredResource(
        entry: ObjectValue,
        path: string,
        parent: Parent | undefined,
        context: TemplateContext,
        depth: number,
    ): void {
        const { scope } = context;
        const copies = isReference(entry, context) ? [] : iterations(entry, scope);
        const deployed = copies.filter(
            copy => evaluateSetting(member(entry, "condition", this.cache), copy.scope) !== false,
        );
        const children = member(entry, "resources", this.cache);
        if (deployed.length === 0 && (children === undefined || children === null)) {
            return;
        }
        const type = evaluateSetting(member(entry, "type", this.cache), scope);
        if (isProblem(type)) {
            this.problem(
                `the resource at ${path}`,
                `${path}.type`,
                explained(member(entry, "type", this.cache), type, "its type is"),
            );
            return;
        }
        if (typeof type !== "string") {
            return;
        }
        // A child declared with a type relative to its parent's has a name relative to its parent's too.
        const relativeTo = parent === undefined || /^[^/]*\./.test(type) ? undefined : parent;
        const fullType = relativeTo === undefined ? type : `${relativeTo.type}/${type}`;
        // One name function per scope: a site's children are matched to it by that very function.
        const names = new Map<Scope, () => Value>();
        const nameIn = (copyScope: Scope) => {
            let name = names.get(copyScope);
            if (name === undefined) {
                name = once(() => fullName(member(entry, "name", this.cache), copyScope, relativeTo));
                names.set(copyScope, name);
            }
            return name;
        };
        const declaredIn = (copyScope: Scope) =>
            relativeTo && {
                parentName: relativeTo.name,
                parentCopies: relativeTo.copies,
                ownName: once(() => evaluateSetting(member(entry, "name", this.cache), copyScope)),
            };
        const label = (copy: Iteration) =>
            `${fullType} ${describeName(member(entry, "name", this.cache), copy.scope)}${copy.note} at ${path}`;
        if (depth >= MAX_NESTING) {
            this.problem(
                label({ scope, note: copyNote(entry, this.cache) }),
                path,
                new Unverifiable(`it is nested more than ${MAX_NESTING} levels deep, and the policy reads no deeper`),
            );
            return;
        }
        for (const copy of deployed) {
            if (this.stopped) {
                break;
            }
            this.deployedResource(
                entry,
                comparableType(fullType),
                label(copy),
                path,
                { full: nameIn(copy.scope), declaredIn: declaredIn(copy.scope) },
                { ...context, scope: copy.scope },
                depth,
            );
        }
        const looped = deployed.some(copy => copy.scope !== scope);
        const asParent = {
            type: fullType,
            name: nameIn(scope),
            copies: looped ? deployed.map(c => nameIn(c.scope)) : undefined,
        };
        this.resources(children, `${path}.resources`, asParent, context, depth + 1);
    }

    /**
     * A resource ARM deploys: a site or slot, a child of one that may write its settings, a nested deployment, or
     * another resource that holds a template. `name` gives its full name, evaluated on demand, and where it is
     * declared inside its parent.
     */
    private deployedResource(
        entry: ObjectValue,
        type: string,
        label: string,
        path: string,
        name: { full: () => Value; declaredIn: TemplateSiteChild["declaredIn"] },
        context: TemplateContext,
        depth: number,
    ): void {
        if (SITE_TYPES.has(type)) {
            this.budget.spend(SITE_STEPS);
            this.findings.push(templateSite(entry, type, label, path, context.scope, name.full));
        } else if (SITE_CHILD_TYPES.has(type)) {
            this.findings.push(templateSiteChild(entry, type, label, path, context.scope, name.full, name.declaredIn));
        } else if (type === DEPLOYMENT_TYPE) {
            this.deployment(entry, label, path, context, depth);
        } else if (isTemplatePolicyType(type)) {
            templatePolicy(entry, type, label, path, context.scope, {
                found: finding => this.findings.push(finding),
                template: (raw, at, parameters) => this.template(raw, at, parameters, undefined, "", depth + 1),
            });
        } else if (TEMPLATE_HOLDERS.has(type)) {
            this.problem(
                label,
                `${path}.properties`,
                new Unverifiable(
                    "it declares a template inside a template, whose expressions ARM evaluates in ways the policy does not follow",
                ),
            );
        }
    }

    /** A nested `Microsoft.Resources/deployments`: its inline template, or the template-spec artifact it links. */
    private deployment(
        entry: ObjectValue,
        label: string,
        path: string,
        { scope, artifactPath }: TemplateContext,
        depth: number,
    ): void {
        const properties = member(entry, "properties", this.cache);
        if (isProblem(properties) || !isRecord(properties)) {
            const problem = isProblem(properties)
                ? properties
                : new Unverifiable(
                      `${path}.properties is ${describeValue(properties)}, not an object the policy can read`,
                  );
            this.problem(label, `${path}.properties`, problem);
            return;
        }
        const evaluationScope = innerOrOuter(
            member(properties, DEPLOYMENT_INPUTS.evaluationOptions, this.cache),
            scope,
        );
        if (evaluationScope instanceof Unverifiable || evaluationScope instanceof Unknown) {
            this.problem(label, `${path}.properties.expressionEvaluationOptions.scope`, evaluationScope);
            return;
        }
        const parametersLink = member(properties, DEPLOYMENT_INPUTS.parametersLink, this.cache);
        const parameters =
            parametersLink !== undefined
                ? {
                      kind: "all" as const,
                      value: linked(`${path}.properties.parametersLink`, parametersLink, "parameters file"),
                  }
                : parameterValues(
                      member(properties, DEPLOYMENT_INPUTS.parameters, this.cache),
                      `${path}.properties.parameters`,
                      scope,
                  );
        const link = member(properties, DEPLOYMENT_INPUTS.templateLink, this.cache);
        if (link !== undefined) {
            const artifact = this.artifact(link, artifactPath);
            if (artifact === undefined) {
                this.problem(
                    label,
                    `${path}.properties.templateLink`,
                    linked(`${path}.properties.templateLink`, link, "template"),
                );
            } else if (this.linkChain.has(artifact.key)) {
                this.problem(
                    label,
                    `${path}.properties.templateLink`,
                    new Unverifiable(
                        `it links the template-spec artifact "${shorten(artifact.relativePath)}", which the chain of links leading here already deploys: a cycle that ARM cannot deploy`,
                    ),
                );
            } else {
                // A linked template always has its own scope.
                this.linkChain.add(artifact.key);
                this.template(
                    artifact.template,
                    artifact.path,
                    parameters,
                    undefined,
                    artifact.relativePath,
                    depth + 1,
                );
                this.linkChain.delete(artifact.key);
            }
            return;
        }
        let template = member(properties, DEPLOYMENT_INPUTS.template, this.cache);
        if (template === undefined) {
            return;
        }
        const outer = evaluationScope === "inner" ? undefined : scope;
        if (typeof template === "string" && isExpression(template)) {
            const built = builtTemplate(template, scope, outer !== undefined);
            if (isProblem(built)) {
                this.problem(label, `${path}.properties.template`, built);
                return;
            }
            template = built;
        }
        this.template(
            template,
            `${path}.properties.template`,
            outer ? NO_PARAMETER_VALUES : parameters,
            outer,
            artifactPath,
            depth + 1,
        );
    }

    /** The template-spec artifact a `templateLink.relativePath` names, relative to the linking template's folder. */
    private artifact(
        link: Value,
        from: string,
    ): { template: Value; path: string; relativePath: string; key: string } | undefined {
        const relative = isRecord(link) ? member(link, "relativePath", this.cache) : undefined;
        if (
            typeof relative !== "string" ||
            this.artifacts.size === 0 ||
            (isRecord(link) &&
                (member(link, "uri", this.cache) !== undefined || member(link, "id", this.cache) !== undefined))
        ) {
            return undefined;
        }
        const relativePath = joinRelative(from, relative);
        const key = relativePath === undefined ? undefined : artifactKey(relativePath);
        const artifact = key === undefined ? undefined : this.artifacts.get(key);
        return artifact && { ...artifact, relativePath: relativePath!, key: key! };
    }

    /** Spends `steps`; once the budget is exhausted, stops the walk with one finding for the rest of the template. */
    private within(steps: number, path: string): boolean {
        if (this.stopped) {
            return false;
        }
        if (!this.budget.spend(steps)) {
            this.stopped = true;
            this.problem(`the template from ${path} on`, path, this.budget.exhausted());
        }
        return !this.stopped;
    }

    private problem(location: string, path: string, problem: Problem): void {
        this.findings.push({ kind: "problem", location, path, problem });
    }
}

/**
 * A nested template built by an expression, as Bicep writes `template: loadJsonContent('t.json')` (the variable
 * `$fxv#0`, the file's content with each string's leading `[` escaped as `[[`) or `loadTextContent` (its JSON text).
 * ARM evaluates the deployment's properties in the enclosing template, so the expression yields the template, whose
 * own expressions the nested deployment evaluates. With the inner scope that is the nested template's own scope;
 * with the outer scope ARM does not document whether the expressions of a template built this way are evaluated
 * again, or where, so it stays unverifiable.
 */
function builtTemplate(expression: string, scope: Scope, outerScope: boolean): Value {
    if (outerScope) {
        return new Unverifiable(
            `the nested template is built by the expression ${shorten(expression)} and evaluated in the outer scope, where ARM does not document how the expressions of the template it yields are evaluated`,
            'expressionEvaluationOptions.scope "inner" on a nested deployment whose template is built by an expression',
        );
    }
    return explained(expression, evaluateSetting(expression, scope), "the nested template is");
}

/** A languageVersion 2.0 `existing` resource: a reference to a resource deployed elsewhere, not deployed here. */
function isReference(entry: ObjectValue, { symbolic, scope }: TemplateContext): boolean {
    return symbolic && member(entry, "existing", scope.budget.cache) === true;
}

/** The resource that declares child resources in its `resources`: its full type and its full name, on demand. */
interface Parent {
    type: string;
    name: () => Value;
    /** The name functions of its copies, when it has a copy loop of known count: its children are each copy's or none. */
    copies?: (() => Value)[];
}

/** A resource's full name, as ARM gives it: its parent's name and its own, for a child declared inside its parent. */
function fullName(raw: Value, scope: Scope, parent: Parent | undefined): Value {
    const own = evaluateSetting(raw, scope);
    if (parent === undefined || isProblem(own)) {
        return own;
    }
    const parentName = parent.name();
    if (isProblem(parentName)) {
        return parentName;
    }
    return typeof parentName === "string" && typeof own === "string"
        ? `${parentName}/${own}`
        : new Unverifiable(`its name is ${describeValue(own)} inside ${describeValue(parentName)}, not a string`);
}

/** `evaluate` run once, on first use. */
function once(evaluate: () => Value): () => Value {
    let value: { result: Value } | undefined;
    return () => (value ??= { result: evaluate() }).result;
}

/** One copy of a resource ARM deploys: the scope its expressions are evaluated in, and how messages tell it apart. */
interface Iteration {
    scope: Scope;
    note: string;
}

/**
 * The copies of a resource ARM deploys, before their conditions: one for a resource without a copy loop, none for a
 * loop that counts 0, each iteration (with its `copyIndex()`) for a loop whose count is known and at most
 * {@link MAX_COPIES}, and otherwise one for the whole loop, where `copyIndex()` cannot be known.
 */
function iterations(entry: ObjectValue, scope: Scope): Iteration[] {
    const { cache } = scope.budget;
    const copy = member(entry, "copy", cache);
    if (copy === undefined) {
        return [{ scope, note: "" }];
    }
    const count = isRecord(copy) ? evaluateSetting(member(copy, "count", cache), scope) : undefined;
    const name = isRecord(copy) ? member(copy, "name", cache) : undefined;
    if (count === 0) {
        return [];
    }
    if (
        typeof name !== "string" ||
        typeof count !== "number" ||
        !Number.isInteger(count) ||
        count < 0 ||
        count > MAX_COPIES
    ) {
        return [{ scope, note: copyNote(entry, cache) }];
    }
    return Array.from({ length: count }, (_, i) => ({
        scope: new CopyScope(scope, name, i),
        note: ` (copy ${i + 1} of ${count} of loop "${shorten(name)}")`,
    }));
}

/** `inner` or `outer` (the default) from a nested deployment's `expressionEvaluationOptions`. */
function innerOrOuter(options: Value, scope: Scope): "inner" | "outer" | Problem {
    const value = isRecord(options)
        ? evaluateSetting(member(options, "scope", scope.budget.cache), scope)
        : isProblem(options)
          ? options
          : undefined;
    if (isProblem(value)) {
        return value;
    }
    if (
        value === undefined ||
        value === null ||
        (typeof value === "string" && ["outer", "notspecified"].includes(foldCase(value)))
    ) {
        return "outer";
    }
    return typeof value === "string" && foldCase(value) === "inner"
        ? "inner"
        : new Unverifiable(
              `the nested deployment's expression evaluation scope is ${describeValue(value)}, neither "inner" nor "outer"`,
          );
}

/** A linked template or parameters file: ARM fetches it during the deployment, so the policy cannot read it. */
export function linked(path: string, link: Value, what: "template" | "parameters file"): Unverifiable | Unknown {
    if (link instanceof Unknown) {
        return link;
    }
    const target = isRecord(link) ? (member(link, "uri") ?? member(link, "id") ?? member(link, "relativePath")) : link;
    const subject = what === "template" ? "it links the template" : `${path} links the parameters file`;
    return new Unverifiable(
        `${subject} ${describeValue(target ?? link)}, which Azure fetches during the deployment, so the policy cannot read it`,
        "an inline template the policy can read, or, once the linked template has been reviewed, an exemption of this resource " +
            "(by logical name or URN) in the policy config's exemptions",
    );
}

function copyNote(entry: ObjectValue, cache: ValueCache): string {
    const copy = member(entry, "copy", cache);
    if (copy === undefined) {
        return "";
    }
    const name = isRecord(copy) ? member(copy, "name", cache) : undefined;
    return ` (copy loop${typeof name === "string" ? ` "${name}"` : ""}: one verdict for every copy)`;
}

/** A resource's name for messages: the name ARM would give it when it can be evaluated, as written otherwise. */
function describeName(name: Value, scope: Scope): string {
    if (typeof name === "string" && isExpression(name)) {
        const evaluated = evaluateSetting(name, scope);
        return typeof evaluated === "string" ? JSON.stringify(shorten(evaluated)) : JSON.stringify(shorten(name));
    }
    return typeof name === "string" ? JSON.stringify(shorten(name)) : describeValue(name);
}

/** `.name` for a plain symbolic name, `["odd name"]` otherwise. */
function keyPath(key: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${shorten(key)}` : `[${JSON.stringify(shorten(key))}]`;
}
