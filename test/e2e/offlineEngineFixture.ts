// Shared set-up of the end-to-end suites: one offline engine (real CLI, real engine, STAND-IN azure-native
// provider) per suite. The first run on a machine builds the Pulumi CLI, which takes minutes.
import * as assert from "assert";
import { SecureWebAppArgumentError } from "../../components";
import { clientCertificateSettings } from "../../components/clientCertificateSettings";
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
        engine = await OfflineEngine.start({ ...options, log: line => process.stderr.write(`      ${line}\n`) });
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

/** The error a TypeScript program gets for the same arguments: the component's own validation, run here. */
export function typeScriptRefusal(
    resource: string,
    args: Parameters<typeof clientCertificateSettings>[1],
): SecureWebAppArgumentError {
    try {
        clientCertificateSettings(resource, args);
    } catch (err) {
        if (err instanceof SecureWebAppArgumentError) {
            return err;
        }
        throw err;
    }
    throw new Error("the argument was expected to be refused");
}

/**
 * The output without the Node.js SDK's report of a registration cut short by the engine's shutdown: once the
 * component provider refuses an argument the engine stops the program, and a registration still in flight in a
 * TypeScript program may then fail, printed with the SDK's stack: "resource monitor shut down", or, when the
 * monitor's gRPC stream is reset under the call (seen with Node.js 22.0 on `registerResourceOutputs`), "13 INTERNAL:
 * Received RST_STREAM". It is a race in the program's language SDK, after the refusal and not part of it; Python
 * and Go programs, whose output is checked without this, print no such thing (test/e2e/languages.test.ts).
 */
export function withoutMonitorShutdown(output: string): string {
    return output.replace(
        /^.*error: Unhandled exception: Error: (?:failed to register new resource .*: resource monitor shut down|13 INTERNAL: Received RST_STREAM with code \d+ \(Internal server error\))\n(?:\s+(?:at .*|for call at)\n)*/gm,
        "",
    );
}

/**
 * Asserts that the engine printed the component provider's refusal of `refused` as one error, as users of every
 * language other than TypeScript see it: the resource, the property, the value and what it must be, with the fix,
 * and neither a stack trace nor colour codes anywhere in the output. The per-property line under it is printed in
 * the summary, which the CLI sometimes leaves out when the program's process ends first; the headline is enough.
 */
export function assertRefusalPrinted(output: string, refused: SecureWebAppArgumentError): void {
    const line = `error: secure-webapp:index:SecureWebApp resource '${refused.resource}' has a problem: ${refused.detail}`;
    assert.ok(output.includes(line), `expected the line\n  ${line}\nin\n${output}`);
    // eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour code
    assert.doesNotMatch(output, /\x1b\[/, `no colour codes in\n${output}`);
    assert.doesNotMatch(
        output,
        /^\s+at .*:\d+:\d+\)?$|Traceback \(most recent call last\)/m,
        `no stack trace in\n${output}`,
    );
}
