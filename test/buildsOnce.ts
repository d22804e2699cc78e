// Mocha's global setup (loaded with --require): builds the compiled policy pack and component provider once, in
// the main process, before parallel workers start test files that would otherwise each build them at once.
import { ensureComponentProviderBuilt } from "../tools/engine/componentProvider";
import { ensurePolicyPackBuilt } from "../tools/engine/policyPack";

export function mochaGlobalSetup(): void {
    ensurePolicyPackBuilt();
    ensureComponentProviderBuilt();
}
