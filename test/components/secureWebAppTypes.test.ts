// TypeScript refuses a weakened certificate setting at compile time: the argument types admit only the secure
// value. The fixture marks each refused line with `@ts-expect-error`, so it compiles cleanly only while every one
// of those lines is an error.
import * as assert from "assert";
import * as path from "path";
import * as ts from "typescript";

const FIXTURE = path.join(__dirname, "typeFixtures", "certificateSettings.ts");

function diagnostics(file: string): string[] {
    const program = ts.createProgram([file], {
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

    it("refuse clientCertMode Optional, clientCertEnabled false and httpsOnly false (also as Outputs and in slots) at compile time, and accept the secure values", () => {
        // Every @ts-expect-error is used (an unused one is error TS2578), and nothing else is an error.
        assert.deepStrictEqual(diagnostics(FIXTURE), []);
    });
});
