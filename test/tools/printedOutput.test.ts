// What the demo and the scan print of a preview: the engine's notices about this engine's own plugins left out,
// with the warning counts and Diagnostics headers that only they filled; everything else as the CLI printed it.
import * as assert from "assert";
import { filteredOutputWriter } from "../../tools/engine/printedOutput";

const OWN = "/tmp/secure-webapp-engine-1/standin-azure-native/bin";
const notice = (plugin: string, dir = OWN) => `warning: using ${plugin} from $PATH at ${dir}/${plugin}`;
const isOwn = (line: string) => line.includes(`from $PATH at ${OWN}/`);

function printed(chunks: string[]): string[] {
    const lines: string[] = [];
    const writer = filteredOutputWriter(isOwn, line => lines.push(line));
    chunks.forEach(chunk => writer.write(chunk));
    writer.flush();
    return lines;
}

describe("the engine's output as the demo and the scan print it", () => {
    it("leaves out the own-plugin notices, the Diagnostics block they alone filled and the warning they counted", () => {
        const preview = [
            "Previewing update (dev):",
            ` +  pulumi:pulumi:Stack app-dev create warning: ${notice("pulumi-resource-azure-native")}`,
            " +  azure-native:web:WebApp api create ",
            " +  pulumi:pulumi:Stack app-dev create 1 warning",
            "Policies:",
            "    ✅ azure-secure-webapp@v0.1.0 (local: tools/policy-pack-launcher/azure-secure-webapp)",
            "",
            "Diagnostics:",
            "  pulumi:pulumi:Stack (app-dev):",
            `    ${notice("pulumi-resource-azure-native")}`,
            "",
            "Outputs:",
            "    url: [unknown]",
        ].join("\n");
        // Chunks cut mid-line, as the CLI's output arrives.
        assert.deepStrictEqual(printed([preview.slice(0, 100), preview.slice(100, 333), preview.slice(333)]), [
            "Previewing update (dev):",
            " +  azure-native:web:WebApp api create ",
            " +  pulumi:pulumi:Stack app-dev create",
            "Policies:",
            "    ✅ azure-secure-webapp@v0.1.0 (local: tools/policy-pack-launcher/azure-secure-webapp)",
            "",
            "Outputs:",
            "    url: [unknown]",
        ]);
    });

    it("keeps errors, other warnings and a plugin found elsewhere on PATH, and drops the warning count that counted the notices", () => {
        const elsewhere = notice("pulumi-resource-random", "/usr/local/bin");
        assert.deepStrictEqual(
            printed([
                [
                    ` +  pulumi:pulumi:Stack app-dev create warning: ${notice("pulumi-resource-azure-native")}`,
                    " +  pulumi:pulumi:Stack app-dev create 1 error; 2 warnings",
                    "Diagnostics:",
                    "  pulumi:pulumi:Stack (app-dev):",
                    `    ${notice("pulumi-resource-azure-native")}`,
                    `    ${elsewhere}`,
                    "    error: preview failed",
                    "",
                ].join("\n"),
            ]),
            [
                " +  pulumi:pulumi:Stack app-dev create 1 error",
                "Diagnostics:",
                "  pulumi:pulumi:Stack (app-dev):",
                `    ${elsewhere}`,
                "    error: preview failed",
            ],
        );
    });

    it("prints no colour codes (the YAML host colours its diagnostics whatever the CLI is told)", () => {
        assert.deepStrictEqual(
            printed([
                "\u001b[31mError\u001b[0m: not assignable\n  22:  clientCertMode: \u001b[1;4mOptional\u001b[0m\n",
            ]),
            ["Error: not assignable", "  22:  clientCertMode: Optional"],
        );
    });

    it("reads the YAML host's Diagnostics block, whose notices come in groups split by blank lines, down to its error", () => {
        assert.deepStrictEqual(
            printed([
                [
                    "    ✅ azure-secure-webapp@v0.1.0",
                    "",
                    "Diagnostics:",
                    "  pulumi:pulumi:Stack (yaml-dev):",
                    `    ${notice("pulumi-language-yaml")}`,
                    "",
                    `    ${notice("pulumi-resource-azure-native")}`,
                    "    Error: secure-webapp:index:SecureWebApp is not assignable",
                    "      on Pulumi.yaml line 22:",
                    "",
                    "Resources:",
                    "    + 1 to create",
                    "",
                ].join("\n"),
            ]),
            [
                "    ✅ azure-secure-webapp@v0.1.0",
                "",
                "Diagnostics:",
                "  pulumi:pulumi:Stack (yaml-dev):",
                "    Error: secure-webapp:index:SecureWebApp is not assignable",
                "      on Pulumi.yaml line 22:",
                "",
                "Resources:",
                "    + 1 to create",
            ],
        );
    });
});
