/**
 * 2-D pooling with PyTorch's semantics (FORMAT.md): max (padding is −∞,
 * backward routes each gradient to its window's argmax), average (divisor
 * rules of count_include_pad, ceil-mode windows hanging past the padding) and
 * Lp (a sum, not a mean). Inputs are [C, H, W] or [N, C, H, W]; each (n, c)
 * plane is pooled on its own. Sizes and errors come from size-rule.ts, so the ops
 * and the explanations can never disagree.
 */
import type { Attrs } from '../attrs.js';
import { boolAttr, floatAttr, requiredSizeAttr, sizeAttr } from '../attrs.js';
import { checkWork, WORK_COST } from '../budget.js';
import { engineError } from '../messages.js';
import { type OpDef, withSaved } from '../registry.js';
import { poolSizeOrThrow, type PoolKind, type Size2 } from '../size-rule.js';
import { allocate, Tensor } from '../tensor.js';
import { int32Block } from './kernel-blocks.js';
import { wasmMaxPool2d, wasmMaxPool2dBackward } from '../wasm-elementwise.js';
import { axisWindows, forEachWindow, type WindowGeometry } from './pool-windows.js';

export interface Pool2dOptions {
  /** F: one number or [h, w]. */
  kernelSize: Size2;
  /** S: default (absent or null) the kernel size, as in PyTorch. */
  stride?: Size2 | null;
  /** P: default 0; at most ⌊F/2⌋. Max pooling pads with −∞, average pooling with zeros. */
  padding?: Size2 | null;
  /** Default false. */
  ceilMode?: boolean;
}

export interface AvgPool2dOptions extends Pool2dOptions {
  /** Default true (PyTorch's): padding cells count in the divisor. */
  countIncludePad?: boolean;
}

export interface LpPool2dOptions {
  /** p > 0, default 2: (Σ x^p)^(1/p) over each window. */
  normType?: number;
  kernelSize: Size2;
  stride?: Size2 | null;
  ceilMode?: boolean;
}

export interface MaxPool2dResult {
  output: Tensor;
  /**
   * For every output element (same layout as `output`), the flat index y·W + x
   * of the winning input cell inside its own H×W plane (PyTorch's return_indices).
   */
  indices: Int32Array;
}

/** Where each window lies: everything the loops need, computed once per call. */
export interface PoolGeometry extends WindowGeometry {
  outShape: number[];
}

function geometry(x: Tensor, op: string, pool: PoolKind, o: { kernelSize: Size2; stride?: Size2 | null; padding?: Size2 | null; ceilMode?: boolean }): PoolGeometry {
  if (!(x instanceof Tensor)) throw engineError('pool-not-tensor', { op });
  if (x.rank !== 3 && x.rank !== 4) {
    throw engineError('pool-input-rank', { op, shape: x.shape });
  }
  const r = x.rank;
  const C = x.shape[r - 3];
  const H = x.shape[r - 2];
  const W = x.shape[r - 1];
  const { height: h, width: w } = poolSizeOrThrow({ pool, inC: C, inH: H, inW: W, kernel: o.kernelSize, stride: o.stride, padding: o.padding, ceilMode: o.ceilMode });
  const outShape = [...x.shape.slice(0, r - 2), h.output, w.output];
  return {
    planes: x.size / (H * W),
    H,
    W,
    outH: h.output,
    outW: w.output,
    kH: h.kernel,
    kW: w.kernel,
    sH: h.stride,
    sW: w.stride,
    pH: h.padding,
    pW: w.padding,
    outShape,
  };
}

/**
 * Work units of one pooling pass: every output visits its F_h×F_w window
 * (overlapping windows visit cells again). `perCell` is WORK_COST.window, or
 * WORK_COST.pow for Lp pooling with a p that needs Math.pow.
 */
export function poolWork(g: PoolGeometry, perCell: number = WORK_COST.window): number {
  return g.planes * g.outH * g.outW * g.kH * g.kW * perCell;
}

const POOL_SMALLER = {
  en: 'use a smaller kernel (F), a larger stride (S, e.g. S=F so the windows do not overlap), or a smaller input',
  zh: '使用更小的窗口（F）、更大的步幅（S，例如 S=F 让窗口不重叠）或更小的输入',
};

function checkPoolWork(op: string, g: PoolGeometry, perCell: number = WORK_COST.window): void {
  checkWork(op, poolWork(g, perCell), POOL_SMALLER);
}

/** The pooling geometry (sizes, kernel, stride, padding) for an input shape; throws like the ops. */
export function poolGeometry(x: Tensor, opts: Pool2dOptions, pool: PoolKind = 'max'): PoolGeometry {
  return geometry(x, `${pool}_pool2d`, pool, opts);
}

