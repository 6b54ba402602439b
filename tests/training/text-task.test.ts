import { beforeAll, describe, expect, it } from 'vitest';
import { corpusOf } from '../../src/training/data/text.js';
import { msg } from '../../src/i18n/index.js';
import { TEXT_RUNS } from '../../src/training/runs/text.js';
import type { Task } from '../../src/training/task.js';
import { SAMPLE_CHARS, SAMPLE_PROMPT_CHARS, TextTask, VIEW_CHARS } from '../../src/training/tasks/text.js';
import { mean, trainSteps } from './train-steps.js';
import { loadLessonCorpus } from '../../src/training/data/lesson-text.js';

// Text runs take the lessons' prose, loaded on demand.
beforeAll(() => loadLessonCorpus());

/** The runs shrunk so a test trains them in a moment (same code, smaller numbers). */
const SMALL = { hidden: 16, batch: 8, length: 16 } as const;

function built(id: string, o: object = SMALL): Task {
  const run = TEXT_RUNS.find((r) => r.id === id);
  if (!run) throw new Error(`no run ${id}`);
  const r = run.build(o);
  if (!r.ok) throw new Error(r.error.en);
  return r.task;
}

describe('text runs', () => {
  it('are text-lstm (the default), text-rnn and text-transformer, with the issue\'s char-LSTM', () => {
    expect(TEXT_RUNS.map((r) => r.id)).toEqual(['text-lstm', 'text-rnn', 'text-transformer']);
    expect(TEXT_RUNS[0].defaults).toMatchObject({ cell: 'lstm', hidden: 128, length: 64, batch: 32 });
    for (const r of TEXT_RUNS) {
      expect(r.topic).toBe('text');
      expect(r.accepts).toContain('text');
      expect(r.accepts).not.toContain('net');
    }
  });

  it.each(['text-lstm', 'text-rnn', 'text-transformer'])('%s builds, and a few steps lower the loss', (id) => {
    const task = built(id);
    expect(task.info).toMatchObject({ id, topic: 'text', batch: 8 });
    expect(task.info.unit.en).toBe('characters');
    expect(task.info.parameters).toBe(task.model.parameters().reduce((s, p) => s + p.size, 0));
    const losses = trainSteps(task, 40);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.5);
    const { train, test } = task.evaluate();
    for (const s of [train, test]) {
      expect(s.loss).toBeGreaterThan(0);
      expect(s.accuracy).toBeGreaterThan(0);
      expect(s.accuracy).toBeLessThanOrEqual(1);
    }
  });

  it('counts characters as examples and next characters as right answers', () => {
    const task = built('text-lstm');
    task.startEpoch(0);
    const b = task.batchLoss(0);
    expect(b.examples).toBe(8 * 16);
    expect(b.correct).toBeGreaterThanOrEqual(0);
    expect(b.correct).toBeLessThanOrEqual(b.examples);
  });

  it('--cell switches the model; the Chinese lessons give a Chinese corpus', () => {
    const task = built('text-lstm', { ...SMALL, cell: 'transformer', lang: 'zh' });
    expect(task.info.model).toMatch(/^char-Transformer, d 16/);
    expect(task.views().attention).toBeDefined();
    expect((task as TextTask).corpus.text).toContain('遗忘门');
  });

  it('refuses what cannot work, with a message in both languages', () => {
    const run = TEXT_RUNS[0];
    const missing = run.build({ text: '/nonexistent/book.txt' });
    expect(!missing.ok && missing.error.en).toMatch(/no file "\/nonexistent\/book\.txt"/);
    const long = run.build({ length: 256, text: undefined, testSplit: 0.001, lang: 'en' });
    expect(long.ok).toBe(true); // the lessons are long enough even for the longest window
    const wide = run.build({ hidden: 100_000 });
    expect(!wide.ok && wide.error.zh).toMatch(/--hidden/);
    const big = run.build({ batch: 2048, length: 64 });
    expect(!big.ok && big.error.en).toMatch(/131072 characters; at most 65536/);
    const cell = run.build({ cell: 'gru' as never });
    expect(!cell.ok && cell.error.en).toMatch(/rnn, lstm or transformer/);
  });
});

describe('text views', () => {
  it('sample: a prompt from the corpus and 120 generated characters, the same for the same seed', () => {
    const a = built('text-lstm').views().sample!;
    const b = built('text-lstm').views().sample!;
    expect([...a.prompt]).toHaveLength(SAMPLE_PROMPT_CHARS);
    expect([...a.text]).toHaveLength(SAMPLE_CHARS);
    expect(a).toEqual(b);
    const other = built('text-lstm', { ...SMALL, seed: 2 }).views().sample!;
    expect(other.text).not.toBe(a.text);
  });

  it('sample: the Transformer and the RNN sample too, and stay seeded', () => {
    for (const id of ['text-rnn', 'text-transformer']) {
      expect(built(id).views().sample).toEqual(built(id).views().sample);
    }
  });

  it('gates (LSTM): input, forget and output means per step of one sequence, in [0, 1]', () => {
    const g = built('text-lstm').views().gates!;
    expect(g.tokens).toHaveLength(VIEW_CHARS);
    expect(g.gates.map((x) => x.name)).toEqual(['input', 'forget', 'output']);
    for (const { values } of g.gates) {
      expect(values).toHaveLength(VIEW_CHARS);
      for (const v of values) expect(v > 0 && v < 1).toBe(true);
    }
    expect(built('text-rnn').views().gates).toBeUndefined();
  });

  it('gates are the LSTM\'s own: the forget gate starts open (bias 1), so its mean is above one half', () => {
    const g = built('text-lstm').views().gates!;
    expect(mean(Array.from(g.gates[1].values))).toBeGreaterThan(mean(Array.from(g.gates[0].values)));
  });

  it('attention (Transformer): one T×T matrix per head, causal rows summing to 1', () => {
    const a = built('text-transformer').views().attention!;
    const T = a.tokens.length;
    expect(T).toBe(VIEW_CHARS);
    expect(a.heads).toHaveLength(4);
    for (const h of a.heads) {
      expect(h).toHaveLength(T * T);
      for (let q = 0; q < T; q++) {
        const row = Array.from(h.subarray(q * T, (q + 1) * T));
        expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
        expect(row.slice(q + 1).every((x) => x === 0)).toBe(true); // no look at later characters
      }
    }
  });

  it('views survive a structured clone unchanged (they cross a worker boundary)', () => {
    const v = built('text-lstm').views();
    expect(structuredClone(v)).toEqual(v);
  });
});

describe('TextTask on a small corpus', () => {
  it('holds the last testSplit of the text out as the test part', () => {
    const text = 'abcdefghij'.repeat(90) + 'WXYZ'.repeat(25);
    const c = corpusOf(text, msg('t', 't'));
    const task = new TextTask(c, { id: 't', cell: 'rnn', hidden: 8, window: 10, batch: 4, epochs: 1, lr: 0.01, optimizer: 'adam', seed: 1, testSplit: 0.1 }, msg('t', 't'));
    expect([task.info.trainSize, task.info.testSize]).toEqual([900, 100]);
    expect(task.info.stepsPerEpoch).toBe(Math.ceil(900 / 40));
    expect(task.views().sample!.prompt).toMatch(/^[WXYZ]+$/);
    const n = task.startEpoch(0);
    for (let i = 0; i < n; i++) expect(task.batchLoss(i).examples).toBe(40);
  });
});
