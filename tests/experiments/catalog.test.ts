/**
 * The experiments as a catalog: at least the thirteen, every topic of
 * the notes covered, every field in both languages, labels short enough for
 * the screen's rows, a lesson that exists, a prediction whose answer is one of
 * its choices, and distinct run ids in both variants.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { LESSONS } from '../../src/lessons/all.js';
import { sw } from '../../src/view/layout.js';

const CJK = /[\u4e00-\u9fff]/;

describe('the experiments catalog', () => {
  beforeAll(async () => {
    for (const e of EXPERIMENTS) await e.prepare?.();
  });

  it('holds at least the thirteen experiments of the issue, across all five topics', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    for (const id of ['no-nonlinearity', 'fc-vs-cnn', 'weight-sharing', 'pooling', 'rnn-vs-lstm', 'exploding-gradients', 'vanishing-gradients', 'forget-gate', 'positional-encoding', 'residual-layernorm', 'masked-attention', 'parallel-training', 'multi-head'])
      expect(ids).toContain(id);
    expect(new Set(EXPERIMENTS.map((e) => e.topic))).toEqual(new Set(['dnn', 'cnn', 'rnn', 'lstm', 'transformer']));
  });

  it('has unique kebab-case ids', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const e of EXPERIMENTS) {
    describe(e.id, () => {
      it('names a lesson that exists', () => {
        expect(LESSONS.map((l) => l.id)).toContain(e.lesson);
      });

      it('says everything in English and Chinese', () => {
        for (const m of [e.title, e.claim, e.setup, e.predict.question, e.predict.why, ...e.predict.choices]) {
          expect(m.en.trim()).not.toBe('');
          expect(m.zh.trim()).not.toBe('');
          expect(m.zh).toMatch(CJK);
        }
      });

      it('asks a prediction whose answer is one of its choices', () => {
        expect(e.predict.choices.length).toBeGreaterThanOrEqual(2);
        expect(Number.isInteger(e.predict.answer)).toBe(true);
        expect(e.predict.answer).toBeGreaterThanOrEqual(0);
        expect(e.predict.answer).toBeLessThan(e.predict.choices.length);
      });

      it('plans runs with distinct ids and short labels, in both variants', () => {
        for (const quick of [true, false]) {
          const runs = e.plan({ seed: 1, quick });
          // Most compare two or more; forget-gate opens one trained LSTM up (its interventions are measured after training).
          expect(runs.length).toBeGreaterThanOrEqual(1);
          expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
          for (const r of runs) {
            expect(sw(r.label.en)).toBeLessThanOrEqual(24);
            expect(sw(r.label.zh)).toBeLessThanOrEqual(24);
          }
        }
      });
    });
  }
});
