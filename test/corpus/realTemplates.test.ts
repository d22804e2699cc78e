// Real, unmodified templates from public repositories (listed in test/fixtures/real-templates/manifest.json, the
// files kept outside the repository and fetched with `npm run fixtures:real-templates`), through every route that
// carries a template: deployed with certificates required they pass, with nothing left unverifiable; deployed as
// they come they fail, naming each site. The baseline rules judge them as ARM deploys them: as they come, each
// rule's verdict is the manifest's; the modules deployed with every baseline setting secure pass, and with every
// one insecure fail each rule. The manifest's site-child modules (a site's config or publishing-credentials policy
// for a site deployed elsewhere) are judged as writes to a site the template does not declare. Without the corpus
// the suite is skipped, saying where it looked.
import * as assert from "assert";
import * as fs from "fs";
import { blobId, corpusFile, corpusLocation, MANIFEST, RealTemplate } from "../../scripts/real-templates";
import { validate, run } from "../policy-pack/support";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { managedIdentityRule } from "../../policy-pack/baseline/rules/managedIdentity";
import { authenticationRule } from "../../policy-pack/baseline/rules/authentication";
import { ftpDeploymentsRule } from "../../policy-pack/baseline/rules/ftpDeployments";
import { baselinePolicy } from "../../policy-pack/policies/baselinePolicy";
import { checkPackConfig } from "../../policy-pack/config";
import { inRequest, RequestContext, Run } from "../../policy-pack/server/requestContext";
import { validationArgs } from "../../tools/engine/policyArgs";

interface CorpusEntry extends RealTemplate {
    /** Parameter values both variants give. */
    parameters: Record<string, unknown>;
    /** The values added for the compliant variant; absent when the template cannot require certificates. */
    compliant?: Record<string, unknown>;
    /** Why no compliant variant exists without changing the template. */
    noCompliantVariant?: string;
    /** Why a part of the template cannot be verified before deployment, whatever values it is given. */
    unverifiable?: string;
    /** Each site and slot, as the violation names it. */
    sites: string[];
    /**
     * The baseline rules it fails as it comes (Azure's defaults for what it leaves out), and those it leaves
     * unverifiable; it passes the others.
     */
    baseline: { fails: string[]; unverifiable?: string[] };
}

/**
 * A module that deploys only a site's child resources (a config, a publishing-credentials policy) for a site
 * deployed elsewhere: judged as a write to a site the template does not declare.
 */
interface SiteChildModule extends RealTemplate {
    /** The module's required parameters. */
    parameters: Record<string, unknown>;
    /** The baseline rules it fails with them (the module's defaults), passing the others. */
    baseline: { fails: string[] };
    /** Values that make every setting it writes secure: it then passes every rule. */
    secure: Record<string, unknown>;
    /** Values that make every setting it can write insecure, and the rules it then fails. */
    insecure?: { parameters: Record<string, unknown>; fails: string[] };
}

const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as {
    templates: CorpusEntry[];
    siteChildModules: SiteChildModule[];
};
const corpus = manifest.templates;
const { folder, lookedIn } = corpusLocation();

/** The template as a program gives it: an object, or its text when it holds comments (ARM accepts both). */
function templateOf(entry: RealTemplate): unknown {
    const text = fs.readFileSync(corpusFile(folder, entry.id), "utf8");
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

const deploymentParameters = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]));

/** Routes that give the template parameter values. */
const routes: { type: string; props: (template: unknown, parameters: unknown) => Record<string, unknown> }[] = [
    ...[
        "Deployment",
        "DeploymentAtScope",
        "DeploymentAtSubscriptionScope",
        "DeploymentAtManagementGroupScope",
        "DeploymentAtTenantScope",
    ].map(name => ({
        type: `azure-native:resources:${name}`,
        props: (template: unknown, parameters: unknown) => ({
            resourceGroupName: "rg",
            properties: { mode: "Incremental", template, parameters },
        }),
    })),
    ...["DeploymentStackAtResourceGroup", "DeploymentStackAtSubscription", "DeploymentStackAtManagementGroup"].map(
        name => ({
            type: `azure-native:resources:${name}`,
            props: (template: unknown, parameters: unknown) => ({
                template,
                parameters,
                denySettings: { mode: "none" },
                actionOnUnmanage: { resources: "delete" },
            }),
        }),
    ),
    {
        type: "azure-native:resources:Resource",
        props: (template, parameters) => ({
            resourceGroupName: "rg",
            resourceProviderNamespace: "Microsoft.Resources",
            parentResourcePath: "",
            resourceType: "deployments",
            resourceName: "real-template",
            apiVersion: "2024-03-01",
            properties: { mode: "Incremental", template, parameters },
        }),
    },
];

