// The pack's hooks into @pulumi/policy's gRPC server, run against the SDK's own Analyze handler (the one the
// server registers), so an SDK release that changes how it converts properties or runs policies fails here.
import * as assert from "assert";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ftpDeploymentsRule } from "../../policy-pack/baseline/rules/ftpDeployments";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { ftpDeploymentsInStack } from "../../policy-pack/policies/siteConfigInStack";
import { clientCertificateExemptions } from "../../policy-pack/policies/clientCertificateExemptions";
import { requireClientCertificates } from "../../policy-pack/policies/requireClientCertificates";
import { MAX_EVALUATION_STEPS } from "../../policy-pack/arm/budget";
import { decodePropertiesOnce, internals, proxyTarget } from "../../policy-pack/sdkInternals";
import { checkPackConfig } from "../../policy-pack/config";
import { analyzerHooks } from "../../policy-pack/server/handlers";
import { currentRequest, inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { POLICY_PACK_DIR } from "../../tools/engine/policyPack";
import { unknownCheckingProxy } from "./support";
import { spendsItsBudget } from "../../tools/engine/costlyTemplates";

// The SDK and protocol copies the pack itself loads.
const fromPack = (module: string) => require(require.resolve(module, { paths: [POLICY_PACK_DIR] }));
const analyzerProto = fromPack("@pulumi/pulumi/proto/analyzer_pb");
const { Struct: PackStruct } = fromPack("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof Struct };
const { makeAnalyzeRpcFun, makeAnalyzeStackRpcFun } = fromPack(path.join("@pulumi/policy", "server")) as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: ResourceValidationPolicy[]): Handler;
    makeAnalyzeStackRpcFun(
        pack: string,
        version: string,
        level: string,
        policies: StackValidationPolicy[],
    ): StackHandler;
};

/** The SDK's Analyze handler, as the hook receives it, and the request it handles. */
type Handler = Parameters<ReturnType<typeof analyzerHooks>["analyze"]>[0];
type AnalyzeRequest = Parameters<Handler>[0]["request"];
/** The SDK's AnalyzeStack handler, as the hook receives it. */
type StackHandler = Parameters<ReturnType<typeof analyzerHooks>["analyzeStack"]>[0];

/** The SDK's Analyze handler run in a request context, as the pack's server runs it, but converting as the SDK does. */
const inContextOnly =
    (handler: Handler): Handler =>
    (call, callback) =>
        inRequest(new RequestContext(new Run(checkPackConfig({}))), () => handler(call, callback));

/** The SDK's Analyze handler wrapped as the pack's server wraps it; `hooks` are one server's. */
const served = (handler: Handler, hooks = analyzerHooks()) => hooks.analyze(handler);

/** A resource's options as the engine sends them, with none set. */
function options() {
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
    return options;
}

/** An Analyze request for one resource (an azure-native WebApp unless `type` says), counting its conversions. */
function request(
    properties: Record<string, unknown>,
    type = "azure-native:web:WebApp",
    name = "api",
): { request: AnalyzeRequest; conversions: () => number } {
    const req = new analyzerProto.AnalyzeRequest();
    req.setType(type);
    req.setName(name);
    req.setUrn(`urn:pulumi:dev::test::${type}::${name}`);
    req.setProperties(PackStruct.fromJavaScript(properties as never));
    req.setOptions(options());
    const struct: Struct = req.getProperties();
    const convert = struct.toJavaScript;
    let conversions = 0;
    struct.toJavaScript = function () {
        conversions++;
        return convert.call(this);
    };
    return { request: req as AnalyzeRequest, conversions: () => conversions };
}

function analyze(handler: Handler, req: AnalyzeRequest): Promise<{ diagnostics: string[]; notApplicable: string[] }> {
    return new Promise((resolve, reject) =>
        handler({ request: req }, (error, response) => {
            if (error) {
                return reject(error);
            }
            const r = response as {
                getDiagnosticsList(): { getPolicyname(): string; getMessage(): string }[];
                getNotApplicableList(): { getPolicyName(): string }[];
            };
            resolve({
                diagnostics: r.getDiagnosticsList().map(d => `${d.getPolicyname()}: ${d.getMessage()}`),
                notApplicable: r.getNotApplicableList().map(n => n.getPolicyName()),
            });
        }),
    );
}

