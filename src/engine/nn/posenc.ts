/**
 * Adds the sinusoidal positional encoding (FORMAT.md; ops/posenc.ts) to a batch of
 * sequences [N, T, d] as it is: no √d scaling, positions from 0. The table is a
 * constant (no parameters, no gradient); it is made once per (T, d) and kept across training
 * steps (an ordinary array, not a step's memory: see ops/posenc.ts).
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import { positionalEncoding } from '../ops/posenc.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

export class PositionalEncoding extends Module {
  private table: Tensor | null = null;
  forward(x: Tensor): Tensor {
    if (x.rank < 2) throw engineError('nn-layer-input', { layer: 'PositionalEncoding', want: '[N, T, d] (a batch of sequences)', got: x.shape });
    const T = x.shape[x.rank - 2];
    const d = x.shape[x.rank - 1];
    if (!this.table || this.table.shape[0] !== T || this.table.shape[1] !== d) this.table = positionalEncoding(T, d);
    return F.add(x, this.table);
  }
  describe(): string {
    return 'PositionalEncoding';
  }
}
