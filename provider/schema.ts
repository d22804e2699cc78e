// Derives the Pulumi package schema of `secure-webapp` from the TypeScript declarations of SecureWebApp, so the
// arguments other languages see are, by construction, the ones TypeScript users have.
//
// Why not @pulumi/pulumi's own inference (`provider/experimental`, `ComponentProvider`): run on these very
// declarations it cannot express them. Checked with @pulumi/pulumi 3.276 on small examples
// (test/provider/schemaInference.test.ts keeps those checks):
//   - every property inherited through `Omit<web.WebAppArgs, ...>` comes out as `pulumi.json#/Any`, without a
//     description, and `type Args = Omit<...>` is refused outright;
//   - azure-native input types (`SiteConfigArgs`, `ManagedServiceIdentityArgs`) and enums (`ClientCertMode`) are
//     refused as unions, and so are string-literal unions.
// Here the TypeScript compiler walks the same types and maps the shapes azure-native uses: `Input<T>` (an input,
// not plain), primitives, string-literal unions and azure-native enums (strings, their values listed in the
// description), arrays, string-keyed maps and interfaces (named object types). Any other shape stops the build
// with the property's path, so nothing reaches other languages untyped.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** A type in a Pulumi package schema: a primitive, an array, a map, or a reference to a named or built-in type. */
export interface SchemaType {
    type?: "string" | "number" | "boolean" | "array" | "object";
    $ref?: string;
    items?: SchemaType;
    additionalProperties?: SchemaType;
    /** The value is never an Output in the generated SDKs (SecureWebApp reads it while the program runs). */
    plain?: boolean;
}

/** A property of a resource or object type, with what it means to the user. */
export interface SchemaProperty extends SchemaType {
    description?: string;
}

/** A named object type, e.g. `secure-webapp:index:SiteConfig`. */
export interface ObjectTypeSpec {
    type: "object";
    description?: string;
    properties: Record<string, SchemaProperty>;
    /** Absent when no property is required (as the CLI prints the schema). */
    required?: string[];
}

/**
 * A closed set of string values, e.g. `secure-webapp:index:ClientCertMode`: generated SDKs offer only these.
 * Used for the settings SecureWebApp declares itself with the one value it accepts.
 */
export interface EnumTypeSpec {
    type: "string";
    description?: string;
    enum: { name: string; value: string }[];
}

/** A component resource: its inputs and its outputs. */
export interface ComponentSpec {
    isComponent: true;
    description?: string;
    inputProperties: Record<string, SchemaProperty>;
    requiredInputs: string[];
    properties: Record<string, SchemaProperty>;
    required: string[];
}

/** The subset of the Pulumi package schema this package uses. */
export interface PackageSpec {
    name: string;
    displayName: string;
    version: string;
    description: string;
    keywords: string[];
    license: string;
    /** Where the source lives; Pulumi's Go generator derives the Go SDK's module path from it. */
    repository: string;
    resources: Record<string, ComponentSpec>;
    types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
    language: Record<string, Record<string, unknown>>;
}

/** Where the declarations live, relative to the package root. */
const COMPONENT_SOURCE = path.join("components", "secureWebApp.ts");
const COMPONENT_CLASS = "SecureWebApp";
const ARGS_INTERFACE = "SecureWebAppArgs";

/** The package root: the folder of PulumiPlugin.yaml, found upwards from this file (provider/ or bin/provider/). */
function packageRoot(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPlugin.yaml"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`no PulumiPlugin.yaml above ${from}: the secure-webapp package root cannot be found`);
        }
    }
}

