/**
 * The column matrices under conv2d (ops/conv.ts): im2col copies every input
 * patch into a column, col2im adds columns back onto the pixels they came
 * from; the reused buffers, how many images or output rows fit in one matrix,
 * and the zero rows that pad a filter count for gemm's micro-kernel.
 */
import { getElementBudget } from '../budget.js';
import { reusedBuffer } from '../step-memory.js';

/** What the column walk needs of a validated conv2d configuration (ops/conv.ts's Conv2dGeometry adds K). */
export interface ColumnGeometry {
  /** Batch size, or null for an unbatched [C, H, W] input. */
  batch: number | null;
  C: number;
  H: number;
  W: number;
  FH: number;
  FW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
  dilationH: number;
  dilationW: number;
  OH: number;
  OW: number;
}

/**
 * Reused buffers (grown as needed, bounded by colLimit(); the engine is single-threaded); in
 * the kernels' memory under the wasm back end, so the GEMM reads them in place (step-memory.ts).
 */
let colBuf: Float32Array = new Float32Array(0);
let rowBuf: Float32Array = new Float32Array(0);

export function colBuffer(n: number): Float32Array {
  colBuf = reusedBuffer(colBuf, n);
  return colBuf;
}

/** The [K, images·OH·OW] staging buffer for a chunk's outputs (forward) or its grad_output (backward). */
export function rowBuffer(n: number): Float32Array {
  rowBuf = reusedBuffer(rowBuf, n);
  return rowBuf;
}

/** At most this many column-matrix entries at once (4 MiB of float32), or the element budget if smaller. */
function colLimit(): number {
  return Math.min(1 << 20, Math.max(1 << 16, getElementBudget()));
}

/** How many output rows go into one im2col chunk, keeping the column buffer bounded. */
export function chunkRows(g: ColumnGeometry): number {
  const rows = g.C * g.FH * g.FW;
  return Math.max(1, Math.min(g.OH, Math.floor(colLimit() / (rows * g.OW))));
}

/**
 * How many whole images go into one column matrix (0 when a single image's
 * columns exceed the bound: then its output rows are chunked instead). A batch
 * in one matrix makes one GEMM of N·OH·OW columns instead of N small ones.
 */
export function chunkImages(g: ColumnGeometry): number {
  const perImage = g.C * g.FH * g.FW * g.OH * g.OW;
  return Math.min(g.batch ?? 1, Math.floor(colLimit() / perImage));
}

/** First output column ox whose input column ix0 + ox·s is ≥ 0. */
function firstInside(ix0: number, s: number, OW: number): number {
  return ix0 >= 0 ? 0 : Math.min(OW, Math.ceil(-ix0 / s));
}

/** One past the last output column ox whose input column ix0 + ox·s is < W (never below lo). */
function endInside(ix0: number, s: number, W: number, OW: number, lo: number): number {
  const hi = ix0 > W - 1 ? 0 : Math.min(OW, Math.floor((W - 1 - ix0) / s) + 1);
  return hi > lo ? hi : lo;
}

/*
 * im2col and col2im walk the same way: for every kernel tap (c, fy, fx) — row r of
 * the column matrix — and output row oy, the input row iy = oy·s − p + fy·d; output
 * column ox reads input column ox·s + ix0 (ix0 = fx·d − p), inside the input for ox
 * in [lo, hi). Matrix row r starts at r·ld + off, so several images can sit side by
 * side. The walk is written out in both (no callback: it runs once per tap and row).
 */

/**
 * Fills col[(c·FH + fy)·FW + fx][(oy − oy0)·OW + ox] = x[c, oy·s − p + fy·d, ox·s − p + fx·d]
 * (0 in the padding) for output rows oy0 … oy0 + rows − 1; matrix rows are `ld` apart
 * and this image's columns start at `off`.
 */
