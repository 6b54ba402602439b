/**
 * 2-D convolution (PyTorch's conv2d: cross-correlation, the kernel is not
 * flipped) with stride, zero padding, dilation and an optional bias; forward
 * and backward.
 *
 * Both directions use im2col + GEMM. For one image, every output position
 * (oy, ox) reads a C×FH×FW patch of the input; im2col copies those patches
 * into the columns of a (C·FH·FW) × (OH·OW) matrix `cols`. Then
 *
 *   output[K, OH·OW]  = W[K, C·FH·FW] · cols                 (forward)
 *   grad_W            = dY[K, OH·OW] · colsᵀ                 (weight sharing: summed over positions)
 *   grad_cols         = Wᵀ · dY, scattered back by col2im    (input gradient)
 *   grad_bias[k]      = Σ over positions of dY[k, ·]
 *
 * Layouts: input [C, H, W] or [N, C, H, W], weight [K, C, FH, FW], bias [K].
 * Output size per dimension: floor((n + 2p − d(f−1) − 1)/s) + 1.
 */
import { showAttr, type Attrs, type AttrValue } from '../attrs.js';
import { checkWork, getElementBudget, WORK_COST } from '../budget.js';
import { engineError, type ConvSetting } from '../messages.js';
import { gemm } from '../gemm.js';
import type { Inputs, OpDef } from '../registry.js';
import { axisSize } from '../size-rule.js';
import { Tensor } from '../tensor.js';

/** A spatial setting for both directions (3) or per direction ([3, 5] = [height, width]). */
export type Conv2dSpatial = number | readonly number[];

export interface Conv2dOptions {
  /** Step of the kernel, ≥ 1 (default 1). */
  stride?: Conv2dSpatial;
  /** Zeros added on each side, ≥ 0 (default 0); 'valid' = 0, 'same' keeps the size (stride 1 only). */
  padding?: Conv2dSpatial | 'valid' | 'same';
  /** Spacing between kernel taps, ≥ 1 (default 1). */
  dilation?: Conv2dSpatial;
}

export interface Conv2dGrads {
  gradInput: Tensor;
  gradWeight: Tensor;
  /** Σ of grad_output per output channel (returned even when the forward had no bias). */
  gradBias: Tensor;
}

