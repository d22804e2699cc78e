// The resource plugins the Node.js language host requires of a folder: what `pulumi package add` installs for this
// package before it can start it, and what `pulumi preview` installs for a program. The rule, as pulumi/pulumi's
// sdk/nodejs/cmd/pulumi-language-nodejs applies it (GetRequiredPackages, after InstallDependencies has run
// `npm install` with dev dependencies):
// - every directory under the folder is walked, symbolic links followed (each resolved directory once), except a
//   directory that holds a PulumiPolicy.json, .yaml or .yml: a policy pack's plugins are not the program's;
// - a package.json counts only below a directory named node_modules, at any depth, and only if it decodes into the
//   fields the host reads (Go's JSON rules: keys matched regardless of case, a value of the wrong type is an error);
// - it requires a plugin when `pulumi.resource` is true: named `pulumi.name`, else the package name without its
//   `@pulumi/` scope (any other scope without `pulumi.name` is an error, and no plugin); versioned `pulumi.version`,
//   else the package version, with a leading `v`; downloaded from `pulumi.server` when set.
// Errors do not stop the walk: the host logs them and requires what it found.
import * as fs from "fs";
import * as path from "path";

export interface RequiredPlugin {
    /** The plugin's name: `azure-native` for `pulumi-resource-azure-native`. */
    readonly name: string;
    /** As the host reports it, with a leading `v`. */
    readonly version: string;
    /** Where the CLI downloads it from; empty for Pulumi's default location. */
    readonly server: string;
    /** The package a parameterized plugin serves (`pulumi.parameterization.name`), if any. */
    readonly parameterizedAs?: string;
    /** The package.json that requires it. */
    readonly declaredIn: string;
}

export interface RequiredPluginScan {
    readonly plugins: RequiredPlugin[];
    /** What the host would log and skip: unreadable folders, package.json files it cannot decode. */
    readonly problems: string[];
}

const POLICY_PACK_FILES = ["PulumiPolicy.json", "PulumiPolicy.yaml", "PulumiPolicy.yml"];

/** The plugins the Node.js language host requires of `folder` (a program's folder, or a package's). */
export function nodeRequiredPlugins(folder: string): RequiredPluginScan {
    const scan = { plugins: [] as RequiredPlugin[], problems: [] as string[] };
    walk(path.resolve(folder), false, new Set(), scan);
    return scan;
}

function walk(dir: string, inNodeModules: boolean, visited: Set<string>, scan: RequiredPluginScan): void {
    if (visited.has(dir)) {
        return;
    }
    visited.add(dir);
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
        scan.problems.push(`reading ${dir}: ${(error as Error).message}`);
        return;
    }
    const childrenInNodeModules = inNodeModules || path.basename(dir) === "node_modules";
    for (const entry of entries) {
        let current = path.join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
            try {
                current = fs.realpathSync(current);
                isDirectory = fs.statSync(current).isDirectory();
            } catch (error) {
                scan.problems.push(`resolving ${current}: ${(error as Error).message}`);
                continue;
            }
        }
        if (isDirectory) {
            if (!isPolicyPack(current, scan)) {
                walk(current, childrenInNodeModules, visited, scan);
            }
        } else if (inNodeModules && entry.name === "package.json") {
            readPackageJson(current, scan);
        }
    }
}

/** Whether `dir` is a policy pack; a folder named like its file counts as none, and an unreadable one is skipped. */
function isPolicyPack(dir: string, scan: RequiredPluginScan): boolean {
    for (const file of POLICY_PACK_FILES) {
        try {
            return !fs.statSync(path.join(dir, file)).isDirectory();
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
                scan.problems.push(`looking for ${file} in ${dir}: ${(error as Error).message}`);
                return true;
            }
        }
    }
    return false;
}

type Json = Record<string, unknown>;

function readPackageJson(file: string, scan: RequiredPluginScan): void {
    let info: Json;
    try {
        info = decodePackageJson(JSON.parse(fs.readFileSync(file, "utf8")));
    } catch (error) {
        scan.problems.push(`${file}: ${(error as Error).message}`);
        return;
    }
    const pulumi = (info.pulumi ?? {}) as Json;
    if (pulumi.resource !== true) {
        return;
    }
    const packageName = (info.name as string | undefined) ?? "";
    let name = (pulumi.name as string | undefined) || undefined;
    if (!name && packageName.startsWith("@pulumi/")) {
        name = packageName.slice("@pulumi/".length);
    }
    const version = (pulumi.version as string | undefined) || (info.version as string | undefined);
    if (!name || !version) {
        scan.problems.push(
            `${file}: ${!name ? `no plugin name (pulumi.name) for ${packageName || "a package without a name"}` : "no version"}`,
        );
        return;
    }
    const parameterization = pulumi.parameterization as Json | undefined;
    scan.plugins.push({
        name,
        version: version.startsWith("v") ? version : `v${version}`,
        server: (pulumi.server as string | undefined) ?? "",
        ...(parameterization ? { parameterizedAs: parameterization.name as string } : {}),
        declaredIn: file,
    });
}

/** The fields the host decodes, with their JSON types; decoding fails on any other type, as Go's does (null is no value). */
const PACKAGE_FIELDS = {
    name: "string",
    version: "string",
    main: "string",
    dependencies: "strings",
    devDependencies: "strings",
    pulumi: "object",
} as const;
const PULUMI_FIELDS = {
    resource: "boolean",
    name: "string",
    version: "string",
    server: "string",
    parameterization: "object",
    extensionParameterization: "object",
} as const;

const JSON_TYPES: Record<string, string> = {
    string: "a string",
    boolean: "true or false",
    object: "an object",
    strings: "an object of strings",
};

function decodePackageJson(value: unknown): Json {
    const info = decode(value, PACKAGE_FIELDS, "package.json");
    return info.pulumi === undefined ? info : { ...info, pulumi: decode(info.pulumi, PULUMI_FIELDS, "pulumi") };
}

function decode(value: unknown, fields: Record<string, string>, what: string): Json {
    if (!isObject(value)) {
        throw new Error(`${what} is not a JSON object`);
    }
    const decoded: Json = {};
    for (const [field, type] of Object.entries(fields)) {
        // Go matches keys regardless of case, and a later key overwrites an earlier one.
        const key = Object.keys(value)
            .filter(k => k.toLowerCase() === field.toLowerCase())
            .pop();
        const found = key === undefined ? null : value[key];
        if (found === null) {
            continue;
        }
        const fits =
            type === "object"
                ? isObject(found)
                : type === "strings"
                  ? isObject(found) && Object.values(found).every(v => typeof v === "string" || v === null)
                  : typeof found === type;
        if (!fits) {
            throw new Error(`${what}.${field} is ${JSON.stringify(found)}, not ${JSON_TYPES[type]}`);
        }
        decoded[field] = found;
    }
    return decoded;
}

function isObject(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
