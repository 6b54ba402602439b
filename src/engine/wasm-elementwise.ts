/**
 * The elementwise WebAssembly kernels (kernels/wasm/elementwise.ts) as the ops call them. Each
 * function runs its kernel and returns true ONLY when the WebAssembly back end is in force
 * and every array it is given is already in the kernel module's memory; otherwise it returns
 * false, touching nothing, and the op runs its JS loop. It never copies: copying an operand
 * in and the result out costs about as much as an elementwise loop itself, so only tensors a
 * training step allocated in the module's memory take this path.
 *
 * The kernels compute what the JS loops compute, bit for bit (tests/engine/wasm-elementwise.test.ts).
 * This file sits beside gemm.ts, not in kernels/: it asks gemm.ts for the back end in force,
 * and kernels/ is below gemm.ts (gemm.ts calls into it).
 */
import { gemmBackend } from './gemm.js';
import { kernelAddress } from './kernels/wasm-address.js';
import { kernelModuleIfLoaded } from './kernels/wasm-module.js';

/** The exports of kernels/wasm/elementwise.ts: byte addresses, element counts, float64 settings. */
interface ElementwiseExports {
  relu(x: number, out: number, n: number): void;
  sigmoid(x: number, out: number, n: number): void;
  tanh(x: number, out: number, n: number): void;
  gelu(x: number, out: number, n: number): void;
  geluBackward(x: number, g: number, out: number, n: number): void;
  reluBackward(x: number, g: number, out: number, n: number): void;
  sigmoidBackward(y: number, g: number, out: number, n: number): void;
  tanhBackward(y: number, g: number, out: number, n: number): void;
  maxPool2d(x: number, out: number, idx: number, planes: number, H: number, W: number, outH: number, outW: number, kH: number, kW: number, sH: number, sW: number): void;
  maxPool2dBackward(g: number, idx: number, gin: number, planes: number, plane: number, per: number): void;
  sgdStep(p: number, g: number, n: number, lr: number, wd: number): void;
  sgdMomentumStep(p: number, g: number, v: number, n: number, lr: number, mu: number, wd: number, first: number): void;
  adamStep(p: number, g: number, m: number, v: number, n: number, decay: number, coupled: number, beta1: number, beta2: number, stepSize: number, sqrtBc2: number, eps: number): void;
  scratchBase(): number;
  scratchF64(): number;
  softmaxRows(x: number, out: number, rows: number, n: number, log: number): void;
  softmaxBackwardRows(y: number, g: number, out: number, rows: number, n: number): void;
  logSoftmaxBackwardRows(y: number, g: number, out: number, rows: number, n: number): void;
  rowLogSumExp(x: number, rows: number, n: number): void;
  crossEntropyGradRows(x: number, out: number, rows: number, n: number, scale: number): void;
  layerNorm(x: number, out: number, w: number, b: number, rows: number, n: number, eps: number): void;
  layerNormBackward(x: number, g: number, w: number, rows: number, n: number, dx: number): void;
}

/** The kernels when the WebAssembly back end is chosen and the module is loaded (never loads it). */
function kernels(): ElementwiseExports | undefined {
  if (gemmBackend() !== 'wasm') return undefined;
  return kernelModuleIfLoaded()?.ex as ElementwiseExports | undefined;
}

/**
 * The byte addresses of `arrays` in the module's memory, or undefined unless every one is
 * there and each holds at least `n` elements.
 */
function addresses(n: number, ...arrays: (Float32Array | Int32Array | Float64Array)[]): number[] | undefined {
  const at: number[] = [];
  for (const a of arrays) {
    if (a.length < n) return undefined;
    const p = kernelAddress(a);
    if (p < 0) return undefined;
    at.push(p);
  }
  return at;
}

/** out = relu(x) (activations.ts relu). */
export function wasmRelu(x: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(x.length, x, out);
  if (!k || !at) return false;
  k.relu(at[0], at[1], x.length);
  return true;
}

/**
 * out = σ(x), tanh(x) or GELU(x) (activations.ts, elementwise.ts gelu): the JS's float64
 * formulas with the module's exp and tanh, within one unit in the last place of the JS's.
 */
