import * as assert from "assert";
import { familyOf } from "../../policy-pack/families/registry";
import { remediate, validate } from "./support";

/** A compliant property bag per family, written with that family's property names. */
const azureNative = { kind: "app,linux", clientCertEnabled: true, clientCertMode: "Required", httpsOnly: true };
const classic = { clientCertificateEnabled: true, clientCertificateMode: "Required", httpsOnly: true };

function violationOf(type: string, props: Record<string, unknown>): string {
    const { violations } = validate(type, props);
    assert.strictEqual(violations.length, 1, `expected one violation for ${type}, got ${violations.length}`);
    return violations[0];
}

describe("azure-native WebApp and WebAppSlot", () => {
    const types = [
        "azure-native:web:WebApp",
        "azure-native:web:WebAppSlot",
        "azure-native:web/v20220901:WebApp",
        "azure-native:web/v20240401:WebAppSlot",
        "azure-native:web/v20260301preview:WebAppSlot",
        // azure-nextgen, azure-native's predecessor, registered only versioned tokens; its provider still deploys.
        "azure-nextgen:web/latest:WebApp",
        "azure-nextgen:web/v20200601:WebAppSlot",
    ];

    for (const type of types) {
        it(`passes a compliant ${type}`, () => {
            assert.deepStrictEqual(validate(type, azureNative), { violations: [] });
        });

        it(`fails a ${type} with client certificates disabled`, () => {
            const message = violationOf(type, { ...azureNative, clientCertEnabled: false });
            assert.match(
                message,
                new RegExp(`^${type.replace(/[/]/g, "\\/")} "app" does not require incoming client certificates`),
            );
            assert.match(
                message,
                /clientCertEnabled is false \(portal: client certificate mode "Ignore"\); required: true \(portal: "Require"\)/,
            );
        });
    }

    it("fails mode Optional and names the portal's wording Allow", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertMode: "Optional" });
        assert.match(
            message,
            /clientCertMode is "Optional" \(portal: "Allow"\); required: "Required" \(portal: "Require"\), or unset/,
        );
    });

    it("fails mode OptionalInteractiveUser and names the portal's wording Optional", () => {
        const message = violationOf("azure-native:web:WebApp", {
            ...azureNative,
            clientCertMode: "OptionalInteractiveUser",
        });
        assert.match(message, /"OptionalInteractiveUser" \(portal: "Optional"\)/);
    });

    it("fails an app that never sets clientCertEnabled, the Azure default being off", () => {
        const { clientCertEnabled, ...withoutFlag } = azureNative;
        assert.match(
            violationOf("azure-native:web:WebApp", withoutFlag),
            /clientCertEnabled is not set, so Azure's default applies: false \(portal: client certificate mode "Ignore"\); required: true \(portal: "Require"\)/,
        );
    });

    it("passes an enabled app that never sets clientCertMode, the Azure default being Required", () => {
        const { clientCertMode, ...withoutMode } = azureNative;
        assert.deepStrictEqual(validate("azure-native:web:WebApp", withoutMode), { violations: [] });
    });

    it("fails an exclusion path that the config does not allow, naming it", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertExclusionPaths: "/health" });
        assert.match(
            message,
            /clientCertExclusionPaths is "\/health", which excludes "\/health" from client certificates/,
        );
        assert.match(message, /allowedExclusionPaths \(now: none\)/);
    });

    it("tells the user the fix: SecureWebApp, the properties to set and the az command", () => {
        const message = violationOf("azure-native:web:WebApp", { ...azureNative, clientCertEnabled: false });
        assert.match(message, /SecureWebApp/);
        assert.match(message, /set clientCertEnabled: true, clientCertMode: "Required"/);
        assert.ok(
            message.includes(
                "az webapp update --resource-group <RG> --name <APP> --set clientCertEnabled=true clientCertMode=Required",
            ),
        );
    });

    it("records resource types it does not cover as not applicable", () => {
        assert.deepStrictEqual(validate("azure-native:storage:StorageAccount", { clientCertEnabled: false }), {
            violations: [],
            notApplicable: "not an App Service resource",
        });
        assert.strictEqual(familyOf("azure-native:web/v20220901:WebAppSettings"), undefined);
        assert.strictEqual(familyOf("azure-native:web:WebAppX"), undefined);
        assert.strictEqual(familyOf("azure-nextgen:web/latest:WebAppSettings"), undefined);
    });

    it("checks every azure-nextgen route as its azure-native type, templates and the generic Resource included", () => {
        const template = {
            resources: [{ type: "Microsoft.Web/sites", name: "web", properties: { clientCertEnabled: false } }],
        };
        assert.match(
            violationOf("azure-nextgen:resources/v20200601:Deployment", {
                properties: { mode: "Incremental", template },
            }),
            /properties.template.resources\[0\].properties.clientCertEnabled is false/,
        );
        assert.match(
            violationOf("azure-nextgen:resources/latest:Resource", {
                resourceProviderNamespace: "Microsoft.Web",
                parentResourcePath: "",
                resourceType: "sites",
                resourceName: "web",
                properties: {},
            }),
            /properties.clientCertEnabled is not set/,
        );
    });
});

