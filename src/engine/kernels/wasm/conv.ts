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
// The forward with stride 1 across and an output width a multiple of 8 builds no column
// matrix (forwardByPanels, at the end of this file). Other shapes keep im2col: where the
// GEMM's 8-wide panels wrap onto the next output row (LeNet's 28- and 10-wide outputs),
// filling them value by value from the image was 20–40% slower than im2col's row copies
// and the packing's two sequential streams.
import { gemm, gemmRowBias, KC, MC, MR, NR, packRowBlock, timesGatheredPanel, timesPanel } from './gemm';

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
  const panels = panelsFit(x, <usize>n * inBytes);
  for (let b = 0; b < n; b++) {
    const xo = x + <usize>b * inBytes;
    const yo = y + <usize>b * outBytes;
    // The GEMM adds the bias as it first stores each output (no pass of its own).
    if (pointwise()) {
      gemmRowBias(gK, P, CFF, w, CFF, false, xo, P, false, yo, P, false, bias, gPackA, gPackB, gTile);
      continue;
    }
    if (panels) {
      forwardByPanelsPadded(xo, w, bias, yo, cols, colCap);
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

/*
 * The forward without a column matrix (stride 1 across). A panel whose taps all lie inside
 * the image (most of them) is not written at all: the GEMM's micro-kernel reads each tap's
 * NR floats from the image through the tap's offset (timesGatheredPanel). Any other panel is
 * written, in exactly the layout gemm's packBlockB gives it, into gemm's B packing area and
 * multiplied at once, while it is in L1. im2col + packBlockB wrote every column entry twice
 * and read it back twice (a third of this forward's time on 32×32×3 → 16, F=5).
 *
 * Panel p holds the output pixels p·NR … p·NR+7 of the image (in row-major order) for the
 * taps k0 … k0+kc−1. With OW a multiple of NR those NR pixels lie in one output row, so
 * each tap's NR values are NR consecutive input floats: two vector loads, masked where
 * they reach into the padding. Measured (Node 20, CPU time, against im2col), with the
 * padded copy of forwardByPanelsPadded: 32×32×3 → 16 F=5 P=2 −41%, 56×56×64 → 64 3×3 −14%,
 * 224×224×3 → 64 3×3 −10%; without it (panels at the edges packed): −25%, −10%, −10%.
 * LeNet's 28- and 10-wide outputs, whose panels wrap onto the next row, were 20–40% slower
 * filled value by value, so they keep im2col.
 */

/** Per tap of the current KC slice: input offset (c·H + fy·dH)·W + fx·dW, then fy·dH and fx·dW. */
const TAPS: usize = memory.data(KC * 12, 16);
/** Output pixels per block (a multiple of NR): 64 filters × 1024 pixels of output = 256 KiB. */
const PIXEL_BLOCK: i32 = 1024;
let gPanels: i32 = 1;

/**
 * For tests and benchmarks: 1 (the default) column panels, from a padded copy of the image
 * when it fits; 2 column panels always from the image itself; 0 im2col + gemm for every forward.
 */
export function useColumnPanels(mode: i32): void {
  gPanels = mode;
}

/**
 * Whether the forward of the n images at x goes by column panels: stride 1 across and
 * whole panels per output row (OW a multiple of NR; other widths wrap panels onto the
 * next row, which im2col + packBlockB do faster), and memory around the images for the
 * masked loads at padded edges, which read up to NR − 1 floats before or after a row.
 */
function panelsFit(x: usize, xBytes: usize): bool {
  const slack = <usize>(NR * 4);
  return gPanels != 0 && gSW == 1 && gOW % NR == 0 && x >= slack && x + xBytes + slack <= (<usize>memory.size() << 16);
}

/**
 * forwardByPanels on a zero-padded copy of the image in the column area when it fits there
 * (it does for the usual shapes: C·Hp·Wp is far below the columns' C·FH·FW·OH·OW): every
 * panel then lies inside the copy, so the micro-kernel reads them all from it, with no
 * panel packed and no tap checked.
 */
function forwardByPanelsPadded(x: usize, w: usize, bias: usize, y: usize, area: usize, areaCap: i32): void {
  // The rows and columns the taps reach: from −padTop and −padLeft on.
  const Hp = (gOH - 1) * gSH + (gFH - 1) * gDH + 1;
  const Wp = gOW + (gFW - 1) * gDW;
  if (gC * Hp * Wp > areaCap || gPanels == 2) {
    forwardByPanels(x, w, bias, y);
    return;
  }
  const rowBytes = <usize>Wp * 4;
  memory.fill(area, 0, <usize>(gC * Hp) * rowBytes);
  const rows = min(gH, Hp - gPT);
  const cols = min(gW, Wp - gPL);
  for (let c = 0; c < gC; c++) {
    for (let iy = 0; iy < rows; iy++) {
      memory.copy(area + <usize>((c * Hp + iy + gPT) * Wp + gPL) * 4, x + <usize>((c * gH + iy) * gW) * 4, <usize>cols * 4);
    }
  }
  const H = gH, W = gW, PT = gPT, PL = gPL;
  gH = Hp; gW = Wp; gPT = 0; gPL = 0;
  forwardByPanels(area, w, bias, y);
  gH = H; gW = W; gPT = PT; gPL = PL;
}

/** y = conv(x) + bias for one image at x by column panels (panelsFit). */
function forwardByPanels(x: usize, w: usize, bias: usize, y: usize): void {
  const P = gOH * gOW;
  const CFF = gC * gFH * gFW;
  // Blocks of PIXEL_BLOCK pixels: the block's outputs stay in L2 from one KC slice to the next.
  for (let q0 = 0; q0 < P; q0 += PIXEL_BLOCK) {
    const q1 = min(P, q0 + PIXEL_BLOCK);
    for (let k0 = 0; k0 < CFF; k0 += KC) {
      const kc = min(KC, CFF - k0);
      setTaps(k0, kc);
      // Later slices add onto what the first stored (with its bias).
      const add = k0 > 0;
      for (let i0 = 0; i0 < gK; i0 += MC) {
        const mc = min(MC, gK - i0);
        packRowBlock(w, CFF, i0, mc, k0, kc, gPackA);
        const rowBias: usize = bias == 0 ? <usize>0 : bias + <usize>i0 * 4;
        const yRows = y + <usize>(i0 * P) * 4;
        // P and PIXEL_BLOCK are multiples of NR: whole panels only.
        for (let p0 = q0; p0 < q1; p0 += NR) {
          // A panel inside the image needs no packing: the micro-kernel reads its rows
          // from the image (TAPS gives each tap's offset); others are packed first.
          if (mc % MR == 0 && inside(p0)) {
            const oy = p0 / gOW;
            const at0 = (oy * gSH - gPT) * gW + p0 - oy * gOW - gPL;
            timesGatheredPanel(mc, kc, gPackA, x + (<usize>at0 << 2), TAPS, 12, yRows + <usize>p0 * 4, P, add, rowBias);
            continue;
          }
          packPanel(x, p0, kc, gPackB);
          timesPanel(mc, kc, gPackA, gPackB, yRows + <usize>p0 * 4, P, NR, add, rowBias, gTile);
        }
      }
    }
  }
}

function setTaps(k0: i32, kc: i32): void {
  const FF = gFH * gFW;
  for (let k = 0; k < kc; k++) {
    const r = k0 + k;
    const c = r / FF;
    const fy = (r - c * FF) / gFW;
    const fx = r - c * FF - fy * gFW;
    const dy = fy * gDH;
    const dx = fx * gDW;
    const t = TAPS + <usize>k * 12;
    store<i32>(t, (c * gH + dy) * gW + dx);
    store<i32>(t, dy, 4);
    store<i32>(t, dx, 8);
  }
}

/** Whether every tap of the panel at p0 lies inside the image. */
// @ts-ignore: decorator
@inline
function inside(p0: i32): bool {
  const oy = p0 / gOW;
  const iy0 = oy * gSH - gPT;
  const ix0 = p0 - oy * gOW - gPL;
  return iy0 >= 0 && iy0 + (gFH - 1) * gDH < gH && ix0 >= 0 && ix0 + (gFW - 1) * gDW + NR <= gW;
}

/** Writes the panel of output pixels p0 … p0+NR−1, all in one output row, to dst (NR floats per tap). */
function packPanel(x: usize, p0: i32, kc: i32, dst: usize): void {
  const oy = p0 / gOW;
  const ox = p0 - oy * gOW;
  const iy0 = oy * gSH - gPT;
  const ix0 = ox - gPL;
  const at0 = iy0 * gW + ix0;
  const H = gH, W = gW;
  const zero = i32x4.splat(0);
  const lanes0 = i32x4(0, 1, 2, 3);
  const lanes1 = i32x4(4, 5, 6, 7);
  const width = i32x4.splat(W);
  let d = dst;
  let t = TAPS;
  if (iy0 >= 0 && iy0 + (gFH - 1) * gDH < H && ix0 >= 0 && ix0 + (gFW - 1) * gDW + NR <= W) {
    // Every tap inside the image (most panels): no checks.
    const base = x + (<usize>at0 << 2);
    for (let k = 0; k < kc; k++, d += <usize>(NR * 4), t += 12) {
      const src = base + (<usize>load<i32>(t) << 2);
      v128.store(d, v128.load(src));
      v128.store(d, v128.load(src, 16), 16);
    }
    return;
  }
  for (let k = 0; k < kc; k++, d += <usize>(NR * 4), t += 12) {
    const iy = iy0 + load<i32>(t, 4);
    const ix = ix0 + load<i32>(t, 8);
    // The input float of the panel's first pixel (may lie in the padding: then not read).
    const src = x + (<usize>(at0 + load<i32>(t)) << 2);
    if (<u32>iy < <u32>H && ix >= 0 && ix <= W - NR) {
      v128.store(d, v128.load(src));
      v128.store(d, v128.load(src, 16), 16);
    } else if (<u32>iy >= <u32>H || ix <= -NR || ix >= W) {
      v128.store(d, zero);
      v128.store(d, zero, 16);
    } else {
      // Partly in the padding: load the NR floats around (memory holds them: see
      // panelsFit) and zero the lanes outside the row.
      const c0 = i32x4.add(i32x4.splat(ix), lanes0);
      const c1 = i32x4.add(i32x4.splat(ix), lanes1);
      const m0 = v128.and(i32x4.ge_s(c0, zero), i32x4.lt_s(c0, width));
      const m1 = v128.and(i32x4.ge_s(c1, zero), i32x4.lt_s(c1, width));
      v128.store(d, v128.and(v128.load(src), m0));
      v128.store(d, v128.and(v128.load(src, 16), m1), 16);
    }
  }
}
