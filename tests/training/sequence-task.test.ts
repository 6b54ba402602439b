import { describe, expect, it } from 'vitest';
import { SEQUENCE_RUNS } from '../../src/training/runs/sequence.js';
import { TEXT_RUNS } from '../../src/training/runs/text.js';
import type { Task } from '../../src/training/task.js';
import { mean, trainSteps } from './train-steps.js';

/** Small versions of the runs (same code, shorter sequences and narrower models). */
const SMALL = { hidden: 12, batch: 16, length: 6 } as const;

function built(id: string, o: object = SMALL): Task {
  const run = SEQUENCE_RUNS.find((r) => r.id === id);
  if (!run) throw new Error(`no run ${id}`);
  const r = run.build(o);
  if (!r.ok) throw new Error(r.error.en);
  return r.task;
}

const IDS = ['memory-lstm', 'memory-rnn', 'memory-transformer', 'adding-lstm', 'adding-rnn', 'reverse-lstm', 'reverse-transformer'];

describe('sequence runs', () => {
  it('are the memory, adding and reverse tasks for RNN, LSTM and Transformer', () => {
    expect(SEQUENCE_RUNS.map((r) => r.id)).toEqual(IDS);
    for (const r of SEQUENCE_RUNS) {
      expect(r.topic).toBe('sequence');
      expect(r.accepts).toEqual(expect.arrayContaining(['cell', 'hidden', 'length', 'lr']));
      expect(r.id.endsWith(r.defaults.cell!)).toBe(true);
    }
  });

  it.each(IDS)('%s builds, and a few steps lower the loss', (id) => {
    const task = built(id);
    expect(task.info).toMatchObject({ id, topic: 'sequence', batch: 16 });
    expect(task.info.unit.en).toBe('sequences');
    const losses = trainSteps(task, 60);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)));
    const { train, test } = task.evaluate();
    if (id.startsWith('adding')) {
      expect(test.accuracy).toBeNaN();
      expect(test.loss).toBeGreaterThan(0);
    } else {
      expect(test.accuracy).toBeGreaterThan(0);
      expect(train.accuracy).toBeLessThanOrEqual(1);
    }
  });

  it('--cell switches the model and the title; --length sets the gap', () => {
    const task = built('memory-rnn', { ...SMALL, cell: 'lstm', length: 9 });
    expect(task.info.model).toBe('LSTM, hidden 12, sequences of 10');
    expect(task.info.title.en).toBe('Remember the first symbol (LSTM)');
    expect(task.info.classNames).toEqual(['A', 'B', 'C', 'D']);
  });

  it('a length out of range gets the data\'s message', () => {
    const r = SEQUENCE_RUNS[0].build({ length: 5000 });
    expect(!r.ok && r.error.en).toMatch(/gap must be a whole number from 1 to 1000; got 5000/);
  });

  it('batches count sequences; accuracy counts answer symbols (fractional for reverse)', () => {
    const task = built('reverse-lstm');
    task.startEpoch(0);
    const b = task.batchLoss(0);
    expect(b.examples).toBe(16);
    expect(b.correct! * 6).toBeCloseTo(Math.round(b.correct! * 6), 6);
  });
});

describe('sequence views', () => {
  it('perPosition: test accuracy at each answer position', () => {
    expect(built('reverse-lstm').views().perPosition).toHaveLength(6);
    const p = built('memory-lstm').views().perPosition!;
    expect(p).toHaveLength(1);
    expect(p[0]).toBeGreaterThanOrEqual(0);
    expect(p[0]).toBeLessThanOrEqual(1);
    expect(built('adding-lstm').views().perPosition).toBeUndefined();
  });

  it('perPosition is the last evaluate()\'s test accuracy, position by position', () => {
    const task = built('reverse-lstm');
    trainSteps(task, 20);
    const accuracy = task.evaluate().test.accuracy;
    const p = task.views().perPosition!;
    expect(mean(p)).toBeCloseTo(accuracy, 6);
    trainSteps(task, 20);
    expect(task.views().perPosition).toEqual(p); // until the next evaluation
    const later = task.evaluate().test.accuracy;
    expect(mean(task.views().perPosition!)).toBeCloseTo(later, 6);
  });

  it('gates (LSTM) over one test sequence, labelled by its symbols', () => {
    const g = built('memory-lstm').views().gates!;
    expect(g.tokens).toHaveLength(7);
    expect(g.tokens.slice(1)).toEqual(['·', '·', '·', '·', '·', '·']);
    expect('ABCD').toContain(g.tokens[0]);
    for (const { values } of g.gates) expect(values).toHaveLength(7);
    const adding = built('adding-lstm').views().gates!;
    expect(adding.tokens.filter((t) => t.startsWith('['))).toHaveLength(2); // the two marked numbers
  });

  it('attention (Transformer): a head per matrix, T×T, over one test sequence', () => {
    const a = built('reverse-transformer').views().attention!;
    expect(a.tokens).toHaveLength(12);
    expect(a.tokens.slice(6)).toEqual(Array(6).fill('→'));
    expect(a.heads).toHaveLength(4);
    for (const h of a.heads) expect(h).toHaveLength(144);
    expect(built('memory-rnn').views().attention).toBeUndefined();
  });

  it('views survive a structured clone unchanged (they cross a worker boundary)', () => {
    for (const id of ['memory-lstm', 'reverse-transformer', 'adding-rnn']) {
      const v = built(id).views();
      expect(structuredClone(v)).toEqual(v);
    }
  });
});

describe('text and sequence runs together', () => {
  it('have distinct ids and a title and summary in both languages', () => {
    const all = [...SEQUENCE_RUNS, ...TEXT_RUNS];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of all) {
      for (const m of [r.title, r.summary]) {
        expect(m.en.length).toBeGreaterThan(10);
        expect(m.zh).toMatch(/\p{Script=Han}/u);
      }
    }
  });
});
