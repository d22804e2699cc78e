// Benchmark of the policy pack against a no-op pack built on the same node_modules: start-up, Analyze
// throughput and peak memory, with the targets of issue 3. Both packs are started as the engine starts them
// (tools/engine/policyPackServer.ts) and measured in one run, interleaved, so that machine noise hits both.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunningPolicyPack, startPolicyPack } from "../tools/engine/policyPackServer";
import { ALLOWED_EXCLUSION_PATH, BenchResource, webApps } from "./webApps";

import { BASELINE_RULES } from "../policy-pack/baseline/rules";
import { POLICY_PACK_DIR as PACK_DIR } from "../tools/engine/policyPack";
const NOOP_SOURCE_DIR = path.join(__dirname, "noop-policy-pack");
const POLICY_NAME = "webapp-require-client-certificates";

/** The pack's ratios to the no-op pack must stay within these. */
export const TARGETS = { startup: 1.15, throughput: 0.9, peakMemory: 1.2 };

export interface BenchOptions {
    /** Starts per pack for the start-up figure (after warm-up starts). */
    startupRuns: number;
    /** Resource counts for throughput and memory; `targetCount` must be one of them. */
    counts: number[];
    /** The count the throughput and memory targets apply to. */
    targetCount: number;
    /** Fresh processes per pack for a count (fewer for the largest, whose passes are long). */
    analyzeRuns: (count: number) => number;
    /** Analyze calls made (and not timed) before each timed pass, so both packs are measured warm. */
    warmupResources: number;
    /** Resources sent to one pack before switching to the other. */
    batchSize: number;
    /** Progress lines go here. */
    log: (line: string) => void;
}

const TARGET_COUNT = 3000;

export const DEFAULT_OPTIONS: BenchOptions = {
    startupRuns: 11,
    counts: [1000, TARGET_COUNT, 10000],
    targetCount: TARGET_COUNT,
    // Most rounds where the targets apply; fewer for 10,000, whose rounds are long.
    analyzeRuns: count => (count === TARGET_COUNT ? 7 : count >= 10000 ? 3 : 5),
    warmupResources: 200,
    batchSize: 100,
    log: line => process.stderr.write(`${line}\n`),
};

interface PackUnderTest {
    dir: string;
    /** Config sent with Configure, as in a `--policy-pack-config` file. */
    config: Record<string, Record<string, unknown>>;
}

/** One pass of Analyze over `count` resources in a fresh pack process. */
export interface AnalyzeRun {
    resourcesPerSecond: number;
    /** CPU time of the pack process (all threads) per resource during the timed pass, in microseconds. */
    packCpuMicrosPerResource: number;
    peakMemoryBytes: number;
    mandatoryViolations: number;
}

export interface ScalePoint {
    count: number;
    noop: AnalyzeRun[];
    pack: AnalyzeRun[];
}

export interface BenchResult {
    packName: string;
    packVersion: string;
    startupMs: { noop: number[]; pack: number[] };
    scale: ScalePoint[];
    targetCount: number;
    options: BenchOptions;
    /** One-minute load averages of the machine at the start and end, to judge how noisy the run was. */
    loadAverage: { start: number; end: number };
}

