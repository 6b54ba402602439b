/**
 * NumPy/PyTorch broadcasting: shapes are aligned on their last dimension and a
 * dimension of size 1 (or a missing one) stretches to the other's size.
 * `sumToShape` is its backward: a gradient is summed back over every dimension
 * its input was stretched along.
 */
import { engineError } from '../messages.js';
import { Tensor } from '../tensor.js';

export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw engineError('broadcast-mismatch', { op, a, b, dim: i - rank });
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Row-major strides of `shape` seen inside `outShape`: 0 along stretched dimensions. */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = rank - shape.length + i;
    strides[j] = shape[i] === 1 && outShape[j] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Calls visit(outIndex, offsetInA, offsetInB) for every element of the broadcast result,
 * walking with an odometer over the dimensions (no index arithmetic per element).
 */
export function forEachBroadcast(
  outShape: readonly number[],
  sa: readonly number[],
  sb: readonly number[],
  visit: (o: number, ia: number, ib: number) => void,
): void {
  const rank = outShape.length;
  const n = sizeOf(outShape);
  if (rank === 0) {
    if (n === 1) visit(0, 0, 0);
    return;
  }
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  const last = rank - 1;
  const inner = outShape[last];
  const la = sa[last];
  const lb = sb[last];
  for (let o = 0; o < n; o += inner) {
    for (let k = 0; k < inner; k++) visit(o + k, ia + k * la, ib + k * lb);
    // advance the odometer over the outer dimensions
    for (let d = last - 1; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < outShape[d]) break;
      ia -= sa[d] * outShape[d];
      ib -= sb[d] * outShape[d];
      idx[d] = 0;
    }
  }
}

/** Sums `g` (shaped like a broadcast result) back to `shape`, the input's shape. */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.length === shape.length && g.shape.every((n, i) => n === shape[i])) return g;
  const out = new Tensor(shape);
  const o = out.data;
  const src = g.data;
  const size = out.size;
  // Fast path: `shape` is a suffix of g's shape (a bias over rows): add each row in.
  const suffix = shape.length <= g.shape.length && shape.every((n, i) => n === g.shape[g.shape.length - shape.length + i]);
  if (suffix) {
    for (let r = 0; r < src.length; r += size) for (let j = 0; j < size; j++) o[j] += src[r + j];
    return out;
  }
  const so = broadcastStrides(shape, g.shape);
  forEachBroadcast(g.shape, so, so, (i, io) => {
    o[io] += src[i];
  });
  return out;
}
