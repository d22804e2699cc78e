// Azure Policy resources declared inside a template, read as ARM deploys them: ARM evaluates the resource's
// properties in the template (so a rule's policy-language expressions are written `[[...]` there and stored as
// `[...]`), and the definition or assignment it stores is then judged as the same resource declared on its own
// (families/policyDefinition.ts, families/policyAssignment.ts): the sites a deployIfNotExists rule deploys and the
// client-certificate fields a modify or append rule writes are checked; an assignment of a custom definition is
// named, the definition being checked where it is declared. The template walker calls it for these types.
import { evaluateSetting, Scope } from "./evaluate";
import {
    customDefinitionId,
    deploymentProperties,
    FieldWrite,
    fieldWrites,
    POLICY_DEFINITION_ID,
    POLICY_RULE,
    DEPLOYMENT_PATH,
} from "./policyRule";
import { NO_PARAMETER_VALUES, ParameterValues, parameterValues } from "./scope";
import { member } from "./members";
import { ValueCache } from "./valueCache";
import { isProblem, isRecord, ObjectValue, Problem, Unverifiable, Value } from "./values";
import { POLICY_ASSIGNING_TYPES, POLICY_DEFINITION_TYPES, TEMPLATE_HOLDERS } from "../armTypes";
// The walker calls this module and this module uses the walker's readers, each only inside functions, never as
// the other loads, so either may be loaded first.
import { jsonTextSteps } from "./budget";
import { jsonObject } from "./jsonText";
import { linked, TemplateFinding } from "./walker";

/** A policy rule's write to a client-certificate field, declared in a template. */
export interface TemplatePolicyWrite {
    kind: "write";
    /** The definition that writes it, e.g. `Microsoft.Authorization/policyDefinitions "d" at properties.template.resources[0]`. */
    location: string;
    write: FieldWrite;
}

/** An assignment of a custom policy definition, declared in a template: named, not judged. */
export interface TemplateAssignment {
    kind: "assignment";
    /** The assignment, e.g. `Microsoft.Authorization/policyAssignments "a" at properties.template.resources[1]`. */
    location: string;
    /** The property that names the definition, e.g. `properties.template.resources[1].properties.policyDefinitionId`. */
    property: string;
    /** The definition's id, as ARM evaluates it. */
    definitionId: string;
}

/** What the walker lends this module: a place for findings, and a walk of a template in its own scope. */
export interface PolicyWalk {
    found(finding: TemplateFinding): void;
    /** Walks a template a definition deploys, in its own scope, one level deeper. */
    template(template: Value, path: string, parameters: ParameterValues): void;
}

/** The members of a resource's `properties` read here (the walker's copy of a template keeps them). */
const POLICY_PROPERTIES_READ = [POLICY_RULE, POLICY_DEFINITION_ID];

/**
 * Whether the walker hands a resource of this ARM type here: policy definitions (and their versions) and policy
 * assignments. A blueprint's artifact assigns a definition too, but it is a template holder, reported as one.
 */
export function isTemplatePolicyType(type: string): boolean {
    return POLICY_DEFINITION_TYPES.has(type) || (POLICY_ASSIGNING_TYPES.has(type) && !TEMPLATE_HOLDERS.has(type));
}

