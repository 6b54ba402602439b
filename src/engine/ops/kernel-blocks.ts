/**
 * Side arrays the ops return besides their float32 outputs (max pooling's argmax indices),
 * taken from allocate() like a tensor's numbers: outside a training step they are ordinary
 * zeroed arrays; inside one, under the WebAssembly back end, they lie in the kernels' memory
 * beside the tensors, so the WebAssembly kernels write and read them without copying.
 */
import { allocate } from '../tensor.js';

/** n zeroed int32s. */
export function int32Block(n: number): Int32Array {
  const f = allocate(n);
  return new Int32Array(f.buffer, f.byteOffset, n);
}