/** The violation names each site of the manifest, and (unless a part cannot be verified) nothing else. */
function failsNamingEachSite(entry: CorpusEntry, outcome: { violations: string[] }): void {
    assert.strictEqual(outcome.violations.length, 1, `${entry.id}: expected one violation`);
    const [message] = outcome.violations;
    for (const site of entry.sites) {
        assert.ok(message.includes(`- ${site}`), `${entry.id}: the violation should name ${site}:\n${message}`);
    }
    if (entry.unverifiable === undefined) {
        const named = message.split("\n").filter(line => line.startsWith("- "));
        assert.strictEqual(
            named.length,
            entry.sites.length,
            `${entry.id}: only the listed sites should fail:\n${message}`,
        );
        assert.ok(!message.includes("cannot be verified"), `${entry.id}: nothing should be unverifiable:\n${message}`);
    }
}

type Verdict = "passes" | "fails" | "cannot be verified" | "not applicable";

/** Each baseline rule's verdict on one resource, its policies run in one request as the pack's server runs them. */
function baselineVerdicts(
    type: string,
    props: Record<string, unknown>,
    config: Record<string, Record<string, unknown>> = {},
): Record<string, Verdict> {
    const request = new RequestContext(new Run(checkPackConfig(config)));
    return inRequest(request, () =>
        Object.fromEntries(
            BASELINE_RULES.map(rule => {
                const { violations, notApplicable } = run(baselinePolicy(rule), validationArgs(type, props));
                const verdict: Verdict =
                    notApplicable !== undefined
                        ? "not applicable"
                        : violations.length === 0
                          ? "passes"
                          : violations[0].includes("cannot be verified")
                            ? "cannot be verified"
                            : "fails";
                return [rule.name, verdict];
            }),
        ),
    );
}

/** The verdicts the manifest records for a template as it comes. */
function expectedVerdicts(entry: CorpusEntry): Record<string, Verdict> {
    return Object.fromEntries(
        BASELINE_RULES.map(({ name }) => [
            name,
            entry.baseline.fails.includes(name)
                ? "fails"
                : entry.baseline.unverifiable?.includes(name)
                  ? "cannot be verified"
                  : "passes",
        ]),
    );
}

/** Every baseline setting secure, as the modules' parameters take it (each slot too). */
const SECURE_SITE = {
    basicPublishingCredentialsPolicies: [
        { name: "ftp", allow: false },
        { name: "scm", allow: false },
    ],
    httpsOnly: true,
    siteConfig: {
        minTlsVersion: "1.2",
        scmMinTlsVersion: "1.3",
        ftpsState: "Disabled",
        remoteDebuggingEnabled: false,
        http20Enabled: true,
    },
    managedIdentities: { systemAssigned: true },
    publicNetworkAccess: "Disabled",
};

/** Every baseline setting insecure. */
const INSECURE_SITE = {
    basicPublishingCredentialsPolicies: [
        { name: "ftp", allow: true },
        { name: "scm", allow: true },
    ],
    httpsOnly: false,
    siteConfig: {
        minTlsVersion: "1.0",
        scmMinTlsVersion: "1.1",
        ftpsState: "AllAllowed",
        remoteDebuggingEnabled: true,
        http20Enabled: false,
    },
    managedIdentities: null,
    publicNetworkAccess: "Enabled",
};

/** The compliant variant's values with `site` for the site and each slot. */
function withSiteValues(compliant: Record<string, unknown>, site: Record<string, unknown>): Record<string, unknown> {
    const slots = compliant.slots as Record<string, unknown>[] | undefined;
    return { ...compliant, ...site, ...(slots ? { slots: slots.map(slot => ({ ...slot, ...site })) } : {}) };
}

