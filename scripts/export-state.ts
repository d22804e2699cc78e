// `npx ts-node scripts/export-state.ts <example> > state.json`: deploys one of examples/ to a throw-away offline
// stack (real CLI and engine, the STAND-IN azure-native provider, no policy pack) and prints `pulumi stack export`,
// the state file `pulumi policy analyze --file` reads. Nothing leaves the machine; the stack is removed afterwards.
import { EXAMPLES, ExampleName } from "../examples/programs";
import { OfflineEngine } from "../tools/engine/offlineEngine";

async function main(example: string | undefined): Promise<number> {
    if (example === undefined || !(example in EXAMPLES)) {
        console.error(`Usage: npx ts-node scripts/export-state.ts <${Object.keys(EXAMPLES).join("|")}> > state.json`);
        return 2;
    }
    const engine = await OfflineEngine.start({ log: line => console.error(line) });
    try {
        const stack = await engine.stack(example, EXAMPLES[example as ExampleName].program());
        const outcome = await engine.up(stack);
        if (outcome.exitCode !== 0) {
            console.error(outcome.stdout, outcome.stderr);
            return outcome.exitCode;
        }
        console.log(JSON.stringify(await stack.exportStack(), null, 4));
        return 0;
    } finally {
        engine.dispose();
    }
}

main(process.argv[2]).then(
    code => process.exit(code),
    err => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    },
);