/** Everything the loops need, validated. Padding is split top/left vs bottom/right for 'same'. */
export interface Conv2dGeometry {
  /** Batch size, or null for an unbatched [C, H, W] input. */
  batch: number | null;
  C: number;
  H: number;
  W: number;
  K: number;
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

// ---------------------------------------------------------------------------
// Validation

const show = showAttr;

/** Reads stride / padding / dilation given as n, [n] or [h, w], with a student-readable error. */
function spatialPair(name: ConvSetting, value: unknown, def: number): [number, number] {
  if (value === undefined || value === null) return [def, def];
  let pair: unknown[];
  if (typeof value === 'number') pair = [value, value];
  else if (Array.isArray(value) && value.length === 1) pair = [value[0], value[0]];
  else if (Array.isArray(value) && value.length === 2) pair = [value[0], value[1]];
  else {
    throw engineError('conv-pair-not-understood', { name, shown: show(value) });
  }
  const min = name === 'padding' ? 0 : 1;
  for (const n of pair) {
    if (typeof n !== 'number' || !Number.isFinite(n) || !Number.isInteger(n)) {
      throw engineError('conv-pair-not-whole', { name, shown: show(value), part: show(n) });
    }
    if (n < min) throw engineError('conv-pair-too-small', { setting: name, shown: show(value) });
  }
  return [pair[0] as number, pair[1] as number];
}

/**
 * Checks shapes and settings and computes the output size, or throws an
 * EngineError that says which number is wrong and why.
 */
export function conv2dGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape: readonly number[] | undefined,
  opts: Conv2dOptions = {},
): Conv2dGeometry {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw engineError('conv-input-rank', { shape: inputShape });
  }
  if (weightShape.length !== 4) {
    throw engineError('conv-weight-rank', { shape: weightShape });
  }
  const batch = inputShape.length === 4 ? inputShape[0] : null;
  const [C, H, W] = inputShape.slice(-3);
  const [K, WC, FH, FW] = weightShape;
  if (WC !== C) {
    throw engineError('conv-channels', { C, WC, inputShape, weightShape });
  }
  if (biasShape !== undefined && (biasShape.length !== 1 || biasShape[0] !== K)) {
    throw engineError('conv-bias-shape', { K, shape: biasShape });
  }
  const [strideH, strideW] = spatialPair('stride', opts.stride, 1);
  const [dilationH, dilationW] = spatialPair('dilation', opts.dilation, 1);
  let padTop: number, padLeft: number, padBottom: number, padRight: number;
  if (opts.padding === 'valid') {
    padTop = padLeft = padBottom = padRight = 0;
  } else if (opts.padding === 'same') {
    if (strideH !== 1 || strideW !== 1) {
      const st = strideH === strideW ? `${strideH}` : `[${strideH}, ${strideW}]`;
      throw engineError('conv-same-stride', { stride: st });
    }
    // PyTorch: total padding d(f-1), the odd one out goes to the bottom/right.
    const totH = dilationH * (FH - 1);
    const totW = dilationW * (FW - 1);
    padTop = Math.floor(totH / 2);
    padBottom = totH - padTop;
    padLeft = Math.floor(totW / 2);
    padRight = totW - padLeft;
  } else if (typeof opts.padding === 'string') {
    throw engineError('conv-padding-word', { shown: show(opts.padding) });
  } else {
    [padTop, padLeft] = spatialPair('padding', opts.padding, 0);
    padBottom = padTop;
    padRight = padLeft;
  }
  const OH = outSize('height', H, FH, strideH, padTop, padBottom, dilationH);
  const OW = outSize('width', W, FW, strideW, padLeft, padRight, dilationW);
  return { batch, C, H, W, K, FH, FW, strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW, OH, OW };
}

/** The output size along one axis by the engine's one size rule; the kernel must fit in the padded input. */
function outSize(dim: 'height' | 'width', n: number, f: number, s: number, p0: number, p1: number, d: number): number {
  const { paddedInput: padded, span, output } = axisSize({ axis: dim, n, k: f, s, p: p0, pAfter: p1, d, ceil: false });
  if (padded < span) {
    const padText = p0 === p1 ? `2×${p0}` : `${p0}+${p1}`;
    throw engineError('conv-kernel-too-big', { dim, n, padded, padText, f, d, span, pTotal: p0 + p1, s, output });
  }
  return output;
}

function checkGradOutput(g: Conv2dGeometry, gradOutput: Tensor): void {
  const want = g.batch === null ? [g.K, g.OH, g.OW] : [g.batch, g.K, g.OH, g.OW];
  const got = gradOutput.shape;
  if (got.length !== want.length || want.some((n, i) => n !== got[i])) {
    throw engineError('conv-grad-output-shape', { want, got });
  }
}

// ---------------------------------------------------------------------------
// im2col / col2im

/** Reused column buffer (grown as needed, at most ~4 MiB via chunkRows; the engine is single-threaded). */
let colBuf = new Float32Array(0);

function colBuffer(n: number): Float32Array {
  if (colBuf.length < n) colBuf = new Float32Array(n);
  return colBuf;
}

