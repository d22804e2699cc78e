// Turns a benchmark result into the printed report: medians, spreads, ratios and the verdict per target.

import * as os from "os";
import { AnalyzeRun, BenchResult, ScalePoint, TARGETS } from "./policyPack";
import { webApps } from "./webApps";

export interface TargetCheck {
    name: string;
    ratio: number;
    limit: string;
    met: boolean;
}

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Ratio of the pack to the no-op pack: the median of the per-round ratios. Each round measures both packs back to
 * back (interleaved), so a round's ratio is taken under one machine load and load changes between rounds cancel.
 */
export function pairedRatio(noop: number[], pack: number[]): number {
    return median(pack.map((value, round) => value / noop[round]));
}

function analyzeRatio(point: ScalePoint, key: keyof AnalyzeRun): number {
    return pairedRatio(
        point.noop.map(run => run[key]),
        point.pack.map(run => run[key]),
    );
}

export function checkTargets(result: BenchResult): TargetCheck[] {
    const point = targetPoint(result);
    const startup = pairedRatio(result.startupMs.noop, result.startupMs.pack);
    const throughput = analyzeRatio(point, "resourcesPerSecond");
    const memory = analyzeRatio(point, "peakMemoryBytes");
    return [
        {
            name: "start-up",
            ratio: startup,
            limit: `<= ${TARGETS.startup.toFixed(2)}x`,
            met: startup <= TARGETS.startup,
        },
        {
            name: "throughput",
            ratio: throughput,
            limit: `>= ${TARGETS.throughput.toFixed(2)}x`,
            met: throughput >= TARGETS.throughput,
        },
        {
            name: "peak memory",
            ratio: memory,
            limit: `<= ${TARGETS.peakMemory.toFixed(2)}x`,
            met: memory <= TARGETS.peakMemory,
        },
    ];
}

/**
 * Problems that make the figures meaningless: the pack must reject exactly the non-compliant apps of the
 * workload, and the no-op pack nothing.
 */
export function verdictProblems(result: BenchResult): string[] {
    const problems: string[] = [];
    for (const point of result.scale) {
        const expected = webApps(point.count).filter(r => !r.compliant).length;
        for (const run of point.pack) {
            if (run.mandatoryViolations !== expected) {
                problems.push(
                    `${result.packName} reported ${run.mandatoryViolations} mandatory violations for ` +
                        `${point.count} apps; the workload has ${expected} non-compliant apps`,
                );
            }
        }
        if (point.noop.some(run => run.mandatoryViolations !== 0)) {
            problems.push(`the no-op pack reported violations for ${point.count} apps`);
        }
    }
    return [...new Set(problems)];
}

export function formatReport(result: BenchResult, checks: TargetCheck[]): string {
    const o = result.options;
    const lines: string[] = [];
    const cpu = os.cpus();
    lines.push(
        `Policy pack benchmark: ${result.packName} ${result.packVersion} against a no-op pack on the same node_modules`,
    );
    lines.push(
        `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
            `load average (1 min) ${result.loadAverage.start.toFixed(1)} at start, ${result.loadAverage.end.toFixed(1)} at end`,
    );
    lines.push(
        "Both packs: compiled JavaScript entry, started with run-policy-pack from their own folder, as the engine does.",
    );
    lines.push(
        "Figures are medians per pack; a ratio is the median of per-round ratios (both packs measured back to back).",
    );
    lines.push("");
    lines.push(`Start-up, spawn until the port is printed (${o.startupRuns} rounds, after one warm-up start each)`);
    const startupWidths = [14, 22, 30, 8];
    lines.push(row(["", "no-op (min-max)", `${result.packName} (min-max)`, "ratio"], startupWidths));
    lines.push(
        row(
            [
                "start-up",
                spread(result.startupMs.noop),
                spread(result.startupMs.pack),
                ratio(pairedRatio(result.startupMs.noop, result.startupMs.pack)),
            ],
            startupWidths,
        ),
    );
    lines.push("");
    lines.push(
        `Analyze over azure-native WebApps, one request at a time, after ${o.warmupResources} warm-up requests; ` +
            `${o.counts.map(c => o.analyzeRuns(c)).join("/")} rounds,`,
    );
    lines.push(`each with a fresh process per pack, the two packs taking turns every ${o.batchSize} resources.`);
    lines.push(
        "Peak memory: the pack process's RSS high-water mark (VmHWM) after the pass. CPU: the pack process's CPU time",
    );
    lines.push(
        "per resource (res/s also counts this client's encoding and decoding, which the Go engine does far faster).",
    );
    const widths = [10, 12, 11, 6, 10, 9, 6, 11, 10, 6, 11];
    lines.push(
        row(
            [
                "resources",
                "no-op res/s",
                "pack res/s",
                "ratio",
                "no-op MiB",
                "pack MiB",
                "ratio",
                "no-op us/r",
                "pack us/r",
                "ratio",
                "violations",
            ],
            widths,
        ),
    );
    for (const point of result.scale) {
        lines.push(
            row(
                [
                    point.count.toLocaleString("en-US") + (point.count === result.targetCount ? "*" : ""),
                    medianOf(point.noop, "resourcesPerSecond").toFixed(0),
                    medianOf(point.pack, "resourcesPerSecond").toFixed(0),
                    ratio(analyzeRatio(point, "resourcesPerSecond")),
                    mib(medianOf(point.noop, "peakMemoryBytes")),
                    mib(medianOf(point.pack, "peakMemoryBytes")),
                    ratio(analyzeRatio(point, "peakMemoryBytes")),
                    medianOf(point.noop, "packCpuMicrosPerResource").toFixed(0),
                    medianOf(point.pack, "packCpuMicrosPerResource").toFixed(0),
                    ratio(analyzeRatio(point, "packCpuMicrosPerResource")),
                    point.pack[0].mandatoryViolations.toLocaleString("en-US"),
                ],
                widths,
            ),
        );
    }
    const target = targetPoint(result);
    lines.push(
        `* the size the targets apply to; its throughput ratio per round: ` +
            target.pack
                .map((run, i) => (run.resourcesPerSecond / target.noop[i].resourcesPerSecond).toFixed(2))
                .join(" "),
    );
    lines.push(`violations: mandatory diagnostics from ${result.packName} per pass (half the apps are non-compliant).`);
    lines.push("");
    lines.push(`Targets (${result.packName} / no-op, at ${result.targetCount.toLocaleString("en-US")} WebApps)`);
    for (const check of checks) {
        lines.push(row([check.name, ratio(check.ratio), check.limit, check.met ? "met" : "MISSED"], [14, 8, 10, 8]));
    }
    return lines.join("\n");
}

function targetPoint(result: BenchResult): ScalePoint {
    const point = result.scale.find(p => p.count === result.targetCount);
    if (!point) {
        throw new Error(`no measurement at the target size ${result.targetCount}`);
    }
    return point;
}

function medianOf<T>(runs: T[], key: keyof T): number {
    return median(runs.map(run => Number(run[key])));
}

function row(cells: string[], widths: number[]): string {
    return cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join(" ")
        .trimEnd();
}

const spread = (values: number[]) =>
    `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}x`;
