import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRun, findRun, RUNS } from '../../src/training/runs/registry.js';
import type { Task } from '../../src/training/task.js';
import { BOUNDARY_RES, NEURON_RES } from '../../src/training/tasks/points.js';
import { MAX_WRONG } from '../../src/training/tasks/digits.js';
import { Trainer } from '../../src/training/trainer.js';
import { loadLessonCorpus } from '../../src/training/data/lesson-text.js';

// Text runs take the lessons' prose, loaded on demand.
beforeAll(() => loadLessonCorpus());

const dir = mkdtempSync(join(tmpdir(), 'nnlearn-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Two blobs of points in a file, 40 rows. */
const goodCsv = (): string => csvFile('good.csv', Array.from({ length: 40 }, (_, i) => `${(i % 2 ? 1 : -1) + (i % 7) * 0.01},${(i % 5) * 0.1},${i % 2 ? 'red' : 'blue'}`).join('\n'));

function built(id: string, o = {}): Task {
  const r = buildRun(id, o);
  if (!r.ok) throw new Error(`${id}: ${r.error.en}`);
  return r.task;
}

describe('the runs registry', () => {
  it('has the 2D runs, csv, both digits runs, the text and the sequence runs, each described in both languages, accepts naming only real options', () => {
    expect(RUNS.map((r) => r.id)).toEqual([
      'spiral',
      'circles',
      'xor',
      'gaussian',
      'csv',
      'digits',
      'digits-mlp',
      'text-lstm',
      'text-rnn',
      'text-transformer',
      'memory-lstm',
      'memory-rnn',
      'memory-transformer',
      'adding-lstm',
      'adding-rnn',
      'reverse-lstm',
      'reverse-transformer',
    ]);
    for (const r of RUNS) {
      expect(r.summary.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.title.zh.length).toBeGreaterThan(0);
      for (const k of Object.keys(r.defaults)) expect(r.accepts).toContain(k);
    }
  });

  it('every run builds with its defaults and takes a step', () => {
    for (const r of RUNS) {
      const task = built(r.id, r.id === 'csv' ? { data: goodCsv() } : {});
      expect(task.info.id).toBe(r.id);
      expect(task.info.topic).toBe(r.topic);
      const t = new Trainer(task);
      const s = t.step();
      expect(Number.isFinite(s.loss)).toBe(true);
      expect(s.grads.length).toBeGreaterThan(0);
      // Text counts characters and batches windows of them; the others batch the examples they count.
      if (r.topic === 'text') expect(task.info.stepsPerEpoch).toBeGreaterThan(0);
      else expect(task.info.stepsPerEpoch).toBe(Math.ceil(task.info.trainSize / task.info.batch));
    }
  });

  it('an unknown run gets a did-you-mean; an option the run does not use is named with the ones it does', () => {
    const typo = findRun('sprial');
    expect(!typo.ok && typo.error.en).toContain('There is no run "sprial". Did you mean spiral?');
    const foreign = buildRun('digits', { noise: 0.1 });
    expect(!foreign.ok && foreign.error.en).toBe('digits does not use --noise. Its options: --net --lr --optimizer --batch --epochs --seed --activation.');
    expect(!foreign.ok && foreign.error.zh).toContain('digits 不使用 --noise');
  });

  it('options reach the task: lr, batch, epochs, optimizer, hidden, classes', () => {
    const t = built('gaussian', { lr: 0.2, batch: 10, epochs: 3, optimizer: 'momentum', hidden: 5, classes: 4, points: 100, testSplit: 0.2 });
    expect(t.info).toMatchObject({ lr: 0.2, batch: 10, epochs: 3, optimizer: 'momentum', trainSize: 80, testSize: 20, stepsPerEpoch: 8, model: '2 → fc 5 → relu → fc 5 → relu → fc 4' });
  });

  it('data problems pass through as messages: xor has 2 classes; csv needs --data; a bad row is named', () => {
    const xor = buildRun('xor', { classes: 3 });
    expect(!xor.ok && xor.error.en).toContain('xor has exactly 2 classes');
    const none = buildRun('csv', {});
    expect(!none.ok && none.error.en).toContain('csv needs your points file: --data file.csv');
    const bad = buildRun('csv', { data: csvFile('bad.csv', '0,0,a\n1,1,b\n1,abc,a\n') });
    expect(!bad.ok && bad.error.en).toContain('Row 3: y is "abc", which is not a number.');
    const missing = buildRun('csv', { data: join(dir, 'nope.csv') });
    expect(!missing.ok && missing.error.en).toContain('There is no file');
  });

  it('a batch too big for the net’s memory names the largest that fits; --net with --activation or --hidden is refused', () => {
    const big = buildRun('digits', { batch: 10000 });
    expect(!big.ok && big.error.en).toMatch(/^--batch 10000 is too large for this net: each example makes [\d,]+ numbers kept for backward, so a batch of 10000 would not fit in memory\. Use --batch \d+ or less\.$/);
    expect(buildRun('spiral', { batch: 10000 }).ok).toBe(true);
    const both = buildRun('spiral', { net: '2 | fc 2', activation: 'tanh', hidden: 4 });
    expect(!both.ok && both.error.en).toBe('--net gives the whole network, and --activation and --hidden only shape the default one: give one or the other (write the activations and widths in the chain).');
  });

  it('a --net chain whose outputs do not match the classes is refused', () => {
    const r = buildRun('spiral', { classes: 3, net: '2 | fc 8 | relu | fc 2' });
    expect(!r.ok && r.error.en).toContain('but the data has 3 classes');
  });

  it('the default spiral run learns: ≥ 90 % test accuracy at seed 1', () => {
    const t = new Trainer(built('spiral', { seed: 1 }));
    while (!t.done) t.step();
    expect(t.history).toHaveLength(t.info.epochs);
    expect(t.history.at(-1)!.test_accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('views', () => {
  it('points: boundary, points, each hidden neuron, confusion', () => {
    const task = built('circles', { classes: 3, hidden: 6, points: 120 });
    const t = new Trainer(task);
    t.step();
    const v = t.views();
    expect(v.boundary!.res).toBe(BOUNDARY_RES);
    expect(v.boundary!.classes).toBe(3);
    expect(v.boundary!.predicted).toHaveLength(BOUNDARY_RES ** 2);
    expect(v.boundary!.confidence).toHaveLength(BOUNDARY_RES ** 2);
    expect(Math.max(...v.boundary!.predicted)).toBeLessThan(3);
    for (const c of v.boundary!.confidence) expect(c >= 1 / 3 - 1e-6 && c <= 1).toBe(true);
    expect(v.points!.train.xy).toHaveLength(task.info.trainSize * 2);
    expect(v.points!.test.labels).toHaveLength(task.info.testSize);
    expect(v.neurons!.map((n) => [n.layer, n.res, n.units.length])).toEqual([
      ['fc1', NEURON_RES, 6],
      ['fc2', NEURON_RES, 6],
    ]);
    for (const u of v.neurons![0].units) expect(u).toHaveLength(NEURON_RES ** 2);
    const counts = v.confusion!.counts;
    expect(counts).toHaveLength(3);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(task.info.testSize);
    // structured clone (the worker boundary) keeps them unchanged
    expect(structuredClone(v)).toEqual(v);
  });

  it('the boundary grid runs from the top-left (−1, +1): a net that answers "y > 0" paints the top half', () => {
    const task = built('gaussian', { net: '2 | fc 2' });
    const fc = task.model.parameters();
    fc[0].data.set([0, -1, 0, 1]); // class 1 score = y, class 0 score = −y
    fc[1].data.set([0, 0]);
    const v = new Trainer(task).views();
    expect(v.boundary!.predicted[0]).toBe(1);
    expect(v.boundary!.predicted[BOUNDARY_RES ** 2 - 1]).toBe(0);
    expect(v.neurons).toEqual([]);
  });

  it('digits (LeNet-5): filters, feature maps of one test digit, confusion over the test split, wrong digits', () => {
    const task = built('digits');
    expect(task.info.model).toBe('LeNet-5');
    expect(task.info.parameters).toBe(61706);
    const t = new Trainer(task);
    t.step();
    const v = t.views();
    expect(v.filters!.size).toBe(5);
    expect(v.filters!.weights).toHaveLength(6);
    for (const w of v.filters!.weights) expect(w).toHaveLength(25);
    expect(v.featureMaps!.side).toBe(28);
    expect(v.featureMaps!.pixels).toHaveLength(784);
    expect(v.featureMaps!.mapSide).toBe(28);
    expect(v.featureMaps!.maps).toHaveLength(6);
    for (const m of v.featureMaps!.maps) expect(m).toHaveLength(28 * 28);
    expect(v.confusion!.counts.flat().reduce((a, b) => a + b, 0)).toBe(2000);
    expect(v.wrong!.length).toBeGreaterThan(0);
    expect(v.wrong!.length).toBeLessThanOrEqual(MAX_WRONG);
    for (const w of v.wrong!) {
      expect(w.pixels).toHaveLength(784);
      expect(w.label).not.toBe(w.predicted);
    }
  });

  it('digits-mlp: the first layer’s weights as 28×28 pictures, no feature maps', () => {
    const task = built('digits-mlp');
    expect(task.info.model).toBe('MLP 784 → fc 77 → relu → fc 10');
    const t = new Trainer(task);
    const v = t.views();
    expect(v.filters!.size).toBe(28);
    expect(v.filters!.weights).toHaveLength(77);
    expect(v.filters!.weights[0]).toHaveLength(784);
    expect(v.featureMaps).toBeUndefined();
  });
});
