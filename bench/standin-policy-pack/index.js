"use strict";
// The benchmark's floor (bench/floor.ts): what any pack with azure-secure-webapp's eleven resource policies and its
// diagnostics costs, before judging anything. It reports on the benchmark's WebApps (bench/webApps.ts) as many
// diagnostics as the pack does, of the pack's sizes (description and message lengths of its client-certificate,
// public-network-access and HTTP/2 diagnostics on that workload), from checks of a property or two; the other
// eight policies do nothing. It decodes each request's properties once, with the pack's own hook
// (policy-pack/sdkInternals.ts), as the pack does: without it the SDK decodes them once per policy.
Object.defineProperty(exports, "__esModule", { value: true });
const fs = require("fs");
const path = require("path");
const policy_1 = require("@pulumi/policy");

// Staged beside a link to policy-pack/node_modules, whose folder holds the pack's compiled bin/.
const packBin = path.join(path.dirname(fs.realpathSync(path.join(__dirname, "node_modules"))), "bin");
const internals = require(path.join(packBin, "sdkInternals"));

/** Text of `length` characters, for a description or message of the pack's size. */
const text = (words, length) => (words + " ").repeat(Math.ceil(length / (words.length + 1))).slice(0, length);

const policy = (name, enforcementLevel, descriptionLength, validateResource) => ({
    name,
    description: text(name, descriptionLength),
    enforcementLevel,
    validateResource,
});
// The pack's message is its description, a newline and its own lines; the SDK adds the description itself.
const CLIENT_CERTIFICATES = text("client certificates are not required", 911 - 188 - 1);
const PUBLIC_NETWORK_ACCESS = text("public network access is not disabled", 548 - 123 - 1);
const HTTP2 = text("HTTP/2 is off", 580 - 85 - 1);

const policies = [
    policy("client-certificates", "mandatory", 188, ({ props, name }, report) => {
        const paths = String(props.clientCertExclusionPaths ?? "");
        const mode = props.clientCertMode;
        if (props.clientCertEnabled !== true || (mode !== undefined && mode !== "Required") || paths.includes(",/")) {
            report(`${CLIENT_CERTIFICATES} ${name}`);
        }
    }),
    policy("public-network-access", "advisory", 123, ({ props, name }, report) => {
        if (props.publicNetworkAccess !== "Disabled") {
            report(`${PUBLIC_NETWORK_ACCESS} ${name}`);
        }
    }),
    // Not asked where exclusion paths or the interactive mode need TLS renegotiation, as the pack's rule.
    policy("http2", "advisory", 85, ({ props, name }, report) => {
        const renegotiates =
            props.clientCertExclusionPaths !== undefined || props.clientCertMode === "OptionalInteractiveUser";
        if (props.siteConfig?.http20Enabled !== true && !renegotiates) {
            report(`${HTTP2} ${name}`);
        }
    }),
];
for (let i = policies.length; i < 11; i++) {
    policies.push(policy(`judges-nothing-${i}`, "mandatory", 100, () => {}));
}

const hooks = internals.hookAnalyzerServer({
    analyze: analyze => (call, callback) => {
        internals.decodePropertiesOnce(call.request.getProperties());
        analyze(call, callback);
    },
});
new policy_1.PolicyPack("standin-policy-pack", { policies });
hooks.confirm();
