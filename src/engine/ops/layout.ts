/**
 * Ops that move numbers without computing on them: reshape, permute/transpose,
 * slice, concat, stack, index_select. Each vjp puts the gradient back where
 * the number came from (index_select adds, since an index may repeat).
 */
import { type Attrs, intAttr, intListAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { Inputs, OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';
import { forEachBroadcast } from './broadcast.js';
import { normDim } from './reduce.js';

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let k = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = k;
    k *= shape[i];
  }
  return s;
}

/** The target shape with at most one -1 filled in so the size is unchanged. */
export function resolveShape(from: readonly number[], attrs: Attrs): number[] {
  const want = intListAttr(attrs, 'shape', { min: -1 });
  const size = sizeOf(from);
  const free = want.filter((n) => n === -1).length;
  const known = want.filter((n) => n !== -1).reduce((a, b) => a * b, 1);
  const shape = want.map((n) => (n === -1 && known > 0 ? size / known : n));
  if (free > 1 || !shape.every((n) => Number.isInteger(n)) || sizeOf(shape) !== size) {
    throw engineError('reshape-size', { from, to: want, size });
  }
  return shape;
}

/** x with its dimensions reordered: output dim i is input dim dims[i]. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const rank = x.rank;
  const norm = dims.map((d) => normDim('permute', d, rank));
  if (norm.length !== rank || new Set(norm).size !== rank) throw engineError('permute-dims', { dims, rank });
  checkElementwise('permute', x.size);
  const inStrides = stridesOf(x.shape);
  const outShape = norm.map((d) => x.shape[d]);
  const strides = norm.map((d) => inStrides[d]);
  const out = new Tensor(outShape);
  const o = out.data;
  const xd = x.data;
  forEachBroadcast(outShape, strides, strides, (i, ix) => {
    o[i] = xd[ix];
  });
  return out;
}

function inversePermutation(dims: readonly number[], rank: number): number[] {
  const inv = new Array<number>(rank);
  dims.map((d) => normDim('permute', d, rank)).forEach((d, i) => (inv[d] = i));
  return inv;
}

function transposeDims(rank: number, attrs: Attrs): number[] {
  const a = normDim('transpose', intAttr(attrs, 'dim0'), rank);
  const b = normDim('transpose', intAttr(attrs, 'dim1'), rank);
  const dims = [...Array(rank).keys()];
  dims[a] = b;
  dims[b] = a;
  return dims;
}

interface SliceSpec {
  dim: number;
  start: number;
  end: number;
  outer: number;
  inner: number;
}

function sliceSpec(x: Tensor, attrs: Attrs): SliceSpec {
  const dim = normDim('slice', intAttr(attrs, 'dim'), x.rank);
  const n = x.shape[dim];
  const clamp = (v: number): number => Math.min(n, Math.max(0, v < 0 ? v + n : v));
  const start = clamp(intAttr(attrs, 'start', { default: 0 }));
  const end = clamp(intAttr(attrs, 'end', { default: n }));
  if (end <= start) throw engineError('slice-empty', { dim, start, end, size: n });
  return { dim, start, end, outer: sizeOf(x.shape.slice(0, dim)), inner: sizeOf(x.shape.slice(dim + 1)) };
}

/** x[..., start:end, ...] along `dim`. */
export function slice(x: Tensor, s: SliceSpec): Tensor {
  const shape = [...x.shape];
  shape[s.dim] = s.end - s.start;
  const out = new Tensor(shape);
  const n = x.shape[s.dim];
  const len = (s.end - s.start) * s.inner;
  for (let o = 0; o < s.outer; o++) out.data.set(x.data.subarray((o * n + s.start) * s.inner, (o * n + s.start) * s.inner + len), o * len);
  return out;
}

/** Variadic inputs x0, x1, … in order. */
function ordered(op: string, inputs: Inputs): [string, Tensor][] {
  const list: [number, string, Tensor][] = [];
  for (const [name, t] of Object.entries(inputs)) {
    const m = /^x(\d+)$/.exec(name);
    if (!m) throw engineError('variadic-bad-name', { op, name });
    list.push([Number(m[1]), name, t]);
  }
  if (list.length === 0) throw engineError('variadic-none', { op });
  list.sort((a, b) => a[0] - b[0]);
  return list.map(([, name, t]) => [name, t]);
}

