/**
 * Where an array lives for the WebAssembly kernels. The elementwise kernels never copy: they
 * run only on arrays that are already views of the kernel module's memory (tensors a training
 * step allocated there), and the op runs its JS loop on any other array. This is the one test
 * of "is it there, and at which byte address".
 */
import { loadedKernelModule } from './wasm-gemm.js';

/**
 * The byte address of `a` in the kernel module's memory, or -1 when `a` is not a view of
 * that memory (an ordinary array, a view of a memory that has since grown — its buffer is
 * then a detached one — or the module is not loaded).
 */
export function kernelAddress(a: ArrayBufferView): number {
  const m = loadedKernelModule();
  return m !== undefined && a.buffer === m.memory.buffer ? a.byteOffset : -1;
}
