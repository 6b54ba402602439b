/**
 * What crosses from the REPL's worker to the screen (session-worker.ts → remote-session.ts,
 * which revives tensors): values a structured clone carries faithfully and cheaply.
 */
import { Tensor } from '../engine/tensor.js';

/**
 * Tensors cross the thread boundary as plain { shape, data } (remote-session.ts revives
 * them): a structured clone copies own fields only, and a Tensor's numbers sit behind its
 * `data` getter.
 */
export function toWireValue<T>(v: T, depth = 0): T {
  if (depth > 12 || v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
  if (v instanceof Tensor) {
    // A structured clone copies a view's whole buffer: a tensor over part of a larger one
    // (a slice, the kernels' memory) crosses as a copy of its own numbers only.
    const d = v.data;
    return { shape: [...v.shape], data: d.byteLength === d.buffer.byteLength ? d : d.slice() } as T;
  }
  if (Array.isArray(v)) return v.map((x) => toWireValue(x, depth + 1)) as T;
  // Maps, Sets, Dates… go to the structured clone as they are.
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toWireValue(x, depth + 1);
  return out as T;
}
