// `npm run pulumi:cli`: finds the Pulumi CLI (PATH, 3.229+) or builds the pinned one into .cache/, then prints
// where it is. Extra arguments run it: `npm run pulumi:cli -- version`.
import { spawnSync } from "child_process";
import { ensurePulumiCli } from "../tools/engine/cli";

ensurePulumiCli().then(
    cli => {
        console.error(`Pulumi CLI ${cli.version} (${cli.origin}): ${cli.command}`);
        const args = process.argv.slice(2);
        if (args.length > 0) {
            process.exit(spawnSync(cli.command, args, { stdio: "inherit" }).status ?? 1);
        }
        console.log(cli.command);
    },
    err => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    },
);
