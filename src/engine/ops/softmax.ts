/**
 * softmax and log_softmax over one dimension (the last by default), forward
 * and backward. Numerically stable: the row maximum is subtracted before
 * exponentiating, and sums are accumulated in float64, so inputs like
 * [1000, 1001] give the same answer as [0, 1].
 */
import { type Attrs, intAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { wasmSoftmaxBackwardRows, wasmSoftmaxRows } from '../wasm-elementwise.js';

/** outer × n × inner view of a tensor around dimension `dim`. */
interface Axis {
  outer: number;
  n: number;
  inner: number;
}

/** Resolves a (possibly negative) dim of `shape` and splits the shape around it. */
function resolveDim(shape: readonly number[], dim: number, op: string): Axis {
  const rank = shape.length;
  if (!Number.isInteger(dim)) throw engineError('softmax-dim-not-int', { op, dim });
  if (rank === 0) {
    if (dim !== 0 && dim !== -1) {
      throw engineError('softmax-dim-scalar', { op, dim });
    }
    return { outer: 1, n: 1, inner: 1 };
  }
  if (dim < -rank || dim >= rank) {
    throw engineError('softmax-dim-range', { op, dim, shape });
  }
  const d = dim < 0 ? dim + rank : dim;
  let outer = 1;
  for (let i = 0; i < d; i++) outer *= shape[i];
  let inner = 1;
  for (let i = d + 1; i < rank; i++) inner *= shape[i];
  return { outer, n: shape[d], inner };
}

/** Calls `visit(base)` for every line along the dimension: its entries are base + j·inner for j < n. */
function forEachLine({ outer, n, inner }: Axis, visit: (base: number) => void): void {
  for (let o = 0; o < outer; o++) {
    for (let q = 0; q < inner; q++) visit(o * n * inner + q);
  }
}

/**
 * In-place stable softmax of `rows` contiguous rows of length `n` starting at
 * `offset`, `stride` numbers apart. -Infinity entries (masks) get weight 0.
 * Used by attention on its score matrices.
 */
export function softmaxRowsInPlace(buf: Float32Array, offset: number, rows: number, n: number, stride: number = n): void {
  for (let r = 0; r < rows; r++) {
    const o = offset + r * stride;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (buf[o + j] > max) max = buf[o + j];
    if (max === -Infinity) {
      // Every entry masked: there is nothing to attend to; PyTorch gives NaN.
      for (let j = 0; j < n; j++) buf[o + j] = NaN;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(buf[o + j] - max);
      buf[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < n; j++) buf[o + j] *= inv;
  }
}

function softmaxImpl(x: Tensor, dim: number, log: boolean, op: string): Tensor {
  const axis = resolveDim(x.shape, dim, op);
  const { n, inner } = axis;
  checkElementwise(op, x.size, 2);
  const src = x.data;
  const out = allocate(x.size);
  // The last dimension (rows contiguous) and arrays in the kernels' memory: the WebAssembly twin of the loop below.
  if (inner === 1 && wasmSoftmaxRows(src, out, axis.outer, n, log)) return new Tensor(x.shape, out);
  const e = new Float64Array(n);
  forEachLine(axis, (base) => {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = src[base + j * inner];
      if (v > max || Number.isNaN(v)) max = v;
    }
    // All -inf: softmax is undefined (0/0); follow PyTorch and give NaN.
    if (max === -Infinity) max = NaN;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.exp(src[base + j * inner] - max);
      e[j] = v;
      sum += v;
    }
    if (log) {
      const lse = Math.log(sum);
      for (let j = 0; j < n; j++) out[base + j * inner] = src[base + j * inner] - max - lse;
    } else {
      const inv = 1 / sum;
      for (let j = 0; j < n; j++) out[base + j * inner] = e[j] * inv;
    }
  });
  return new Tensor(x.shape, out);
}

/** softmax(x)_j = e^{x_j} / Σ_k e^{x_k} along `dim` (default -1, the last). */
export function softmax(x: Tensor, dim = -1): Tensor {
  return softmaxImpl(x, dim, false, 'softmax');
}

/** log_softmax(x)_j = x_j − log Σ_k e^{x_k} along `dim`, computed without forming e^{x}/Σ. */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return softmaxImpl(x, dim, true, 'log_softmax');
}

function sameShape(a: Tensor, b: Tensor, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) {
    throw engineError('softmax-grad-mismatch', { op: what, got: b.shape, want: a.shape });
  }
}

/**
 * The frame both backwards share: y and grad_output of one shape, then `line`
 * fills dx for one line along `dim` (entries base + j·inner, j < n).
 */
function backwardAlong(
  op: string,
  y: Tensor,
  gradOutput: Tensor,
  dim: number,
  log: boolean,
  line: (base: number, axis: Axis, yd: Float32Array, g: Float32Array, out: Float32Array) => void,
): Tensor {
  sameShape(y, gradOutput, op);
  const axis = resolveDim(y.shape, dim, op);
  checkElementwise(op, y.size);
  const out = allocate(y.size);
  // The last dimension and arrays in the kernels' memory: the WebAssembly twin of `line`.
  if (axis.inner === 1 && wasmSoftmaxBackwardRows(y.data, gradOutput.data, out, axis.outer, axis.n, log)) return new Tensor(y.shape, out);
  forEachLine(axis, (base) => line(base, axis, y.data, gradOutput.data, out));
  return new Tensor(y.shape, out);
}

/**
 * Backward of softmax from its output y: dx = y ⊙ (g − Σ_k g_k y_k) along `dim`.
 */
export function softmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  return backwardAlong('softmaxBackward', y, gradOutput, dim, false, (base, { n, inner }, yd, g, out) => {
    let dot = 0;
    for (let j = 0; j < n; j++) dot += g[base + j * inner] * yd[base + j * inner];
    for (let j = 0; j < n; j++) {
      const i = base + j * inner;
      out[i] = yd[i] * (g[i] - dot);
    }
  });
}

/**
 * Backward of log_softmax from its output y: dx = g − e^{y} ⊙ Σ_k g_k along `dim`.
 */
export function logSoftmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  return backwardAlong('logSoftmaxBackward', y, gradOutput, dim, true, (base, { n, inner }, yd, g, out) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += g[base + j * inner];
    for (let j = 0; j < n; j++) {
      const i = base + j * inner;
      out[i] = g[i] - Math.exp(yd[i]) * sum;
    }
  });
}

function dimOf(attrs: Attrs): number {
  return intAttr(attrs, 'dim', { default: -1 });
}

export const softmaxOps: OpDef[] = [
  {
    name: 'softmax',
    summary: 'e^x / Σe^x along a dimension (default the last): each row becomes probabilities summing to 1',
    inputs: [{ name: 'input' }],
    attrs: ['dim'],
    outputs: ['output'],
    run: (i, a) => ({ output: softmax(i.input, dimOf(a)) }),
    vjp: ({ outputs, attrs }, { output: g }) => ({ input: softmaxBackward(outputs.output, g, dimOf(attrs)) }),
  },
  {
    name: 'log_softmax',
    summary: 'x − log Σe^x along a dimension (default the last): log-probabilities, stable for large inputs',
    inputs: [{ name: 'input' }],
    attrs: ['dim'],
    outputs: ['output'],
    run: (i, a) => ({ output: logSoftmax(i.input, dimOf(a)) }),
    vjp: ({ outputs, attrs }, { output: g }) => ({ input: logSoftmaxBackward(outputs.output, g, dimOf(attrs)) }),
  },
];
