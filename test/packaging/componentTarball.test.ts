// What a user gets from `npm pack` or a git URL: secure-webapp is not on the npm registry, so teams install the
// tarball of a clone or the repository itself. This test does what a new user does, from a fresh clone of the
// committed HEAD (so an uncommitted or ignored file cannot help): `npm ci`, `npm pack` (which must build the
// component through `prepare`), then installs the tarball with the peer Pulumi SDKs into an empty project and
// runs a program that imports `secure-webapp` by name, under Pulumi's mocks. It does so with the lowest and the
// newest SDK versions the declared peer ranges allow, and once more from a git URL. One project is shared by
// every install, and npm's cache is preferred over the network: @pulumi/azure-native is large.

import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtinModules } from "module";
import * as semver from "semver";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const CONSUMER_PROGRAM = path.join(__dirname, "consumer", "index.ts");
const TSC = require.resolve("typescript/bin/tsc");

/** Files npm adds to every tarball, the documents a user needs, and what the component provider reads. */
const SHIPPED_DOCUMENTS = ["package.json", "README.md", "LICENSE", "PulumiPlugin.yaml", "bin/provider/schema.json"];
/** The SDKs a user's program shares with the component. */
const PEER_SDKS = ["@pulumi/pulumi", "@pulumi/azure-native"];

/** What the consumer program prints. */
interface ProgramResult {
    sharesPulumiSdk: boolean;
    urns: { app: string; webApp: string; slot: string };
    url: string;
    registered: { type: string; name: string; inputs: Record<string, any> }[];
    refusal?: { name: string; isArgumentError: boolean; message: string };
}

function run(command: string, args: string[], cwd: string): string {
    return execFileSync(command, args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 << 20,
    });
}

