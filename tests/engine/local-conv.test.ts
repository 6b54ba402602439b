/**
 * locally_connected2d: conv2d's windows with one set of filters per output position.
 * Gradients against finite differences (the op's vjp and through backward() in a
 * small net), the parameter count OH·OW·K·(C·F·F + 1), and — the point of the layer —
 * with every position given the same filters it computes exactly conv2d.
 */
import { describe, expect, it } from 'vitest';
import { checkGraph, checkOpGradients } from '../../src/engine/autograd/gradcheck.js';
import { Conv2d, EngineError, F, LocallyConnected2d, runOp, seeded, Tensor } from '../../src/engine/index.js';
import { randTensor } from './gradcheck.js';

const r = randTensor;

describe('locally_connected2d', () => {
  it('its vjp matches finite differences (batched, stride 2, padding 1, dilation 2, bias)', () => {
    const res = checkOpGradients('locally_connected2d', { input: r([2, 2, 6, 7], 1), weight: r([3, 3, 3, 2, 2, 3], 2), bias: r([3, 3, 3], 3) }, { stride: 2, padding: 1, dilation: 2 });
    expect(res.checked).toBeGreaterThan(0);
    expect(res.ok, JSON.stringify(res.worst)).toBe(true);
  });

  it('its vjp matches finite differences (one image [C, H, W], no bias, per-direction stride)', () => {
    const res = checkOpGradients('locally_connected2d', { input: r([1, 5, 6], 4), weight: r([3, 2, 2, 1, 3, 3], 5) }, { stride: [1, 2] });
    expect(res.ok, JSON.stringify(res.worst)).toBe(true);
  });

  it('backward() through a small net (locally connected → tanh → sum) matches finite differences', () => {
    const res = checkGraph({ x: r([2, 1, 5, 5], 6), w: r([3, 3, 2, 1, 3, 3], 7), b: r([2, 3, 3], 8) }, ({ x, w, b }) =>
      F.sum(F.tanh(F.op('locally_connected2d', { input: x, weight: w, bias: b }, {}))),
    );
    expect(res.ok, JSON.stringify(res.worst)).toBe(true);
  });

  it('with the same filters at every position it is conv2d', () => {
    const x = r([2, 2, 6, 5], 9);
    const k = r([4, 2, 3, 3], 10);
    const kb = r([4], 11);
    const conv = runOp('conv2d', { input: x, weight: k, bias: kb }, { padding: 1, stride: 2 }).output;
    const [, , OH, OW] = conv.shape;
    const w = new Tensor([OH, OW, 4, 2, 3, 3]);
    for (let p = 0; p < OH * OW; p++) w.data.set(k.data, p * k.size);
    const b = new Tensor([4, OH, OW]);
    for (let j = 0; j < 4; j++) b.data.fill(kb.data[j], j * OH * OW, (j + 1) * OH * OW);
    const local = runOp('locally_connected2d', { input: x, weight: w, bias: b }, { padding: 1, stride: 2 }).output;
    expect(local.shape).toEqual(conv.shape);
    for (let i = 0; i < conv.size; i++) expect(local.data[i]).toBeCloseTo(conv.data[i], 5);
  });

  it('with different filters at two positions, each position uses its own', () => {
    // A 1×1 kernel on a 1×2 image: output[p] = w[p] · x[p].
    const x = new Tensor([1, 1, 1, 2], [3, 5]);
    const w = new Tensor([1, 2, 1, 1, 1, 1], [2, -1]);
    expect(Array.from(runOp('locally_connected2d', { input: x, weight: w }).output.data)).toEqual([6, -5]);
  });

  it('the module has OH·OW·K·(C·F·F + 1) parameters, OH·OW times a conv of the same windows', () => {
    const lc = new LocallyConnected2d(3, 8, 5, [28, 28], { rng: seeded(1) });
    const conv = new Conv2d(3, 8, 5, { rng: seeded(1) });
    const count = (m: { parameters(): Tensor[] }) => m.parameters().reduce((s, t) => s + t.size, 0);
    expect([lc.outHeight, lc.outWidth]).toEqual([24, 24]);
    expect(count(lc)).toBe(24 * 24 * 8 * (3 * 5 * 5 + 1));
    expect(count(conv)).toBe(8 * (3 * 5 * 5 + 1));
    expect(count(lc)).toBe(24 * 24 * count(conv));
    const y = lc.forward(r([2, 3, 28, 28], 12));
    expect(y.shape).toEqual([2, 8, 24, 24]);
  });

  it('refuses a weight whose output grid does not match the input', () => {
    expect(() => runOp('locally_connected2d', { input: r([1, 1, 6, 6], 13), weight: r([3, 3, 2, 1, 3, 3], 14) })).toThrow(EngineError);
    expect(() => runOp('locally_connected2d', { input: r([1, 1, 6, 6], 13), weight: r([2, 1, 3, 3], 14) })).toThrow(EngineError);
    expect(() => runOp('locally_connected2d', { input: r([1, 1, 5, 5], 13), weight: r([3, 3, 2, 1, 3, 3], 14), bias: r([2], 15) })).toThrow(EngineError);
  });
});