/** Joins tensors along an existing dimension; all other dimensions must agree. */
function concatTensors(op: string, parts: readonly Tensor[], dim: number): Tensor {
  const first = parts[0];
  for (const t of parts) {
    if (t.rank !== first.rank || t.shape.some((n, i) => i !== dim && n !== first.shape[i])) {
      throw engineError('concat-shapes', { op, dim, a: first.shape, b: t.shape });
    }
  }
  const shape = [...first.shape];
  shape[dim] = parts.reduce((s, t) => s + t.shape[dim], 0);
  const out = new Tensor(shape);
  const outer = sizeOf(first.shape.slice(0, dim));
  const inner = sizeOf(first.shape.slice(dim + 1));
  const rowOut = shape[dim] * inner;
  let at = 0;
  for (const t of parts) {
    const row = t.shape[dim] * inner;
    for (let o = 0; o < outer; o++) out.data.set(t.data.subarray(o * row, (o + 1) * row), o * rowOut + at);
    at += row;
  }
  return out;
}

/** The gradient of a concat, cut back into its parts. */
function splitGrad(g: Tensor, parts: readonly [string, Tensor][], dim: number): Record<string, Tensor> {
  const grads: Record<string, Tensor> = {};
  let start = 0;
  for (const [name, t] of parts) {
    const len = t.shape[dim];
    const outer = sizeOf(g.shape.slice(0, dim));
    const inner = sizeOf(g.shape.slice(dim + 1));
    grads[name] = slice(g, { dim, start, end: start + len, outer, inner });
    start += len;
  }
  return grads;
}

function indexList(index: Tensor, n: number, dim: number): number[] {
  if (index.rank !== 1) throw engineError('index-select-rank', { shape: index.shape });
  return Array.from(index.data, (v) => {
    if (!Number.isInteger(v) || v < 0 || v >= n) throw engineError('index-out-of-range', { op: 'index_select', index: v, dim, size: n });
    return v;
  });
}

