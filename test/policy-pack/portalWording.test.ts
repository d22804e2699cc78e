import * as assert from "assert";
import { clientCertificateSettings } from "../../components/clientCertificateSettings";
import { azureNativeWebApp } from "../../policy-pack/families/azureNative";
import { violationMessage } from "../../policy-pack/messages";
import { modeNamed, PORTAL_MODE, PortalNamedMode, portalNote } from "../../policy-pack/rule/portalWording";

/** The component's refusal of a mode, as the user reads it. */
function componentRefusal(mode: string): string {
    try {
        clientCertificateSettings("app", { clientCertMode: mode });
    } catch (e) {
        return (e as Error).message;
    }
    return assert.fail(`the component accepted clientCertMode ${mode}`);
}

function packViolation(mode: string): string {
    return violationMessage({
        type: "azure-native:web:WebApp",
        name: "app",
        family: azureNativeWebApp,
        allowedExclusionPaths: [],
        verdicts: [{ assessment: { findings: [{ setting: "mode", found: mode }], unknownSettings: [] } }],
    });
}

describe("the portal's words for client certificate modes", () => {
    it("are the same in the component's refusal and in the pack's violation, for every mode that is refused", () => {
        for (const mode of Object.keys(PORTAL_MODE).filter(m => m !== "Required") as PortalNamedMode[]) {
            for (const message of [componentRefusal(mode), packViolation(mode)]) {
                assert.ok(message.includes(`"${mode}"${portalNote(mode)}`), message);
                assert.ok(message.includes(`"Required"${portalNote("Required")}`), message);
            }
        }
    });

    it("read back as the API mode they name, in any letter case, and name nothing else", () => {
        assert.strictEqual(modeNamed("allow"), "Optional");
        assert.strictEqual(modeNamed("REQUIRE"), "Required");
        assert.strictEqual(modeNamed("optionalinteractiveuser"), "OptionalInteractiveUser");
        for (const other of ["Ignore", "__proto__", "constructor", ""]) {
            assert.strictEqual(modeNamed(other), undefined, other);
            assert.strictEqual(portalNote(other), "", other);
        }
    });
});
