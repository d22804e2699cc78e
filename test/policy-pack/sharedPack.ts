// The compiled pack, started once per test process and shared by the files that drive it over the Analyzer
// protocol: starting it costs about a second of CPU, and each mocha worker runs many files. Every file configures it
// before its first Analyze, which begins a new run as the engine's Configure does at each preview or update, so no
// file sees another's config or evaluation budget. A test of a pack that is never configured starts its own.
import { RunningPolicyPack, startPolicyPack } from "../../tools/engine/policyPackServer";
import { ensurePolicyPackBuilt, POLICY_PACK_DIR } from "../../tools/engine/policyPack";

const started = new Map<string, Promise<RunningPolicyPack>>();

/** The pack in `packDir` (default policy-pack/), running until this process exits; callers never stop it. */
export function sharedPolicyPack(packDir = POLICY_PACK_DIR): Promise<RunningPolicyPack> {
    let pack = started.get(packDir);
    if (pack === undefined) {
        if (packDir === POLICY_PACK_DIR) {
            ensurePolicyPackBuilt();
        }
        pack = startPolicyPack(packDir, { endsWithThisProcess: true });
        // A pack that failed to start is not kept: the next file tries again and reports its own error.
        pack.catch(() => started.delete(packDir));
        started.set(packDir, pack);
    }
    return pack;
}
