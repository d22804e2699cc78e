// The example policy config and the configs that must be refused, checked with a real JSON Schema validator (ajv)
// against the exact schemas the pack exports, and against the pack's own checks, which must agree with them.
import * as assert from "assert";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import {
    baselineConfigSchema,
    checkPackConfig,
    configSchema,
    ENFORCEMENT_LEVEL_ONLY_SCHEMA,
    engineConfigSchema,
    exemptionsPolicyConfigSchema,
    PolicyConfigError,
    readConfig,
    StrictPolicyConfigSchema,
} from "../../policy-pack/config";
import {
    CLIENT_CERTIFICATE_EXEMPTIONS,
    RENEGOTIATION_IN_STACK,
    REQUIRE_CLIENT_CERTIFICATES,
} from "../../policy-pack/policyNames";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import { sweep } from "../sweep";

const EXAMPLE_FILE = path.join(__dirname, "../../policy-pack/policy-config.example.json");

const ajv = addFormats(new Ajv({ allErrors: true, strict: true }));
/** Each policy's config schema, as the pack declares it. */
const schemas = new Map<string, StrictPolicyConfigSchema>([
    [REQUIRE_CLIENT_CERTIFICATES, configSchema],
    [CLIENT_CERTIFICATE_EXEMPTIONS, exemptionsPolicyConfigSchema],
    [RENEGOTIATION_IN_STACK, ENFORCEMENT_LEVEL_ONLY_SCHEMA],
    ...BASELINE_RULES.map(rule => [rule.name, baselineConfigSchema(rule)] as const),
    ...BASELINE_RULES.flatMap(rule =>
        rule.stackPart === undefined ? [] : [[rule.stackPart, ENFORCEMENT_LEVEL_ONLY_SCHEMA] as const],
    ),
]);
const validators = new Map([...schemas].map(([policy, schema]) => [policy, ajv.compile(schema)]));
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

/** ajv's verdict on one policy's config as the engine validates it: without `enforcementLevel`, which it checks itself. */
function ajvErrors(policy: string, config: Record<string, unknown>): string[] {
    const { enforcementLevel, ...properties } = config;
    const validate = validators.get(policy)!;
    const levelErrors =
        enforcementLevel === undefined || LEVELS.includes(enforcementLevel as string)
            ? []
            : [`enforcementLevel ${enforcementLevel}`];
    return validate(properties)
        ? levelErrors
        : [...levelErrors, ...validate.errors!.map(e => `${e.instancePath} ${e.message}`)];
}

/** The pack's verdict: the problems `checkPackConfig` lists, none when it accepts. */
function packProblems(file: Record<string, Record<string, unknown>>): string[] {
    try {
        checkPackConfig(file);
        return [];
    } catch (e) {
        assert.ok(e instanceof PolicyConfigError, String(e));
        return e.problems;
    }
}

