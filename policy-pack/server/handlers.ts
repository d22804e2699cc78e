// The pack's wrappers of the handlers of @pulumi/policy's analyzer server (sdkInternals.ts installs them). One
// server has one run at a time: Configure begins it with the config it checked (a config the pack refuses is
// answered with the error, configGuard.ts); should an engine analyze without configuring, the first request begins
// it with the default config. Each Analyze, AnalyzeStack or Remediate request then gets a context of its own, in
// which the SDK's handler runs (requestContext.ts).
import { checkPackConfig, PackConfig } from "../config";
import { MAX_RUN_STEPS, RunBudget } from "../arm/budget";
import { decodePropertiesOnce, Handler } from "../sdkInternals";
import { configOf, ConfigureRequest } from "./configGuard";
import { inRequest, RequestContext, Run } from "./requestContext";

/** The part of the engine's AnalyzeRequest the wrapper reads. */
export interface AnalyzeRequest {
    getProperties(): { toJavaScript(): unknown } | undefined;
}

/**
 * The wrappers of one server's Configure, Analyze and Remediate handlers, sharing that server's run; each run may
 * take `runSteps` evaluation steps.
 */
export function analyzerHooks(runSteps = MAX_RUN_STEPS) {
    let run: Run | undefined;
    const begin = (config: PackConfig) => (run = new Run(config, new RunBudget(runSteps)));
    function inContext<Request>(handler: Handler<Request>): Handler<Request> {
        return (call, callback) => {
            run ??= begin(checkPackConfig({}));
            inRequest(new RequestContext(run), () => handler(call, callback));
        };
    }
    return {
        configure:
            (configure: Handler<ConfigureRequest>): Handler<ConfigureRequest> =>
            (call, callback) => {
                let config: PackConfig;
                try {
                    config = checkPackConfig(configOf(call.request));
                } catch (e) {
                    return callback(e as Error);
                }
                begin(config);
                configure(call, callback);
            },
        // The SDK decodes a resource's properties once per policy; every policy reads them, so decode them once.
        // The request's context travels with them where it can: an AsyncLocalStorage, once used, makes every
        // promise of the process pay for its hooks.
        analyze:
            (analyze: Handler<AnalyzeRequest>): Handler<AnalyzeRequest> =>
            (call, callback) => {
                run ??= begin(checkPackConfig({}));
                const context = new RequestContext(run);
                if (decodePropertiesOnce(call.request.getProperties(), context)) {
                    analyze(call, callback);
                } else {
                    inRequest(context, () => analyze(call, callback));
                }
            },
        // The engine sends every resource to Remediate before Analyze; the SDK calls a policy there only when a
        // policy's level is remediate, so a run without one needs no context.
        remediate:
            (remediate: Handler<unknown>): Handler<unknown> =>
            (call, callback) => {
                run ??= begin(checkPackConfig({}));
                return run.config.remediation ? inContext(remediate)(call, callback) : remediate(call, callback);
            },
        // The stack policies read the rules' config from the run, as the resource policies do.
        analyzeStack: (analyzeStack: Handler<unknown>) => inContext(analyzeStack),
    };
}
