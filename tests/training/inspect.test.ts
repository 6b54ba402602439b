/**
 * The step inspector's capture (src/training/inspect/): the numbers it reports
 * are the real step's — the gradients backward left, the update the optimizer
 * made, the logits the loss read — and the report stays small and plain.
 */
import { describe, expect, it } from 'vitest';
import type { Module } from '../../src/engine/index.js';
import { parameterNames } from '../../src/training/inspect/capture.js';
import { MAX_ENTRIES, MAX_VALUES, type StepDetail, type TensorDetail } from '../../src/training/inspect/types.js';
import { TrainingLoop, type LoopEvent } from '../../src/training/loop/loop.js';
import { buildRun } from '../../src/training/runs/registry.js';
import { startTrainer } from '../../src/training/start.js';
import type { Task, TrainOptions } from '../../src/training/task.js';
import { Trainer } from '../../src/training/trainer.js';

function task(id: string, options: TrainOptions): Task {
  const b = buildRun(id, { seed: 1, ...options });
  if (!b.ok) throw new Error(b.error.en);
  return b.task;
}

/** A task that keeps a copy of the logits its loss read (example 0), to compare with what the inspector says. */
function watching(t: Task): { task: Task; seen: Float32Array[] } {
  const seen: Float32Array[] = [];
  return {
    seen,
    task: {
      ...t,
      info: t.info,
      model: t.model,
      startEpoch: (e) => t.startEpoch(e),
      evaluate: () => t.evaluate(),
      views: () => t.views(),
      batchLoss(i) {
        const b = t.batchLoss(i);
        const out = b.inside!.output;
        seen.push(out.data.slice(0, out.size / out.shape[0]));
        return b;
      },
    },
  };
}

const weights = (m: Module) => parameterNames(m).map(([n, p]) => ({ n, p, w: p.data.slice() }));

function allTensors(d: StepDetail): TensorDetail[] {
  return [d.example.input, ...d.forward, ...d.grads, ...d.update.map((u) => u.delta)];
}

