// Shared set-up of the end-to-end suites: one offline engine (real CLI, real engine, STAND-IN azure-native
// provider) per suite. The first run on a machine builds the Pulumi CLI, which takes minutes.
import { OfflineEngine } from "../../tools/engine/offlineEngine";

const CLI_BUILD_TIMEOUT_MS = 60 * 60 * 1000;

/** A preview or update of a small program through the real engine takes seconds; allow for a slow machine. */
export const OPERATION_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Registers before/after hooks in the calling `describe` and returns the engine they manage; `yaml: true` for
 * YAML programs run in their folders (it also builds the YAML language host on first use).
 */
export function useOfflineEngine(options: { yaml?: boolean } = {}): () => OfflineEngine {
    let engine: OfflineEngine | undefined;
    before(async function () {
        this.timeout(CLI_BUILD_TIMEOUT_MS);
        engine = await OfflineEngine.start({ ...options, log: (line) => process.stderr.write(`      ${line}\n`) });
    });
    after(() => engine?.dispose());
    return () => {
        if (!engine) {
            throw new Error("the offline engine did not start; see the before hook's error");
        }
        return engine;
    };
}

/** Everything a terminal user would have seen from a command, for assertions and failure messages. */
export function printed(outcome: { stdout: string; stderr: string }): string {
    return `${outcome.stdout}\n${outcome.stderr}`;
}

export const POLICY = "webapp-require-client-certificates";

/**
 * The line the engine prints under "Policies:" for one diagnostic, e.g.
 * `- [mandatory] [severity: high]  webapp-require-client-certificates  (azure-native:web:WebApp: legacy-portal)`.
 */
export function policyDiagnostic(level: "mandatory" | "advisory" | "remediate", resource: string): RegExp {
    return new RegExp(`\\[${level}\\][^\\n]*${POLICY}[^\\n]*${resource}`);
}
