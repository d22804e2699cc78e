// Turns a benchmark result into the printed report: medians, spreads, ratios and the verdict per target.

import * as os from "os";
import { BenchResult, ScalePoint, TARGETS } from "./policyPack";
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

export function checkTargets(result: BenchResult): TargetCheck[] {
    const point = targetPoint(result);
    const startup = median(result.startupMs.pack) / median(result.startupMs.noop);
    const throughput = medianOf(point.pack, "resourcesPerSecond") / medianOf(point.noop, "resourcesPerSecond");
    const memory = medianOf(point.pack, "peakMemoryBytes") / medianOf(point.noop, "peakMemoryBytes");
    return [
        { name: "start-up", ratio: startup, limit: `<= ${TARGETS.startup.toFixed(2)}x`, met: startup <= TARGETS.startup },
        { name: "throughput", ratio: throughput, limit: `>= ${TARGETS.throughput.toFixed(2)}x`, met: throughput >= TARGETS.throughput },
        { name: "peak memory", ratio: memory, limit: `<= ${TARGETS.peakMemory.toFixed(2)}x`, met: memory <= TARGETS.peakMemory },
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
                problems.push(`${result.packName} reported ${run.mandatoryViolations} mandatory violations for ` +
                    `${point.count} apps; the workload has ${expected} non-compliant apps`);
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
    lines.push(`Policy pack benchmark: ${result.packName} ${result.packVersion} against a no-op pack on the same node_modules`);
    lines.push(`node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
    lines.push(`Load average (1 min) at start ${result.loadAverage.start.toFixed(2)}, at end ${result.loadAverage.end.toFixed(2)}`);
    lines.push("Both packs: compiled JavaScript entry, started with run-policy-pack from their own folder, as the engine does.");
    lines.push("");
    lines.push(`Start-up, spawn until the port is printed (median of ${o.startupRuns} starts each, interleaved, after a warm-up start)`);
    const startupWidths = [14, 24, 24, 8];
    lines.push(row(["", "no-op (min-max)", `${result.packName} (min-max)`, "ratio"], startupWidths));
    lines.push(row(["start-up", spread(result.startupMs.noop), spread(result.startupMs.pack),
        ratio(median(result.startupMs.pack) / median(result.startupMs.noop))], startupWidths));
    lines.push("");
    lines.push(`Analyze over azure-native WebApps, one request at a time, ${o.warmupResources} warm-up requests first; ` +
        `median of ${o.counts.map(c => o.analyzeRuns(c)).join("/")} fresh processes per pack and size;`);
    lines.push(`both packs run side by side and take turns every ${o.batchSize} resources.`);
    lines.push("Peak memory: the pack process's RSS high-water mark (VmHWM) after the pass. CPU: the pack process's");
    lines.push("CPU time per resource in the timed pass (the res/s figures also include this client's encoding).");
    const widths = [10, 12, 11, 6, 10, 9, 6, 11, 10, 6, 10];
    lines.push(row(["resources", "no-op res/s", "pack res/s", "ratio", "no-op MiB", "pack MiB", "ratio",
        "no-op us/r", "pack us/r", "ratio", "violations"], widths));
    for (const point of result.scale) {
        const noopRate = medianOf(point.noop, "resourcesPerSecond");
        const packRate = medianOf(point.pack, "resourcesPerSecond");
        const noopMem = medianOf(point.noop, "peakMemoryBytes");
        const packMem = medianOf(point.pack, "peakMemoryBytes");
        const noopCpu = medianOf(point.noop, "packCpuMicrosPerResource");
        const packCpu = medianOf(point.pack, "packCpuMicrosPerResource");
        lines.push(row([
            point.count.toLocaleString("en-US") + (point.count === result.targetCount ? "*" : ""),
            rate(noopRate), rate(packRate), ratio(packRate / noopRate),
            mib(noopMem), mib(packMem), ratio(packMem / noopMem),
            noopCpu.toFixed(0), packCpu.toFixed(0), ratio(packCpu / noopCpu),
            String(point.pack[0].mandatoryViolations),
        ], widths));
    }
    lines.push(`* the size the targets apply to. Violations: mandatory diagnostics from ${result.packName} in one pass.`);
    lines.push("");
    lines.push(`Targets (${result.packName} / no-op)`);
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
    return cells.map((cell, i) => i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])).join(" ").trimEnd();
}

const spread = (values: number[]) =>
    `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
const rate = (value: number) => value.toFixed(0);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}x`;
