/**
 * The transformer layers (nn/norm.ts, nn/attention.ts, nn/transformer.ts, nn/posenc.ts)
 * and the batch-first forms of the attention ops: PyTorch's names and initialisation,
 * a batch computes exactly what its examples compute one at a time, masks hide exactly
 * what they should, and bad input is explained.
 */
import { describe, expect, it } from 'vitest';
import { noGrad } from '../../src/engine/autograd/grad-mode.js';
import { LayerNorm, MultiheadAttention, PositionalEncoding, seeded, TransformerEncoderLayer } from '../../src/engine/nn/index.js';
import { layerNormBackward } from '../../src/engine/ops/norm.js';
import { positionalEncoding } from '../../src/engine/ops/posenc.js';
import { registry } from '../../src/engine/ops/all.js';
import { SAVED, type SavedOutputs } from '../../src/engine/registry.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { randTensor } from './gradcheck.js';

const example = (t: Tensor, n: number): Tensor => {
  const per = t.size / t.shape[0];
  return new Tensor(t.shape.slice(1), t.data.slice(n * per, (n + 1) * per));
};
const mhaParams = (E: number, seed: number): Record<string, Tensor> => ({
  in_proj_weight: randTensor([3 * E, E], seed),
  in_proj_bias: randTensor([3 * E], seed + 1),
  out_proj_weight: randTensor([E, E], seed + 2),
  out_proj_bias: randTensor([E], seed + 3),
});

