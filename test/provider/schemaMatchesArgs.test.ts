// The schema and the TypeScript arguments must not drift apart. The schema is derived from the TypeScript
// declarations (provider/schema.ts); this test checks the result the other way round, with the TypeScript
// compiler: it writes the schema back as TypeScript interfaces and asks whether SecureWebAppArgs, its slot
// arguments and the component's outputs fit them, property by property, and whether either side has a name the
// other lacks. A property lost, renamed, retyped or made required in the schema fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../tools/engine/cli";
import {
    deriveSchema,
    EnumTypeSpec,
    ObjectTypeSpec,
    PackageSpec,
    SchemaProperty,
    SchemaType,
} from "../../provider/schema";

const TOKEN = "secure-webapp:index:SecureWebApp";

/**
 * A schema type as the TypeScript type a value of it may have: `pulumi.Input<...>` unless plain. An optional
 * property's input may also resolve to undefined, as azure-native's declarations allow.
 */
function typeScriptOf(type: SchemaType, optional = false): string {
    if (type.$ref === "pulumi.json#/Any") {
        return "any";
    }
    const inner = type.$ref
        ? type.$ref.replace(/^#\/types\/[^:]+:index:/, "")
        : type.type === "array"
          ? `Array<${typeScriptOf(type.items!)}>`
          : type.type === "object"
            ? `{ [key: string]: ${typeScriptOf(type.additionalProperties!)} }`
            : type.type!;
    return type.plain ? inner : `pulumi.Input<${inner}${optional ? " | undefined" : ""}>`;
}

function interfaceOf(name: string, properties: Record<string, SchemaProperty>, required: string[] = []): string {
    const members = Object.entries(properties).map(([key, p]) =>
        required.includes(key) ? `    ${key}: ${typeScriptOf(p)};` : `    ${key}?: ${typeScriptOf(p, true)};`,
    );
    return [`export interface ${name} {`, ...members, "}"].join("\n");
}

/** An enum type as the union of its values. */
function enumTypeOf(name: string, spec: EnumTypeSpec): string {
    return `export type ${name} = ${spec.enum.map(e => JSON.stringify(e.value)).join(" | ")};`;
}

/**
 * TypeScript declaring a schema's types in the namespace `variant` (so several schemas can be checked in one
 * compilation) and checking the component's declarations against them.
 */
function checkSource(schema: PackageSpec, variant: string): string {
    const component = schema.resources[TOKEN];
    const outputs = Object.entries(component.properties).map(
        ([key, p]) => `    ${key}: pulumi.Output<${typeScriptOf({ ...p, plain: true })}>;`,
    );
    const [args, slot, outs] = ["SchemaArgs", "SecureWebAppSlot", "SchemaOutputs"].map(name => `${variant}.${name}`);
    return [
        `namespace ${variant} {`,
        ...Object.entries(schema.types).map(([token, t]) =>
            "enum" in t
                ? enumTypeOf(token.split(":")[2], t)
                : interfaceOf(token.split(":")[2], (t as ObjectTypeSpec).properties, (t as ObjectTypeSpec).required),
        ),
        interfaceOf("SchemaArgs", component.inputProperties, component.requiredInputs),
        ["export interface SchemaOutputs {", ...outputs, "}"].join("\n"),
        `}`,
        // Every value TypeScript accepts, the schema accepts; and neither side has a name the other lacks.
        `export const args_${variant}: ${args} = {} as SecureWebAppArgs;`,
        `export const argNames_${variant}: Same<Exclude<keyof SecureWebAppArgs, keyof ${args}>, Exclude<keyof ${args}, keyof SecureWebAppArgs>> = true;`,
        `export const slot_${variant}: ${slot} = {} as SecureWebAppSlotArgs;`,
        `export const slotNames_${variant}: Same<Exclude<keyof SecureWebAppSlotArgs, keyof ${slot}>, Exclude<keyof ${slot}, keyof SecureWebAppSlotArgs>> = true;`,
        // The outputs are the component's own fields, with the same types.
        `export const outputs_${variant}: ${outs} = {} as Pick<SecureWebApp, keyof ${outs}>;`,
    ].join("\n\n");
}

/** Compiles the checks of several schemas at once; returns each variant's errors as text. */
function typeErrors(schemas: Record<string, PackageSpec>): Record<string, string[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-drift-"));
    try {
        const file = path.join(dir, "check.ts");
        const imported = (module: string) => JSON.stringify(path.join(REPO_ROOT, module));
        fs.writeFileSync(
            file,
            [
                `import * as pulumi from ${imported("node_modules/@pulumi/pulumi")};`,
                `import { SecureWebApp, SecureWebAppArgs, SecureWebAppSlotArgs } from ${imported("components/secureWebApp")};`,
                `type Same<A, B> = [A] extends [never] ? ([B] extends [never] ? true : B) : A;`,
                ...Object.entries(schemas).map(([variant, schema]) => checkSource(schema, variant)),
            ].join("\n\n"),
        );
        const program = ts.createProgram([file], {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
            target: ts.ScriptTarget.ES2020,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
        });
        const errors: Record<string, string[]> = Object.fromEntries(Object.keys(schemas).map(v => [v, []]));
        for (const d of ts.getPreEmitDiagnostics(program)) {
            const line =
                d.file && d.start !== undefined
                    ? d.file.text.slice(d.file.text.lastIndexOf("\n", d.start) + 1, d.file.text.indexOf("\n", d.start))
                    : "";
            const variant =
                Object.keys(schemas).find(v => line.includes(`_${v}`) || line.includes(`${v}.`)) ?? "unattributed";
            (errors[variant] ??= []).push(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        }
        return errors;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** A copy of `schema` with SecureWebApp's arguments changed by `change`. */
function drifted(
    schema: PackageSpec,
    change: (inputs: Record<string, SchemaProperty>, required: string[]) => void,
): PackageSpec {
    const copy: PackageSpec = JSON.parse(JSON.stringify(schema));
    change(copy.resources[TOKEN].inputProperties, copy.resources[TOKEN].requiredInputs);
    return copy;
}

describe("the schema and the TypeScript arguments of SecureWebApp", function () {
    this.timeout(180000);
    let errors: Record<string, string[]>;
    before(() => {
        const schema = deriveSchema();
        assert.ok(
            schema.resources[TOKEN].inputProperties.siteConfig && schema.resources[TOKEN].inputProperties.httpsOnly,
        );
        errors = typeErrors({
            derived: schema,
            lostArgument: drifted(schema, inputs => delete inputs.siteConfig),
            retypedArgument: drifted(schema, inputs => {
                inputs.httpsOnly = { type: "string" };
            }),
            requiredArgument: drifted(schema, (_, required) => required.push("location")),
        });
    });

    it("match: every argument, slot argument and output has the same name and a compatible type on both sides", () => {
        assert.deepStrictEqual(errors.derived, []);
        assert.strictEqual(errors.unattributed, undefined, String(errors.unattributed));
    });

    it("would not match if the schema lost an argument, typed it differently or made an optional one required", () => {
        assert.match(errors.lostArgument.join("\n"), /siteConfig/);
        assert.match(errors.retypedArgument.join("\n"), /httpsOnly/);
        assert.match(errors.requiredArgument.join("\n"), /location/);
    });
});
