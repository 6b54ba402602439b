import { parse, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';
import type { Msg } from '../../src/i18n/index.js';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { questions as lstm } from '../../src/quiz/bank/lstm.js';
import { questions as rnn } from '../../src/quiz/bank/rnn.js';
import { questions as transformer } from '../../src/quiz/bank/transformer.js';
import type { Question } from '../../src/quiz/types.js';
import { expectWellFormedIds, texts, variables } from './bank-helpers.js';

const all: Question[] = [...rnn, ...lstm, ...transformer];
const HAN = /[\u4e00-\u9fff]/;
const SEQ_LESSONS = REQUIRED_IDS.filter((id) => /^(rnn|lstm|transformer)\//.test(id));
const KINDS = ['choice', 'numeric', 'formula', 'truefalse', 'order'] as const;



function byId(id: string): Question {
  const q = all.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

function numericAnswer(id: string): number {
  const q = byId(id);
  if (q.kind !== 'numeric' || Array.isArray(q.answer)) throw new Error(`${id} is not a scalar numeric question`);
  return q.answer;
}

function evalFormula(id: string, scope: Record<string, number>): number {
  const q = byId(id);
  if (q.kind !== 'formula') throw new Error(`${id} is not a formula question`);
  return parse(q.answer).evaluate(scope) as number;
}

describe('rnn, lstm and transformer question banks', () => {
  it('have at least 75 questions', () => {
    expect(all.length).toBeGreaterThanOrEqual(75);
  });

  it('use unique, well-formed ids under their lesson', () => {
    expectWellFormedIds(all);
  });

  it('point at required lessons of the right topic', () => {
    for (const [topic, bank] of [
      ['rnn', rnn],
      ['lstm', lstm],
      ['transformer', transformer],
    ] as const) {
      for (const q of bank) {
        expect(q.topic, q.id).toBe(topic);
        expect(q.lesson.startsWith(topic + '/'), q.id).toBe(true);
        expect((REQUIRED_IDS as readonly string[]).includes(q.lesson), q.id).toBe(true);
      }
    }
  });

  it('cover every rnn, lstm and transformer lesson with at least 5 questions', () => {
    expect(SEQ_LESSONS.length).toBe(12);
    for (const lesson of SEQ_LESSONS) {
      const n = all.filter((q) => q.lesson === lesson).length;
      expect(n, lesson).toBeGreaterThanOrEqual(5);
    }
  });

  it('use every kind of question in every topic', () => {
    for (const bank of [rnn, lstm, transformer]) {
      const kinds = new Set(bank.map((q) => q.kind));
      for (const k of KINDS) expect(kinds.has(k), `${bank[0].topic}: ${k}`).toBe(true);
    }
  });

  it('have non-empty English and Chinese text, with Chinese characters in every zh', () => {
    for (const q of all) {
      for (const m of texts(q)) {
        expect(m.en.trim().length, q.id).toBeGreaterThan(0);
        expect(m.zh.trim().length, q.id).toBeGreaterThan(0);
        expect(HAN.test(m.zh), `${q.id}: ${m.zh}`).toBe(true);
        expect(HAN.test(m.en), `${q.id}: Chinese in en: ${m.en}`).toBe(false);
      }
    }
  });

  it('keep prompts short enough for a terminal', () => {
    for (const q of all) {
      expect(q.prompt.en.length, q.id).toBeLessThanOrEqual(300);
      expect(q.prompt.zh.length, q.id).toBeLessThanOrEqual(300);
    }
  });

  it('give a hint for most questions', () => {
    const withHint = all.filter((q) => q.hint).length;
    expect(withHint / all.length).toBeGreaterThan(0.8);
  });

  it('explain true/false answers with a reason', () => {
    for (const q of all) {
      if (q.kind !== 'truefalse') continue;
      expect(typeof q.answer, q.id).toBe('boolean');
      expect(q.explain.en.length, q.id).toBeGreaterThan(60);
      expect(q.explain.en.startsWith(q.answer ? 'True.' : 'False.'), q.id).toBe(true);
      expect(q.explain.zh.startsWith(q.answer ? '正确' : '错误'), q.id).toBe(true);
    }
  });

  it('have valid choice answers among 3–4 distinct options, spread over positions', () => {
    const positions = new Set<number>();
    for (const q of all) {
      if (q.kind !== 'choice') continue;
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.options.length, q.id).toBeLessThanOrEqual(4);
      expect(Number.isInteger(q.answer), q.id).toBe(true);
      expect(q.answer, q.id).toBeGreaterThanOrEqual(0);
      expect(q.answer, q.id).toBeLessThan(q.options.length);
      expect(new Set(q.options.map((o) => o.en)).size, q.id).toBe(q.options.length);
      expect(new Set(q.options.map((o) => o.zh)).size, q.id).toBe(q.options.length);
      positions.add(q.answer);
    }
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });

  it('have finite numeric answers and sensible tolerances', () => {
    for (const q of all) {
      if (q.kind !== 'numeric') continue;
      const values = Array.isArray(q.answer) ? q.answer : [q.answer];
      for (const v of values) expect(Number.isFinite(v), `${q.id}: ${v}`).toBe(true);
      if (Array.isArray(q.answer)) expect(q.answer.length, q.id).toBe(3);
      if (q.tolerance !== undefined) {
        expect(q.tolerance, q.id).toBeGreaterThan(0);
        // The tolerance must not accept a neighbouring wrong answer: keep it well below the answer's size.
        expect(q.tolerance, q.id).toBeLessThan(Math.max(Math.abs(values[0]) / 5, 1e-3));
      }
      // Non-integer answers need a tolerance, since students type rounded values.
      if (!Array.isArray(q.answer) && !Number.isInteger(q.answer)) expect(q.tolerance, q.id).toBeDefined();
    }
  });

  it('have order questions with ≥ 3 distinct items', () => {
    for (const q of all) {
      if (q.kind !== 'order') continue;
      expect(q.items.length, q.id).toBeGreaterThanOrEqual(3);
      expect(new Set(q.items.map((m) => m.en)).size, q.id).toBe(q.items.length);
      expect(new Set(q.items.map((m) => m.zh)).size, q.id).toBe(q.items.length);
    }
  });

  it('have formula answers that parse with mathjs, use only their declared vars and evaluate to finite numbers', () => {
    for (const q of all) {
      if (q.kind !== 'formula') continue;
      expect(q.vars.length, q.id).toBeGreaterThan(0);
      expect(new Set(q.vars).size, q.id).toBe(q.vars.length);
      const node = parse(q.answer);
      const used = variables(node);
      for (const v of used) expect(q.vars, `${q.id}: ${v}`).toContain(v);
      for (const v of q.vars) expect(used.has(v), `${q.id}: declared ${v} is unused`).toBe(true);
      for (let trial = 0; trial < 5; trial++) {
        const scope = Object.fromEntries(q.vars.map((v, k) => [v, 1.5 + trial * 0.7 + k * 0.3]));
        const y = node.evaluate(scope) as unknown;
        expect(typeof y, q.id).toBe('number');
        expect(Number.isFinite(y as number), q.id).toBe(true);
      }
    }
  });
});

describe('the figures the lessons teach', () => {
  it('vanishing and exploding gains over 50 steps', () => {
    expect(numericAnswer('rnn/gradients/vanish-50')).toBeCloseTo(0.00515, 5);
    expect(Math.round(numericAnswer('rnn/gradients/explode-50'))).toBe(117);
    expect(numericAnswer('rnn/gradients/halving-steps')).toBe(10);
    expect(numericAnswer('rnn/gradients/clip-value')).toBeCloseTo(3, 10);
  });

  it('RNN parameter counts and traces', () => {
    expect(numericAnswer('rnn/recurrence/param-count')).toBe(620);
    expect(numericAnswer('rnn/recurrence/params-unrolled')).toBe(620);
    expect(evalFormula('rnn/recurrence/param-formula', { I: 10, H: 20 })).toBe(620);
    expect(numericAnswer('rnn/recurrence/linear-trace')).toBe(0.25);
    expect(numericAnswer('rnn/recurrence/tanh-step')).toBeCloseTo(0.7616, 4);
    expect(numericAnswer('rnn/long-term/gap')).toBe(7);
    expect(numericAnswer('rnn/long-term/influence')).toBeCloseTo(0.0078125, 10);
  });

  it('LSTM cell update and parameter counts (I = 64, H = 128 → 98,816 / 99,328)', () => {
    expect(numericAnswer('lstm/cell-state/update-value')).toBeCloseTo(1.5, 10);
    expect(evalFormula('lstm/cell-state/update-formula', { f: 0.5, c: 4, i: 0.5, g: -1 })).toBeCloseTo(1.5, 10);
    expect(numericAnswer('lstm/cell-state/carry-t2-t9')).toBeCloseTo(0.6983, 4);
    expect(numericAnswer('lstm/gates/params-one-bias')).toBe(98816);
    expect(numericAnswer('lstm/gates/params-pytorch')).toBe(99328);
    expect(numericAnswer('lstm/gates/params-256')).toBe(526336);
    expect(evalFormula('lstm/gates/params-formula', { I: 64, H: 128 })).toBe(99328);
    expect(numericAnswer('lstm/gates/sigmoid-value')).toBeCloseTo(0.8808, 4);
    expect(numericAnswer('lstm/gates/hidden-value')).toBeCloseTo(0.4526, 4);
    expect(evalFormula('lstm/gates/hidden-formula', { o: 0.5, c: 1.5 })).toBeCloseTo(0.4526, 4);
  });

  it('Transformer shapes and parameter counts (E = 512 → 1,050,624)', () => {
    expect(numericAnswer('transformer/self-attention/score-count')).toBe(100);
    expect(numericAnswer('transformer/self-attention/scaled-score')).toBe(2);
    expect(numericAnswer('transformer/self-attention/softmax')).toBeCloseTo(0.6652, 4);
    expect(numericAnswer('transformer/self-attention/weighted-values')).toBe(3);
    expect(evalFormula('transformer/self-attention/scale-formula', { d: 64 })).toBe(0.125);
    expect(numericAnswer('transformer/multi-head/head-dim')).toBe(64);
    expect(numericAnswer('transformer/multi-head/concat-width')).toBe(512);
    expect(numericAnswer('transformer/multi-head/params')).toBe(1050624);
    expect(evalFormula('transformer/multi-head/params-formula', { E: 512 })).toBe(1050624);
    expect(numericAnswer('transformer/multi-head/score-count')).toBe(800);
    expect(numericAnswer('transformer/encoder/layernorm-value')).toBeCloseTo(1.2247, 4);
    expect(numericAnswer('transformer/encoder/ffn-params')).toBe(2099712);
    expect(evalFormula('transformer/encoder/ffn-formula', { d: 512, f: 2048 })).toBe(2099712);
    expect(numericAnswer('transformer/embeddings/width')).toBe(512);
    expect(numericAnswer('transformer/embeddings/x-entries')).toBe(5120);
    expect(numericAnswer('transformer/embeddings/pe-value')).toBeCloseTo(0.8415, 4);
    expect(evalFormula('transformer/embeddings/pe-formula', { pos: 1, i: 0, d: 512 })).toBe(1);
    expect(evalFormula('transformer/embeddings/pe-formula', { pos: 1, i: 128, d: 512 })).toBeCloseTo(0.01, 10);
    expect(numericAnswer('transformer/decoder/cross-scores')).toBe(70);
    expect(numericAnswer('transformer/decoder/masked-count')).toBe(10);
    expect(evalFormula('transformer/decoder/masked-formula', { n: 5 })).toBe(10);
    expect(numericAnswer('transformer/decoder/masked-weight')).toBeCloseTo(0.5, 10);
    expect(numericAnswer('transformer/summary/mha-layers')).toBe(18);
    expect(numericAnswer('transformer/summary/quadratic')).toBe(1_000_000);
    expect(evalFormula('transformer/summary/score-formula', { h: 8, n: 10 })).toBe(800);
  });

  it('put the encoder block in the order MHA, Add & Norm, Feed Forward, Add & Norm', () => {
    const q = byId('transformer/encoder/block-order');
    if (q.kind !== 'order') throw new Error('not an order question');
    expect(q.items.map((m) => m.en.split(/[:,]/)[0])).toEqual([
      'Multi-head self-attention on the block input X',
      'Add & Norm',
      'Feed forward',
      'Add & Norm',
    ]);
  });

  it('RNN and LSTM items write matrices first (column vectors, Wₓ·xₜ, W·[hₜ₋₁, xₜ]) as the lessons do', () => {
    for (const q of [...rnn, ...lstm]) {
      for (const t of texts(q)) for (const s of [t.en, t.zh]) expect(s, q.id).not.toMatch(/[xh]ₜ(₋₁)?·[WU]/);
    }
    const shape = byId('rnn/recurrence/wh-shape');
    expect(shape.explain.en).toMatch(/is 20×10/);
  });

  it('no Chinese "多/少 N 倍" for "N× as many" (write 是…的 N 倍)', () => {
    for (const q of all) for (const t of texts(q)) expect(t.zh, q.id).not.toMatch(/[多少]了?\s*(\d+|\$\{[^}]+\})\s*倍/);
  });

  it('every item names the lesson step that teaches it', async () => {
    const { lessons: r } = await import('../../src/lessons/rnn/index.js');
    const { lessons: l } = await import('../../src/lessons/lstm/index.js');
    const { lessons: t } = await import('../../src/lessons/transformer/index.js');
    const lessons = [...r, ...l, ...t];
    for (const q of all) {
      expect(q.taught, q.id).toBeDefined();
      const [id, key] = q.taught!.split('#');
      expect(id, q.id).toBe(q.lesson);
      expect(lessons.find((x) => x.id === id)?.steps.some((s) => s.key === key), `${q.id} → ${q.taught}`).toBe(true);
    }
  });
});
