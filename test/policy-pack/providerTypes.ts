// The resource types of an installed Pulumi provider SDK, read from its files with fs and regexes (never imported:
// @pulumi/azure-native is 136 MB). Each resource class's `.js` names its type token in `static __pulumiType`; its
// `.d.ts` declares `<Class>Args`; nested input types are interfaces in `types/input.d.ts`.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
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

const REPO_ROOT = path.join(__dirname, "..", "..");

/**
 * Classic @pulumi/azure, whose types the coverage test scans: the release and the registry's integrity hash of its
 * tarball. It is no dependency of any package here. The Node.js language host requires the plugin of every package
 * under any node_modules folder of the component package (test/provider/requiredPlugins.ts), so installed anywhere
 * in a clone it would make `pulumi package add` download the classic provider for every user; its files are
 * unpacked under .cache/ instead, outside any node_modules folder, where the host never looks.
 */
const CLASSIC_SDK = {
    name: "@pulumi/azure",
    version: "6.40.0",
    integrity: "sha512-gDICGaLvSiVD7oIYMnLd6Q8dyg/FXKiy8dCoZfJbktbxe7Z1GYWCZIQzDZM+QEBXaoCLMafKNL/V9NlVbKdBmQ==",
};

/** The installed path of a provider SDK (`@pulumi/azure`) or of a file in it (`@pulumi/azure/appservice/linuxWebApp.d.ts`). */
export function providerSdkPath(sdkPath: string): string {
    const [scope, name, ...file] = sdkPath.split("/");
    const sdk = `${scope}/${name}`;
    if (sdk === "@pulumi/azure-native") {
        return path.join(REPO_ROOT, "node_modules", sdkPath); // the component's peer dependency
    }
    if (sdk === CLASSIC_SDK.name) {
        return path.join(unpackedClassicSdk(), ...file);
    }
    throw new Error(`${sdk} is not one of the provider SDKs the tests read: @pulumi/azure-native, ${CLASSIC_SDK.name}`);
}

/** The folder of the unpacked classic SDK, fetched with `npm pack` (npm's cache, so once) on first use. */
function unpackedClassicSdk(): string {
    const folder = path.join(REPO_ROOT, ".cache", "provider-sdks", `pulumi-azure-${CLASSIC_SDK.version}`);
    if (fs.existsSync(path.join(folder, "package.json"))) {
        return folder;
    }
    const download = fs.mkdtempSync(path.join(os.tmpdir(), "classic-sdk-"));
    try {
        const spec = `${CLASSIC_SDK.name}@${CLASSIC_SDK.version}`;
        const [packed] = JSON.parse(
            execFileSync("npm", ["pack", spec, "--json", "--pack-destination", download], {
                encoding: "utf8",
                stdio: ["ignore", "pipe", "pipe"],
            }),
        ) as { filename: string; integrity: string }[];
        if (packed.integrity !== CLASSIC_SDK.integrity) {
            throw new Error(
                `npm pack ${spec} gave a tarball with integrity ${packed.integrity}, not the pinned ${CLASSIC_SDK.integrity}`,
            );
        }
        // Unpacked beside its final place and renamed, so a run cut short or a concurrent one leaves no half folder.
        fs.mkdirSync(path.dirname(folder), { recursive: true });
        const unpacking = fs.mkdtempSync(`${folder}.partial-`);
        execFileSync("tar", ["-xzf", path.join(download, packed.filename), "-C", unpacking, "--strip-components=1"]);
        try {
            fs.renameSync(unpacking, folder);
        } catch (error) {
            fs.rmSync(unpacking, { recursive: true, force: true });
            if (!fs.existsSync(path.join(folder, "package.json"))) {
                throw error;
            }
        }
    } finally {
        fs.rmSync(download, { recursive: true, force: true });
    }
    return folder;
}

/** Each SDK's types, read once per test process: several files scan the same SDKs, at about a second each. */
const readTypes = new Map<string, readonly ProviderType[]>();

/** Every resource type of the provider SDK installed at `packageRoot`, with its input paths (shared: not to be changed). */
export function providerTypes(packageRoot: string): readonly ProviderType[] {
    let types = readTypes.get(packageRoot);
    if (types === undefined) {
        types = savedProviderTypes(packageRoot);
        readTypes.set(packageRoot, types);
    }
    return types;
}

/**
 * The types as read before from the same release of the SDK by the same reader (this file), from .cache/; read and
 * saved there otherwise. Loading the saved types takes a tenth of the time of reading the SDK's files.
 */
function savedProviderTypes(packageRoot: string): ProviderType[] {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
        name: string;
        version: string;
    };
    const reader = createHash("sha256").update(fs.readFileSync(__filename)).digest("hex").slice(0, 16);
    const saved = path.join(
        REPO_ROOT,
        ".cache",
        "provider-types",
        `${name.replace("/", "+")}@${version}-${reader}.json`,
    );
    if (fs.existsSync(saved)) {
        const types = JSON.parse(fs.readFileSync(saved, "utf8")) as SavedProviderType[];
        return types.map(type => ({ ...type, inputDocs: new Map(type.inputDocs) }));
    }
    const types = readProviderTypes(packageRoot);
    const json = JSON.stringify(types.map((type): SavedProviderType => ({ ...type, inputDocs: [...type.inputDocs] })));
    // Written beside its final place and renamed, so that a concurrent reader never sees half a file.
    fs.mkdirSync(path.dirname(saved), { recursive: true });
    const partial = `${saved}.${process.pid}.partial`;
    fs.writeFileSync(partial, json);
    fs.renameSync(partial, saved);
    return types;
}

interface SavedProviderType {
    token: string;
    inputPaths: string[];
    inputDocs: [string, string][];
}

function readProviderTypes(packageRoot: string): ProviderType[] {
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
