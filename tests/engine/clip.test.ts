import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { clipGradNorm, totalGradNorm } from '../../src/engine/ops/clip.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { randTensor } from './gradcheck.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const cases = golden.filter((c) => c.op === 'clip_grad_norm');

describe('clip_grad_norm golden (PyTorch)', () => {
  it('the fixture has clip_grad_norm cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

const norm2 = (ts: readonly Tensor[]): number => Math.sqrt(ts.reduce((s, t) => s + t.data.reduce((a, v) => a + v * v, 0), 0));

describe('clip_grad_norm', () => {
  it('g0 [2] = [3, 4], g1 [1] = [12] with max_norm 1: total 13, scaled by 1/13', () => {
    const r = clipGradNorm([Tensor.fromNested([3, 4]), Tensor.fromNested([12])], 1);
    expect(r.totalNorm).toBe(13);
    expect(r.coef).toBeCloseTo(1 / (13 + 1e-6), 12);
    expect(r.grads[0].data[0]).toBeCloseTo(3 / 13, 6);
    expect(r.grads[1].data[0]).toBeCloseTo(12 / 13, 6);
    expect(norm2(r.grads)).toBeCloseTo(1, 5);
  });

  it('g0 [3, 4], g1 [5] with max_norm above the total: unchanged (coef 1), new tensors, inputs untouched', () => {
    const g0 = randTensor([3, 4], 1);
    const g1 = randTensor([5], 2);
    const before = Array.from(g0.data);
    const total = totalGradNorm([g0, g1]);
    const r = clipGradNorm([g0, g1], total * 2);
    expect(r.coef).toBe(1);
    expect(Array.from(r.grads[0].data)).toEqual(before);
    expect(r.grads[0]).not.toBe(g0);
    expect(r.grads[0].shape).toEqual([3, 4]);
    expect(Array.from(g0.data)).toEqual(before);
  });

  it('norm_type inf: g0 [3] = [1, -7, 2], g1 [2] = [3, 0] has total 7', () => {
    const r = clipGradNorm([Tensor.fromNested([1, -7, 2]), Tensor.fromNested([3, 0])], 3.5, 'inf');
    expect(r.totalNorm).toBe(7);
    expect(r.grads[0].data[1]).toBeCloseTo(-3.5, 5);
  });

  it('norm_type 1: g0 [3] = [1, -2, 3] has total 6', () => {
    expect(totalGradNorm([Tensor.fromNested([1, -2, 3])], 1)).toBe(6);
    expect(totalGradNorm([Tensor.fromNested([3, -4])], 3)).toBeCloseTo((27 + 64) ** (1 / 3), 10);
  });

  it('runOp with g0..g11: outputs keep the names and numeric order; total_norm is a scalar []', () => {
    const inputs: Record<string, Tensor> = {};
    for (let k = 0; k < 12; k++) inputs[`g${k}`] = randTensor([k + 1], k, 3);
    const out = runOp('clip_grad_norm', inputs, { max_norm: 0.5, norm_type: 2 });
    expect(out.total_norm.shape).toEqual([]);
    for (let k = 0; k < 12; k++) expect(out[`g${k}`].shape).toEqual([k + 1]);
    expect(norm2(Array.from({ length: 12 }, (_, k) => out[`g${k}`]))).toBeCloseTo(0.5, 4);
    expect(out.total_norm.data[0]).toBeCloseTo(norm2(Object.values(inputs)), 4);
  });

  it('runOp accepts norm_type "inf"', () => {
    const out = runOp('clip_grad_norm', { g0: Tensor.fromNested([1, -5]) }, { max_norm: 1, norm_type: 'inf' });
    expect(out.total_norm.data[0]).toBe(5);
  });
});

describe('clip_grad_norm properties (fast-check)', () => {
  const grads = fc.array(fc.array(fc.float({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 });
  it('clipping never increases the norm, ends at most max_norm, and keeps the direction', () => {
    fc.assert(
      fc.property(grads, fc.float({ min: 0, max: 100, noNaN: true }), (gs, maxNorm) => {
        const ts = gs.map((g) => Tensor.fromNested(g));
        const before = norm2(ts);
        const r = clipGradNorm(ts, maxNorm);
        const after = norm2(r.grads);
        if (after > before * (1 + 1e-6) + 1e-12) return false;
        if (after > maxNorm * (1 + 1e-5) + 1e-6) return false;
        if (!(r.coef >= 0 && r.coef <= 1)) return false;
        for (let i = 0; i < ts.length; i++) {
          for (let j = 0; j < ts[i].size; j++) {
            const a = ts[i].data[j];
            const b = r.grads[i].data[j];
            if (Math.abs(b - Math.fround(a * r.coef)) > 1e-6 * Math.abs(a) + 1e-30) return false;
          }
        }
        return true;
      }),
    );
  });
});

describe('clip_grad_norm errors', () => {
  it('an input named "grad" is refused: the names are g0, g1, …', () => {
    expect(() => runOp('clip_grad_norm', { grad: randTensor([2], 1) }, { max_norm: 1 })).toThrow(/g0, g1, g2/);
  });
  it('max_norm -1 is refused', () => {
    expect(() => clipGradNorm([randTensor([2], 1)], -1)).toThrow(EngineError);
    expect(() => runOp('clip_grad_norm', { g0: randTensor([2], 1) }, { max_norm: -1 })).toThrow(EngineError);
  });
  it('missing max_norm is refused', () => {
    expect(() => runOp('clip_grad_norm', { g0: randTensor([2], 1) }, {})).toThrow(/max_norm/);
  });
  it('norm_type 0 and "fro" are refused', () => {
    expect(() => runOp('clip_grad_norm', { g0: randTensor([2], 1) }, { max_norm: 1, norm_type: 0 })).toThrow(/norm_type=0/);
    expect(() => runOp('clip_grad_norm', { g0: randTensor([2], 1) }, { max_norm: 1, norm_type: 'fro' })).toThrow(/norm_type/);
  });
});