function checkGradOutput(g: Tensor, geo: PoolGeometry, op: string): void {
  if (!(g instanceof Tensor)) throw engineError('pool-grad-not-tensor', { op });
  const ok = g.rank === geo.outShape.length && geo.outShape.every((n, i) => n === g.shape[i]);
  if (!ok) {
    throw engineError('pool-grad-mismatch', { op, want: geo.outShape, got: g.shape });
  }
}

// ---------------------------------------------------------------------------
// Max pooling

/** Max pooling; also returns each window's argmax so a UI can highlight the winners. */
export function maxPool2d(x: Tensor, opts: Pool2dOptions): MaxPool2dResult {
  const g = geometry(x, 'max_pool2d', 'max', opts);
  checkPoolWork('max_pool2d', g);
  const { planes, H, W, outH, outW } = g;
  const xd = x.data;
  const out = allocate(planes * outH * outW);
  const idx = int32Block(out.length);
  // Windows all inside the input, arrays in the kernels' memory: the WebAssembly twin of the loop below.
  if (wasmMaxPool2d(g, xd, out, idx)) return { output: new Tensor(g.outShape, out), indices: idx };
  // The window walk of forEachWindow written out: max pooling runs after every conv
  // layer of a CNN in training, and a callback per window would dominate its cost.
  const rows = axisWindows(outH, g.kH, g.sH, g.pH, H);
  const cols = axisWindows(outW, g.kW, g.sW, g.pW, W);
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = rows.start[oh];
      const h1 = rows.end[oh];
      for (let ow = 0; ow < outW; ow++, o++) {
        const w0 = cols.start[ow];
        const w1 = cols.end[ow];
        // PyTorch: start at -inf with the window's first real cell; NaN wins and propagates.
        // Only a strictly larger value replaces the best, so a tie keeps the first maximum.
        let best = -Infinity;
        let bestAt = h0 * W + w0;
        for (let h = h0; h < h1; h++) {
          const row = h * W;
          for (let w = w0; w < w1; w++) {
            const v = xd[base + row + w];
            if (v > best || v !== v) {
              best = v;
              bestAt = row + w;
            }
          }
        }
        out[o] = best;
        idx[o] = bestAt;
      }
    }
  }
  return { output: new Tensor(g.outShape, out), indices: idx };
}

/**
 * Gradient of max pooling: each grad_output element goes to its window's argmax,
 * accumulating where overlapping windows share a winner. Pass the forward's
 * `indices` to skip recomputing them.
 */
export function maxPool2dBackward(x: Tensor, gradOutput: Tensor, opts: Pool2dOptions, indices?: Int32Array): Tensor {
  const g = geometry(x, 'max_pool2d_backward', 'max', opts);
  checkGradOutput(gradOutput, g, 'max_pool2d_backward');
  // Without the forward's indices the windows are searched again.
  if (!indices) checkPoolWork('max_pool2d_backward', g);
  const idx = indices ?? maxPool2d(x, opts).indices;
  if (idx.length !== gradOutput.size) {
    throw engineError('pool-indices-count', { indices: idx.length, outputs: gradOutput.size });
  }
  const { planes, H, W, outH, outW } = g;
  const plane = H * W;
  const per = outH * outW;
  const gin = allocate(x.size);
  const gd = gradOutput.data;
  if (wasmMaxPool2dBackward(planes, plane, per, gd, idx, gin)) return new Tensor(x.shape, gin);
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * plane;
    for (let i = 0; i < per; i++, o++) {
      const at = idx[o];
      if (at >= 0 && at < plane) gin[base + at] += gd[o];
    }
  }
  return new Tensor(x.shape, gin);
}

// ---------------------------------------------------------------------------
// Average pooling

/**
 * Average pooling. The window [i·S − P, i·S − P + F) is clipped to the input;
 * the divisor is the number of its cells inside the padded range [−P, n + P)
 * (count_include_pad, the default) or inside the real input (false).
 */
export function avgPool2d(x: Tensor, opts: AvgPool2dOptions): Tensor {
  const g = geometry(x, 'avg_pool2d', 'avg', opts);
  checkPoolWork('avg_pool2d', g);
  return new Tensor(g.outShape, avgForward(x.data, g, opts.countIncludePad !== false, 1));
}

