/**
 * Test-only: Float32Arrays that live in the WebAssembly kernels' memory, so the elementwise
 * kernels (which never copy) run on them. The engine puts a training step's tensors there;
 * a test needs a few arrays without a training step, so it takes blocks from the kernels'
 * heap itself. Each call gives back the previous call's blocks first: a test uses one
 * call's arrays at a time.
 */
import { heapAlloc, heapFree } from '../../src/engine/kernels/wasm-heap.js';
import { wasmKernelStatus } from '../../src/engine/kernels/wasm-module.js';

let previous: number[] = [];

/** Zeroed arrays of the given lengths (each at least 1) in the kernels' memory. */
export function kernelMemoryArrays(lengths: readonly number[]): Float32Array[] {
  if (!wasmKernelStatus().ok) throw new Error('the WebAssembly kernels did not load (build them first)');
  for (const addr of previous) heapFree(addr);
  previous = [];
  return lengths.map((n) => {
    const block = heapAlloc(Math.max(1, n));
    if (!block) throw new Error(`the kernels' heap has no block of ${n} floats left`);
    previous.push(block.addr);
    block.view.fill(0);
    return n === block.view.length ? block.view : block.view.subarray(0, n);
  });
}

/** An Int32Array over the same bytes as a Float32Array (argmax indices in the kernels' memory). */
export function asInt32(f: Float32Array): Int32Array {
  return new Int32Array(f.buffer, f.byteOffset, f.length);
}
