// What was run, for a report kept as evidence: the Pulumi CLI, the policy config and the source revision. The
// engine's events name the pack, its version, the stack and the time, but not these, so the report asks the
// machine it runs on, as the CI job that ran the Pulumi command would.
import { spawnSync } from "child_process";
import { PACK_NAME } from "./packFindings";
import { describeRuleConfig } from "./policyConfig";
import { GitRevision, GitWithoutCommits, RunEnvironment } from "./runEnvironment";
import { ComplianceReport, OPERATION_MEANING } from "./verdicts";

const PROBE_TIMEOUT_MS = 10_000;

/** Asks the CLI for its version; never throws (a report without it still says why). */
export function pulumiCliVersion(command: string): RunEnvironment["pulumiCli"] {
    const run = spawnSync(command, ["version"], { encoding: "utf8", timeout: PROBE_TIMEOUT_MS });
    const version = run.status === 0 ? run.stdout.trim() : "";
    if (/^v?\d+\.\d+\.\d+\S*$/.test(version)) {
        return { version };
    }
    const why = run.error
        ? ((run.error as NodeJS.ErrnoException).code ?? run.error.message)
        : `exit ${run.status}, output ${JSON.stringify(version.slice(0, 80))}`;
    return { unknown: `\`${command} version\` did not answer (${why}); give --pulumi-cli the CLI that ran` };
}

/** The git revision of the folder; undefined when it is not in a repository. */
export function gitRevision(folder: string): GitRevision | GitWithoutCommits | undefined {
    const git = (...args: string[]) => {
        const run = spawnSync("git", ["-C", folder, ...args], { encoding: "utf8", timeout: PROBE_TIMEOUT_MS });
        return run.status === 0 ? run.stdout.trim() : undefined;
    };
    // One call for the commit and the changes: the header names the commit, or "(initial)" before the first one,
    // and every other line is a tracked file that differs from it. It fails outside a repository.
    const status = git("status", "--porcelain=v2", "--branch", "--untracked-files=no");
    if (status === undefined) {
        return undefined;
    }
    const lines = status.split("\n");
    const commit = lines.find(line => line.startsWith("# branch.oid "))?.slice("# branch.oid ".length);
    if (commit === undefined || !/^[0-9a-f]{40,64}$/.test(commit)) {
        return { noCommitsYet: true };
    }
    const remote = git("remote", "get-url", "origin");
    const remoteAsUri = remote ? remoteUri(remote) : undefined;
    const root = remoteAsUri === undefined ? (git("rev-parse", "--show-toplevel") ?? folder) : undefined;
    return {
        commit,
        uncommittedChanges: lines.some(line => line !== "" && !line.startsWith("#")),
        repositoryUri: remoteAsUri ?? new URL(`file://${root!.startsWith("/") ? "" : "/"}${root}`).href,
    };
}

/**
 * A git remote as a URI fit for a report: credentials dropped (a CI clone URL may hold a token), and the scp-like
 * form `git@host:org/repo.git` written as `ssh://git@host/org/repo.git`. Undefined when it is neither.
 */
export function remoteUri(remote: string): string | undefined {
    const scpLike = /^([\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(remote);
    let url: URL;
    try {
        url = new URL(scpLike ? `ssh://${scpLike[1] ?? ""}${scpLike[2]}/${scpLike[3]}` : remote);
    } catch {
        return undefined;
    }
    if (url.protocol !== "ssh:") {
        url.username = "";
    }
    url.password = "";
    return url.href;
}

/** One fact of the record: a stable key (JUnit property, SARIF property bag), a label for people, the value. */
export interface RunFact {
    readonly key: string;
    readonly label: string;
    readonly value: string;
}

/** The facts an auditor needs to know what was run, in the order the Markdown header lists them. */
export function runFacts(report: ComplianceReport): RunFact[] {
    const fromEvents: RunFact[] = [
        { key: "operation", label: "judged", value: `${report.operation}, ${OPERATION_MEANING[report.operation]}` },
        {
            key: "finishedAt",
            label: "run ended (UTC)",
            value: report.finishedAt ?? "not in the event stream (the CLI wrote no timestamps)",
        },
        { key: "stack", label: "stack", value: report.stack },
        { key: "project", label: "project", value: report.project },
    ];
    const pack: RunFact = { key: "policyPack", label: "policy pack", value: `${PACK_NAME} ${report.packVersion}` };
    const env = report.environment;
    if (env === undefined) {
        return [...fromEvents, pack]; // a report built without asking the machine (the demo) records what the events hold
    }
    const config = env.policyConfig;
    return [
        ...fromEvents,
        {
            key: "pulumiCliVersion",
            label: "Pulumi CLI",
            value: "version" in env.pulumiCli ? env.pulumiCli.version : `not known: ${env.pulumiCli.unknown}`,
        },
        pack,
        config === undefined
            ? {
                  key: "policyConfig",
                  label: "policy config",
                  value: "not given to the report (--policy-config): the pack's defaults, unless the run was given a config",
              }
            : { key: "policyConfig", label: "policy config", value: `${config.file}: ${describeRuleConfig(config)}` },
        ...(config === undefined
            ? []
            : [{ key: "policyConfigDigest", label: "policy config digest", value: config.digest }]),
        env.git === undefined
            ? { key: "gitCommit", label: "git commit", value: "none: the working directory is not in a git repository" }
            : "noCommitsYet" in env.git
              ? { key: "gitCommit", label: "git commit", value: "none: the git repository has no commits yet" }
              : {
                    key: "gitCommit",
                    label: "git commit",
                    value: env.git.commit + (env.git.uncommittedChanges ? " (with uncommitted changes)" : ""),
                },
        { key: "reportedAt", label: "report written (UTC)", value: env.reportedAt },
    ];
}