export function wasmSigmoid(x: Float32Array, out: Float32Array): boolean {
  return unaryKernel('sigmoid', x, out);
}
export function wasmTanh(x: Float32Array, out: Float32Array): boolean {
  return unaryKernel('tanh', x, out);
}
export function wasmGelu(x: Float32Array, out: Float32Array): boolean {
  return unaryKernel('gelu', x, out);
}

function unaryKernel(name: 'sigmoid' | 'tanh' | 'gelu', x: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(x.length, x, out);
  if (!k || !at) return false;
  k[name](at[0], at[1], x.length);
  return true;
}

/** out = g·(Φ(x) + x·φ(x)) (elementwise.ts gelu's vjp). */
export function wasmGeluBackward(x: Float32Array, g: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(out.length, x, g, out);
  if (!k || !at) return false;
  k.geluBackward(at[0], at[1], at[2], out.length);
  return true;
}

/** out = g where x > 0 (or NaN), else 0 (activations.ts reluBackward). */
export function wasmReluBackward(x: Float32Array, g: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(x.length, x, g, out);
  if (!k || !at) return false;
  k.reluBackward(at[0], at[1], at[2], x.length);
  return true;
}

/** out = g·y·(1 − y) (activations.ts sigmoidBackward). */
export function wasmSigmoidBackward(y: Float32Array, g: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(y.length, y, g, out);
  if (!k || !at) return false;
  k.sigmoidBackward(at[0], at[1], at[2], y.length);
  return true;
}

/** out = g·(1 − y²) (activations.ts tanhBackward). */
export function wasmTanhBackward(y: Float32Array, g: Float32Array, out: Float32Array): boolean {
  const k = kernels();
  const at = k && addresses(y.length, y, g, out);
  if (!k || !at) return false;
  k.tanhBackward(at[0], at[1], at[2], y.length);
  return true;
}

/**
 * Max pooling's geometry as the kernel needs it: ops/pool-windows.ts's WindowGeometry, spelt
 * out here because this file sits below ops/ (an import of it would run back up).
 */
export interface MaxPoolShape {
  planes: number;
  H: number;
  W: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  sH: number;
  sW: number;
  pH: number;
  pW: number;
}

/**
 * Max pooling forward (pool.ts maxPool2d) when every window lies inside the input: no
 * padding and the last window ends inside (ceil mode then adds no clipped window). Other
 * geometries (clipped windows) stay on the JS path.
 */
export function wasmMaxPool2d(g: MaxPoolShape, x: Float32Array, out: Float32Array, idx: Int32Array): boolean {
  const inside = g.pH === 0 && g.pW === 0 && (g.outH - 1) * g.sH + g.kH <= g.H && (g.outW - 1) * g.sW + g.kW <= g.W;
  if (!inside || g.outH < 1 || g.outW < 1) return false;
  const k = kernels();
  const nOut = g.planes * g.outH * g.outW;
  const at = k && x.length >= g.planes * g.H * g.W ? addresses(nOut, out, idx) : undefined;
  const xAt = at && kernelAddress(x);
  if (!k || !at || xAt === undefined || xAt < 0) return false;
  k.maxPool2d(xAt, at[0], at[1], g.planes, g.H, g.W, g.outH, g.outW, g.kH, g.kW, g.sH, g.sW);
  return true;
}

/** Max pooling backward (pool.ts maxPool2dBackward): gin (all of it, zeroed first) collects g at the indices. */
export function wasmMaxPool2dBackward(planes: number, plane: number, per: number, g: Float32Array, idx: Int32Array, gin: Float32Array): boolean {
  const k = kernels();
  const n = planes * per;
  const at = k && gin.length === planes * plane ? addresses(n, g, idx) : undefined;
  const ginAt = at && kernelAddress(gin);
  if (!k || !at || ginAt === undefined || ginAt < 0) return false;
  k.maxPool2dBackward(at[0], at[1], ginAt, planes, plane, per);
  return true;
}

