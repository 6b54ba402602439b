import { describe, expect, it } from 'vitest';
import { lstmWithGates, noGrad, Tensor } from '../../src/engine/index.js';
import { mulberry32 } from '../../src/engine/random.js';
import { drawFrom, SequenceNet } from '../../src/training/models/sequence-net.js';

const tokens = (cell: 'rnn' | 'lstm' | 'transformer', extra = {}) =>
  new SequenceNet({ cell, hidden: 8, input: { kind: 'tokens', vocab: 6 }, outputs: 6, seed: 3, ...extra });
const ids = (xs: number[]) => new Tensor([1, xs.length], Float32Array.from(xs));

describe('SequenceNet', () => {
  it('gate means are the LSTM\'s own gates (checked against the lessons\' un-batched LSTM)', () => {
    const net = tokens('lstm');
    const x = ids([0, 3, 5, 1, 1, 2]);
    const means = net.gateMeans(x)!;
    const lstm = net.recurrent!;
    const embedded = noGrad(() => net.embed!.forward(x));
    const ref = lstmWithGates(new Tensor([6, embedded.shape[2]], embedded.data), null, null, {
      weightIh: lstm.weight_ih_l0,
      weightHh: lstm.weight_hh_l0,
      biasIh: lstm.bias_ih_l0,
      biasHh: lstm.bias_hh_l0,
    });
    const rowMean = (t: Tensor, r: number) => t.data.slice(r * 8, (r + 1) * 8).reduce((s, v) => s + v, 0) / 8;
    for (let t = 0; t < 6; t++) {
      expect(means.input[t]).toBeCloseTo(rowMean(ref.inputGate, t), 5);
      expect(means.forget[t]).toBeCloseTo(rowMean(ref.forgetGate, t), 5);
      expect(means.output[t]).toBeCloseTo(rowMean(ref.outputGate, t), 5);
    }
  });

  it('the forget gate starts open: bias 1, or the chrono initialisation for a known span', () => {
    const plain = tokens('lstm').recurrent!;
    const f = (l: typeof plain, j: number) => l.bias_ih_l0.data[8 + j] + l.bias_hh_l0.data[8 + j];
    for (let j = 0; j < 8; j++) expect(f(plain, j)).toBe(1);
    const chrono = tokens('lstm', { chronoSpan: 50 }).recurrent!;
    const fs = Array.from({ length: 8 }, (_, j) => f(chrono, j));
    for (let j = 0; j < 8; j++) {
      expect(fs[j]).toBeGreaterThanOrEqual(0);
      expect(fs[j]).toBeLessThanOrEqual(Math.log(49));
      expect(chrono.bias_ih_l0.data[j] + chrono.bias_hh_l0.data[j]).toBeCloseTo(-fs[j], 6);
    }
    expect(new Set(fs).size).toBe(8); // each unit its own time scale
  });

  it.each(['rnn', 'lstm'] as const)('%s: generating by carrying the state equals reading the whole text again', (cell) => {
    const net = tokens(cell);
    const prompt = Int32Array.from([1, 4, 2]);
    const fast = net.generate(prompt, 10, 0, () => 0.5, 100);
    const seq = [...prompt];
    for (let k = 0; k < 10; k++) {
      const logits = noGrad(() => net.forward(ids(seq)));
      seq.push(drawFrom(logits.data.subarray((seq.length - 1) * 6), 0, () => 0.5));
    }
    expect(Array.from(fast)).toEqual(seq.slice(3));
  });

  it.each(['rnn', 'lstm'] as const)('%s unrolled: the same outputs, each step’s state kept while recording, the fused op under noGrad', (cell) => {
    const fused = tokens(cell);
    const unrolled = tokens(cell, { unrolled: true });
    const x = new Tensor([2, 5], Float32Array.from([0, 3, 5, 1, 1, 2, 2, 4, 0, 5]));
    const a = fused.forward(x).data;
    const b = unrolled.forward(x).data;
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    expect(fused.lastSteps).toHaveLength(0);
    expect(unrolled.lastSteps).toHaveLength(5);
    expect(unrolled.lastSteps[4].shape).toEqual([2, 8]);
    const kept = unrolled.lastSteps;
    noGrad(() => unrolled.forward(x));
    expect(unrolled.lastSteps).toBe(kept);
  });

  it('causal (default on): an output depends on later inputs only when the mask is taken off', () => {
    const a = [0, 3, 5, 1, 1, 2];
    const b = [0, 3, 5, 1, 4, 4]; // the same first four characters
    for (const causal of [undefined, true, false]) {
      const net = tokens('transformer', causal === undefined ? {} : { causal });
      expect(net.blocks.every((blk) => blk.causal === (causal ?? true))).toBe(true);
      const ya = noGrad(() => net.forward(ids(a))).data;
      const yb = noGrad(() => net.forward(ids(b))).data;
      let early = 0; // the largest change of the first four positions' outputs
      for (let i = 0; i < 4 * 6; i++) early = Math.max(early, Math.abs(ya[i] - yb[i]));
      if (causal === false) expect(early).toBeGreaterThan(1e-3);
      else expect(early).toBe(0);
      // The attention view shows the mask the model uses: zeros above the diagonal only with it.
      const heads = net.attention(ids(a))!;
      const above = Math.max(...heads.map((w) => w[0 * 6 + 5]));
      if (causal === false) expect(above).toBeGreaterThan(0);
      else expect(above).toBe(0);
    }
    expect(tokens('transformer', { causal: false }).describe()).toContain('no mask');
  });

  it('drawFrom: temperature 0 takes the largest; otherwise the softmax, seeded', () => {
    expect(drawFrom([0.1, 3, 2], 0, Math.random)).toBe(1);
    const rng = mulberry32(7);
    const counts = [0, 0, 0];
    for (let k = 0; k < 3000; k++) counts[drawFrom([0, Math.log(2), Math.log(7)], 1, rng)]++;
    expect(counts[0] / 3000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 3000).toBeCloseTo(0.7, 1);
  });

  it('Transformer options: no positions and bidirectional attention make it permutation-equivariant; the defaults do not', () => {
    const feats = (extra: object) => new SequenceNet({ cell: 'transformer', hidden: 8, input: { kind: 'features', features: 3 }, outputs: 2, seed: 5, ...extra });
    const T = 5;
    const x = Float32Array.from({ length: T * 3 }, (_, k) => Math.sin(k * 1.7));
    const perm = [3, 0, 4, 1, 2];
    const px = new Float32Array(T * 3);
    perm.forEach((src, t) => px.set(x.subarray(src * 3, src * 3 + 3), t * 3));
    const gap = (net: SequenceNet) => {
      const [y, py] = noGrad(() => [net.forward(new Tensor([1, T, 3], x)), net.forward(new Tensor([1, T, 3], px))]);
      let g = 0;
      perm.forEach((src, t) => {
        for (let c = 0; c < 2; c++) g = Math.max(g, Math.abs(py.data[t * 2 + c] - y.data[src * 2 + c]));
      });
      return g;
    };
    const blind = feats({ positions: false, causal: false });
    expect(blind.positions).toBeUndefined();
    expect(blind.causal).toBe(false);
    expect(gap(blind)).toBeLessThan(1e-5);
    expect(gap(feats({ causal: false }))).toBeGreaterThan(1e-3); // positions break the symmetry
    expect(gap(feats({ positions: false }))).toBeGreaterThan(1e-3); // so does the causal mask
    expect(blind.describe()).toBe('Transformer, d 8, 2 layers, 4 heads, no positions, no mask (bidirectional)');
  });

  it('Transformer options: layers and heads; the attention views follow the mask', () => {
    const net = new SequenceNet({ cell: 'transformer', hidden: 8, input: { kind: 'tokens', vocab: 6 }, outputs: 6, seed: 2, layers: 1, heads: 2 });
    expect(net.blocks.length).toBe(1);
    expect(net.blocks[0].selfAttn.numHeads).toBe(2);
    expect(net.describe()).toBe('char-Transformer, d 8, 1 layers, 2 heads');
    const x = ids([0, 3, 5, 1]);
    const causal = net.attention(x)!;
    expect(causal.length).toBe(2);
    expect(causal[0][1]).toBe(0); // query 0 cannot see key 1
    const both = new SequenceNet({ ...net.spec, causal: false }).attention(x)!;
    expect(both[0][1]).toBeGreaterThan(0);
    const w = net.attentionWeights(new Tensor([3, 4], Float32Array.from([0, 3, 5, 1, 1, 1, 2, 2, 4, 0, 0, 3])))!;
    expect(w.shape).toEqual([3, 2, 4, 4]);
    expect(Array.from(w.data.slice(0, 16))).toEqual(Array.from(causal[0]));
  });
});
