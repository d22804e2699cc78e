import { topLevelFamily } from "./family";

/**
 * azure-native `web:WebApp` and `web:WebAppSlot` (every API version). One type serves web, API and function apps
 * and Logic Apps Standard; `kind` tells them apart.
 */
export const azureNativeWebApp = topLevelFamily(
    { enabled: "clientCertEnabled", mode: "clientCertMode", exclusionPaths: "clientCertExclusionPaths" },
    { property: "kind" });
