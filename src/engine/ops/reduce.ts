/**
 * sum and mean over some dimensions (all by default), with keepdim — and their
 * vjps, which spread the gradient back over every element that was summed.
 */
import { type Attrs, boolAttr, intListAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';
import { broadcastStrides, forEachBroadcast } from './broadcast.js';

export interface ReduceDims {
  /** Reduced dimensions, non-negative, sorted, distinct. */
  dims: number[];
  keepdim: boolean;
  /** The result's shape with the reduced dimensions kept as 1. */
  keptShape: number[];
  outShape: number[];
  /** How many input elements each output element sums. */
  count: number;
}

export function reduceDims(op: string, shape: readonly number[], attrs: Attrs): ReduceDims {
  const rank = shape.length;
  const given = attrs.dim === undefined || attrs.dim === null ? null : intListAttr(attrs, 'dim');
  const dims = given === null ? [...shape.keys()] : given.map((d) => normDim(op, d, rank));
  const unique = [...new Set(dims)].sort((x, y) => x - y);
  if (unique.length !== dims.length) throw engineError('reduce-dim-twice', { op, dims: given ?? [] });
  const keepdim = boolAttr(attrs, 'keepdim', false);
  const keptShape = shape.map((n, i) => (unique.includes(i) ? 1 : n));
  const outShape = keepdim ? keptShape : shape.filter((_, i) => !unique.includes(i));
  const count = unique.reduce((c, d) => c * shape[d], 1);
  return { dims: unique, keepdim, keptShape, outShape, count };
}

/** A dimension index as PyTorch takes it: -1 is the last; refused outside [-rank, rank). */
export function normDim(op: string, dim: number, rank: number, extra = 0): number {
  const r = rank + extra;
  if (!Number.isInteger(dim) || dim < -Math.max(r, 1) || dim >= Math.max(r, 1)) {
    throw engineError('dim-out-of-range', { op, dim, rank: r });
  }
  return dim < 0 ? dim + r : dim;
}

/** Σ over the reduced dimensions (float64 accumulation), scaled by `scale`. */
export function reduceSum(op: string, x: Tensor, r: ReduceDims, scale = 1): Tensor {
  checkElementwise(op, x.size);
  const acc = new Float64Array(r.keptShape.reduce((a, b) => a * b, 1));
  const xd = x.data;
  const last = x.rank - 1;
  if (r.dims.length === 1 && r.dims[0] === last) {
    const n = x.shape[last] ?? 1;
    for (let o = 0; o < acc.length; o++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += xd[o * n + j];
      acc[o] = s;
    }
  } else {
    const so = broadcastStrides(r.keptShape, x.shape);
    forEachBroadcast(x.shape, so, so, (i, io) => {
      acc[io] += xd[i];
    });
  }
  const out = new Tensor(r.outShape);
  const od = out.data;
  for (let i = 0; i < acc.length; i++) od[i] = acc[i] * scale;
  return out;
}

/** The vjp of a sum: every input element receives its output's gradient (times scale). */
export function expandGrad(g: Tensor, r: ReduceDims, inShape: readonly number[], scale = 1): Tensor {
  const out = new Tensor(inShape);
  const o = out.data;
  const gd = g.data;
  const sg = broadcastStrides(r.keptShape, inShape);
  forEachBroadcast(inShape, sg, sg, (i, ig) => {
    o[i] = gd[ig] * scale;
  });
  return out;
}

export const reduceOps: OpDef[] = [
  {
    name: 'sum',
    summary: 'Σ over `dim` (one or a list; all when absent), keepdim keeps them as size 1',
    inputs: [{ name: 'input' }],
    attrs: ['dim', 'keepdim'],
    outputs: ['output'],
    run: (i, a) => ({ output: reduceSum('sum', i.input, reduceDims('sum', i.input.shape, a)) }),
    vjp: ({ inputs, attrs }, { output: g }) => ({ input: expandGrad(g, reduceDims('sum', inputs.input.shape, attrs), inputs.input.shape) }),
  },
  {
    name: 'mean',
    summary: 'mean over `dim` (one or a list; all when absent), keepdim keeps them as size 1',
    inputs: [{ name: 'input' }],
    attrs: ['dim', 'keepdim'],
    outputs: ['output'],
    run: (i, a) => {
      const r = reduceDims('mean', i.input.shape, a);
      return { output: reduceSum('mean', i.input, r, 1 / r.count) };
    },
    vjp: ({ inputs, attrs }, { output: g }) => {
      const r = reduceDims('mean', inputs.input.shape, attrs);
      return { input: expandGrad(g, r, inputs.input.shape, 1 / r.count) };
    },
  },
];
