/** torch.nn.LayerNorm over the last dimension (any leading dimensions: [N, D], [N, T, D], …). */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { constant } from './init.js';
import { Module } from './module.js';

export class LayerNorm extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly eps: number;
  constructor(
    readonly normalizedShape: number,
    opts: { eps?: number } = {},
  ) {
    super();
    size('LayerNorm', 'normalized_shape', normalizedShape);
    this.eps = opts.eps ?? 1e-5;
    if (!Number.isFinite(this.eps) || this.eps < 0) throw engineError('ln-bad-eps', { eps: this.eps });
    this.weight = this.param('weight', constant([normalizedShape], 1));
    this.bias = this.param('bias', constant([normalizedShape], 0));
  }
  forward(x: Tensor): Tensor {
    return F.op('layer_norm', { input: x, weight: this.weight, bias: this.bias }, { normalized_shape: [this.normalizedShape], eps: this.eps });
  }
  describe(): string {
    return `LayerNorm(${this.normalizedShape})`;
  }
}
