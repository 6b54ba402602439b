/**
 * Memory of a training step: stepScope(fn) runs one step (forward, loss, backward, optimizer
 * update) and, when it returns or throws, gives back every tensor block the step allocated.
 *
 * Why: under the WebAssembly back end, tensors made inside a step live in the kernels' memory
 * (kernels/wasm-heap.ts), where the GEMM reads and writes them in place instead of copying
 * them in and out. A garbage collector does not know when such memory is free — its
 * finalizers run between tasks, never inside a synchronous training loop — but the step does:
 * after it, nothing it made is needed, except what is kept on purpose. So the step frees its
 * blocks itself, and the next step reuses the same memory (hot in cache, already mapped).
 *
 * What outlives a step is never a step's block: parameters' .grad (backward's leaf accumulation)
 * and clones (Tensor.clone()) are ordinary arrays, collected as usual; parameters and
 * optimizer state move, on the optimizer's first step once the kernels are loaded, into
 * persistent blocks (persistentAlloc below), given back when their array is collected.
 * A tensor whose block was given back must not read whatever the next step wrote there: its
 * `data` throws the memory-step-freed error instead (tensor.ts).
 *
 * Outside stepScope, and under the JS back end, nothing changes: allocate() makes ordinary
 * arrays. Scopes nest; an inner one frees only what it allocated itself. fn must be
 * synchronous: what it allocates after an await is outside the scope (ordinary arrays), and
 * what it allocated before is freed when fn returns its promise.
 */
import { gemmBackend } from './gemm.js';
import { heapAlloc, heapAvailable, heapFree, heapStats, type HeapStats } from './kernels/wasm-heap.js';
import { kernelModule, kernelModuleIfLoaded } from './kernels/wasm-module.js';

/**
 * One block a step allocated; `freed` once the step ended (tensors over it then refuse to be
 * read). A persistent block (persistentAlloc) has a lease too, never freed by a step.
 */
export class Lease {
  freed = false;
  constructor(
    readonly addr: number,
    readonly persistent = false,
  ) {}
}

/** A running or ended step whose tensors live in the heap, as the autograd tape sees it. */
export interface StepToken {
  readonly ended: boolean;
}

interface Scope extends StepToken {
  /** Whether this step allocates from the heap (wasm back end in force and the kernels loaded). */
  heap: boolean;
  leases: Lease[];
  ended: boolean;
}

/** Tensors smaller than this stay ordinary arrays: the kernels gain nothing from them and a lease costs more than they do. */
export const HEAP_MIN_FLOATS = 256;

let current: Scope | null = null;
/** Off: steps allocate ordinary arrays even under the wasm back end (a benchmark times both ways). */
let heapWanted = true;
/** The kernels' memory once a step has used it: arrays over it are looked up in `leases`. */
let heapBuffer: ArrayBuffer | null = null;
/** The view each block was handed out as → its lease (a tensor wrapping that view finds it). */
const leases = new WeakMap<Float32Array, Lease>();
const counts = { steps: 0, blocks: 0, fallbacks: 0, liveBlocks: 0, persistentBlocks: 0 };

/**
 * Runs one training step: every tensor block fn allocates in the kernels' memory is given
 * back when fn returns or throws. Return numbers, or tensors made outside; a tensor made
 * inside can no longer be read afterwards (keep one with .clone()).
 */
export function stepScope<T>(fn: () => T): T {
  const outer = current;
  const scope: Scope = { heap: heapWanted && gemmBackend() === 'wasm' && heapAvailable(), leases: [], ended: false };
  if (scope.heap) heapBuffer ??= kernelModule()?.buffer ?? null;
  current = scope;
  counts.steps++;
  try {
    return fn();
  } finally {
    current = outer;
    scope.ended = true;
    for (const l of scope.leases) {
      l.freed = true;
      heapFree(l.addr);
    }
    counts.liveBlocks -= scope.leases.length;
  }
}

/**
 * A buffer an op reuses from call to call (im2col's columns, conv2d's staging rows): `old`
 * when it holds at least `n` floats, else a bigger one. Under the wasm back end it lives in
 * the kernels' memory, so the GEMM reads and writes it in place; it belongs to no step (it
 * stays until a bigger one replaces it). Its contents are whatever the last call left.
 */
export function reusedBuffer(old: Float32Array, n: number): Float32Array {
  const inHeap = heapBuffer !== null && old.buffer === heapBuffer;
  const wasm = heapWanted && gemmBackend() === 'wasm';
  if (old.length >= n && (inHeap || !wasm)) return old;
  // Only once the kernels are loaded (by a product that needed them): a small conv must not compile them.
  const b = wasm && kernelModuleIfLoaded() !== undefined && heapAvailable() ? heapAlloc(Math.max(n, old.length)) : undefined;
  if (b === undefined && old.length >= n) return old;
  if (inHeap) heapFree(old.byteOffset);
  if (b === undefined) return new Float32Array(n);
  heapBuffer ??= kernelModule()?.buffer ?? null;
  return b.view;
}

