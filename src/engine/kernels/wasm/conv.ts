// AssemblyScript, not TypeScript (see gemm.ts): conv2d forward and both backwards on
// float32 buffers in this module's memory, for a batch of n images [n, C, H, W], weight
// [K, C, FH, FW], output [n, K, OH, OW] — the same arithmetic as src/engine/ops/conv.ts's
// JS path (im2col + GEMM, col2im), with the column matrix built and scattered here, so
// no column ever crosses between JS and the module. The caller
// (src/engine/kernels/wasm-conv.ts) has validated the geometry and passes byte addresses:
// the operands, a column area of colCap floats, and gemm's packing areas.
//
// Per image, its output rows in chunks whose columns fit colCap:
//   forward        y[K, rows·OW]  = W[K, CFF] · cols[CFF, rows·OW] (+ bias)
//   grad weight    gW[K, CFF]    += dY[K, rows·OW] · colsᵀ    (summed over rows and images)
//   grad input     cols           = Wᵀ · dY, then col2im adds each entry onto its pixel
// with CFF = C·FH·FW. A 1×1 kernel with stride 1 and no padding skips the columns: the
// image itself is the column matrix.
//
// Why columns at all, not an implicit GEMM that packs the GEMM's B panels straight from
// the image: tried, it was ~10% slower on every shape measured (224×224×3→64, 56×56×64→64,
// 32×32×3→16, batch 8 of 32×32×32→32; Node 20, best of 11) and ~2× slower where panels
// straddle output rows (LeNet's 28- and 10-wide outputs). im2col's row copies and the
// packing's two sequential streams beat computing a tap's address for every 8 values.
import { gemm, gemmRowBias } from './gemm';

// The geometry of the next calls (setGeometry), kept in globals: the calls would
// otherwise take two dozen arguments.
let gC: i32 = 0, gH: i32 = 0, gW: i32 = 0, gK: i32 = 0;
let gFH: i32 = 0, gFW: i32 = 0, gSH: i32 = 1, gSW: i32 = 1;
let gPT: i32 = 0, gPL: i32 = 0, gDH: i32 = 1, gDW: i32 = 1;
let gOH: i32 = 0, gOW: i32 = 0;
// gemm's packing areas and edge tile.
let gPackA: usize = 0, gPackB: usize = 0, gTile: usize = 0;

export function setGeometry(
  C: i32, H: i32, W: i32, K: i32, FH: i32, FW: i32,
  strideH: i32, strideW: i32, padTop: i32, padLeft: i32, dilationH: i32, dilationW: i32,
  OH: i32, OW: i32,
): void {
  gC = C; gH = H; gW = W; gK = K; gFH = FH; gFW = FW;
  gSH = strideH; gSW = strideW; gPT = padTop; gPL = padLeft; gDH = dilationH; gDW = dilationW;
  gOH = OH; gOW = OW;
}

export function setPacking(packA: usize, packB: usize, tile: usize): void {
  gPackA = packA; gPackB = packB; gTile = tile;
}

function pointwise(): bool {
  return gFH == 1 && gFW == 1 && gSH == 1 && gSW == 1 && gPT == 0 && gPL == 0 && gOH == gH && gOW == gW;
}

/** Output rows per column chunk: as many as fit colCap floats, at least one. */
function chunkRows(colCap: i32): i32 {
  const perRow = gC * gFH * gFW * gOW;
  return max(1, min(gOH, colCap / perRow));
}

