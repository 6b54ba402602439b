import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { runExperiment } from '../../src/experiments/runner.js';
const id = process.argv[2]; const quick = process.argv[3] === 'quick'; const seed = Number(process.argv[4] ?? 1);
const def = EXPERIMENTS.find((e) => e.id === id)!;
const c0 = process.cpuUsage(); const t0 = performance.now();
const r = runExperiment(def, { seed, quick });
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ measurements: r.measurements, verdict: r.verdict.holds, text: r.verdict.text.en, runs: r.runs.map((x) => [x.id, x.seconds, x.parameters]) }, null, 0));
console.log(`wall ${((performance.now() - t0) / 1000).toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
