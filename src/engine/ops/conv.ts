/**
 * 2-D convolution (PyTorch's conv2d: cross-correlation, the kernel is not
 * flipped) with stride, zero padding, dilation and an optional bias; forward
 * and backward (the one backward behind both the `conv2d_backward` golden op
 * and conv2d's registered vjp).
 *
 * Both directions use im2col + GEMM. Every output position (oy, ox) reads a
 * C×FH×FW patch of the input; im2col copies those patches into the columns of
 * a (C·FH·FW) × (OH·OW) matrix `cols` — for a batch, the images side by side,
 * (C·FH·FW) × (N·OH·OW), so one GEMM does the whole batch. Then
 *
 *   output[K, N·OH·OW] = W[K, C·FH·FW] · cols                 (forward)
 *   grad_W             = dY[K, N·OH·OW] · colsᵀ               (weight sharing: summed over positions and images)
 *   grad_cols          = Wᵀ · dY, scattered back by col2im    (input gradient)
 *   grad_bias[k]       = Σ over positions and images of dY[k, ·]
 *
 * An image too large for the column buffer is done alone, its output rows in chunks.
 * Under the wasm back end (gemmBackend() === 'wasm') the same im2col, GEMMs and col2im
 * run inside the WebAssembly kernels (kernels/wasm-conv.ts), the code below only when
 * they cannot load or their memory cannot hold the call.
 * Layouts: input [C, H, W] or [N, C, H, W], weight [K, C, FH, FW], bias [K].
 * Output size per dimension: floor((n + 2p − d(f−1) − 1)/s) + 1.
 */
