// Wall time of `pulumi preview` through the real CLI and engine (offline, STAND-IN azure-native provider):
// - `benchmarkPreview`: a program with many SecureWebApps, without and with the policy pack;
// - `benchmarkComponentCost`: what the component costs, the same apps as SecureWebApps against plain WebApps
//   with the settings SecureWebApp gives them, and as a Pulumi YAML program against the TypeScript one.
// Run alone with `npx ts-node bench/preview.ts [apps]`, or call them from another benchmark.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import * as fs from "fs";
import * as path from "path";
import { SecureWebApp } from "../components";
import { OfflineEngine } from "../tools/engine/offlineEngine";

export interface PreviewBenchmark {
    readonly apps: number;
    /** Wall time of one preview without a policy pack, in seconds. */
    readonly withoutPackSeconds: number;
    /** Wall time of one preview with policy-pack/, in seconds. */
    readonly withPackSeconds: number;
    /** withPackSeconds / withoutPackSeconds. */
    readonly ratio: number;
    readonly cliVersion: string;
}

/** The settings every benchmark app gets, in all three programs. */
const APP_SETTINGS = {
    kind: "app,linux",
    siteConfig: {
        linuxFxVersion: "NODE|22-lts",
        minTlsVersion: "1.2" as const,
        appSettings: [
            { name: "WEBSITE_RUN_FROM_PACKAGE", value: "1" },
            { name: "LOG_LEVEL", value: "info" },
        ],
    },
    tags: { team: "payments", environment: "staging" },
};

/** What SecureWebApp sets on its WebApp, given to the plain WebApps so that both deploy the same app. */
const SECURE_WEBAPP_SETTINGS = {
    clientCertEnabled: true,
    clientCertMode: "Required",
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    siteConfig: {
        ...APP_SETTINGS.siteConfig,
        scmMinTlsVersion: "1.2",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http20Enabled: true,
    },
} as const;

function plainWebApps(apps: number): PulumiFn {
    return async () => {
        const group = new resources.ResourceGroup("bench");
        const plan = new web.AppServicePlan("bench-plan", { resourceGroupName: group.name, sku: { name: "P1v3" } });
        for (let i = 0; i < apps; i++) {
            const app = new web.WebApp(`app-${i}`, {
                resourceGroupName: group.name,
                serverFarmId: plan.id,
                ...APP_SETTINGS,
                ...SECURE_WEBAPP_SETTINGS,
            });
            // The publishing credentials policies SecureWebApp creates beside its WebApp.
            const site = { resourceGroupName: group.name, name: app.name, allow: false };
            new web.WebAppFtpAllowed(`app-${i}-ftp`, site);
            new web.WebAppScmAllowed(`app-${i}-scm`, site);
        }
    };
}

function secureWebApps(apps: number): PulumiFn {
    return async () => {
        const group = new resources.ResourceGroup("bench");
        const plan = new web.AppServicePlan("bench-plan", { resourceGroupName: group.name, sku: { name: "P1v3" } });
        for (let i = 0; i < apps; i++) {
            new SecureWebApp(`app-${i}`, { resourceGroupName: group.name, serverFarmId: plan.id, ...APP_SETTINGS });
        }
    };
}

/** The same program as `secureWebApps`, as a Pulumi YAML project (JSON is YAML) in a new folder of `dir`. */
function secureWebAppsInYaml(apps: number, dir: string): string {
    const program: Record<string, unknown> = {
        name: "bench-preview-yaml",
        runtime: "yaml",
        resources: {
            bench: { type: "azure-native:resources:ResourceGroup" },
            "bench-plan": {
                type: "azure-native:web:AppServicePlan",
                properties: { resourceGroupName: "${bench.name}", sku: { name: "P1v3" } },
            },
            ...Object.fromEntries(
                Array.from({ length: apps }, (_, i) => [
                    `app-${i}`,
                    {
                        type: "secure-webapp:index:SecureWebApp",
                        properties: {
                            resourceGroupName: "${bench.name}",
                            serverFarmId: "${bench-plan.id}",
                            ...APP_SETTINGS,
                        },
                    },
                ]),
            ),
        },
    };
    const projectDir = path.join(dir, "bench-preview-yaml");
    fs.mkdirSync(projectDir, { recursive: true });
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), JSON.stringify(program, null, 2));
    return projectDir;
}

