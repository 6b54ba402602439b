/**
 * Where an array lives for the WebAssembly kernels. The elementwise kernels never copy: they
 * run only on arrays that are already views of the kernel module's memory (tensors a training
 * step allocated there), and the op runs its JS loop on any other array. This is the one test
 * of "is it there, and at which byte address".
 */
import { kernelModuleIfLoaded } from './wasm-module.js';

/**
 * The byte address of `a` in the kernel module's memory, or -1 when `a` is not a view of
 * that memory (an ordinary array) or the module is not loaded (never loads it: an array can
 * only be in the module's memory once it is).
 */
export function kernelAddress(a: ArrayBufferView): number {
  const m = kernelModuleIfLoaded();
  return m !== undefined && a.buffer === m.buffer ? a.byteOffset : -1;
}