/** How many output rows go into one im2col chunk, keeping the column buffer bounded. */
function chunkRows(g: Conv2dGeometry): number {
  const rows = g.C * g.FH * g.FW;
  const limit = Math.min(1 << 20, Math.max(1 << 16, getElementBudget()));
  return Math.max(1, Math.min(g.OH, Math.floor(limit / (rows * g.OW))));
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

/**
 * The walk im2col and col2im share: for every kernel tap (c, fy, fx) and output
 * row oy in oy0 … oy0 + rows − 1, `row` gets the offset d of that row of the
 * column matrix, whether the input row lies inside the input, the input offset
 * `base` of output column 0 (column ox reads x[base + ox·s]) and the range
 * [lo, hi) of output columns that read inside the input.
 */
function forEachColumnRow(
  xo: number,
  g: Conv2dGeometry,
  oy0: number,
  rows: number,
  row: (d: number, inside: boolean, base: number, lo: number, hi: number) => void,
): void {
  const { C, H, W, FH, FW, OW, strideH, strideW, padTop, padLeft, dilationH, dilationW } = g;
  const P = rows * OW;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let fy = 0; fy < FH; fy++) {
      for (let fx = 0; fx < FW; fx++, r++) {
        const ix0 = fx * dilationW - padLeft;
        const lo = firstInside(ix0, strideW, OW);
        const hi = endInside(ix0, strideW, W, OW, lo);
        let d = r * P;
        for (let oy = oy0; oy < oy0 + rows; oy++, d += OW) {
          const iy = oy * strideH - padTop + fy * dilationH;
          row(d, iy >= 0 && iy < H, xc + iy * W + ix0, lo, hi);
        }
      }
    }
  }
}

/**
 * Fills col[(c·FH + fy)·FW + fx][(oy − oy0)·OW + ox] = x[c, oy·s − p + fy·d, ox·s − p + fx·d]
 * (0 in the padding) for output rows oy0 … oy0 + rows − 1.
 */
function im2col(x: Float32Array, xo: number, g: Conv2dGeometry, oy0: number, rows: number, col: Float32Array): void {
  const { OW, strideW } = g;
  forEachColumnRow(xo, g, oy0, rows, (d, inside, base, lo, hi) => {
    if (!inside) {
      for (let ox = 0; ox < OW; ox++) col[d + ox] = 0;
      return;
    }
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
  });
}

/** The adjoint of im2col: adds every column entry back onto the input pixel it was copied from. */
function col2im(col: Float32Array, g: Conv2dGeometry, oy0: number, rows: number, gx: Float32Array, xo: number): void {
  const { strideW } = g;
  forEachColumnRow(xo, g, oy0, rows, (d, inside, base, lo, hi) => {
    if (!inside) return;
    if (strideW === 1) {
      for (let ox = lo; ox < hi; ox++) gx[base + ox] += col[d + ox];
    } else {
      for (let ox = lo, s = base + lo * strideW; ox < hi; ox++, s += strideW) gx[s] += col[d + ox];
    }
  });
}

/** 1×1 kernel, stride 1, no padding: the input itself is the column matrix. */
function isPointwise(g: Conv2dGeometry): boolean {
  return g.FH === 1 && g.FW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0 && g.padBottom === 0 && g.padRight === 0;
}

// ---------------------------------------------------------------------------
// Work

/**
 * Work units of one conv2d forward: the GEMM's N·K·(C·FH·FW)·(OH·OW) multiply-adds
 * plus the im2col copy (one unit per column entry), which dominates when K is small.
 */
export function conv2dWork(g: Conv2dGeometry): number {
  const cols = (g.batch ?? 1) * g.C * g.FH * g.FW * g.OH * g.OW;
  return cols * (g.K + 1) * WORK_COST.gemm;
}

/** The backward pass: two GEMMs (grad_weight and grad_input) plus im2col and col2im. */
export function conv2dBackwardWork(g: Conv2dGeometry): number {
  const cols = (g.batch ?? 1) * g.C * g.FH * g.FW * g.OH * g.OW;
  return cols * (2 * g.K + 2) * WORK_COST.gemm;
}

const CONV_SMALLER = {
  en: 'use a smaller input, fewer filters (K), a smaller kernel (F), or a larger stride',
  zh: '使用更小的输入、更少的滤波器（K）、更小的卷积核（F）或更大的步幅',
};

// ---------------------------------------------------------------------------
// Forward and backward

