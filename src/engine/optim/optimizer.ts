/**
 * The base of the optimizers (torch.optim): a list of parameters, step() that
 * reads each .grad and updates the parameter in place, zeroGrad(). A parameter
 * without a gradient (not used by the loss) is skipped, as in PyTorch.
 *
 * Under the WebAssembly back end, the first step() after the kernels were loaded (by the
 * forward's GEMMs: creating a model or an optimizer compiles nothing) moves the parameters
 * and the optimizer's state into persistent blocks of the kernels' memory (step-memory.ts
 * persistentAlloc; the same numbers, each tensor's storage swapped in place). From then on the
 * GEMMs read the weights where they are, and the update runs the optimizer's SIMD kernel
 * (wasm-elementwise.ts), which needs every array there: each .grad — an ordinary array made
 * by backward, as PyTorch's zero_grad(set_to_none) leaves a fresh one each step — is copied
 * into a block kept per parameter first. (A fresh heap block per gradient would pile up inside
 * a synchronous training loop, where finalizers never run; one copy costs less than that.)
 * Under the JS back end nothing moves and the JS loops run, with the same numbers bit for bit.
 */
import { gemmBackend } from '../gemm.js';
import { kernelAddress } from '../kernels/wasm-address.js';
import { engineError } from '../messages.js';
import { persistentAlloc, persistentMemoryReady } from '../step-memory.js';
import type { Tensor } from '../tensor.js';

export abstract class Optimizer {
  readonly params: readonly Tensor[];
  /** Steps taken (Adam's t). */
  stepCount = 0;
  /** Whether the parameters and state have been moved into the kernels' memory (tried once the kernels are loaded). */
  #moved = false;
  /** Per parameter: the block its gradient is copied into for the kernels (see the file's comment). */
  readonly #gradBlocks: (Float32Array | undefined)[] = [];

  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  step(): void {
    this.stepCount++;
    if (!this.#moved && persistentMemoryReady()) this.#moveIntoKernelMemory();
    this.params.forEach((p, k) => {
      if (p.grad) this.update(p.data, this.#gradForUpdate(p, k), k);
    });
  }

  /** Whether the parameters and state live in the kernels' memory (moved on a step, see the file's comment). */
  get inKernelMemory(): boolean {
    return this.#moved;
  }

  /** The arrays of the optimizer's state (momentum, moments), for tests: where they live. */
  abstract stateArrays(): readonly Float32Array[];

  /** Updates parameter k in place from its gradient. */
  protected abstract update(p: Float32Array, g: Float32Array, k: number): void;

  /** Replaces each state array by move(it) (a copy in the kernels' memory, or itself when the heap is full). */
  protected abstract moveState(move: (a: Float32Array) => Float32Array): void;

  /** A zeroed state array of n numbers: in the kernels' memory once the parameters moved there. */
  protected newState(n: number): Float32Array {
    return (this.#moved ? persistentAlloc(n) : undefined) ?? new Float32Array(n);
  }

  #moveIntoKernelMemory(): void {
    this.#moved = true;
    for (const p of this.params) {
      if (kernelAddress(p.data) >= 0) continue; // already there (a parameter listed twice, or moved by another optimizer)
      const block = persistentAlloc(p.size);
      if (block) p.moveNumbersInto(block);
    }
    this.moveState((a) => {
      const block = persistentAlloc(a.length);
      if (!block) return a;
      block.set(a);
      return block;
    });
  }

  /** The gradient as the update reads it: copied into the kernels' memory when the parameter is there and the kernels are in force. */
  #gradForUpdate(p: Tensor, k: number): Float32Array {
    const g = p.grad!.data;
    if (!this.#moved || gemmBackend() !== 'wasm' || kernelAddress(g) >= 0 || kernelAddress(p.data) < 0) return g;
    let block = this.#gradBlocks[k];
    if (block === undefined || block.length !== g.length) {
      block = persistentAlloc(g.length);
      if (block === undefined) return g;
      this.#gradBlocks[k] = block;
    }
    block.set(g);
    return block;
  }
}

/** A setting as torch.optim checks it: a finite number within [min, max). */
export function setting(optim: string, name: string, value: number, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value >= max) {
    const rule = max === Infinity ? `it must be a number ≥ ${min}` : `it must be a number in [${min}, ${max})`;
    const ruleZh = max === Infinity ? `必须是 ≥ ${min} 的数` : `必须是 [${min}, ${max}) 内的数`;
    throw engineError('optim-setting', { optim, name, value, rule, ruleZh });
  }
  return value;
}