describe("the pack's hooks into the SDK's server", () => {
    describe("one conversion of a resource's properties per Analyze request", () => {
        const pack = [requireClientCertificates, clientCertificateExemptions];
        const nonCompliant = { kind: "app", clientCertEnabled: true, clientCertMode: "Optional" };

        it("converts the properties once for both of the pack's policies, where the SDK alone converts them per policy", async () => {
            const sdkAlone = request(nonCompliant);
            await analyze(
                inContextOnly(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                sdkAlone.request,
            );
            assert.strictEqual(sdkAlone.conversions(), 2);

            const hooked = request(nonCompliant);
            await analyze(served(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)), hooked.request);
            assert.strictEqual(hooked.conversions(), 1);
        });

        it("gives the same verdicts and not-applicable records as the SDK alone", async () => {
            for (const properties of [
                nonCompliant,
                { kind: "app", clientCertEnabled: true, clientCertMode: "Required" },
                { kind: "app", clientCertEnabled: true, clientCertExclusionPaths: "/" },
            ]) {
                const alone = await analyze(
                    inContextOnly(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                    request(properties).request,
                );
                const hooked = await analyze(
                    served(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                    request(properties).request,
                );
                assert.deepStrictEqual(hooked, alone);
            }
            const { diagnostics } = await analyze(
                served(makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack)),
                request(nonCompliant).request,
            );
            assert.match(
                diagnostics.join("\n"),
                /^webapp-require-client-certificates: [^]*- clientCertMode is "Optional"/,
            );
        });

        it("decodes the properties once: every policy of the request reads the one value, where the SDK alone decodes per policy", async () => {
            const seen: unknown[] = [];
            const reader = (name: string): ResourceValidationPolicy => ({
                name,
                description: "reads its properties",
                enforcementLevel: "advisory",
                validateResource: args => {
                    seen.push(proxyTarget(args.props));
                },
            });
            const readers = [reader("first"), reader("second")];
            await analyze(
                served(makeAnalyzeRpcFun("p", "0.0.0", "advisory", readers)),
                request({ clientCertEnabled: true }).request,
            );
            assert.ok(seen[0] !== undefined && seen[0] === seen[1], "one decoded value for both policies");
            seen.length = 0;
            await analyze(
                inContextOnly(makeAnalyzeRpcFun("p", "0.0.0", "advisory", readers)),
                request({ clientCertEnabled: true }).request,
            );
            assert.ok(seen[0] !== seen[1], "the SDK alone decodes for each policy");
        });

        it("leaves a request without properties to the SDK", () => {
            assert.doesNotThrow(() => decodePropertiesOnce(undefined));
            assert.strictEqual(
                decodePropertiesOnce(undefined, new RequestContext(new Run(checkPackConfig({})))),
                false,
            );
        });

        it("passes each request's context with its properties, which only that request's policies read", async () => {
            const found: { carried?: RequestContext; stored?: RequestContext }[] = [];
            const reader: ResourceValidationPolicy = {
                name: "reader",
                description: "reads its request",
                enforcementLevel: "advisory",
                validateResource: args => {
                    found.push({ carried: currentRequest(args), stored: currentRequest() });
                },
            };
            const handler = served(makeAnalyzeRpcFun("p", "0.0.0", "advisory", [reader, reader]));
            await Promise.all([handler, handler].map(h => analyze(h, request({ kind: "app" }).request)));
            assert.strictEqual(found.length, 4);
            assert.ok(found.every(f => f.carried instanceof RequestContext && f.stored === undefined));
            assert.strictEqual(new Set(found.map(f => f.carried)).size, 2, "one context per request");
            const outside = unknownCheckingProxy({ kind: "app" });
            assert.strictEqual(currentRequest({ props: outside }), undefined, "properties the pack did not mark");
        });

        it("runs a request whose properties cannot carry its context inside that context instead", async () => {
            const props = new analyzerProto.AnalyzeRequest();
            let seen: RequestContext | undefined;
            await analyze(
                served(((_call, callback) => {
                    seen = currentRequest();
                    callback(null, new analyzerProto.AnalyzeResponse());
                }) as Handler),
                props,
            );
            assert.ok(seen instanceof RequestContext, "the SDK's handler ran in the request's context");
        });

        it("is on with this SDK, whose server decodes through its module's exports", () => {
            assert.strictEqual(internals.propertiesDecodedOnce, true);
        });
    });

    describe("each server's run, and each request's context", () => {
        const pack = [requireClientCertificates, clientCertificateExemptions];
        const sdkAnalyze = () => makeAnalyzeRpcFun("azure-secure-webapp", "0.0.0", "mandatory", pack);
        /** An ARM deployment of one costly site, which spends a little more than one resource's budget. */
        const costly = (name: string) =>
            request({ properties: { mode: "Incremental", template: spendsItsBudget() } }, DEPLOYMENT, name).request;
        /** An ARM deployment of one site without client certificates, which takes a few steps. */
        const cheap = (name: string) =>
            request(
                {
                    properties: {
                        mode: "Incremental",
                        template: {
                            resources: [
                                { type: "Microsoft.Web/sites", name: "web", properties: { clientCertEnabled: false } },
                            ],
                        },
                    },
                },
                DEPLOYMENT,
                name,
            ).request;
        const DEPLOYMENT = "azure-native:resources:Deployment";
        const GENERIC = "azure-native:resources:Resource";
        const runSpent = /the templates of this run are too costly/;
        const judged = /clientCertEnabled is false/;

        it("keeps two interleaved runs' budgets apart: one run's costly templates never spend the other's", async () => {
            // Each run may take one and a half resources' budgets: two costly templates spend it.
            const [inA, inB] = [
                served(sdkAnalyze(), analyzerHooks(1.5 * MAX_EVALUATION_STEPS)),
                served(sdkAnalyze(), analyzerHooks(1.5 * MAX_EVALUATION_STEPS)),
            ];
            // Started together, so the two servers' requests interleave at each of the SDK's awaits.
            await Promise.all([analyze(inA, costly("a1")), analyze(inB, cheap("b1"))]);
            await Promise.all([analyze(inA, costly("a2")), analyze(inB, cheap("b2"))]);
            const [afterA, afterB] = await Promise.all([analyze(inA, cheap("a3")), analyze(inB, cheap("b3"))]);
            assert.match(afterA.diagnostics.join("\n"), runSpent);
            assert.match(afterB.diagnostics.join("\n"), judged);
            assert.doesNotMatch(afterB.diagnostics.join("\n"), runSpent);

            await analyze(inB, costly("b4"));
            await analyze(inB, costly("b5"));
            assert.match((await analyze(inB, cheap("b6"))).diagnostics.join("\n"), runSpent, "b's own budget");
        });

        it("keeps each run's record of its sites' requests: one server's Analyze never speaks for another's stack", async () => {
            // A generic Resource site whose request disables FTP, and its outputs after the update: Azure's answer.
            const site = () =>
                request(
                    {
                        resourceGroupName: "rg",
                        resourceProviderNamespace: "Microsoft.Web",
                        parentResourcePath: "",
                        resourceType: "sites",
                        resourceName: "shop-web",
                        apiVersion: "2024-04-01",
                        properties: { httpsOnly: true, siteConfig: { ftpsState: "Disabled" } },
                    },
                    GENERIC,
                    "site",
                ).request;
            const stack = () => {
                const req = new analyzerProto.AnalyzeStackRequest();
                const answer = new analyzerProto.AnalyzerResource();
                answer.setType(GENERIC);
                answer.setName("site");
                answer.setUrn(`urn:pulumi:dev::test::${GENERIC}::site`);
                answer.setProperties(
                    PackStruct.fromJavaScript({
                        id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web",
                        type: "Microsoft.Web/sites",
                        name: "shop-web",
                        properties: { httpsOnly: true, siteConfig: {} },
                    }),
                );
                answer.setOptions(options());
                req.setResourcesList([answer]);
                return req as AnalyzeRequest;
            };
            const servers = [analyzerHooks(), analyzerHooks()].map(hooks => ({
                analyze: hooks.analyze(
                    makeAnalyzeRpcFun("p", "0.0.0", "mandatory", [baselinePolicy(ftpDeploymentsRule)]),
                ),
                analyzeStack: hooks.analyzeStack(
                    makeAnalyzeStackRpcFun("p", "0.0.0", "mandatory", [ftpDeploymentsInStack]),
                ),
            }));
            const [a, b] = servers;
            // Started together, so the two servers' requests interleave at each of the SDK's awaits.
            await Promise.all([analyze(a.analyze, site()), analyze(b.analyze, request({ kind: "app" }).request)]);
            const [stackA, stackB] = await Promise.all([
                analyze(a.analyzeStack, stack()),
                analyze(b.analyzeStack, stack()),
            ]);
            assert.deepStrictEqual(stackA.diagnostics, [], "the run that read the site's request");
            assert.match(stackB.diagnostics.join("\n"), /siteConfig\.ftpsState cannot be verified/, "the other run");
        });

        it("hands the rule's decision to the exemptions policy within each of many concurrent requests", async () => {
            const handler = served(sdkAnalyze());
            const names = Array.from({ length: 20 }, (_, i) => `app${i}`);
            const results = await Promise.all(
                names.map(name =>
                    analyze(handler, request({ kind: "app", clientCertEnabled: true }, undefined, name).request),
                ),
            );
            // Each request's exemptions policy found its own resource's decision: a checked app passes it.
            for (const result of results) {
                assert.deepStrictEqual(result, { diagnostics: [], notApplicable: [] });
            }
        });
    });
});
