// webapp-basic-auth-publishing-in-stack: an azure-native app's basic-auth publishing credentials are written by
// separate resources of the stack, so the stack policy judges the value each app ends up with.
import * as assert from "assert";
import { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { basicAuthPublishingInStack } from "../../policy-pack/policies/basicAuthPublishingInStack";
import { providerSdkPath, providerTypes } from "./providerTypes";
import { UNKNOWN, UnknownValueError, unknownCheckingProxy } from "./support";

function resource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:dev::shop::${type}::${name}`,
        props: unknownCheckingProxy(structuredClone(props)),
        opts: {} as PolicyResource["opts"],
        isType: () => false,
        asType: () => undefined,
        dependencies: [],
        propertyDependencies: {},
    } as unknown as PolicyResource;
}

/** The violations the stack policy reports, each with the URN it names. */
function validateStack(resources: PolicyResource[], config: Record<string, unknown> = {}) {
    const violations: { message: string; urn?: string }[] = [];
    basicAuthPublishingInStack.validateStack(
        {
            resources,
            getConfig: <T extends object>() => ({ ...config }) as T,
            stackTags: new Map(),
            notApplicable: () => {
                throw new Error("not applicable");
            },
        } as any,
        (message: string, urn?: string) => violations.push({ message, urn }),
    );
    return violations;
}

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
        const unknownApp = resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN });
        const wired = (type: string, allow: boolean) => {
            const policy = resource(type, `${type}-web`, { resourceGroupName: UNKNOWN, name: UNKNOWN, allow });
            (policy as any).propertyDependencies = { name: [unknownApp] };
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

    it("matches a slot's policy that takes the same site from the app and names the same slot", () => {
        const site = resource("azure-native:web:WebApp", "web", { resourceGroupName: UNKNOWN, name: UNKNOWN });
        const ofSite = <T extends PolicyResource>(r: T) => {
            (r as any).propertyDependencies = { name: [site] };
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
        assert.throws(
            () =>
                validateStack([
                    slot,
                    policy("azure-native:web:WebAppFtpAllowedSlot", "production"),
                    policy("azure-native:web:WebAppScmAllowedSlot", "staging"),
                ]),
            (e: unknown) => e instanceof UnknownValueError,
        );
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
