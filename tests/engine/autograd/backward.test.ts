/**
 * The tape: reverse topological order, accumulation when a tensor is used more
 * than once, broadcasting summed back, grad mode, and what backward() refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backward, checkGraph, EngineError, F, noGrad, Tensor } from '../../../src/engine/index.js';
import { randTensor } from '../gradcheck.js';

function leaf(shape: number[], data: number[]): Tensor {
  const t = new Tensor(shape, data);
  t.requiresGrad = true;
  return t;
}

describe('backward()', () => {
  it('adds the gradient of every use of a tensor: d(x·x)/dx = 2x', () => {
    const x = leaf([3], [1, -2, 3]);
    backward(F.sum(F.mul(x, x)));
    expect(Array.from(x.grad!.data)).toEqual([2, -4, 6]);
  });

  it('waits for every consumer before passing a gradient on (diamond: y = a·b + a, a = 2x)', () => {
    // A node visited before all its consumers would lose the second path's share.
    const x = leaf([2], [1, 2]);
    const b = leaf([2], [3, 5]);
    const a = F.scale(x, 2);
    const y = F.sum(F.add(F.mul(a, b), a));
    backward(y);
    // dy/dx = 2·(b + 1)
    expect(Array.from(x.grad!.data)).toEqual([8, 12]);
    expect(Array.from(b.grad!.data)).toEqual([2, 4]);
  });

  it('accumulates into .grad across calls until it is cleared (as PyTorch)', () => {
    const x = leaf([2], [1, 2]);
    backward(F.sum(F.scale(x, 3)));
    backward(F.sum(F.scale(x, 3)));
    expect(Array.from(x.grad!.data)).toEqual([6, 6]);
  });

  it('sums a broadcast gradient back to the input shape (a bias over rows)', () => {
    const x = leaf([2, 3], [1, 2, 3, 4, 5, 6]);
    const b = leaf([3], [0, 0, 0]);
    backward(F.sum(F.add(x, b)));
    expect(b.grad!.shape).toEqual([3]);
    expect(Array.from(b.grad!.data)).toEqual([2, 2, 2]);
  });

  it('records nothing under noGrad and nothing for tensors that need no gradient', () => {
    const x = leaf([2], [1, 2]);
    const y = noGrad(() => F.mul(x, x));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    const c = F.mul(new Tensor([2], [1, 2]), new Tensor([2], [3, 4]));
    expect(c.gradFn).toBeNull();
    expect(() => backward(F.sum(c))).toThrow(EngineError);
  });

  it('refuses a non-scalar root without a seed, and a seed of another shape', () => {
    const x = leaf([2], [1, 2]);
    const y = F.scale(x, 2);
    expect(() => backward(y)).toThrow(/single number/);
    expect(() => backward(y, new Tensor([3], [1, 1, 1]))).toThrow(/shape/);
    backward(y, new Tensor([2], [1, 10]));
    expect(Array.from(x.grad!.data)).toEqual([2, 20]);
  });

  it('refuses to record an op that has no backward', () => {
    const g = leaf([2], [3, 4]);
    expect(() => F.op('clip_grad_norm', { g0: g }, { max_norm: 1 })).toThrow(/no backward/);
  });

  it('a long chain does not overflow the stack (iterative topological sort)', () => {
    const x = leaf([1], [1]);
    let y = x;
    for (let i = 0; i < 20000; i++) y = F.scale(y, 1);
    backward(F.sum(y));
    expect(x.grad!.data[0]).toBe(1);
  });

  it('matches finite differences through a composed graph that reuses, broadcasts and reduces', () => {
    const r = checkGraph({ x: randTensor([3, 4], 1), w: randTensor([4, 2], 2), b: randTensor([2], 3) }, ({ x, w, b }) => {
      const h = F.tanh(F.add(F.matmul(x, w), b));
      return F.mean(F.mul(h, F.add(h, b)), 0); // h used twice, b used twice
    });
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('a broken vjp is caught by the graph check (the check can fail)', () => {
    // d/dx of x³ is 3x², not x²: a wrong derivative written as a graph must be reported.
    const r = checkGraph({ x: randTensor([4], 5) }, ({ x }) => F.pow(x, 3));
    expect(r.ok).toBe(true);
    const wrong = checkGraph({ x: randTensor([4], 5) }, ({ x }) => F.pow(x, 3), { atol: 1e-6, rtol: 1e-6, h: 0.5 });
    expect(wrong.ok).toBe(false);
  });
});

describe('broadcasting (property)', () => {
  const dims = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
  it('add: the gradient of each input is the count of output elements it touched', () => {
    fc.assert(
      fc.property(dims, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), (shape, ones, drop) => {
        // b: shape with some dims set to 1 and some leading dims dropped
        const bShape = shape.map((n, i) => (ones[i] ? 1 : n)).slice(Math.min(drop, shape.length));
        const a = leaf(shape, Array(shape.reduce((p, n) => p * n, 1)).fill(1));
        const b = leaf(bShape, Array(bShape.reduce((p, n) => p * n, 1)).fill(1));
        const y = F.add(a, b);
        expect(y.shape).toEqual(shape);
        backward(F.sum(y));
        const total = y.size;
        expect(Array.from(a.grad!.data).every((v) => v === 1)).toBe(true);
        expect(Array.from(b.grad!.data).every((v) => v === total / b.size)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('retainsGrad (retain_grad)', () => {
  it('keeps the gradient of an intermediate tensor, counted once', () => {
    const x = leaf([2], [1, 2]);
    const h = F.scale(x, 3);
    h.retainsGrad = true;
    const y = F.sum(F.mul(h, h)); // dy/dh = 2h = [6, 12]
    y.retainsGrad = true;
    backward(y);
    expect(Array.from(h.grad!.data)).toEqual([6, 12]);
    expect(Array.from(y.grad!.data)).toEqual([1]);
    expect(Array.from(x.grad!.data)).toEqual([18, 36]);
  });
});
