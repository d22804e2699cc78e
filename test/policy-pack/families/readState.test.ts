// Resources as audit mode sees them: the pack gets azure-native's output properties (Azure's read state) for
// resources that `pulumi import`, a refresh or Insights discovery found, not a program's inputs. The first test
// checks that every key of every fixture is an output property of its class, so a fixture cannot drift into an
// input shape.
import * as assert from "assert";
import * as fs from "fs";
import { providerSdkPath } from "../providerTypes";
import { notices, validate } from "../support";
import { READ_STATES } from "./readStateFixtures";

const outcomeOf = (fixture: string, config: Record<string, unknown> = {}) =>
    validate(READ_STATES[fixture].type, READ_STATES[fixture].props, { name: "storefront", config });

describe("resources as audit mode sees them: azure-native's read state (output properties)", () => {
    it("every fixture uses only output properties of its class", function () {
        this.timeout(180000); // the first run fetches classic @pulumi/azure's tarball (test/policy-pack/providerTypes.ts)
        for (const [name, { dts, props }] of Object.entries(READ_STATES)) {
            const declared = fs.readFileSync(providerSdkPath(dts), "utf8");
            for (const key of Object.keys(props).filter(k => k !== "id")) {
                assert.match(
                    declared,
                    new RegExp(`\\breadonly ${key}: pulumi\\.Output<`),
                    `${name}: ${key} is not an output of ${dts}`,
                );
            }
        }
        const response = /interface DeploymentPropertiesExtendedResponse \{([\s\S]*?)\n {4}\}/.exec(
            fs.readFileSync(providerSdkPath("@pulumi/azure-native/types/output.d.ts"), "utf8"),
        )![1];
        for (const fixture of [
            "a Deployment read after an inline template: hash and outputs, no template",
            "a Deployment read after a linked template: hash and templateLink, no template",
        ] as const) {
            for (const key of Object.keys(READ_STATES[fixture].props.properties as object)) {
                assert.match(
                    response,
                    new RegExp(`\\n        ${key}\\??:`),
                    `${key} is not in DeploymentPropertiesExtendedResponse`,
                );
            }
        }
    });

    describe("a site is judged by its own discovered resource", () => {
        it("a WebApp that requires certificates passes, its exclusion path allowed by the config", () => {
            assert.deepStrictEqual(
                outcomeOf("a WebApp that requires certificates, with an allowed exclusion path", {
                    allowedExclusionPaths: ["/health"],
                }),
                { violations: [] },
            );
        });

        it("the same WebApp read with HTTP/2 on is a violation: its exclusion path needs TLS renegotiation", () => {
            const fixture = READ_STATES["a WebApp that requires certificates, with an allowed exclusion path"];
            const props = { ...fixture.props, siteConfig: { http20Enabled: true, minTlsVersion: "1.2" } };
            const { violations } = validate(fixture.type, props, { config: { allowedExclusionPaths: ["/health"] } });
            assert.match(violations[0], /siteConfig\.http20Enabled is true: a client on HTTP\/2 cannot be asked/);
        });

        it("the same WebApp without /health allowed is a violation naming the path", () => {
            const { violations } = outcomeOf("a WebApp that requires certificates, with an allowed exclusion path");
            assert.match(
                violations[0],
                /clientCertExclusionPaths is "\/health", which excludes "\/health" from client certificates/,
            );
        });

        it("a WebApp read with certificates off is a violation, as in a preview", () => {
            const { violations } = outcomeOf("a WebApp read with certificates off (Azure's default)");
            assert.match(violations[0], /- clientCertEnabled is false \(portal: client certificate mode "Ignore"\)/);
        });

        it("a WebAppSlot in mode Optional is a violation", () => {
            assert.match(
                outcomeOf("a WebAppSlot in mode Optional").violations[0],
                /clientCertMode is "Optional" \(portal: "Allow"\)/,
            );
        });

        it('a classic LinuxWebApp with exclusion paths read back as "" passes: an empty string excludes nothing', () => {
            assert.deepStrictEqual(
                outcomeOf("a classic LinuxWebApp read back with no exclusion paths as an empty string"),
                { violations: [] },
            );
        });

        it("a generic Resource read as a site (its ARM type in `type`) is checked like one, and fails here", () => {
            assert.match(
                outcomeOf("a generic Resource read as a site: Microsoft.Web/sites in type, certificates off")
                    .violations[0],
                /- properties.clientCertEnabled is false/,
            );
        });

        it("a generic Resource read as anything else is not an app", () => {
            assert.match(
                outcomeOf("a generic Resource read as a storage account").notApplicable!,
                /not an App Service site or slot/,
            );
        });

        it("an exemption by name covers a discovered app, and the notices policy reports it", () => {
            const exemptions = [
                { resource: "storefront", reason: "TLS ends at Front Door (SEC-7)", expires: "2099-12-31" },
            ];
            const fixture = READ_STATES["a WebApp read with certificates off (Azure's default)"];
            assert.match(
                outcomeOf("a WebApp read with certificates off (Azure's default)", { exemptions }).notApplicable!,
                /^exempt by exemptions\[0\]/,
            );
            assert.match(
                notices(fixture.type, fixture.props, { name: "storefront", config: { exemptions } }).violations[0],
                /^Exempt: azure-native:web:WebApp "storefront"/,
            );
        });
    });

    describe("a deployment without template content is not a violation in itself, and says why", () => {
        it("a Deployment read after an inline template: not applicable, Azure returns no template", () => {
            const { violations, notApplicable } = outcomeOf(
                "a Deployment read after an inline template: hash and outputs, no template",
            );
            assert.deepStrictEqual(violations, []);
            assert.strictEqual(
                notApplicable,
                "Azure's read state of a deployment (properties.templateHash and provisioningState, no " +
                    "properties.template): ARM does not return the template, so the sites and slots it created are judged as their own resources",
            );
        });

        it("a Deployment read after a linked template: not applicable, naming the link", () => {
            const { violations, notApplicable } = outcomeOf(
                "a Deployment read after a linked template: hash and templateLink, no template",
            );
            assert.deepStrictEqual(violations, []);
            assert.match(
                notApplicable!,
                /ARM does not return the template deployed from https:\/\/example\.blob\.core\.windows\.net\/templates\/site\.json, so the sites/,
            );
        });

        it("a deployment stack read back: not applicable, no template content", () => {
            const { violations, notApplicable } = outcomeOf(
                "a deployment stack read back: no template, only what it manages",
            );
            assert.deepStrictEqual(violations, []);
            assert.match(
                notApplicable!,
                /^no template content: template and templateLink not set \(Azure's read state never holds a template\)/,
            );
        });

        for (const [type, addressing] of [
            ["azure-native:resources:Deployment", { resourceGroupName: "shop" }],
            ["azure-native:resources:DeploymentAtSubscriptionScope", { deploymentName: "platform-4f2a1c" }],
            ["azure-native:resources:DeploymentAtManagementGroupScope", { groupId: "corp" }],
        ] as const) {
            it(`a program's ${type.split(":").pop()} with read-only fields written in still has its linked template reported: its inputs address it`, () => {
                const forged = {
                    ...addressing,
                    ...READ_STATES["a Deployment read after a linked template: hash and templateLink, no template"]
                        .props,
                };
                const { violations } = validate(type, forged, { name: "platform" });
                assert.match(violations[0], /linked template at properties\.templateLink/);
            });
        }

        it("a deployment as `pulumi import` records its inputs (resource group, mode, link) still reports the link it cannot read", () => {
            const imported = {
                resourceGroupName: "shop",
                deploymentName: "platform",
                properties: {
                    mode: "Incremental",
                    templateLink: { uri: "https://example.blob.core.windows.net/t.json" },
                },
            };
            assert.match(
                validate("azure-native:resources:Deployment", imported, { name: "platform" }).violations[0],
                /linked template at properties\.templateLink/,
            );
        });
    });
});
