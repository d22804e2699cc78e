// The resource types of an installed Pulumi provider SDK, read from its files with fs and regexes (never imported:
// @pulumi/azure-native is 136 MB). Each resource class's `.js` names its type token in `static __pulumiType`; its
// `.d.ts` declares `<Class>Args`; nested input types are interfaces in `types/input.d.ts`.
import * as fs from "fs";
import * as path from "path";

/** One resource type and the dotted paths of its inputs, e.g. `properties.template`, with their documentation. */
export interface ProviderType {
    token: string;
    inputPaths: string[];
    /** Each input's doc comment, by path: what the input holds or refers to, whatever its name. */
    inputDocs: Map<string, string>;
}

/** Nested input types are followed to this depth: a Deployment's `properties.template` is at depth 2. */
export const MAX_INPUT_DEPTH = 4;

/** An input of an interface: its name, the text of its type (which names nested input types) and its doc comment. */
interface Input {
    name: string;
    type: string;
    doc: string;
}

/** Every resource type of the provider SDK installed at `packageRoot`, with its input paths. */
export function providerTypes(packageRoot: string): ProviderType[] {
    const nestedTypes = interfacesOf(fs.readFileSync(path.join(packageRoot, "types", "input.d.ts"), "utf8"));
    const types: ProviderType[] = [];
    for (const jsFile of resourceModules(packageRoot)) {
        const token = /static __pulumiType = '([^']+)'/.exec(fs.readFileSync(jsFile, "utf8"))?.[1];
        if (token === undefined) {
            continue; // an index, a function or an enum module
        }
        const className = token.slice(token.lastIndexOf(":") + 1);
        const declarations = interfacesOf(fs.readFileSync(jsFile.replace(/\.js$/, ".d.ts"), "utf8"));
        const inputPaths: string[] = [];
        const inputDocs = new Map<string, string>();
        const visit = (inputs: Input[], prefix: string, depth: number) => {
            for (const input of inputs) {
                const inputPath = prefix + input.name;
                inputPaths.push(inputPath);
                inputDocs.set(inputPath, input.doc);
                if (depth < MAX_INPUT_DEPTH) {
                    for (const [, nestedName] of input.type.matchAll(/\binputs\.([\w.]+)/g)) {
                        visit(nestedTypes.get(nestedName) ?? [], `${inputPath}.`, depth + 1);
                    }
                }
            }
        };
        visit(declarations.get(`${className}Args`) ?? [], "", 1);
        types.push({ token, inputPaths, inputDocs });
    }
    return types;
}

/** The `.js` files of the package outside `types/` and nested packages. */
function resourceModules(directory: string, found: string[] = []): string[] {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "types") {
                resourceModules(path.join(directory, entry.name), found);
            }
        } else if (entry.name.endsWith(".js")) {
            found.push(path.join(directory, entry.name));
        }
    }
    return found;
}

/**
 * The interfaces of a generated declaration file by namespace-qualified name (`web.SiteConfigArgs`), each with its
 * inputs. The generator writes one member per line at the interface's indentation plus four; a member's type may
 * continue on deeper lines.
 */
function interfacesOf(text: string): Map<string, Input[]> {
    const interfaces = new Map<string, Input[]>();
    const namespaces: string[] = [];
    let current: Input[] | undefined;
    let currentIndent = 0;
    let last: Input | undefined;
    let doc: string[] = [];
    for (const line of text.split("\n")) {
        const trimmed = line.trim();
        const indent = line.length - line.trimStart().length;
        let match: RegExpExecArray | null;
        if (current !== undefined) {
            if (indent === currentIndent && trimmed === "}") {
                current = undefined;
                last = undefined;
            } else if (indent >= currentIndent + 4 && /^(\/\*\*|\*)/.test(trimmed)) {
                doc.push(trimmed.replace(/^\/?\*+\/?\s?/, ""));
            } else if (indent === currentIndent + 4 && (match = /^(?:readonly )?(\w+)\??: (.*)$/.exec(trimmed))) {
                last = { name: match[1], type: match[2], doc: doc.join(" ").trim() };
                doc = [];
                current.push(last);
            } else if (
                last !== undefined &&
                indent > currentIndent + 4 &&
                !trimmed.startsWith("*") &&
                !trimmed.startsWith("/*")
            ) {
                last.type += ` ${trimmed}`;
            }
        } else if ((match = /^(?:export )?(?:declare )?namespace (\w+) \{$/.exec(trimmed))) {
            namespaces.length = indent / 4;
            namespaces.push(match[1]);
        } else if ((match = /^(?:export )?interface (\w+) \{$/.exec(trimmed))) {
            namespaces.length = indent / 4;
            current = [];
            currentIndent = indent;
            doc = [];
            interfaces.set([...namespaces, match[1]].join("."), current);
        }
    }
    return interfaces;
}
