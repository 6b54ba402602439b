/**
 * conv2d forward and both backwards by the WebAssembly kernels (./wasm/conv.ts): im2col,
 * the GEMMs and col2im all run inside the module, so only the operands and the results
 * cross, never a column matrix. ops/conv.ts calls these under the wasm back end; each
 * returns false, touching no output, when the kernels are unavailable or their memory
 * cannot hold the call, and the caller runs its JS path.
 *
 * Every operand reaches the module through operandAddress() and every result leaves it
 * through outputAddress() + copyOut(): today they copy into and out of a scratch area
 * that starts at the module's first free byte on every call (the engine is
 * single-threaded, so calls never overlap).
 */
import { kernelModule, type KernelModule } from './wasm-module.js';
import { CopyArea, copyOut, placeOperand, type Placed } from './wasm-operands.js';

/** What the kernels need of a validated conv2d configuration (ops/conv.ts's Conv2dGeometry has it). */
export interface ConvShape {
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
  dilationH: number;
  dilationW: number;
  OH: number;
  OW: number;
}

interface ConvExports {
  setGeometry(C: number, H: number, W: number, K: number, FH: number, FW: number, sH: number, sW: number, pT: number, pL: number, dH: number, dW: number, OH: number, OW: number): void;
  setPacking(packA: number, packB: number, tile: number): void;
  conv2dForward(n: number, x: number, w: number, bias: number, y: number, cols: number, colCap: number): void;
  conv2dBackwardWeight(n: number, x: number, dy: number, gw: number, cols: number, colCap: number): void;
  conv2dBackwardInput(n: number, w: number, dy: number, gx: number, cols: number, colCap: number): void;
}

/**
 * Column-matrix entries per chunk (4 MiB of float32) unless one output row needs more.
 * Smaller chunks only add GEMM calls; the kernel's speed does not depend on the chunk
 * beyond a few hundred columns.
 */
const COL_LIMIT = 1 << 20;

/** Thrown when the module's memory cannot hold a call; caught below, the caller then runs JS. */
class OutOfKernelMemory extends Error {}

/** One call's operands, placed by wasm-operands.ts (in place when in the kernels' heap). */
class Operands {
  private readonly area: CopyArea;
  private readonly placed = new Map<number, Placed>();
  constructor(private readonly mod: KernelModule) {
    this.area = new CopyArea(mod);
  }
  private place(array: Float32Array, offset: number, length: number, copy: boolean): number {
    const p = placeOperand(this.area, array, offset, 1, length, length, copy);
    if (!p) throw new OutOfKernelMemory();
    this.placed.set(p.addr, p);
    return p.addr;
  }
  operandAddress(array: Float32Array, offset: number, length: number): number {
    return this.place(array, offset, length, true);
  }
  outputAddress(array: Float32Array, offset: number, length: number): number {
    return this.place(array, offset, length, false);
  }
  workArea(length: number): number {
    return this.place(new Float32Array(0), 0, length, false);
  }
  copyOut(at: number, array: Float32Array, offset: number, length: number): void {
    copyOut(this.mod, this.placed.get(at) as Placed, array, offset, 1, length, length);
  }
}

/** The loaded conv kernels with the geometry set, or undefined when the module is unavailable. */
function prepare(g: ConvShape): { ex: ConvExports; ops: Operands; colCap: number } | undefined {
  const mod = kernelModule();
  if (!mod) return undefined;
  const ex = mod.ex as unknown as ConvExports;
  ex.setGeometry(g.C, g.H, g.W, g.K, g.FH, g.FW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.OH, g.OW);
  ex.setPacking(mod.packA, mod.packB, mod.tile);
  const perRow = g.C * g.FH * g.FW * g.OW;
  const colCap = Math.max(perRow, Math.min(perRow * g.OH, COL_LIMIT));
  return { ex, ops: new Operands(mod), colCap };
}

/** y = conv2d(x, w) + bias by the kernels; false (y untouched) when they cannot run. */
export function wasmConv2d(g: ConvShape, x: Float32Array, w: Float32Array, bias: Float32Array | undefined, y: Float32Array): boolean {
  const p = prepare(g);
  if (!p) return false;
  const { ex, ops, colCap } = p;
  const n = g.batch ?? 1;
  try {
    const xAt = ops.operandAddress(x, 0, x.length);
    const wAt = ops.operandAddress(w, 0, w.length);
    const bAt = bias ? ops.operandAddress(bias, 0, bias.length) : 0;
    const yAt = ops.outputAddress(y, 0, y.length);
    const cols = ops.workArea(colCap);
    ex.conv2dForward(n, xAt, wAt, bAt, yAt, cols, colCap);
    ops.copyOut(yAt, y, 0, y.length);
    return true;
  } catch (e) {
    if (e instanceof OutOfKernelMemory) return false;
    throw e;
  }
}

/**
 * grad_input (into gx) and grad_weight (into gw) by the kernels, each only when wanted;
 * false (nothing written) when they cannot run.
 */
export function wasmConv2dBackward(
  g: ConvShape,
  x: Float32Array,
  w: Float32Array,
  dy: Float32Array,
  gx: Float32Array,
  gw: Float32Array,
  need: { input: boolean; weight: boolean },
): boolean {
  const p = prepare(g);
  if (!p) return false;
  const { ex, ops, colCap } = p;
  const n = g.batch ?? 1;
  try {
    const dyAt = ops.operandAddress(dy, 0, dy.length);
    const xAt = need.weight ? ops.operandAddress(x, 0, x.length) : 0;
    const wAt = need.input ? ops.operandAddress(w, 0, w.length) : 0;
    const gxAt = need.input ? ops.outputAddress(gx, 0, gx.length) : 0;
    const gwAt = need.weight ? ops.outputAddress(gw, 0, gw.length) : 0;
    const cols = ops.workArea(colCap);
    if (need.weight) ex.conv2dBackwardWeight(n, xAt, dyAt, gwAt, cols, colCap);
    if (need.input) ex.conv2dBackwardInput(n, wAt, dyAt, gxAt, cols, colCap);
    if (need.weight) ops.copyOut(gwAt, gw, 0, gw.length);
    if (need.input) ops.copyOut(gxAt, gx, 0, gx.length);
    return true;
  } catch (e) {
    if (e instanceof OutOfKernelMemory) return false;
    throw e;
  }
}