if (!fs.existsSync(folder)) {
    describe("real templates: the corpus", () => {
        it.skip(
            `is not on this machine (looked in ${lookedIn.join(", ")}): run npm run fixtures:real-templates to fetch it`,
        );
    });
} else {
    describe("real templates: the corpus", () => {
        it("holds at least 40 templates, each with its provenance and a reason when it has no compliant variant", () => {
            assert.ok(corpus.length >= 40, `${corpus.length} templates`);
            for (const entry of corpus) {
                assert.match(entry.commit, /^[0-9a-f]{40}$/, entry.id);
                assert.ok(entry.repo && entry.path && entry.sites.length > 0, entry.id);
                assert.ok((entry.compliant === undefined) !== (entry.noCompliantVariant === undefined), entry.id);
            }
        });

        it(`holds every template of the manifest in ${folder}, byte for byte as its repository holds it (its git blob id)`, () => {
            for (const entry of [...corpus, ...manifest.siteChildModules]) {
                const file = corpusFile(folder, entry.id);
                assert.ok(fs.existsSync(file), `${file} is missing: run npm run fixtures:real-templates to fetch it`);
                assert.strictEqual(
                    blobId(fs.readFileSync(file)),
                    entry.blob,
                    `${file} is not ${entry.repo}@${entry.commit} ${entry.path}: run npm run fixtures:real-templates to fetch it again`,
                );
            }
        });
    });

    for (const entry of corpus) {
        describe(`real template ${entry.id} (${entry.repo} ${entry.path})`, () => {
            let read: unknown;
            // Read on first use, so that a missing file fails its tests rather than the loading of the suite.
            const template = () => (read ??= templateOf(entry));
            for (const { type, props } of routes) {
                if (entry.compliant !== undefined) {
                    it(`${type}: passes with certificates required`, () => {
                        const parameters = deploymentParameters({ ...entry.parameters, ...entry.compliant });
                        assert.deepStrictEqual(validate(type, props(template(), parameters)), { violations: [] });
                    });
                }
                it(`${type}: fails as the template comes, naming each site`, () => {
                    failsNamingEachSite(
                        entry,
                        validate(type, props(template(), deploymentParameters(entry.parameters))),
                    );
                });
                if (type === "azure-native:resources:Resource") {
                    continue; // a generic Resource's sites are left to the not-read notice
                }
                it(`${type}: each baseline rule's verdict as the template comes is the manifest's`, () => {
                    assert.deepStrictEqual(
                        baselineVerdicts(type, props(template(), deploymentParameters(entry.parameters))),
                        expectedVerdicts(entry),
                    );
                });
                if (entry.compliant !== undefined) {
                    const compliant = entry.compliant;
                    it(`${type}: passes every baseline rule with every setting secure, but the identity AVM builds with lambda functions and the authentication it is given no identity provider for`, () => {
                        const values = { ...entry.parameters, ...withSiteValues(compliant, SECURE_SITE) };
                        const verdicts = baselineVerdicts(type, props(template(), deploymentParameters(values)));
                        // The modules build identity with lambda functions, which the policy does not evaluate.
                        assert.strictEqual(verdicts[managedIdentityRule.name], "cannot be verified");
                        // Authentication needs an identity provider the variant does not choose: the module deploys
                        // no authsettingsV2 config, and the advisory rule says so.
                        assert.strictEqual(verdicts[authenticationRule.name], "fails");
                        for (const rule of BASELINE_RULES) {
                            if (rule !== managedIdentityRule && rule !== authenticationRule) {
                                assert.strictEqual(verdicts[rule.name], "passes", rule.name);
                            }
                        }
                    });
                    it(`${type}: fails every baseline rule with every setting insecure`, () => {
                        const values = { ...entry.parameters, ...withSiteValues(compliant, INSECURE_SITE) };
                        const verdicts = baselineVerdicts(type, props(template(), deploymentParameters(values)));
                        for (const rule of BASELINE_RULES) {
                            assert.strictEqual(verdicts[rule.name], "fails", rule.name);
                        }
                    });
                }
            }
            it("azure-native:resources:TemplateSpecVersion: fails with the template's defaults, which a spec deploys later", () => {
                const outcome = validate("azure-native:resources:TemplateSpecVersion", {
                    templateSpecName: "spec",
                    mainTemplate: template(),
                });
                assert.strictEqual(outcome.violations.length, 1, entry.id);
            });
        });
    }

    for (const module of manifest.siteChildModules) {
        describe(`real site-child module ${module.id} (${module.repo} ${module.path})`, () => {
            const deployed = (values: Record<string, unknown>) => ({
                properties: {
                    mode: "Incremental",
                    template: templateOf(module),
                    parameters: deploymentParameters({ ...module.parameters, ...values }),
                },
            });
            const type = "azure-native:resources:Deployment";
            const verdicts = (fails: string[]) =>
                Object.fromEntries(BASELINE_RULES.map(({ name }) => [name, fails.includes(name) ? "fails" : "passes"]));

            it("with its required parameters, each baseline rule's verdict is the manifest's, and the client-certificate rule has nothing to judge", () => {
                assert.deepStrictEqual(baselineVerdicts(type, deployed({})), verdicts(module.baseline.fails));
                const outcome = validate(type, deployed({}));
                assert.deepStrictEqual(outcome.violations, []);
                assert.match(outcome.notApplicable ?? "", /does not declare/);
            });
            it("passes every baseline rule with every setting it writes secure", () => {
                assert.deepStrictEqual(baselineVerdicts(type, deployed(module.secure)), verdicts([]));
            });
            const insecure = module.insecure;
            if (insecure !== undefined) {
                it("fails each rule whose setting it writes insecure", () => {
                    assert.deepStrictEqual(
                        baselineVerdicts(type, deployed(insecure.parameters)),
                        verdicts(insecure.fails),
                    );
                });
            }
        });
    }

    describe("real template avm-res-web-site with FTPS allowed", () => {
        const entry = corpus.find(({ id }) => id === "avm-res-web-site")!;
        it("passes webapp-ftp-deployments-disabled with allowFtpsOnly: the module's default ftpsState is FtpsOnly", () => {
            const props = {
                properties: {
                    mode: "Incremental",
                    template: templateOf(entry),
                    parameters: deploymentParameters(entry.parameters),
                },
            };
            const type = "azure-native:resources:Deployment";
            assert.strictEqual(baselineVerdicts(type, props)[ftpDeploymentsRule.name], "fails");
            const allowed = { [ftpDeploymentsRule.name]: { allowFtpsOnly: true } };
            assert.strictEqual(baselineVerdicts(type, props, allowed)[ftpDeploymentsRule.name], "passes");
        });
    });
}
