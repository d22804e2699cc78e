// What a Pulumi CLI starts for the secure-webapp package, run the way it runs it, answering over the provider's
// real gRPC interface:
// - an installed CLI, after `pulumi package add`, starts the package folder through its Node.js language host
//   (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs RunPlugin): `node @pulumi/pulumi/cmd/run-plugin <folder>
//   <engine address>` in the program's folder, which `require`s the folder, so package.json `main`;
// - any CLI with tools/component-launcher on PATH runs the launcher with the engine address.
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as ts from "typescript";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { GetSchemaRequest, GetSchemaResponse } from "@pulumi/pulumi/proto/provider_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { REPO_ROOT } from "../../tools/engine/cli";
import {
    COMPONENT_LAUNCHER_DIR,
    COMPONENT_PROVIDER_SCHEMA,
    ensureComponentProviderBuilt,
} from "../../tools/engine/componentProvider";
import { call, waitForPort } from "../../tools/engine/policyPackServer";

const LAUNCHER = path.join(COMPONENT_LAUNCHER_DIR, "pulumi-resource-secure-webapp");

/** Starts a provider process in an unrelated folder, as the engine would, and returns a client to it. */
async function startProvider(command: string, args: string[]) {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-program-"));
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
    });
    const port = await waitForPort(child, 60000, () => stderr, "component provider");
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        client,
        stop() {
            client.close();
            child.kill("SIGTERM");
            fs.rmSync(cwd, { recursive: true, force: true });
        },
    };
}

describe("the secure-webapp provider as the Pulumi CLI starts it", function () {
    this.timeout(120000);
    const built = () => JSON.parse(fs.readFileSync(COMPONENT_PROVIDER_SCHEMA, "utf8"));

    before(function () {
        this.timeout(10 * 60 * 1000);
        ensureComponentProviderBuilt();
    });

    it("the Node.js language host's run-plugin on the package folder serves the schema and the package version", async () => {
        const runPlugin = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin");
        const provider = await startProvider(process.execPath, [runPlugin, REPO_ROOT, "127.0.0.1:1"]);
        try {
            const response = await call<GetSchemaRequest, GetSchemaResponse>(
                provider.client.getSchema.bind(provider.client),
                new GetSchemaRequest(),
            );
            assert.deepStrictEqual(JSON.parse(response.getSchema()), built());
            const info = await call<Empty, PluginInfo>(
                provider.client.getPluginInfo.bind(provider.client),
                new Empty(),
            );
            assert.strictEqual(info.getVersion(), require("../../package.json").version);
        } finally {
            provider.stop();
        }
    });

    it('leaves TypeScript programs importing the component: package.json exports "." while main is the provider', () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-consumer-"));
        try {
            fs.mkdirSync(path.join(project, "node_modules"));
            fs.symlinkSync(REPO_ROOT, path.join(project, "node_modules", "secure-webapp"), "dir");
            assert.strictEqual(
                require.resolve("secure-webapp", { paths: [project] }),
                path.join(REPO_ROOT, "bin", "components", "index.js"),
            );
            for (const moduleResolution of [
                ts.ModuleResolutionKind.Node10,
                ts.ModuleResolutionKind.Node16,
                ts.ModuleResolutionKind.Bundler,
            ]) {
                const module =
                    moduleResolution === ts.ModuleResolutionKind.Node16 ? ts.ModuleKind.Node16 : ts.ModuleKind.ESNext;
                const resolved = ts.resolveModuleName(
                    "secure-webapp",
                    path.join(project, "index.ts"),
                    { moduleResolution, module },
                    ts.sys,
                );
                assert.strictEqual(
                    resolved.resolvedModule?.resolvedFileName,
                    path.join(REPO_ROOT, "bin", "components", "index.d.ts"),
                    `types for moduleResolution ${ts.ModuleResolutionKind[moduleResolution]}`,
                );
            }
        } finally {
            fs.rmSync(project, { recursive: true, force: true });
        }
    });

    it("the launcher serves the same schema from any folder, also through a symlink to it", async () => {
        const linkDir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-bin-"));
        const link = path.join(linkDir, path.basename(LAUNCHER));
        fs.symlinkSync(LAUNCHER, link);
        try {
            for (const launcher of [LAUNCHER, link]) {
                const provider = await startProvider(launcher, ["127.0.0.1:1"]);
                try {
                    const response = await call<GetSchemaRequest, GetSchemaResponse>(
                        provider.client.getSchema.bind(provider.client),
                        new GetSchemaRequest(),
                    );
                    assert.deepStrictEqual(JSON.parse(response.getSchema()), built(), launcher);
                } finally {
                    provider.stop();
                }
            }
        } finally {
            fs.rmSync(linkDir, { recursive: true, force: true });
        }
    });

    it("the launcher of an unbuilt copy says the build is missing and how to make it", () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-unbuilt-"));
        try {
            fs.mkdirSync(path.join(copy, "tools", "component-launcher"), { recursive: true });
            fs.copyFileSync(LAUNCHER, path.join(copy, "tools", "component-launcher", path.basename(LAUNCHER)));
            const result = spawnSync(
                path.join(copy, "tools", "component-launcher", path.basename(LAUNCHER)),
                ["127.0.0.1:1"],
                { cwd: os.tmpdir(), encoding: "utf8" },
            );
            assert.strictEqual(result.status, 1);
            assert.strictEqual(result.stdout, "", "nothing on stdout, where the engine reads the port");
            assert.match(result.stderr, /component provider is not built/);
            assert.ok(result.stderr.includes(`npm ci && npm run build\` in ${copy}`), result.stderr);
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    });
});
