// `npm run scan -- <folder>` on programs that are none of the examples, written to temporary folders as a user has
// them: the verdicts printed, the exit code, and the reports it writes (SARIF against the SARIF 2.1.0 schema, JUnit
// parsed as XML). Each scan starts its own offline engine, as the command does.
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePulumiCli, REPO_ROOT } from "../../tools/engine/cli";
import { buildStandInAzureNative } from "../../tools/engine/standIn";
import { ensureYamlLanguageHost } from "../../tools/engine/yamlLanguageHost";
import { assertValidSarif, parseJUnit } from "../report/reportFormats";
import { providerSdkPath } from "../policy-pack/providerTypes";
import { OPERATION_TIMEOUT_MS } from "./offlineEngineFixture";

const CLI_BUILD_TIMEOUT_MS = 60 * 60 * 1000;

interface Scan {
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
    readonly printed: string;
}

let work: string;

/** `npm run --silent scan -- <args>` from the repository, as a user types it; PULUMI_HOME is an empty folder. */
function scan(args: string[]): Promise<Scan> {
    const child = spawn("npm", ["run", "--silent", "scan", "--", ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, PULUMI_HOME: path.join(work, "pulumi-home") },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", chunk => (stdout += chunk));
    child.stderr.on("data", chunk => (stderr += chunk));
    return new Promise(resolve =>
        child.on("close", code => resolve({ exitCode: code ?? 1, stdout, stderr, printed: `${stdout}\n${stderr}` })),
    );
}

/** Writes a program's files into a new folder under the test's temporary folder; returns the folder. */
function program(name: string, files: Record<string, string>): string {
    const dir = path.join(work, name);
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

/**
 * What `npm install secure-webapp @pulumi/pulumi @pulumi/azure-native` leaves, as links to this repository's copies;
 * with `classicSdk`, classic `@pulumi/azure` too, installed from the registry (the repository keeps it out of its
 * own node_modules, so that the component package requires only the azure-native plugin).
 */
function installDependencies(dir: string, { classicSdk = false } = {}): void {
    if (classicSdk) {
        execFileSync(
            "npm",
            ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts"].concat(
                `@pulumi/azure@${classicSdkVersion()}`,
            ),
            { cwd: dir, stdio: "ignore" },
        );
    }
    const scope = path.join(dir, "node_modules", "@pulumi");
    fs.mkdirSync(scope, { recursive: true });
    fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "secure-webapp"));
    for (const name of fs.readdirSync(path.join(REPO_ROOT, "node_modules", "@pulumi"))) {
        if (!fs.existsSync(path.join(scope, name))) {
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", name), path.join(scope, name));
        }
    }
}

/** The version of classic `@pulumi/azure` the tests install. */
const classicSdkVersion = (): string =>
    (JSON.parse(fs.readFileSync(providerSdkPath("@pulumi/azure/package.json"), "utf8")) as { version: string }).version;

const POLICY_CONFIG = {
    "webapp-require-client-certificates": { enforcementLevel: "mandatory", allowedExclusionPaths: ["/health"] },
};

/** A TypeScript program as a user writes one: top-level resources, a SecureWebApp and a plain WebApp set to Optional. */
const SHOP_PROGRAM = {
    "Pulumi.yaml": "name: shop\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
    "package.json": JSON.stringify({ name: "shop", main: "index.ts" }),
    "index.ts": `import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { SecureWebApp } from "secure-webapp";

const group = new resources.ResourceGroup("shop");
const plan = new web.AppServicePlan("shop-plan", {
    resourceGroupName: group.name,
    kind: "linux",
    reserved: true,
    sku: { name: "P1v3", tier: "PremiumV3" },
});
const checkout = new SecureWebApp("checkout", {
    resourceGroupName: group.name,
    serverFarmId: plan.id,
    kind: "app,linux",
    clientCertExclusionPaths: ["/health"],
});
new web.WebApp("back-office", {
    resourceGroupName: group.name,
    serverFarmId: plan.id,
    clientCertEnabled: true,
    clientCertMode: web.ClientCertMode.Optional,
});
export const url = checkout.url;
`,
};