/** Shared by avg and Lp pooling: Σ over each clipped window / divisor (power = 1 → x, 2 → x², p → x^p). */
function avgForward(xd: Float32Array, g: PoolGeometry, includePad: boolean, power: number): Float32Array {
  const { planes, W, outH, outW } = g;
  const out = allocate(planes * outH * outW);
  forEachWindow(g, ({ out: o, plane: base, h0, h1, w0, w1, paddedArea }) => {
    if (h0 >= h1 || w0 >= w1) {
      out[o] = 0;
      return;
    }
    let sum = 0;
    for (let h = h0; h < h1; h++) {
      const row = base + h * W;
      if (power === 1) for (let w = w0; w < w1; w++) sum += xd[row + w];
      else if (power === 2) for (let w = w0; w < w1; w++) sum += xd[row + w] * xd[row + w];
      else for (let w = w0; w < w1; w++) sum += Math.pow(xd[row + w], power);
    }
    out[o] = sum / (includePad ? paddedArea : (h1 - h0) * (w1 - w0));
  });
  return out;
}

/**
 * Gradient of average pooling: each grad_output element is shared equally
 * (÷ the same divisor as the forward) among the real cells of its window.
 * `x` is needed only for its shape.
 */
export function avgPool2dBackward(x: Tensor, gradOutput: Tensor, opts: AvgPool2dOptions): Tensor {
  const g = geometry(x, 'avg_pool2d_backward', 'avg', opts);
  checkGradOutput(gradOutput, g, 'avg_pool2d_backward');
  checkPoolWork('avg_pool2d_backward', g);
  const includePad = opts.countIncludePad !== false;
  const { W } = g;
  const gin = new Float64Array(x.size);
  const gd = gradOutput.data;
  forEachWindow(g, ({ out: o, plane: base, h0, h1, w0, w1, paddedArea }) => {
    if (h0 >= h1 || w0 >= w1) return;
    const share = gd[o] / (includePad ? paddedArea : (h1 - h0) * (w1 - w0));
    for (let h = h0; h < h1; h++) {
      const row = base + h * W;
      for (let w = w0; w < w1; w++) gin[row + w] += share;
    }
  });
  return new Tensor(x.shape, Float32Array.from(gin));
}

// ---------------------------------------------------------------------------
// Lp pooling

/** p = 1 and p = 2 are plain products; any other p calls Math.pow for every cell. */
export function lpCellCost(p: number): number {
  return p === 1 || p === 2 ? WORK_COST.window : WORK_COST.pow;
}

/**
 * Lp pooling (norm_type p > 0, default 2): (Σ x^p)^(1/p) over each window, a sum
 * rather than a mean; no padding. As in PyTorch it is computed as avg_pool(x^p)·F_h·F_w,
 * so a ceil-mode window cut by the edge is scaled by F_h·F_w/count; x^p of a negative x
 * with a fractional p is NaN, as in PyTorch.
 */
export function lpPool2d(x: Tensor, opts: LpPool2dOptions): Tensor {
  const p = opts.normType ?? 2;
  if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0) {
    throw engineError('lp-bad-norm', { shown: String(p) });
  }
  const g = geometry(x, 'lp_pool2d', 'lp', { kernelSize: opts.kernelSize, stride: opts.stride, padding: 0, ceilMode: opts.ceilMode });
  checkPoolWork('lp_pool2d', g, lpCellCost(p));
  const area = g.kH * g.kW;
  const out = avgForward(x.data, g, true, p);
  // avgForward divided by the clipped window size: multiply back by F_h·F_w.
  for (let i = 0; i < out.length; i++) {
    const s = out[i] * area;
    out[i] = p === 2 ? Math.sqrt(s) : p === 1 ? s : Math.pow(s, 1 / p);
  }
  return new Tensor(g.outShape, out);
}

/**
 * Gradient of Lp pooling. With S = (F_h·F_w / count)·Σ x^p over a window and out = S^(1/p):
 *   d out / d x = (F_h·F_w / count) · x^(p−1) · out^(1−p),
 * every input cell collecting the terms of each window it lies in. Where out = 0 the
 * gradient is 0 for every p (an all-zero window after a ReLU, say), as in PyTorch: it
 * computes sign(S)·relu(|S|) before the root, and relu passes nothing back at 0.
 */
