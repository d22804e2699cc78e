// The table of covered types is what the report reads; the registry is what the pack evaluates with. A type the
// table calls an app always gets a verdict in the report, so its family must be one that always yields the app;
// a type that may hold apps is left out of a report when the pack says it holds none, so its family must say why.
import * as assert from "assert";
import { appFamilyOf } from "../../../policy-pack/families/appFamilies";
import { COVERED_TYPES, coveredTypeOf, coveredTypes } from "../../../policy-pack/families/coveredTypes";
import { familyOf } from "../../../policy-pack/families/registry";

describe("the table of covered types the report reads, against the pack's families", () => {
    it("every type in the table has a family, and the registry covers no type beyond the table", () => {
        assert.deepStrictEqual(
            coveredTypes.filter(type => familyOf(type) === undefined),
            [],
        );
        for (const type of [
            "azure-native:web:Certificate",
            "azure:appservice/servicePlan:ServicePlan",
            "__proto__",
            "constructor",
        ]) {
            assert.strictEqual(familyOf(type), undefined, type);
            assert.strictEqual(coveredTypeOf(type), undefined, type);
        }
    });

    it("a type the table calls an app has the same family for the report and the pack, one that always yields the app", () => {
        const apps = coveredTypes.filter(type => COVERED_TYPES[type] === "app");
        assert.ok(
            apps.includes("azure-native:web:WebApp") && apps.includes("azure:appservice/linuxWebApp:LinuxWebApp"),
        );
        for (const type of apps) {
            const family = familyOf(type)!;
            assert.strictEqual(appFamilyOf(type), family, type);
            assert.strictEqual(family.noAppsReason, undefined, `${type}: an app type never holds no app`);
            assert.strictEqual(family.apps({}).length, 1, `${type}: an app with no properties set is still one app`);
        }
    });

    it("a type that may hold apps is none the report reads as an app, and its family says why it holds none", () => {
        const holders = coveredTypes.filter(type => COVERED_TYPES[type] === "may-hold-apps");
        assert.ok(
            holders.includes("azure-native:resources:Resource") &&
                holders.includes("azure-native:resources:Deployment"),
        );
        for (const type of holders) {
            assert.strictEqual(appFamilyOf(type), undefined, type);
            assert.notStrictEqual(familyOf(type)!.noAppsReason, undefined, type);
        }
    });

    it("reads an azure-native token of any API version as the covered type, for the report and the pack alike", () => {
        for (const [versioned, type] of [
            ["azure-native:web/v20220901:WebApp", "azure-native:web:WebApp"],
            ["azure-native:web/v20240401:WebAppSlot", "azure-native:web:WebAppSlot"],
            ["azure-native:resources/v20230701:Deployment", "azure-native:resources:Deployment"],
        ] as const) {
            assert.strictEqual(coveredTypeOf(versioned), type);
            assert.strictEqual(familyOf(versioned), familyOf(type));
        }
        assert.strictEqual(appFamilyOf("azure-native:web/v20220901:WebApp"), familyOf("azure-native:web:WebApp"));
        assert.strictEqual(
            coveredTypeOf("azure:appservice/v20220901:LinuxWebApp"),
            undefined,
            "classic tokens have no API versions",
        );
    });

    it("reads a token of azure-native's local package for one API version as the covered type, whatever the module's case", () => {
        for (const [local, type] of [
            ["azure-native_web_v20220901:web/v20220901:WebApp", "azure-native:web:WebApp"],
            ["azure-native_Web_v20220901:Web/v20220901:WebAppSlot", "azure-native:web:WebAppSlot"],
            ["azure-native_web_2024-04-01:web/2024-04-01:WebApp", "azure-native:web:WebApp"],
            ["azure-native_resources_v20240301:resources/v20240301:Deployment", "azure-native:resources:Deployment"],
            ["azure-native_resources_v20240301:resources/v20240301:Resource", "azure-native:resources:Resource"],
        ] as const) {
            assert.strictEqual(coveredTypeOf(local), type, local);
            assert.strictEqual(familyOf(local), familyOf(type), local);
        }
        assert.strictEqual(coveredTypeOf("azure-native_web_v20220901:web/v20220901:WebAppSettings"), undefined);
        assert.strictEqual(coveredTypeOf("azure-native_storage_v20220901:storage/v20220901:StorageAccount"), undefined);
    });
    it("reads the token of each Terraform azurerm resource used directly (dynamically bridged) as the classic type bridged from it", () => {
        const bridged: [string, string][] = [
            ["azurerm:index/linuxWebApp:LinuxWebApp", "azure:appservice/linuxWebApp:LinuxWebApp"],
            ["azurerm:index/linuxWebAppSlot:LinuxWebAppSlot", "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot"],
            ["azurerm:index/windowsWebApp:WindowsWebApp", "azure:appservice/windowsWebApp:WindowsWebApp"],
            [
                "azurerm:index/windowsWebAppSlot:WindowsWebAppSlot",
                "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
            ],
            ["azurerm:index/linuxFunctionApp:LinuxFunctionApp", "azure:appservice/linuxFunctionApp:LinuxFunctionApp"],
            [
                "azurerm:index/linuxFunctionAppSlot:LinuxFunctionAppSlot",
                "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot",
            ],
            [
                "azurerm:index/windowsFunctionApp:WindowsFunctionApp",
                "azure:appservice/windowsFunctionApp:WindowsFunctionApp",
            ],
            [
                "azurerm:index/windowsFunctionAppSlot:WindowsFunctionAppSlot",
                "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot",
            ],
            ["azurerm:index/appService:AppService", "azure:appservice/appService:AppService"],
            ["azurerm:index/functionApp:FunctionApp", "azure:appservice/functionApp:FunctionApp"],
            [
                "azurerm:index/functionAppFlexConsumption:FunctionAppFlexConsumption",
                "azure:appservice/appFlexConsumption:AppFlexConsumption",
            ],
            ["azurerm:index/appServiceSlot:AppServiceSlot", "azure:appservice/slot:Slot"],
            ["azurerm:index/functionAppSlot:FunctionAppSlot", "azure:appservice/functionAppSlot:FunctionAppSlot"],
            ["azurerm:index/logicAppStandard:LogicAppStandard", "azure:logicapps/standard:Standard"],
            [
                "azurerm:index/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
                "azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment",
            ],
            [
                "azurerm:index/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
                "azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment",
            ],
            [
                "azurerm:index/tenantTemplateDeployment:TenantTemplateDeployment",
                "azure:core/tenantTemplateDeployment:TenantTemplateDeployment",
            ],
            ["azurerm:index/templateDeployment:TemplateDeployment", "azure:core/templateDeployment:TemplateDeployment"],
            [
                "azurerm:index/managementGroupTemplateDeployment:ManagementGroupTemplateDeployment",
                "azure:management/groupTemplateDeployment:GroupTemplateDeployment",
            ],
            [
                "azurerm:index/managedApplicationDefinition:ManagedApplicationDefinition",
                "azure:managedapplication/definition:Definition",
            ],
            ["azurerm:index/managedApplication:ManagedApplication", "azure:managedapplication/application:Application"],
            ["azurerm:index/policyDefinition:PolicyDefinition", "azure:policy/definition:Definition"],
            ["azurerm:index/blueprintAssignment:BlueprintAssignment", "azure:blueprint/assignment:Assignment"],
            [
                "azurerm:index/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment",
                "azure:core/resourceGroupPolicyAssignment:ResourceGroupPolicyAssignment",
            ],
            [
                "azurerm:index/subscriptionPolicyAssignment:SubscriptionPolicyAssignment",
                "azure:core/subscriptionPolicyAssignment:SubscriptionPolicyAssignment",
            ],
            [
                "azurerm:index/resourcePolicyAssignment:ResourcePolicyAssignment",
                "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment",
            ],
            [
                "azurerm:index/managementGroupPolicyAssignment:ManagementGroupPolicyAssignment",
                "azure:management/groupPolicyAssignment:GroupPolicyAssignment",
            ],
        ];
        assert.deepStrictEqual(
            bridged.map(([, classic]) => classic).sort(),
            coveredTypes.filter(type => type.startsWith("azure:")).sort(),
            "every covered classic type, once",
        );
        for (const [token, classic] of bridged) {
            assert.strictEqual(coveredTypeOf(token), classic, token);
            assert.strictEqual(familyOf(token), familyOf(classic), token);
        }
        for (const type of ["azurerm:index/servicePlan:ServicePlan", "azurerm:index/linuxWebApp:Linuxwebapp"]) {
            assert.strictEqual(coveredTypeOf(type), undefined, type);
        }
    });
});