const optimizerCalls = { sgd: 0, sgdMomentum: 0, adam: 0 };
/** How many optimizer updates the kernels ran (tests: a training loop really takes this path). */
export function optimizerKernelCalls(): { sgd: number; sgdMomentum: number; adam: number } {
  return { ...optimizerCalls };
}

/** SGD without momentum (sgd.ts): p −= lr·(g + wd·p). */
export function wasmSgd(p: Float32Array, g: Float32Array, lr: number, wd: number): boolean {
  const k = kernels();
  const at = k && addresses(p.length, p, g);
  if (!k || !at) return false;
  k.sgdStep(at[0], at[1], p.length, lr, wd);
  optimizerCalls.sgd++;
  return true;
}

/** SGD with momentum (sgd.ts); `first`: the velocity starts as g + wd·p. */
export function wasmSgdMomentum(p: Float32Array, g: Float32Array, v: Float32Array, lr: number, mu: number, wd: number, first: boolean): boolean {
  const k = kernels();
  const at = k && addresses(p.length, p, g, v);
  if (!k || !at) return false;
  k.sgdMomentumStep(at[0], at[1], at[2], p.length, lr, mu, wd, first ? 1 : 0);
  optimizerCalls.sgdMomentum++;
  return true;
}

/** Adam's settings for one step (adam.ts computes them once per step). */
export interface AdamStepSettings {
  /** AdamW's p ← p·decay first (1 − lr·wd), 1 for none. */
  decay: number;
  /** Adam's weight decay added to the gradient (0 for AdamW). */
  coupled: number;
  beta1: number;
  beta2: number;
  stepSize: number;
  sqrtBc2: number;
  eps: number;
}

/** Adam / AdamW for one parameter (adam.ts). */
export function wasmAdam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamStepSettings): boolean {
  const k = kernels();
  const at = k && addresses(p.length, p, g, m, v);
  if (!k || !at) return false;
  k.adamStep(at[0], at[1], at[2], at[3], p.length, s.decay, s.coupled, s.beta1, s.beta2, s.stepSize, s.sqrtBc2, s.eps);
  optimizerCalls.adam++;
  return true;
}

/** Byte address of an optional array of at least n elements: 0 for none, -1 when it is not in the kernels' memory. */
function optionalAddress(a: Float32Array | null, n: number): number {
  if (a === null) return 0;
  return a.length >= n ? kernelAddress(a) : -1;
}

let scratchView: Float64Array | undefined;
/** The module's float64 scratch (kernels/wasm/elementwise.ts); the memory never grows, so one view serves. */
function scratch(k: ElementwiseExports): Float64Array {
  return (scratchView ??= new Float64Array(kernelModuleIfLoaded()!.buffer, k.scratchBase(), k.scratchF64()));
}

/**
 * Layer norm forward (norm.ts normalizeRows) over `rows` rows of n: out, and each row's
 * float64 mean, variance and rstd into the given arrays (any arrays: the kernel leaves them
 * in its scratch and they are copied, a few rows at a time). Float32 results within about
 * one unit in the last place of the JS's (its row sums are taken two lanes at a time).
 */
export function wasmLayerNorm(
  x: Float32Array, rows: number, n: number, w: Float32Array | null, b: Float32Array | null, eps: number,
  out: Float32Array, mean: Float64Array, variance: Float64Array, rstd: Float64Array,
): boolean {
  const k = kernels();
  const at = k && addresses(rows * n, x, out);
  const wAt = optionalAddress(w, n);
  const bAt = optionalAddress(b, n);
  if (!k || !at || wAt < 0 || bAt < 0 || mean.length < rows || variance.length < rows || rstd.length < rows) return false;
  const s = scratch(k);
  const chunk = Math.floor(s.length / 3);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const c = Math.min(chunk, rows - r0);
    k.layerNorm(at[0] + 4 * r0 * n, at[1] + 4 * r0 * n, wAt, bAt, c, n, eps);
    mean.set(s.subarray(0, c), r0);
    variance.set(s.subarray(c, 2 * c), r0);
    rstd.set(s.subarray(2 * c, 3 * c), r0);
  }
  return true;
}

