import * as assert from "assert";
import { expiryWarningLine, noticeLine, NOTICES_DESCRIPTION, parseNotice } from "../../policy-pack/notices";

describe("exemption notices (the first line reports parse)", () => {
    const exempt = {
        notice: "exempt" as const,
        type: "azure-native:web:WebApp",
        name: "api",
        index: 2,
        expires: "2027-12-31",
        reason: "TLS ends at Application Gateway (SEC-142)",
    };
    const excluded = {
        notice: "excluded-kind" as const,
        type: "azure-native:web:WebAppSlot",
        name: "fn-staging",
        kind: "functionapp,linux",
        token: "functionapp",
    };
    const custom = {
        notice: "custom-definition" as const,
        type: "azure-native:authorization:PolicyAssignment",
        name: "web-audit",
        property: "policyDefinitionId",
        definitionId: "/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web",
    };

    it("writes an exemption as: type, name, the exemptions entry, its last day and the reason", () => {
        assert.strictEqual(
            noticeLine(exempt),
            'Exempt: azure-native:web:WebApp "api" is exempt from webapp-require-client-certificates ' +
                "by exemptions[2] until 2027-12-31; reason: TLS ends at Application Gateway (SEC-142)",
        );
    });

    it("says 'until no expiry date' for an exemption without expires", () => {
        const { expires, ...forever } = exempt;
        assert.match(noticeLine(forever), /by exemptions\[2\] until no expiry date; reason: /);
        assert.deepStrictEqual(parseNotice(noticeLine(forever)), forever);
    });

    it("writes an excluded kind as: type, name, the app's kind and the excludedKinds entry it matched", () => {
        assert.strictEqual(
            noticeLine(excluded),
            'Excluded kind: azure-native:web:WebAppSlot "fn-staging" is not checked by ' +
                'webapp-require-client-certificates: its kind "functionapp,linux" matches excludedKinds "functionapp"',
        );
    });

    it("writes a custom policy definition as: type, name, the definition's id and the property that names it", () => {
        assert.strictEqual(
            noticeLine(custom),
            'Custom policy definition: azure-native:authorization:PolicyAssignment "web-audit" assigns ' +
                '"/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/deploy-web" at policyDefinitionId, ' +
                "whose effects webapp-require-client-certificates checks where the definition is declared, not on the assignment",
        );
    });

    it("keeps a reason written over several lines on the first line", () => {
        const line = noticeLine({ ...exempt, reason: "proxy\nticket SEC-1" });
        assert.ok(line.endsWith("reason: proxy ticket SEC-1"));
        assert.strictEqual(parseNotice(line + "\n" + expiryWarningLine(3, "2027-12-31"))?.notice, "exempt");
    });

    it("reads back what it writes, alone or after the policy description as the engine delivers it", () => {
        for (const notice of [exempt, excluded, custom]) {
            assert.deepStrictEqual(parseNotice(noticeLine(notice)), notice);
            assert.deepStrictEqual(
                parseNotice(`${NOTICES_DESCRIPTION}\n${noticeLine(notice)}\n${expiryWarningLine(1, "2027-12-31")}`),
                notice,
            );
        }
    });

    it("finds no notice in a violation or another policy's message", () => {
        assert.strictEqual(
            parseNotice('azure-native:web:WebApp "api" does not require incoming client certificates'),
            undefined,
        );
        assert.strictEqual(parseNotice(`Some other policy\n${noticeLine(exempt)}`), undefined);
    });

    it("warns of an ending exemption with the days left and the date", () => {
        assert.strictEqual(
            expiryWarningLine(12, "2027-01-10"),
            "Expires in 12 days, on 2027-01-10: renew it with a new review or fix the app.",
        );
        assert.strictEqual(
            expiryWarningLine(1, "2027-01-10"),
            "Expires in 1 day, on 2027-01-10: renew it with a new review or fix the app.",
        );
    });
});