/** Runs `step`, printing how long it took, so a slow install is visible in the test output. */
function timed<T>(label: string, step: () => T): T {
    const start = Date.now();
    const result = step();
    process.stderr.write(`      ${label}: ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    return result;
}

const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** What a compiled module imports by a relative path (`require("./x")`, and in typings `from "./x"`, `import("./x")`). */
function relativeImports(text: string): string[] {
    return [...text.matchAll(/(?:require\(|from |import\()"(\.{1,2}\/[^"]+)"/g)].map(match => match[1]);
}

/** Packages a compiled module requires by name, e.g. `@pulumi/pulumi/provider` or `fs`. */
function packageRequires(text: string): string[] {
    return [...text.matchAll(/require\("([^."][^"]*)"\)/g)].map(match => match[1]);
}

/**
 * The compiled files reachable from `entries` (relative to `root`) through relative imports: what the package must
 * ship for its entries to load, and all it needs to ship. `extension` is `.js` or `.d.ts`.
 */
function reachableFrom(root: string, entries: string[], extension: string): Set<string> {
    const reached = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
        const file = pending.pop()!;
        if (reached.has(file)) {
            continue;
        }
        reached.add(file);
        for (const specifier of relativeImports(fs.readFileSync(path.join(root, file), "utf8"))) {
            const target = path.posix.join(path.posix.dirname(file), specifier);
            const candidates = [`${target}${extension}`, `${target}/index${extension}`];
            const found = candidates.find(candidate => fs.existsSync(path.join(root, candidate)));
            assert.ok(found, `${file} imports ${specifier}, compiled to none of ${candidates.join(", ")}`);
            pending.push(found);
        }
    }
    return reached;
}

/** The versions of `sdk` the registry serves within `range`, lowest first. */
function versionsInRange(sdk: string, range: string, cwd: string): string[] {
    const listed: string | string[] = JSON.parse(
        run("npm", ["view", `${sdk}@${range}`, "version", "--json", "--prefer-offline"], cwd),
    );
    return semver.sort(([] as string[]).concat(listed));
}

describe("secure-webapp as a user installs it (npm pack of a fresh clone, installed into an empty project)", function () {
    // A clean install of the repository, the pack, and three installs of the SDKs into one project.
    this.timeout(15 * 60 * 1000);

    let workDir: string;
    let cloneDir: string;
    let commit: string;
    let tarball: string;
    let tarballFiles: string[];
    let manifest: Record<string, any>;
    let consumerDir: string;

    before(() => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-tarball-"));
        cloneDir = path.join(workDir, "clone");
        commit = run("git", ["rev-parse", "HEAD"], REPO_ROOT).trim();
        run("git", ["clone", "--quiet", "--no-checkout", REPO_ROOT, cloneDir], workDir);
        run("git", ["checkout", "--quiet", commit], cloneDir);
        timed("npm ci in a fresh clone", () =>
            run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], cloneDir),
        );
        // `npm ci` has built bin/ through `prepare` already; remove it so the pack must build on its own.
        fs.rmSync(path.join(cloneDir, "bin"), { recursive: true, force: true });
        const [packed] = timed("npm pack", () =>
            JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workDir], cloneDir)),
        );
        tarball = path.join(workDir, packed.filename);
        tarballFiles = (packed.files as { path: string }[]).map(file => file.path).sort();
        manifest = JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"], workDir));
        process.stderr.write(
            `      tarball ${packed.filename}: ${packed.size} bytes, ${packed.unpackedSize} unpacked, ` +
                `${tarballFiles.length} files\n`,
        );

        consumerDir = path.join(workDir, "consumer");
        fs.mkdirSync(consumerDir);
        fs.writeFileSync(
            path.join(consumerDir, "package.json"),
            JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
        );
        fs.copyFileSync(CONSUMER_PROGRAM, path.join(consumerDir, "index.ts"));
        fs.writeFileSync(
            path.join(consumerDir, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    target: "ES2020",
                    module: "commonjs",
                    moduleResolution: "node",
                    strict: true,
                    skipLibCheck: true,
                    outDir: "bin",
                    typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
                    types: ["node"],
                },
                files: ["index.ts"],
            }),
        );
    });

    after(() => {
        if (workDir) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    describe("the tarball", () => {
        /** The compiled modules the entries load (package.json `main`, the `.` export) and the typings of `types`. */
        function neededFiles(): string[] {
            const entries = [manifest.main, manifest.exports["."].default].map((entry: string) =>
                entry.replace(/^\.\//, ""),
            );
            return [
                ...reachableFrom(cloneDir, entries, ".js"),
                ...reachableFrom(cloneDir, [manifest.types], ".d.ts"),
            ].sort();
        }

        it("ships the compiled modules its entries load and the typings its types name, main and types included", () => {
            const needed = neededFiles();
            assert.ok(
                needed.includes(manifest.main) && needed.includes(manifest.types),
                `main ${manifest.main}, types ${manifest.types}`,
            );
            const missing = needed.filter(file => !tarballFiles.includes(file));
            assert.deepStrictEqual(missing, [], `compiled files missing from the tarball: ${tarballFiles.join(", ")}`);
        });

        it("ships nothing else: no policy pack, report, build tools, sources, tests, source maps or lockfile", () => {
            const needed = new Set(neededFiles());
            // A module's own typings may ship though no other typings import them (the slot-name check's, say).
            const typingsOfNeeded = (file: string) =>
                file.endsWith(".d.ts") && needed.has(file.replace(/\.d\.ts$/, ".js"));
            const unexpected = tarballFiles.filter(
                file => !SHIPPED_DOCUMENTS.includes(file) && !needed.has(file) && !typingsOfNeeded(file),
            );
            assert.deepStrictEqual(unexpected, []);
            assert.ok(tarballFiles.includes("README.md"), "README.md is missing");
            assert.deepStrictEqual(
                tarballFiles.filter(file => /^bin\/(report|policy-pack\/(arm|families|policies))\//.test(file)),
                [],
            );
        });

        it("declares no runtime dependency and no command: only the Pulumi SDKs, as peer dependencies", () => {
            assert.deepStrictEqual(manifest.dependencies ?? {}, {}, "runtime dependencies");
            assert.strictEqual(manifest.bin, undefined, "the report command comes with the policy pack");
            assert.deepStrictEqual(Object.keys(manifest.peerDependencies).sort(), [...PEER_SDKS].sort());
            for (const sdk of PEER_SDKS) {
                assert.ok(
                    semver.validRange(manifest.peerDependencies[sdk]),
                    `${sdk}: ${manifest.peerDependencies[sdk]}`,
                );
            }
        });

        it("ships no module that requires a package beyond the peer SDKs and Node.js's own modules", () => {
            const allowed = (name: string) =>
                builtinModules.includes(name.replace(/^node:/, "")) ||
                PEER_SDKS.some(sdk => name === sdk || name.startsWith(`${sdk}/`));
            const unmet = tarballFiles
                .filter(file => file.endsWith(".js"))
                .flatMap(file =>
                    packageRequires(run("tar", ["-xzOf", tarball, `package/${file}`], workDir))
                        .filter(name => !allowed(name))
                        .map(name => `${file}: ${name}`),
                );
            assert.deepStrictEqual(unmet, []);
        });
    });

    /** Installs `packageSpec` with the given SDK versions into the shared project, then compiles and runs the program. */
    function installAndRun(label: string, packageSpec: () => string, sdkVersions: () => Record<string, string>) {
        const state: { result?: ProgramResult; versions?: Record<string, string> } = {};
        before(() => {
            state.versions = sdkVersions();
            const specs = Object.entries(state.versions).map(([sdk, version]) => `${sdk}@${version}`);
            timed(`npm install ${label} (${specs.join(" ")})`, () =>
                run("npm", [...NPM_INSTALL, packageSpec(), ...specs], consumerDir),
            );
            timed("tsc of the program", () => run(process.execPath, [TSC, "-p", "tsconfig.json"], consumerDir));
            state.result = JSON.parse(
                timed("the program under mocks", () => run(process.execPath, ["bin/index.js"], consumerDir)),
            );
        });
        return () => {
            assert.ok(state.result && state.versions, "the program did not run; see the before hook's error");
            return { result: state.result, versions: state.versions };
        };
    }

    /** The behaviour a user relies on from an installed package, whichever way it was installed. */
    function itBehavesAsInstalled(installed: () => { result: ProgramResult; versions: Record<string, string> }) {
        it("installs the SDK versions asked for, once, shared by the program and the component", () => {
            const { result, versions } = installed();
            for (const [sdk, version] of Object.entries(versions)) {
                const installedVersion = JSON.parse(
                    fs.readFileSync(path.join(consumerDir, "node_modules", sdk, "package.json"), "utf8"),
                ).version;
                assert.strictEqual(installedVersion, version, sdk);
                assert.ok(
                    !fs.existsSync(path.join(consumerDir, "node_modules", "secure-webapp", "node_modules", sdk)),
                    `secure-webapp has its own copy of ${sdk}`,
                );
            }
            assert.strictEqual(result.sharesPulumiSdk, true, "the component's ComponentResource is not the program's");
        });

        it("registers the component's WebApp and slot with client certificates required, over HTTPS", () => {
            const { result } = installed();
            const webApp = result.registered.find(r => r.type === "azure-native:web:WebApp");
            const slot = result.registered.find(r => r.type === "azure-native:web:WebAppSlot");
            assert.ok(webApp && slot, `registered: ${result.registered.map(r => r.type).join(", ")}`);
            for (const resource of [webApp, slot]) {
                assert.strictEqual(resource.inputs.clientCertEnabled, true, resource.type);
                assert.strictEqual(resource.inputs.clientCertMode, "Required", resource.type);
                assert.strictEqual(resource.inputs.httpsOnly, true, resource.type);
                assert.strictEqual(resource.inputs.clientCertExclusionPaths, "/health", resource.type);
            }
            assert.strictEqual(slot.inputs.slot, "staging");
            assert.match(
                result.urns.webApp,
                /::consumer::secure-webapp:index:SecureWebApp\$azure-native:web:WebApp::payments$/,
            );
            assert.strictEqual(result.url, "https://payments.azurewebsites.net");
        });

        it("refuses clientCertMode Optional before registering anything, with the resource, value, requirement and fix", () => {
            const { result } = installed();
            assert.ok(result.refusal, 'new SecureWebApp(..., { clientCertMode: "Optional" }) was accepted');
            assert.strictEqual(
                result.refusal.isArgumentError,
                true,
                `${result.refusal.name} is not a SecureWebAppArgumentError`,
            );
            assert.match(
                result.refusal.message,
                /^legacy: clientCertMode is "Optional"; it must be "Required" \(portal: "Require"\).*Fix: /,
            );
            assert.deepStrictEqual(
                result.registered.filter(r => r.name.startsWith("legacy")),
                [],
            );
        });
    }

    /** The lowest or newest version of each peer SDK that its declared range allows and the registry serves. */
    function peerVersions(pick: "lowest" | "newest"): Record<string, string> {
        return Object.fromEntries(
            PEER_SDKS.map(sdk => {
                const range = manifest.peerDependencies[sdk];
                const versions = versionsInRange(sdk, range, consumerDir);
                if (pick === "lowest") {
                    // The declared floor is a promise to users: it must be a version that exists, and is tested.
                    assert.strictEqual(
                        versions[0],
                        semver.minVersion(range)?.version,
                        `${sdk}@${range}: the registry lacks the floor`,
                    );
                    return [sdk, versions[0]];
                }
                return [sdk, versions[versions.length - 1]];
            }),
        );
    }

    // In this order, each install changes as little as possible in the shared project.
    describe("installed from the tarball with the newest Pulumi SDKs its peer ranges allow", () => {
        itBehavesAsInstalled(
            installAndRun(
                "of the tarball with the newest SDKs",
                () => tarball,
                () => peerVersions("newest"),
            ),
        );
    });

    describe("installed from a git URL (npm clones the repository and builds it through prepare)", () => {
        itBehavesAsInstalled(
            installAndRun(
                "from a git URL",
                () => `git+file://${cloneDir}#${commit}`,
                () => peerVersions("newest"),
            ),
        );

        it("carries the compiled component, built during the install", () => {
            const installed = path.join(consumerDir, "node_modules", "secure-webapp");
            assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "npm linked the clone instead of installing it");
            assert.ok(fs.existsSync(path.join(installed, manifest.main)), `${manifest.main} is missing`);
            assert.ok(!fs.existsSync(path.join(installed, "components")), "TypeScript sources were installed");
        });
    });

    describe("installed from the tarball with the lowest Pulumi SDKs its peer ranges allow", () => {
        itBehavesAsInstalled(
            installAndRun(
                "of the tarball with the lowest SDKs",
                () => tarball,
                () => peerVersions("lowest"),
            ),
        );
    });
});
