import * as assert from "assert";
import { Unverifiable } from "../../policy-pack/arm/values";
import { azureNativeWebApp } from "../../policy-pack/families/azureNative";
import { AppVerdict, violationMessage } from "../../policy-pack/messages";
import type { Finding } from "../../policy-pack/rule/clientCertificates";
import {
    expiredExemptionLine,
    findExpiredExemptionLine,
    onlyUnverifiableFindings,
    REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION,
    unlistedCount,
    violationText,
} from "../../policy-pack/violationWording";

const CERTS_OFF: Finding = { setting: "enabled", found: false };
const MODE_UNVERIFIABLE: Finding = { setting: "mode", found: new Unverifiable("it is [reference('x').mode]") };

function message(verdicts: AppVerdict[], expiredExemption?: Parameters<typeof expiredExemptionLine>[0]): string {
    return violationMessage({
        type: "azure-native:resources:Deployment",
        name: "site",
        family: azureNativeWebApp,
        verdicts,
        allowedExclusionPaths: [],
        expiredExemption,
    });
}

const app = (findings: Finding[], location?: string): AppVerdict => ({
    location,
    assessment: { findings, unknownSettings: [] },
});

describe("violation messages as reports read them back", () => {
    it("finds the pack's message after the policy description the engine puts first", () => {
        const written = message([app([CERTS_OFF])]);
        assert.strictEqual(violationText(`${REQUIRE_CLIENT_CERTIFICATES_DESCRIPTION}\n${written}\n`), written);
    });

    it("tells a resource with only findings it cannot verify from one with a definite finding, at the top level or inside a template", () => {
        assert.strictEqual(onlyUnverifiableFindings(message([app([MODE_UNVERIFIABLE])])), true);
        assert.strictEqual(
            onlyUnverifiableFindings(message([app([MODE_UNVERIFIABLE], 'Microsoft.Web/sites "a" at resources[0]')])),
            true,
        );
        assert.strictEqual(onlyUnverifiableFindings(message([app([CERTS_OFF, MODE_UNVERIFIABLE])])), false);
        assert.strictEqual(
            onlyUnverifiableFindings(message([app([MODE_UNVERIFIABLE], "a"), app([CERTS_OFF], "b")])),
            false,
        );
    });

    it("leaves settings unknown at preview aside: they are checked at the update", () => {
        const unknownToo: AppVerdict = {
            assessment: { findings: [MODE_UNVERIFIABLE], unknownSettings: ["exclusionPaths"] },
        };
        assert.strictEqual(onlyUnverifiableFindings(message([unknownToo])), true);
    });

    it("reads back the expired-exemption line and the count of apps not listed", () => {
        const cited = { exemption: { resource: "site", reason: "migration\nstep 2", expires: "2026-01-31" }, index: 3 };
        assert.strictEqual(findExpiredExemptionLine(message([app([CERTS_OFF])], cited)), expiredExemptionLine(cited));
        const many = message(Array.from({ length: 1234 }, (_, i) => app([CERTS_OFF], `site ${i}`)));
        assert.strictEqual((many.match(/^- site \d+:$/gm)?.length ?? 0) + unlistedCount(many), 1234);
        assert.strictEqual(unlistedCount(message([app([CERTS_OFF])])), 0);
    });
});

describe("the fix a violation message gives", () => {
    const pathsMessage = (paths: string[], allowed: string[], createdBySecureWebApp: boolean) =>
        violationMessage({
            type: "azure-native:web:WebApp",
            name: "payments",
            family: azureNativeWebApp,
            verdicts: [
                {
                    assessment: {
                        findings: [{ setting: "exclusionPaths", found: paths.join(","), disallowedPaths: paths }],
                        unknownSettings: [],
                    },
                },
            ],
            allowedExclusionPaths: allowed,
            createdBySecureWebApp,
        });

    it("for SecureWebApp's own exclusion path under the default config: names the path missing from allowedExclusionPaths and both fixes, blaming no transform", () => {
        const written = pathsMessage(["/health"], [], true);
        assert.match(
            written,
            /Fix: "\/health" is not in the policy config's allowedExclusionPaths \(now: none, the default\)\. Either allow it: add it to "allowedExclusionPaths" of "webapp-require-client-certificates" in the file given to --policy-pack-config .*; or remove it from clientCertExclusionPaths in the SecureWebApp's arguments/,
        );
        assert.doesNotMatch(written, /changed that afterwards|stack transform/);
    });

    it("for a plain app's paths: the one never allowed is to be removed, the other allowed or removed", () => {
        const written = pathsMessage(["/", "/hooks"], ["/health"], false);
        assert.match(
            written,
            /Fix: remove "\/" from clientCertExclusionPaths in the resource's arguments in your program \("\/" is never allowed: it turns client certificates off for the whole site; the config cannot allow it\)\. And "\/hooks" is not in the policy config's allowedExclusionPaths \(now: "\/health"\)\. Either allow it: .*; or remove it from clientCertExclusionPaths/,
        );
        assert.doesNotMatch(written, /Either allow it: add "\/"|"\/", "\/hooks" are not/);
    });

    it("for SecureWebApp's child whose certificates were turned off: still points at the change made after the component", () => {
        const written = violationMessage({
            type: "azure-native:web:WebApp",
            name: "payments",
            family: azureNativeWebApp,
            verdicts: [app([CERTS_OFF, { setting: "exclusionPaths", found: "/health", disallowedPaths: ["/health"] }])],
            allowedExclusionPaths: [],
            createdBySecureWebApp: true,
        });
        assert.match(written, /something in the program changed that afterwards \(a stack transform, say\)/);
    });
});
