/**
 * The second tfjs peer: @tensorflow/tfjs-backend-wasm (XNNPACK compiled to WebAssembly SIMD),
 * set up for a fair one-thread comparison in Node and without any download:
 * - its .wasm files ship inside the package (dist/); setWasmPaths points every variant name
 *   at the package's own SIMD binary, so the backend reads it from node_modules with fs, and
 *   can only run with SIMD (on a Node without SIMD the module fails to validate and the
 *   peer is reported as not run, instead of silently timing the scalar build);
 * - one thread: setThreadsCount(1), and WASM_HAS_MULTITHREAD_SUPPORT off (tfjs already turns
 *   it off in Node; the bench says so rather than relying on it), then getThreadsCount()
 *   confirms what XNNPACK really uses.
 *
 * tfjs has ONE global backend, and an op runs on the active backend, moving any input that
 * lives on another backend over first (a copy, and the tensor stays moved). So each side's
 * tensors are created under its own backend (onBackend), and before each timed run the side
 * switches the global backend back to its own (tf.setBackend, untimed: timeRounds' `enter`).
 * Switching an already initialised backend is cheap (~1 ms: it re-runs the kernels' setup)
 * and keeps the sides interleaved run by run, as every other row of the bench is, rather than
 * timing each backend in a block of its own. livesOn() lets a row check afterwards that no
 * input was moved, i.e. that each side really computed on its own backend.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfBackend = 'cpu' | 'wasm';

export type TfjsWasmStatus = { ok: true; binary: string; threads: number } | { ok: false; reason: string };

let status: Promise<TfjsWasmStatus> | undefined;

/** The package's SIMD binary, next to its Node entry point (dist/tf-backend-wasm.node.js). */
function simdBinary(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), 'tfjs-backend-wasm-simd.wasm');
}

/** Initialises the wasm backend once (one thread, SIMD), leaving the active backend as it was. */
export function loadTfjsWasm(): Promise<TfjsWasmStatus> {
  status ??= (async (): Promise<TfjsWasmStatus> => {
    const before = tf.getBackend();
    try {
      const binary = simdBinary();
      setWasmPaths({ 'tfjs-backend-wasm.wasm': binary, 'tfjs-backend-wasm-simd.wasm': binary, 'tfjs-backend-wasm-threaded-simd.wasm': binary });
      setThreadsCount(1);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) return { ok: false, reason: 'WebAssembly SIMD is not supported here' };
      if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'tf.setBackend("wasm") failed' };
      const threads = getThreadsCount();
      if (threads !== 1) return { ok: false, reason: `XNNPACK uses ${threads} threads, not 1` };
      return { ok: true, binary: 'tfjs-backend-wasm-simd.wasm', threads };
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    } finally {
      if (before) await tf.setBackend(before);
    }
  })();
  return status;
}

/** Makes `name` the active backend (a no-op when it already is). */
export async function useBackend(name: TfBackend): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend(${JSON.stringify(name)}) failed`);
}

/** Runs `make` with `name` active, so the tensors it creates live on that backend. */
export async function onBackend<T>(name: TfBackend, make: () => T): Promise<T> {
  await useBackend(name);
  return make();
}

/** Whether each tensor's data still lives on backend `name` (no op moved it to another). */
export function livesOn(name: TfBackend, tensors: readonly tf.Tensor[]): boolean {
  const backend = tf.findBackend(name);
  const info = tf.engine().state.tensorInfo;
  return tensors.every((t) => info.get(t.dataId)?.backend === backend);
}
