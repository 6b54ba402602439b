/**
 * RNN / LSTM forwardSteps: the layer run one cell op per step (rnn_cell / lstm_cell)
 * gives forward()'s numbers and gradients, every hₜ is a tensor of its own, and
 * retainsGrad on it yields ∂L/∂hₜ (checked against finite differences).
 */
import { describe, expect, it } from 'vitest';
import { backward } from '../../src/engine/autograd/backward.js';
import * as F from '../../src/engine/autograd/functional.js';
import { checkGraph } from '../../src/engine/autograd/gradcheck.js';
import { LSTM, RNN, seeded } from '../../src/engine/nn/index.js';
import { mulberry32 } from '../../src/engine/random.js';
import { Tensor } from '../../src/engine/tensor.js';

function randomInput(shape: readonly number[], seed: number): Tensor {
  const r = mulberry32(seed);
  return new Tensor(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r() * 2 - 1));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Each parameter's gradient after backward of sum(w ⊙ y) with fixed weights w. */
function paramGrads(layer: RNN | LSTM, y: Tensor): Float32Array[] {
  for (const p of layer.parameters()) p.grad = null;
  backward(y, randomInput(y.shape, 7));
  return layer.parameters().map((p) => new Float32Array(p.grad!.data));
}

describe.each([
  ['RNN tanh', () => new RNN(3, 5, { rng: seeded(4) })],
  ['RNN relu', () => new RNN(3, 5, { nonlinearity: 'relu', rng: seeded(4) })],
  ['LSTM', () => new LSTM(3, 5, { rng: seeded(4) })],
] as const)('%s forwardSteps', (_name, make) => {
  it('gives forward()’s states and parameter gradients, one tensor per step', () => {
    const layer = make();
    const x = randomInput([2, 6, 3], 1);
    const fused = layer.forward(x);
    const steps = layer.forwardSteps(x);
    expect(steps.output.shape).toEqual([2, 6, 5]);
    expect(steps.steps).toHaveLength(6);
    expect(new Set(steps.steps).size).toBe(6);
    expect(maxDiff(steps.output.data, fused.data)).toBeLessThan(1e-5);
    for (let t = 0; t < 6; t++) {
      expect(steps.steps[t].shape).toEqual([2, 5]);
      expect(maxDiff(steps.steps[t].data, F.slice(fused, 1, t, t + 1).data)).toBeLessThan(1e-5);
    }
    const a = paramGrads(layer, fused);
    const b = paramGrads(layer, layer.forwardSteps(x).output);
    a.forEach((g, k) => expect(maxDiff(g, b[k])).toBeLessThan(1e-4));
  });

  it('retainsGrad on hₜ gives ∂L/∂hₜ, and the unrolled graph passes the finite-difference check', () => {
    const layer = make();
    const x = randomInput([2, 5, 3], 2);
    const { steps } = layer.forwardSteps(x);
    for (const h of steps) h.retainsGrad = true;
    // The loss reads only the last step: ∂L/∂hₜ for t < T comes back through the recurrence alone.
    const w = randomInput([2, 5], 3);
    backward(F.sum(F.mul(steps[4], w)));
    for (const h of steps) expect(h.grad).not.toBeNull();
    expect(maxDiff(steps[4].grad!.data, w.data)).toBeLessThan(1e-6);
    expect(steps[0].grad!.data.some((v) => v !== 0)).toBe(true);
    if (layer instanceof RNN && layer.nonlinearity === 'tanh') {
      // BPTT by hand: ∂L/∂h_{t−1} = W_hhᵀ (∂L/∂hₜ ⊙ (1 − hₜ²)).
      const W = layer.weight_hh_l0.data;
      for (let t = 4; t >= 1; t--) {
        const g = steps[t].grad!.data;
        const h = steps[t].data;
        const want = new Float32Array(10);
        for (let n = 0; n < 2; n++)
          for (let j = 0; j < 5; j++) for (let i = 0; i < 5; i++) want[n * 5 + j] += W[i * 5 + j] * g[n * 5 + i] * (1 - h[n * 5 + i] ** 2);
        expect(maxDiff(steps[t - 1].grad!.data, want)).toBeLessThan(1e-5);
      }
    }
    // The whole unrolled graph (input and every weight) against central differences.
    const leaves = { x, ...Object.fromEntries(layer.namedParameters()) };
    const unrolled = (l: Record<string, Tensor>) => {
      const m = make();
      // The layer must compute with checkGraph's own leaves, so they replace its parameters.
      for (const [n] of m.namedParameters()) (m as unknown as Record<string, Tensor>)[n] = l[n];
      return m.forwardSteps(l.x).steps[4];
    };
    const r = checkGraph(leaves, unrolled);
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
});
