export { ClientCertificateOptions, SecureWebApp, SecureWebAppArgs, SecureWebAppSlotArgs } from "./secureWebApp";
export { SecureWebAppArgumentError } from "./argumentError";