describe('a step opened up is the real step', () => {
  it('SGD without momentum: Δ = −lr·grad (to float32 rounding), grads are p.grad, the last layer is the logits the loss read', () => {
    const { task: t, seen } = watching(task('spiral', { optimizer: 'sgd', lr: 0.3 }));
    const trainer = new Trainer(t);
    trainer.step();
    trainer.step();
    const before = weights(t.model);
    const r = trainer.step({ inspect: true });
    const d = r.detail!;
    expect(d).toBeDefined();
    expect(d.batch).toMatchObject({ epoch: 1, step: 3, index: 2, size: 32 });
    expect(d.run.lr).toBe(0.3);
    expect(d.forward.map((f) => f.name)).toEqual(['input', 'fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'softmax']);
    // The last layer's output for example 0 is exactly what the loss read.
    const last = d.forward[d.forward.length - 2];
    expect([...last.values]).toEqual([...seen[2]]);
    expect(d.grads.map((g) => g.name)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias', 'fc3.weight', 'fc3.bias']);
    let checked = 0;
    for (const [k, { n, p, w }] of before.entries()) {
      const g = p.grad!.data;
      expect(d.grads[k].name).toBe(n);
      expect([...d.grads[k].values]).toEqual([...g.subarray(0, MAX_VALUES)]);
      const u = d.update[k];
      for (let i = 0; i < w.length; i++) {
        expect(u.delta.values[i]).toBe(Math.fround(p.data[i] - w[i]));
        // p −= lr·g in float32: Δ is −lr·g up to the rounding of the new weight.
        const ulp = Math.max(Math.abs(w[i]), Math.abs(p.data[i])) * 2 ** -23;
        expect(Math.abs(u.delta.values[i] + 0.3 * g[i])).toBeLessThanOrEqual(ulp + 1e-12);
        checked++;
      }
      expect(u.normDelta).toBeCloseTo(Math.hypot(...Array.from(w, (x, i) => p.data[i] - x)), 6);
      expect(u.ratio).toBeCloseTo(u.normDelta / u.normWeight, 12);
    }
    expect(checked).toBe(t.info.parameters);
    // The loss formula with example 0's numbers, and the mean over the batch, are the loss.
    const loss = d.loss;
    if (loss.kind !== 'cross-entropy') throw new Error('cross entropy expected');
    expect(loss.terms).toBe(32);
    expect(loss.mean).toBeCloseTo(r.loss, 5);
    expect(loss.value).toBe(r.loss);
    expect(loss.term).toBeCloseTo(-Math.log(loss.p), 12);
    expect(loss.p).toBeCloseTo(loss.probs[loss.target], 6);
    expect([...d.forward[d.forward.length - 1].values].map((v) => +v.toFixed(6))).toEqual([...loss.probs].map((v) => +v.toFixed(6)));
    expect(d.example.kind).toBe('point');
    expect(d.example.input.shape).toEqual([2]);
  });

  it('a plain step captures nothing and leaves no trace on the modules', () => {
    const t = task('spiral', {});
    const trainer = new Trainer(t);
    expect(trainer.step().detail).toBeUndefined();
    expect(trainer.step({ inspect: true }).detail).toBeDefined();
    const layers = (t.model as unknown as { layers: Module[] }).layers;
    for (const m of layers) expect(Object.prototype.hasOwnProperty.call(m, 'forward')).toBe(false);
    expect(trainer.step().detail).toBeUndefined();
  });

  it('adam: Δ is what the optimizer did, not −lr·grad', () => {
    const t = task('spiral', { optimizer: 'adam', lr: 0.01 });
    const trainer = new Trainer(t);
    const before = weights(t.model);
    const d = trainer.step({ inspect: true }).detail!;
    for (const [k, { p, w }] of before.entries()) for (let i = 0; i < w.length; i++) expect(d.update[k].delta.values[i]).toBe(Math.fround(p.data[i] - w[i]));
    // Adam's first step moves every weight by about lr, whatever the size of its gradient.
    expect(Math.abs(d.update[0].delta.values[0])).toBeCloseTo(0.01, 3);
  });
});

describe('every kind of run, bounded and plain', () => {
  const cases: [string, TrainOptions][] = [
    ['digits', { epochs: 1 }],
    ['text-lstm', { hidden: 16 }],
    ['text-transformer', { hidden: 16 }],
    ['memory-lstm', { hidden: 8, length: 10 }],
    ['adding-lstm', { hidden: 8, length: 10 }],
  ];
  for (const [id, options] of cases) {
    it(`${id}: ≤ ${MAX_VALUES} numbers per tensor, shapes kept, survives a structured clone`, async () => {
      const s = await startTrainer(id, { seed: 1, ...options });
      if (!s.ok) throw new Error(s.error.en);
      const r = s.trainer.step({ inspect: true });
      const d = r.detail!;
      for (const x of allTensors(d)) {
        expect(x.values.length).toBe(Math.min(x.size, MAX_VALUES));
        expect(x.shape.reduce((a, b) => a * b, 1)).toBe(x.size);
        expect(x.values.byteLength).toBe(x.values.buffer.byteLength);
      }
      expect(d.forward.length).toBeLessThanOrEqual(MAX_ENTRIES);
      expect(d.grads.length).toBeGreaterThan(0);
      expect(d.update.length).toBe(d.grads.length);
      const bytes = allTensors(d).reduce((a, x) => a + x.values.byteLength, 0);
      expect(bytes).toBeLessThan(2 * 1024 * 1024);
      expect(structuredClone(d)).toEqual(d);
      expect(d.loss.mean).toBeCloseTo(r.loss, 4);
      if (id.startsWith('adding')) expect(d.loss.kind).toBe('mse');
      else expect(d.loss.kind).toBe('cross-entropy');
      if (id === 'digits') {
        expect(d.example.kind).toBe('image');
        expect(d.forward.map((f) => f.name).slice(0, 3)).toEqual(['input', 'conv1', d.forward[2].name]);
        expect(d.grads[0].name).toBe('conv1.weight');
        expect(d.grads.find((g) => g.name === 'fc1.weight')!.size).toBeGreaterThan(MAX_VALUES);
      }
      if (id.startsWith('text')) {
        expect(d.example.kind).toBe('tokens');
        expect(d.example.tokens!.length).toBe(d.example.input.size);
        expect(d.forward.map((f) => f.name)).toContain('embed');
      }
      if (id === 'text-transformer') {
        const names = d.forward.map((f) => f.name);
        expect(names).toEqual(['input', 'embed', 'layers.0.attention', 'layers.0.self_attn', 'layers.0', 'layers.1.attention', 'layers.1.self_attn', 'layers.1', 'out', 'softmax']);
        // Causal attention weights of example 0: each query's row sums to 1.
        const w = d.forward[2];
        const T = w.shape[1];
        expect(w.shape).toEqual([w.shape[0], T, T]);
        for (let q = 0; q < T; q++) expect(w.values.subarray(q * T, (q + 1) * T).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      if (id === 'memory-lstm') expect(d.forward.map((f) => f.name)).toEqual(['input', 'lstm', 'out', 'softmax']);
    });
  }
});

describe('the loop sends a step opened up only when asked', () => {
  it("'step' with inspect → an 'inspect' event for that step; a plain step and the running loop → none", () => {
    // Every reading of the clock is a millisecond later: a tick trains a few steps, not the whole run.
    const time = { now: 0 };
    const clock = () => ++time.now;
    const events: LoopEvent[] = [];
    const trainer = new Trainer(task('spiral', {}), { clock });
    const loop = new TrainingLoop(trainer, () => trainer, (e) => events.push(e), { clock, paused: true });
    loop.control({ type: 'step' });
    expect(events.filter((e) => e.type === 'inspect')).toHaveLength(0);
    loop.control({ type: 'step', inspect: true });
    const got = events.filter((e) => e.type === 'inspect');
    expect(got).toHaveLength(1);
    expect(got[0].type === 'inspect' && got[0].detail.batch.step).toBe(2);
    expect(loop.state.paused).toBe(true);
    loop.control({ type: 'resume' });
    for (let k = 0; k < 5; k++) loop.tick();
    expect(trainer.stepsDone).toBeGreaterThan(2);
    expect(events.filter((e) => e.type === 'inspect')).toHaveLength(1);
  });
});
