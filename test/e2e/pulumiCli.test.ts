// How the end-to-end suites, the demo and the benchmark obtain the Pulumi CLI (tools/engine/cli.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePulumiCli, MINIMUM_CLI_VERSION, pinnedCliVersion } from "../../tools/engine/cli";

describe("finding the Pulumi CLI", () => {
    let dir: string;
    const binDir = () => path.join(dir, "bin");
    const cacheDir = () => path.join(dir, "cache");
    /** An executable `pulumi` on the test PATH that reports `version`. */
    const installPulumi = (version: string, folder = binDir()) => {
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, "pulumi"), `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
    };
    const quiet = () => undefined;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-webapp-cli-"));
        fs.mkdirSync(binDir());
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("uses a pulumi on PATH at the minimum version or newer", async () => {
        installPulumi("3.250.0");
        const cli = await ensurePulumiCli({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet });
        assert.deepStrictEqual(
            { command: cli.command, version: cli.version, origin: cli.origin },
            { command: path.join(binDir(), "pulumi"), version: "3.250.0", origin: "PATH" },
        );
    });

    it("reuses the CLI an earlier run built into the cache instead of building again", async () => {
        const version = pinnedCliVersion();
        installPulumi(version, path.join(cacheDir(), `v${version}`, "bin"));
        const cli = await ensurePulumiCli({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet });
        assert.deepStrictEqual({ version: cli.version, origin: cli.origin }, { version, origin: "cache" });
    });

    it("stops with what to install when the pulumi on PATH is too old and Go is missing", async () => {
        installPulumi("3.200.0");
        await assert.rejects(
            ensurePulumiCli({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet }),
            (err: Error) => {
                assert.match(err.message, /is 3\.200\.0, older than 3\.229\.0/);
                assert.match(err.message, new RegExp(`Install the Pulumi CLI ${MINIMUM_CLI_VERSION} or newer`));
                assert.match(err.message, /or Go 1\.26 or newer/);
                return true;
            },
        );
    });

    it("stops with what to install when there is neither a pulumi nor Go", async () => {
        await assert.rejects(
            ensurePulumiCli({ searchPath: binDir(), cacheDir: cacheDir(), log: quiet }),
            /No Pulumi CLI is on PATH and Go is not installed to build one\. Install the Pulumi CLI/,
        );
    });
});
