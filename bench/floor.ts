// How much of the pack's cost beyond the no-op pack is its own judging, and how much any pack with its policies
// and diagnostics pays: the no-op pack, the stand-in of standin-policy-pack/ (eleven resource policies reporting
// diagnostics of the pack's count and sizes, judging nothing, one decode per request) and the pack with every rule
// on, started as the engine starts them and fed the benchmark's WebApps in turns of 100, as bench/policyPack.ts does.
//
//   node -r esbuild-register bench/floor.ts [rounds]
//
// Prints each round's throughput and CPU per resource, and the ratios to the no-op pack. The stand-in's ratio is
// the ceiling a pack with these policies and diagnostics reaches on this SDK whatever its judging costs.
import * as fs from "fs";
import * as path from "path";
import { RunningPolicyPack, startPolicyPack } from "../tools/engine/policyPackServer";
import { POLICY_PACK_DIR } from "../tools/engine/policyPack";
import { cpuSeconds, everyRuleOn, stageNoopPack, stagePack } from "./policyPack";
import { webApps } from "./webApps";

const COUNT = 3000;
const BATCH = 100;
const WARM_UP = 200;

interface Subject {
    name: string;
    dir: string;
    config: Record<string, Record<string, unknown>>;
}

interface Pass {
    running: RunningPolicyPack;
    nanoseconds: bigint;
    cpuBefore: number;
    diagnostics: number;
}

async function startPass(subject: Subject): Promise<Pass> {
    const running = await startPolicyPack(subject.dir);
    await running.configure(subject.config);
    for (const resource of webApps(WARM_UP, "warmup")) {
        await running.analyze(resource);
    }
    return { running, nanoseconds: 0n, cpuBefore: cpuSeconds(running.pid), diagnostics: 0 };
}

async function main(rounds: number): Promise<void> {
    if (!fs.existsSync(path.join(POLICY_PACK_DIR, "bin", "sdkInternals.js"))) {
        throw new Error(`${POLICY_PACK_DIR}/bin is missing: run "npm run build" first (the stand-in loads its hook)`);
    }
    const staged = [stageNoopPack(), stagePack(path.join(__dirname, "standin-policy-pack"))];
    const subjects: Subject[] = [
        { name: "no-op", dir: staged[0], config: {} },
        { name: "stand-in", dir: staged[1], config: {} },
        { name: "pack", dir: POLICY_PACK_DIR, config: everyRuleOn() },
    ];
    const resources = webApps(COUNT);
    console.log(
        "round  " +
            subjects.map(s => `${s.name} res/s, us/r, diagnostics/r`.padStart(36)).join("") +
            "   stand-in  pack",
    );
    try {
        for (let round = 1; round <= rounds; round++) {
            const passes = await Promise.all(subjects.map(startPass));
            try {
                for (let offset = 0, batch = 0; offset < COUNT; offset += BATCH, batch++) {
                    const slice = resources.slice(offset, offset + BATCH);
                    // Each pack goes first in turn, so that load from other work falls on all three alike.
                    for (let k = 0; k < passes.length; k++) {
                        const pass = passes[(k + batch) % passes.length];
                        const started = process.hrtime.bigint();
                        for (const resource of slice) {
                            pass.diagnostics += (await pass.running.analyze(resource)).diagnostics.length;
                        }
                        pass.nanoseconds += process.hrtime.bigint() - started;
                    }
                }
                const figures = passes.map(pass => ({
                    perSecond: COUNT / (Number(pass.nanoseconds) / 1e9),
                    cpu: ((cpuSeconds(pass.running.pid) - pass.cpuBefore) * 1e6) / COUNT,
                    diagnostics: pass.diagnostics / COUNT,
                }));
                const cells = figures.map(f =>
                    `${f.perSecond.toFixed(0)}, ${f.cpu.toFixed(0)}, ${f.diagnostics.toFixed(2)}`.padStart(36),
                );
                const ratio = (i: number) => (figures[i].perSecond / figures[0].perSecond).toFixed(2);
                console.log(`${String(round).padEnd(7)}${cells.join("")}   ${ratio(1).padStart(7)}x ${ratio(2)}x`);
            } finally {
                await Promise.all(passes.map(pass => pass.running.stop()));
            }
        }
    } finally {
        staged.forEach(dir => fs.rmSync(dir, { recursive: true, force: true }));
    }
}

main(Number(process.argv[2] ?? "5")).catch(error => {
    console.error(error);
    process.exitCode = 1;
});