/**
 * conv2d(input [C,H,W] or [N,C,H,W], weight [K,C,FH,FW], bias [K]?) →
 * [K,OH,OW] (or [N,K,OH,OW]).
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor, opts: Conv2dOptions = {}): Tensor {
  const g = conv2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  checkWork('conv2d', conv2dWork(g), CONV_SMALLER);
  const n = g.batch ?? 1;
  const { C, H, W, K, OH, OW } = g;
  const P = OH * OW;
  const CFF = C * g.FH * g.FW;
  const out = new Tensor(g.batch === null ? [K, OH, OW] : [n, K, OH, OW]);
  const y = out.data;
  const x = input.data;
  const w = weight.data;
  const pointwise = isPointwise(g);
  const step = chunkRows(g);
  const hasBias = bias !== undefined;
  for (let b = 0; b < n; b++) {
    const xo = b * C * H * W;
    const yo = b * K * P;
    // The bias goes in first and the products are accumulated onto it.
    if (hasBias) for (let k = 0; k < K; k++) y.fill(bias.data[k], yo + k * P, yo + (k + 1) * P);
    if (pointwise) {
      gemm({ M: K, N: P, K: CFF, A: w, lda: CFF, B: x, bOffset: xo, ldb: P, C: y, cOffset: yo, ldc: P, accumulate: hasBias });
    } else {
      for (let oy0 = 0; oy0 < OH; oy0 += step) {
        const rows = Math.min(step, OH - oy0);
        const Pc = rows * OW;
        const col = colBuffer(CFF * Pc);
        im2col(x, xo, g, oy0, rows, col);
        gemm({ M: K, N: Pc, K: CFF, A: w, lda: CFF, B: col, ldb: Pc, C: y, cOffset: yo + oy0 * OW, ldc: P, accumulate: hasBias });
      }
    }
  }
  return out;
}

/** Which gradients a backward must compute (autograd skips the input's when nothing upstream wants it). */
export interface Conv2dNeeds {
  input: boolean;
  weight: boolean;
}

const ALL_GRADS: Conv2dNeeds = { input: true, weight: true };

/**
 * Gradients of conv2d given dL/d(output) — the one backward behind both the
 * `conv2d_backward` golden op and conv2d's vjp. `bias` only matters for
 * validation (the gradients do not depend on it). A gradient not in `need`
 * comes back as zeros without its GEMM (the first layer's input is data).
 */
export function conv2dBackward(input: Tensor, weight: Tensor, bias: Tensor | undefined, gradOutput: Tensor, opts: Conv2dOptions = {}, need: Conv2dNeeds = ALL_GRADS): Conv2dGrads {
  const g = conv2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  checkGradOutput(g, gradOutput);
  checkWork('conv2d_backward', conv2dBackwardWork(g), CONV_SMALLER);
  const n = g.batch ?? 1;
  const { C, H, W, K, OH, OW } = g;
  const P = OH * OW;
  const CFF = C * g.FH * g.FW;
  const gradInput = new Tensor(input.shape);
  const gradWeight = new Tensor(weight.shape);
  const gradBias = new Tensor([K]);
  const x = input.data;
  const w = weight.data;
  const dy = gradOutput.data;
  const gx = gradInput.data;
  const gw = gradWeight.data;
  const gb = gradBias.data;
  const pointwise = isPointwise(g);
  const step = chunkRows(g);
  // grad_bias: the bias is added at every output position of every image, so its
  // gradient is the sum over them (float64: up to N·OH·OW terms).
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * K + k) * P;
      for (let p = 0; p < P; p++) s += dy[base + p];
    }
    gb[k] = s;
  }
  let first = true;
  for (let b = 0; b < n; b++) {
    const xo = b * C * H * W;
    const yo = b * K * P;
    if (pointwise) {
      if (need.weight) gemm({ M: K, N: CFF, K: P, A: dy, aOffset: yo, lda: P, B: x, bOffset: xo, ldb: P, transB: true, C: gw, ldc: CFF, accumulate: !first });
      if (need.input) gemm({ M: CFF, N: P, K: K, A: w, lda: CFF, transA: true, B: dy, bOffset: yo, ldb: P, C: gx, cOffset: xo, ldc: P });
      first = false;
      continue;
    }
    for (let oy0 = 0; oy0 < OH; oy0 += step) {
      const rows = Math.min(step, OH - oy0);
      const Pc = rows * OW;
      const col = colBuffer(CFF * Pc);
      if (need.weight) {
        im2col(x, xo, g, oy0, rows, col);
        // grad_weight: the same filter weights are used at every output position (weight
        // sharing), so dL/dW is the SUM over positions of dY[k, p] times the patch at p:
        // dW[K, CFF] += dY[K, Pc] · colsᵀ — this gemm's K dimension runs over the positions.
        gemm({ M: K, N: CFF, K: Pc, A: dy, aOffset: yo + oy0 * OW, lda: P, B: col, ldb: Pc, transB: true, C: gw, ldc: CFF, accumulate: !first });
        first = false;
      }
      if (need.input) {
        // grad_input: each patch entry received w·dY; dcols = Wᵀ · dY, then col2im adds every
        // entry back to the pixel it came from (pixels in several patches collect several terms).
        gemm({ M: CFF, N: Pc, K: K, A: w, lda: CFF, transA: true, B: dy, bOffset: yo + oy0 * OW, ldb: P, C: col, ldc: Pc });
        col2im(col, g, oy0, rows, gx, xo);
      }
    }
  }
  return { gradInput, gradWeight, gradBias };
}

