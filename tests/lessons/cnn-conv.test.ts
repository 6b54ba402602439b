/**
 * The cnn lessons on volumes, layers and convolution (why-cnn … weight-sharing),
 * imported directly so they are checked on their own.
 */
import { describe, expect, it } from 'vitest';
import { conv2dBackward, runOp, Tensor } from '../../src/engine/index.js';
import { receptiveFieldAfter } from '../../src/teach/index.js';
import { conv, slideNumbers } from '../../src/lessons/cnn/conv.js';
import { drawFlatten, drawLayerStack, drawReceptiveField, drawSlidingWindow, drawStackedField, drawStridePadding, drawVolumes3d, drawWeightSharing } from '../../src/lessons/cnn/conv-diagrams.js';
import { forwardNumbers, layers } from '../../src/lessons/cnn/layers.js';
import { impulseNumbers, pokeNumbers, receptiveField } from '../../src/lessons/cnn/receptive-field.js';
import { floorNumbers, stridePadding } from '../../src/lessons/cnn/stride-padding.js';
import { scoreNumbers, volumes } from '../../src/lessons/cnn/volumes.js';
import { shareNumbers, slicesNumbers, weightSharing } from '../../src/lessons/cnn/weight-sharing.js';
import { countRows, shiftNumbers, whyCnn } from '../../src/lessons/cnn/why-cnn.js';
import { evaluateFormula } from '../../src/lessons/formula.js';
import type { Lesson } from '../../src/lessons/types.js';
import { makeTheme } from '../../src/view/style.js';
import stringWidth from 'string-width';
import { formulas, plainLesson, topicIds } from './helpers.js';

const plain = (lesson: Lesson, lang: 'en' | 'zh', seed = 1, width = 80) => plainLesson(lesson, lang, { seed, width });

const MINE: Lesson[] = [whyCnn, volumes, layers, conv, receptiveField, stridePadding, weightSharing];



