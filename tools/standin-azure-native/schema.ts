// The package schema the STAND-IN azure-native provider serves from GetSchema, derived mechanically from the
// installed @pulumi/azure-native typings with the TypeScript compiler API, so that it cannot drift from the SDK.
//
// Pulumi YAML type-checks every resource of a program against its provider's schema; the real azure-native
// schema is in no reachable registry (its npm, PyPI and Go packages ship SDKs only), but the SDK is generated
// from it: each resource class's `readonly` outputs, its `<Resource>Args` interface, and the `inputs`,
// `outputs` and `enums` types they reference are the schema's resources, object types and enums, renamed as the
// generator names them (`SiteConfig` for the input interface `SiteConfigArgs`, `SiteConfigResponse` as is).
import * as path from "path";
import * as ts from "typescript";

/** A property's type in a Pulumi package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/). */
export interface PropertySpec {
    readonly type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
    readonly items?: PropertySpec;
    readonly additionalProperties?: PropertySpec;
    readonly $ref?: string;
    readonly oneOf?: PropertySpec[];
    readonly description?: string;
}

/** An object type: the properties of an `inputs.*` or `outputs.*` interface. */
export interface ObjectTypeSpec {
    readonly type: "object";
    readonly properties: Record<string, PropertySpec>;
    readonly required?: string[];
    readonly description?: string;
}

/** A string enum: the values of an `enums.*` type. */
export interface EnumTypeSpec {
    readonly type: "string";
    readonly enum: { readonly name: string; readonly value: string }[];
}

/** A resource: its outputs and its inputs, each with the names that must be present. */
export interface ResourceSpec {
    readonly description?: string;
    /** Outputs: the resource class's `readonly` properties. */
    readonly properties: Record<string, PropertySpec>;
    readonly required: string[];
    /** Inputs: the properties of `<Resource>Args`. */
    readonly inputProperties: Record<string, PropertySpec>;
    readonly requiredInputs: string[];
}

/** The package schema the stand-in serves: only resources and types (no functions, config or language sections). */
export interface PackageSchema {
    readonly name: "azure-native";
    readonly version: string;
    readonly description: string;
    readonly resources: Record<string, ResourceSpec>;
    readonly types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
}

const PACKAGE = "azure-native";
const SDK_DIR = path.dirname(require.resolve("@pulumi/azure-native/package.json"));
const ANY: PropertySpec = { $ref: "pulumi.json#/Any" };

/** The .d.ts file of a resource given as `<module>:<Resource>` (e.g. web:WebApp → web/webApp.d.ts). */
export function typingsFile(resource: string): string {
    const [module, name] = resource.split(":");
    return path.join(SDK_DIR, module, `${name.charAt(0).toLowerCase()}${name.slice(1)}.d.ts`);
}

/**
 * The schema of the given resources (`<module>:<Resource>`, e.g. `web:WebApp`) and of every object type and
 * enum they reach. Throws on a type it cannot express, naming the property, rather than guessing.
 */
export function deriveSchema(resources: readonly string[], version: string): PackageSchema {
    const program = ts.createProgram(resources.map(typingsFile), { noEmit: true, skipLibCheck: true, types: [] });
    const deriver = new SchemaDeriver(program.getTypeChecker());
    const schemaResources: Record<string, ResourceSpec> = {};
    for (const resource of resources) {
        const file = program.getSourceFile(typingsFile(resource));
        if (!file) {
            throw new Error(`@pulumi/azure-native has no typings for ${resource} (${typingsFile(resource)})`);
        }
        schemaResources[`${PACKAGE}:${resource}`] = deriver.resource(file, resource.split(":")[1]);
    }
    return {
        name: PACKAGE,
        version,
        description:
            "STAND-IN for the azure-native provider: resources and types derived from the @pulumi/azure-native typings",
        resources: schemaResources,
        types: deriver.types,
    };
}

class SchemaDeriver {
    readonly types: Record<string, ObjectTypeSpec | EnumTypeSpec> = {};

    constructor(private readonly checker: ts.TypeChecker) {}

