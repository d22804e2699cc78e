// Bounded messages: whatever a program, a template or a config holds (logical names, kinds, type tokens, URNs,
// exclusion paths, template site names, values, reasons of tens of thousands of characters), every diagnostic
// the pack writes stays under 8 kB and shows the length of what it cut; the report still reads it back.
import * as assert from "assert";
import * as fc from "fast-check";
import { PolicyConfigError } from "../../policy-pack/config";
import { parseNotice } from "../../policy-pack/notices";
import { renegotiationInStack } from "../../policy-pack/policies/renegotiationInStack";
import { lengthNote, shownPath, shownText } from "../../policy-pack/shownText";
import { expiredExemptionLine, findExpiredExemptionLine } from "../../policy-pack/violationWording";
import { AZAPI, generic, SITE_ID, stackResource, stackViolations } from "./stackPolicies";
import { notices, RunOptions, validate } from "./support";

const WEB_APP = "azure-native:web:WebApp";
const DEPLOYMENT = "azure-native:resources:Deployment";

/** What users see at most in one diagnostic. */
const MAX_DIAGNOSTIC_BYTES = 8192;

const LONG = 40_000;
const long = (letter: string) => letter.repeat(LONG);
const LENGTH_SHOWN = "(40,000 characters)";

/** Every diagnostic of the rule and of the exemptions policy on one resource, and the rule's not-applicable reason. */
function diagnostics(type: string, props: Record<string, unknown>, options: RunOptions = {}): string[] {
    const rule = validate(type, props, options);
    const exemptions = notices(type, props, { ...options, noticesConfig: {} });
    return [
        ...rule.violations,
        ...(rule.notApplicable === undefined ? [] : [rule.notApplicable]),
        ...exemptions.violations,
    ];
}

function assertBounded(messages: string[], expectedCount = 1): void {
    assert.strictEqual(messages.length, expectedCount, messages.map(m => m.slice(0, 300)).join("\n"));
    for (const message of messages) {
        const bytes = Buffer.byteLength(message, "utf8");
        assert.ok(bytes < MAX_DIAGNOSTIC_BYTES, `a diagnostic of ${bytes} bytes: ${message.slice(0, 300)}`);
    }
}