/**
 * Layer norm backward (norm.ts backwardRows) from the forward's row statistics: dx, and the
 * float64 column sums dw (of g ⊙ x̂) and db (of g) written into the given arrays. Rows of at
 * most about 2700 numbers (the kernel keeps three float64 rows in its scratch); longer rows
 * stay on the JS path.
 */
export function wasmLayerNormBackward(
  x: Float32Array, g: Float32Array, w: Float32Array | null, rows: number, n: number, mean: Float64Array, rstd: Float64Array,
  dx: Float32Array, dw: Float64Array, db: Float64Array,
): boolean {
  const k = kernels();
  const at = k && addresses(rows * n, x, g, dx);
  const wAt = optionalAddress(w, n);
  if (!k || !at || wAt < 0 || dw.length < n || db.length < n || mean.length < rows || rstd.length < rows) return false;
  const s = scratch(k);
  // Scratch: dw, db, x̂ (n each), then a chunk of rows' mean and rstd.
  const chunk = Math.floor((s.length - 3 * n) / 2);
  if (chunk < 1) return false;
  s.fill(0, 0, 2 * n);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const c = Math.min(chunk, rows - r0);
    s.set(mean.subarray(r0, r0 + c), 3 * n);
    s.set(rstd.subarray(r0, r0 + c), 3 * n + c);
    k.layerNormBackward(at[0] + 4 * r0 * n, at[1] + 4 * r0 * n, wAt, c, n, at[2] + 4 * r0 * n);
  }
  dw.set(s.subarray(0, n));
  db.set(s.subarray(n, 2 * n));
  return true;
}

/**
 * softmax or log_softmax (softmax.ts) of `rows` contiguous rows of n (the last dimension;
 * rows of at most 8192, the kernel's scratch). Float32 results within a unit in the last
 * place of the JS's (exp and log are the module's own, not V8's).
 */
export function wasmSoftmaxRows(x: Float32Array, out: Float32Array, rows: number, n: number, log: boolean): boolean {
  const k = kernels();
  const at = k && addresses(rows * n, x, out);
  if (!k || !at || n > k.scratchF64()) return false;
  k.softmaxRows(at[0], at[1], rows, n, log ? 1 : 0);
  return true;
}

/** softmax's (bit for bit) or log_softmax's backward over rows of n, from the forward output y. */
export function wasmSoftmaxBackwardRows(y: Float32Array, g: Float32Array, out: Float32Array, rows: number, n: number, log: boolean): boolean {
  const k = kernels();
  const at = k && addresses(rows * n, y, g, out);
  if (!k || !at) return false;
  (log ? k.logSoftmaxBackwardRows : k.softmaxBackwardRows)(at[0], at[1], at[2], rows, n);
  return true;
}

/**
 * Each row's log Σ e^x (loss.ts cross_entropy), a chunk of rows at a time through the
 * kernel's scratch; undefined (nothing done) when x is not in the kernels' memory.
 */
export function wasmRowLogSumExp(x: Float32Array, rows: number, n: number): Float64Array | undefined {
  const k = kernels();
  const at = k && addresses(rows * n, x);
  if (!k || !at) return undefined;
  const lse = new Float64Array(rows);
  const s = scratch(k);
  for (let r0 = 0; r0 < rows; r0 += s.length) {
    const c = Math.min(s.length, rows - r0);
    k.rowLogSumExp(at[0] + 4 * r0 * n, c, n);
    lse.set(s.subarray(0, c), r0);
  }
  return lse;
}

/** cross_entropy's gradient before the target's −scale: out = e^(x − lse)·scale by rows (loss.ts). */
export function wasmCrossEntropyGrad(x: Float32Array, out: Float32Array, rows: number, n: number, scale: number): boolean {
  const k = kernels();
  const at = k && addresses(rows * n, x, out);
  if (!k || !at) return false;
  const s = scratch(k);
  for (let r0 = 0; r0 < rows; r0 += s.length) {
    const c = Math.min(s.length, rows - r0);
    k.rowLogSumExp(at[0] + 4 * r0 * n, c, n);
    k.crossEntropyGradRows(at[0] + 4 * r0 * n, at[1] + 4 * r0 * n, c, n, scale);
  }
  return true;
}
