// @pulumi/policy gives each policy only its own config, but the exemptions policy must see the rule's exemptions
// and excluded kinds. The rule runs first on every resource (index.ts lists it first, and the policy server runs
// a pack's policies in order; both are synchronous, so no other resource's analysis comes between them), so it
// leaves the config it read here for that resource.
import { ClientCertificatePolicyConfig } from "../config";

let lastRead: { urn: string; config: ClientCertificatePolicyConfig } | undefined;

/** Called by webapp-require-client-certificates with the config it read for a resource. */
export function recordRuleConfig(urn: string, config: ClientCertificatePolicyConfig): void {
    lastRead = { urn, config };
}

/**
 * The config webapp-require-client-certificates read for this resource, once: undefined when it did not run on it
 * (it is disabled), in which case nothing is exempt from it. Taking the record means a later analysis of the same
 * resource never sees a config the rule no longer has.
 */
export function takeRuleConfigFor(urn: string): ClientCertificatePolicyConfig | undefined {
    const record = lastRead;
    lastRead = undefined;
    if (record !== undefined && record.urn !== urn) {
        // Never expected; failing loudly beats silently dropping an exemption notice.
        throw new Error(`the rule's config was recorded for ${record.urn}, not for ${urn}: the policies ran out of order`);
    }
    return record?.config;
}
