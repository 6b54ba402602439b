/**
 * The text and sequence runs' own numbers, for `npm run bench:train` to quote:
 *   tsx bench/training/text-sequence.ts speed [run] [seconds]   characters/s of training (default text-lstm, 32 × 64)
 *   tsx bench/training/text-sequence.ts memory [gap]            memory-rnn vs memory-lstm, test accuracy per epoch
 * Each step as the Trainer runs one: zeroGrad, the task's batch loss inside stepScope,
 * backward, an Adam step. Wall-clock numbers on a shared machine are noisy: repeat them.
 */
import { Adam, backward, stepScope } from '../../src/engine/index.js';
import type { RunDef } from '../../src/training/runs/run-def.js';
import { SEQUENCE_RUNS } from '../../src/training/runs/sequence.js';
import { TEXT_RUNS } from '../../src/training/runs/text.js';
import type { Task, TrainOptions } from '../../src/training/task.js';

function build(id: string, o: TrainOptions = {}): Task {
  const run: RunDef | undefined = [...TEXT_RUNS, ...SEQUENCE_RUNS].find((r) => r.id === id);
  if (!run) throw new Error(`no run ${id}`);
  const r = run.build(o);
  if (!r.ok) throw new Error(r.error.en);
  return r.task;
}

/** Runs whole epochs of `task`; `after(epoch)` once each ends. */
function train(task: Task, epochs: number, after: (epoch: number) => void): void {
  const opt = new Adam(task.model.parameters(), { lr: task.info.lr });
  for (let e = 0; e < epochs; e++) {
    const n = task.startEpoch(e);
    for (let i = 0; i < n; i++) {
      stepScope(() => {
        opt.zeroGrad();
        backward(task.batchLoss(i).loss);
        opt.step();
      });
    }
    after(e + 1);
  }
}

function speed(id: string, seconds: number): void {
  const task = build(id);
  const opt = new Adam(task.model.parameters(), { lr: task.info.lr });
  const n = task.startEpoch(0);
  let examples = 0;
  const step = (i: number): void =>
    stepScope(() => {
      opt.zeroGrad();
      const b = task.batchLoss(i % n);
      backward(b.loss);
      opt.step();
      examples += b.examples;
    });
  for (let i = 0; i < 3; i++) step(i);
  examples = 0;
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < seconds * 1000) step(i++);
  const s = (performance.now() - t0) / 1000;
  console.log(`${id} (${task.info.model}, batch ${task.info.batch}): ${Math.round(examples / s)} ${task.info.unit.en}/s over ${i} steps`);
}

function memory(gap: number): void {
  for (const id of ['memory-rnn', 'memory-lstm']) {
    const task = build(id, { length: gap });
    const t0 = performance.now();
    train(task, task.info.epochs, (epoch) => {
      const { train: tr, test } = task.evaluate();
      console.log(`${id} gap ${gap} epoch ${epoch}: train ${(tr.accuracy * 100).toFixed(1)} %, test ${(test.accuracy * 100).toFixed(1)} % (loss ${test.loss.toFixed(3)}), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    });
  }
}

const [mode, arg, arg2] = process.argv.slice(2);
if (mode === 'memory') memory(Number(arg ?? 50));
else speed(arg ?? 'text-lstm', Number(arg2 ?? 10));
