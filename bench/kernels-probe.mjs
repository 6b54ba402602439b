/**
 * Preloaded by bench/startup.ts into child processes (node --import …/kernels-probe.mjs):
 * watches WebAssembly for nnlearn's kernels (the bytes of NNLEARN_PROBE_KERNELS, i.e.
 * dist/engine/kernels.wasm) and records how often they were compiled and how long
 * compiling and instantiating took. Other WebAssembly (Ink's layout engine, …) is not
 * counted. The numbers are on globalThis[Symbol.for('nnlearn.kernelsProbe')] and, at exit,
 * written as JSON to NNLEARN_PROBE_OUT when that is set.
 *
 * Plain JavaScript: it runs under node without tsx, before the built CLI or engine loads.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const kernels = readFileSync(process.env.NNLEARN_PROBE_KERNELS);
const stats = { compiles: 0, compileMs: 0, instantiateMs: 0 };
const W = globalThis.WebAssembly;
const compiled = new WeakSet();

/** Whether a compile's source is the kernels' bytes (a Buffer, typed array or ArrayBuffer). */
function isKernels(src) {
  if (src == null || typeof src.byteLength !== 'number' || src.byteLength !== kernels.length) return false;
  const bytes = ArrayBuffer.isView(src) ? new Uint8Array(src.buffer, src.byteOffset, src.byteLength) : new Uint8Array(src);
  return kernels.equals(bytes);
}

W.Module = new Proxy(W.Module, {
  construct(target, args, newTarget) {
    const t = performance.now();
    const m = Reflect.construct(target, args, newTarget);
    if (isKernels(args[0])) {
      stats.compiles++;
      stats.compileMs += performance.now() - t;
      compiled.add(m);
      save();
    }
    return m;
  },
});
W.Instance = new Proxy(W.Instance, {
  construct(target, args, newTarget) {
    const t = performance.now();
    const inst = Reflect.construct(target, args, newTarget);
    if (compiled.has(args[0])) stats.instantiateMs += performance.now() - t;
    return inst;
  },
});
// The asynchronous entry points, counted too (the engine uses the synchronous ones today).
for (const name of ['compile', 'instantiate']) {
  const original = W[name];
  W[name] = function (src, ...rest) {
    if (isKernels(src)) {
      stats.compiles++;
      save();
    }
    return original.call(this, src, ...rest);
  };
}

globalThis[Symbol.for('nnlearn.kernelsProbe')] = stats;
/** Written at exit, and at once on each compile: a screen killed after its first frame has no exit. */
function save() {
  if (process.env.NNLEARN_PROBE_OUT) writeFileSync(process.env.NNLEARN_PROBE_OUT, JSON.stringify(stats));
}
process.on('exit', save);
// At once too, so a caller can tell "loaded, nothing compiled" from "the probe never ran".
save();
