import { describe, expect, it } from 'vitest';
import { Linear, ReLU, Sequential, seeded, Tensor } from '../../src/engine/index.js';
import { msg } from '../../src/i18n/index.js';
import type { OptimizerName, Task } from '../../src/training/task.js';
import { batchIndices, classifyBatch, classTargets, epochOrder, scoreSplit } from '../../src/training/tasks/classify.js';
import { layerGroups, MAX_STEP_LOSSES, Trainer } from '../../src/training/trainer.js';
import { inStepScope } from '../../src/engine/step-memory.js';
import { isGradEnabled } from '../../src/engine/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Two clouds of points, left (class 0) and right (class 1), and a 2→4→2 net: a task small enough to run thousands of steps. */
function tinyTask(opts: { optimizer?: OptimizerName; lr?: number; epochs?: number; n?: number; batch?: number } = {}): Task {
  const n = opts.n ?? 16;
  const batch = opts.batch ?? 4;
  const rng = seeded(3);
  const xy = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    xy[2 * i] = (i % 2 ? 0.5 : -0.5) + 0.2 * (rng() - 0.5);
    xy[2 * i + 1] = rng() - 0.5;
  }
  const model = new Sequential([new Linear(2, 4, { rng: seeded(1) }), ReLU(), new Linear(4, 2, { rng: seeded(2) })]);
  const input = (idx: Int32Array) => new Tensor([idx.length, 2], Float32Array.from({ length: idx.length * 2 }, (_, k) => xy[2 * idx[k >> 1] + (k & 1)]));
  let order = epochOrder(n, 1, 1);
  const stepsPerEpoch = Math.ceil(n / batch);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  return {
    info: {
      id: 'tiny',
      title: msg('tiny', '小'),
      topic: 'points',
      model: '2 → fc 4 → relu → fc 2',
      parameters: 22,
      optimizer: opts.optimizer ?? 'sgd',
      lr: opts.lr ?? 0.5,
      batch,
      epochs: opts.epochs ?? 3,
      seed: 1,
      stepsPerEpoch,
      trainSize: n,
      testSize: n,
      unit: msg('points', '点'),
    },
    model,
    startEpoch(epoch) {
      order = epochOrder(n, 1, epoch);
      return stepsPerEpoch;
    },
    batchLoss(i) {
      const idx = batchIndices(order, batch, i);
      return classifyBatch(model, input(idx), classTargets(labels, idx));
    },
    evaluate() {
      const s = scoreSplit(model, n, labels, input, all);
      return { train: { loss: s.loss, accuracy: s.accuracy }, test: { loss: s.loss, accuracy: s.accuracy } };
    },
    views: () => ({}),
  };
}

