/**
 * torch.nn.Embedding: a table `weight` [num_embeddings, embedding_dim], initialised
 * N(0, 1) as in PyTorch; ids of any shape ([N, T] for a batch of token sequences)
 * → [...ids.shape, embedding_dim]. Ids carry no gradient; the table's rows do.
 */
import * as F from '../autograd/functional.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { normal, type Rng, seeded } from './init.js';
import { Module } from './module.js';

export class Embedding extends Module {
  readonly weight: Tensor;
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: { rng?: Rng } = {},
  ) {
    super();
    size('Embedding', 'num_embeddings', numEmbeddings);
    size('Embedding', 'embedding_dim', embeddingDim);
    this.weight = this.param('weight', normal([numEmbeddings, embeddingDim], 1, opts.rng ?? seeded()));
  }
  forward(ids: Tensor): Tensor {
    return F.op('embedding', { weight: this.weight, ids });
  }
  describe(): string {
    return `Embedding(${this.numEmbeddings} × ${this.embeddingDim})`;
  }
}