describe("classic @pulumi/azure App Service types", () => {
    const modernTypes = [
        "azure:appservice/linuxWebApp:LinuxWebApp",
        "azure:appservice/windowsWebApp:WindowsWebApp",
        "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot",
        "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
        "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
        "azure:appservice/windowsFunctionApp:WindowsFunctionApp",
        "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot",
        "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot",
    ];

    for (const type of modernTypes) {
        it(`passes a compliant ${type}`, () => {
            assert.deepStrictEqual(validate(type, classic), { violations: [] });
        });

        it(`fails a ${type} with mode Optional, quoting clientCertificateMode`, () => {
            assert.match(
                violationOf(type, { ...classic, clientCertificateMode: "Optional" }),
                /clientCertificateMode is "Optional" \(portal: "Allow"\)/,
            );
        });
    }

    it("passes a classic web app or web app slot that leaves the mode unset, the provider's documented default being Required", () => {
        const { clientCertificateMode, ...withoutMode } = classic;
        for (const type of modernTypes.filter(t => /WebApp/.test(t))) {
            assert.deepStrictEqual(validate(type, withoutMode), { violations: [] }, type);
        }
    });

    const functionAppTypes = [
        ...modernTypes.filter(t => /FunctionApp/.test(t)),
        "azure:appservice/appFlexConsumption:AppFlexConsumption",
    ];
    for (const type of functionAppTypes) {
        it(`fails a ${type} with certificates enabled and no mode, the provider's documented default being Optional (portal Allow)`, () => {
            const { clientCertificateMode, ...withoutMode } = classic;
            assert.match(
                violationOf(type, withoutMode),
                /clientCertificateMode is not set, so @pulumi\/azure's default applies: "Optional" \(portal: "Allow"\), which accepts requests without a certificate; required: "Required" \(portal: "Require"\)/,
            );
        });
    }

    it("checks flex-consumption function apps by the current classic property names, with remediation", () => {
        const type = "azure:appservice/appFlexConsumption:AppFlexConsumption";
        assert.deepStrictEqual(validate(type, classic), { violations: [] });
        assert.match(
            violationOf(type, { ...classic, clientCertificateExclusionPaths: "/" }),
            /clientCertificateExclusionPaths is "\/"/,
        );
        assert.deepStrictEqual(remediate(type, { clientCertificateEnabled: true }).properties, {
            clientCertificateEnabled: true,
            clientCertificateMode: "Required",
        });
    });

    it("says that an unset flag means Azure's default, certificates off", () => {
        const { clientCertificateEnabled, ...withoutFlag } = classic;
        assert.match(
            violationOf("azure:appservice/windowsWebApp:WindowsWebApp", withoutFlag),
            /clientCertificateEnabled is not set, so @pulumi\/azure's default applies: false \(portal: client certificate mode "Ignore"\); required: true/,
        );
    });

    for (const [type, replacement] of [
        [
            "azure:appservice/slot:Slot",
            /Fix: declare the slot as azure:appservice\/linuxWebAppSlot:LinuxWebAppSlot or azure:appservice\/windowsWebAppSlot:WindowsWebAppSlot instead/,
        ],
        [
            "azure:appservice/functionAppSlot:FunctionAppSlot",
            /Fix: declare the slot as azure:appservice\/linuxFunctionAppSlot:LinuxFunctionAppSlot or azure:appservice\/windowsFunctionAppSlot:WindowsFunctionAppSlot instead/,
        ],
    ] as const) {
        it(`fails every legacy ${type}, which has no client-certificate argument, and names the type to use instead`, () => {
            const message = violationOf(type, { clientCertEnabled: true, clientCertMode: "Required", siteConfig: {} });
            assert.match(
                message,
                /has no client-certificate argument, so Azure's default applies: client certificates off \(portal: client certificate mode "Ignore"\)/,
            );
            assert.match(message, replacement);
            assert.deepStrictEqual(remediate(type, {}), { properties: undefined });
        });
    }

    it("requires Logic App Standard's only setting, clientCertificateMode, to be Required; unset leaves certificates off", () => {
        const type = "azure:logicapps/standard:Standard";
        assert.deepStrictEqual(validate(type, { clientCertificateMode: "Required" }), { violations: [] });
        assert.match(
            violationOf(type, { clientCertificateMode: "Optional" }),
            /clientCertificateMode is "Optional" \(portal: "Allow"\)/,
        );
        assert.match(
            violationOf(type, {}),
            /clientCertificateMode is not set, so client certificates stay off \(portal: client certificate mode "Ignore"\)/,
        );
        assert.deepStrictEqual(remediate(type, {}).properties, { clientCertificateMode: "Required" });
    });

    it("treats Logic App Standard as kind functionapp,workflowapp for excludedKinds", () => {
        assert.strictEqual(
            validate("azure:logicapps/standard:Standard", {}, { config: { excludedKinds: ["workflowapp"] } })
                .notApplicable,
            "kind excluded by the policy config excludedKinds (workflowapp)",
        );
    });

    it("fails a classic app whose certificates are disabled, quoting clientCertificateEnabled", () => {
        assert.match(
            violationOf("azure:appservice/linuxWebApp:LinuxWebApp", { ...classic, clientCertificateEnabled: false }),
            /clientCertificateEnabled is false/,
        );
    });

    it("fails a classic app that excludes the whole site", () => {
        assert.match(
            violationOf("azure:appservice/windowsWebApp:WindowsWebApp", {
                ...classic,
                clientCertificateExclusionPaths: "/",
            }),
            /clientCertificateExclusionPaths is "\/", which excludes "\/"/,
        );
    });

    it("checks the legacy AppService by clientCertEnabled and clientCertMode", () => {
        const type = "azure:appservice/appService:AppService";
        assert.deepStrictEqual(validate(type, { clientCertEnabled: true, clientCertMode: "Required" }), {
            violations: [],
        });
        assert.match(violationOf(type, { clientCertEnabled: false }), /clientCertEnabled is false/);
    });

    it("requires the legacy FunctionApp's only setting, clientCertMode, to be Required", () => {
        const type = "azure:appservice/functionApp:FunctionApp";
        assert.deepStrictEqual(validate(type, { clientCertMode: "Required" }), { violations: [] });
        assert.match(
            violationOf(type, { clientCertMode: "Optional" }),
            /clientCertMode is "Optional".*no separate enabled flag/,
        );
        assert.match(violationOf(type, {}), /clientCertMode is not set, so client certificates stay off/);
    });

    it("passes the legacy AppService with the mode unset, which the provider leaves to Azure's default Required", () => {
        assert.deepStrictEqual(validate("azure:appservice/appService:AppService", { clientCertEnabled: true }), {
            violations: [],
        });
    });
});
