/**
 * torch.nn.TransformerEncoderLayer as the lessons draw it (post-norm, ReLU, dropout 0,
 * batch_first):
 *   x = norm1(x + self_attn(x))
 *   x = norm2(x + linear2(relu(linear1(x))))
 * Children in PyTorch's order and names, so its state_dict keys are
 * "self_attn.in_proj_weight", "linear1.weight", "norm1.bias", ….
 */
import * as F from '../autograd/functional.js';
import type { Tensor } from '../tensor.js';
import { MultiheadAttention } from './attention.js';
import { Linear } from './basic.js';
import { size } from './check.js';
import { type Rng, seeded } from './init.js';
import { Module } from './module.js';
import { LayerNorm } from './norm.js';

export class TransformerEncoderLayer extends Module {
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly causal: boolean;
  constructor(
    readonly dModel: number,
    readonly nhead: number,
    readonly dimFeedforward: number,
    opts: { causal?: boolean; rng?: Rng } = {},
  ) {
    super();
    size('TransformerEncoderLayer', 'dim_feedforward', dimFeedforward);
    const rng = opts.rng ?? seeded();
    this.causal = opts.causal ?? false;
    this.selfAttn = this.child('self_attn', new MultiheadAttention(dModel, nhead, { rng }));
    this.linear1 = this.child('linear1', new Linear(dModel, dimFeedforward, { rng }));
    this.linear2 = this.child('linear2', new Linear(dimFeedforward, dModel, { rng }));
    this.norm1 = this.child('norm1', new LayerNorm(dModel));
    this.norm2 = this.child('norm2', new LayerNorm(dModel));
  }
  /** [N, T, d_model] → [N, T, d_model]. */
  forward(x: Tensor): Tensor {
    const attended = this.selfAttn.attend(x, x, x, { causal: this.causal }).output;
    const h = this.norm1.forward(F.add(x, attended));
    const ff = this.linear2.forward(F.relu(this.linear1.forward(h)));
    return this.norm2.forward(F.add(h, ff));
  }
  describe(): string {
    return `TransformerEncoderLayer(d ${this.dModel}, heads ${this.nhead}, ff ${this.dimFeedforward}${this.causal ? ', causal' : ''})`;
  }
}