describe("policy-pack/policy-config.example.json", () => {
    const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, "utf8")) as Record<string, Record<string, unknown>>;

    it("configures every policy of the pack and nothing else", () => {
        assert.deepStrictEqual(Object.keys(example).sort(), [...validators.keys()].sort());
    });

    it("is valid against each policy's configSchema (ajv), every schema key set", () => {
        for (const [policy, config] of Object.entries(example)) {
            assert.deepStrictEqual(ajvErrors(policy, config), [], policy);
            const { enforcementLevel, ...properties } = config;
            const schema = schemas.get(policy)!;
            assert.deepStrictEqual(
                Object.keys(properties).sort(),
                Object.keys(schema.properties).sort(),
                `${policy} shows every key`,
            );
        }
    });

    it("is accepted by the pack's own checks and read back unchanged", () => {
        assert.deepStrictEqual(packProblems(example), []);
        const { enforcementLevel, ...properties } = example[REQUIRE_CLIENT_CERTIFICATES];
        assert.deepStrictEqual(readConfig(properties), properties);
    });

    it("is the config the pack README shows", () => {
        const readme = fs.readFileSync(path.join(__dirname, "../../policy-pack/README.md"), "utf8");
        const shown = /```json\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("policy-config.example.json")))!;
        assert.deepStrictEqual(JSON.parse(shown[1]), example);
    });
});

/** `text` as a regular expression that matches it literally. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("configs that must be refused", () => {
    const main = (config: Record<string, unknown>) => ({ [REQUIRE_CLIENT_CERTIFICATES]: config });
    const expiring = (expires: unknown) => main({ exemptions: [{ resource: "gw", reason: "proxy", expires }] });
    const refused: [string, Record<string, Record<string, unknown>>, RegExp][] = [
        [
            "a misspelt key",
            main({ allowedExclusionPath: ["/health"] }),
            /^webapp-require-client-certificates\.allowedExclusionPath is \["\/health"\] \(an array\): not a key of this policy's config, so it would be ignored\. Fix: did you mean "allowedExclusionPaths"\?/,
        ],
        [
            "/ as an allowed exclusion path",
            main({ allowedExclusionPaths: ["/health", "/"] }),
            /^webapp-require-client-certificates\.allowedExclusionPaths\[1\] is "\/": "\/" is never allowed: it turns client certificates off for the whole site\. Fix: list only the paths/,
        ],
        ...["//", "/.", "/..", "/./", "/health/..", " // "].map(
            (path): [string, Record<string, Record<string, unknown>>, RegExp] => [
                `${JSON.stringify(path)}, which amounts to /, as an allowed exclusion path`,
                main({ allowedExclusionPaths: [path] }),
                new RegExp(
                    `^webapp-require-client-certificates\\.allowedExclusionPaths\\[0\\] is ${escaped(JSON.stringify(path))}: ` +
                        `${escaped(JSON.stringify(path))} amounts to "/", which turns client certificates off for the whole site\\. Fix: list only the paths`,
                ),
            ],
        ),
        [
            "a wildcard in an allowed exclusion path",
            main({ allowedExclusionPaths: ["/*"] }),
            /allowedExclusionPaths\[0\] is "\/\*": entries must be literal path prefixes without wildcards/,
        ],
        [
            "a backslash as an allowed exclusion path",
            main({ allowedExclusionPaths: ["\\"] }),
            /allowedExclusionPaths\[0\] is "\\\\": entries must be plain paths without percent-encoding or a backslash/,
        ],
        [
            "an encoded / in an allowed exclusion path",
            main({ allowedExclusionPaths: ["/%2F"] }),
            /allowedExclusionPaths\[0\] is "\/%2F": entries must be plain paths without percent-encoding/,
        ],
        [
            "a letter beyond ASCII in an allowed exclusion path",
            main({ allowedExclusionPaths: ["/caf\u00e9"] }),
            /allowedExclusionPaths\[0\] is "\/café": entries must be printable ASCII/,
        ],
        [
            "an allowed exclusion path that is not normalised",
            main({ allowedExclusionPaths: ["/hooks//github"] }),
            /allowedExclusionPaths\[0\] is "\/hooks\/\/github": entries must be normalised paths.* stands for "\/hooks\/github"\. Fix: write it as "\/hooks\/github"\.$/,
        ],
        [
            "an allowed exclusion path without its leading /",
            main({ allowedExclusionPaths: ["health"] }),
            /allowedExclusionPaths\[0\] is "health": every entry must start with "\/".*Fix: write it as "\/health"\.$/,
        ],
        [
            "two prefixes in one entry",
            main({ allowedExclusionPaths: ["/health;/admin"] }),
            /allowedExclusionPaths\[0\] is "\/health;\/admin": an entry must be one path prefix.*Fix: list each path prefix as its own entry/,
        ],
        [
            "a prefix with blanks",
            main({ allowedExclusionPaths: [" /health"] }),
            /allowedExclusionPaths\[0\] is " \/health": entries must not start or end with a space.*Fix: remove the space: write it as "\/health"\.$/,
        ],
        [
            "a whole kind as an excluded kind",
            main({ excludedKinds: ["functionapp,linux"] }),
            /excludedKinds\[0\] is "functionapp,linux": an app's kind is split at "," and each entry is compared with one token, so an entry with "," never matches\. Fix: list each kind token as its own entry, e\.g\. "functionapp"; mind that an entry excludes every app whose kind has that token, so "linux" alone would exclude every Linux app\.$/,
        ],
        [
            "an excluded kind with a blank inside",
            main({ excludedKinds: ["function app"] }),
            /excludedKinds\[0\] is "function app": a kind token is printable ASCII without blanks.*never matches\. Fix: list each kind token as its own entry/,
        ],
        [
            "an excluded kind with blanks around it",
            main({ excludedKinds: [" functionapp"] }),
            /excludedKinds\[0\] is " functionapp": blanks around a kind token are not part of it\. Fix: write it as "functionapp"\.$/,
        ],
        [
            "an exemption type that is not a type token",
            main({ exemptions: [{ resource: "gw", type: "WebApp", reason: "r" }] }),
            /exemptions\[0\]\.type is "WebApp": not a type the rule checks, so the exemption would never apply\. Fix: Write the type token the preview shows/,
        ],
        [
            "a day February does not have",
            expiring("2027-02-30"),
            /^webapp-require-client-certificates\.exemptions\[0\]\.expires is "2027-02-30": not a calendar date written YYYY-MM-DD\. Fix: write the exemption's last day as YYYY-MM-DD/,
        ],
        [
            "a date with trailing text",
            expiring("2027-12-31junk"),
            /exemptions\[0\]\.expires is "2027-12-31junk": not a calendar date/,
        ],
        [
            "a date with a time",
            expiring("2027-12-31T00:00"),
            /exemptions\[0\]\.expires is "2027-12-31T00:00": not a calendar date/,
        ],
        ["month 13, day 45", expiring("2026-13-45"), /exemptions\[0\]\.expires is "2026-13-45": not a calendar date/],
        [
            "a date as a number",
            expiring(20271231),
            /exemptions\[0\]\.expires is 20271231 \(a number\): not a calendar date/,
        ],
        [
            "an exemption without a reason",
            main({ exemptions: [{ resource: "gw" }] }),
            /exemptions\[0\]\.reason is not set: missing, blank or not text\. Fix: say why/,
        ],
        [
            "an exemption with a misspelt key",
            main({ exemptions: [{ resource: "gw", reason: "r", expiry: "2027-12-31" }] }),
            /exemptions\[0\]\.expiry is "2027-12-31": not a key of an exemption, so it would be ignored\. Fix: did you mean "expires"\?/,
        ],
        [
            "excluded kinds as one string",
            main({ excludedKinds: "functionapp" }),
            /excludedKinds is "functionapp": not a list/,
        ],
        [
            "a negative warning window",
            { [CLIENT_CERTIFICATE_EXEMPTIONS]: { exemptionWarningDays: -1 } },
            /exemptionWarningDays is -1 \(a number\): not a whole number of days/,
        ],
        [
            "a warning window in words",
            { [CLIENT_CERTIFICATE_EXEMPTIONS]: { exemptionWarningDays: "30" } },
            /exemptionWarningDays is "30": not a whole number of days/,
        ],
    ];

    for (const [what, file, problem] of refused) {
        it(`refuses ${what}: ajv against configSchema, and the pack with the key path, value and fix`, () => {
            const [[policy, config]] = Object.entries(file);
            assert.notDeepStrictEqual(ajvErrors(policy, config), [], "ajv accepted it");
            const problems = packProblems(file);
            assert.strictEqual(problems.length, 1, problems.join("\n"));
            assert.match(problems[0], problem);
        });
    }

    it("refuses a misspelt policy name, which no policy's schema can see", () => {
        const problems = packProblems({ "webapp-require-client-certificate": { enforcementLevel: "advisory" } });
        assert.deepStrictEqual(problems, [
            'webapp-require-client-certificate is {"enforcementLevel":"advisory"} (an object): ' +
                'not a policy of azure-secure-webapp, so it would be ignored. Fix: did you mean "webapp-require-client-certificates"? ' +
                'The names are "webapp-require-client-certificates", "webapp-client-certificate-exemptions", ' +
                '"webapp-https-only", "webapp-minimum-tls-version", "webapp-ftp-deployments-disabled", ' +
                '"webapp-basic-auth-publishing-disabled", "webapp-remote-debugging-off", "webapp-managed-identity", ' +
                '"webapp-http2", "webapp-authentication", "webapp-public-network-access-disabled", ' +
                '"webapp-client-certificates-renegotiation-in-stack", "webapp-ftp-deployments-in-stack", ' +
                '"webapp-basic-auth-publishing-in-stack", "webapp-http2-in-stack", ' +
                '"webapp-authentication-in-stack", "all".',
        ]);
    });

    it("refuses settings under all, which the engine uses only for the enforcement level", () => {
        assert.deepStrictEqual(
            packProblems({ all: { enforcementLevel: "advisory", allowedExclusionPaths: ["/health"] } }),
            [
                'all.allowedExclusionPaths is ["/health"] (an array): "all" sets only the enforcement level of every policy, so this would be ignored. ' +
                    "Fix: set it under the policy it belongs to.",
            ],
        );
        assert.deepStrictEqual(packProblems({ all: { enforcementLevel: "advisory" } }), []);
    });

    it("refuses an exemption type the rule does not check, which only the pack knows, suggesting the nearest", () => {
        const file = main({ exemptions: [{ resource: "gw", type: "azure-native:web:Webapp", reason: "r" }] });
        assert.deepStrictEqual(ajvErrors(REQUIRE_CLIENT_CERTIFICATES, file[REQUIRE_CLIENT_CERTIFICATES]), []);
        assert.deepStrictEqual(packProblems(file), [
            'webapp-require-client-certificates.exemptions[0].type is "azure-native:web:Webapp": ' +
                'not a type the rule checks, so the exemption would never apply. Fix: did you mean "azure-native:web:WebApp"? ' +
                'Write the type token the preview shows for the resource, e.g. "azure-native:web:WebApp".',
        ]);
    });

    it("refuses a type beside a URN, which names its type already", () => {
        const urn = "urn:pulumi:prod::shop::azure-native:web:WebApp::gw";
        assert.match(
            packProblems(
                main({ exemptions: [{ resource: urn, type: "azure-native:web:WebAppSlot", reason: "r" }] }),
            )[0],
            /exemptions\[0\]\.type is "azure-native:web:WebAppSlot": a URN in "resource" names the resource's type already\. Fix: remove "type"/,
        );
    });

    it("lists every problem of a file at once", () => {
        const problems = packProblems({
            ...main({
                allowedExclusionPaths: ["/"],
                exemptions: [{ resource: "gw", reason: "r", expires: "2027-02-30" }],
            }),
            typo: {},
        });
        assert.strictEqual(problems.length, 3, problems.join("\n"));
    });
});

describe("the pack's config checks and the JSON schema", () => {
    const entry = fc.record(
        {
            resource: fc.constantFrom("gw", "", "  ", 7),
            type: fc.constantFrom(
                "azure-native:web:WebApp",
                "azure-native:web/v20220901:WebAppSlot",
                "azure:appservice/linuxFunctionApp:LinuxFunctionApp",
                "WebApp",
                "azure-native:web:WebApp ",
                "azure-native::WebApp",
                7,
            ),
            reason: fc.constantFrom("proxy", "", " "),
            expires: fc.constantFrom(
                "2027-12-31",
                "2028-02-29",
                "2027-02-29",
                "2027-02-30",
                "2027-12-31junk",
                "2027-12-31T00:00",
                "2026-13-45",
                "27-1-1",
            ),
            expiry: fc.constant("2027-12-31"),
        },
        { requiredKeys: ["resource"] },
    );
    const policyConfig = fc.record(
        {
            allowedExclusionPaths: fc.array(
                fc.constantFrom(
                    "/health",
                    "/api/hooks",
                    "/.well-known/acme-challenge",
                    "/hooks/",
                    "health",
                    "/",
                    "",
                    " /x",
                    "/a;/b",
                    "/a,b",
                    "//",
                    "/.",
                    "/..",
                    "/*",
                    "\\",
                    "/%2F",
                    "/a//b",
                    "/a/../b",
                    "/caf\u00e9",
                    3,
                ),
            ),
            excludedKinds: fc.oneof(
                fc.array(
                    fc.constantFrom(
                        "functionapp",
                        "workflowapp",
                        "FunctionApp",
                        "",
                        " ",
                        "functionapp,linux",
                        "function app",
                        " linux",
                        "linux\t",
                        3,
                    ),
                ),
                fc.constant("functionapp"),
            ),
            exemptions: fc.array(entry, { maxLength: 3 }),
            allowedExclusionPath: fc.constant(["/health"]),
        },
        { requiredKeys: [] },
    );

    it("accept exactly the same configs", () => {
        fc.assert(
            fc.property(policyConfig, config => {
                const schemaAccepts = ajvErrors(REQUIRE_CLIENT_CERTIFICATES, config).length === 0;
                const packAccepts = packProblems({ [REQUIRE_CLIENT_CERTIFICATES]: config }).length === 0;
                assert.strictEqual(
                    packAccepts,
                    schemaAccepts,
                    JSON.stringify(ajvErrors(REQUIRE_CLIENT_CERTIFICATES, config)),
                );
            }),
            { numRuns: sweep(2000) },
        );
    });

    it("state the top level strictly: the schema object itself refuses unknown keys", () => {
        const strict: StrictPolicyConfigSchema[] = [configSchema, exemptionsPolicyConfigSchema];
        assert.ok(strict.every(schema => schema.type === "object" && schema.additionalProperties === false));
    });
});

describe("the schema the engine gets", () => {
    it("leaves allowedExclusionPaths entries to the pack's readable check, and differs from configSchema in nothing else", () => {
        const engineValidate = ajv.compile(engineConfigSchema);
        assert.strictEqual(
            engineValidate({ allowedExclusionPaths: ["/"] }),
            true,
            "the engine would print its pattern",
        );
        assert.match(
            packProblems({ [REQUIRE_CLIENT_CERTIFICATES]: { allowedExclusionPaths: ["/"] } })[0],
            /is "\/": "\/" is never allowed/,
        );
        const { allowedExclusionPaths: forEngine, ...restForEngine } = engineConfigSchema.properties;
        const { allowedExclusionPaths: full, ...rest } = configSchema.properties;
        assert.deepStrictEqual(restForEngine, rest);
        assert.deepStrictEqual(forEngine, { ...(full as object), items: { type: "string" } });
        assert.strictEqual(engineValidate({ allowedExclusionPaths: "/health" }), false, "a string instead of a list");
    });
});
