/** Gradient-check points for layer norm and attention (masks, batches, several heads). */
import { Tensor } from '../../../../src/engine/index.js';
import { randTensor } from '../../gradcheck.js';
import type { OpSample } from './types.js';

const r = randTensor;

/** torch.nn.MultiheadAttention's tensors for embedding size E (biases included). */
function mha(E: number, seed: number): Record<string, Tensor> {
  return {
    in_proj_weight: r([3 * E, E], seed, 0.6),
    in_proj_bias: r([3 * E], seed + 1, 0.2),
    out_proj_weight: r([E, E], seed + 2, 0.6),
    out_proj_bias: r([E], seed + 3, 0.2),
  };
}

/** [N, S] key-padding mask: 1 marks a padded key. */
const padMask = (rows: number[][]): Tensor => new Tensor([rows.length, rows[0].length], rows.flat());

const x = r([2, 4, 6], 80);

export const ATTENTION_SAMPLES: OpSample[] = [
  { op: 'layer_norm', what: 'leading dims [2,3,5] over [5], weight and bias', inputs: { input: r([2, 3, 5], 60, 2), weight: r([5], 61), bias: r([5], 62) }, attrs: { normalized_shape: [5] } },
  { op: 'layer_norm', what: 'over the last two dims [2,3,4], no weight or bias', inputs: { input: r([2, 3, 4], 63, 2) }, attrs: { normalized_shape: [3, 4], eps: 1e-5 } },
  { op: 'scaled_dot_product_attention', what: 'L 3, S 4, dv 2', inputs: { q: r([3, 5], 64), k: r([4, 5], 65), v: r([4, 2], 66) } },
  { op: 'scaled_dot_product_attention', what: 'causal', inputs: { q: r([4, 3], 67, 1.5), k: r([4, 3], 68, 1.5), v: r([4, 3], 69) }, attrs: { causal: true } },
  {
    op: 'scaled_dot_product_attention',
    what: 'batched [2,3,4] with a key-padding mask',
    inputs: { q: r([2, 3, 4], 70), k: r([2, 5, 4], 71), v: r([2, 5, 3], 72), key_padding_mask: padMask([[0, 0, 0, 1, 1], [0, 1, 0, 0, 0]]) },
  },
  { op: 'multi_head_attention', what: 'one sequence, 2 heads, causal', inputs: { query: r([4, 6], 73), key: r([4, 6], 74), value: r([4, 6], 75), ...mha(6, 76) }, attrs: { num_heads: 2, causal: true } },
  {
    op: 'multi_head_attention',
    what: 'self-attention batch [2,4,6], 3 heads, padding mask',
    inputs: { query: x, key: x, value: x, ...mha(6, 81), key_padding_mask: padMask([[0, 0, 0, 1], [0, 0, 0, 0]]) },
    attrs: { num_heads: 3 },
  },
  {
    op: 'multi_head_attention',
    what: 'batched cross-attention L 3, S 5, shared key = value, 2 heads, no biases',
    inputs: (() => {
      const kv = r([2, 5, 4], 86);
      const { in_proj_weight, out_proj_weight } = mha(4, 87);
      return { query: r([2, 3, 4], 85), key: kv, value: kv, in_proj_weight, out_proj_weight };
    })(),
    attrs: { num_heads: 2 },
  },
];