import { showAttr, type Attrs, type AttrValue } from '../attrs.js';
import { checkWork, WORK_COST } from '../budget.js';
import { engineError, type ConvSetting } from '../messages.js';
import { gemm, gemmBackend, WASM_MIN_WORK } from '../gemm.js';
import { wasmConv2d, wasmConv2dBackward } from '../kernels/wasm-conv.js';
import { chunkImages, chunkRows, col2im, colBuffer, im2col, isPointwise, padGradBuffer, paddedRows, paddedWeight, rowBuffer, type ColumnGeometry } from './conv-columns.js';
import { type Inputs, type OpDef, withSaved } from '../registry.js';
import { axisSize } from '../size-rule.js';
import { allocate, Tensor } from '../tensor.js';

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
/** A validated conv2d configuration: the column walk's geometry plus the filter count K. */
export interface Conv2dGeometry extends ColumnGeometry {
  K: number;
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
// Work

/**
 * Work units of one conv2d forward: the GEMM's N·K·(C·FH·FW)·(OH·OW) multiply-adds
 * plus the im2col copy (one unit per column entry), which dominates when K is small.
 */
export function conv2dWork(g: Conv2dGeometry): number {
  const cols = (g.batch ?? 1) * g.C * g.FH * g.FW * g.OH * g.OW;
  return cols * (g.K + 1) * WORK_COST.gemm;
}

/**
 * Whether the WebAssembly kernels run this convolution: under the wasm back end, when its
 * multiply-adds reach gemm's WASM_MIN_WORK (the tiniest convolutions, e.g. a lesson's 5×5
 * example, stay here, as their GEMMs did before the kernels did the whole convolution).
 */
function useKernels(g: Conv2dGeometry): boolean {
  return gemmBackend() === 'wasm' && (g.batch ?? 1) * g.K * g.C * g.FH * g.FW * g.OH * g.OW >= WASM_MIN_WORK;
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
  return conv2dKeepingColumns(input, weight, bias, opts, false).output;
}

/**
 * The forward; with `keep`, the column matrix of the whole batch (when it is one
 * chunk) is its own array and is returned, so the backward's grad_weight GEMM can
 * reuse it instead of copying every patch again.
 */
function conv2dKeepingColumns(input: Tensor, weight: Tensor, bias: Tensor | undefined, opts: Conv2dOptions, keep: boolean): { output: Tensor; cols?: Float32Array } {
  const g = conv2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  checkWork('conv2d', conv2dWork(g), CONV_SMALLER);
  const output = new Tensor(g.batch === null ? [g.K, g.OH, g.OW] : [g.batch, g.K, g.OH, g.OW]);
  // Under the wasm back end the kernels build the columns themselves (none are kept).
  if (useKernels(g) && wasmConv2d(g, input.data, weight.data, bias?.data, output.data)) return { output };
  if (chunkImages(g) === 0) {
    conv2dByRows(g, input.data, weight.data, bias?.data, output.data);
    return { output };
  }
  const cols = conv2dByImages(g, input.data, weight.data, bias?.data, output.data, keep);
  return { output, cols };
}

/**
 * The forward for images whose columns fit the buffer: a chunk of nb images side by
 * side in one column matrix [C·FH·FW, nb·OH·OW], one GEMM Y = W · cols into the
 * staging rows [K, nb·OH·OW] (each row starts as its bias; the products are
 * accumulated onto it), then each image's [K, OH·OW] block is copied into place.
 */
function conv2dByImages(g: Conv2dGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | undefined, y: Float32Array, keep: boolean): Float32Array | undefined {
  const n = g.batch ?? 1;
  const { K } = g;
  const Kp = paddedRows(K);
  const P = g.OH * g.OW;
  const CFF = g.C * g.FH * g.FW;
  const inSize = g.C * g.H * g.W;
  const per = chunkImages(g);
  const A = paddedWeight(w, K, CFF);
  const kept = keep && per >= n ? allocate(CFF * n * P) : undefined;
  for (let b0 = 0; b0 < n; b0 += per) {
    const nb = Math.min(per, n - b0);
    const ld = nb * P;
    const col = kept ?? colBuffer(CFF * ld);
    for (let j = 0; j < nb; j++) im2col(x, (b0 + j) * inSize, g, 0, g.OH, col, ld, j * P);
    // One image, K a multiple of 4: the GEMM writes straight into the output, which has the layout.
    const direct = nb === 1 && Kp === K;
    const dst = direct ? y : rowBuffer(Kp * ld);
    const dOff = direct ? b0 * K * P : 0;
    if (bias) for (let k = 0; k < K; k++) dst.fill(bias[k], dOff + k * ld, dOff + (k + 1) * ld);
    if (bias && Kp > K) dst.fill(0, K * ld, Kp * ld);
    gemm({ M: Kp, N: ld, K: CFF, A, lda: CFF, B: col, ldb: ld, C: dst, cOffset: dOff, ldc: ld, accumulate: bias !== undefined });
    if (direct) continue;
    for (let j = 0; j < nb; j++) {
      for (let k = 0; k < K; k++) y.set(dst.subarray(k * ld + j * P, k * ld + (j + 1) * P), ((b0 + j) * K + k) * P);
    }
  }
  return kept;
}

/** The forward for an image too large for one column matrix: its output rows in chunks. */
function conv2dByRows(g: Conv2dGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | undefined, y: Float32Array): void {
  const n = g.batch ?? 1;
  const { C, H, W, K, OH, OW } = g;
  const P = OH * OW;
  const CFF = C * g.FH * g.FW;
  const pointwise = isPointwise(g);
  const step = chunkRows(g);
  for (let b = 0; b < n; b++) {
    const xo = b * C * H * W;
    const yo = b * K * P;
    // The bias goes in first and the products are accumulated onto it.
    if (bias) for (let k = 0; k < K; k++) y.fill(bias[k], yo + k * P, yo + (k + 1) * P);
    if (pointwise) {
      gemm({ M: K, N: P, K: CFF, A: w, lda: CFF, B: x, bOffset: xo, ldb: P, C: y, cOffset: yo, ldc: P, accumulate: bias !== undefined });
      continue;
    }
    for (let oy0 = 0; oy0 < OH; oy0 += step) {
      const rows = Math.min(step, OH - oy0);
      const Pc = rows * OW;
      const col = colBuffer(CFF * Pc);
      im2col(x, xo, g, oy0, rows, col, Pc, 0);
      gemm({ M: K, N: Pc, K: CFF, A: w, lda: CFF, B: col, ldb: Pc, C: y, cOffset: yo + oy0 * OW, ldc: P, accumulate: bias !== undefined });
    }
  }
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
export function conv2dBackward(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | undefined,
  gradOutput: Tensor,
  opts: Conv2dOptions = {},
  need: Conv2dNeeds = ALL_GRADS,
  cols?: Float32Array,
): Conv2dGrads {
  const g = conv2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  checkGradOutput(g, gradOutput);
  checkWork('conv2d_backward', conv2dBackwardWork(g), CONV_SMALLER);
  const n = g.batch ?? 1;
  const { K } = g;
  const P = g.OH * g.OW;
  const gradInput = new Tensor(input.shape);
  const gradWeight = new Tensor(weight.shape);
  const gradBias = new Tensor([K]);
  const x = input.data;
  const w = weight.data;
  const dy = gradOutput.data;
  const gx = gradInput.data;
  const gw = gradWeight.data;
  const gb = gradBias.data;
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
  if (useKernels(g) && wasmConv2dBackward(g, x, w, dy, gx, gw, need)) return { gradInput, gradWeight, gradBias };
  if (chunkImages(g) > 0) conv2dBackwardByImages(g, x, w, dy, gx, gw, need, cols);
  else conv2dBackwardByRows(g, x, w, dy, gx, gw, need);
  return { gradInput, gradWeight, gradBias };
}

/**
 * The backward for chunks of whole images (see conv2dByImages): grad_output is
 * gathered into staging rows dY [K, nb·OH·OW], then one GEMM per chunk for each of
 *   grad_W += dY · colsᵀ   (weight sharing: the GEMM's inner dimension runs over
 *                           every position of every image, so it sums them all)
 *   dcols   = Wᵀ · dY      (then col2im adds each entry back onto its pixel).
 */
function conv2dBackwardByImages(g: Conv2dGeometry, x: Float32Array, w: Float32Array, dy: Float32Array, gx: Float32Array, gw: Float32Array, need: Conv2dNeeds, kept?: Float32Array): void {
  const n = g.batch ?? 1;
  const { K } = g;
  const Kp = paddedRows(K);
  const P = g.OH * g.OW;
  const CFF = g.C * g.FH * g.FW;
  const inSize = g.C * g.H * g.W;
  const per = chunkImages(g);
  // With padded rows (see KERNEL_ROWS) grad_W is summed in [Kp, CFF] and its K real rows copied out.
  let gwRows = gw;
  if (Kp > K && need.weight) gwRows = padGradBuffer(Kp * CFF);
  for (let b0 = 0; b0 < n; b0 += per) {
    const nb = Math.min(per, n - b0);
    const ld = nb * P;
    // One image, K a multiple of 4: grad_output's [K, OH·OW] block already is the staging layout.
    let rows = dy;
    let rOff = b0 * K * P;
    if (nb > 1 || Kp > K) {
      rows = rowBuffer(Kp * ld);
      rOff = 0;
      for (let j = 0; j < nb; j++) {
        for (let k = 0; k < K; k++) rows.set(dy.subarray(((b0 + j) * K + k) * P, ((b0 + j) * K + k + 1) * P), k * ld + j * P);
      }
      rows.fill(0, K * ld, Kp * ld);
    }
    // The forward's columns when it kept them (the whole batch in one chunk), else copied again.
    const reuse = kept !== undefined && nb === n && kept.length === CFF * ld;
    const col = colBuffer(CFF * ld);
    if (need.weight) {
      if (!reuse) for (let j = 0; j < nb; j++) im2col(x, (b0 + j) * inSize, g, 0, g.OH, col, ld, j * P);
      gemm({ M: Kp, N: CFF, K: ld, A: rows, aOffset: rOff, lda: ld, B: reuse ? kept : col, ldb: ld, transB: true, C: gwRows, ldc: CFF, accumulate: b0 > 0 });
    }
    // dcols goes to the shared buffer: the kept columns stay intact for a second backward.
    if (need.input) {
      gemm({ M: CFF, N: ld, K, A: w, lda: CFF, transA: true, B: rows, bOffset: rOff, ldb: ld, C: col, ldc: ld });
      for (let j = 0; j < nb; j++) col2im(col, g, 0, g.OH, gx, (b0 + j) * inSize, ld, j * P);
    }
  }
  if (gwRows !== gw) gw.set(gwRows.subarray(0, K * CFF));
}

/** The backward for an image too large for one column matrix: its output rows in chunks. */
function conv2dBackwardByRows(g: Conv2dGeometry, x: Float32Array, w: Float32Array, dy: Float32Array, gx: Float32Array, gw: Float32Array, need: Conv2dNeeds): void {
  const n = g.batch ?? 1;
  const { C, H, W, K, OH, OW } = g;
  const P = OH * OW;
  const CFF = C * g.FH * g.FW;
  const pointwise = isPointwise(g);
  const step = chunkRows(g);
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
        im2col(x, xo, g, oy0, rows, col, Pc, 0);
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
        col2im(col, g, oy0, rows, gx, xo, Pc, 0);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Registry

/** An op's attrs as conv2d's options (conv2d and locally_connected2d read the same window attrs). */
export function optsFromAttrs(attrs: Attrs): Conv2dOptions {
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
    run: (i, a) => {
      const r = conv2dKeepingColumns(i.input, i.weight, i.bias, optsFromAttrs(a), true);
      return withSaved({ output: r.output }, r.cols);
    },
    vjp: ({ inputs: i, attrs, saved }, g) => {
      const r = conv2dBackward(i.input, i.weight, i.bias, g.output, optsFromAttrs(attrs), needs(i), saved as Float32Array | undefined);
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