describe("bounded messages: long names, kinds, types, paths and values are cut, with their length shown", () => {
    it("cuts a logical name of 40,000 characters in the violation's headline", () => {
        const messages = diagnostics(WEB_APP, { clientCertEnabled: false }, { name: long("n") });
        assertBounded(messages);
        assert.match(messages[0], /^azure-native:web:WebApp "n{200}…" \(40,000 characters\) does not require/);
    });

    it("cuts a setting's value and each exclusion path, with their lengths", () => {
        const [message] = diagnostics(WEB_APP, {
            clientCertEnabled: true,
            clientCertMode: long("m"),
            clientCertExclusionPaths: Array.from({ length: 50 }, (_, i) => `/p${i}${long("x")}`).join(";"),
        });
        assertBounded([message]);
        assert.match(message, /clientCertMode is "m{120}…" \(40,000 characters\)/);
        assert.match(message, /excludes "\/p0x{117}…" \(40,003 characters\), .* and 40 more from client certificates/);
    });

    it("cuts a template site's name in the location it lists", () => {
        const site = {
            type: "Microsoft.Web/sites",
            apiVersion: "2024-04-01",
            name: long("s"),
            properties: { clientCertEnabled: false },
        };
        const messages = diagnostics(DEPLOYMENT, {
            resourceGroupName: "rg",
            properties: { mode: "Incremental", template: { resources: [site] } },
        });
        assertBounded(messages);
        assert.match(
            messages[0],
            /^- Microsoft\.Web\/sites "s{160}… \(40,000 characters\)" at properties\.template\.resources\[0\]:$/m,
        );
    });

    it("cuts a kind and an exemption's URN and reason in the notices, which the report still reads", () => {
        const name = long("a");
        const urn = `urn:pulumi:dev::project::${WEB_APP}::${name}`;
        const kind = `functionapp,${long("k")}`;
        const exempt = diagnostics(
            WEB_APP,
            { clientCertEnabled: false },
            { name, urn, config: { exemptions: [{ resource: urn, reason: long("r") }] } },
        );
        assertBounded(exempt, 2); // the not-applicable reason and the notice
        assert.match(exempt[0], /^exempt by exemptions\[0\]: r{600}… \(40,000 characters\)$/);
        assert.deepStrictEqual(parseNotice(exempt[1]), {
            notice: "exempt",
            type: WEB_APP,
            name: `${"a".repeat(200)}…`,
            index: 0,
            reason: `${"r".repeat(600)}… ${LENGTH_SHOWN}`,
        });

        const excluded = diagnostics(
            WEB_APP,
            { kind, clientCertEnabled: false },
            { name, config: { excludedKinds: ["functionapp"] } },
        );
        assertBounded(excluded, 2);
        assert.deepStrictEqual(parseNotice(excluded[1]), {
            notice: "excluded-kind",
            type: WEB_APP,
            name: `${"a".repeat(200)}…`,
            kind: `${kind.slice(0, 200)}…`,
            token: "functionapp",
        });
    });

    it("reads back an expired exemption's line whose reason is cut", () => {
        const cited = { exemption: { resource: "web", reason: long("r"), expires: "2020-01-01" }, index: 3 };
        const line = expiredExemptionLine(cited);
        assert.ok(line.includes(`…" ${LENGTH_SHOWN}), so the rule applies again.`), line.slice(-100));
        assert.strictEqual(findExpiredExemptionLine(`headline\n${line}\n- finding`), line);
    });

    it("refuses a config of thousands of long wrong entries in one message under 8 kB that counts what it does not list", () => {
        const config = {
            allowedExclusionPaths: Array.from({ length: 1000 }, () => `no-slash${long("p")}`),
            [long("k")]: true,
        };
        let refusal: unknown;
        try {
            validate(WEB_APP, { clientCertEnabled: true }, { config });
        } catch (e) {
            refusal = e;
        }
        assert.ok(refusal instanceof PolicyConfigError, String(refusal));
        assertBounded([refusal.message]);
        assert.strictEqual(refusal.problems.length, 1001);
        assert.match(refusal.message, /"no-slashp{112}…" \(40,008 characters\)/);
        assert.match(refusal.message, /\n- and [0-9,]+ more problems$/);
    });

    it("names the first web configs of a stack that rule renegotiation out and counts the rest, for thousands of them", () => {
        // Generic Resources named alike all write the one site's `web` config: each is certainly the app's. Their
        // logical names are longer than a message shows.
        const webConfigs = Array.from({ length: 2000 }, (_, i) =>
            generic(`${i}-${"w".repeat(1000)}`, "sites/shop-web", "config", "web", {
                http20Enabled: true,
                minTlsVersion: "1.3",
            }),
        );
        const exclusionPaths = {
            clientCertEnabled: true,
            clientCertMode: "Required",
            clientCertExclusionPaths: "/health",
        };
        const app = stackResource(WEB_APP, "web", { resourceGroupName: "rg", name: "shop-web", ...exclusionPaths });
        // An AzAPI site given only by its id: its request, and so its exclusion paths, cannot be read.
        const unreadable = stackResource(AZAPI, "site", { id: SITE_ID, body: { properties: exclusionPaths } });
        const config = { allowedExclusionPaths: ["/health"] };
        for (const site of [app, unreadable]) {
            const messages = stackViolations(renegotiationInStack, [site, ...webConfigs], config).map(v => v.message);
            assertBounded(messages);
            const [message] = messages;
            const first = `azure-native:resources:Resource "0-${"w".repeat(198)}…"${lengthNote(1002)}`;
            assert.ok(
                message.includes(
                    `${first} (a Microsoft.Web/sites/config named "web" of the stack) sets properties.http20Enabled true and `,
                ),
                message,
            );
            assert.match(message, / and 3,997 more such writes[,:]/);
            assert.ok(message.includes(`properties.minTlsVersion "1.2" in ${first}; `), message);
            assert.match(
                message,
                / in azure-native:resources:Resource "2-w{198}…" \(1,002 characters\) and the same in 1,997 more web configs[,;]/,
            );
        }
    });

    it("keeps every diagnostic under 8 kB, whatever the names, kinds, values and paths (property-based)", () => {
        const text = fc.oneof(
            fc.string({ maxLength: 50 }),
            fc
                .tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 20_000 }))
                .map(([s, n]) => s.repeat(n)),
        );
        fc.assert(
            fc.property(text, text, text, text, (name, kind, mode, paths) => {
                const messages = diagnostics(
                    WEB_APP,
                    { kind, clientCertEnabled: true, clientCertMode: mode, clientCertExclusionPaths: paths },
                    { name: name || "web", config: { excludedKinds: ["functionapp"] } },
                );
                for (const message of messages) {
                    assert.ok(Buffer.byteLength(message, "utf8") < MAX_DIAGNOSTIC_BYTES, message.slice(0, 300));
                }
            }),
            { numRuns: 60 },
        );
    });

    it("shows text whole up to its limit, and cut with its length beyond it", () => {
        assert.strictEqual(shownText("a".repeat(200)), "a".repeat(200));
        assert.strictEqual(shownText("a".repeat(201)), `${"a".repeat(200)}… (201 characters)`);
        assert.strictEqual(shownPath(`${"a".repeat(300)}${"b".repeat(300)}`, 10), "aaaaa…bbbbb (600 characters)");
    });
});
