// TypeScript refuses a weakened certificate or App Service baseline setting at compile time: the argument types admit
// only the secure values. The fixtures mark each refused line with `@ts-expect-error`, so they compile cleanly only
// while every one of those lines is an error.
import * as assert from "assert";
import * as path from "path";
import * as ts from "typescript";

const FIXTURES = path.join(__dirname, "typeFixtures");

function diagnostics(...files: string[]): string[] {
    const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
    });
    return ts.getPreEmitDiagnostics(program).map(d => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${path.basename(d.file?.fileName ?? "")}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
}

describe("SecureWebApp's argument types", function () {
    this.timeout(120000);

    // Both fixtures in one compilation: the type checker starts once.
    let errors: string[];
    before(() => {
        errors = diagnostics(...["certificateSettings.ts", "baselineSettings.ts"].map(f => path.join(FIXTURES, f)));
    });

    it("refuse clientCertMode Optional, clientCertEnabled false and httpsOnly false (also as Outputs and in slots) at compile time, and accept the secure values", () => {
        // Every @ts-expect-error is used (an unused one is error TS2578), and nothing else is an error.
        assert.deepStrictEqual(
            errors.filter(e => e.startsWith("certificateSettings.ts")),
            [],
        );
    });

    it("refuse minimum TLS 1.0 and 1.1, FTP AllAllowed and remote debugging (also as Outputs and in slots) at compile time, and accept TLS 1.3, FTPS only and HTTP/2 or an identity turned off", () => {
        assert.deepStrictEqual(
            errors.filter(e => e.startsWith("baselineSettings.ts")),
            [],
        );
    });

    it("report nothing outside the fixtures", () => {
        assert.deepStrictEqual(
            errors.filter(e => !/^(certificate|baseline)Settings\.ts:/.test(e)),
            [],
        );
    });
});
