import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { layerNorm, layerNormBackward, layerNormWithStats } from '../../src/engine/ops/norm.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, randTensor } from './gradcheck.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const cases = golden.filter((c) => c.op === 'layer_norm');

describe('layer_norm golden (PyTorch)', () => {
  it('the fixture has layer_norm cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

describe('layer_norm forward', () => {
  it('layer_norm [2, 4] over [4]: known mean, biased variance and output', () => {
    const x = Tensor.fromNested([
      [1, 2, 3, 4],
      [2, 2, 2, 6],
    ]);
    const r = layerNormWithStats(x, [4], null, null, 0);
    expect(r.mean.shape).toEqual([2]);
    expect(Array.from(r.mean.data)).toEqual([2.5, 3]);
    // biased: divide by N = 4
    expect(r.variance.data[0]).toBeCloseTo(1.25, 6);
    expect(r.variance.data[1]).toBeCloseTo(3, 6);
    expect(r.rstd.data[0]).toBeCloseTo(1 / Math.sqrt(1.25), 6);
    const s = Math.sqrt(1.25);
    expect(Array.from(r.output.data.subarray(0, 4)).map((v) => +v.toFixed(5))).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s].map((v) => +v.toFixed(5)));
  });

  it('layer_norm [2, 3, 4] over [3, 4] gives stats of shape [2]; over the whole [3, 4] input gives shape []', () => {
    const x = randTensor([2, 3, 4], 1);
    expect(layerNormWithStats(x, [3, 4]).mean.shape).toEqual([2]);
    expect(layerNormWithStats(x, [4]).variance.shape).toEqual([2, 3]);
    const y = randTensor([3, 4], 2);
    expect(layerNormWithStats(y, [3, 4]).mean.shape).toEqual([]);
  });

  it('layer_norm [3, 5] applies weight then bias elementwise', () => {
    const x = randTensor([3, 5], 3);
    const w = randTensor([5], 4);
    const b = randTensor([5], 5);
    const plain = layerNorm(x, [5]);
    const affine = layerNorm(x, [5], w, b);
    for (let i = 0; i < 15; i++) expect(affine.data[i]).toBeCloseTo(plain.data[i] * w.data[i % 5] + b.data[i % 5], 5);
  });

  it('layer_norm [2, 6] of a constant row gives 0 (eps keeps it finite)', () => {
    const x = new Tensor([2, 6], new Float32Array(12).fill(7));
    expect(Array.from(layerNorm(x, [6]).data).every((v) => v === 0)).toBe(true);
  });

  it('layer_norm [4, 3] through runOp without weight and bias, eps default 1e-5', () => {
    const x = randTensor([4, 3], 6);
    const out = runOp('layer_norm', { input: x }, { normalized_shape: [3] }).output;
    expect(Array.from(out.data)).toEqual(Array.from(layerNorm(x, [3], null, null, 1e-5).data));
  });

  it('layer_norm rows [r, n] have mean 0 and variance ≈ 1 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 1e6 }), (r, n, seed) => {
        const x = randTensor([r, n], seed, 10);
        const st = layerNormWithStats(x, [n]);
        for (let i = 0; i < r; i++) {
          let m = 0;
          let v = 0;
          for (let j = 0; j < n; j++) m += st.output.data[i * n + j];
          m /= n;
          for (let j = 0; j < n; j++) v += (st.output.data[i * n + j] - m) ** 2;
          v /= n;
          if (Math.abs(m) > 1e-5) return false;
          const expected = st.variance.data[i] / (st.variance.data[i] + 1e-5);
          if (Math.abs(v - expected) > 1e-4) return false;
        }
        return true;
      }),
    );
  });
});

describe('layer_norm backward (finite differences)', () => {
  it('layerNormBackward [3, 5] over [5]: grad_input, grad_weight, grad_bias', () => {
    const r = gradCheck(
      { x: randTensor([3, 5], 21, 2), w: randTensor([5], 22), b: randTensor([5], 23) },
      (i) => layerNorm(i.x, [5], i.w, i.b),
      (i, g) => {
        const d = layerNormBackward(i.x, [5], i.w, g);
        return { x: d.gradInput, w: d.gradWeight!, b: d.gradBias };
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('layerNormBackward [2, 3, 4] over [3, 4]', () => {
    const r = gradCheck(
      { x: randTensor([2, 3, 4], 24, 2), w: randTensor([3, 4], 25), b: randTensor([3, 4], 26) },
      (i) => layerNorm(i.x, [3, 4], i.w, i.b),
      (i, g) => {
        const d = layerNormBackward(i.x, [3, 4], i.w, g);
        return { x: d.gradInput, w: d.gradWeight!, b: d.gradBias };
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('layerNormBackward [4, 6] over [6] without weight: gradWeight is null', () => {
    const r = gradCheck(
      { x: randTensor([4, 6], 27, 2) },
      (i) => layerNorm(i.x, [6]),
      (i, g) => ({ x: layerNormBackward(i.x, [6], null, g).gradInput }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    expect(layerNormBackward(randTensor([4, 6], 1), [6], null, randTensor([4, 6], 2)).gradWeight).toBeNull();
  });
});

describe('layer_norm errors', () => {
  it('input [2, 4, 3] with normalized_shape [3, 4] explains the trailing dims must match', () => {
    expect(() => layerNorm(randTensor([2, 4, 3], 1), [3, 4])).toThrow(EngineError);
    expect(() => layerNorm(randTensor([2, 4, 3], 1), [3, 4])).toThrow(/last 2 dimensions \[3, 4\].*\[2, 4, 3\]/);
  });
  it('weight [4] for normalized_shape [5] is rejected with both shapes', () => {
    expect(() => layerNorm(randTensor([2, 5], 1), [5], randTensor([4], 2))).toThrow(/weight has shape \[4\].*\[5\]/);
  });
  it('input [5] with normalized_shape [2, 5] (more dims than the input) is rejected', () => {
    expect(() => layerNorm(randTensor([5], 1), [2, 5])).toThrow(/normalizes over the last 2 dimensions/);
  });
  it('negative eps is rejected', () => {
    expect(() => runOp('layer_norm', { input: randTensor([2, 3], 1) }, { normalized_shape: [3], eps: -1 })).toThrow(EngineError);
  });
  it('grad_output of the wrong shape is rejected by the backward', () => {
    expect(() => layerNormBackward(randTensor([2, 3], 1), [3], null, randTensor([3, 2], 2))).toThrow(/grad_output has shape \[3, 2\]/);
  });
});