/** A policy definition or assignment ARM deploys from a template: `entry` at `path`, its expressions in `scope`. */
export function templatePolicy(
    entry: ObjectValue,
    type: string,
    label: string,
    path: string,
    scope: Scope,
    walk: PolicyWalk,
): void {
    const problem = (at: string, found: Problem) =>
        walk.found({ kind: "problem", location: label, path: at, problem: found });
    const { cache } = scope.budget; // the copies of a resource share its entry, read at each
    const properties = evaluatedProperties(entry, scope);
    const prefix = `${path}.properties.`;
    if (!POLICY_DEFINITION_TYPES.has(type)) {
        assignment(entry, properties, `${prefix}${POLICY_DEFINITION_ID}`, label, walk, cache);
        return;
    }
    if (isProblem(properties)) {
        problem(`${path}.properties`, properties);
        return;
    }
    if (!isRecord(properties)) {
        return; // no properties: nothing deployed or written, and Azure refuses the definition
    }
    // A rule given as JSON text is read as the classic provider's is, and charged at each copy that reads it.
    const written = member(properties, POLICY_RULE, cache);
    const rule =
        typeof written === "string" && !scope.budget.spend(jsonTextSteps(written.length))
            ? scope.budget.exhausted()
            : jsonObject(written, `${prefix}${POLICY_RULE}`);
    const deployment = deploymentProperties(rule, prefix);
    const deploymentPath = `${prefix}${POLICY_RULE}.${DEPLOYMENT_PATH.join(".")}`;
    if (isRecord(deployment)) {
        deployed(deployment, deploymentPath, walk, problem, cache);
    } else if (deployment !== undefined && deployment !== null) {
        // A part unknown or of the wrong shape, reported as the template, as for a definition declared on its own.
        walk.template(deployment, deploymentPath, NO_PARAMETER_VALUES);
    }
    for (const write of fieldWrites(rule, prefix)) {
        walk.found({ kind: "write", location: label, write });
    }
}

/**
 * The resource's `properties` as ARM stores them: every expression evaluated in the template. Only the members read
 * here are evaluated (a copy of the template keeps no other), unless `properties` is itself an expression.
 */
function evaluatedProperties(entry: ObjectValue, scope: Scope): Value {
    const raw = member(entry, "properties", scope.budget.cache);
    if (!isRecord(raw)) {
        return evaluateSetting(raw, scope);
    }
    const read: ObjectValue = {};
    for (const name of POLICY_PROPERTIES_READ) {
        const value = member(raw, name, scope.budget.cache);
        if (value !== undefined) {
            read[name] = evaluateSetting(value, scope);
        }
    }
    return read;
}

/**
 * An assignment's definition, from its evaluated `properties`: a custom one is named, a built-in is not. An id only
 * Azure knows (`subscriptionResourceId(...)`) may name either, and the rule passes the assignment either way, so it
 * is named as written, as a custom one would be; a value that is no id, or unknown at preview, is a problem.
 */
function assignment(
    entry: ObjectValue,
    properties: Value,
    property: string,
    label: string,
    walk: PolicyWalk,
    cache: ValueCache,
): void {
    const raw = member(entry, "properties", cache);
    const written = isRecord(raw) ? member(raw, POLICY_DEFINITION_ID, cache) : raw;
    const id = isRecord(properties)
        ? customDefinitionId(member(properties, POLICY_DEFINITION_ID, cache), property)
        : isProblem(properties)
          ? properties
          : undefined;
    const definitionId = id instanceof Unverifiable && typeof written === "string" ? written : id;
    if (typeof definitionId === "string") {
        walk.found({ kind: "assignment", location: label, property, definitionId });
    } else if (definitionId !== undefined) {
        walk.found({ kind: "problem", location: label, path: property, problem: definitionId });
    }
}

/**
 * The deployment a deployIfNotExists rule runs, as the top-level definition's is read (families/armTemplate.ts):
 * its inline template with the parameter values beside it (literal: a policy-language value such as
 * `[field('name')]` is read as its text), a linked template or parameters file reported.
 */
function deployed(
    deployment: ObjectValue,
    path: string,
    walk: PolicyWalk,
    problem: (at: string, found: Problem) => void,
    cache: ValueCache,
): void {
    const templateLink = member(deployment, "templateLink", cache);
    if (templateLink !== undefined && templateLink !== null) {
        problem(`${path}.templateLink`, linked(`${path}.templateLink`, templateLink, "template"));
    }
    const parametersLink = member(deployment, "parametersLink", cache);
    const parameters: ParameterValues =
        parametersLink !== undefined && parametersLink !== null
            ? { kind: "all", value: linked(`${path}.parametersLink`, parametersLink, "parameters file") }
            : member(deployment, "parameters", cache) === undefined
              ? NO_PARAMETER_VALUES
              : parameterValues(member(deployment, "parameters", cache), `${path}.parameters`);
    const template = member(deployment, "template", cache);
    if (template !== undefined && template !== null) {
        walk.template(template, `${path}.template`, parameters);
    }
}
