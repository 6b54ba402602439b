/**
 * The runs' own models through the store: trained a little, saved, loaded into a fresh build
 * (another seed, so its weights start different) — the fresh model answers exactly as the
 * trained one did. A build with another --net is told which parameter does not fit.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { noGrad, Tensor } from '../../../src/engine/index.js';
import { buildRun } from '../../../src/training/runs/registry.js';
import { applyState, loadModel, saveModel } from '../../../src/training/saved/index.js';
import type { Task, TrainOptions } from '../../../src/training/task.js';
import { newDir as madeDir } from '../../storage/helpers.js';
import { trainSteps } from '../train-steps.js';

/** Fresh folders for this file, removed when it ends. */
const made: string[] = [];
const newDir = (prefix: string): string => {
  const d = madeDir(prefix);
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function built(id: string, o: TrainOptions): Task {
  const r = buildRun(id, o);
  if (!r.ok) throw new Error(`${id}: ${r.error.en}`);
  return r.task;
}

/** The model's outputs on a fixed input, as float32 bit patterns (so -0 and NaN compare exactly). */
function answers(task: Task, input: Tensor): number[] {
  task.model.eval();
  const y = noGrad(() => task.model.forward(input));
  return Array.from(new Uint32Array(Float32Array.from(y.data).buffer));
}

function fixedInput(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(shape, Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.9));
}

const CASES: [string, TrainOptions, number[], number][] = [
  ['spiral', { seed: 1 }, [16, 2], 30],
  ['digits', { seed: 1, batch: 16 }, [3, 1, 28, 28], 3],
];

describe('a run’s model saved and loaded', () => {
  for (const [id, options, inputShape, steps] of CASES) {
    it(`${id}: trained ${steps} steps, saved, and loaded into a fresh build with another seed, it answers bit for bit the same`, async () => {
      const env = { NNLEARN_HOME: newDir('nnlearn-run-models-') };
      const trained = built(id, options);
      trainSteps(trained, steps);
      const input = fixedInput(inputShape);
      const want = answers(trained, input);
      const s = await saveModel(`${id}-1`, trained.model, { runId: id, options, epoch: 1, step: steps, nnlearn: 'test' }, { env });
      if (!s.ok) throw new Error(s.error.en);

      const fresh = built(id, { ...options, seed: 2 });
      expect(answers(fresh, input)).not.toEqual(want);
      const l = await loadModel(`${id}-1`, { env });
      if (!l.ok) throw new Error(l.error.en);
      expect(l.meta).toMatchObject({ runId: id, step: steps, options });
      expect(applyState(fresh.model, l)).toEqual({ ok: true });
      expect(answers(fresh, input)).toEqual(want);
    });
  }

  it('spiral saved with its own net and loaded into --net with other widths: the message names the first parameter and both shapes', async () => {
    const env = { NNLEARN_HOME: newDir('nnlearn-run-models-') };
    const s = await saveModel('sp', built('spiral', { seed: 1 }).model, { runId: 'spiral', options: { seed: 1 }, epoch: 0, step: 0, nnlearn: 'test' }, { env });
    if (!s.ok) throw new Error(s.error.en);
    const l = await loadModel('sp', { env });
    if (!l.ok) throw new Error(l.error.en);
    const other = built('spiral', { seed: 1, net: '2 | fc 3 | tanh | fc 2' });
    const r = applyState(other.model, l);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.en).toMatch(/^The saved model does not fit this network: its parameter fc1\.weight \(0\.weight\) has shape \[\d+, 2\], this network's has \[3, 2\]\. It was saved from the run spiral with that run's own network\./);
    expect(r.error.zh).toMatch(/它的参数 fc1\.weight \(0\.weight\) 形状是 \[\d+, 2\]，而这个网络的是 \[3, 2\]/);
  });
});
