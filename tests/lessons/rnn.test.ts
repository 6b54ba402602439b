import { describe, expect, it } from 'vitest';
import { clipGradNorm, randNormal, rnnBpttGradNorms, rnnCell, Tensor } from '../../src/engine/index.js';
import { lessons } from '../../src/lessons/rnn/index.js';
import { gradientRuns, GAINS, STEPS } from '../../src/lessons/rnn/gradients.js';
import { gapCurve, subjectExperiment } from '../../src/lessons/rnn/long-term.js';
import { orthogonal } from '../../src/engine/random.js';
import { textOf } from '../../src/lessons/types.js';
import { plainLesson, topicIds } from './helpers.js';

const plain = (id: string, lang: 'en' | 'zh', width = 80, seed = 1) => plainLesson(lessons.find((x) => x.id === id)!, lang, { seed, width });



describe('rnn lessons', () => {
  it('are in the catalog’s teaching order', () => {
    expect(lessons.map((l) => l.id)).toEqual(topicIds('rnn'));
  });

  it('each has a live formula, as the notes do', () => {
    for (const l of lessons) expect(l.steps.some((s) => s.kind === 'formula'), l.id).toBe(true);
  });

  it('recurrence: the scalar table is the engine’s rnnCell and the formula', async () => {
    const text = await plain('rnn/recurrence', 'en');
    const m = /wₓ\s+(\S+)\n\s+wₕ\s+(\S+)\n\s+b\s+(\S+)/.exec(text)!;
    const [wx, wh, b] = m.slice(1).map(Number);
    const row1 = /\n\s+1\s+1\.0\s+0\.000\s+(\S+)\s+(\S+)/.exec(text)!;
    const h1 = rnnCell(new Tensor([1], [1]), null, { weightIh: new Tensor([1, 1], [wx]), weightHh: new Tensor([1, 1], [wh]), biasIh: new Tensor([1], [b]) });
    expect(Number(row1[1])).toBeCloseTo(wx + b, 3);
    expect(Number(row1[2])).toBeCloseTo(h1.data[0], 3);
    expect(Number(row1[2])).toBeCloseTo(Math.tanh(wx + b), 3);
    expect(text).toContain('hₜ = σ(xₜ·wₓ + hₜ₋₁·wₕ + b)');
  });

  it('long-term: the subject at step 2 fades by step 9, and the gap chart falls', () => {
    const e = subjectExperiment(1);
    expect(e.diffs[0]).toBe(0);
    expect(e.diffs[1]).toBeGreaterThan(0);
    expect(e.diffs[8]).toBeLessThan(e.diffs[1] * 0.2);
    const c = gapCurve(1);
    expect(c[0]).toBe(1);
    expect(c[40]).toBeLessThan(c[7]);
    expect(c[7]).toBeLessThan(c[1]);
  });

  it('gradients: gain^50 from h₅₀ back to h₀, and clip_grad_norm_ scales all 51 by one factor (the vanishing run too)', () => {
    const runs = gradientRuns(1);
    expect(runs.map((r) => r.gain)).toEqual([...GAINS]);
    for (const r of runs) {
      expect(r.raw).toHaveLength(STEPS + 1);
      expect(r.raw[STEPS]).toBeCloseTo(1, 6);
      // Orthogonal Wₕ and tanh′ ≈ 1: the norm is gain^(steps back).
      expect(r.raw[0] / r.gain ** STEPS).toBeCloseTo(1, 2);
      // One common factor min(1, 1/total) for every step.
      expect(r.global.coef).toBeCloseTo(Math.min(1, 1 / r.global.totalNorm), 4);
      r.clipped.forEach((c, t) => expect(c / r.raw[t], `t=${t}`).toBeCloseTo(r.global.coef, 5));
    }
    const [v, , e] = runs;
    expect(e.raw[0]).toBeGreaterThan(100);
    expect(Math.hypot(...e.clipped)).toBeCloseTo(1, 4);
    // The vanishing run is above max_norm in total too, so its tiny early gradient shrinks further (by ≈ 0.436).
    expect(v.global.totalNorm).toBeGreaterThan(1);
    expect(v.global.first).toBeLessThan(v.raw[0]);
    expect(v.global.coef).toBeCloseTo(0.436, 2);
    // Global clipping keeps the ratio between far and near steps.
    expect(e.global.first / e.global.last).toBeCloseTo(e.raw[0] / e.raw[STEPS], 3);
  });

  it('gradients: the clipping check agrees with the clipping demo (scaled by the common factor, not left alone)', () => {
    const checks = lessons[2].steps.filter((s) => s.kind === 'check');
    const clip = checks.find((c) => c.kind === 'check' && /clip_grad_norm_/.test(textOf(c.check.question, { lang: 'en', seed: 1 }).en));
    expect(clip).toBeDefined();
    if (clip?.kind !== 'check') return;
    expect(clip.check.options[clip.check.answer].en).toMatch(/same factor/);
    expect(clip.check.explain.en).not.toMatch(/unchanged|nothing/i);
  });

  it('the orthogonal matrix is orthogonal and the chart is a log chart', async () => {
    const Q = orthogonal(16, 5);
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 16; j++) {
        let d = 0;
        for (let k = 0; k < 16; k++) d += Q.data[i * 16 + k] * Q.data[j * 16 + k];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    const step = lessons[2].steps.find((s) => s.kind === 'demo')!;
    const blocks = step.kind === 'demo' ? step.run({ lang: 'en', seed: 1 }) : [];
    const charts = blocks.filter((b) => b.kind === 'chart');
    expect(charts).toHaveLength(1);
    for (const c of charts) expect(c.kind === 'chart' && c.log && c.series.length === 3 && c.series[0].values.length === STEPS + 1).toBe(true);
  });

  it('clipGradNorm and rnnBpttGradNorms agree with the lesson on a direct call', () => {
    const x = randNormal([3, 2], 1);
    const r = rnnBpttGradNorms(x, null, { weightIh: randNormal([4, 2], 2), weightHh: randNormal([4, 4], 3) });
    expect(r.gradNorms.data[2]).toBeCloseTo(2, 5);
    expect(clipGradNorm([new Tensor([2], [3, 4])], 1).coef).toBeCloseTo(0.2, 5);
  });

  it('long-term counts right: six words between "cats" and "were", seven rewrites of h (both languages)', async () => {
    const en = (await plain('rnn/long-term', 'en', 200)).replace(/\s+/g, ' ');
    expect(en).toMatch(/Six words come between them/);
    expect(en).toMatch(/rewritten seven times/);
    expect(en).not.toMatch(/seven other words/);
    const zh = await plain('rnn/long-term', 'zh', 200);
    expect(zh).toMatch(/隔着六个词/);
    expect(zh).toMatch(/共被改写七次/);
    expect(zh).not.toMatch(/七个别的词/);
  });

  it('gradients: vanishing/exploding is taught as a deep-network problem, worst in RNNs because Wₕ is the same at every step', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const t = (await plain('rnn/gradients', lang, 200)).replace(lang === 'en' ? /\s+/g : /\n/g, lang === 'en' ? ' ' : '');
      if (lang === 'en') {
        expect(t).toMatch(/not an RNN invention/);
        for (const fix of ['ReLU', 'Xavier or He', 'BatchNorm', 'residual connections']) expect(t).toContain(fix);
        expect(t).toMatch(/same weight matrix at every time step/);
      } else {
        expect(t).toMatch(/并不是 RNN 独有的/);
        for (const fix of ['ReLU', 'Xavier 或 He', 'BatchNorm', '残差连接']) expect(t).toContain(fix);
      }
    }
  });

  it('no Chinese "多/少 N 倍" in the RNN, LSTM and Transformer lessons (是…的 N 倍 / 只有…的 1/N)', async () => {
    const { lessons: l } = await import('../../src/lessons/lstm/index.js');
    const { lessons: t } = await import('../../src/lessons/transformer/index.js');
    for (const lesson of [...lessons, ...l, ...t]) {
      const zh = (await plainLesson(lesson, 'zh', { seed: 1, width: 200 })).replace(/\n/g, '');
      expect(zh, lesson.id).not.toMatch(/[多少]了?\s*\d+\s*倍/);
    }
  });

  it('reads in Chinese too', async () => {
    const zh = await plain('rnn/long-term', 'zh');
    expect(zh).toContain('单复数');
    expect(zh).toContain('The cats that we saw in the yard were');
  });
});