/** Derives the package schema from `components/secureWebApp.ts` and `package.json` under `root`. */
export function deriveSchema(root: string = packageRoot()): PackageSpec {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        name: string;
        version: string;
        description: string;
        license: string;
        repository: { url: string };
    };
    const source = path.join(root, COMPONENT_SOURCE);
    const program = ts.createProgram([source], {
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
    });
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(source);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) {
        throw new Error(`cannot read ${source}`);
    }
    const exported = (name: string) => {
        const symbol = checker.getExportsOfModule(moduleSymbol).find(s => s.name === name);
        if (!symbol) {
            throw new Error(`${COMPONENT_SOURCE} no longer exports ${name}`);
        }
        return symbol;
    };

    const mapper = new TypeMapper(checker, manifest.name);
    const args = mapper.objectProperties(checker.getDeclaredTypeOfSymbol(exported(ARGS_INTERFACE)), ARGS_INTERFACE);
    const componentClass = exported(COMPONENT_CLASS);
    const token = `${manifest.name}:index:${COMPONENT_CLASS}`;
    const outputs = mapper.outputProperties(checker.getDeclaredTypeOfSymbol(componentClass), COMPONENT_CLASS);

    return {
        name: manifest.name,
        displayName: "Secure WebApp",
        version: manifest.version,
        description: manifest.description,
        keywords: ["azure", "app-service", "mutual-tls", "category/cloud", "kind/component"],
        license: manifest.license,
        repository: repositoryUrl(manifest.repository.url),
        resources: {
            [token]: {
                isComponent: true,
                description: documentation(componentClass, checker),
                inputProperties: args.properties,
                requiredInputs: args.required,
                properties: outputs.properties,
                required: outputs.required,
            },
        },
        types: mapper.types,
        // As @pulumi/pulumi's component provider does: SDKs generated from this schema carry its version.
        language: Object.fromEntries(
            ["nodejs", "python", "csharp", "java", "go"].map(l => [l, { respectSchemaVersion: true }]),
        ),
    };
}

/**
 * package.json's repository as a plain https URL (`git+https://github.com/o/r.git` becomes
 * `https://github.com/o/r`). The Go SDK's module path is its host and path plus `/sdk/go`, so a fork sets its own
 * by changing package.json `repository`.
 */
