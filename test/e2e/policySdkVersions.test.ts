// The pack's claim about @pulumi/policy, measured: its protocol tests (test/policy-pack/protocol.test.ts) pass
// against each release it lists as tested, and it refuses to start with one it does not support, naming the
// releases it does. Each release is installed once from the registry (tools/engine/policySdkVersions.ts).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { TESTED_POLICY_SDK_VERSIONS } from "../../policy-pack/sdkInternals";
import { REPO_ROOT } from "../../tools/engine/cli";
import { startPolicyPack } from "../../tools/engine/policyPackServer";
import { packWithPolicySdk } from "../../tools/engine/policySdkVersions";

/** A release before the oldest supported one, which the registry still serves. */
const TOO_OLD = "1.15.0";

describe("the pack with each @pulumi/policy release it supports", function () {
    this.timeout(15 * 60 * 1000);
    const log = (line: string) => process.stderr.write(line + "\n");

    for (const version of TESTED_POLICY_SDK_VERSIONS) {
        it(`passes its protocol tests with @pulumi/policy ${version}`, () => {
            const dir = packWithPolicySdk(version, log);
            const mocha = spawnSync(
                process.execPath,
                [require.resolve("mocha/bin/mocha.js"), path.join("test", "policy-pack", "protocol.test.ts")],
                {
                    cwd: REPO_ROOT,
                    env: { ...process.env, POLICY_PACK_UNDER_TEST: dir, POLICY_SDK_VERSION_UNDER_TEST: version },
                    encoding: "utf8",
                },
            );
            assert.strictEqual(mocha.status, 0, `${mocha.stdout}\n${mocha.stderr}`);
            assert.match(mocha.stdout, /runs on @pulumi\/policy /);
        });
    }

    it(`refuses to start with @pulumi/policy ${TOO_OLD}, naming the releases it supports and the fix`, async () => {
        const dir = packWithPolicySdk(TOO_OLD, log);
        await assert.rejects(
            startPolicyPack(dir, { startTimeoutMs: 60000 }),
            new RegExp(
                `UnsupportedSdkError: azure-secure-webapp supports @pulumi/policy 1\\.20\\.0 and later 1\\.x releases ` +
                    `\\(tested: ${TESTED_POLICY_SDK_VERSIONS.join(", ").replace(/\./g, "\\.")}\\); found ${TOO_OLD.replace(/\./g, "\\.")}\\. ` +
                    "Fix: install a tested release",
            ),
        );
    });
});
