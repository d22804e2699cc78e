import { topLevelFamily, withoutCertificateSettings } from "./family";
import { AZURE_DEFAULTS, UnsetDefaults } from "../rule/clientCertificates";
import {
    CLASSIC_APP_PLACES,
    CLASSIC_FLEX_CONSUMPTION_PLACES,
    CLASSIC_LEGACY_APP_PLACES,
    CLASSIC_LEGACY_FUNCTION_APP_PLACES,
    CLASSIC_LOGIC_APP_PLACES,
} from "./siteSettingPlaces";

// Classic @pulumi/azure types have no `kind`; each implies one, so `excludedKinds` treats them like azure-native.
// The defaults are the ones each type's documentation (its `.d.ts` doc comments, @pulumi/azure 6.x) states.

const currentNames = {
    enabled: "clientCertificateEnabled",
    mode: "clientCertificateMode",
    exclusionPaths: "clientCertificateExclusionPaths",
};

/** Web apps and web app slots: "The Client Certificate mode. ... Defaults to `Required`." */
const webAppDefaults: UnsetDefaults = { source: "@pulumi/azure's", enabled: false, mode: "Required" };

/**
 * Function apps, function app slots and flex-consumption function apps: "The mode of the Function App's client
 * certificates requirement ... Defaults to `Optional`." So certificates enabled with no mode accept requests
 * without a certificate.
 */
const functionAppDefaults: UnsetDefaults = { source: "@pulumi/azure's", enabled: false, mode: "Optional" };

/** Linux and Windows web apps and their slots (`azure:appservice/linuxWebApp:LinuxWebApp` etc.). */
export const classicLinuxWebApp = topLevelFamily(currentNames, "app,linux", webAppDefaults, CLASSIC_APP_PLACES);
export const classicWindowsWebApp = topLevelFamily(currentNames, "app", webAppDefaults, CLASSIC_APP_PLACES);

/** Linux and Windows function apps and their slots. */
export const classicLinuxFunctionApp = topLevelFamily(
    currentNames,
    "functionapp,linux",
    functionAppDefaults,
    CLASSIC_APP_PLACES,
);
export const classicWindowsFunctionApp = topLevelFamily(
    currentNames,
    "functionapp",
    functionAppDefaults,
    CLASSIC_APP_PLACES,
);

/** Flex-consumption function apps (`azure:appservice/appFlexConsumption:AppFlexConsumption`), always on Linux. */
export const classicFlexConsumptionApp = topLevelFamily(
    currentNames,
    "functionapp,linux",
    functionAppDefaults,
    CLASSIC_FLEX_CONSUMPTION_PLACES,
);

/**
 * The legacy `AppService`: the azure-native property names, no exclusion paths. `clientCertEnabled` "Defaults to
 * `false`"; the mode has no documented default, so the provider sends none and Azure's (Required) applies.
 */
export const classicLegacyAppService = topLevelFamily(
    { enabled: "clientCertEnabled", mode: "clientCertMode" },
    "app",
    AZURE_DEFAULTS,
    CLASSIC_LEGACY_APP_PLACES,
);

/**
 * The legacy `FunctionApp` has only a mode: the provider enables certificates when a mode is set and leaves them
 * off (Azure's default) when it is not, so the mode must be `Required`.
 */
export const classicLegacyFunctionApp = topLevelFamily(
    { mode: "clientCertMode" },
    "functionapp",
    AZURE_DEFAULTS,
    CLASSIC_LEGACY_FUNCTION_APP_PLACES,
);

/**
 * Logic App Standard (`azure:logicapps/standard:Standard`) has only `clientCertificateMode`, with the same
 * meaning as the legacy FunctionApp's mode. Its kind is `functionapp,workflowapp`.
 */
export const classicLogicAppStandard = topLevelFamily(
    { mode: "clientCertificateMode" },
    "functionapp,workflowapp",
    AZURE_DEFAULTS,
    CLASSIC_LOGIC_APP_PLACES,
);

/**
 * The legacy slot types `azure:appservice/slot:Slot` (web app) and `azure:appservice/functionAppSlot:FunctionAppSlot`
 * have no client-certificate argument at all: Azure creates them with certificates off, which no program can
 * change through them.
 */
export const classicLegacySlot = withoutCertificateSettings(
    "app",
    "declare the slot as azure:appservice/linuxWebAppSlot:LinuxWebAppSlot or azure:appservice/windowsWebAppSlot:WindowsWebAppSlot " +
        'instead, with clientCertificateEnabled: true and clientCertificateMode: "Required"',
    CLASSIC_LEGACY_APP_PLACES,
);
export const classicLegacyFunctionAppSlot = withoutCertificateSettings(
    "functionapp",
    "declare the slot as azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot or " +
        'azure:appservice/windowsFunctionAppSlot:WindowsFunctionAppSlot instead, with clientCertificateEnabled: true and clientCertificateMode: "Required"',
    CLASSIC_LEGACY_FUNCTION_APP_PLACES,
);
