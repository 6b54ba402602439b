import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, type GoldenTensor, parseGoldenFile } from '../../src/engine/golden.js';
import {
  type CellWeights,
  lstm,
  lstmCell,
  lstmWithGates,
  rnnBpttGradNorms,
  rnnCell,
  rnnCellBackward,
} from '../../src/engine/ops/recurrent.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, randTensor } from './gradcheck.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const OPS = ['rnn_cell', 'lstm_cell', 'lstm', 'rnn_bptt_grad_norms'];
const cases = golden.filter((c) => OPS.includes(c.op));
const gt = (t: GoldenTensor): Tensor => new Tensor(t.shape, Float32Array.from(t.data, (v) => Math.fround(v)));

describe('recurrent golden (PyTorch)', () => {
  it('the fixture has cases for every recurrent op', () => {
    for (const op of OPS) expect(cases.some((c) => c.op === op)).toBe(true);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

function weights(gates: number, inSize: number, H: number, seed: number, scale = 0.5): CellWeights {
  return {
    weightIh: randTensor([gates * H, inSize], seed, scale),
    weightHh: randTensor([gates * H, H], seed + 1, scale),
    biasIh: randTensor([gates * H], seed + 2, scale),
    biasHh: randTensor([gates * H], seed + 3, scale),
  };
}

const row = (t: Tensor, r: number): Tensor => {
  const n = t.shape[t.rank - 1];
  return new Tensor([n], t.data.slice(r * n, (r + 1) * n));
};

const expectClose = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThanOrEqual(tol);
};

describe('rnn_cell', () => {
  it('rnn_cell in=3 H=4 equals tanh(W_ih x + b_ih + W_hh h + b_hh) written out', () => {
    const w = weights(1, 3, 4, 10);
    const x = randTensor([3], 1);
    const h = randTensor([4], 2);
    const y = rnnCell(x, h, w);
    for (let r = 0; r < 4; r++) {
      let s = w.biasIh!.data[r] + w.biasHh!.data[r];
      for (let k = 0; k < 3; k++) s += w.weightIh.get(r, k) * x.data[k];
      for (let k = 0; k < 4; k++) s += w.weightHh.get(r, k) * h.data[k];
      expect(y.data[r]).toBeCloseTo(Math.tanh(s), 6);
    }
  });

  it('rnn_cell batched N=3 in=2 H=5 equals the cell on each row; no hidden means zeros', () => {
    const w = weights(1, 2, 5, 20);
    const x = randTensor([3, 2], 1);
    const h = randTensor([3, 5], 2);
    const y = rnnCell(x, h, w);
    expect(y.shape).toEqual([3, 5]);
    for (let n = 0; n < 3; n++) expectClose(row(y, n).data, rnnCell(row(x, n), row(h, n), w).data, 1e-6);
    expectClose(rnnCell(x, null, w).data, rnnCell(x, Tensor.zeros([3, 5]), w).data, 0);
  });

  it('rnn_cell relu in=3 H=4 clips negatives', () => {
    const w = weights(1, 3, 4, 30);
    const y = rnnCell(randTensor([3], 1), randTensor([4], 2), w, 'relu');
    expect(Array.from(y.data).every((v) => v >= 0)).toBe(true);
  });

  it('rnnCellBackward in=3 H=4 (finite differences for x, h, W_ih, W_hh, b_ih, b_hh)', () => {
    const w = weights(1, 3, 4, 40);
    const r = gradCheck(
      { x: randTensor([3], 1), h: randTensor([4], 2), wi: w.weightIh, wh: w.weightHh, bi: w.biasIh!, bh: w.biasHh! },
      (i) => rnnCell(i.x, i.h, { weightIh: i.wi, weightHh: i.wh, biasIh: i.bi, biasHh: i.bh }),
      (i, g) => {
        const ww = { weightIh: i.wi, weightHh: i.wh, biasIh: i.bi, biasHh: i.bh };
        const d = rnnCellBackward(i.x, i.h, ww, rnnCell(i.x, i.h, ww), g);
        return { x: d.gradInput, h: d.gradHidden, wi: d.gradWeightIh, wh: d.gradWeightHh, bi: d.gradBiasIh, bh: d.gradBiasHh };
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('rnnCellBackward batched N=2 in=3 H=5 (finite differences)', () => {
    const w = weights(1, 3, 5, 50);
    const r = gradCheck(
      { x: randTensor([2, 3], 1), h: randTensor([2, 5], 2), wi: w.weightIh, wh: w.weightHh },
      (i) => rnnCell(i.x, i.h, { ...w, weightIh: i.wi, weightHh: i.wh }),
      (i, g) => {
        const ww = { ...w, weightIh: i.wi, weightHh: i.wh };
        const d = rnnCellBackward(i.x, i.h, ww, rnnCell(i.x, i.h, ww), g);
        return { x: d.gradInput, h: d.gradHidden, wi: d.gradWeightIh, wh: d.gradWeightHh };
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
});

describe('lstm_cell', () => {
  it('lstm_cell in=3 H=4: gates are in range and c\' = f·c + i·g, h\' = o·tanh(c\')', () => {
    const w = weights(4, 3, 4, 60);
    const c = randTensor([4], 3);
    const r = lstmCell(randTensor([3], 1), randTensor([4], 2), c, w);
    for (let j = 0; j < 4; j++) {
      for (const g of [r.inputGate, r.forgetGate, r.outputGate]) expect(g.data[j] > 0 && g.data[j] < 1).toBe(true);
      expect(Math.abs(r.cellGate.data[j])).toBeLessThan(1);
      expect(r.cNext.data[j]).toBeCloseTo(r.forgetGate.data[j] * c.data[j] + r.inputGate.data[j] * r.cellGate.data[j], 6);
      expect(r.hNext.data[j]).toBeCloseTo(r.outputGate.data[j] * Math.tanh(r.cNext.data[j]), 6);
    }
  });

  it('lstm_cell batched N=2 in=3 H=4 equals the cell on each row', () => {
    const w = weights(4, 3, 4, 70);
    const x = randTensor([2, 3], 1);
    const h = randTensor([2, 4], 2);
    const c = randTensor([2, 4], 3);
    const r = lstmCell(x, h, c, w);
    expect(r.hNext.shape).toEqual([2, 4]);
    for (let n = 0; n < 2; n++) {
      const s = lstmCell(row(x, n), row(h, n), row(c, n), w);
      expectClose(row(r.hNext, n).data, s.hNext.data, 1e-6);
      expectClose(row(r.cNext, n).data, s.cNext.data, 1e-6);
      expectClose(row(r.forgetGate, n).data, s.forgetGate.data, 1e-6);
    }
  });
});

describe('lstm (sequence)', () => {
  it('lstm T=5 in=3 H=4 equals lstm_cell applied step by step; hN, cN are the last states', () => {
    const w = weights(4, 3, 4, 80);
    const x = randTensor([5, 3], 1);
    const h0 = randTensor([4], 2);
    const c0 = randTensor([4], 3);
    const r = lstmWithGates(x, h0, c0, w);
    expect(r.output.shape).toEqual([5, 4]);
    let h = h0;
    let c = c0;
    for (let t = 0; t < 5; t++) {
      const s = lstmCell(row(x, t), h, c, w);
      expectClose(row(r.output, t).data, s.hNext.data);
      expectClose(row(r.cells, t).data, s.cNext.data);
      expectClose(row(r.inputGate, t).data, s.inputGate.data);
      expectClose(row(r.forgetGate, t).data, s.forgetGate.data);
      expectClose(row(r.cellGate, t).data, s.cellGate.data);
      expectClose(row(r.outputGate, t).data, s.outputGate.data);
      h = s.hNext;
      c = s.cNext;
    }
    expectClose(r.hN.data, h.data);
    expectClose(r.cN.data, c.data);
    const plain = lstm(x, h0, c0, w);
    expect(Array.from(plain.output.data)).toEqual(Array.from(r.output.data));
  });

  it('lstm T=7 in=5 H=9 (H odd, gemv remainder rows) equals the step-by-step cell', () => {
    const w = weights(4, 5, 9, 90);
    const x = randTensor([7, 5], 1);
    const r = lstm(x, null, null, w);
    let h = Tensor.zeros([9]);
    let c = Tensor.zeros([9]);
    for (let t = 0; t < 7; t++) {
      const s = lstmCell(row(x, t), h, c, w);
      h = s.hNext;
      c = s.cNext;
      expectClose(row(r.output, t).data, h.data);
    }
  });

  it('lstm T=3 in=2 H=3 accepts PyTorch-style h0, c0 of shape [1, H] and returns h_n, c_n as [1, H]', () => {
    const w = weights(4, 2, 3, 100);
    const r = lstm(randTensor([3, 2], 1), randTensor([1, 3], 2), randTensor([1, 3], 3), w);
    expect(r.hN.shape).toEqual([1, 3]);
    expect(r.cN.shape).toEqual([1, 3]);
  });

  it('lstm golden t5_in3_h4 through lstmWithGates gives the same output and h_n', () => {
    const c = cases.find((k) => k.op === 'lstm')!;
    const i = c.inputs!;
    const r = lstmWithGates(gt(i.input), gt(i.h0), gt(i.c0), {
      weightIh: gt(i.weight_ih),
      weightHh: gt(i.weight_hh),
      biasIh: gt(i.bias_ih),
      biasHh: gt(i.bias_hh),
    });
    expectClose(r.output.data, c.outputs!.output.data, 1e-4);
    expectClose(r.hN.data, c.outputs!.h_n.data, 1e-4);
  });

  it('lstm without biases T=4 in=2 H=3 equals zero biases', () => {
    const w = weights(4, 2, 3, 110);
    const x = randTensor([4, 2], 1);
    const a = lstm(x, null, null, { weightIh: w.weightIh, weightHh: w.weightHh });
    const b = lstm(x, null, null, { ...w, biasIh: Tensor.zeros([12]), biasHh: Tensor.zeros([12]) });
    expect(Array.from(a.output.data)).toEqual(Array.from(b.output.data));
  });
});

/** gain × a cyclic permutation: an orthogonal matrix scaled. */
function permutationTimes(H: number, gain: number): Tensor {
  const d = new Float32Array(H * H);
  for (let r = 0; r < H; r++) d[r * H + ((r + 1) % H)] = gain;
  return new Tensor([H, H], d);
}

describe('rnn_bptt_grad_norms', () => {
  it('grad_norms[T-1] = sqrt(H) and loss = sum(h_{T-1}) for T=6 in=2 H=5', () => {
    const w = weights(1, 2, 5, 120);
    const x = randTensor([6, 2], 1);
    const r = rnnBpttGradNorms(x, null, w);
    expect(r.gradNorms.shape).toEqual([6]);
    expect(r.loss.shape).toEqual([]);
    expect(r.gradNorms.data[5]).toBeCloseTo(Math.sqrt(5), 6);
    let s = 0;
    for (let j = 0; j < 5; j++) s += r.hidden.get(5, j);
    expect(r.loss.data[0]).toBeCloseTo(s, 5);
  });

  it('vanishing T=12 H=6 gain 0.5 (tiny inputs): norms shrink by ≈ 0.5 per step back', () => {
    const H = 6;
    const w: CellWeights = { weightIh: randTensor([H, 3], 1, 1), weightHh: permutationTimes(H, 0.5) };
    const r = rnnBpttGradNorms(randTensor([12, 3], 2, 1e-4), null, w);
    for (let t = 0; t < 12; t++) expect(r.gradNorms.data[t] / (Math.sqrt(H) * 0.5 ** (11 - t))).toBeCloseTo(1, 3);
  });

  it('exploding T=12 H=6 gain 1.5 (tiny inputs): norms grow by ≈ 1.5 per step back', () => {
    const H = 6;
    const w: CellWeights = { weightIh: randTensor([H, 3], 1, 1), weightHh: permutationTimes(H, 1.5) };
    const r = rnnBpttGradNorms(randTensor([12, 3], 2, 1e-6), null, w);
    for (let t = 0; t < 12; t++) expect(r.gradNorms.data[t] / (Math.sqrt(H) * 1.5 ** (11 - t))).toBeCloseTo(1, 3);
  });

  it('∂loss/∂h0 matches finite differences for T=5 in=3 H=4', () => {
    const w = weights(1, 3, 4, 130, 0.8);
    const x = randTensor([5, 3], 1);
    const r = gradCheck(
      { h0: randTensor([4], 2) },
      (i) => rnnBpttGradNorms(x, i.h0, w).loss,
      (i, g) => {
        const d = rnnBpttGradNorms(x, i.h0, w).gradH0;
        return { h0: new Tensor([4], d.data.map((v) => v * g.data[0])) };
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('∂loss/∂h_t for every t of T=6 in=2 H=4 matches finite differences on h_t (re-running the later steps)', () => {
    const w = weights(1, 2, 4, 140, 0.8);
    const T = 6;
    const x = randTensor([T, 2], 1);
    const full = rnnBpttGradNorms(x, null, w);
    for (let t = 0; t < T - 1; t++) {
      // loss as a function of h_t: run steps t+1..T-1 starting from h_t.
      const rest = new Tensor([T - 1 - t, 2], x.data.slice((t + 1) * 2));
      const ht = row(full.hidden, t);
      const r = gradCheck(
        { h: ht },
        (i) => rnnBpttGradNorms(rest, i.h, w).loss,
        (i, g) => ({ h: new Tensor([4], rnnBpttGradNorms(rest, i.h, w).gradH0.data.map((v) => v * g.data[0])) }),
      );
      expect(r.ok, `t=${t}: ${JSON.stringify(r.worst)}`).toBe(true);
      // …and the stored per-step gradient is the same vector, so its norm is grad_norms[t].
      expectClose(row(full.grads, t).data, rnnBpttGradNorms(rest, ht, w).gradH0.data, 1e-5);
      let sq = 0;
      for (let j = 0; j < 4; j++) sq += full.grads.get(t, j) ** 2;
      expect(full.gradNorms.data[t]).toBeCloseTo(Math.sqrt(sq), 5);
    }
  });

  it('golden exploding_t15_h8 through the function: grad_norms within rtol 1e-3', () => {
    const c = cases.find((k) => k.op === 'rnn_bptt_grad_norms' && k.id.includes('exploding'))!;
    const i = c.inputs!;
    const r = rnnBpttGradNorms(gt(i.input), gt(i.h0), {
      weightIh: gt(i.weight_ih),
      weightHh: gt(i.weight_hh),
      biasIh: gt(i.bias_ih),
      biasHh: gt(i.bias_hh),
    });
    const exp = c.outputs!.grad_norms.data;
    for (let t = 0; t < exp.length; t++) expect(Math.abs(r.gradNorms.data[t] - exp[t])).toBeLessThanOrEqual(1e-3 * Math.abs(exp[t]));
  });
});

describe('recurrent properties (fast-check)', () => {
  it('lstm [T, in] with H hidden: output is [T, H], last row is h_n, all |h| < 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1e6 }),
        (T, I, H, seed) => {
          const r = lstm(randTensor([T, I], seed, 3), null, null, weights(4, I, H, seed + 1));
          if (r.output.shape[0] !== T || r.output.shape[1] !== H) return false;
          for (let j = 0; j < H; j++) if (r.output.get(T - 1, j) !== r.hN.data[j]) return false;
          return Array.from(r.output.data).every((v) => Math.abs(v) < 1);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('recurrent errors', () => {
  const w14 = weights(1, 3, 4, 200);
  it('rnn_cell hidden [5] with weight_hh [4, 4]: the hidden size H must match', () => {
    expect(() => rnnCell(randTensor([3], 1), randTensor([5], 2), w14)).toThrow(EngineError);
    expect(() => rnnCell(randTensor([3], 1), randTensor([5], 2), w14)).toThrow('hidden has 5 numbers but weight_hh is [4, 4]: the hidden size H = 4 must match');
  });
  it('rnn_cell input [2] with weight_ih [4, 3]: the input size must match', () => {
    expect(() => rnnCell(randTensor([2], 1), randTensor([4], 2), w14)).toThrow(/input has 2 numbers but weight_ih is \[4, 3\]/);
  });
  it('rnn_cell weight_hh [4, 5] is not square', () => {
    expect(() => rnnCell(randTensor([3], 1), null, { weightIh: randTensor([4, 3], 1), weightHh: randTensor([4, 5], 2) })).toThrow(/square/);
  });
  it('rnn_cell bias_ih [3] for H=4', () => {
    expect(() => rnnCell(randTensor([3], 1), null, { ...w14, biasIh: randTensor([3], 3) })).toThrow(/bias_ih has shape \[3\] but needs 4 numbers/);
  });
  it('rnn_cell batched input [2, 3] with unbatched hidden [4] asks for [2, 4]', () => {
    expect(() => rnnCell(randTensor([2, 3], 1), randTensor([4], 2), w14)).toThrow(/hidden should have shape \[2, 4\]/);
  });
  it('lstm_cell weight_hh [15, 4] is not 4·H rows', () => {
    expect(() => lstmCell(randTensor([3], 1), null, null, { weightIh: randTensor([16, 3], 1), weightHh: randTensor([15, 4], 2) })).toThrow(/4 gates.*\[16, 4\]/);
  });
  it('lstm_cell weight_ih [12, 3] with weight_hh [16, 4] needs 16 rows', () => {
    expect(() => lstmCell(randTensor([3], 1), null, null, { weightIh: randTensor([12, 3], 1), weightHh: randTensor([16, 4], 2) })).toThrow(/weight_ih has 12 rows.*H = 4.*16 rows/);
  });
  it('lstm input [2, 5, 3] (batched) is explained as one sequence at a time', () => {
    expect(() => lstm(randTensor([2, 5, 3], 1), null, null, weights(4, 3, 4, 1))).toThrow(/\[T, in\].*without a batch dimension/);
  });
  it('lstm num_layers=2 is refused', () => {
    const w = weights(4, 3, 4, 1);
    expect(() =>
      runOp('lstm', { input: randTensor([5, 3], 1), weight_ih: w.weightIh, weight_hh: w.weightHh }, { num_layers: 2, gate_order: 'ifgo' }),
    ).toThrow(/num_layers=2 is not supported/);
  });
  it('lstm_cell gate_order "fogi" is refused', () => {
    const w = weights(4, 3, 4, 1);
    expect(() => runOp('lstm_cell', { input: randTensor([3], 1), weight_ih: w.weightIh, weight_hh: w.weightHh }, { gate_order: 'fogi' })).toThrow(/"ifgo"/);
  });
  it('rnn_bptt_grad_norms T=15 with a 12-step input [12, 3] is refused', () => {
    const w = weights(1, 3, 8, 1);
    expect(() =>
      runOp('rnn_bptt_grad_norms', { input: randTensor([12, 3], 1), weight_ih: w.weightIh, weight_hh: w.weightHh }, { T: 15, nonlinearity: 'tanh', loss: 'sum(h_T)' }),
    ).toThrow(/T=15 but the input has 12 steps/);
  });
  it('rnn_bptt_grad_norms loss "mean(h)" is refused', () => {
    const w = weights(1, 3, 8, 1);
    expect(() => runOp('rnn_bptt_grad_norms', { input: randTensor([4, 3], 1), weight_ih: w.weightIh, weight_hh: w.weightHh }, { loss: 'mean(h)' })).toThrow(
      /sum\(h_T\)/,
    );
  });
});
