// How the YAML end-to-end suite, the demo and the benchmark obtain the YAML language host
// (tools/engine/yamlLanguageHost.ts), found and built by the same routine as the Pulumi CLI.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureYamlLanguageHost, pinnedYamlHostVersion } from "../../tools/engine/yamlLanguageHost";

describe("finding the YAML language host", () => {
    let dir: string;
    const binDir = () => path.join(dir, "bin");
    const cacheDir = () => path.join(dir, "cache");
    const installHost = (folder: string) => {
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, "pulumi-language-yaml"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    };
    const quiet = () => undefined;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-yaml-host-"));
        fs.mkdirSync(binDir());
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("uses a pulumi-language-yaml on PATH, as an installed Pulumi CLI ships it", async () => {
        installHost(binDir());
        const host = await ensureYamlLanguageHost({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet });
        assert.deepStrictEqual(
            { command: host.command, origin: host.origin },
            { command: path.join(binDir(), "pulumi-language-yaml"), origin: "PATH" },
        );
    });

    it("reuses the host an earlier run built into the cache, under the version tools/pulumi-yaml pins", async () => {
        const version = pinnedYamlHostVersion();
        installHost(path.join(cacheDir(), `v${version}`, "bin"));
        const host = await ensureYamlLanguageHost({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet });
        assert.deepStrictEqual({ version: host.version, origin: host.origin }, { version, origin: "cache" });
    });

    it("stops with what to install when there is neither a host nor Go", async () => {
        await assert.rejects(
            ensureYamlLanguageHost({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet }),
            /No Pulumi YAML language host \(pulumi-language-yaml\) is on PATH and Go is not installed to build one\. Install the Pulumi CLI .*which ships pulumi-language-yaml, or Go 1\.26 or newer/,
        );
    });
});
