/**
 * Embedding (PyTorch's F.embedding): a lookup table weight [num, dim]; ids of any
 * shape (whole numbers 0…num−1) → [...ids.shape, dim], row `id` of the table for each.
 * The vjp adds each output row's gradient into the row it came from: an id used
 * twice gets the sum of both gradients.
 */
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';

/** The ids as table rows, refusing anything that is not a whole number in 0…rows−1. */
function rowsOf(ids: Tensor, weight: Tensor): Int32Array {
  if (weight.rank !== 2) throw engineError('embedding-weight-rank', { shape: weight.shape });
  const rows = weight.shape[0];
  const out = new Int32Array(ids.size);
  for (let k = 0; k < ids.size; k++) {
    const id = ids.data[k];
    if (!Number.isInteger(id) || id < 0 || id >= rows) throw engineError('embedding-id', { token: id, rows });
    out[k] = id;
  }
  return out;
}

export function embedding(weight: Tensor, ids: Tensor): Tensor {
  const rows = rowsOf(ids, weight);
  const dim = weight.shape[1];
  checkElementwise('embedding', rows.length * dim);
  const out = new Tensor([...ids.shape, dim]);
  const w = weight.data;
  for (let k = 0; k < rows.length; k++) out.data.set(w.subarray(rows[k] * dim, (rows[k] + 1) * dim), k * dim);
  return out;
}

export const embeddingOps: OpDef[] = [
  {
    name: 'embedding',
    summary: 'rows of a table weight [num, dim] picked by ids (whole numbers, any shape) → [...ids.shape, dim]',
    inputs: [{ name: 'weight' }, { name: 'ids' }],
    attrs: [],
    outputs: ['output'],
    nonDifferentiable: ['ids'],
    run: (i) => ({ output: embedding(i.weight, i.ids) }),
    vjp: ({ inputs: { weight, ids } }, { output: g }) => {
      const rows = rowsOf(ids, weight);
      const dim = weight.shape[1];
      // Summed in float64: a frequent id (a space, a common word) collects many rows.
      const acc = new Float64Array(weight.size);
      const gd = g.data;
      for (let k = 0; k < rows.length; k++) {
        const o = rows[k] * dim;
        const go = k * dim;
        for (let j = 0; j < dim; j++) acc[o + j] += gd[go + j];
      }
      return { weight: new Tensor(weight.shape, Float32Array.from(acc)) };
    },
  },
];
