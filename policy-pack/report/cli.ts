#!/usr/bin/env node
// secure-webapp-report: reads the engine's JSON event stream of a run with the azure-secure-webapp policy pack and
// writes SARIF, JUnit XML and a Markdown summary; the summary is always printed. Exit codes: 0 when no resource has
// a verdict listed in --fail-on, 1 when one has, 2 when the input cannot be trusted (see ReportInputError).
import * as fs from "fs";
import { parseArgs } from "util";
import { readEngineEvents } from "./engineEvents";
import { ReportInputError } from "./inputError";
import { toJUnit } from "./junit";
import { toMarkdown } from "./markdown";
import { toSarif } from "./sarif";
import { readPolicyConfig } from "./policyConfig";
import { RunEnvironment } from "./runEnvironment";
import { gitRevision, pulumiCliVersion } from "./runRecord";
import { readStackState } from "./stackState";
import { buildReport, Verdict, VERDICTS } from "./verdicts";

const USAGE = `Usage: secure-webapp-report [EVENTS] [options]

Reads the JSON engine events of a Pulumi run with the azure-secure-webapp policy pack from the file EVENTS (or
standard input when EVENTS is absent or "-"), prints a compliance summary of every App Service resource, and writes:
  --sarif FILE         SARIF 2.1.0 for code scanning
  --junit FILE         JUnit XML, one test case per App Service resource
  --markdown FILE      the summary, as Markdown
  --state FILE         \`pulumi stack export\` or \`pulumi preview --json\` output (without the streaming variable):
                       where each resource was declared; needed for \`pulumi policy analyze\` streams
  --project-dir DIR    the Pulumi project's folder relative to the repository root (default "."), for file paths
  --policy-config FILE the policy config the run used (the file given to --policy-pack-config, or the policy
                       group's config): recorded with its digest, and used to explain verdicts
  --pulumi-cli PATH    the Pulumi CLI that ran, asked for its version for the record (default "pulumi" on PATH)
  --fail-on VERDICTS   comma-separated verdicts that make the exit code 1 (default "violating,unverifiable";
                       "none" never fails); verdicts: ${VERDICTS.join(", ")}

Example:
  PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1 pulumi preview --policy-pack <pack> --json \\
    | npx secure-webapp-report --sarif results.sarif --junit results.xml

Exit code: 0 no resource has a --fail-on verdict; 1 one has; 2 the stream is empty, cut short, garbled, or from a run
without the pack (or the arguments are wrong).`;

const DEFAULT_FAIL_ON: readonly Verdict[] = ["violating", "unverifiable"];

/** Runs the command; returns its exit code. Exported for the tests. */
export async function main(
    argv: readonly string[],
    stdin: () => Promise<string>,
    out: (text: string) => void,
    err: (text: string) => void,
): Promise<number> {
    try {
        const { values, positionals } = parseArgs({
            args: [...argv],
            allowPositionals: true,
            options: {
                sarif: { type: "string" },
                junit: { type: "string" },
                markdown: { type: "string" },
                state: { type: "string" },
                "project-dir": { type: "string", default: "." },
                "policy-config": { type: "string" },
                "pulumi-cli": { type: "string", default: "pulumi" },
                "fail-on": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        });
        if (values.help) {
            out(USAGE + "\n");
            return 0;
        }
        if (positionals.length > 1) {
            throw new ReportInputError(`give one event stream, not ${positionals.length} (${positionals.join(", ")})`);
        }
        const failOn = parseFailOn(values["fail-on"]);
        const file = positionals[0] ?? "-";
        const source = file === "-" ? "standard input" : file;
        const { events, previewDigest } = readEngineEvents(
            file === "-" ? await stdin() : readText(file, "event stream"),
            source,
        );
        const state =
            values.state !== undefined
                ? readStackState(readText(values.state, "--state file"), values.state)
                : previewDigest !== undefined
                  ? readStackState(previewDigest, `the preview digest in ${source}`)
                  : undefined;
        const projectDir = values["project-dir"] ?? ".";
        const policyConfig =
            values["policy-config"] === undefined
                ? undefined
                : readPolicyConfig(readBytes(values["policy-config"], "--policy-config file"), values["policy-config"]);
        const environment: RunEnvironment = {
            pulumiCli: pulumiCliVersion(values["pulumi-cli"] ?? "pulumi"),
            ...(policyConfig === undefined ? {} : { policyConfig }),
            git: gitRevision(process.cwd()),
            reportedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
        const report = buildReport(events, { source, state, projectDir, environment });

        const summary = toMarkdown(report);
        if (values.sarif) {
            fs.writeFileSync(values.sarif, JSON.stringify(toSarif(report, projectDir), null, 2) + "\n");
        }
        if (values.junit) {
            fs.writeFileSync(values.junit, toJUnit(report));
        }
        if (values.markdown) {
            fs.writeFileSync(values.markdown, summary);
        }
        out(summary);
        // A baseline rule's advisory findings (managed identity, HTTP/2 by default) are reported, never gated on.
        const failing = [
            ...report.resources.filter(r => failOn.includes(r.verdict)).map(r => `${r.name} (${r.verdict})`),
            ...(report.baseline ?? []).flatMap(rule =>
                rule.resources
                    .filter(r => failOn.includes(r.verdict) && r.enforcementLevel !== "advisory")
                    .map(r => `${r.name} (${r.verdict}: ${rule.policy})`),
            ),
        ];
        if (failing.length > 0) {
            err(
                `secure-webapp-report: ${failing.length} App Service resource(s) ${failOn.join(" or ")}: ` +
                    `${failing.join(", ")}\n`,
            );
            return 1;
        }
        return 0;
    } catch (error) {
        if (error instanceof ReportInputError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
            err(`secure-webapp-report: ${(error as Error).message}\n\n${USAGE}\n`);
        } else {
            // Never mistaken for a clean report, nor for exit code 1 (failing verdicts).
            err(`secure-webapp-report: could not produce a report: ${(error as Error).stack ?? String(error)}\n`);
        }
        return 2;
    }
}

function parseFailOn(value: string | undefined): readonly Verdict[] {
    if (value === undefined) {
        return DEFAULT_FAIL_ON;
    }
    if (value === "none") {
        return [];
    }
    const verdicts = value.split(",").map(v => v.trim());
    const unknown = verdicts.filter(v => !(VERDICTS as readonly string[]).includes(v));
    if (unknown.length > 0) {
        throw new ReportInputError(
            `--fail-on ${JSON.stringify(value)} names no verdict ${unknown.map(v => JSON.stringify(v)).join(", ")}; ` +
                `use a comma-separated list of ${VERDICTS.join(", ")}, or "none"`,
        );
    }
    return verdicts as Verdict[];
}

function readText(file: string, what: string): string {
    return readBytes(file, what).toString("utf8");
}

function readBytes(file: string, what: string): Buffer {
    try {
        return fs.readFileSync(file);
    } catch (error) {
        throw new ReportInputError(`cannot read the ${what} ${file}: ${(error as Error).message}`);
    }
}

/** All of standard input (read as a stream: a pipe from another process may be non-blocking). */
async function readStdin(): Promise<string> {
    if (process.stdin.isTTY) {
        throw new ReportInputError("no event stream: pipe the output of `pulumi preview --json` in, or name a file");
    }
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

if (require.main === module) {
    main(
        process.argv.slice(2),
        readStdin,
        text => process.stdout.write(text),
        text => process.stderr.write(text),
    ).then(code => (process.exitCode = code));
}
