// `pulumi package add` on this package (a clone or its git URL) installs the package's dependencies, development
// ones included, then every resource plugin the Node.js language host requires of the folder before it can start the
// component provider. A user must need only azure-native's: any other plugin is a download nobody uses, and fails
// without internet access ("failed to download plugin: azure-6.40.0").
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../tools/engine/cli";
import { nodeRequiredPlugins } from "./requiredPlugins";

const AZURE_NATIVE_VERSION = (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/azure-native/package.json"), "utf8")) as {
        version: string;
    }
).version;

describe("the plugins `pulumi package add` installs for secure-webapp (the Node.js language host's rule)", function () {
    this.timeout(120000); // the walk reads every folder of the clone, node_modules included

    it("requires exactly the azure-native provider plugin, at the version of the installed @pulumi/azure-native", () => {
        const { plugins, problems } = nodeRequiredPlugins(REPO_ROOT);

        const required = [
            ...new Set(
                plugins.map(p => `${p.name} ${p.version}${p.parameterizedAs ? ` as ${p.parameterizedAs}` : ""}`),
            ),
        ];
        assert.deepStrictEqual(
            required,
            [`azure-native v${AZURE_NATIVE_VERSION}`],
            "every package under a node_modules of the package folder (outside policy packs) that declares " +
                "`pulumi.resource` makes `pulumi package add` install its plugin; a development dependency that is a " +
                "Pulumi provider SDK only for tests is unpacked outside node_modules, as test/policy-pack/providerTypes.ts " +
                "does with classic @pulumi/azure. Found:\n" +
                plugins.map(p => `  ${p.name} ${p.version} from ${path.relative(REPO_ROOT, p.declaredIn)}`).join("\n") +
                (problems.length > 0 ? `\nSkipped, as the host skips them:\n  ${problems.join("\n  ")}` : ""),
        );
        assert.ok(
            plugins.every(p => p.server === ""),
            "azure-native comes from Pulumi's default plugin location",
        );
    });

    describe("the rule the verdict above rests on", () => {
        let folder: string;
        const write = (file: string, content: unknown) => {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), typeof content === "string" ? content : JSON.stringify(content));
        };
        const provider = (name: string, version: string, pulumi: object = { resource: true }) => ({
            name,
            version,
            pulumi,
        });
        beforeEach(() => {
            folder = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-plugins-"));
        });
        afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

        it("counts a provider SDK installed as a development dependency, at any depth, and none inside a policy pack or outside node_modules", () => {
            write("package.json", provider("secure-webapp", "0.1.0"));
            write(
                "node_modules/@pulumi/azure-native/package.json",
                provider("@pulumi/azure-native", "3.28.0", { resource: true, name: "azure-native", version: "3.28.0" }),
            );
            write(
                "node_modules/@pulumi/pulumi/package.json",
                provider("@pulumi/pulumi", "3.276.0", { comment: "no plugin" }),
            );
            write(
                "node_modules/some-tool/node_modules/@pulumi/azure/package.json",
                provider("@pulumi/azure", "6.40.0"),
            );
            write("policy-pack/PulumiPolicy.yaml", "runtime: nodejs\n");
            write("policy-pack/node_modules/@pulumi/aws/package.json", provider("@pulumi/aws", "7.0.0"));
            write("tools/fixture/package.json", provider("@pulumi/gcp", "9.0.0"));

            const found = nodeRequiredPlugins(folder).plugins.map(p => [p.name, p.version]);

            assert.deepStrictEqual(found, [
                ["azure-native", "v3.28.0"],
                ["azure", "v6.40.0"],
            ]);
        });

        it("reaches a provider SDK through a symbolic link, and requires no plugin of a third-party package that names none", () => {
            write("elsewhere/node_modules/@pulumi/random/package.json", provider("@pulumi/random", "4.18.0"));
            write("node_modules/@acme/widgets/package.json", provider("@acme/widgets", "1.0.0"));
            fs.symlinkSync(path.join(folder, "elsewhere"), path.join(folder, "node_modules", "linked"));

            const { plugins, problems } = nodeRequiredPlugins(path.join(folder, "node_modules"));

            assert.deepStrictEqual(
                plugins.map(p => [p.name, p.version]),
                [["random", "v4.18.0"]],
            );
            assert.match(problems.join("\n"), /no plugin name \(pulumi\.name\) for @acme\/widgets/);
        });
    });
});