function repositoryUrl(url: string): string {
    return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

/** Maps TypeScript types to schema types, collecting the named object and enum types it meets. */
class TypeMapper {
    /** Named object and enum types by token. */
    readonly types: Record<string, ObjectTypeSpec | EnumTypeSpec> = {};
    private readonly tokenOwners = new Map<string, ts.Symbol>();

    constructor(
        private readonly checker: ts.TypeChecker,
        private readonly packageName: string,
    ) {}

    /** The properties of an interface (or class) as schema properties, and which of them are required. */
    objectProperties(type: ts.Type, where: string): { properties: Record<string, SchemaProperty>; required: string[] } {
        const properties: Record<string, SchemaProperty> = {};
        const required: string[] = [];
        for (const symbol of this.checker.getPropertiesOfType(type)) {
            const mapped = this.property(symbol, `${where}.${symbol.name}`);
            properties[symbol.name] = mapped;
            if (!(symbol.flags & ts.SymbolFlags.Optional)) {
                required.push(symbol.name);
            }
        }
        return { properties, required: required.sort() };
    }

    /**
     * The public `pulumi.Output` properties of the component class. Its other public fields are the azure-native
     * resources themselves (`webApp`, `slots`): as outputs they would make every generated SDK depend on the
     * azure-native schema, so other languages get their identifying values (ids, names, host names) instead.
     */
    outputProperties(type: ts.Type, where: string): { properties: Record<string, SchemaProperty>; required: string[] } {
        const properties: Record<string, SchemaProperty> = {};
        for (const symbol of this.checker.getPropertiesOfType(type)) {
            const declaration = symbol.valueDeclaration;
            // Only the class's own fields: `urn`, inherited from Resource, every resource has anyway.
            const isOwnPublicField =
                declaration &&
                ts.isPropertyDeclaration(declaration) &&
                declaration.parent === type.getSymbol()?.valueDeclaration &&
                !(ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
            const inner = isOwnPublicField ? outputInner(this.checker.getTypeOfSymbol(symbol)) : undefined;
            if (inner) {
                const { schema } = this.map(inner, `${where}.${symbol.name}`, "output");
                const description = documentation(symbol, this.checker);
                properties[symbol.name] = { ...schema, ...(description && { description }) };
            }
        }
        return { properties, required: Object.keys(properties).sort() };
    }

    private property(symbol: ts.Symbol, where: string): SchemaProperty {
        const { schema, literals } = this.map(this.checker.getTypeOfSymbol(symbol), where);
        const own = documentation(symbol, this.checker);
        if (literals && !literals.open && isDeclaredInPackage(symbol) && hasTag(symbol, STRING_IN_SCHEMA)) {
            // A closed set of strings replacing a setting other languages already pass as a string (Go's
            // `MinTlsVersion: pulumi.String("1.2")`): an enum would stop those programs compiling, so it stays a
            // string with its accepted values listed, and SecureWebApp refuses any other value while it runs.
            const accepted = `Accepted values: ${literals.values.map(v => JSON.stringify(v)).join(", ")}.`;
            return { ...schema, description: [own, accepted].filter(Boolean).join("\n\n") };
        }
        if (literals && !literals.open && isDeclaredInPackage(symbol)) {
            // A closed set of strings SecureWebApp declares itself (clientCertMode: "Required"): an enum, so that
            // typed languages refuse any other value at compile time, as TypeScript does.
            const { plain, ...inputOrNot } = schema;
            const { type, ...rest } = inputOrNot;
            return {
                ...rest,
                ...(plain && { plain }),
                $ref: this.enumType(symbol, literals.values),
                ...(own && { description: own }),
            };
        }
        const description = [own, literals && describeLiterals(literals)].filter(Boolean).join("\n\n");
        return { ...schema, ...(description && { description }) };
    }

    /** Registers a property's closed set of strings as an enum named after the property (`ClientCertMode`). */
    private enumType(symbol: ts.Symbol, values: string[]): string {
        const name = symbol.name[0].toUpperCase() + symbol.name.slice(1);
        const token = `${this.packageName}:index:${name}`;
        const spec: EnumTypeSpec = {
            type: "string",
            description: `The ${values.length === 1 ? "value" : "values"} SecureWebApp accepts for ${symbol.name}.`,
            enum: values.map(value => ({ name: value, value })),
        };
        const existing = this.types[token];
        if (existing && JSON.stringify(existing) !== JSON.stringify(spec)) {
            throw new Error(`${symbol.name}: two different types would both be named ${token}`);
        }
        this.types[token] = spec;
        return `#/types/${token}`;
    }

    /**
     * Maps one type. `literals` is set when the type is a string enum (closed) or a string with known values (open).
     * An argument not wrapped in `Input` is plain: SecureWebApp reads it while the program runs (the `slots` map).
     * Outputs are never plain.
     */
    private map(
        type: ts.Type,
        where: string,
        role: "input" | "output" = "input",
    ): { schema: SchemaType; literals?: Literals } {
        const members = (type.isUnion() ? type.types : [type]).filter(t => !(t.flags & NOTHING));
        const values = members.filter(t => !isOutputLike(t) && !isPromise(t));
        const isInput = values.length < members.length;
        const plain = isInput || role === "output" ? {} : { plain: true as const };

        if (values.length > 0 && values.every(t => t.flags & ts.TypeFlags.BooleanLike)) {
            return { schema: { type: "boolean", ...plain } };
        }
        if (values.length > 0 && values.every(t => t.flags & ts.TypeFlags.StringLike)) {
            const known = values.filter((t): t is ts.StringLiteralType => t.isStringLiteral()).map(t => t.value);
            const open = values.some(t => t.flags & ts.TypeFlags.String);
            return {
                schema: { type: "string", ...plain },
                literals: known.length > 0 ? { values: known, open } : undefined,
            };
        }
        if (values.length > 0 && values.every(t => t.flags & ts.TypeFlags.NumberLike)) {
            return { schema: { type: "number", ...plain } };
        }
        if (values.length !== 1) {
            const written =
                values.map(t => this.checker.typeToString(t)).join(" | ") || this.checker.typeToString(type);
            throw new Error(`${where}: the schema cannot express the type ${written}`);
        }
        const value = values[0];
        if (value.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
            return { schema: { $ref: "pulumi.json#/Any" } };
        }
        if (this.checker.isArrayType(value)) {
            const [element] = this.checker.getTypeArguments(value as ts.TypeReference);
            return { schema: { type: "array", items: this.map(element, `${where}[]`, role).schema, ...plain } };
        }
        const index = this.checker.getIndexInfoOfType(value, ts.IndexKind.String);
        if (index && this.checker.getPropertiesOfType(value).length === 0) {
            return {
                schema: {
                    type: "object",
                    additionalProperties: this.map(index.type, `${where}{}`, role).schema,
                    ...plain,
                },
            };
        }
        if (
            value.flags & ts.TypeFlags.Object &&
            this.checker.getSignaturesOfType(value, ts.SignatureKind.Call).length === 0
        ) {
            // Never plain, even where TypeScript does not wrap it in Input (a slot's arguments): a plain object
            // type makes Go's SDK plain all the way down, and its fields (a slot's plan, say) may be outputs.
            return { schema: { $ref: this.namedType(value, where) } };
        }
        throw new Error(`${where}: the schema cannot express the type ${this.checker.typeToString(value)}`);
    }

    /** Registers an interface as a named object type (`SiteConfigArgs` becomes `<package>:index:SiteConfig`). */
    private namedType(type: ts.Type, where: string): string {
        const symbol = type.aliasSymbol ?? type.getSymbol();
        if (!symbol || symbol.name.startsWith("__")) {
            throw new Error(`${where}: anonymous object types have no name in the schema; declare an interface`);
        }
        const token = `${this.packageName}:index:${symbol.name.replace(/Args$/, "")}`;
        const owner = this.tokenOwners.get(token);
        if (owner && owner !== symbol) {
            throw new Error(`${where}: two different types would both be named ${token}`);
        }
        if (!owner) {
            this.tokenOwners.set(token, symbol);
            const spec: ObjectTypeSpec = { type: "object", properties: {} };
            this.types[token] = spec; // registered before its properties, so recursive types end
            const description = documentation(symbol, this.checker);
            const { properties, required } = this.objectProperties(type, symbol.name);
            Object.assign(spec, description && { description }, { properties }, required.length > 0 && { required });
        }
        return `#/types/${token}`;
    }
}

/** The values of a string enum (closed) or the known values of a string (open). */
interface Literals {
    values: string[];
    open: boolean;
}

function describeLiterals({ values, open }: Literals): string {
    const list = values.map(v => JSON.stringify(v)).join(", ");
    return open ? `Azure's known values: ${list}.` : `Azure's values: ${list}.`;
}

/**
 * The JSDoc tag that keeps a closed set of strings a string in the schema (see `TypeMapper.property`); its text
 * says why.
 */
const STRING_IN_SCHEMA = "stringInSchema";

function hasTag(symbol: ts.Symbol, tag: string): boolean {
    return (symbol.declarations ?? []).some(d => ts.getJSDocTags(d).some(t => t.tagName.text === tag));
}

/** Whether the property is declared in this package's own sources rather than inherited from azure-native. */
function isDeclaredInPackage(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some(d => !/[\\/]node_modules[\\/]/.test(d.getSourceFile().fileName));
}

const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;

/** @pulumi/pulumi's `OutputInstance<T>`, or `Output<T>` (the intersection `OutputInstance<T> & Lifted<T>`). */
function isOutputLike(type: ts.Type): boolean {
    if (type.isIntersection()) {
        return type.types.some(isOutputLike);
    }
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    const declaredIn = symbol?.declarations?.[0]?.getSourceFile().fileName ?? "";
    return (
        (symbol?.name === "OutputInstance" || symbol?.name === "Output") &&
        /@pulumi[\\/]pulumi[\\/]output\.d\.ts$/.test(declaredIn)
    );
}

function isPromise(type: ts.Type): boolean {
    return type.getSymbol()?.name === "Promise";
}

/** The `T` of a `pulumi.Output<T>`, or undefined for any other type. */
function outputInner(type: ts.Type): ts.Type | undefined {
    const output = type.isIntersection() ? type.types.find(isOutputLike) : isOutputLike(type) ? type : undefined;
    const args = output && ((output as ts.TypeReference).typeArguments ?? output.aliasTypeArguments);
    return args?.[0];
}

/** The JSDoc text of a declaration, inherited through `Omit` and `extends` as the editor shows it. */
function documentation(symbol: ts.Symbol, checker: ts.TypeChecker): string {
    return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}
