/**
 * torch.nn.MultiheadAttention (batch_first, dropout 0): Q, K, V from one
 * in_proj [3E, E] (xavier_uniform, bias 0), h heads of E/h, out_proj Linear(E, E)
 * (bias 0). One recorded op per call, so the whole attention is one vjp.
 */
import { record } from '../autograd/record.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { Linear } from './basic.js';
import { size } from './check.js';
import { constant, type Rng, seeded, xavierUniform } from './init.js';
import { Module } from './module.js';

export interface AttendOptions {
  /** Query i sees only keys 0…i (a language model's mask). */
  causal?: boolean;
  /** [N, S]: 1 marks a padded key that no query attends to, 0 a real one. */
  keyPaddingMask?: Tensor;
}

export class MultiheadAttention extends Module {
  readonly inProjWeight: Tensor;
  readonly inProjBias: Tensor;
  readonly outProj: Linear;
  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: { rng?: Rng } = {},
  ) {
    super();
    size('MultiheadAttention', 'embed_dim', embedDim);
    size('MultiheadAttention', 'num_heads', numHeads);
    if (embedDim % numHeads !== 0) {
      const divisors = Array.from({ length: embedDim }, (_, i) => i + 1).filter((k) => embedDim % k === 0);
      throw engineError('mha-heads-divide', { op: 'MultiheadAttention', E: embedDim, h: numHeads, divisors });
    }
    const rng = opts.rng ?? seeded();
    this.inProjWeight = this.param('in_proj_weight', xavierUniform(3 * embedDim, embedDim, rng));
    this.inProjBias = this.param('in_proj_bias', constant([3 * embedDim], 0));
    this.outProj = this.child('out_proj', new Linear(embedDim, embedDim, { rng }));
    this.outProj.bias!.data.fill(0);
  }

  /** Self-attention of a batch of sequences [N, T, E] → [N, T, E]. */
  forward(x: Tensor): Tensor {
    return this.attend(x, x, x).output;
  }

  /**
   * query [N, L, E] attends over key and value [N, S, E]: the output [N, L, E] and
   * every head's weights [N, h, L, S] (PyTorch's average_attn_weights=False).
   */
  attend(query: Tensor, key: Tensor, value: Tensor, opts: AttendOptions = {}): { output: Tensor; weights: Tensor } {
    for (const t of [query, key, value]) {
      if (t.rank !== 3 || t.shape[2] !== this.embedDim) {
        throw engineError('nn-layer-input', { layer: this.describe(), want: `[N, T, ${this.embedDim}] (a batch of sequences)`, got: t.shape });
      }
    }
    const out = record(
      'multi_head_attention',
      {
        query,
        key,
        value,
        in_proj_weight: this.inProjWeight,
        in_proj_bias: this.inProjBias,
        out_proj_weight: this.outProj.weight,
        out_proj_bias: this.outProj.bias,
        key_padding_mask: opts.keyPaddingMask,
      },
      { num_heads: this.numHeads, causal: opts.causal ?? false },
    );
    return { output: out.output, weights: out.weights };
  }

  describe(): string {
    return `MultiheadAttention(${this.embedDim}, heads ${this.numHeads})`;
  }
}