/** Benchmarks: whether steps that start from now on use the kernels' memory (on by default). */
export function useStepHeap(on: boolean): void {
  heapWanted = on;
}

/**
 * The running step when its tensors live in the heap, else null. A recorded op keeps it
 * (autograd/node.ts): its saved buffers are the step's, so backward() refuses the node once
 * the step has ended instead of reading memory the next step has written.
 */
export function stepToken(): StepToken | null {
  return current !== null && current.heap ? current : null;
}

/** Whether a stepScope is running now. */
export function inStepScope(): boolean {
  return current !== null;
}

/**
 * allocate()'s way into the heap: a zeroed block of `n` floats recorded in the running step,
 * or undefined (no step, JS back end, small, or the heap is full: then an ordinary array).
 */
export function stepAlloc(n: number): Float32Array | undefined {
  const s = current;
  if (s === null || !s.heap || n < HEAP_MIN_FLOATS) return undefined;
  const b = heapAlloc(n);
  if (b === undefined) {
    counts.fallbacks++;
    return undefined;
  }
  const lease = new Lease(b.addr);
  s.leases.push(lease);
  leases.set(b.view, lease);
  counts.blocks++;
  counts.liveBlocks++;
  return b.view;
}

/**
 * The lease of an array a tensor is built over: null for an ordinary array; undefined for a
 * view of the kernels' memory that no step handed out (a subarray of a block, the copy area),
 * which a tensor must not wrap (nothing would keep it or tell when it is overwritten).
 */
export function leaseOf(a: Float32Array): Lease | null | undefined {
  // heapBuffer first: until a step has used the heap, `a.buffer` is not touched at all (on a
  // small array V8 keeps inline, reading it moves the numbers out to a buffer of their own).
  return heapBuffer !== null && a.buffer === heapBuffer ? leases.get(a) : null;
}

/**
 * Gives a persistent block back once the array over it has been collected: no tensor holds
 * it any more (a tensor, and every reshape of it, holds that very array; a tensor is never
 * built over a subarray of the heap, the constructor copies one). A finalizer runs only
 * between tasks, when the collector chooses.
 */
function releasePersistentBlock(addr: number): void {
  heapFree(addr);
  counts.persistentBlocks--;
}
const persistentOwners = new FinalizationRegistry<number>(releasePersistentBlock);

/** Whether persistentAlloc may hand out blocks now: wasm back end, steps use the heap, kernels already loaded (never loads them). */
export function persistentMemoryReady(): boolean {
  return heapWanted && gemmBackend() === 'wasm' && kernelModuleIfLoaded() !== undefined && heapAvailable();
}

/**
 * A zeroed block of the kernels' memory that outlives every step: parameters and optimizer
 * state move into such blocks (optim/optimizer.ts), so the GEMM reads weights in place and the
 * optimizer's kernels run. It is given back when its array is garbage collected — fine for
 * the few long-lived arrays of a model, never for what a step makes (finalizers do not run
 * inside a synchronous training loop). Undefined unless the wasm back end is in force, steps
 * use the heap (useStepHeap) and the kernels are ALREADY loaded (this never compiles them:
 * building a model must not), or when the heap is full: the caller keeps an ordinary array.
 * A subarray of the block kept after every tensor over it is gone is not tracked: do not keep one.
 */
export function persistentAlloc(n: number): Float32Array | undefined {
  if (!persistentMemoryReady()) return undefined;
  const b = heapAlloc(Math.max(1, n));
  if (b === undefined) {
    counts.fallbacks++;
    return undefined;
  }
  heapBuffer ??= kernelModule()?.buffer ?? null;
  const view = n === b.view.length ? b.view : b.view.subarray(0, n);
  leases.set(view, new Lease(b.addr, true));
  persistentOwners.register(view, b.addr);
  counts.persistentBlocks++;
  return view;
}

export interface StepMemoryStats {
  /** Steps run (stepScope calls), blocks handed out to them, and allocations that fell back to ordinary arrays (heap full). */
  steps: number;
  blocks: number;
  fallbacks: number;
  /** Blocks of steps still running (0 between steps). */
  liveBlocks: number;
  /** Persistent blocks (parameters, optimizer state, the optimizer's gradient blocks) not yet given back. */
  persistentBlocks: number;
  /** The heap (kernels/wasm-heap.ts; its liveBlocks also counts ops' reused buffers, which belong to no step), absent until a step used it. */
  heap?: HeapStats;
}

/**
 * What the training steps' memory holds (tests, benchmarks): a loop that frees what it makes
 * keeps heap.highWaterBytes flat after its first steps, and liveBlocks 0 between them.
 */
export function stepMemoryStats(): StepMemoryStats {
  const heap = heapBuffer === null ? undefined : heapStats();
  return { ...counts, ...(heap ? { heap } : {}) };
}
