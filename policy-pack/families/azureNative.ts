import { topLevelFamily } from "./family";
import { AZURE_DEFAULTS } from "../rule/clientCertificates";
import { AZURE_NATIVE_PLACES } from "./siteSettingPlaces";

/**
 * azure-native `web:WebApp` and `web:WebAppSlot` (every API version). One type serves web, API and function apps
 * and Logic Apps Standard; `kind` tells them apart. The provider sends what the program sets, so Azure's defaults
 * apply: `clientCertEnabled` "Default is false", and an unset mode is Required.
 */
export const azureNativeWebApp = topLevelFamily(
    { enabled: "clientCertEnabled", mode: "clientCertMode", exclusionPaths: "clientCertExclusionPaths" },
    { property: "kind" },
    AZURE_DEFAULTS,
    AZURE_NATIVE_PLACES,
);