describe("npm run scan on a program of the user's", function () {
    this.timeout(OPERATION_TIMEOUT_MS);

    before(async function () {
        this.timeout(CLI_BUILD_TIMEOUT_MS);
        await ensurePulumiCli({ log: line => process.stderr.write(`      ${line}\n`) });
        await ensureYamlLanguageHost({ log: line => process.stderr.write(`      ${line}\n`) });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-scan-"));
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("TypeScript: blocks the plain WebApp in mode Optional, passes the SecureWebApp, and writes valid SARIF, JUnit and Markdown", async () => {
        const dir = program("shop", SHOP_PROGRAM);
        installDependencies(dir);
        const config = path.join(work, "policy-config.json");
        fs.writeFileSync(config, JSON.stringify(POLICY_CONFIG));
        const [sarif, junit, markdown] = ["out.sarif", "out.xml", "out.md"].map(file => path.join(work, file));

        const outcome = await scan([
            dir,
            "--policy-pack-config",
            config,
            "--sarif",
            sarif,
            "--junit",
            junit,
            "--markdown",
            markdown,
        ]);

        assert.strictEqual(outcome.exitCode, 1, outcome.printed);
        assert.match(
            outcome.printed,
            /\[mandatory\].*webapp-require-client-certificates.*\(azure-native:web:WebApp: back-office\)/,
        );
        assert.match(outcome.printed, /clientCertMode is "Optional" \(portal: "Allow"\)/);
        assert.match(outcome.printed, /\| back-office \| `azure-native:web:WebApp` \| \*\*violating\*\* \|/);
        assert.match(outcome.printed, /\| checkout \| `azure-native:web:WebApp` \| \*\*compliant\*\* \|/);
        assert.doesNotMatch(outcome.printed, /from \$PATH at/, "the engine's notices about the scan's own plugins");
        assert.ok(!outcome.printed.includes("\u001b["), "colour codes in output that is not a terminal");

        const results = assertValidSarif(JSON.parse(fs.readFileSync(sarif, "utf8")));
        assert.deepStrictEqual(
            results.map(r => [
                r.ruleId,
                r.locations[0].logicalLocations[0].fullyQualifiedName.split("::").pop(),
                r.properties.verdict,
                r.level,
            ]),
            [
                ["webapp-require-client-certificates", "back-office", "violating", "error"],
                ["webapp-https-only", "back-office", "violating", "error"],
                ["webapp-ftp-deployments-disabled", "back-office", "violating", "error"],
                // No publishing-credentials policy of the stack can be back-office's: checkout's take their site from
                // checkout's WebApp, so the preview fails it rather than leaving it to the update.
                ["webapp-basic-auth-publishing-disabled", "back-office", "violating", "error"],
                ["webapp-managed-identity", "back-office", "violating", "warning"],
                // SecureWebApp turns HTTP/2 off for its /health exclusion path, which mutual TLS needs renegotiation
                // for, and webapp-http2 does not ask for HTTP/2 there: no result for checkout.
                // Neither sets up App Service authentication, which needs an identity provider the program names.
                ["webapp-authentication", "back-office", "violating", "warning"],
                ["webapp-authentication", "checkout", "violating", "warning"],
            ],
        );
        const suite = parseJUnit(fs.readFileSync(junit, "utf8"));
        assert.deepStrictEqual(
            suite.cases.map(c => [c.name.split(" ")[0], c.failure === undefined ? "passed" : "failed"]).sort(),
            [
                ["back-office", "failed"],
                ["checkout", "passed"],
            ],
        );
        assert.strictEqual(
            fs.readFileSync(markdown, "utf8").split("\n")[0],
            "# App Service client certificates: compliance summary",
        );
    });

    it("TypeScript, under the default config: SecureWebApp's /health is told as not in allowedExclusionPaths, with both fixes", async () => {
        const outcome = await scan([path.join(work, "shop")]);

        assert.strictEqual(outcome.exitCode, 1, outcome.printed);
        assert.match(
            outcome.printed,
            /Fix: "\/health" is not in the policy config's allowedExclusionPaths \(now: none, the default\)\. Either allow it: .*; or remove it from clientCertExclusionPaths in the SecureWebApp's arguments/,
        );
        assert.doesNotMatch(outcome.printed, /changed that afterwards/);
    });

    it("TypeScript: a SecureWebApp argument the component refuses is printed once, without 'Unhandled exception' or a stack trace", async () => {
        const dir = program("refused", {
            "Pulumi.yaml": "name: refused\nruntime: nodejs\nmain: index.ts\n",
            "index.ts": `import * as resources from "@pulumi/azure-native/resources";
import { SecureWebApp } from "secure-webapp";

const group = new resources.ResourceGroup("payments");
new SecureWebApp("payments", {
    resourceGroupName: group.name,
    serverFarmId: "/subscriptions/0/resourceGroups/payments/providers/Microsoft.Web/serverfarms/plan",
    clientCertMode: "Optional" as "Required", // a cast, as JavaScript or a value from config would pass it
});
`,
        });
        installDependencies(dir);

        const outcome = await scan([dir]);

        assert.strictEqual(outcome.exitCode, 1, outcome.printed);
        const refusal = 'error: payments: clientCertMode is "Optional"; it must be "Required"';
        const diagnostics = outcome.stdout.slice(outcome.stdout.indexOf("\nDiagnostics:"));
        assert.strictEqual(diagnostics.split(refusal).length - 1, 1, outcome.printed);
        assert.doesNotMatch(outcome.printed, /Unhandled exception|\n\s+at /, outcome.printed);
    });

    it("JavaScript without node_modules of its own, exporting its program as a function: the packages come from this repository, and it passes", async () => {
        const dir = program("js-intranet", {
            "Pulumi.yaml": "name: js-intranet\nruntime: nodejs\n",
            "index.js": `const resources = require("@pulumi/azure-native/resources");
const { SecureWebApp } = require("secure-webapp");
module.exports = async () => {
    const group = new resources.ResourceGroup("intranet");
    const app = new SecureWebApp("intranet", {
        resourceGroupName: group.name,
        serverFarmId: "/subscriptions/0/resourceGroups/intranet/providers/Microsoft.Web/serverfarms/plan",
    });
    return { url: app.url };
};
`,
        });

        const outcome = await scan([dir]);

        assert.strictEqual(outcome.exitCode, 0, outcome.printed);
        assert.match(outcome.printed, /\| intranet \| `azure-native:web:WebApp` \| \*\*compliant\*\* \|/);
        assert.match(outcome.printed, /url: \[unknown\]/, "the function's result is the stack's outputs");
    });

    it("YAML: passes the SecureWebApp and blocks the plain WebApp with certificates off", async () => {
        const dir = program("yaml-intranet", {
            "Pulumi.yaml": `name: yaml-intranet
runtime: yaml
resources:
  intranet:
    type: azure-native:resources:ResourceGroup
  intranet-plan:
    type: azure-native:web:AppServicePlan
    properties:
      resourceGroupName: \${intranet.name}
      kind: linux
      reserved: true
      sku:
        name: P1v3
        tier: PremiumV3
  wiki:
    type: secure-webapp:index:SecureWebApp
    properties:
      resourceGroupName: \${intranet.name}
      serverFarmId: \${intranet-plan.id}
      kind: app,linux
  timesheets:
    type: azure-native:web:WebApp
    properties:
      resourceGroupName: \${intranet.name}
      serverFarmId: \${intranet-plan.id}
      clientCertEnabled: false
`,
        });
        const junit = path.join(work, "yaml.xml");

        const outcome = await scan([dir, "--junit", junit]);

        assert.strictEqual(outcome.exitCode, 1, outcome.printed);
        assert.match(outcome.printed, /webapp-require-client-certificates.*\(azure-native:web:WebApp: timesheets\)/);
        assert.match(outcome.printed, /clientCertEnabled is false/);
        assert.match(outcome.printed, /\| timesheets \| `azure-native:web:WebApp` \| \*\*violating\*\* \|/);
        assert.match(outcome.printed, /\| wiki \| `azure-native:web:WebApp` \| \*\*compliant\*\* \|/);
        const suite = parseJUnit(fs.readFileSync(junit, "utf8"));
        assert.deepStrictEqual(
            suite.cases.map(c => [c.name.split(" ")[0], c.failure === undefined ? "passed" : "failed"]).sort(),
            [
                ["timesheets", "failed"],
                ["wiki", "passed"],
            ],
        );
        // Each baseline rule is a suite of its own: the plain WebApp leaves httpsOnly unset (Azure's default, off).
        const httpsOnly = suite.suites.find(s => s.name.startsWith("webapp-https-only "));
        assert.deepStrictEqual(
            httpsOnly?.cases.map(c => [c.name.split(" ")[0], c.failure === undefined ? "passed" : "failed"]).sort(),
            [
                ["timesheets", "failed"],
                ["wiki", "passed"],
            ],
        );
    });

    it("a program that also uses a provider whose plugin is not installed: names the plugin and the command that installs it", async () => {
        const dir = program("classic-and-native", {
            "Pulumi.yaml": "name: classic-and-native\nruntime: nodejs\nmain: index.ts\n",
            "index.ts": `import * as azure from "@pulumi/azure";
new azure.core.ResourceGroup("legacy", { location: "westeurope" });
`,
        });
        installDependencies(dir, { classicSdk: true });
        const version = classicSdkVersion();

        const outcome = await scan([dir]);

        assert.notStrictEqual(outcome.exitCode, 0, outcome.printed);
        assert.ok(
            outcome.stderr.includes(
                `scan: the program uses the azure resource plugin v${version}, which is not installed, and the scan never downloads plugins`,
            ),
            outcome.printed,
        );
        assert.ok(
            outcome.stderr.includes(`Install it: \`pulumi plugin install resource azure ${version}\``),
            outcome.printed,
        );
    });

    it("the same program with that plugin installed in the user's plugin cache: runs it from there and passes", async () => {
        const version = classicSdkVersion();
        // A provider that answers the protocol, installed where `pulumi plugin install` puts one.
        const plugin = path.join(work, "pulumi-home", "plugins", `resource-azure-v${version}`);
        fs.mkdirSync(plugin, { recursive: true });
        const provider = buildStandInAzureNative(path.join(work, "installed-provider"));
        fs.writeFileSync(
            path.join(plugin, "pulumi-resource-azure"),
            `#!/bin/sh\nexec "${path.join(provider, "pulumi-resource-azure-native")}" "$@"\n`,
            { mode: 0o755 },
        );

        const outcome = await scan([path.join(work, "classic-and-native")]);

        assert.strictEqual(outcome.exitCode, 0, outcome.printed);
        assert.match(outcome.printed, /\+ {2}azure:core:ResourceGroup legacy create/);
        assert.doesNotMatch(outcome.printed, /not installed/);
    });
});
