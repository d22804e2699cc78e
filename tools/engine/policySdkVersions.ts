// Copies of the compiled policy pack, each with another release of @pulumi/policy, for the test that runs the
// pack's protocol tests against every release it claims to support (test/e2e/policySdkVersions.test.ts). A copy
// is the pack's bin/, PulumiPolicy.yaml and package.json, with that release installed from the registry beside the
// pack's own @pulumi/pulumi and TypeScript, under .cache/policy-versions/<version>/ (installed once, kept).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./cli";
import { ensurePolicyPackBuilt, POLICY_PACK_DIR } from "./policyPack";

/** A pack folder that runs the current compiled pack with @pulumi/policy `version`. */
export function packWithPolicySdk(version: string, log: (line: string) => void = () => undefined): string {
    ensurePolicyPackBuilt(log);
    const dir = path.join(REPO_ROOT, ".cache", "policy-versions", version);
    const pack = JSON.parse(fs.readFileSync(path.join(POLICY_PACK_DIR, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
    };
    const dependencies = { ...pack.dependencies, "@pulumi/policy": version };
    const installed = path.join(dir, "node_modules", "@pulumi", "policy", "package.json");
    const manifest = JSON.stringify({ ...pack, dependencies }, null, 2);
    if (!fs.existsSync(installed) || fs.readFileSync(path.join(dir, "package.json"), "utf8") !== manifest) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "package.json"), manifest);
        log(`Installing @pulumi/policy ${version} in ${dir}`);
        const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], {
            cwd: dir,
            stdio: ["ignore", "ignore", "inherit"],
        });
        if (result.status !== 0) {
            throw new Error(`npm install of @pulumi/policy ${version} in ${dir} failed (exit ${result.status})`);
        }
    }
    fs.rmSync(path.join(dir, "bin"), { recursive: true, force: true });
    fs.cpSync(path.join(POLICY_PACK_DIR, "bin"), path.join(dir, "bin"), { recursive: true });
    fs.copyFileSync(path.join(POLICY_PACK_DIR, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    return dir;
}
