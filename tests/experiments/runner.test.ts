/**
 * The runner on its own: runs take turns one step at a time, a run whose loss
 * stops being finite is stopped and marked diverged (the others go on),
 * finish() sees the trained model in eval mode, the same seed gives the same
 * report, and report() refuses before the runs are done.
 */
import { describe, expect, it } from 'vitest';
import { F, Linear, Tensor, type Module } from '../../src/engine/index.js';
import { msg } from '../../src/i18n/index.js';
import { fromRun } from '../../src/experiments/build.js';
import { ExperimentRunner, runExperiment, squeeze } from '../../src/experiments/runner.js';
import type { ExperimentDef, RunPlan } from '../../src/experiments/types.js';
import type { Task } from '../../src/training/task.js';

/** A one-weight regression whose inputs turn to NaN from step `nanFrom` on (never, by default). */
function tinyTask(id: string, steps: number, nanFrom = Infinity): Task {
  const model: Module = new Linear(1, 1);
  let step = 0;
  return {
    info: { id, title: msg(id, id), topic: 'points', model: 'fc 1', parameters: 2, optimizer: 'sgd', lr: 0.1, batch: 1, epochs: 1, seed: 1, stepsPerEpoch: steps, trainSize: steps, testSize: 1, unit: msg('points', '点') },
    model,
    startEpoch: () => steps,
    batchLoss() {
      step++;
      const x = new Tensor([1, 1], Float32Array.of(step >= nanFrom ? NaN : 1));
      const y = model.forward(x);
      return { loss: F.mean(F.mul(y, y)), examples: 1 };
    },
    evaluate: () => ({ train: { loss: 0, accuracy: NaN }, test: { loss: 0, accuracy: NaN } }),
    views: () => ({}),
  };
}

function def(plans: RunPlan[], extra: Partial<ExperimentDef> = {}): ExperimentDef {
  return {
    id: 'tiny',
    topic: 'dnn',
    lesson: 'dnn',
    title: msg('t', 't'),
    claim: msg('c', 'c'),
    setup: msg('s', 's'),
    predict: { question: msg('q', 'q'), choices: [msg('a', 'a')], answer: 0, why: msg('w', 'w') },
    plan: () => plans,
    measure: (runs) => ({ steps: runs.map((r) => r.steps) }),
    verdict: (m) => ({ holds: true, text: msg(JSON.stringify(m), JSON.stringify(m)) }),
    ...extra,
  };
}

describe('ExperimentRunner', () => {
  it('steps the runs in turn, so their curves grow together', () => {
    const r = new ExperimentRunner(def([{ id: 'a', label: msg('a', 'a'), build: () => tinyTask('a', 5) }, { id: 'b', label: msg('b', 'b'), build: () => tinyTask('b', 3) }]), { seed: 1, quick: true });
    r.step();
    r.step();
    expect(r.frame().runs.map((x) => x.steps)).toEqual([1, 1]);
    r.step();
    expect(r.frame().runs.map((x) => x.steps)).toEqual([2, 1]);
    r.runToEnd();
    expect(r.done).toBe(true);
    expect(r.results().map((x) => x.steps)).toEqual([5, 3]);
    expect(r.report().measurements).toEqual({ steps: [5, 3] });
  });

  it('stops a run whose loss is not finite and marks it diverged; the other run finishes', () => {
    const r = new ExperimentRunner(def([{ id: 'bad', label: msg('bad', 'bad'), build: () => tinyTask('bad', 10, 3) }, { id: 'good', label: msg('good', 'good'), build: () => tinyTask('good', 6) }]), { seed: 1, quick: true });
    r.runToEnd();
    const [bad, good] = r.results();
    expect(bad.diverged).toBe(true);
    expect(bad.steps).toBe(3);
    expect(Number.isNaN(bad.losses.at(-1))).toBe(true);
    expect(good.diverged).toBe(false);
    expect(good.steps).toBe(6);
    expect(r.report().runs[0].diverged).toBe(true);
  });

  it('refuses a report before every run is done, and two runs with one id', () => {
    const r = new ExperimentRunner(def([{ id: 'a', label: msg('a', 'a'), build: () => tinyTask('a', 4) }]), { seed: 1, quick: true });
    r.step();
    expect(() => r.report()).toThrow(/before every run finished/);
    const twice: RunPlan = { id: 'a', label: msg('a', 'a'), build: () => tinyTask('a', 1) };
    expect(() => new ExperimentRunner(def([twice, twice]), { seed: 1, quick: true })).toThrow(/share an id/);
  });

  it('calls finish() once, after training, with the model in eval mode and no graph', () => {
    const seen: boolean[] = [];
    const plan: RunPlan = {
      id: 'a',
      label: msg('a', 'a'),
      build: () => tinyTask('a', 2),
      finish: (task, trainer) => {
        seen.push(task.model.training);
        return { steps: trainer.stepsDone };
      },
    };
    const r = runExperiment(def([plan], { measure: (runs) => ({ extra: runs[0].extra }) }), { seed: 1, quick: true });
    expect(seen).toEqual([false]);
    expect(r.measurements).toEqual({ extra: { steps: 2 } });
  });

  it('gives the same report for the same seed (a real run: xor)', () => {
    const d = def([{ id: 'xor', label: msg('x', 'x'), build: () => fromRun('xor', { epochs: 3, seed: 4 }) }], {
      measure: (runs) => ({ loss: runs[0].history.at(-1)!.loss, acc: runs[0].history.at(-1)!.test_accuracy }),
    });
    const a = runExperiment(d, { seed: 4, quick: true });
    const b = runExperiment(d, { seed: 4, quick: true });
    expect(a.measurements).toEqual(b.measurements);
    expect(a.runs[0].final).toEqual(b.runs[0].final === null ? null : { ...b.runs[0].final, examples_per_second: a.runs[0].final!.examples_per_second });
  });

  it('squeeze keeps short curves and averages long ones into equal buckets', () => {
    expect(squeeze([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(squeeze([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(squeeze(Array.from({ length: 1000 }, (_, i) => i), 200)).toHaveLength(200);
  });
});
