import { describe, expect, it } from 'vitest';
import { relu, sigmoidScalar } from '../../src/engine/index.js';
import { lessons } from '../../src/lessons/dnn/index.js';
import { collapseNumbers, dnnLayer, layerDemoNumbers } from '../../src/lessons/dnn/layer.js';
import { evaluateFormula } from '../../src/lessons/formula.js';
import { plainLesson, topicIds } from './helpers.js';

const plain = (lang: 'en' | 'zh', seed = 1) => plainLesson(dnnLayer, lang, { seed });



describe('dnn lesson', () => {
  it('is the catalog’s dnn lesson, with live formulas and at least three texts', () => {
    expect(lessons.map((l) => l.id)).toEqual(topicIds('dnn'));
    const kinds = dnnLayer.steps.map((s) => s.kind);
    expect(kinds).toContain('formula');
    expect(kinds.filter((k) => k === 'text').length).toBeGreaterThanOrEqual(3);
  });

  it('the layer demo is x·W + b through linear, ReLU and sigmoid, as the engine computes it', () => {
    for (const seed of [1, 2, 3, 7]) {
      const { x, W, b, z, a, s } = layerDemoNumbers(seed);
      const [n, m] = W.shape;
      for (let j = 0; j < m; j++) {
        let sum = b.data[j];
        for (let i = 0; i < n; i++) sum += x.data[i] * W.data[i * m + j];
        expect(z.data[j]).toBeCloseTo(sum, 5);
        expect(a.data[j]).toBe(Math.max(0, z.data[j]));
        expect(s.data[j]).toBeCloseTo(sigmoidScalar(z.data[j]), 6);
      }
      expect(Array.from(relu(z).data)).toEqual(Array.from(a.data));
    }
  });

  it('two linear layers equal one with W₁·W₂', () => {
    for (const seed of [1, 2, 5]) {
      const c = collapseNumbers(seed);
      Array.from(c.twoSteps.data).forEach((v, i) => expect(v).toBeCloseTo(c.oneStep.data[i], 4));
    }
  });

  it('shows the notes formula and the computed numbers in both languages', async () => {
    const en = await plain('en');
    const zh = await plain('zh');
    for (const t of [en, zh]) {
      expect(t).toContain('h = σ(x·W + b)');
      expect(t).toContain('h_t = σ(x_t·w_xt + b)');
      expect(t).toContain('fc 4 -> 3');
    }
    expect(en).toMatch(/4×3, 15 parameters/);
    expect(zh).toMatch(/4×3，15 个参数/);
    // The default neuron: z = 0.5·1 + … prints its result with its digits, not rounded to 3 decimals.
    expect(en).toContain('h = σ(1·0.5 + 2·(−1) + 0.5) = 0.268941…');
  });

  it('the live formulas evaluate', async () => {
    const f = dnnLayer.steps.filter((s) => s.kind === 'formula');
    const neuron = await evaluateFormula((f[0] as Extract<typeof f[0], { kind: 'formula' }>).formula, { x1: 0, x2: 0, b: 0 });
    expect(neuron.result).toBeCloseTo(0.5, 9);
    expect(neuron.note?.en).toMatch(/σ\(0\) = 0.5/);
    // Saturated: the note says how far h still is from 1, so "between 0 and 1" stays visibly true.
    const sat = await evaluateFormula((f[0] as Extract<typeof f[0], { kind: 'formula' }>).formula, { x1: 10, w1: 1, x2: 0, b: 0 });
    expect(sat.note?.en).toContain('h = 1 − 4.5·10⁻⁵');
    expect(sat.note?.zh).toContain('h = 1 − 4.5·10⁻⁵');
    const far = await evaluateFormula((f[0] as Extract<typeof f[0], { kind: 'formula' }>).formula, { x1: 100, w1: 100, x2: 0, b: 0 });
    expect(far.note?.en).toMatch(/result above reads 1; h itself is still below 1/);
    const params = await evaluateFormula((f[1] as Extract<typeof f[1], { kind: 'formula' }>).formula, { n: 3072, m: 100 });
    expect(params.result).toBe(307_300);
  });
});

describe('the activation chart (issue 12)', () => {
  it('draws each curve in its own chart, so sigmoid spans several rows and ReLU’s 0s are not hidden', async () => {
    const step = dnnLayer.steps.find((s) => s.kind === 'demo' && /side by side/.test(JSON.stringify(s.title))) as unknown as { run: (env: unknown) => unknown } | undefined;
    expect(step).toBeDefined();
    const blocks = (await step!.run({ seed: 1 })) as { kind: string; series?: { values: number[] }[] }[];
    const charts = blocks.filter((b) => b.kind === 'chart');
    expect(charts).toHaveLength(3);
    for (const c of charts) expect(c.series).toHaveLength(1);
    const text = await plain('en');
    const sig = text.slice(text.indexOf('sigmoid: from near 0'));
    const rows = sig.split('\n').slice(1, 8).filter((l) => /┤.*\*/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });
});
