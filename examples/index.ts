// The program of examples/Pulumi.yaml: runs the example named by the stack's `example` config
// (`pulumi config set example webapp-certificates-off`), compliant-app by default.
import * as pulumi from "@pulumi/pulumi";
import { EXAMPLES, ExampleName } from "./programs";

export = async () => {
    const name = (new pulumi.Config().get("example") ?? "compliant-app") as ExampleName;
    const example = EXAMPLES[name];
    if (!example) {
        throw new Error(`config "example" is "${name}"; choose one of ${Object.keys(EXAMPLES).join(", ")}`);
    }
    return example.program()();
};