export const layoutOps: OpDef[] = [
  {
    name: 'reshape',
    summary: 'the same numbers in another shape (one dimension may be -1)',
    inputs: [{ name: 'input' }],
    attrs: ['shape'],
    outputs: ['output'],
    run: (i, a) => ({ output: new Tensor(resolveShape(i.input.shape, a), i.input.data) }),
    vjp: ({ inputs }, { output: g }) => ({ input: new Tensor(inputs.input.shape, g.data) }),
  },
  {
    name: 'permute',
    summary: 'reorders the dimensions: output dim i is input dim dims[i]',
    inputs: [{ name: 'input' }],
    attrs: ['dims'],
    outputs: ['output'],
    run: (i, a) => ({ output: permute(i.input, intListAttr(a, 'dims', { min: -i.input.rank })) }),
    vjp: ({ inputs, attrs }, { output: g }) => ({ input: permute(g, inversePermutation(intListAttr(attrs, 'dims'), inputs.input.rank)) }),
  },
  {
    name: 'transpose',
    summary: 'swaps dimensions dim0 and dim1',
    inputs: [{ name: 'input' }],
    attrs: ['dim0', 'dim1'],
    outputs: ['output'],
    run: (i, a) => ({ output: permute(i.input, transposeDims(i.input.rank, a)) }),
    vjp: ({ inputs, attrs }, { output: g }) => ({ input: permute(g, transposeDims(inputs.input.rank, attrs)) }),
  },
  {
    name: 'slice',
    summary: 'input[…, start:end, …] along dim (negative indices count from the end)',
    inputs: [{ name: 'input' }],
    attrs: ['dim', 'start', 'end'],
    outputs: ['output'],
    run: (i, a) => ({ output: slice(i.input, sliceSpec(i.input, a)) }),
    vjp: ({ inputs, attrs }, { output: g }) => {
      const x = inputs.input;
      const s = sliceSpec(x, attrs);
      const gi = new Tensor(x.shape);
      const n = x.shape[s.dim];
      const len = (s.end - s.start) * s.inner;
      for (let o = 0; o < s.outer; o++) gi.data.set(g.data.subarray(o * len, (o + 1) * len), (o * n + s.start) * s.inner);
      return { input: gi };
    },
  },
  {
    name: 'concat',
    summary: 'joins x0, x1, … along an existing dim',
    inputs: 'variadic',
    attrs: ['dim'],
    outputs: ['output'],
    run: (i, a) => {
      const parts = ordered('concat', i);
      const dim = normDim('concat', intAttr(a, 'dim', { default: 0 }), parts[0][1].rank);
      return { output: concatTensors('concat', parts.map(([, t]) => t), dim) };
    },
    vjp: ({ inputs, attrs }, { output: g }) => {
      const parts = ordered('concat', inputs);
      return splitGrad(g, parts, normDim('concat', intAttr(attrs, 'dim', { default: 0 }), parts[0][1].rank));
    },
  },
  {
    name: 'stack',
    summary: 'stacks x0, x1, … (one shape) along a new dim',
    inputs: 'variadic',
    attrs: ['dim'],
    outputs: ['output'],
    run: (i, a) => {
      const parts = ordered('stack', i);
      const rank = parts[0][1].rank;
      const dim = normDim('stack', intAttr(a, 'dim', { default: 0 }), rank, 1);
      const lifted = parts.map(([, t]) => new Tensor([...t.shape.slice(0, dim), 1, ...t.shape.slice(dim)], t.data));
      for (const [, t] of parts) {
        if (t.rank !== rank || t.shape.some((n, k) => n !== parts[0][1].shape[k])) {
          throw engineError('concat-shapes', { op: 'stack', dim, a: parts[0][1].shape, b: t.shape });
        }
      }
      return { output: concatTensors('stack', lifted, dim) };
    },
    vjp: ({ inputs, attrs }, { output: g }) => {
      const parts = ordered('stack', inputs);
      const dim = normDim('stack', intAttr(attrs, 'dim', { default: 0 }), parts[0][1].rank, 1);
      const lifted = parts.map(([name, t]): [string, Tensor] => [name, new Tensor([...t.shape.slice(0, dim), 1, ...t.shape.slice(dim)], t.data)]);
      const grads = splitGrad(g, lifted, dim);
      for (const [name, t] of parts) grads[name] = new Tensor(t.shape, grads[name].data);
      return grads;
    },
  },
  {
    name: 'index_select',
    summary: 'picks entries `index` (whole numbers, may repeat) along dim',
    inputs: [{ name: 'input' }, { name: 'index' }],
    attrs: ['dim'],
    outputs: ['output'],
    nonDifferentiable: ['index'],
    run: (i, a) => {
      const x = i.input;
      const dim = normDim('index_select', intAttr(a, 'dim'), x.rank);
      const idx = indexList(i.index, x.shape[dim], dim);
      const outer = sizeOf(x.shape.slice(0, dim));
      const inner = sizeOf(x.shape.slice(dim + 1));
      const n = x.shape[dim];
      const shape = [...x.shape];
      shape[dim] = idx.length;
      const out = new Tensor(shape);
      // One block copy per picked entry (a batch of examples is index_select along dim 0).
      for (let o = 0; o < outer; o++) {
        idx.forEach((k, j) => out.data.set(x.data.subarray((o * n + k) * inner, (o * n + k + 1) * inner), (o * idx.length + j) * inner));
      }
      return { output: out };
    },
    vjp: ({ inputs, attrs }, { output: g }) => {
      const x = inputs.input;
      const dim = normDim('index_select', intAttr(attrs, 'dim'), x.rank);
      const idx = indexList(inputs.index, x.shape[dim], dim);
      const outer = sizeOf(x.shape.slice(0, dim));
      const inner = sizeOf(x.shape.slice(dim + 1));
      const gi = new Tensor(x.shape);
      const n = x.shape[dim];
      const gid = gi.data;
      const gd = g.data;
      for (let o = 0; o < outer; o++) {
        idx.forEach((k, j) => {
          const src = (o * idx.length + j) * inner;
          const dst = (o * n + k) * inner;
          for (let e = 0; e < inner; e++) gid[dst + e] += gd[src + e];
        });
      }
      return { input: gi };
    },
  },
];
