// webapp-basic-auth-publishing-in-stack: an azure-native app's basic-auth publishing credentials are written by
// separate resources of the stack, so the stack policy judges the value each app ends up with.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { basicAuthPublishingInStack } from "../../policy-pack/policies/basicAuthPublishingInStack";
import { providerSdkPath, providerTypes } from "./providerTypes";
import { stackResource, stackViolations, wired } from "./stackPolicies";
import { UNKNOWN, UnknownValueError } from "./support";

const resource = stackResource;

/** The violations the stack policy reports, each with the URN it names. */
const validateStack = (resources: PolicyResource[], config: Record<string, unknown> = {}) =>
    stackViolations(basicAuthPublishingInStack, resources, config);

const app = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: "shop-web", kind: "app" });
const ftp = (allow: unknown, name = "shop-web") =>
    resource("azure-native:web:WebAppFtpAllowed", `ftp-${name}`, { resourceGroupName: "rg", name, allow });
const scm = (allow: unknown, name = "shop-web") =>
    resource("azure-native:web:WebAppScmAllowed", `scm-${name}`, { resourceGroupName: "rg", name, allow });

describe("webapp-basic-auth-publishing-in-stack", () => {
    it("passes an app whose ftp and scm policies the stack sets to allow: false", () => {
        assert.deepStrictEqual(validateStack([app, ftp(false), scm(false)]), []);
    });

    it("matches names as Azure does, ignoring letter case", () => {
        const upper = resource("azure-native:web:WebAppScmAllowed", "scm", {
            resourceGroupName: "RG",
            name: "Shop-Web",
            allow: false,
        });
        assert.deepStrictEqual(validateStack([app, ftp(false), upper]), []);
    });

    it("fails an app for which nothing sets the scm policy, naming the type to declare and Azure's default", () => {
        const [violation] = validateStack([app, ftp(false)]);
        assert.strictEqual(violation.urn, app.urn);
        assert.match(
            violation.message,
            /^azure-native:web:WebApp "web" fails the basic-auth publishing credentials rule \(CIS Microsoft Azure Foundations Benchmark 9\.6 \(v3\.0\.0\)\)\./,
        );
        assert.match(
            violation.message,
            /- scm basic auth: no azure-native:web:WebAppScmAllowed in the stack sets allow: false for this app \(resource group, app: "rg\/shop-web"\), so Azure's default applies: allowed; required: allow: false\./,
        );
        assert.doesNotMatch(violation.message, /ftp basic auth/);
    });

    it("fails an explicit allow: true on the policy resource and on the app it names", () => {
        const violations = validateStack([app, ftp(true), scm(false)]);
        assert.deepStrictEqual(
            violations.map(v => v.urn),
            [ftp(true).urn, app.urn],
        );
        assert.match(violations[0].message, /- allow is true; required: false\./);
        assert.match(
            violations[1].message,
            /ftp basic auth: azure-native:web:WebAppFtpAllowed "ftp-shop-web" sets allow true/,
        );
    });

    it("fails an explicit allow: true whichever app it names, even one outside the stack", () => {
        assert.deepStrictEqual(
            validateStack([ftp(true, "elsewhere")]).map(v => v.urn),
            [ftp(true, "elsewhere").urn],
        );
    });

    it("does not take another app's policy, nor an app's for its slot", () => {
        const slot = resource("azure-native:web:WebAppSlot", "staging", {
            resourceGroupName: "rg",
            name: "shop-web",
            slot: "staging",
        });
        const violations = validateStack([app, slot, ftp(false), scm(false), ftp(false, "other"), scm(false, "other")]);
        assert.deepStrictEqual(
            violations.map(v => v.urn),
            [slot.urn],
        );
        assert.match(violations[0].message, /no azure-native:web:WebAppFtpAllowedSlot in the stack/);
    });

    it("leaves the match to the update when the app's resource group is unknown at preview", () => {
        const unknownGroup = resource("azure-native:web:WebApp", "web", {
            resourceGroupName: UNKNOWN,
            name: "shop-web",
        });
        assert.throws(
            () => validateStack([unknownGroup, ftp(false), scm(false)]),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("matches a policy whose app input is taken from the app, even with names unknown at preview", () => {
        const group = resource("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: UNKNOWN });
        const unknownApp = resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN });
        (unknownApp as any).propertyDependencies = { resourceGroupName: [group] };
        const wired = (type: string, allow: boolean) => {
            const policy = resource(type, `${type}-web`, { resourceGroupName: UNKNOWN, name: UNKNOWN, allow });
            (policy as any).propertyDependencies = { resourceGroupName: [group], name: [unknownApp] };
            return policy;
        };
        assert.deepStrictEqual(
            validateStack([
                unknownApp,
                wired("azure-native:web:WebAppFtpAllowed", false),
                wired("azure-native:web:WebAppScmAllowed", false),
            ]),
            [],
        );
        const allowing = wired("azure-native:web:WebAppScmAllowed", true);
        const violations = validateStack([unknownApp, wired("azure-native:web:WebAppFtpAllowed", false), allowing]);
        assert.deepStrictEqual(
            violations.map(v => v.urn),
            [allowing.urn, unknownApp.urn],
        );
        assert.match(
            violations[1].message,
            /scm basic auth: azure-native:web:WebAppScmAllowed "[^"]+" sets allow true/,
        );
    });

    it("leaves a policy whose app input is taken from the app to the update while its resource group could differ", () => {
        const unknownApp = resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN });
        const wired = (type: string) => {
            const policy = resource(type, `${type}-web`, { resourceGroupName: UNKNOWN, name: UNKNOWN, allow: false });
            (policy as any).propertyDependencies = { name: [unknownApp] };
            return policy;
        };
        assert.throws(
            () =>
                validateStack([
                    unknownApp,
                    wired("azure-native:web:WebAppFtpAllowed"),
                    wired("azure-native:web:WebAppScmAllowed"),
                ]),
            (e: unknown) => e instanceof UnknownValueError,
        );
    });

    it("matches a slot's policy that takes the same site from the app and names the same slot", () => {
        const group = resource("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: UNKNOWN });
        const site = resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN });
        const ofSite = <T extends PolicyResource>(r: T) => {
            (r as any).propertyDependencies = { resourceGroupName: [group], name: [site] };
            return r;
        };
        const slot = ofSite(
            resource("azure-native:web:WebAppSlot", "staging", {
                resourceGroupName: UNKNOWN,
                name: UNKNOWN,
                slot: "staging",
            }),
        );
        const policy = (type: string, slotName: string) =>
            ofSite(
                resource(type, `${type}-${slotName}`, {
                    resourceGroupName: UNKNOWN,
                    name: UNKNOWN,
                    slot: slotName,
                    allow: false,
                }),
            );
        assert.deepStrictEqual(
            validateStack([
                slot,
                policy("azure-native:web:WebAppFtpAllowedSlot", "Staging"),
                policy("azure-native:web:WebAppScmAllowedSlot", "staging"),
            ]),
            [],
        );
        // The other slot's policy names a slot this one is not: the slot certainly has no ftp policy, at preview.
        const [violation] = validateStack([
            slot,
            policy("azure-native:web:WebAppFtpAllowedSlot", "production"),
            policy("azure-native:web:WebAppScmAllowedSlot", "staging"),
        ]);
        assert.strictEqual(violation?.urn, slot.urn);
        assert.match(violation.message, /ftp basic auth: no azure-native:web:WebAppFtpAllowedSlot in the stack/);
        assert.doesNotMatch(violation.message, /scm basic auth/);
    });

    describe("at preview, an unknown name defers only the apps whose policy it could be", () => {
        const publishing = (type: string, name: string, props: Record<string, unknown>) =>
            resource(type, name, { allow: false, ...props });

        it("fails an app when the unknown policy names another resource group", () => {
            const elsewhere = publishing("azure-native:web:WebAppScmAllowed", "scm-elsewhere", {
                resourceGroupName: "other-rg",
                name: UNKNOWN,
            });
            const [violation] = validateStack([app, ftp(false), elsewhere]);
            assert.strictEqual(violation?.urn, app.urn);
            assert.match(violation.message, /scm basic auth: no azure-native:web:WebAppScmAllowed in the stack/);
        });

        it("fails an app when the unknown policy names another app", () => {
            const other = publishing("azure-native:web:WebAppScmAllowed", "scm-other", {
                resourceGroupName: UNKNOWN,
                name: "other-app",
            });
            assert.deepStrictEqual(
                validateStack([app, ftp(false), other]).map(v => v.urn),
                [app.urn],
            );
        });

        it("fails an app when the unknown policy takes its app from another app", () => {
            const otherApp = resource("azure-native:web:WebApp", "other", { resourceGroupName: "rg", name: UNKNOWN });
            const otherScm = wired(
                publishing("azure-native:web:WebAppScmAllowed", "scm-other", {
                    resourceGroupName: "rg",
                    name: UNKNOWN,
                }),
                { name: [otherApp] },
            );
            const otherFtp = wired(
                publishing("azure-native:web:WebAppFtpAllowed", "ftp-other", {
                    resourceGroupName: "rg",
                    name: UNKNOWN,
                }),
                { name: [otherApp] },
            );
            assert.deepStrictEqual(
                validateStack([app, ftp(false), otherApp, otherScm, otherFtp]).map(v => v.urn),
                [app.urn],
            );
        });

        it("judges an app whose own name is unknown by the policies wired to it", () => {
            const unnamed = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: UNKNOWN });
            const otherApp = resource("azure-native:web:WebApp", "other", { resourceGroupName: "rg", name: UNKNOWN });
            const policyOf = (type: string, to: PolicyResource) =>
                wired(publishing(type, `${type}-${to.name}`, { resourceGroupName: "rg", name: UNKNOWN }), {
                    name: [to],
                });
            const violations = validateStack([
                unnamed,
                otherApp,
                policyOf("azure-native:web:WebAppFtpAllowed", unnamed),
                policyOf("azure-native:web:WebAppFtpAllowed", otherApp),
                policyOf("azure-native:web:WebAppScmAllowed", otherApp),
            ]);
            assert.deepStrictEqual(
                violations.map(v => v.urn),
                [unnamed.urn],
            );
            assert.match(violations[0].message, /scm basic auth: no azure-native:web:WebAppScmAllowed in the stack/);
            assert.doesNotMatch(violations[0].message, /ftp basic auth/);
        });

        it("does not take a policy wired to the app for the app's when its resource group is another", () => {
            const unnamed = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: UNKNOWN });
            const policies = ["azure-native:web:WebAppFtpAllowed", "azure-native:web:WebAppScmAllowed"].map(type =>
                wired(publishing(type, `${type}-web`, { resourceGroupName: "other-rg", name: UNKNOWN }), {
                    name: [unnamed],
                }),
            );
            const [violation] = validateStack([unnamed, ...policies]);
            assert.strictEqual(violation?.urn, unnamed.urn);
            assert.match(violation.message, /ftp basic auth: no/);
            assert.match(violation.message, /scm basic auth: no/);
        });

        it("fails an app whose only possible policies allow basic authentication, whichever is its own", () => {
            const unnamed = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: UNKNOWN });
            const allowing = resource("azure-native:web:WebAppScmAllowed", "scm-any", {
                resourceGroupName: "rg",
                name: UNKNOWN,
                allow: true,
            });
            const wiredFtp = wired(
                publishing("azure-native:web:WebAppFtpAllowed", "ftp-web", { resourceGroupName: "rg", name: UNKNOWN }),
                { name: [unnamed] },
            );
            assert.deepStrictEqual(
                validateStack([unnamed, wiredFtp, allowing]).map(v => v.urn),
                [allowing.urn, unnamed.urn],
            );
        });

        it("leaves the app to the update while a policy that disallows basic auth could still be its own", () => {
            const unnamed = resource("azure-native:web:WebApp", "web", { resourceGroupName: "rg", name: UNKNOWN });
            assert.throws(
                () => validateStack([unnamed, ftp(false), scm(false)]),
                (e: unknown) => e instanceof UnknownValueError,
            );
        });
    });

    describe("after the update: a stack policy is given the resources' outputs", () => {
        const SITE =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/RG/providers/Microsoft.Web/sites/shop-web";
        // azure-native's outputs: Azure's response (`id`, `name`, `type`, the flattened properties), no resourceGroupName.
        const deployedApp = resource("azure-native:web:WebApp", "web", {
            id: SITE,
            name: "shop-web",
            resourceGroup: "RG",
            kind: "app",
            type: "Microsoft.Web/sites",
        });
        const deployedPolicy = (policy: "ftp" | "scm", site: string, allow: unknown) =>
            resource(
                `azure-native:web:WebApp${policy === "ftp" ? "Ftp" : "Scm"}Allowed`,
                `${policy}-${site.split("/").pop()}`,
                {
                    id: `${site}/basicPublishingCredentialsPolicies/${policy}`,
                    name: policy,
                    type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
                    allow,
                    azureApiVersion: "2024-11-01",
                },
            );

        it("passes a deployed app whose deployed policies disallow basic auth, reading their ids", () => {
            assert.deepStrictEqual(
                validateStack([
                    deployedApp,
                    deployedPolicy("ftp", SITE, false),
                    deployedPolicy("scm", SITE.toLowerCase(), false),
                ]),
                [],
            );
        });

        it("fails a deployed app whose policy the ids show to be another site's", () => {
            const other = SITE.replace("shop-web", "shop-api");
            const [violation] = validateStack([
                deployedApp,
                deployedPolicy("ftp", SITE, false),
                deployedPolicy("scm", other, false),
            ]);
            assert.strictEqual(violation?.urn, deployedApp.urn);
            assert.match(
                violation.message,
                /scm basic auth: no azure-native:web:WebAppScmAllowed in the stack sets allow: false for this app \(resource group, app: "rg\/shop-web"\)/,
            );
        });

        it("matches a deployed slot and its slot's policies by their ids", () => {
            const slotId = `${SITE}/slots/staging`;
            const deployedSlot = resource("azure-native:web:WebAppSlot", "staging", {
                id: slotId,
                name: "shop-web/staging",
                kind: "app",
            });
            const slotPolicy = (policy: "ftp" | "scm", slot: string) =>
                resource(`azure-native:web:WebApp${policy === "ftp" ? "Ftp" : "Scm"}AllowedSlot`, `${policy}-${slot}`, {
                    id: `${SITE}/slots/${slot}/basicPublishingCredentialsPolicies/${policy}`,
                    name: policy,
                    allow: false,
                });
            assert.deepStrictEqual(
                validateStack([deployedSlot, slotPolicy("ftp", "staging"), slotPolicy("scm", "Staging")]),
                [],
            );
            assert.deepStrictEqual(
                validateStack([deployedSlot, slotPolicy("ftp", "staging"), slotPolicy("scm", "production")]).map(
                    v => v.urn,
                ),
                [deployedSlot.urn],
            );
        });

        it("reads azure-native's preview of a new policy, which copies the site's name and leaves the id unknown", () => {
            // At preview the provider answers with its outputs: the inputs it also returns (name, allow), the rest
            // unknown; resourceGroupName is no output.
            const group = resource("azure-native:resources:ResourceGroup", "rg", { name: UNKNOWN, id: UNKNOWN });
            const previewApp = resource("azure-native:web:WebApp", "web", {
                id: UNKNOWN,
                name: "shop-web",
                kind: "app",
            });
            (previewApp as any).propertyDependencies = { resourceGroupName: [group] };
            const previewPolicy = (policy: "ftp" | "scm", site: string) => {
                const r = resource(
                    `azure-native:web:WebApp${policy === "ftp" ? "Ftp" : "Scm"}Allowed`,
                    `${policy}-${site}`,
                    {
                        id: UNKNOWN,
                        name: site,
                        allow: false,
                    },
                );
                (r as any).propertyDependencies = { resourceGroupName: [group] };
                return r;
            };
            assert.deepStrictEqual(
                validateStack([group, previewApp, previewPolicy("ftp", "shop-web"), previewPolicy("scm", "shop-web")]),
                [],
            );
            assert.deepStrictEqual(
                validateStack([
                    group,
                    previewApp,
                    previewPolicy("ftp", "shop-web"),
                    previewPolicy("scm", "shop-api"),
                ]).map(v => v.urn),
                [previewApp.urn],
            );
        });
    });

    it("lets an app exempt under webapp-basic-auth-publishing-disabled through", () => {
        const config = {
            exemptions: [{ resource: "web", type: "azure-native:web:WebApp", reason: "SEC-9 vendor deploys over FTP" }],
        };
        assert.deepStrictEqual(validateStack([app], config), []);
    });

    it("lets a publishing-credentials resource exempt by its URN allow basic auth", () => {
        const allowed = ftp(true, "elsewhere");
        const config = { exemptions: [{ resource: allowed.urn, reason: "SEC-11 legacy FTP deploy until migration" }] };
        assert.deepStrictEqual(validateStack([allowed], config), []);
    });

    it("reads every publishing-credentials policy type of azure-native, and no other", function () {
        this.timeout(60_000);
        const tokens = providerTypes(providerSdkPath("@pulumi/azure-native"))
            .map(t => t.token)
            .filter(t => /^azure-native:web:.*(Ftp|Scm)Allowed/.test(t))
            .sort();
        assert.deepStrictEqual(tokens, [
            "azure-native:web:WebAppFtpAllowed",
            "azure-native:web:WebAppFtpAllowedSlot",
            "azure-native:web:WebAppScmAllowed",
            "azure-native:web:WebAppScmAllowedSlot",
        ]);
        for (const token of tokens) {
            const [violation] = validateStack([
                resource(token, "p", { resourceGroupName: "rg", name: "x", slot: "s", allow: true }),
            ]);
            assert.ok(violation, `${token} is not read`);
        }
    });
});