describe('cnn lessons: why-cnn … weight-sharing', () => {
  it('come first in the cnn index, in the catalog’s teaching order', async () => {
    const { lessons } = await import('../../src/lessons/cnn/index.js');
    expect(lessons.map((l) => l.id)).toEqual(topicIds('cnn'));
    expect(lessons.slice(0, MINE.length)).toEqual(MINE);
  });

  it('have a live formula where the notes have one', () => {
    for (const l of [whyCnn, conv, receptiveField, stridePadding, weightSharing]) expect(formulas(l).length, l.id).toBeGreaterThan(0);
  });

  it('diagrams fit 80 and 120 columns in both languages', () => {
    for (const draw of [drawFlatten, drawVolumes3d, drawLayerStack, drawSlidingWindow, drawReceptiveField, drawStackedField, drawStridePadding, drawWeightSharing]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const width of [80, 120]) {
          const lines = draw({ lang, width, theme: makeTheme(3) });
          expect(lines.length).toBeGreaterThan(3);
          for (const line of lines) expect(stringWidth(line), `${draw.name} ${lang} ${width}: ${line}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('why-cnn: 3,072 and 120,000 weights per FC neuron; conv counts do not depend on the image', async () => {
    const rows = countRows(1);
    expect(rows[0].fcNeuron).toBe(3072);
    expect(rows[1].fcNeuron).toBe(120_000);
    expect(new Set(rows.map((r) => r.convLayer))).toEqual(new Set([16 * (5 * 5 * 3 + 1)]));
    for (const lang of ['en', 'zh'] as const) {
      const t = await plain(whyCnn, lang);
      expect(t).toContain('3,072');
      expect(t).toContain('120,000');
      expect(t).toContain('1,216');
    }
    const en = await plain(whyCnn, 'en');
    expect(en).toMatch(/spatial information/);
    expect(en).toMatch(/hard to train/);
    expect(en).toMatch(/overfit/);
    expect(await plain(whyCnn, 'zh')).toMatch(/过拟合/);
  });

  it('why-cnn: the feature map moves with the pattern', () => {
    for (const seed of [1, 2, 3, 4]) {
      const n = shiftNumbers(seed);
      const [, OH, OW] = n.mapA.shape;
      for (let i = 0; i < OH; i++) for (let j = 0; j + 1 < OW; j++) expect(n.mapB.get(0, i, j + 1)).toBe(n.mapA.get(0, i, j));
    }
  });

  it('volumes: CIFAR-10 32×32×3 in, 1×1×10 out, scores along depth', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const t = await plain(volumes, lang);
      expect(t).toContain('32×32×3');
      expect(t).toContain('1×1×10');
    }
    expect(await plain(volumes, 'en')).toMatch(/number of layers|how many layers/);
    expect(scoreNumbers(1).scores.shape).toEqual([10, 1, 1]);
  });

  it('layers: a real forward pass keeps the shapes the rules give', () => {
    const n = forwardNumbers(3);
    expect(n.conv.shape).toEqual([2, 6, 6]);
    expect(n.act.shape).toEqual([2, 6, 6]);
    expect(n.pooled.shape).toEqual([2, 3, 3]);
    expect(n.scores.shape).toEqual([1, 3]);
    expect(Array.from(n.act.data).every((v) => v >= 0)).toBe(true);
  });

  it('conv: the written-out dot product equals the engine conv2d', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const n = slideNumbers(seed);
      const [i, j] = n.at;
      const manual = n.perChannel.reduce((a, b) => a + b, 0) + n.b.data[0];
      expect(n.y.get(0, i, j)).toBeCloseTo(manual, 5);
      const again = runOp('conv2d', { input: n.x, weight: n.w, bias: n.b }, { stride: 1, padding: 0 }).output;
      expect(Array.from(again.data)).toEqual(Array.from(n.y.data));
    }
  });

  it('receptive-field: only pixels inside the field matter; three 3×3 convs see 7×7', () => {
    for (const seed of [1, 2, 3, 4]) {
      const n = pokeNumbers(seed);
      const [i, j] = n.at;
      expect(n.yOutside.get(0, i, j)).toBe(n.y.get(0, i, j));
      expect(n.yInside.get(0, i, j)).not.toBe(n.y.get(0, i, j));
      expect(impulseNumbers(seed).spans).toEqual([3, 5, 7]);
    }
    expect(receptiveFieldAfter([1, 2, 3].map(() => ({ kind: 'conv' as const, kernel: 3 }))).receptiveField).toEqual([7, 7]);
  });

  it('receptive-field: the stack demo works with the rule the lesson states (no undefined D, no hidden dilation factor)', async () => {
    for (const seed of [1, 2, 3]) {
      for (const lang of ['en', 'zh'] as const) {
        const t = await plainLesson(receptiveField, lang, { seed });
        expect(t).not.toMatch(/jump·D/);
        expect(t).not.toMatch(/\(3 − 1\)·1·1/);
      }
    }
    expect(await plainLesson(receptiveField, 'en', { seed: 2 })).toMatch(/r = 6 \+ \(3 − 1\)·2 = 10/);
  });

  it('stride-padding: PyTorch floors, the engine names the rows never read, "same" keeps the size', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const n = floorNumbers(seed);
      expect(n.y.shape[2]).toBe(Math.floor((n.W - n.F) / n.S) + 1);
      expect(n.unvisited.length).toBeGreaterThan(0);
    }
    const f = formulas(stridePadding)[0];
    const r = await evaluateFormula(f, { W: 7, F: 3, S: 3, P: 0 });
    expect(r.result).toBe(2);
    expect(r.note?.en).toMatch(/rounds down to 2/);
    expect(r.note?.en).toMatch(/never covered/);
    const same = await evaluateFormula(f, { W: 32, F: 5, S: 1, P: 2 });
    expect(same.result).toBe(32);
    expect(same.note?.en).toMatch(/same/);
  });

  it('weight-sharing: per-neuron gradients summed over the slice equal conv2d_backward grad_weight', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const n = shareNumbers(seed);
      n.sum.forEach((v, k) => expect(n.gradWeight.data[k]).toBeCloseTo(v, 5));
      expect(n.contributions.length).toBe(9);
      expect(n.gradBias.data[0]).toBeCloseTo(Array.from(n.dy.data).reduce((a, b) => a + b, 0), 5);
      const again = conv2dBackward(n.x, n.w, new Tensor([1]), n.dy).gradWeight;
      expect(Array.from(again.data)).toEqual(Array.from(n.gradWeight.data));
      const s = slicesNumbers(seed);
      expect(Array.from(s.after.data.slice(0, 4))).toEqual(Array.from(s.before.data.slice(0, 4)));
      expect(Array.from(s.after.data.slice(4))).not.toEqual(Array.from(s.before.data.slice(4)));
    }
  });
});