export function im2col(x: Float32Array, xo: number, g: ColumnGeometry, oy0: number, rows: number, col: Float32Array, ld: number, off: number): void {
  const { C, H, W, FH, FW, OW, strideH, strideW, padTop, padLeft, dilationH, dilationW } = g;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let fy = 0; fy < FH; fy++) {
      for (let fx = 0; fx < FW; fx++, r++) {
        const ix0 = fx * dilationW - padLeft;
        const lo = firstInside(ix0, strideW, OW);
        const hi = endInside(ix0, strideW, W, OW, lo);
        let d = r * ld + off;
        for (let oy = oy0; oy < oy0 + rows; oy++, d += OW) {
          const iy = oy * strideH - padTop + fy * dilationH;
          if (iy < 0 || iy >= H) {
            for (let ox = 0; ox < OW; ox++) col[d + ox] = 0;
            continue;
          }
          const base = xc + iy * W + ix0;
          // Left padding, inside part, right padding. Plain loops for short runs (a builtin
          // call would cost more than it saves), one memcpy for long unit-stride runs.
          let ox = 0;
          for (; ox < lo; ox++) col[d + ox] = 0;
          if (strideW === 1) {
            if (hi - ox >= 64) {
              col.set(x.subarray(base + ox, base + hi), d + ox);
              ox = hi;
            }
            for (; ox < hi; ox++) col[d + ox] = x[base + ox];
          } else {
            for (let s = base + lo * strideW; ox < hi; ox++, s += strideW) col[d + ox] = x[s];
          }
          for (; ox < OW; ox++) col[d + ox] = 0;
        }
      }
    }
  }
}

/** The adjoint of im2col: adds every column entry back onto the input pixel it was copied from. */
export function col2im(col: Float32Array, g: ColumnGeometry, oy0: number, rows: number, gx: Float32Array, xo: number, ld: number, off: number): void {
  const { C, H, W, FH, FW, OW, strideH, strideW, padTop, padLeft, dilationH, dilationW } = g;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let fy = 0; fy < FH; fy++) {
      for (let fx = 0; fx < FW; fx++, r++) {
        const ix0 = fx * dilationW - padLeft;
        const lo = firstInside(ix0, strideW, OW);
        const hi = endInside(ix0, strideW, W, OW, lo);
        let d = r * ld + off;
        for (let oy = oy0; oy < oy0 + rows; oy++, d += OW) {
          const iy = oy * strideH - padTop + fy * dilationH;
          if (iy < 0 || iy >= H) continue;
          const base = xc + iy * W + ix0;
          if (strideW === 1) {
            for (let ox = lo; ox < hi; ox++) gx[base + ox] += col[d + ox];
          } else {
            for (let ox = lo, s = base + lo * strideW; ox < hi; ox++, s += strideW) gx[s] += col[d + ox];
          }
        }
      }
    }
  }
}

/** 1×1 kernel, stride 1, no padding: the input itself is the column matrix. */
export function isPointwise(g: ColumnGeometry): boolean {
  return g.FH === 1 && g.FW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.padBottom === 0 && g.padRight === 0;
}

/**
 * gemm's micro-kernel computes 4 rows of C at a time and handles a last, partial
 * group of rows through a slow edge path. LeNet's first layer has 6 filters: padding
 * the filter rows to 8 with zeros costs the same multiply-adds as the edge path
 * without its overhead (the padded rows are computed and never read).
 */
const KERNEL_ROWS = 4;
let padWeightBuf: Float32Array = new Float32Array(0);
let padGradBuf: Float32Array = new Float32Array(0);

export function paddedRows(K: number): number {
  return Math.ceil(K / KERNEL_ROWS) * KERNEL_ROWS;
}

/** The weight as [Kp, CFF] (zero rows after the K real ones), or itself when K is a multiple of 4. */
export function paddedWeight(w: Float32Array, K: number, CFF: number): Float32Array {
  const Kp = paddedRows(K);
  if (Kp === K) return w;
  padWeightBuf = reusedBuffer(padWeightBuf, Kp * CFF);
  padWeightBuf.set(w.subarray(0, K * CFF));
  padWeightBuf.fill(0, K * CFF, Kp * CFF);
  return padWeightBuf;
}

/** The [Kp, CFF] sum of grad_weight when the filter rows are padded. */
export function padGradBuffer(n: number): Float32Array {
  padGradBuf = reusedBuffer(padGradBuf, n);
  return padGradBuf;
}
