// What Pulumi Cloud receives and runs: `pulumi policy publish` uploads the `npm pack` tarball of policy-pack;
// every machine that runs a stack under an enabled policy group downloads it, unpacks its `package/` folder,
// installs its dependencies from the registry and starts it with run-policy-pack. This test does the same with
// the real tarball, so a missing file in `files` or a dependency that only a developer's node_modules provides
// fails here rather than in every organisation's previews. The tarball is packed from a fresh copy of the pack's
// tracked files, as a fresh clone would have them (no bin/), so it also proves that `npm pack` builds the pack.

import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { previewStream, urnOf } from "../report/engineEventFixtures";
import { RunningPolicyPack, startPolicyPack } from "../../tools/engine/policyPackServer";

import { POLICY_PACK_DIR as PACK_DIR } from "../../tools/engine/policyPack";
const PACK_NAME = "azure-secure-webapp";
const POLICY_NAME = "webapp-require-client-certificates";

const compliantWebApp = {
    type: "azure-native:web:WebApp",
    name: "shop",
    properties: {
        resourceGroupName: "rg-shop",
        location: "westeurope",
        kind: "app,linux",
        serverFarmId: "/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.Web/serverfarms/asp-shop",
        httpsOnly: true,
        siteConfig: {
            minTlsVersion: "1.2",
            ftpsState: "Disabled",
            appSettings: [{ name: "WEBSITE_RUN_FROM_PACKAGE", value: "1" }],
        },
        identity: { type: "SystemAssigned" },
        tags: { environment: "prod" },
        clientCertEnabled: true,
        clientCertMode: "Required",
    },
};

/** The pack's files as a fresh clone has them: tracked by git or new and not ignored, so never bin/. */
function cloneOfPack(into: string): string {
    const repoRoot = path.dirname(PACK_DIR);
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "policy-pack"], {
        cwd: repoRoot,
        encoding: "utf8",
    })
        .split("\n")
        .filter(file => file !== "" && fs.existsSync(path.join(repoRoot, file)));
    for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
        fs.copyFileSync(path.join(repoRoot, file), path.join(into, file));
    }
    const clone = path.join(into, "policy-pack");
    assert.ok(!fs.existsSync(path.join(clone, "bin")), "bin/ is ignored by git, so a fresh clone has none");
    // The dependencies `npm ci` would install, without another registry download.
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(clone, "node_modules"), "dir");
    return clone;
}

/** Name and version of every package the shrinkwrap pins, by its path under node_modules. */
function pinnedVersions(shrinkwrap: { packages: Record<string, { version?: string }> }): Map<string, string> {
    return new Map(
        Object.entries(shrinkwrap.packages)
            .filter(([location]) => location.startsWith("node_modules/"))
            .map(([location, entry]) => [location, entry.version ?? ""]),
    );
}

function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Source files of the pack (TypeScript outside node_modules and bin), relative to the pack folder. */
function packSources(dir = PACK_DIR, relative = ""): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const rel = path.posix.join(relative, entry.name);
        if (entry.isDirectory()) {
            return relative === "" && ["node_modules", "bin"].includes(entry.name)
                ? []
                : packSources(path.join(dir, entry.name), rel);
        }
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
    });
}

