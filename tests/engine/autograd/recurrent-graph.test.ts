/**
 * Backprop through time through a whole recorded network: embedding → LSTM →
 * last step → linear (shared weights over steps, an embedding row used twice),
 * and the batched sequence ops against the un-batched ops the lessons call.
 */
import { describe, expect, it } from 'vitest';
import * as F from '../../../src/engine/autograd/functional.js';
import { checkGraph } from '../../../src/engine/autograd/gradcheck.js';
import { lstm, rnnCell } from '../../../src/engine/ops/recurrent.js';
import { registry } from '../../../src/engine/ops/all.js';
import { Tensor } from '../../../src/engine/tensor.js';
import { randTensor as r } from '../gradcheck.js';

function expectClose(a: Tensor, b: Tensor, tol = 1e-5): void {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.size; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThan(tol);
}

/** Example n of a [N, T, F] tensor as [T, F]. */
function example(t: Tensor, n: number): Tensor {
  const per = t.size / t.shape[0];
  return new Tensor(t.shape.slice(1), t.data.slice(n * per, (n + 1) * per));
}

describe('recurrent networks through backward()', () => {
  it('embedding → lstm → last → linear matches finite differences', () => {
    // Batch 2 × 4 steps; id 3 appears three times, so its embedding row collects three gradients.
    const ids = new Tensor([2, 4], [3, 1, 3, 0, 2, 3, 1, 4]);
    const leaves = {
      emb: r([5, 3], 201),
      wih: r([16, 3], 202, 0.5),
      whh: r([16, 4], 203, 0.5),
      bih: r([16], 204, 0.3),
      bhh: r([16], 205, 0.3),
      w: r([2, 4], 206),
      b: r([2], 207),
    };
    const res = checkGraph(leaves, (p) => {
      const x = F.op('embedding', { weight: p.emb, ids });
      const hs = F.op('lstm_sequence', { input: x, weight_ih: p.wih, weight_hh: p.whh, bias_ih: p.bih, bias_hh: p.bhh });
      const last = F.reshape(F.slice(hs, 1, 3, 4), [2, 4]);
      return F.linear(last, p.w, p.b);
    });
    expect(res.checked).toBe(5 * 3 + 16 * 3 + 16 * 4 + 16 + 16 + 8 + 2);
    expect(res.ok, JSON.stringify(res.worst)).toBe(true);
  });

  it('lstm_sequence gives each example what the un-batched lstm gives it', () => {
    const input = r([3, 6, 2], 211);
    const w = { weightIh: r([12, 2], 212, 0.7), weightHh: r([12, 3], 213, 0.7), biasIh: r([12], 214), biasHh: r([12], 215) };
    const h0 = r([3, 3], 216);
    const c0 = r([3, 3], 217);
    const out = registry.run('lstm_sequence', { input, h0, c0, weight_ih: w.weightIh, weight_hh: w.weightHh, bias_ih: w.biasIh, bias_hh: w.biasHh });
    for (let n = 0; n < 3; n++) {
      const one = lstm(example(input, n), example(h0, n), example(c0, n), w);
      expectClose(example(out.output, n), one.output);
      expectClose(example(out.h_n, n), one.hN);
      expectClose(example(out.c_n, n), one.cN);
    }
  });

  it('rnn_sequence is rnn_cell applied step after step', () => {
    const input = r([2, 5, 3], 221);
    const w = { weightIh: r([4, 3], 222), weightHh: r([4, 4], 223), biasIh: r([4], 224), biasHh: r([4], 225) };
    for (const nonlinearity of ['tanh', 'relu'] as const) {
      const out = registry.run('rnn_sequence', { input, weight_ih: w.weightIh, weight_hh: w.weightHh, bias_ih: w.biasIh, bias_hh: w.biasHh }, { nonlinearity });
      for (let n = 0; n < 2; n++) {
        const x = example(input, n);
        let h = new Tensor([4]);
        for (let t = 0; t < 5; t++) {
          h = rnnCell(new Tensor([3], x.data.slice(t * 3, t * 3 + 3)), h, w, nonlinearity);
          expectClose(new Tensor([4], out.output.data.slice((n * 5 + t) * 4, (n * 5 + t + 1) * 4)), h);
        }
        expectClose(example(out.h_n, n), h);
      }
    }
  });
});