/** Wall time in seconds of an operation that must succeed. */
async function timed(
    what: string,
    operation: () => Promise<{ exitCode: number; stdout: string; stderr: string }>,
): Promise<number> {
    const started = process.hrtime.bigint();
    const outcome = await operation();
    if (outcome.exitCode !== 0) {
        throw new Error(`preview of ${what} failed (exit ${outcome.exitCode}):\n${outcome.stdout}\n${outcome.stderr}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Wall times of one `pulumi preview` of the same apps as plain WebApps, SecureWebApps, and SecureWebApps in YAML. */
export interface ComponentCostBenchmark {
    readonly apps: number;
    /** One preview of the TypeScript program with plain WebApps, in seconds. */
    readonly plainWebAppSeconds: number;
    /** One preview of the TypeScript program with SecureWebApps, in seconds. */
    readonly secureWebAppSeconds: number;
    /** secureWebAppSeconds / plainWebAppSeconds: what the component costs. */
    readonly componentRatio: number;
    /** One preview of the YAML program with SecureWebApps, in seconds. */
    readonly yamlSeconds: number;
    /** yamlSeconds / secureWebAppSeconds: what the YAML path costs against the TypeScript one. */
    readonly yamlRatio: number;
    readonly cliVersion: string;
}

/**
 * One warm-up preview of each program (not counted), then one timed preview of each, without the policy pack.
 * The TypeScript programs run inline in this process; the YAML one runs as `pulumi preview` in its folder,
 * through the YAML language host and the component started as a provider plugin.
 */
export async function benchmarkComponentCost(apps = 50): Promise<ComponentCostBenchmark> {
    const engine = await OfflineEngine.start({ yaml: true });
    try {
        const plain = await engine.stack("bench-plain-webapps", plainWebApps(apps));
        const secure = await engine.stack("bench-secure-webapps", secureWebApps(apps));
        const yamlDir = secureWebAppsInYaml(apps, engine.dir);
        const runs = {
            plain: () => timed(`${apps} plain WebApps`, () => engine.preview(plain)),
            secure: () => timed(`${apps} SecureWebApps`, () => engine.preview(secure)),
            yaml: () => timed(`${apps} SecureWebApps in YAML`, () => engine.runProject("preview", yamlDir)),
        };
        for (const warmUp of Object.values(runs)) {
            await warmUp();
        }
        const plainWebAppSeconds = await runs.plain();
        const secureWebAppSeconds = await runs.secure();
        const yamlSeconds = await runs.yaml();
        return {
            apps,
            plainWebAppSeconds,
            secureWebAppSeconds,
            componentRatio: secureWebAppSeconds / plainWebAppSeconds,
            yamlSeconds,
            yamlRatio: yamlSeconds / secureWebAppSeconds,
            cliVersion: engine.cli.version,
        };
    } finally {
        engine.dispose();
    }
}

/** Prints `benchmarkComponentCost` (informative: there is no target). */
export async function reportComponentCost(apps = 50): Promise<void> {
    console.log("");
    try {
        const r = await benchmarkComponentCost(apps);
        console.log(
            `What the component costs: pulumi preview of ${r.apps} apps with the same settings, Pulumi CLI ${r.cliVersion}, ` +
                "no policy pack, one timed preview each after a warm-up:",
        );
        console.log(
            `  ${r.apps} plain WebApps (certificates set by hand), TypeScript  ${r.plainWebAppSeconds.toFixed(2)} s`,
        );
        console.log(
            `  ${r.apps} SecureWebApps, TypeScript                             ${r.secureWebAppSeconds.toFixed(2)} s   (${r.componentRatio.toFixed(2)}x the plain WebApps)`,
        );
        console.log(
            `  ${r.apps} SecureWebApps, Pulumi YAML                            ${r.yamlSeconds.toFixed(2)} s   (${r.yamlRatio.toFixed(2)}x the TypeScript program)`,
        );
    } catch (err) {
        console.log(`component cost benchmark not run: ${err instanceof Error ? err.message : err}`);
    }
}

/** One warm-up preview (not counted), then one timed preview without the pack and one with it. */
export async function benchmarkPreview(apps = 50): Promise<PreviewBenchmark> {
    const engine = await OfflineEngine.start();
    try {
        const stack = await engine.stack("bench-preview", secureWebApps(apps));
        const preview = (withPolicyPack: boolean) =>
            timed(`${apps} SecureWebApps`, () => engine.preview(stack, { withPolicyPack }));
        await preview(false);
        const withoutPackSeconds = await preview(false);
        const withPackSeconds = await preview(true);
        return {
            apps,
            withoutPackSeconds,
            withPackSeconds,
            ratio: withPackSeconds / withoutPackSeconds,
            cliVersion: engine.cli.version,
        };
    } finally {
        engine.dispose();
    }
}

if (require.main === module) {
    const apps = Number(process.argv[2] ?? 50);
    benchmarkPreview(apps).then(
        async r => {
            console.log(
                `pulumi preview, ${r.apps} SecureWebApps (each a component and a WebApp, plus a resource group and a plan), Pulumi CLI ${r.cliVersion}, stand-in Azure:`,
            );
            console.log(`  without the policy pack  ${r.withoutPackSeconds.toFixed(2)} s`);
            console.log(`  with policy-pack/        ${r.withPackSeconds.toFixed(2)} s`);
            console.log(`  ratio                    ${r.ratio.toFixed(2)}x`);
            await reportComponentCost(apps);
        },
        err => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        },
    );
}
