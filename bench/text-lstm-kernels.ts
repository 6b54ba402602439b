/**
 * The char-LSTM's training rate (text-lstm, hidden 128: batch 32 × 64 characters a step) with
 * the LSTM gate kernels on and off, in one process, interleaved: rounds of STEPS steps each
 * way (ROUNDS of them, the order alternating), after 20 steps of warm-up. Prints the median,
 * minimum and maximum characters/s of each, by the wall clock and per CPU-second of this
 * process (the latter moves less when other processes share the cores).
 *   node --import tsx bench/text-lstm-kernels.ts      (needs the kernels built: npm run build)
 */
import { setLstmKernelsEnabled } from '../src/engine/wasm-recurrent.js';
import { startTrainer } from '../src/training/start.js';

const STEPS = Number(process.env.STEPS ?? 15);
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const CHARS_PER_STEP = 32 * 64;

const started = await startTrainer('text-lstm', { hidden: 128, epochs: 1000, seed: 1 });
if (!started.ok) throw new Error(started.error.en);
const trainer = started.trainer;
for (let i = 0; i < 20; i++) trainer.step();

type Mode = 'on' | 'off';
const wall: Record<Mode, number[]> = { on: [], off: [] };
const cpu: Record<Mode, number[]> = { on: [], off: [] };
for (let k = 0; k < ROUNDS; k++) {
  const order: Mode[] = k % 2 ? ['off', 'on'] : ['on', 'off'];
  for (const mode of order) {
    setLstmKernelsEnabled(mode === 'on');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) trainer.step();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(c0);
    wall[mode].push((STEPS * CHARS_PER_STEP * 1000) / ms);
    cpu[mode].push((STEPS * CHARS_PER_STEP * 1e6) / (used.user + used.system));
  }
}
setLstmKernelsEnabled(true);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const spread = (xs: number[]): string => `median ${Math.round(median(xs))} (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
for (const m of ['off', 'on'] as const) console.log(`gate kernels ${m.padEnd(3)}: wall ${spread(wall[m])} characters/s; per CPU-second ${spread(cpu[m])}`);
console.log(`on / off (medians): wall ${(median(wall.on) / median(wall.off)).toFixed(2)}×, per CPU-second ${(median(cpu.on) / median(cpu.off)).toFixed(2)}×`);