export async function benchPolicyPack(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResult> {
    const entry = path.join(PACK_DIR, require(path.join(PACK_DIR, "package.json")).main);
    if (!fs.existsSync(entry)) {
        throw new Error(`${entry} is missing: run "npm run build" in policy-pack first`);
    }
    const loadAtStart = os.loadavg()[0];
    const noopDir = stageNoopPack();
    try {
        const pack: PackUnderTest = {
            dir: PACK_DIR,
            config: everyRuleOn(),
        };
        const noop: PackUnderTest = { dir: noopDir, config: {} };

        const started = await startPolicyPack(PACK_DIR);
        const info = await started.getAnalyzerInfo();
        await started.stop();

        const startupMs = await measureStartup(noop, pack, options);
        const scale: ScalePoint[] = [];
        for (const count of options.counts) {
            scale.push(await measureAnalyze(noop, pack, count, options));
        }
        return {
            packName: info.name,
            packVersion: info.version,
            startupMs,
            scale,
            targetCount: options.targetCount,
            options,
            loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
        };
    } finally {
        fs.rmSync(noopDir, { recursive: true, force: true });
    }
}

/**
 * The pack's config with every rule on: the client-certificate rule with an allowed exclusion path, and each
 * baseline rule a config leaves disabled (public network access) turned on as advisory: it is judged and reported
 * on every app like the others, while the workload's verdict count (mandatory violations) stays the client
 * certificates' and the baseline's defaults.
 */
export function everyRuleOn(): PackUnderTest["config"] {
    const config: PackUnderTest["config"] = { [POLICY_NAME]: { allowedExclusionPaths: [ALLOWED_EXCLUSION_PATH] } };
    for (const rule of BASELINE_RULES) {
        if (rule.enforcementLevel === "disabled") {
            config[rule.name] = { enforcementLevel: "advisory" };
        }
    }
    return config;
}

/**
 * Copies the no-op pack into a temporary folder whose node_modules is a link to policy-pack's, so both packs
 * load the same @pulumi/pulumi, @pulumi/policy, gRPC and TypeScript (run-policy-pack registers ts-node with
 * whichever TypeScript it finds, so the start-up path is the same too).
 */
export function stageNoopPack(): string {
    return stagePack(NOOP_SOURCE_DIR);
}

/** Copies the pack in `sourceDir` to a temporary folder as {@link stageNoopPack} does. */
export function stagePack(sourceDir: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${path.basename(sourceDir)}-`));
    for (const file of fs.readdirSync(sourceDir)) {
        fs.copyFileSync(path.join(sourceDir, file), path.join(dir, file));
    }
    fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

/** Alternates which pack starts first in each round, after one warm-up start each (fills the file cache). */
async function measureStartup(noop: PackUnderTest, pack: PackUnderTest, options: BenchOptions) {
    const result = { noop: [] as number[], pack: [] as number[] };
    for (const subject of [noop, pack]) {
        await (await startPolicyPack(subject.dir)).stop();
    }
    for (let round = 0; round < options.startupRuns; round++) {
        const order = round % 2 === 0 ? [noop, pack] : [pack, noop];
        for (const subject of order) {
            const running = await startPolicyPack(subject.dir);
            await running.stop();
            (subject === noop ? result.noop : result.pack).push(running.startupMs);
        }
    }
    options.log(`start-up: ${options.startupRuns} starts per pack done`);
    return result;
}

/**
 * Each round starts a fresh process of each pack and feeds both the same resources in alternating batches, so
 * that load from other work on the machine falls on both packs alike.
 */
async function measureAnalyze(
    noop: PackUnderTest,
    pack: PackUnderTest,
    count: number,
    options: BenchOptions,
): Promise<ScalePoint> {
    const resources = webApps(count);
    const warmup = webApps(options.warmupResources, "warmup");
    const point: ScalePoint = { count, noop: [], pack: [] };
    for (let round = 0; round < options.analyzeRuns(count); round++) {
        const subjects = round % 2 === 0 ? [noop, pack] : [pack, noop];
        const passes = await Promise.all(subjects.map(subject => AnalyzePass.start(subject)));
        try {
            for (const pass of passes) {
                await pass.analyze(warmup);
                pass.resetCounters();
            }
            for (let offset = 0, batch = 0; offset < resources.length; offset += options.batchSize, batch++) {
                const slice = resources.slice(offset, offset + options.batchSize);
                for (const pass of batch % 2 === 0 ? passes : [...passes].reverse()) {
                    await pass.analyze(slice);
                }
            }
            passes.forEach((pass, i) => (subjects[i] === noop ? point.noop : point.pack).push(pass.result()));
        } finally {
            await Promise.all(passes.map(pass => pass.stop()));
        }
    }
    options.log(`analyze: ${count} resources x ${options.analyzeRuns(count)} runs per pack done`);
    return point;
}

/** A fresh pack process configured as the engine would configure it, timing the Analyze calls it answers. */
class AnalyzePass {
    private nanoseconds = 0n;
    private cpuSecondsBefore = 0;
    private resources = 0;
    private mandatoryViolations = 0;

    private constructor(private readonly running: RunningPolicyPack) {}

    static async start(subject: PackUnderTest): Promise<AnalyzePass> {
        const running = await startPolicyPack(subject.dir);
        await running.configure(subject.config);
        return new AnalyzePass(running);
    }

    /** Analyzes the resources one request at a time, as the engine sends them. */
    async analyze(resources: BenchResource[]): Promise<void> {
        const started = process.hrtime.bigint();
        for (const resource of resources) {
            const result = await this.running.analyze(resource);
            this.mandatoryViolations += result.diagnostics.filter(d => d.enforcementLevel === "mandatory").length;
        }
        this.nanoseconds += process.hrtime.bigint() - started;
        this.resources += resources.length;
    }

    /** Forgets the warm-up requests. */
    resetCounters(): void {
        this.nanoseconds = 0n;
        this.resources = 0;
        this.mandatoryViolations = 0;
        this.cpuSecondsBefore = cpuSeconds(this.running.pid);
    }

    result(): AnalyzeRun {
        const cpu = cpuSeconds(this.running.pid) - this.cpuSecondsBefore;
        return {
            resourcesPerSecond: this.resources / (Number(this.nanoseconds) / 1e9),
            packCpuMicrosPerResource: (cpu * 1e6) / this.resources,
            peakMemoryBytes: peakMemory(this.running),
            mandatoryViolations: this.mandatoryViolations,
        };
    }

    stop(): Promise<void> {
        return this.running.stop();
    }
}

function peakMemory(running: RunningPolicyPack): number {
    const bytes = running.peakMemoryBytes();
    if (bytes === undefined) {
        throw new Error("peak memory needs /proc/<pid>/status (Linux)");
    }
    return bytes;
}

/** User plus system CPU time of a process and all its threads, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const TICKS_PER_SECOND = 100;
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
