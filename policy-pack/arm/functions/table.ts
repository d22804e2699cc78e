// The ARM template functions the policy evaluates, one module for each group of ARM's documentation
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions): a function ARM lists in
// several groups lives in the first of them, in the documentation's order (array, comparison, logical, numeric,
// object, string). What every function must do is in templateFunction.ts. This module assembles the groups into
// the one table the evaluator looks names up in, and says why any other function cannot be evaluated.
import { Unverifiable } from "../values";
import { arrayFunctions } from "./array";
import { comparisonFunctions } from "./comparison";
import { logicalFunctions } from "./logical";
import { numericFunctions } from "./numeric";
import { objectFunctions } from "./object";
import { stringFunctions } from "./string";
import { TemplateFunction } from "./templateFunction";
import { foldCase } from "../caseFolding";

/** Functions whose value only Azure knows while it runs the deployment. */
const DEPLOYMENT_TIME: ReadonlySet<string> = new Set([
    "reference",
    "references",
    "resourceid",
    "subscriptionresourceid",
    "tenantresourceid",
    "extensionresourceid",
    "managementgroupresourceid",
    "resourcegroup",
    "subscription",
    "managementgroup",
    "tenant",
    "deployment",
    "deployer",
    "environment",
    "uniquestring",
    "guid",
    "newguid",
    "utcnow",
    "pickzones",
    "providers",
    "listkeys",
    "listsecrets",
    "listaccountsas",
    "listservicesas",
    "list",
    "getsecret",
]);

/** Why a function cannot be evaluated before deployment (for messages). */
export function unsupportedFunction(name: string): Unverifiable {
    const lower = foldCase(name);
    if (lower === "copyindex") {
        return new Unverifiable("copyIndex() differs from one copy of the loop to the next");
    }
    if (DEPLOYMENT_TIME.has(lower) || lower.startsWith("list")) {
        return new Unverifiable(`${name}() is known only when Azure runs the deployment`);
    }
    return new Unverifiable(`the policy does not evaluate the template function ${name}()`);
}

const GROUPS: readonly Readonly<Record<string, TemplateFunction>>[] = [
    arrayFunctions,
    comparisonFunctions,
    logicalFunctions,
    numericFunctions,
    objectFunctions,
    stringFunctions,
];

/** Every function of the groups, by folded name; a name two groups define is refused (when the pack loads). */
function assembled(groups: typeof GROUPS): Record<string, TemplateFunction> {
    const all: Record<string, TemplateFunction> = {};
    for (const group of groups) {
        for (const name of Object.keys(group)) {
            if (Object.prototype.hasOwnProperty.call(all, name)) {
                throw new Error(
                    `The ARM function ${name}() is defined in two groups: keep it in the first group ARM lists it in`,
                );
            }
            all[name] = group[name];
        }
    }
    return all;
}

const functions: Readonly<Record<string, TemplateFunction>> = assembled(GROUPS);

/** The pure function of this name (ignoring case), or undefined when the policy does not evaluate it. */
export function pureFunction(name: string): TemplateFunction | undefined {
    const lower = foldCase(name);
    return Object.prototype.hasOwnProperty.call(functions, lower) ? functions[lower] : undefined;
}

/** The names of the pure functions, for the README's list and its test. */
export const PURE_FUNCTIONS: readonly string[] = Object.keys(functions);
