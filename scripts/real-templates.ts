// Rebuilds the corpus of real ARM templates from the public repositories its manifest
// (test/fixtures/real-templates/manifest.json) names: each file is written byte for byte as git holds it at the
// recorded commit, and its git blob id is recorded, so the tests can show that no template was changed. The files
// are not redistributed in this repository: they are written to the folder corpusLocation() chooses.
//
//   npm run fixtures:real-templates                   the recorded commits again
//   npm run fixtures:real-templates -- --newest       each template at its repository's newest commit (or the
//                                                     newest commit of its pinned `ref`, such as a release tag)
//   ... -- --git-dir Azure/bicep=/path/to/clone.git   read a repository from a local clone instead of GitHub
//
// Needs git, and network access to github.com for every repository not given with --git-dir. Clones are kept,
// without their files' contents until needed (a partial clone), under the system's temporary folder.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPOSITORY = path.join(__dirname, "..");
export const MANIFEST = path.join(REPOSITORY, "test", "fixtures", "real-templates", "manifest.json");

/** The variable that names the corpus folder, overriding the places below. */
export const CORPUS_VARIABLE = "SECURE_WEBAPP_REAL_TEMPLATES";

/**
 * Where the corpus files are, for this script (which writes them) and the tests (which read them): the folder
 * `$SECURE_WEBAPP_REAL_TEMPLATES` names when set; else `shared/real-templates/` beside the repository's folder, when
 * it exists (where a CI checkout can find a corpus kept beside the clone); else the user's cache,
 * `~/.cache/secure-webapp/real-templates/`. `lookedIn` lists the places considered, for a message when none holds it.
 */
export function corpusLocation(env: NodeJS.ProcessEnv = process.env): { folder: string; lookedIn: string[] } {
    const named = env[CORPUS_VARIABLE];
    if (named) {
        return { folder: path.resolve(named), lookedIn: [`${path.resolve(named)} ($${CORPUS_VARIABLE})`] };
    }
    const shared = path.resolve(REPOSITORY, "..", "shared", "real-templates");
    const cache = path.join(os.homedir(), ".cache", "secure-webapp", "real-templates");
    return {
        folder: fs.existsSync(shared) ? shared : cache,
        lookedIn: [`$${CORPUS_VARIABLE} (not set)`, shared, cache],
    };
}

/** One template of the corpus, as the manifest records it (the tests read the same fields). */
export interface RealTemplate {
    /** The fixture's file name, without `.json`. */
    id: string;
    /** `owner/name` on GitHub. */
    repo: string;
    /** A branch or tag that `--newest` follows; the repository's default branch when absent. */
    ref?: string;
    commit: string;
    path: string;
    /** The git blob id of the file at `commit`. */
    blob: string;
}

interface Manifest {
    templates: RealTemplate[];
    /** Modules that deploy only a site's child resources, for a site deployed elsewhere. */
    siteChildModules?: RealTemplate[];
}

/** The git blob id of `content`, as `git hash-object` computes it. */
export function blobId(content: Buffer): string {
    return createHash("sha1")
        .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
        .digest("hex");
}

/** The file of the template `id` in the corpus folder `folder`. */
export function corpusFile(folder: string, id: string): string {
    return path.join(folder, `${id}.json`);
}

function git(gitDir: string, ...args: string[]): Buffer {
    return execFileSync("git", ["--git-dir", gitDir, ...args], { maxBuffer: 256 * 1024 * 1024 });
}

/** A git directory holding `repo`: the one given, or a partial clone from GitHub, fetched once per run. */
function repository(repo: string, given: Map<string, string>, fetched: Set<string>): string {
    const local = given.get(repo);
    if (local !== undefined) {
        return local;
    }
    const dir = path.join(os.tmpdir(), "real-templates", repo.replace("/", "+"));
    if (!fs.existsSync(dir)) {
        fs.mkdirSync(path.dirname(dir), { recursive: true });
        execFileSync("git", ["clone", "--bare", "--filter=blob:none", `https://github.com/${repo}.git`, dir], {
            stdio: "inherit",
        });
        fetched.add(repo);
    } else if (!fetched.has(repo)) {
        git(dir, "fetch", "--tags", "--force", "origin", "+refs/heads/*:refs/heads/*");
        fetched.add(repo);
    }
    return dir;
}

function main(argv: string[]): void {
    const newest = argv.includes("--newest");
    const given = new Map<string, string>();
    argv.forEach((arg, i) => {
        if (arg === "--git-dir") {
            const [repo, dir] = (argv[i + 1] ?? "").split("=");
            if (!repo || !dir) {
                throw new Error(`--git-dir takes owner/name=DIR, not "${argv[i + 1]}"`);
            }
            given.set(repo, dir);
        }
    });
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Manifest;
    const fetched = new Set<string>();
    const { folder } = corpusLocation();
    fs.mkdirSync(folder, { recursive: true });
    console.log(`writing the corpus to ${folder}`);
    for (const entry of [...manifest.templates, ...(manifest.siteChildModules ?? [])]) {
        const gitDir = repository(entry.repo, given, fetched);
        if (newest) {
            entry.commit = git(gitDir, "rev-parse", `${entry.ref ?? "HEAD"}^{commit}`)
                .toString()
                .trim();
        }
        const content = git(gitDir, "show", `${entry.commit}:${entry.path}`);
        entry.blob = blobId(content);
        fs.writeFileSync(corpusFile(folder, entry.id), content);
        console.log(`${entry.id}: ${entry.repo}@${entry.commit.slice(0, 12)} ${entry.path} (${content.length} bytes)`);
    }
    fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 4)}\n`);
}

if (require.main === module) {
    main(process.argv.slice(2));
}
