/**
 * Sinusoidal positional encoding ("Attention Is All You Need"):
 *   PE[pos, 2i]   = sin(pos / 10000^(2i/d))
 *   PE[pos, 2i+1] = cos(pos / 10000^(2i/d))
 * Column pairs share one frequency, from 1 (columns 0, 1) down to about
 * 1/10000. For odd d the last column is a sin column. Computed in float64.
 */
import { intAttr } from '../attrs.js';
import { checkElementwise, checkShape } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';

/** The angular frequency 1/10000^(2i/d) of column `col` (both columns of a pair share it). */
export function positionalFrequency(col: number, dModel: number): number {
  const even = col - (col % 2);
  return Math.pow(10000, -even / dModel);
}

/** The [length, dModel] table of sinusoidal position encodings. */
export function positionalEncoding(length: number, dModel: number): Tensor {
  for (const [v, name] of [
    [length, 'length'],
    [dModel, 'd_model'],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw engineError('posenc-bad-size', { name, shown: String(v) });
    }
  }
  const size = checkShape([length, dModel], 'positional encoding table');
  checkElementwise('positional_encoding', size);
  // An ordinary array, never a training step's memory: nn.PositionalEncoding keeps the table across steps.
  const pe = new Float32Array(size);
  const freq = new Float64Array(dModel);
  for (let c = 0; c < dModel; c++) freq[c] = positionalFrequency(c, dModel);
  for (let pos = 0; pos < length; pos++) {
    const o = pos * dModel;
    for (let c = 0; c < dModel; c++) {
      const angle = pos * freq[c];
      pe[o + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return new Tensor([length, dModel], pe);
}

export const posencOps: OpDef[] = [
  {
    name: 'positional_encoding',
    summary: 'sinusoidal table [length, d_model]: sin on even columns, cos on odd, frequencies 1 … 1/10000',
    inputs: [],
    attrs: ['length', 'd_model'],
    outputs: ['pe'],
    run: (_i, a) => ({ pe: positionalEncoding(intAttr(a, 'length', { min: 1 }), intAttr(a, 'd_model', { min: 1 })) }),
  },
];
