/**
 * The REPL's `grad rnn` and the RNN lessons show ‖∂L/∂hₜ‖ from rnnBpttGradNorms, a
 * float64 BPTT (the norms of a long run span hundreds of orders of magnitude, past
 * float32's range). Here the tape checks it: the same RNN recorded step by step with
 * rnn_cell, every hₜ keeping its gradient (retainsGrad), L = Σ h_T, backward().
 */
import { describe, expect, it } from 'vitest';
import { backward, F, orthogonal, rnnBpttGradNorms, Tensor } from '../../../src/engine/index.js';
import { randTensor } from '../gradcheck.js';

function tapeNorms(input: Tensor, w: { weightIh: Tensor; weightHh: Tensor; biasIh: Tensor; biasHh: Tensor }): { norms: number[]; h0: number[] } {
  const [T, I] = input.shape;
  const H = w.weightHh.shape[0];
  const h0 = new Tensor([H]);
  h0.requiresGrad = true;
  const hs: Tensor[] = [];
  let h = h0;
  for (let t = 0; t < T; t++) {
    const x = F.reshape(F.slice(input, 0, t, t + 1), [I]);
    h = F.op('rnn_cell', { input: x, hidden: h, weight_ih: w.weightIh, weight_hh: w.weightHh, bias_ih: w.biasIh, bias_hh: w.biasHh });
    h.retainsGrad = true;
    hs.push(h);
  }
  backward(F.sum(h));
  return { norms: hs.map((s) => Math.hypot(...s.grad!.data)), h0: Array.from(h0.grad!.data) };
}

describe('rnnBpttGradNorms agrees with backward() through the recorded cells', () => {
  for (const gain of [0.8, 1.0, 1.2]) {
    it(`gain ${gain}, 30 steps`, () => {
      const H = 6;
      const w = {
        weightHh: new Tensor([H, H], orthogonal(H, 3).data.map((v) => v * gain)),
        weightIh: randTensor([H, 3], 4),
        biasIh: randTensor([H], 5, 0.1),
        biasHh: randTensor([H], 6, 0.1),
      };
      const input = randTensor([30, 3], 7, 0.5);
      const ref = rnnBpttGradNorms(input, null, w);
      const tape = tapeNorms(input, w);
      tape.norms.forEach((n, t) => expect(n / ref.gradNorms.data[t], `step ${t}`).toBeCloseTo(1, 4));
      tape.h0.forEach((g, j) => expect(g).toBeCloseTo(ref.gradH0.data[j], 5));
    });
  }
});
