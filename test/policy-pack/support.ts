// Runs the policy's validateResource / remediateResource in-process with the arguments the @pulumi/policy
// server builds (tools/engine/policyArgs.ts), and catches notApplicable as the server does.
import { ResourceValidationArgs, ResourceValidationPolicy } from "../../policy-pack/node_modules/@pulumi/policy";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { checkPackConfig } from "../../policy-pack/config";
import { CLIENT_CERTIFICATE_EXEMPTIONS, REQUIRE_CLIENT_CERTIFICATES } from "../../policy-pack/policyNames";
import { isNotReadNotice } from "../../policy-pack/notices";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { NotApplicable, PolicyArgsOptions, validationArgs } from "../../tools/engine/policyArgs";

export { UnknownValueError, unknownCheckingProxy } from "../../policy-pack/node_modules/@pulumi/policy";
export { UNKNOWN } from "../../tools/engine/policyPackServer";

/** Options for one in-process run of the policy. */
export interface RunOptions extends PolicyArgsOptions {
    /** The exemptions policy's config properties. */
    noticesConfig?: Record<string, unknown>;
}

/** What one validation produced. */
export interface ValidationOutcome {
    violations: string[];
    /** The reason, when the policy recorded itself as not applicable. */
    notApplicable?: string;
}

/** What one remediation produced. */
export interface RemediationOutcome {
    /** The properties returned, with proxies removed; undefined when nothing was changed. */
    properties?: Record<string, unknown>;
    notApplicable?: string;
}

/** Runs validateResource; an UnknownValueError propagates as it would to the server. */
export function validate(type: string, props: Record<string, unknown>, options: RunOptions = {}): ValidationOutcome {
    return run(requireClientCertificates, validationArgs(type, props, options));
}

/**
 * Runs the rule and then the exemptions policy on one resource, in the server's order and in one request of a run
 * configured with both configs, as the pack's server does, and returns what the exemptions policy reported.
 */
export function notices(type: string, props: Record<string, unknown>, options: RunOptions = {}): ValidationOutcome {
    const request = new RequestContext(
        new Run(
            checkPackConfig({
                [REQUIRE_CLIENT_CERTIFICATES]: options.config ?? {},
                [CLIENT_CERTIFICATE_EXEMPTIONS]: options.noticesConfig ?? {},
            }),
        ),
    );
    const outcome = inRequest(request, () => {
        run(requireClientCertificates, validationArgs(type, props, options));
        return run(
            clientCertificateExemptions,
            validationArgs(type, props, { ...options, config: options.noticesConfig }),
        );
    });
    // A not-read notice speaks for the baseline rules (their tests read it through the server), not for this rule.
    return { ...outcome, violations: outcome.violations.filter(message => !isNotReadNotice(message)) };
}

export function run(policy: ResourceValidationPolicy, args: ResourceValidationArgs): ValidationOutcome {
    const violations: string[] = [];
    try {
        const validation = policy.validateResource as (
            args: ResourceValidationArgs,
            report: (m: string) => void,
        ) => void;
        validation(args, message => violations.push(message));
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { violations, notApplicable: e.reason ?? "" };
        }
        throw e;
    }
    return { violations };
}

/**
 * What `evaluate` returns, and the evaluation steps it took (the budget's count of work, which tests assert
 * instead of time): it runs in a request of a run of its own, as in the pack's server.
 */
export function withSteps<T>(evaluate: () => T): { result: T; steps: number } {
    const request = new RequestContext(new Run(checkPackConfig({})));
    const result = inRequest(request, evaluate);
    return { result, steps: request.run.budget.spent };
}

/** Runs remediateResource; an UnknownValueError propagates as it would to the server. */
export function remediate(type: string, props: Record<string, unknown>, options: RunOptions = {}): RemediationOutcome {
    try {
        const result = requireClientCertificates.remediateResource!(validationArgs(type, props, options, true)) as
            Record<string, unknown> | undefined;
        // Spread through the proxy's target, as the server's serializer does, to compare plain objects.
        return { properties: result === undefined ? undefined : JSON.parse(JSON.stringify(result)) };
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { notApplicable: e.reason ?? "" };
        }
        throw e;
    }
}
