/**
 * The base of the optimizers (torch.optim): a list of parameters, step() that
 * reads each .grad and updates the parameter in place, zeroGrad(). A parameter
 * without a gradient (not used by the loss) is skipped, as in PyTorch.
 */
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';

export abstract class Optimizer {
  readonly params: readonly Tensor[];
  /** Steps taken (Adam's t). */
  stepCount = 0;

  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  step(): void {
    this.stepCount++;
    this.params.forEach((p, k) => {
      if (p.grad) this.update(p.data, p.grad.data, k);
    });
  }

  /** Updates parameter k in place from its gradient. */
  protected abstract update(p: Float32Array, g: Float32Array, k: number): void;
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
