/**
 * torch.optim.SGD (no dampening, no Nesterov):
 *   g' = g + wd·p;  v = g' on the first step, else v = μ·v + g';  p −= lr·v
 * (without momentum: p −= lr·g').
 */
import { Optimizer, setting } from './optimizer.js';
import type { Tensor } from '../tensor.js';
import { wasmSgd, wasmSgdMomentum } from '../wasm-elementwise.js';

export interface SgdOptions {
  lr: number;
  momentum?: number;
  weightDecay?: number;
}

export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  private readonly velocity: (Float32Array | null)[];

  constructor(params: Iterable<Tensor>, opts: SgdOptions) {
    super(params);
    this.lr = setting('SGD', 'lr', opts.lr, 0);
    this.momentum = setting('SGD', 'momentum', opts.momentum ?? 0, 0);
    this.weightDecay = setting('SGD', 'weight_decay', opts.weightDecay ?? 0, 0);
    this.velocity = this.params.map(() => null);
  }

  stateArrays(): readonly Float32Array[] {
    return this.velocity.filter((v): v is Float32Array => v !== null);
  }

  protected moveState(move: (a: Float32Array) => Float32Array): void {
    this.velocity.forEach((v, k) => {
      if (v) this.velocity[k] = move(v);
    });
  }

  protected update(p: Float32Array, g: Float32Array, k: number): void {
    const { lr, momentum: mu, weightDecay: wd } = this;
    if (mu === 0) {
      if (wasmSgd(p, g, lr, wd)) return;
      for (let i = 0; i < p.length; i++) p[i] -= lr * (g[i] + wd * p[i]);
      return;
    }
    let v = this.velocity[k];
    const first = !v;
    v ??= this.velocity[k] = this.newState(p.length);
    // Parameters, gradients and velocity in the kernels' memory: the WebAssembly twin of the loops below.
    if (wasmSgdMomentum(p, g, v, lr, mu, wd, first)) return;
    if (first) {
      for (let i = 0; i < p.length; i++) v[i] = g[i] + wd * p[i];
    } else {
      for (let i = 0; i < p.length; i++) v[i] = mu * v[i] + (g[i] + wd * p[i]);
    }
    for (let i = 0; i < p.length; i++) p[i] -= lr * v[i];
  }
}