export function lpPool2dBackward(x: Tensor, gradOutput: Tensor, opts: LpPool2dOptions): Tensor {
  const p = opts.normType ?? 2;
  if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0) {
    throw engineError('lp-bad-norm', { shown: String(p) });
  }
  const g = geometry(x, 'lp_pool2d', 'lp', { kernelSize: opts.kernelSize, stride: opts.stride, padding: 0, ceilMode: opts.ceilMode });
  checkGradOutput(gradOutput, g, 'lp_pool2d');
  checkPoolWork('lp_pool2d', g, 2 * lpCellCost(p));
  const out = lpPool2d(x, opts).data;
  const area = g.kH * g.kW;
  const { W } = g;
  const xd = x.data;
  const gd = gradOutput.data;
  const gin = new Float64Array(x.size);
  forEachWindow(g, ({ out: o, plane: base, h0, h1, w0, w1, paddedArea }) => {
    const y = out[o];
    if (h0 >= h1 || w0 >= w1 || y === 0) return;
    // Common factor of the window: grad · (area / count) · out^(1−p).
    const f = (gd[o] * area) / paddedArea * (p === 1 ? 1 : p === 2 ? 1 / y : Math.pow(y, 1 - p));
    for (let h = h0; h < h1; h++) {
      const row = base + h * W;
      if (p === 1) for (let w = w0; w < w1; w++) gin[row + w] += f;
      else if (p === 2) for (let w = w0; w < w1; w++) gin[row + w] += f * xd[row + w];
      else for (let w = w0; w < w1; w++) gin[row + w] += f * Math.pow(xd[row + w], p - 1);
    }
  });
  return new Tensor(x.shape, Float32Array.from(gin));
}

// ---------------------------------------------------------------------------
// Registry

function poolAttrs(attrs: Attrs): Pool2dOptions {
  return {
    kernelSize: requiredSizeAttr(attrs, 'kernel_size'),
    stride: sizeAttr(attrs, 'stride'),
    padding: sizeAttr(attrs, 'padding') ?? 0,
    ceilMode: boolAttr(attrs, 'ceil_mode', false),
  };
}

function avgAttrs(attrs: Attrs): AvgPool2dOptions {
  return { ...poolAttrs(attrs), countIncludePad: boolAttr(attrs, 'count_include_pad', true) };
}

function lpAttrs(a: Attrs): LpPool2dOptions {
  return {
    normType: floatAttr(a, 'norm_type', { default: 2, exclusiveMin: 0 }),
    kernelSize: requiredSizeAttr(a, 'kernel_size'),
    stride: sizeAttr(a, 'stride'),
    ceilMode: boolAttr(a, 'ceil_mode', false),
  };
}

const POOL_ATTRS = ['kernel_size', 'stride', 'padding', 'ceil_mode'] as const;

export const poolOps: OpDef[] = [
  {
    name: 'max_pool2d',
    summary: 'max over each F×F window (padding −∞); also gives the argmax indices',
    inputs: [{ name: 'input' }],
    attrs: POOL_ATTRS,
    outputs: ['output', 'indices'],
    run: (i, a) => {
      const r = maxPool2d(i.input, poolAttrs(a));
      // The argmax indices are kept for the vjp, which then need not search the windows again.
      return withSaved({ output: r.output, indices: new Tensor(r.output.shape, new Float32Array(r.indices)) }, r.indices);
    },
    vjp: ({ inputs, attrs, saved }, g) => ({ input: maxPool2dBackward(inputs.input, g.output, poolAttrs(attrs), saved as Int32Array) }),
  },
  {
    name: 'max_pool2d_backward',
    summary: 'gradient of max_pool2d: each grad goes to its window’s argmax',
    inputs: [{ name: 'input' }, { name: 'grad_output' }],
    attrs: POOL_ATTRS,
    outputs: ['grad_input'],
    run: (i, a) => ({ grad_input: maxPool2dBackward(i.input, i.grad_output, poolAttrs(a)) }),
  },
  {
    name: 'avg_pool2d',
    summary: 'mean over each F×F window (count_include_pad decides the divisor)',
    inputs: [{ name: 'input' }],
    attrs: [...POOL_ATTRS, 'count_include_pad'],
    outputs: ['output'],
    run: (i, a) => ({ output: avgPool2d(i.input, avgAttrs(a)) }),
    vjp: ({ inputs, attrs }, g) => ({ input: avgPool2dBackward(inputs.input, g.output, avgAttrs(attrs)) }),
  },
  {
    name: 'avg_pool2d_backward',
    summary: 'gradient of avg_pool2d: each grad shared equally over its window',
    inputs: [{ name: 'input' }, { name: 'grad_output' }],
    attrs: [...POOL_ATTRS, 'count_include_pad'],
    outputs: ['grad_input'],
    run: (i, a) => ({ grad_input: avgPool2dBackward(i.input, i.grad_output, avgAttrs(a)) }),
  },
  {
    name: 'lp_pool2d',
    summary: '(Σ x^p)^(1/p) over each F×F window (p = norm_type, default 2)',
    inputs: [{ name: 'input' }],
    attrs: ['norm_type', 'kernel_size', 'stride', 'ceil_mode'],
    outputs: ['output'],
    run: (i, a) => ({ output: lpPool2d(i.input, lpAttrs(a)) }),
    vjp: ({ inputs, attrs }, g) => ({ input: lpPool2dBackward(inputs.input, g.output, lpAttrs(attrs)) }),
  },
];
