/**
 * The optimizers against torch.optim's update rules written out by hand
 * (TRAIN-FORMAT.md), step by step, and clip_grad_norm_.
 */
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, clipGradNorm_, EngineError, SGD, Tensor } from '../../src/engine/index.js';

function param(values: number[]): Tensor {
  const t = new Tensor([values.length], values);
  t.requiresGrad = true;
  return t;
}

function withGrad(p: Tensor, g: number[]): void {
  p.grad = new Tensor(p.shape, g);
}

const close = (got: ArrayLike<number>, want: number[]): void => {
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 5));
};

describe('SGD', () => {
  it('plain: p −= lr·(g + wd·p)', () => {
    const p = param([1, -2]);
    const opt = new SGD([p], { lr: 0.1, weightDecay: 0.5 });
    withGrad(p, [0.2, 0.4]);
    opt.step();
    close(p.data, [1 - 0.1 * (0.2 + 0.5), -2 - 0.1 * (0.4 - 1)]);
  });

  it('momentum: v = g on the first step, then v = μv + g', () => {
    const p = param([1]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    withGrad(p, [1]);
    opt.step(); // v = 1, p = 0.9
    withGrad(p, [2]);
    opt.step(); // v = 0.9 + 2 = 2.9, p = 0.9 − 0.29
    close(p.data, [0.61]);
  });

  it('skips a parameter without a gradient, and zeroGrad clears them', () => {
    const p = param([1]);
    const q = param([5]);
    const opt = new SGD([p, q], { lr: 1 });
    withGrad(p, [1]);
    opt.step();
    expect(q.data[0]).toBe(5);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('refuses a learning rate that is not a number ≥ 0', () => {
    expect(() => new SGD([], { lr: NaN })).toThrow(EngineError);
    expect(() => new SGD([], { lr: -1 })).toThrow(/lr/);
    expect(() => new SGD([], { lr: 0.1, momentum: -0.5 })).toThrow(/momentum/);
  });
});

/** torch's Adam, written out in float64 for one parameter entry. */
function adamReference(p0: number, grads: number[], lr: number, wd: number, decoupled: boolean, b1 = 0.9, b2 = 0.999, eps = 1e-8): number {
  let p = p0;
  let m = 0;
  let v = 0;
  grads.forEach((g0, k) => {
    const t = k + 1;
    if (decoupled) p *= 1 - lr * wd;
    const g = decoupled ? g0 : g0 + wd * p;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    p -= ((lr / (1 - b1 ** t)) * m) / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps);
  });
  return p;
}

describe('Adam and AdamW', () => {
  const grads = [0.5, -0.2, 0.3, 0.05];
  it('Adam with L2 weight decay follows torch.optim.Adam', () => {
    const p = param([0.7]);
    const opt = new Adam([p], { lr: 0.01, weightDecay: 0.1 });
    for (const g of grads) {
      withGrad(p, [g]);
      opt.step();
    }
    close(p.data, [adamReference(0.7, grads, 0.01, 0.1, false)]);
  });

  it('AdamW decays the weight first and does not feed the decay into m and v', () => {
    const p = param([0.7]);
    const opt = new AdamW([p], { lr: 0.01, weightDecay: 0.1 });
    for (const g of grads) {
      withGrad(p, [g]);
      opt.step();
    }
    close(p.data, [adamReference(0.7, grads, 0.01, 0.1, true)]);
    // …which is not what Adam with the same settings does
    expect(Math.abs(adamReference(0.7, grads, 0.01, 0.1, false) - p.data[0])).toBeGreaterThan(1e-5);
  });

  it('AdamW defaults to weight decay 0.01, Adam to 0', () => {
    expect(new AdamW([]).weightDecay).toBe(0.01);
    expect(new Adam([]).weightDecay).toBe(0);
  });

  it('refuses betas outside [0, 1)', () => {
    expect(() => new Adam([], { betas: [1, 0.999] })).toThrow(/betas/);
  });
});

describe('clipGradNorm_', () => {
  it('scales every gradient by max/(total + 1e-6) when the total norm is over max', () => {
    const a = param([0, 0]);
    const b = param([0]);
    withGrad(a, [3, 0]);
    withGrad(b, [4]);
    const total = clipGradNorm_([a, b], 1);
    expect(total).toBeCloseTo(5, 6);
    const coef = 1 / (5 + 1e-6);
    close(a.grad!.data, [3 * coef, 0]);
    close(b.grad!.data, [4 * coef]);
  });

  it('leaves gradients under the limit alone', () => {
    const a = param([0]);
    withGrad(a, [0.5]);
    clipGradNorm_([a], 1);
    expect(a.grad!.data[0]).toBe(0.5);
  });

  it('refuses a negative or missing max norm', () => {
    expect(() => clipGradNorm_([], -1)).toThrow(EngineError);
    expect(() => clipGradNorm_([], NaN)).toThrow(/max_norm/);
  });
});
