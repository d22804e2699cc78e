export {
    AuthSettingsArgs,
    ClientCertificateOptions,
    SecureWebApp,
    SecureWebAppArgs,
    SecureWebAppSlotArgs,
    SiteConfigArgs,
} from "./secureWebApp";
export { SecureWebAppArgumentError } from "./argumentError";