    resource(file: ts.SourceFile, name: string): ResourceSpec {
        const resourceClass = file.statements.find(
            (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name,
        );
        const args = file.statements.find(
            (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${name}Args`,
        );
        if (!resourceClass || !args) {
            throw new Error(`${file.fileName} does not declare the class ${name} and the interface ${name}Args`);
        }
        const outputs = resourceClass.members.filter(
            (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !isStatic(m),
        );
        const properties = this.properties(outputs, `${name} output`);
        const inputs = this.properties(args.members.filter(ts.isPropertySignature), `${name}Args`);
        return {
            description: this.documentation(resourceClass.name!),
            properties: properties.specs,
            required: properties.required,
            inputProperties: inputs.specs,
            requiredInputs: inputs.required,
        };
    }

    /** A property is required when it has no `?` and its type does not admit `undefined`. */
    private properties(members: readonly (ts.PropertySignature | ts.PropertyDeclaration)[], owner: string) {
        const specs: Record<string, PropertySpec> = {};
        const required: string[] = [];
        for (const member of members) {
            const name = member.name.getText();
            if (!member.type) {
                throw new Error(`${owner}.${name} has no declared type`);
            }
            const description = this.documentation(member.name);
            specs[name] = { ...this.spec(member.type, `${owner}.${name}`), ...(description ? { description } : {}) };
            if (!member.questionToken && !admitsUndefined(member.type)) {
                required.push(name);
            }
        }
        return { specs, required: required.sort() };
    }

    private spec(node: ts.TypeNode, where: string): PropertySpec {
        if (ts.isParenthesizedTypeNode(node)) {
            return this.spec(node.type, where);
        }
        if (ts.isUnionTypeNode(node)) {
            const members = node.types.filter(t => !isUndefinedOrNull(t));
            const specs = members.map(t => this.spec(t, where));
            const distinct = specs.filter(
                (s, i) => specs.findIndex(other => JSON.stringify(other) === JSON.stringify(s)) === i,
            );
            return distinct.length === 1 ? distinct[0] : { oneOf: distinct };
        }
        if (ts.isArrayTypeNode(node)) {
            return { type: "array", items: this.spec(node.elementType, where) };
        }
        if (ts.isTypeLiteralNode(node)) {
            const [index, ...others] = node.members;
            if (index && ts.isIndexSignatureDeclaration(index) && others.length === 0) {
                return { type: "object", additionalProperties: this.spec(index.type, where) };
            }
            throw new Error(`${where}: an inline object type other than a string map`);
        }
        if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
            return { type: "string" };
        }
        switch (node.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { type: "string" };
            case ts.SyntaxKind.NumberKeyword:
                return { type: "number" };
            case ts.SyntaxKind.BooleanKeyword:
                return { type: "boolean" };
            case ts.SyntaxKind.AnyKeyword:
                return ANY;
        }
        if (ts.isTypeReferenceNode(node)) {
            return this.reference(node, where);
        }
        throw new Error(`${where}: the type \`${node.getText()}\` has no schema equivalent the stand-in knows`);
    }

    /** `pulumi.Input<T>` and `pulumi.Output<T>` are T; `inputs.*`, `outputs.*` and `enums.*` are named types. */
    private reference(node: ts.TypeReferenceNode, where: string): PropertySpec {
        const written = node.typeName.getText();
        if ((written === "pulumi.Input" || written === "pulumi.Output") && node.typeArguments?.length === 1) {
            return this.spec(node.typeArguments[0], where);
        }
        if (written === "pulumi.ID") {
            return { type: "string" };
        }
        const [namespace, module, name, ...rest] = written.split(".");
        if (!["inputs", "outputs", "enums"].includes(namespace) || !name || rest.length > 0) {
            throw new Error(`${where}: the type \`${written}\` has no schema equivalent the stand-in knows`);
        }
        const token = `${PACKAGE}:${module}:${namespace === "inputs" ? name.replace(/Args$/, "") : name}`;
        if (!(token in this.types)) {
            this.types[token] = { type: "object", properties: {} }; // placeholder: types may refer to themselves
            this.types[token] = this.namedType(node, written);
        }
        return { $ref: `#/types/${token}` };
    }

    private namedType(node: ts.TypeReferenceNode, written: string): ObjectTypeSpec | EnumTypeSpec {
        const symbol = this.checker.getSymbolAtLocation(
            ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName,
        );
        const declaration = symbol?.declarations?.find(
            d => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d),
        );
        if (declaration && ts.isInterfaceDeclaration(declaration)) {
            const { specs, required } = this.properties(declaration.members.filter(ts.isPropertySignature), written);
            const description = this.documentation(declaration.name);
            return {
                type: "object",
                properties: specs,
                ...(required.length ? { required } : {}),
                ...(description ? { description } : {}),
            };
        }
        if (declaration && ts.isTypeAliasDeclaration(declaration)) {
            const type = this.checker.getTypeAtLocation(declaration.name);
            const members = type.isUnion() ? type.types : [type];
            if (members.every(t => t.isStringLiteral())) {
                const values = (members as ts.StringLiteralType[]).map(t => t.value);
                return { type: "string", enum: values.map(value => ({ name: value, value })) };
            }
        }
        throw new Error(
            `${written} is neither an interface nor an enum of strings in the @pulumi/azure-native typings`,
        );
    }

    private documentation(name: ts.Node): string | undefined {
        const symbol = this.checker.getSymbolAtLocation(name);
        return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(this.checker)) || undefined : undefined;
    }
}

function isStatic(member: ts.ClassElement): boolean {
    return (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
}

function isUndefinedOrNull(node: ts.TypeNode): boolean {
    return (
        node.kind === ts.SyntaxKind.UndefinedKeyword ||
        (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
    );
}

/** Whether `T | undefined` appears, directly or inside `pulumi.Input<...>`/`pulumi.Output<...>`. */
function admitsUndefined(node: ts.TypeNode): boolean {
    if (ts.isUnionTypeNode(node)) {
        return node.types.some(t => isUndefinedOrNull(t) || admitsUndefined(t));
    }
    if (
        ts.isTypeReferenceNode(node) &&
        /^pulumi\.(Input|Output)$/.test(node.typeName.getText()) &&
        node.typeArguments?.length === 1
    ) {
        return admitsUndefined(node.typeArguments[0]);
    }
    return ts.isParenthesizedTypeNode(node) && admitsUndefined(node.type);
}
