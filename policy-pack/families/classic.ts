import { topLevelFamily } from "./family";

// Classic @pulumi/azure types have no `kind`; each implies one, so `excludedKinds` treats them like azure-native.

const currentNames = {
    enabled: "clientCertificateEnabled",
    mode: "clientCertificateMode",
    exclusionPaths: "clientCertificateExclusionPaths",
};

/** Linux and Windows web apps and their slots (`azure:appservice/linuxWebApp:LinuxWebApp` etc.). */
export const classicLinuxWebApp = topLevelFamily(currentNames, "app,linux");
export const classicWindowsWebApp = topLevelFamily(currentNames, "app");

/** Linux and Windows function apps and their slots. */
export const classicLinuxFunctionApp = topLevelFamily(currentNames, "functionapp,linux");
export const classicWindowsFunctionApp = topLevelFamily(currentNames, "functionapp");

/** The legacy `AppService`: the azure-native property names, no exclusion paths. */
export const classicLegacyAppService = topLevelFamily({ enabled: "clientCertEnabled", mode: "clientCertMode" }, "app");

/** The legacy `FunctionApp` has only a mode, so the mode must be `Required`. */
export const classicLegacyFunctionApp = topLevelFamily({ mode: "clientCertMode" }, "functionapp");
