import { parse, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import type { Msg } from '../../src/i18n/index.js';
import { lessons as cnnLessons } from '../../src/lessons/cnn/index.js';
import { lessons as dnnLessons } from '../../src/lessons/dnn/index.js';
import { questions as cnn } from '../../src/quiz/bank/cnn.js';
import { questions as dnn } from '../../src/quiz/bank/dnn.js';
import { netFacts } from '../../src/repl/nets/facts.js';
import { receptiveField } from '../../src/quiz/generators/receptive-field.js';
import type { Question } from '../../src/quiz/types.js';
import { expectWellFormedIds, texts, variables } from './bank-helpers.js';

const all: Question[] = [...dnn, ...cnn];
const HAN = /[\u4e00-\u9fff]/;
const CNN_LESSONS = REQUIRED_IDS.filter((id) => id.startsWith('cnn/'));



describe('dnn and cnn question banks', () => {
  it('have at least 80 questions, dnn ≥ 6', () => {
    expect(dnn.length).toBeGreaterThanOrEqual(6);
    expect(cnn.length).toBeGreaterThanOrEqual(74);
    expect(all.length).toBeGreaterThanOrEqual(80);
  });

  it('use unique, well-formed ids under their lesson', () => {
    expectWellFormedIds(all);
  });

  it('point at existing lessons of the right topic', () => {
    for (const q of dnn) {
      expect(q.topic).toBe('dnn');
      expect(q.lesson).toBe('dnn');
    }
    for (const q of cnn) {
      expect(q.topic).toBe('cnn');
      expect((REQUIRED_IDS as readonly string[]).includes(q.lesson), q.id).toBe(true);
    }
  });

  it('cover every cnn lesson with at least 5 questions', () => {
    for (const lesson of CNN_LESSONS) {
      const n = cnn.filter((q) => q.lesson === lesson).length;
      expect(n, lesson).toBeGreaterThanOrEqual(5);
    }
  });

  it('use every kind of question', () => {
    const kinds = new Set(all.map((q) => q.kind));
    for (const k of ['choice', 'numeric', 'formula', 'truefalse', 'order'] as const) expect(kinds.has(k), k).toBe(true);
  });

  it('have non-empty English and Chinese text, with Chinese characters in zh', () => {
    for (const q of all) {
      for (const m of texts(q)) {
        expect(m.en.trim().length, q.id).toBeGreaterThan(0);
        expect(m.zh.trim().length, q.id).toBeGreaterThan(0);
      }
      for (const m of [q.prompt, q.explain, ...(q.hint ? [q.hint] : [])]) expect(HAN.test(m.zh), `${q.id}: ${m.zh}`).toBe(true);
    }
  });

  it('keep prompts short enough for a terminal', () => {
    for (const q of all) {
      expect(q.prompt.en.length, q.id).toBeLessThanOrEqual(300);
      expect(q.prompt.zh.length, q.id).toBeLessThanOrEqual(300);
    }
  });

  it('give a true/false explanation with a reason', () => {
    for (const q of all) {
      if (q.kind !== 'truefalse') continue;
      expect(typeof q.answer).toBe('boolean');
      expect(q.explain.en.length, q.id).toBeGreaterThan(40);
    }
  });

  it('have valid choice answers among ≥ 3 distinct options', () => {
    for (const q of all) {
      if (q.kind !== 'choice') continue;
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.options.length, q.id).toBeLessThanOrEqual(4);
      expect(Number.isInteger(q.answer), q.id).toBe(true);
      expect(q.answer, q.id).toBeGreaterThanOrEqual(0);
      expect(q.answer, q.id).toBeLessThan(q.options.length);
      expect(new Set(q.options.map((o) => o.en)).size, q.id).toBe(q.options.length);
      expect(new Set(q.options.map((o) => o.zh)).size, q.id).toBe(q.options.length);
    }
  });

  it('have finite numeric answers; volumes are three positive whole numbers', () => {
    for (const q of all) {
      if (q.kind !== 'numeric') continue;
      if (Array.isArray(q.answer)) {
        expect(q.answer.length, q.id).toBe(3);
        for (const v of q.answer) {
          expect(Number.isInteger(v), `${q.id}: ${v}`).toBe(true);
          expect(v, q.id).toBeGreaterThan(0);
        }
      } else {
        expect(Number.isFinite(q.answer), q.id).toBe(true);
      }
      if (q.tolerance !== undefined) expect(q.tolerance, q.id).toBeGreaterThan(0);
    }
  });

  it('have order questions with ≥ 3 distinct items', () => {
    for (const q of all) {
      if (q.kind !== 'order') continue;
      expect(q.items.length, q.id).toBeGreaterThanOrEqual(3);
      expect(new Set(q.items.map((i) => i.en)).size, q.id).toBe(q.items.length);
      expect(new Set(q.items.map((i) => i.zh)).size, q.id).toBe(q.items.length);
    }
  });

  it('have formula answers that parse, use only declared vars and evaluate', () => {
    for (const q of all) {
      if (q.kind !== 'formula') continue;
      expect(new Set(q.vars).size, q.id).toBe(q.vars.length);
      const node = parse(q.answer);
      for (const name of variables(node)) expect(q.vars, `${q.id}: ${name}`).toContain(name);
      const scope = Object.fromEntries(q.vars.map((v, i) => [v, 3 + i]));
      const value = node.evaluate(scope) as unknown;
      expect(typeof value === 'number' && Number.isFinite(value), q.id).toBe(true);
    }
  });

  it('compute the standard figures correctly', () => {
    const byId = new Map(all.map((q) => [q.id, q]));
    const answer = (id: string): unknown => {
      const q = byId.get(id);
      if (!q || !('answer' in q)) throw new Error(`missing ${id}`);
      return q.answer;
    };
    expect(answer('cnn/conv/cifar-same')).toEqual([32, 32, 16]);
    expect(answer('cnn/conv/params-5x5x3x16')).toBe(1216);
    expect(answer('cnn/architectures/alexnet-conv1')).toEqual([55, 55, 96]);
    expect(answer('cnn/weight-sharing/alexnet-shared')).toBe(34944);
    expect(answer('cnn/weight-sharing/alexnet-unshared')).toBe(105705600);
    expect(answer('cnn/pooling/overlapping-55')).toEqual([27, 27, 96]);
    expect(answer('cnn/fc/vgg-fc6')).toBe(102764544);
    expect(answer('cnn/architectures/vgg-first-layer')).toBe(1792);
    expect(answer('cnn/volumes/cifar-output')).toEqual([1, 1, 10]);
    expect(answer('dnn/mlp-params')).toBe(79510);
  });

  it('give nothing away by length: the right option is rarely the unique longest or shortest (bank and lesson checks, en and zh)', () => {
    const items: { id: string; options: Msg[]; answer: number }[] = [
      ...all.flatMap((q) => (q.kind === 'choice' ? [{ id: q.id, options: q.options, answer: q.answer }] : [])),
      ...[...dnnLessons, ...cnnLessons].flatMap((l) => l.steps.flatMap((s, i) => (s.kind === 'check' ? [{ id: `${l.id} step ${i + 1}`, options: s.check.options, answer: s.check.answer }] : []))),
    ];
    const len = (m: Msg, lang: 'en' | 'zh') => Array.from(m[lang]).length;
    const unique = (it: (typeof items)[number], cmp: (a: number, b: number) => boolean) =>
      (['en', 'zh'] as const).some((lang) => it.options.every((o, i) => i === it.answer || cmp(len(it.options[it.answer], lang), len(o, lang))));
    const longest = items.filter((it) => unique(it, (a, b) => a > b)).map((it) => it.id);
    const shortest = items.filter((it) => unique(it, (a, b) => a < b)).map((it) => it.id);
    expect(items.length).toBeGreaterThan(45);
    expect(longest.length / items.length, longest.join(', ')).toBeLessThanOrEqual(0.15);
    expect(shortest.length / items.length, shortest.join(', ')).toBeLessThanOrEqual(0.15);
  });

  it('ask for the sigmoid’s range, so that only (0, 1) is right (not merely an interval containing it)', () => {
    const q = all.find((x) => x.id === 'dnn/sigmoid-range')!;
    expect(q.prompt.en).toMatch(/range/);
    expect(q.kind === 'choice' && q.options.map((o) => o.en)).toEqual(['(0, 1)', '[0, 1]', '(−1, 1)', '[0, +∞)']);
  });

  it('the receptive-field generator works with the lesson’s rule r ← r + (F − 1)·jump (no undefined D)', () => {
    for (const seed of [1, 3, 11, 42]) {
      const q = receptiveField.make(seed);
      for (const t of [q.explain.en, q.explain.zh]) {
        expect(t).not.toMatch(/jump·D/);
        expect(t).toMatch(/r = 1 \+ \(\d − 1\)·1 = \d+/);
      }
      expect(q.explain.en).toContain(`sees ${q.kind === 'numeric' ? q.answer : ''}×`);
    }
  });

  it('quote network sizes from the tables `net NAME` uses (one source of truth)', () => {
    const g = all.find((q) => q.id === 'cnn/architectures/googlenet-inception')!;
    const m = (id: string) => (netFacts(id).params / 1e6).toFixed(1);
    expect(g.prompt.en).toContain(`${m('googlenet')} million against ${m('alexnet')} million`);
    expect(g.prompt.zh).toContain(`${Math.round(netFacts('googlenet').params / 1e4)} 万`);
    expect(g.prompt.en).not.toMatch(/4 million/);
    const v = all.find((q) => q.id === 'cnn/architectures/vgg16-params')!;
    expect(v.kind === 'numeric' && v.answer).toBe(Math.round(netFacts('vgg16').params / 1e6));
  });

  it('have formulas that agree with the worked numeric questions', () => {
    const byId = new Map(all.map((q) => [q.id, q]));
    const f = (id: string, scope: Record<string, number>): number => {
      const q = byId.get(id);
      if (!q || q.kind !== 'formula') throw new Error(`missing formula ${id}`);
      return parse(q.answer).evaluate(scope) as number;
    };
    expect(f('cnn/conv/output-formula', { W: 32, F: 5, P: 2, S: 1 })).toBe(32);
    expect(f('cnn/conv/output-formula', { W: 227, F: 11, P: 0, S: 4 })).toBe(55);
    expect(f('cnn/conv/params-formula', { K: 16, F: 5, D: 3 })).toBe(1216);
    expect(f('cnn/pooling/output-formula', { W: 55, F: 3, S: 2 })).toBe(27);
    expect(f('cnn/stride-padding/same-padding-formula', { F: 7 })).toBe(3);
    expect(f('cnn/receptive-field/stack-formula', { L: 3, F: 3 })).toBe(7);
    expect(f('cnn/weight-sharing/unshared-formula', { W2: 55, H2: 55, K: 96, F: 11, D: 3 })).toBe(105705600);
    expect(f('cnn/fc/params-formula', { W: 7, H: 7, D: 512, K: 4096 })).toBe(102764544);
    expect(f('dnn/sigmoid-formula', { z: 0 })).toBeCloseTo(0.5);
    expect(f('dnn/dense-params-formula', { N: 784, M: 100 })).toBe(78500);
  });
});
