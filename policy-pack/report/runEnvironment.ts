// What the report records about a run beyond the engine's events: the shapes that runRecord.ts fills in from the
// machine and verdicts.ts carries into every report.
import { PolicyConfigInForce } from "./policyConfig";

/** The source revision of the project, when it is a git repository. */
export interface GitRevision {
    /** The commit checked out (`git rev-parse HEAD`). */
    readonly commit: string;
    /** Whether tracked files differ from that commit: the run may not be what the commit holds. */
    readonly uncommittedChanges: boolean;
    /** The `origin` remote as a URI without credentials, or the repository's folder as a file URI. */
    readonly repositoryUri: string;
}

/** A git repository whose branch has no commit yet (after `git init`): there is no revision to record. */
export interface GitWithoutCommits {
    readonly noCommitsYet: true;
}

/** What the report records about the run beyond the engine's events. */
export interface RunEnvironment {
    /** `pulumi version` of the CLI named by --pulumi-cli, or why it is not known. */
    readonly pulumiCli: { version: string } | { unknown: string };
    /** The policy config given with --policy-config; absent when none was given. */
    readonly policyConfig?: PolicyConfigInForce;
    /** Absent when the folder is not in a git repository (or git is not installed). */
    readonly git?: GitRevision | GitWithoutCommits;
    /** When the report was written (UTC, ISO 8601). */
    readonly reportedAt: string;
}
