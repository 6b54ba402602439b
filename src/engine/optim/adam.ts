/**
 * torch.optim.Adam and AdamW, t counting steps from 1:
 *   Adam:  g' = g + wd·p
 *   AdamW: p ← p·(1 − lr·wd) first (decoupled decay), g' = g
 *   m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²
 *   p −= (lr/(1−β1ᵗ)) · m / (√v/√(1−β2ᵗ) + eps)      (torch's order of operations)
 */
import { Optimizer, setting } from './optimizer.js';
import type { Tensor } from '../tensor.js';
import { wasmAdam } from '../wasm-elementwise.js';

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

export class Adam extends Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];

  constructor(
    params: Iterable<Tensor>,
    opts: AdamOptions = {},
    readonly decoupled = false,
  ) {
    super(params);
    const name = decoupled ? 'AdamW' : 'Adam';
    this.lr = setting(name, 'lr', opts.lr ?? 1e-3, 0);
    this.beta1 = setting(name, 'betas[0]', opts.betas?.[0] ?? 0.9, 0, 1);
    this.beta2 = setting(name, 'betas[1]', opts.betas?.[1] ?? 0.999, 0, 1);
    this.eps = setting(name, 'eps', opts.eps ?? 1e-8, 0);
    this.weightDecay = setting(name, 'weight_decay', opts.weightDecay ?? (decoupled ? 1e-2 : 0), 0);
    this.m = this.params.map((p) => new Float32Array(p.size));
    this.v = this.params.map((p) => new Float32Array(p.size));
  }

  stateArrays(): readonly Float32Array[] {
    return [...this.m, ...this.v];
  }

  protected moveState(move: (a: Float32Array) => Float32Array): void {
    this.m.forEach((a, k) => (this.m[k] = move(a)));
    this.v.forEach((a, k) => (this.v[k] = move(a)));
  }

  protected update(p: Float32Array, g: Float32Array, k: number): void {
    const { lr, beta1, beta2, eps, weightDecay: wd } = this;
    const t = this.stepCount;
    const m = this.m[k];
    const v = this.v[k];
    const stepSize = lr / (1 - beta1 ** t);
    const sqrtBc2 = Math.sqrt(1 - beta2 ** t);
    const coupled = this.decoupled ? 0 : wd;
    const decay = this.decoupled && wd !== 0 ? 1 - lr * wd : 1;
    // Parameters, gradients and moments in the kernels' memory: the WebAssembly twin of the loops below.
    if (wasmAdam(p, g, m, v, { decay, coupled, beta1, beta2, stepSize, sqrtBc2, eps })) return;
    if (this.decoupled && wd !== 0) for (let i = 0; i < p.length; i++) p[i] *= 1 - lr * wd;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + coupled * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / sqrtBc2 + eps);
    }
  }
}

/** AdamW: Adam with decoupled weight decay (default 0.01). */
export class AdamW extends Adam {
  constructor(params: Iterable<Tensor>, opts: AdamOptions = {}) {
    super(params, opts, true);
  }
}
