/**
 * Test-only: Float32Arrays that live in the WebAssembly kernels' memory, so the elementwise
 * kernels (which never copy) run on them. The engine puts a training step's tensors there;
 * a test needs a few arrays without a training step, so it takes a region past everything
 * the kernels use: the memory is grown once by enough pages and the region reused after.
 * Each call hands out views from the region's start: the arrays of the previous call are
 * overwritten, so a test uses one call's arrays at a time.
 */
import { loadedKernelModule, wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';

const PAGE = 65536;
let regionStart = -1;

/** Arrays of the given lengths, zeroed, one after another (16-byte aligned) in the kernels' memory. */
export function kernelMemoryArrays(lengths: readonly number[]): Float32Array[] {
  if (!wasmKernelStatus().ok) throw new Error('the WebAssembly kernels did not load (build them first)');
  const memory = loadedKernelModule()!.memory;
  const bytes = lengths.reduce((s, n) => s + Math.ceil(n / 4) * 16, 0);
  if (regionStart < 0) regionStart = memory.buffer.byteLength;
  const missing = regionStart + bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
  const views: Float32Array[] = [];
  let at = regionStart;
  for (const n of lengths) {
    const v = new Float32Array(memory.buffer, at, n);
    v.fill(0);
    views.push(v);
    at += Math.ceil(n / 4) * 16;
  }
  return views;
}

/** An Int32Array over the same bytes as a Float32Array (argmax indices in the kernels' memory). */
export function asInt32(f: Float32Array): Int32Array {
  return new Int32Array(f.buffer, f.byteOffset, f.length);
}
