/**
 * How a kernel call gets its operands into the kernels' memory: in place when they already
 * live there (tensors made inside a training step, see wasm-heap.ts: no copy at all), else
 * copied densely into the copy area. One function for every kernel (the GEMM, the conv
 * kernels), so the rule is written once.
 */
import type { KernelModule } from './wasm-module.js';

/** An operand as a kernel sees it: its first float's byte address and its row stride in floats. */
export interface Placed {
  addr: number;
  ld: number;
  /** Whether it was copied into the copy area (an output placed there must be copied back out). */
  copied: boolean;
}

/** The copy area of one kernel call: operands are copied in one after another from its start. */
export class CopyArea {
  at: number;
  constructor(readonly mod: KernelModule) {
    this.at = mod.scratch;
  }
}

const counts = { placed: 0, copied: 0 };
/** Operands placed so far and how many of them had to be copied (tests: tensors in the heap are not). */
export function operandCounts(): { placed: number; copied: number } {
  return { ...counts };
}

/**
 * Where a kernel finds the rows×cols block stored at src[off…] with row stride ld: src's own
 * address when src lies in the kernels' memory (nothing copied, ld kept), else a dense copy
 * in `area` (ld becomes cols). `copy` false only reserves the room (an output the kernel
 * overwrites). Undefined when the copy does not fit the area: the caller runs its JS path.
 */
export function placeOperand(area: CopyArea, src: Float32Array, off: number, rows: number, cols: number, ld: number, copy = true): Placed | undefined {
  counts.placed++;
  if (src.buffer === area.mod.buffer) return { addr: src.byteOffset + 4 * off, ld, copied: false };
  const addr = area.at;
  const next = addr + Math.ceil((rows * cols) / 16) * 64; // whole cache lines: the next copy starts aligned
  if (next > area.mod.scratchEnd) return undefined;
  area.at = next;
  counts.copied++;
  if (copy) copyIn(area.mod.f32, addr >> 2, src, off, rows, cols, ld);
  return { addr, ld: cols, copied: true };
}

/** Copies a placed output back: the rows×cols block at p (a copy) into dst[off…] with row stride ld. */
export function copyOut(mod: KernelModule, p: Placed, dst: Float32Array, off: number, rows: number, cols: number, ld: number): void {
  if (!p.copied) return;
  const cv = mod.f32.subarray(p.addr >> 2, (p.addr >> 2) + rows * cols);
  if (ld === cols || rows === 1) copyChunked(dst, off, cv);
  else for (let i = 0; i < rows; i++) copyChunked(dst, off + i * ld, cv.subarray(i * cols, i * cols + cols));
}

/**
 * dst[at…] = src, in pieces of at most COPY_CHUNK floats. One large TypedArray.set is a
 * single memmove, and past a size glibc's memmove switches to non-temporal stores; into a
 * freshly allocated output (pages not yet touched) that ran ~35× slower here (12.8 MB: 40 ms
 * against 1 ms in 256 KiB pieces, Node 20 and 24; bench:wasm's conv 224 row shows it).
 */
const COPY_CHUNK = 65536;
function copyChunked(dst: Float32Array, at: number, src: Float32Array): void {
  const n = src.length;
  if (n <= COPY_CHUNK) {
    dst.set(src, at);
    return;
  }
  for (let i = 0; i < n; i += COPY_CHUNK) dst.set(src.subarray(i, Math.min(n, i + COPY_CHUNK)), at + i);
}

/** Copies a rows×cols block stored with row stride ld at src[off…] densely to dst[at…]. */
function copyIn(dst: Float32Array, at: number, src: Float32Array, off: number, rows: number, cols: number, ld: number): void {
  if (ld === cols || rows === 1) {
    copyChunked(dst, at, src.subarray(off, off + rows * cols));
    return;
  }
  for (let r = 0; r < rows; r++) copyChunked(dst, at + r * cols, src.subarray(off + r * ld, off + r * ld + cols));
}