/** y = conv2d(x, w) + bias for n images (bias = 0: none). */
export function conv2dForward(n: i32, x: usize, w: usize, bias: usize, y: usize, cols: usize, colCap: i32): void {
  const P = gOH * gOW;
  const CFF = gC * gFH * gFW;
  const inBytes = <usize>(gC * gH * gW) * 4;
  const outBytes = <usize>(gK * P) * 4;
  const step = chunkRows(colCap);
  for (let b = 0; b < n; b++) {
    const xo = x + <usize>b * inBytes;
    const yo = y + <usize>b * outBytes;
    // The GEMM adds the bias as it first stores each output (no pass of its own).
    if (pointwise()) {
      gemmRowBias(gK, P, CFF, w, CFF, false, xo, P, false, yo, P, false, bias, gPackA, gPackB, gTile);
      continue;
    }
    for (let oy0 = 0; oy0 < gOH; oy0 += step) {
      const rows = min(step, gOH - oy0);
      const Pc = rows * gOW;
      im2col(xo, oy0, rows, cols);
      gemmRowBias(gK, Pc, CFF, w, CFF, false, cols, Pc, false, yo + <usize>(oy0 * gOW) * 4, P, false, bias, gPackA, gPackB, gTile);
    }
  }
}

/** gw = Σ over images and positions of dY · patchᵀ (overwritten, not accumulated). */
export function conv2dBackwardWeight(n: i32, x: usize, dy: usize, gw: usize, cols: usize, colCap: i32): void {
  const P = gOH * gOW;
  const CFF = gC * gFH * gFW;
  const inBytes = <usize>(gC * gH * gW) * 4;
  const outBytes = <usize>(gK * P) * 4;
  const step = chunkRows(colCap);
  let first = true;
  for (let b = 0; b < n; b++) {
    const xo = x + <usize>b * inBytes;
    const dyo = dy + <usize>b * outBytes;
    if (pointwise()) {
      gemm(gK, CFF, P, dyo, P, false, xo, P, true, gw, CFF, !first, gPackA, gPackB, gTile);
      first = false;
      continue;
    }
    for (let oy0 = 0; oy0 < gOH; oy0 += step) {
      const rows = min(step, gOH - oy0);
      const Pc = rows * gOW;
      im2col(xo, oy0, rows, cols);
      // Weight sharing: this GEMM's inner dimension runs over the chunk's positions.
      gemm(gK, CFF, Pc, dyo + <usize>(oy0 * gOW) * 4, P, false, cols, Pc, true, gw, CFF, !first, gPackA, gPackB, gTile);
      first = false;
    }
  }
  if (first) memory.fill(gw, 0, <usize>(gK * CFF) * 4);
}

/** gx = the input gradient for n images (overwritten). */
export function conv2dBackwardInput(n: i32, w: usize, dy: usize, gx: usize, cols: usize, colCap: i32): void {
  const P = gOH * gOW;
  const CFF = gC * gFH * gFW;
  const inBytes = <usize>(gC * gH * gW) * 4;
  const outBytes = <usize>(gK * P) * 4;
  const step = chunkRows(colCap);
  if (!pointwise()) memory.fill(gx, 0, <usize>n * inBytes);
  for (let b = 0; b < n; b++) {
    const gxo = gx + <usize>b * inBytes;
    const dyo = dy + <usize>b * outBytes;
    if (pointwise()) {
      gemm(CFF, P, gK, w, CFF, true, dyo, P, false, gxo, P, false, gPackA, gPackB, gTile);
      continue;
    }
    for (let oy0 = 0; oy0 < gOH; oy0 += step) {
      const rows = min(step, gOH - oy0);
      const Pc = rows * gOW;
      // Each patch entry received w·dY: dcols = Wᵀ · dY; col2im adds every entry back to
      // the pixel it came from (pixels in several patches collect several terms).
      gemm(CFF, Pc, gK, w, CFF, true, dyo + <usize>(oy0 * gOW) * 4, P, false, cols, Pc, false, gPackA, gPackB, gTile);
      col2im(cols, oy0, rows, gxo);
    }
  }
}

/** First output column ox whose input column ix0 + ox·s is ≥ 0. */
// @ts-ignore: decorator
@inline
function firstInside(ix0: i32, s: i32): i32 {
  return ix0 >= 0 ? 0 : min(gOW, (-ix0 + s - 1) / s);
}

/** One past the last output column ox whose input column ix0 + ox·s is < W (never below lo). */
// @ts-ignore: decorator
@inline
function endInside(ix0: i32, s: i32, lo: i32): i32 {
  const hi = ix0 > gW - 1 ? 0 : min(gOW, (gW - 1 - ix0) / s + 1);
  return hi > lo ? hi : lo;
}

