"use strict";
// The benchmark's baseline: the same entry kind as the real pack (CommonJS, no compile step at start-up),
// the same SDK, and one policy that accepts every resource without reading it.
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
new policy_1.PolicyPack("noop-policy-pack", {
    policies: [
        {
            name: "noop",
            description: "Accepts every resource.",
            enforcementLevel: "mandatory",
            validateResource: () => {},
        },
    ],
});
