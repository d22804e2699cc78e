import { azureNativeWebApp } from "./azureNative";
import {
    classicFlexConsumptionApp,
    classicLegacyAppService,
    classicLegacyFunctionApp,
    classicLegacyFunctionAppSlot,
    classicLegacySlot,
    classicLinuxFunctionApp,
    classicLinuxWebApp,
    classicLogicAppStandard,
    classicWindowsFunctionApp,
    classicWindowsWebApp,
} from "./classic";
import { AppType, coveredTypeOf } from "./coveredTypes";
import { ResourceFamily } from "./family";

// The families of the types that are apps themselves, apart from the template families: they read top-level
// properties only, so the report can read an app's recorded settings without loading the ARM evaluator.

/** The family of each covered type that is an app or slot (`app` in COVERED_TYPES). */
export const appFamilies: { readonly [T in AppType]: ResourceFamily } = {
    "azure-native:web:WebApp": azureNativeWebApp,
    "azure-native:web:WebAppSlot": azureNativeWebApp,
    "azure:appservice/linuxWebApp:LinuxWebApp": classicLinuxWebApp,
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot": classicLinuxWebApp,
    "azure:appservice/windowsWebApp:WindowsWebApp": classicWindowsWebApp,
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot": classicWindowsWebApp,
    "azure:appservice/linuxFunctionApp:LinuxFunctionApp": classicLinuxFunctionApp,
    "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot": classicLinuxFunctionApp,
    "azure:appservice/windowsFunctionApp:WindowsFunctionApp": classicWindowsFunctionApp,
    "azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot": classicWindowsFunctionApp,
    "azure:appservice/appService:AppService": classicLegacyAppService,
    "azure:appservice/functionApp:FunctionApp": classicLegacyFunctionApp,
    "azure:appservice/appFlexConsumption:AppFlexConsumption": classicFlexConsumptionApp,
    "azure:appservice/slot:Slot": classicLegacySlot,
    "azure:appservice/functionAppSlot:FunctionAppSlot": classicLegacyFunctionAppSlot,
    "azure:logicapps/standard:Standard": classicLogicAppStandard,
};

/** The family of an app type token (any API version), or undefined for any other type. */
export function appFamilyOf(type: string): ResourceFamily | undefined {
    const covered = coveredTypeOf(type);
    return covered !== undefined && covered in appFamilies ? appFamilies[covered as AppType] : undefined;
}