describe('modules: PyTorch names, order and initialisation', () => {
  it("TransformerEncoderLayer's state_dict keys are PyTorch's, in its order, with its shapes", () => {
    const m = new TransformerEncoderLayer(8, 2, 12, { rng: seeded(1) });
    expect(m.namedParameters().map(([n, p]) => `${n} [${p.shape.join(',')}]`)).toEqual([
      'self_attn.in_proj_weight [24,8]',
      'self_attn.in_proj_bias [24]',
      'self_attn.out_proj.weight [8,8]',
      'self_attn.out_proj.bias [8]',
      'linear1.weight [12,8]',
      'linear1.bias [12]',
      'linear2.weight [8,12]',
      'linear2.bias [8]',
      'norm1.weight [8]',
      'norm1.bias [8]',
      'norm2.weight [8]',
      'norm2.bias [8]',
    ]);
  });

  it('MultiheadAttention: in_proj xavier_uniform within √(6/(4E)), both biases 0; LayerNorm: weight 1, bias 0', () => {
    const m = new MultiheadAttention(16, 4, { rng: seeded(2) });
    const bound = Math.sqrt(6 / (16 + 48));
    const w = Array.from(m.inProjWeight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    expect(Array.from(m.inProjBias.data).every((v) => v === 0)).toBe(true);
    expect(Array.from(m.outProj.bias!.data).every((v) => v === 0)).toBe(true);
    const ln = new LayerNorm(5);
    expect(Array.from(ln.weight.data)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(ln.bias.data)).toEqual([0, 0, 0, 0, 0]);
  });

  it('PositionalEncoding adds the table of ops/posenc.ts as it is, for an odd width too', () => {
    const x = randTensor([2, 5, 7], 3);
    const y = noGrad(() => new PositionalEncoding().forward(x));
    const pe = positionalEncoding(5, 7);
    for (let n = 0; n < 2; n++) for (let i = 0; i < 35; i++) expect(y.data[n * 35 + i]).toBe(Math.fround(x.data[n * 35 + i] + pe.data[i]));
  });
});

describe('batch-first attention ops', () => {
  it('scaled_dot_product_attention on [3, L, d] equals each example alone (causal)', () => {
    const q = randTensor([3, 4, 5], 10);
    const k = randTensor([3, 4, 5], 11);
    const v = randTensor([3, 4, 2], 12);
    const b = runOp('scaled_dot_product_attention', { q, k, v }, { causal: true });
    expect(b.output.shape).toEqual([3, 4, 2]);
    expect(b.weights.shape).toEqual([3, 4, 4]);
    for (let n = 0; n < 3; n++) {
      const one = runOp('scaled_dot_product_attention', { q: example(q, n), k: example(k, n), v: example(v, n) }, { causal: true });
      expect(Array.from(example(b.output, n).data)).toEqual(Array.from(one.output.data));
      expect(Array.from(example(b.weights, n).data)).toEqual(Array.from(one.weights.data));
    }
  });

  it('multi_head_attention on [2, L, E] equals each example alone; weights are [N, h, L, S]', () => {
    const x = randTensor([2, 5, 6], 13);
    const p = mhaParams(6, 14);
    const b = runOp('multi_head_attention', { query: x, key: x, value: x, ...p }, { num_heads: 3, causal: true });
    expect(b.weights.shape).toEqual([2, 3, 5, 5]);
    for (let n = 0; n < 2; n++) {
      const xn = example(x, n);
      const one = runOp('multi_head_attention', { query: xn, key: xn, value: xn, ...p }, { num_heads: 3, causal: true });
      expect(Array.from(example(b.output, n).data)).toEqual(Array.from(one.output.data));
      expect(Array.from(example(b.weights, n).data)).toEqual(Array.from(one.weights.data));
    }
  });

  it('a padded key changes nothing: the output equals attention over the real keys only, and the padded key gets weight 0', () => {
    const q = randTensor([2, 3, 6], 15);
    const kv = randTensor([2, 4, 6], 16);
    const p = mhaParams(6, 17);
    const mask = new Tensor([2, 4], [0, 0, 0, 1, 0, 0, 0, 0]);
    const b = runOp('multi_head_attention', { query: q, key: kv, value: kv, ...p, key_padding_mask: mask }, { num_heads: 2 });
    const real = new Tensor([3, 6], kv.data.slice(0, 18));
    const one = runOp('multi_head_attention', { query: example(q, 0), key: real, value: real, ...p }, { num_heads: 2 });
    const got = example(b.output, 0).data;
    one.output.data.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++) expect(b.weights.data[(j * 3 + i) * 4 + 3]).toBe(0);
    // Example 1 has no padding: its key 3 is attended to.
    expect(b.weights.data[(2 * 3) * 4 + 3]).toBeGreaterThan(0);
  });

  it('the mask and batch mistakes are explained', () => {
    const x = randTensor([2, 3, 4], 18);
    const p = mhaParams(4, 19);
    expect(() => runOp('multi_head_attention', { query: x, key: x, value: x, ...p, key_padding_mask: new Tensor([3, 2]) }, { num_heads: 2 })).toThrow(
      /key_padding_mask has shape \[3, 2\] but must be \[2, 3\]/,
    );
    expect(() => runOp('scaled_dot_product_attention', { q: x, k: randTensor([3, 3, 4], 20), v: randTensor([3, 3, 4], 21) })).toThrow(
      /q \[2, 3, 4\] and k \[3, 3, 4\] do not belong to the same batch/,
    );
    expect(() => runOp('scaled_dot_product_attention', { q: new Tensor([1, 2, 3, 4]), k: x, v: x })).toThrow(/q has shape \[1, 2, 3, 4\].*\[N, positions, features\]/);
    expect(() => new MultiheadAttention(4, 2).forward(randTensor([3, 4], 22))).toThrow(/expected input \[N, T, 4\]/);
    expect(() => new MultiheadAttention(6, 4)).toThrow(/embed_dim 6 cannot be split into 4 heads/);
  });
});

describe('one backward', () => {
  it("layer_norm's vjp (from the saved mean and 1/σ) equals layerNormBackward", () => {
    const x = randTensor([2, 3, 5], 23, 2);
    const w = randTensor([5], 24);
    const b = randTensor([5], 25);
    const g = randTensor([2, 3, 5], 26);
    const out = registry.run('layer_norm', { input: x, weight: w, bias: b }, { normalized_shape: [5] }) as SavedOutputs;
    const v = registry.get('layer_norm').vjp!({ inputs: { input: x, weight: w, bias: b }, attrs: { normalized_shape: [5] }, outputs: out, saved: out[SAVED] }, { output: g });
    const ref = layerNormBackward(x, [5], w, g);
    expect(Array.from(v.input!.data)).toEqual(Array.from(ref.gradInput.data));
    expect(Array.from(v.weight!.data)).toEqual(Array.from(ref.gradWeight!.data));
    expect(Array.from(v.bias!.data)).toEqual(Array.from(ref.gradBias.data));
  });

  it('MultiheadAttention.attend records one op with both outputs', () => {
    const m = new MultiheadAttention(4, 2, { rng: seeded(3) });
    const x = randTensor([1, 3, 4], 27);
    const r = m.attend(x, x, x, { causal: true });
    expect(r.output.gradFn?.name).toBe('multi_head_attention');
    expect(r.weights.gradFn).toBe(r.output.gradFn);
  });
});
