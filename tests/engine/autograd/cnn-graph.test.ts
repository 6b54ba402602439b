/**
 * A small CNN through backward(): conv → relu → max pool → flatten → linear,
 * checked against finite differences for the images, the conv's weight and bias
 * and the linear layer; the max-pool tie rule; the modules' PyTorch layouts.
 */
import { describe, expect, it } from 'vitest';
import { AvgPool2d, backward, checkGraph, Conv2d, conv2d, conv2dBackward, F, MaxPool2d, seeded, setElementBudget, Tensor } from '../../../src/engine/index.js';
import { randTensor } from '../gradcheck.js';

describe('a conv → relu → pool → flatten → linear chain', () => {
  it('matches finite differences for every leaf (batch of 2)', () => {
    const leaves = {
      x: randTensor([2, 2, 6, 6], 201),
      w: randTensor([3, 2, 3, 3], 202, 0.5),
      b: randTensor([3], 203, 0.5),
      lw: randTensor([4, 12], 204),
      lb: randTensor([4], 205),
    };
    const r = checkGraph(leaves, ({ x, w, b, lw, lb }) => {
      const h = F.relu(F.op('conv2d', { input: x, weight: w, bias: b }, { padding: 1, stride: 1 }));
      const p = F.op('max_pool2d', { input: h }, { kernel_size: 3, stride: 3 });
      return F.linear(F.reshape(p, [2, -1]), lw, lb);
    });
    expect(r.checked).toBe(2 * 72 + 54 + 3 + 48 + 4);
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('the same chain through the modules gives every parameter a gradient of its shape', () => {
    const rng = seeded(3);
    const conv = new Conv2d(1, 2, 3, { padding: 1, rng });
    const pool = new MaxPool2d(2);
    const x = randTensor([2, 1, 4, 4], 206);
    const y = F.sum(F.reshape(pool.forward(F.relu(conv.forward(x))), [2, -1]));
    backward(y);
    expect(conv.weight.grad?.shape).toEqual([2, 1, 3, 3]);
    expect(conv.bias?.grad?.shape).toEqual([2]);
  });
});

describe('conv2d: whole images per GEMM or output rows in chunks', () => {
  it('give the same output and gradients', () => {
    // 36 × 48·48 column entries per image: above a 2^16-entry column buffer, so with
    // that budget each image is done in row chunks; by default 3 images share one GEMM.
    const x = randTensor([3, 4, 48, 48], 211);
    const w = randTensor([5, 4, 3, 3], 212);
    const b = randTensor([5], 213);
    const dy = randTensor([3, 5, 48, 48], 214);
    const opts = { padding: 1 };
    const whole = { y: conv2d(x, w, b, opts), g: conv2dBackward(x, w, b, dy, opts) };
    setElementBudget(1 << 16);
    let rows;
    try {
      rows = { y: conv2d(x, w, b, opts), g: conv2dBackward(x, w, b, dy, opts) };
    } finally {
      setElementBudget();
    }
    const close = (a: Tensor, c: Tensor): void => {
      expect(a.shape).toEqual(c.shape);
      for (let i = 0; i < a.size; i++) expect(a.data[i]).toBeCloseTo(c.data[i], 3);
    };
    close(rows.y, whole.y);
    close(rows.g.gradInput, whole.g.gradInput);
    close(rows.g.gradWeight, whole.g.gradWeight);
    close(rows.g.gradBias, whole.g.gradBias);
  });
});

describe('max-pool ties', () => {
  it('send the whole gradient to the first maximum in row-major order (PyTorch)', () => {
    // After a ReLU, whole windows are 0: the gradient must go to the window's top-left cell.
    const x = new Tensor([1, 1, 2, 4], [0, 0, 5, 1, 0, 0, 1, 5]);
    x.requiresGrad = true;
    const y = F.op('max_pool2d', { input: x }, { kernel_size: 2 });
    backward(F.sum(y));
    expect(Array.from(x.grad!.data)).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
  });
});

describe('lp pooling at an all-zero window', () => {
  it('passes no gradient back, for p = 1 and p = 2 alike (PyTorch: relu before the root)', () => {
    for (const p of [1, 2]) {
      const x = new Tensor([1, 2, 4], [0, 0, 1, 2, 0, 0, 3, 4]);
      x.requiresGrad = true;
      backward(F.sum(F.op('lp_pool2d', { input: x }, { norm_type: p, kernel_size: 2 })));
      expect(Array.from(x.grad!.data.slice(0, 2))).toEqual([0, 0]);
      expect(Array.from(x.grad!.data.slice(4, 6))).toEqual([0, 0]);
      expect(x.grad!.data[2]).toBeGreaterThan(0);
    }
  });
});

describe('Conv2d, MaxPool2d, AvgPool2d modules', () => {
  it('Conv2d has PyTorch’s names, layout and default bound 1/√(C·F·F)', () => {
    const conv = new Conv2d(3, 5, 4, { rng: seeded(1) });
    expect(conv.namedParameters().map(([n, t]) => [n, t.shape])).toEqual([
      ['weight', [5, 3, 4, 4]],
      ['bias', [5]],
    ]);
    const bound = 1 / Math.sqrt(3 * 4 * 4);
    const all = [...conv.weight.data, ...conv.bias!.data];
    expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(bound);
    // Drawn from the whole interval, not a corner of it.
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.8 * bound);
    expect(new Conv2d(3, 5, 4, { bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight']);
  });

  it('Conv2d maps [N,C,H,W] to [N,K,H′,W′] with stride, padding and dilation', () => {
    const conv = new Conv2d(2, 3, 3, { stride: 2, padding: 1, dilation: 2, rng: seeded(2) });
    expect(conv.forward(randTensor([4, 2, 9, 9], 207)).shape).toEqual([4, 3, 4, 4]);
  });

  it('pools default their stride to the kernel size (floor mode)', () => {
    const x = randTensor([2, 3, 7, 7], 208);
    expect(new MaxPool2d(2).forward(x).shape).toEqual([2, 3, 3, 3]);
    expect(new AvgPool2d(3, 2).forward(x).shape).toEqual([2, 3, 3, 3]);
  });

  it('refuse an unbatched image with a message that names the layout', () => {
    expect(() => new Conv2d(1, 1, 3).forward(randTensor([1, 5, 5], 209))).toThrow(/\[N, C, H, W\]/);
    expect(() => new MaxPool2d(2).forward(randTensor([1, 4, 4], 210))).toThrow(/\[N, C, H, W\]/);
  });
});