describe('Trainer', () => {
  it('the loss falls and the epoch rows have exactly the --json fields', () => {
    const t = new Trainer(tinyTask({ epochs: 20 }));
    while (!t.done) t.step();
    expect(t.history).toHaveLength(20);
    const first = t.history[0];
    const last = t.history[19];
    expect(Object.keys(last).sort()).toEqual(['accuracy', 'epoch', 'examples_per_second', 'loss', 'lr', 'step', 'test_accuracy', 'test_loss']);
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(last.test_accuracy).toBe(1);
    expect(last.epoch).toBe(20);
    expect(last.step).toBe(80);
    expect(t.stepLosses).toHaveLength(80);
  });

  it('each step reports per-layer gradient norms named as the chain names the layers', () => {
    const t = new Trainer(tinyTask());
    const r = t.step();
    expect(r.grads.map((g) => g.layer)).toEqual(['fc1', 'fc2']);
    for (const g of r.grads) expect(g.norm).toBeGreaterThan(0);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.epochEnded).toBeUndefined();
  });

  it('groups a layer’s weight and bias together', () => {
    const groups = layerGroups(new Sequential([new Linear(2, 3), ReLU(), new Linear(3, 2)]));
    expect(groups.map((g) => [g.layer, g.params.length])).toEqual([
      ['fc1', 2],
      ['fc2', 2],
    ]);
  });

  it('an epoch ends after its batches, with the row in the report; done after the last epoch, and further steps do nothing', () => {
    const t = new Trainer(tinyTask({ epochs: 2 }));
    const reports = Array.from({ length: 4 }, () => t.step());
    expect(reports.map((r) => r.epochEnded !== undefined)).toEqual([false, false, false, true]);
    expect(t.epoch).toBe(2);
    expect(t.stepInEpoch).toBe(0);
    for (let i = 0; i < 3; i++) t.step();
    expect(t.done).toBe(false);
    const end = t.step();
    expect(end.done).toBe(true);
    expect(end.epochEnded?.epoch).toBe(2);
    expect(t.done).toBe(true);
    const after = t.step();
    expect(after.done).toBe(true);
    expect(after.epochEnded).toBeUndefined();
    expect(after.loss).toBe(end.loss);
    expect(t.stepsDone).toBe(8);
    expect(t.history).toHaveLength(2);
  });

  it('setLr takes effect from the next step (plain SGD: twice the rate, twice the first update)', () => {
    const a = tinyTask();
    const b = tinyTask();
    const before = a.model.parameters().map((p) => new Float32Array(p.data));
    const ta = new Trainer(a);
    const tb = new Trainer(b);
    tb.setLr(1);
    expect(tb.lr).toBe(1);
    ta.step();
    tb.step();
    const pa = a.model.parameters();
    const pb = b.model.parameters();
    let compared = 0;
    before.forEach((p0, k) => {
      const da = pa[k].data;
      const db = pb[k].data;
      for (let i = 0; i < p0.length; i++) {
        expect(db[i] - p0[i]).toBeCloseTo(2 * (da[i] - p0[i]), 5);
        if (da[i] !== p0[i]) compared++;
      }
    });
    expect(compared).toBeGreaterThan(0);
    expect(() => tb.setLr(0)).toThrow(RangeError);
    expect(() => tb.setLr(NaN)).toThrow(RangeError);
  });

  it('the epoch row records the learning rate in force', () => {
    const t = new Trainer(tinyTask({ epochs: 2 }));
    for (let i = 0; i < 4; i++) t.step();
    t.setLr(0.125);
    while (!t.done) t.step();
    expect(t.history.map((r) => r.lr)).toEqual([0.5, 0.125]);
  });

  it('momentum and adam train too', () => {
    for (const optimizer of ['momentum', 'adam'] as const) {
      const t = new Trainer(tinyTask({ optimizer, lr: optimizer === 'adam' ? 0.05 : 0.1, epochs: 15 }));
      while (!t.done) t.step();
      expect(t.history[14].loss).toBeLessThan(t.history[0].loss);
    }
  });

  it('examples/s comes from the injected clock (milliseconds), over the recent steps', () => {
    let now = 0;
    const t = new Trainer(tinyTask(), {
      clock: () => {
        now += 5; // each step reads the clock twice: 5 ms a step
        return now;
      },
    });
    expect(t.examplesPerSecond).toBe(0);
    t.step();
    t.step();
    expect(t.examplesPerSecond).toBeCloseTo(4 / 0.005, 6);
    while (!t.done) t.step();
    expect(t.history[0].examples_per_second).toBeCloseTo(800, 6);
  });

  it('keeps at most the last 10,000 step losses', () => {
    const t = new Trainer(tinyTask({ n: 2, batch: 2, epochs: MAX_STEP_LOSSES + 5, lr: 0.01 }));
    while (!t.done) t.step();
    expect(t.stepsDone).toBe(MAX_STEP_LOSSES + 5);
    expect(t.stepLosses).toHaveLength(MAX_STEP_LOSSES);
  });

  it('runs each batch inside stepScope with gradients on; evaluates and draws outside it, in eval mode, without a graph', () => {
    const task = tinyTask({ epochs: 1 });
    const seen: string[] = [];
    const { batchLoss, evaluate, views } = task;
    task.batchLoss = (i) => {
      seen.push(`batch scope=${inStepScope()} grad=${isGradEnabled()} training=${task.model.training}`);
      return batchLoss(i);
    };
    task.evaluate = () => {
      seen.push(`evaluate scope=${inStepScope()} grad=${isGradEnabled()} training=${task.model.training}`);
      return evaluate();
    };
    task.views = () => {
      seen.push(`views grad=${isGradEnabled()} training=${task.model.training}`);
      return views();
    };
    const t = new Trainer(task);
    while (!t.done) t.step();
    t.views();
    expect(new Set(seen)).toEqual(new Set(['batch scope=true grad=true training=true', 'evaluate scope=false grad=false training=false', 'views grad=false training=false']));
    expect(task.model.training).toBe(true);
  });
});

describe('src/training imports', () => {
  it('never reaches into the CLI or the screens (the worker and the printer import training, not the other way)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const offenders = files('src/training').filter((f) => /from '(\.\.\/)+(cli|screens)\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
