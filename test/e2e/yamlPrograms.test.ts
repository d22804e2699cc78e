// The YAML programs in examples/ run as a user runs them: `pulumi preview --policy-pack ...` (and `pulumi up`)
// as a subprocess in each example's folder, through the real CLI, the YAML language host, the SecureWebApp
// component started as a provider plugin, the policy pack, and the STAND-IN azure-native provider.
import * as assert from "assert";
import * as path from "path";
import { YAML_EXAMPLES, YamlExample, YamlExampleName } from "../../examples/yamlExamples";
import { REPO_ROOT } from "../../tools/engine/cli";
import { OPERATION_TIMEOUT_MS, policyDiagnostic, printed, useOfflineEngine } from "./offlineEngineFixture";

const exampleDir = (name: string) => path.join(REPO_ROOT, "examples", name);

describe("YAML programs through the pulumi CLI (real engine, YAML language host, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine({ yaml: true });
    const sites = (operation: string) => engine().requests().filter((r) => r.operation === operation && /web:WebApp(Slot)?$/.test(r.type));

    /** `pulumi <command> --policy-pack <pack>` in the example's folder, with the example's policy config if any. */
    const runWithPack = (command: "preview" | "up", example: YamlExampleName) =>
        engine().runProject(command, exampleDir(example), { withPolicyPack: true, policyPackConfig: (YAML_EXAMPLES[example] as YamlExample).policyPackConfig });

    beforeEach(() => engine().clearRequests());

    it("blocks a plain azure-native:web:WebApp with certificates off: non-zero exit, the pack's diagnostic and fix", async () => {
        const outcome = await runWithPack("preview", "yaml-webapp-certificates-off");

        const output = printed(outcome);
        assert.notStrictEqual(outcome.exitCode, 0, output);
        assert.match(output, /using pulumi-language-yaml from \$PATH/, "the program should have run through the YAML host");
        assert.match(output, policyDiagnostic("mandatory", "legacy-portal"), output);
        assert.match(output, /clientCertEnabled is false/, output);
        assert.match(output, /Fix: use the SecureWebApp component/, output);
        assert.deepStrictEqual(sites("create"), [], "a preview creates nothing");
        assert.strictEqual(sites("check")[0]?.inputs.clientCertEnabled, false, "the YAML program's value should have reached the engine");
    });
});