// ---------------------------------------------------------------------------
// Registry

function optsFromAttrs(attrs: Attrs): Conv2dOptions {
  const pad: AttrValue | undefined = attrs.padding;
  return {
    stride: attrs.stride as Conv2dSpatial | undefined,
    padding: pad as Conv2dOptions['padding'],
    dilation: attrs.dilation as Conv2dSpatial | undefined,
  };
}

/**
 * Which gradients the vjp computes. Called by backward(), an input that does not
 * require a gradient (the images fed to the first layer) gets none — that skips a
 * GEMM and col2im per image. Called directly (no input requires one), all are computed.
 */
function needs(i: Inputs): Conv2dNeeds {
  if (!i.input.requiresGrad && !i.weight.requiresGrad) return ALL_GRADS;
  return { input: i.input.requiresGrad, weight: i.weight.requiresGrad };
}

export const convOps: OpDef[] = [
  {
    name: 'conv2d',
    summary: 'output = W ⋆ input + b (cross-correlation; stride, zero padding, dilation)',
    inputs: [{ name: 'input' }, { name: 'weight' }, { name: 'bias', optional: true }],
    attrs: ['stride', 'padding', 'dilation'],
    outputs: ['output'],
    run: (i, a) => ({ output: conv2d(i.input, i.weight, i.bias, optsFromAttrs(a)) }),
    vjp: ({ inputs: i, attrs }, g) => {
      const r = conv2dBackward(i.input, i.weight, i.bias, g.output, optsFromAttrs(attrs), needs(i));
      return { input: r.gradInput, weight: r.gradWeight, ...(i.bias ? { bias: r.gradBias } : {}) };
    },
  },
  {
    name: 'conv2d_backward',
    summary: 'gradients of conv2d: grad_input (col2im of Wᵀ·dY), grad_weight (summed over positions), grad_bias',
    inputs: [{ name: 'input' }, { name: 'weight' }, { name: 'bias', optional: true }, { name: 'grad_output' }],
    attrs: ['stride', 'padding', 'dilation'],
    outputs: ['grad_input', 'grad_weight', 'grad_bias'],
    run: (i, a) => {
      const r = conv2dBackward(i.input, i.weight, i.bias, i.grad_output, optsFromAttrs(a));
      return { grad_input: r.gradInput, grad_weight: r.gradWeight, grad_bias: r.gradBias };
    },
  },
];
