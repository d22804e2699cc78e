// `pulumi up` and `pulumi policy analyze` through the real CLI and engine, with the STAND-IN azure-native
// provider recording what would have reached Azure.
import * as assert from "assert";
import { EXAMPLES } from "../../examples/programs";
import { OPERATION_TIMEOUT_MS, POLICY, policyDiagnostic, printed, useOfflineEngine } from "./offlineEngineFixture";
import { certModeKnownAfterCreate } from "./programs/certModeKnownAfterCreate";
import { literalNamedPublishing } from "./programs/literalNamedPublishing";
import { transformTurnsCertificatesOff } from "./programs/transformTurnsCertificatesOff";

describe("pulumi up and policy analyze with the pack (real engine, stand-in Azure)", function () {
    this.timeout(OPERATION_TIMEOUT_MS);
    const engine = useOfflineEngine();
    const createdWebApps = () =>
        engine()
            .requests()
            .filter(r => r.operation === "create" && r.type === "azure-native:web:WebApp");

    beforeEach(() => engine().clearRequests());

    it("deploys the compliant example with the pack: the stand-in Azure receives the app and its slot requiring certificates over HTTPS", async () => {
        const stack = await engine().stack("compliant-deployed", EXAMPLES["compliant-app"].program());
        const outcome = await engine().up(stack, { withPolicyPack: true });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        const sites = engine()
            .requests()
            .filter(r => r.operation === "create" && /web:WebApp(Slot)?$/.test(r.type));
        assert.deepStrictEqual(
            sites.map(r => [r.type, r.inputs.clientCertEnabled, r.inputs.clientCertMode, r.inputs.httpsOnly]).sort(),
            [
                ["azure-native:web:WebApp", true, "Required", true],
                ["azure-native:web:WebAppSlot", true, "Required", true],
            ],
        );
        const outputs = await stack.outputs();
        assert.match(String(outputs.url?.value), /^https:\/\/orders-api\w+\.azurewebsites\.net$/);
    });

    it("at the remediate level, deploys the certificates-off WebApp with clientCertEnabled true and Required", async () => {
        const stack = await engine().stack("remediated", EXAMPLES["webapp-certificates-off"].program());
        const outcome = await engine().up(stack, {
            withPolicyPack: true,
            policyConfig: { [POLICY]: { enforcementLevel: "remediate" } },
        });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), new RegExp(`\\[remediate\\][^\\n]*${POLICY}`), printed(outcome));
        const [created, ...others] = createdWebApps();
        assert.strictEqual(others.length, 0);
        assert.strictEqual(created?.inputs.clientCertEnabled, true, JSON.stringify(created));
        assert.strictEqual(created?.inputs.clientCertMode, "Required", JSON.stringify(created));
    });

    it("reports a mode known only after another resource is created as advisory at preview", async () => {
        const stack = await engine().stack("late-bound-optional", certModeKnownAfterCreate("Optional"));
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), policyDiagnostic("advisory", "late-bound-app"), printed(outcome));
        assert.match(printed(outcome), /clientCertMode can't be known during preview/, printed(outcome));
    });

    it("blocks pulumi up when that mode resolves to Optional, before the WebApp reaches Azure", async () => {
        const stack = await engine().stack("late-bound-optional", certModeKnownAfterCreate("Optional"));
        const outcome = await engine().up(stack, { withPolicyPack: true });

        assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), policyDiagnostic("mandatory", "late-bound-app"), printed(outcome));
        assert.match(printed(outcome), /clientCertMode is "Optional"/, printed(outcome));
        assert.deepStrictEqual(createdWebApps(), [], "the stand-in must not have been asked to create the WebApp");
    });

    it("lets pulumi up through when that mode resolves to Required", async () => {
        const stack = await engine().stack("late-bound-required", certModeKnownAfterCreate("Required"));
        const outcome = await engine().up(stack, { withPolicyPack: true });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.strictEqual(createdWebApps()[0]?.inputs.clientCertMode, "Required");
    });

    it("blocks a stack transform that turns certificates off inside SecureWebApp, telling to remove the change rather than to use SecureWebApp", async () => {
        const stack = await engine().stack("transformed", transformTurnsCertificatesOff);
        const outcome = await engine().preview(stack, { withPolicyPack: true });

        assert.notStrictEqual(outcome.exitCode, 0, printed(outcome));
        assert.match(printed(outcome), policyDiagnostic("mandatory", "transformed-app"), printed(outcome));
        assert.match(
            printed(outcome),
            /Fix: SecureWebApp created this resource requiring certificates, and something in the program changed that afterwards \(a stack transform, say\): remove that change/,
            printed(outcome),
        );
        assert.doesNotMatch(printed(outcome), /use the SecureWebApp component/, printed(outcome));
        const checked = engine()
            .requests()
            .find(r => r.operation === "check" && r.type === "azure-native:web:WebApp");
        assert.strictEqual(checked?.inputs.clientCertEnabled, false, "the transform should have reached the engine");
    });

    it("after the update, matches publishing-credentials policies named with literal names by their outputs' ids, as in the stack's state", async () => {
        // A stack policy is given the resources' outputs: the policies' own names (ftp, scm) and their ARM ids.
        const stack = await engine().stack("literal-publishing", literalNamedPublishing);
        const outcome = await engine().up(stack, { withPolicyPack: true });

        assert.strictEqual(outcome.exitCode, 0, printed(outcome));
        assert.doesNotMatch(printed(outcome), /webapp-basic-auth-publishing-in-stack/, printed(outcome));
        const state = (await stack.exportStack()).deployment.resources as { type: string; outputs?: any }[];
        const scm = state.find(r => r.type === "azure-native:web:WebAppScmAllowed");
        assert.strictEqual(scm?.outputs?.name, "scm", JSON.stringify(scm));
        assert.match(
            String(scm?.outputs?.id),
            /\/resourceGroups\/shop-rg\/providers\/Microsoft\.Web\/sites\/shop-web\/basicPublishingCredentialsPolicies\/scm$/,
        );

        const audit = await engine().run(
            ["policy", "analyze", "--policy-pack", engine().policyPack, "--stack", stack.name],
            stack.workspace.workDir,
        );
        assert.strictEqual(audit.exitCode, 0, printed(audit));
        assert.doesNotMatch(printed(audit), /webapp-basic-auth-publishing-in-stack/, printed(audit));
    });

    it("pulumi policy analyze reports the non-compliant app already deployed in a stack", async () => {
        const stack = await engine().stack("deployed-without-pack", EXAMPLES["webapp-certificates-off"].program());
        const deployed = await engine().up(stack);
        assert.strictEqual(deployed.exitCode, 0, printed(deployed));
        assert.strictEqual(createdWebApps()[0]?.inputs.clientCertEnabled, false);

        const audit = await engine().run(
            ["policy", "analyze", "--policy-pack", engine().policyPack, "--stack", stack.name],
            stack.workspace.workDir,
        );

        assert.notStrictEqual(audit.exitCode, 0, printed(audit));
        assert.match(printed(audit), policyDiagnostic("mandatory", "legacy-portal"), printed(audit));
        assert.match(printed(audit), /mandatory policy violations were found/, printed(audit));
    });
});
