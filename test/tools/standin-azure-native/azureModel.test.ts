// The stand-in answers as azure-native does with Azure behind it, so that what a stack policy reads after `pulumi up`
// (the resources' outputs) has the shape it has against Azure.
import * as assert from "assert";
import { createResource, STANDIN_SUBSCRIPTION_ID } from "../../../tools/standin-azure-native/azureModel";

const SITE = `/subscriptions/${STANDIN_SUBSCRIPTION_ID}/resourceGroups/shop-rg/providers/Microsoft.Web/sites/shop-web`;
const urn = (type: string, name: string) => `urn:pulumi:dev::shop::azure-native:web:${type}::${name}`;

describe("stand-in azure-native: what a create returns", () => {
    it("gives a publishing-credentials policy Azure's response as its outputs: the id, the policy's own name, no resource group", () => {
        const created = createResource(urn("WebAppScmAllowed", "scm"), {
            resourceGroupName: "shop-rg",
            name: "shop-web",
            allow: false,
        });
        assert.strictEqual(created.id, `${SITE}/basicPublishingCredentialsPolicies/scm`);
        assert.deepStrictEqual(created.outs, {
            id: `${SITE}/basicPublishingCredentialsPolicies/scm`,
            name: "scm",
            type: "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
            allow: false,
        });
    });

    it("gives a slot's publishing-credentials policy its slot's id", () => {
        const created = createResource(urn("WebAppFtpAllowedSlot", "ftp"), {
            resourceGroupName: "shop-rg",
            name: "shop-web",
            slot: "staging",
            allow: false,
        });
        assert.deepStrictEqual(created.outs, {
            id: `${SITE}/slots/staging/basicPublishingCredentialsPolicies/ftp`,
            name: "ftp",
            type: "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies",
            allow: false,
        });
    });

    it("gives a site and a slot their ids among their outputs", () => {
        const site = createResource(urn("WebApp", "web"), { resourceGroupName: "shop-rg", name: "shop-web" });
        assert.strictEqual(site.outs.id, SITE);
        assert.strictEqual(site.outs.resourceGroup, "shop-rg");
        const slot = createResource(urn("WebAppSlot", "staging"), {
            resourceGroupName: "shop-rg",
            name: "shop-web",
            slot: "staging",
        });
        assert.strictEqual(slot.outs.id, `${SITE}/slots/staging`);
        assert.strictEqual(slot.outs.name, "shop-web/staging");
    });
});
