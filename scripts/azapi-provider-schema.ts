// Writes test/policy-pack/fixtures/azapi-provider-schema.json from a clone of Azure/terraform-provider-azapi: the
// provider's resources, data sources, ephemeral resources, actions and list resources (internal/provider/provider.go)
// with each one's top-level attributes as its Go schema declares them, and how its data-plane resource makes a URL:
// each type's URL format (internal/services/parse/data_plane_resources.json), the hosts it recognises as a data-plane
// service (internal/provider/environments.go; any other host gets a resource manager token) and the types whose
// requests are customised (internal/services/customization). The AzAPI family's tables are tested against it.
//   ts-node scripts/azapi-provider-schema.ts <git dir of the provider> [commit]
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const [gitDir, commit = "HEAD"] = process.argv.slice(2);
if (gitDir === undefined) {
    throw new Error("usage: ts-node scripts/azapi-provider-schema.ts <git dir of terraform-provider-azapi> [commit]");
}
const git = (...args: string[]) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8" });
const revision = git("rev-parse", commit).trim();
const version = git("describe", "--tags", revision).trim();
const show = (file: string) => git("show", `${revision}:${file}`);

/** The kinds the provider registers, with the Go interface each list returns. */
const KINDS = {
    resource: "Resources",
    dataSource: "DataSources",
    ephemeralResource: "EphemeralResources",
    action: "Actions",
    listResource: "ListResources",
} as const;

const provider = show("internal/provider/provider.go");
const services = git("ls-tree", "--name-only", `${revision}:internal/services`)
    .split("\n")
    .filter(name => name.endsWith(".go") && !name.endsWith("_test.go"))
    .map(name => show(`internal/services/${name}`));

interface Attribute {
    name: string;
    required?: true;
    optional?: true;
    computed?: true;
    writeOnly?: true;
    sensitive?: true;
    default?: string;
    oneOf?: string[];
}

/** The top-level attributes (and blocks) of a struct's Schema function. */
function attributesOf(struct: string): Attribute[] {
    const source = services.find(text =>
        new RegExp(`func \\(\\w+ \\*${struct}\\) (?:Schema|ListResourceConfigSchema)\\(`).test(text),
    );
    if (source === undefined) {
        throw new Error(`no Schema function for ${struct}`);
    }
    const start = source.search(new RegExp(`func \\(\\w+ \\*${struct}\\) (?:Schema|ListResourceConfigSchema)\\(`));
    const end = source.indexOf("\n}\n", start);
    const body = source.slice(start, end);
    const attributes: Attribute[] = [];
    const entries = [...body.matchAll(/^\t\t\t"(\w+)": /gm)];
    entries.forEach((entry, i) => {
        const text = body.slice(entry.index!, entries[i + 1]?.index ?? body.length);
        const attribute: Attribute = { name: entry[1] };
        for (const flag of ["Required", "Optional", "Computed", "WriteOnly", "Sensitive"] as const) {
            if (new RegExp(`^\\t\\t\\t\\t${flag}:\\s+true`, "m").test(text)) {
                attribute[(flag.charAt(0).toLowerCase() + flag.slice(1)) as "required"] = true;
            }
        }
        const defaultValue = /^\t\t\t\tDefault:\s+defaults\.\w+Default\(("[^"]*"|true|false)\)/m.exec(text)?.[1];
        if (defaultValue !== undefined) {
            attribute.default = defaultValue.replace(/"/g, "");
        }
        const oneOf = /stringvalidator\.OneOf\(([^)]*)\)/.exec(text)?.[1];
        const values = [...(oneOf ?? "").matchAll(/"([^"]*)"/g)].map(m => m[1]);
        if (values.length > 0) {
            attribute.oneOf = values;
        }
        attributes.push(attribute);
    });
    return attributes.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Terraform name a struct's Metadata function gives it. */
function terraformName(struct: string): string {
    const source = services.find(text => new RegExp(`func \\(\\w+ \\*${struct}\\) Metadata\\(`).test(text))!;
    const start = source.search(new RegExp(`func \\(\\w+ \\*${struct}\\) Metadata\\(`));
    const suffix = /"%s(_\w+)"|ProviderTypeName \+ "(_\w+)"/.exec(source.slice(start));
    return `azapi${suffix![1] ?? suffix![2]}`;
}

const components = Object.entries(KINDS).flatMap(([kind, method]) => {
    const start = provider.search(new RegExp(`func \\(p \\w+\\) ${method}\\(`));
    const body = provider.slice(start, provider.indexOf("\n}\n", start));
    return [...body.matchAll(/&services\.(\w+)\{\}/g)].map(([, struct]) => ({
        kind,
        name: terraformName(struct),
        attributes: attributesOf(struct),
    }));
});

const urlFormats = (
    JSON.parse(show("internal/services/parse/data_plane_resources.json")) as {
        ResourceType: string;
        UrlFormat: string;
    }[]
).map(({ ResourceType, UrlFormat }) => ({ resourceType: ResourceType, urlFormat: UrlFormat }));
const serviceEndpoints = [...show("internal/provider/environments.go").matchAll(/Endpoint:\s+"https:\/\/([^"]+)"/g)]
    .map(([, host]) => host)
    .sort();
const customizedTypes = git("ls-tree", "--name-only", `${revision}:internal/services/customization`)
    .split("\n")
    .filter(name => name.endsWith("_customization.go"))
    .map(
        name =>
            /GetResourceType\(\) string \{\s+return "([^"]+)"/.exec(
                show(`internal/services/customization/${name}`),
            )?.[1],
    )
    .filter((type): type is string => type !== undefined)
    .sort();
const dataPlane = { urlFormats, serviceEndpoints, customizedTypes };

const fixture = { provider: "Azure/terraform-provider-azapi", version, commit: revision, components, dataPlane };
const out = path.join(__dirname, "..", "test", "policy-pack", "fixtures", "azapi-provider-schema.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(fixture, null, 2) + "\n");
console.log(`${components.length} components of ${version} written to ${out}`);