/*
 * im2col and col2im walk as ops/conv-columns.ts does: for every kernel tap (c, fy, fx) —
 * row r of the column matrix — and output row oy, the input row iy = oy·s − p + fy·d;
 * output column ox reads input column ox·s + ix0 (ix0 = fx·d − p), inside the input for
 * ox in [lo, hi). The column matrix is dense: rows·OW columns.
 */

/** cols[(c·FH + fy)·FW + fx][(oy − oy0)·OW + ox] = x[c, iy, ix] (0 in the padding). */
function im2col(x: usize, oy0: i32, rows: i32, col: usize): void {
  const ld = rows * gOW;
  const OWb = <usize>gOW * 4;
  let r = 0;
  for (let c = 0; c < gC; c++) {
    const xc = x + <usize>(c * gH * gW) * 4;
    for (let fy = 0; fy < gFH; fy++) {
      for (let fx = 0; fx < gFW; fx++, r++) {
        const ix0 = fx * gDW - gPL;
        const lo = firstInside(ix0, gSW);
        const hi = endInside(ix0, gSW, lo);
        let d = col + <usize>(r * ld) * 4;
        for (let oy = oy0; oy < oy0 + rows; oy++, d += OWb) {
          const iy = oy * gSH - gPT + fy * gDH;
          if (iy < 0 || iy >= gH) {
            memory.fill(d, 0, OWb);
            continue;
          }
          // base may point before the row (ix0 < 0); only [lo, hi) is read.
          const base = xc + <usize>(iy * gW + ix0) * 4;
          if (lo > 0) memory.fill(d, 0, <usize>lo * 4);
          if (gSW == 1) {
            memory.copy(d + <usize>lo * 4, base + <usize>lo * 4, <usize>(hi - lo) * 4);
          } else {
            let s = base + <usize>(lo * gSW) * 4;
            const sstep = <usize>gSW * 4;
            for (let ox = lo; ox < hi; ox++, s += sstep) store<f32>(d + <usize>ox * 4, load<f32>(s));
          }
          if (hi < gOW) memory.fill(d + <usize>hi * 4, 0, <usize>(gOW - hi) * 4);
        }
      }
    }
  }
}

/** The adjoint of im2col: adds every column entry back onto the input pixel it was copied from. */
function col2im(col: usize, oy0: i32, rows: i32, gx: usize): void {
  const ld = rows * gOW;
  const OWb = <usize>gOW * 4;
  let r = 0;
  for (let c = 0; c < gC; c++) {
    const xc = gx + <usize>(c * gH * gW) * 4;
    for (let fy = 0; fy < gFH; fy++) {
      for (let fx = 0; fx < gFW; fx++, r++) {
        const ix0 = fx * gDW - gPL;
        const lo = firstInside(ix0, gSW);
        const hi = endInside(ix0, gSW, lo);
        let d = col + <usize>(r * ld) * 4;
        for (let oy = oy0; oy < oy0 + rows; oy++, d += OWb) {
          const iy = oy * gSH - gPT + fy * gDH;
          if (iy < 0 || iy >= gH) continue;
          const base = xc + <usize>(iy * gW + ix0) * 4;
          if (gSW == 1) {
            let ox = lo;
            for (; ox + 3 < hi; ox += 4) {
              const q = base + <usize>ox * 4;
              v128.store(q, f32x4.add(v128.load(q), v128.load(d + <usize>ox * 4)));
            }
            for (; ox < hi; ox++) {
              const q = base + <usize>ox * 4;
              store<f32>(q, load<f32>(q) + load<f32>(d + <usize>ox * 4));
            }
          } else {
            let s = base + <usize>(lo * gSW) * 4;
            const sstep = <usize>gSW * 4;
            for (let ox = lo; ox < hi; ox++, s += sstep) store<f32>(s, load<f32>(s) + load<f32>(d + <usize>ox * 4));
          }
        }
      }
    }
  }
}