describe("the published policy pack (npm pack tarball, installed as Pulumi Cloud installs it)", function () {
    // Building, packing and installing from the registry take a while.
    this.timeout(300000);

    let workDir: string;
    let tarball: string;
    let packageDir: string;
    let tarballFiles: string[];
    let main: string;
    let pack: RunningPolicyPack | undefined;

    before(() => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-tarball-"));
        const clone = cloneOfPack(path.join(workDir, "clone"));
        main = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).main;
        const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", workDir], clone));
        tarball = path.join(workDir, packed.filename);
        tarballFiles = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
            .split("\n")
            .filter(line => line !== "" && !line.endsWith("/"))
            .map(line => line.replace(/^package\//, ""))
            .sort();

        const installDir = path.join(workDir, "installed");
        fs.mkdirSync(installDir);
        execFileSync("tar", ["-xzf", tarball, "-C", installDir]);
        packageDir = path.join(installDir, "package");
        npm(["install", "--omit=dev", "--no-audit", "--no-fund"], packageDir);
    });

    after(async () => {
        await pack?.stop();
        if (workDir) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    it("ships the compiled entry (built by npm pack itself), PulumiPolicy.yaml, package.json, README.md, the shrinkwrap and the example config", () => {
        for (const file of [
            main,
            "PulumiPolicy.yaml",
            "package.json",
            "README.md",
            "npm-shrinkwrap.json",
            "policy-config.example.json",
        ]) {
            assert.ok(tarballFiles.includes(file), `${file} is missing from the tarball: ${tarballFiles.join(", ")}`);
        }
    });

    it("ships the compiled JavaScript of every pack module, so the entry's requires resolve", () => {
        const modules = packSources()
            .filter(source => !/(^|\/)test\/|\.(test|spec)\.ts$/.test(source))
            .map(source => `bin/${source.replace(/\.ts$/, ".js")}`);
        const missing = modules.filter(module => !tarballFiles.includes(module));
        assert.deepStrictEqual(missing, [], "compiled modules missing from the tarball");
    });

    it("ships no TypeScript sources, tests, build configuration or dependencies", () => {
        const unwanted = tarballFiles.filter(
            file =>
                /\.ts$/.test(file) ||
                /(^|\/)(test|tests|__tests__)\//.test(file) ||
                /\.(test|spec)\.js$/.test(file) ||
                /^tsconfig.*\.json$/.test(file) ||
                file.startsWith("node_modules/") ||
                file === "package-lock.json",
        );
        assert.deepStrictEqual(unwanted, []);
        const expected = (file: string) =>
            [
                "PulumiPolicy.yaml",
                "package.json",
                "README.md",
                "LICENSE",
                "npm-shrinkwrap.json",
                "policy-config.example.json",
            ].includes(file) || /^bin\/.+\.js$/.test(file);
        assert.deepStrictEqual(
            tarballFiles.filter(file => !expected(file)),
            [],
            "files the pack does not need",
        );
    });

    it("installs exactly the dependency versions its npm-shrinkwrap.json pins, whatever the registry's newest are", () => {
        const pinned = pinnedVersions(
            JSON.parse(fs.readFileSync(path.join(packageDir, "npm-shrinkwrap.json"), "utf8")),
        );
        assert.ok(pinned.get("node_modules/@pulumi/policy"), "the shrinkwrap pins @pulumi/policy");
        const installed = new Map(
            [...pinned.keys()].map(location => {
                const manifest = path.join(packageDir, location, "package.json");
                // @pulumi/policy's own package.json writes its version "v1.21.0"; npm records it as "1.21.0".
                return [
                    location,
                    fs.existsSync(manifest)
                        ? (JSON.parse(fs.readFileSync(manifest, "utf8")).version as string).replace(/^v/, "")
                        : "(not installed)",
                ];
            }),
        );
        assert.deepStrictEqual(installed, pinned);
        const lockfile = JSON.parse(
            fs.readFileSync(path.join(packageDir, "node_modules", ".package-lock.json"), "utf8"),
        );
        assert.deepStrictEqual(
            [...pinnedVersions(lockfile).keys()].sort(),
            [...pinned.keys()].sort(),
            "packages installed beyond the shrinkwrap",
        );
    });

    it("installs without any Azure provider SDK (the pack matches type tokens)", () => {
        for (const sdk of ["azure-native", "azure"]) {
            assert.ok(
                !fs.existsSync(path.join(packageDir, "node_modules", "@pulumi", sdk)),
                `@pulumi/${sdk} was installed`,
            );
        }
    });

    it("ships the report command: package.json bin secure-webapp-report, compiled to a Node.js script", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
        assert.deepStrictEqual(manifest.bin, { "secure-webapp-report": "bin/report/cli.js" });
        assert.ok(tarballFiles.includes("bin/report/cli.js"), "bin/report/cli.js is missing");
        assert.match(
            fs.readFileSync(path.join(packageDir, "bin", "report", "cli.js"), "utf8"),
            /^#!\/usr\/bin\/env node\n/,
        );
    });

    describe("installed into a project as an auditor installs it (npm install of the tarball)", () => {
        let projectDir: string;
        before(() => {
            projectDir = path.join(workDir, "project");
            fs.mkdirSync(projectDir);
            fs.writeFileSync(
                path.join(projectDir, "package.json"),
                JSON.stringify({ name: "infrastructure", version: "1.0.0", private: true }),
            );
            npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], projectDir);
        });

        it("runs `npx secure-webapp-report` on a preview's events: the summary lists each app, the exit code gates CI", () => {
            const stream = previewStream([
                { urn: urnOf("azure-native:web:WebApp", "storefront"), result: "passed" },
                { urn: urnOf("azure-native:web:WebApp", "legacy-portal"), result: "failed" },
            ]);
            const report = spawnSync("npx", ["--no-install", "secure-webapp-report"], {
                cwd: projectDir,
                input: stream,
                encoding: "utf8",
            });
            assert.strictEqual(report.status, 1, report.stderr);
            assert.match(report.stdout, /\| storefront \| `azure-native:web:WebApp` \| \*\*compliant\*\* \|/);
            assert.match(report.stdout, /\| legacy-portal \| `azure-native:web:WebApp` \| \*\*unverifiable\*\* \|/);
        });
    });

    describe("started from its installed folder as the engine starts it", () => {
        before(async () => {
            pack = await startPolicyPack(packageDir);
            await pack.configure();
        });

        it("declares the pack and its mandatory policy under the published name and version", async () => {
            const info = await pack!.getAnalyzerInfo();
            const version = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;
            assert.strictEqual(info.name, PACK_NAME);
            assert.strictEqual(info.version, version);
            const policy = info.policies.find(p => p.name === POLICY_NAME);
            assert.ok(policy, `no ${POLICY_NAME} among ${info.policies.map(p => p.name).join(", ")}`);
            assert.strictEqual(policy.enforcementLevel, "mandatory");
        });

        it("reports a mandatory violation for a WebApp that does not require client certificates", async () => {
            const result = await pack!.analyze({
                ...compliantWebApp,
                properties: { ...compliantWebApp.properties, clientCertEnabled: false },
            });
            assert.strictEqual(result.diagnostics.length, 1, pack!.stderr());
            const [violation] = result.diagnostics;
            assert.strictEqual(violation.policyName, POLICY_NAME);
            assert.strictEqual(violation.policyPackName, PACK_NAME);
            assert.strictEqual(violation.enforcementLevel, "mandatory");
            assert.match(violation.message, /clientCertEnabled/);
        });

        it("refuses a config that names a policy it does not have, as the engine configures it", async () => {
            await assert.rejects(
                pack!.configure({ "webapp-require-client-certificate": { enforcementLevel: "advisory" } }),
                /webapp-require-client-certificate is .*: not a policy of azure-secure-webapp/,
            );
            await pack!.configure();
        });

        it("passes a WebApp that requires client certificates and holds the App Service baseline", async () => {
            const result = await pack!.analyze(compliantWebApp);
            assert.deepStrictEqual(result.diagnostics, [], pack!.stderr());
        });
    });
});
