/**
 * The layers without a kernel of their own: Linear, the activations, Flatten,
 * Dropout, Sequential, Residual, and the sequence reductions Last and
 * MeanOverSteps. All take a leading batch dimension.
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { type Rng, seeded, uniform } from './init.js';
import { Module } from './module.js';

export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: { bias?: boolean; rng?: Rng } = {},
  ) {
    super();
    size('Linear', 'in_features', inFeatures);
    size('Linear', 'out_features', outFeatures);
    const rng = opts.rng ?? seeded();
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = this.param('weight', uniform([outFeatures, inFeatures], bound, rng));
    this.bias = opts.bias === false ? undefined : this.param('bias', uniform([outFeatures], bound, rng));
  }
  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }
  describe(): string {
    return `Linear(${this.inFeatures} → ${this.outFeatures})`;
  }
}

/** An elementwise function as a layer (ReLU, Tanh, Sigmoid, GELU). */
class Activation extends Module {
  constructor(
    private readonly name: string,
    private readonly f: (x: Tensor) => Tensor,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.f(x);
  }
  describe(): string {
    return this.name;
  }
}

export const ReLU = (): Module => new Activation('ReLU', F.relu);
export const Tanh = (): Module => new Activation('Tanh', F.tanh);
export const Sigmoid = (): Module => new Activation('Sigmoid', F.sigmoid);
export const GELU = (): Module => new Activation('GELU', F.gelu);

/** [N, C, H, W] → [N, C·H·W] (torch.nn.Flatten: start_dim 1). */
export class Flatten extends Module {
  forward(x: Tensor): Tensor {
    if (x.rank < 2) throw engineError('nn-layer-input', { layer: 'Flatten', want: '[N, …] (a batch)', got: x.shape });
    return F.reshape(x, [x.shape[0], -1]);
  }
  describe(): string {
    return 'Flatten';
  }
}

/** Inverted dropout while training, identity in eval(); each call draws a new mask from the seed. */
export class Dropout extends Module {
  private calls = 0;
  constructor(
    readonly p = 0.5,
    private readonly seed = 0,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training, (this.seed + 0x9e3779b9 * ++this.calls) >>> 0);
  }
  describe(): string {
    return `Dropout(p=${this.p})`;
  }
}

export class Sequential extends Module {
  readonly layers: readonly Module[];
  constructor(layers: readonly Module[]) {
    super();
    this.layers = layers.map((m, i) => this.child(String(i), m));
  }
  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.layers) y = m.forward(y);
    return y;
  }
  describe(): string {
    return `Sequential(${this.layers.map((m) => m.describe()).join(', ')})`;
  }
}

/** x + body(x) (ResNet's skip connection); the body's parameters are named "body.<j>.…". */
export class Residual extends Module {
  readonly body: Sequential;
  constructor(body: readonly Module[]) {
    super();
    this.body = this.child('body', new Sequential(body));
  }
  forward(x: Tensor): Tensor {
    return F.add(x, this.body.forward(x));
  }
  describe(): string {
    return `Residual(${this.body.layers.map((m) => m.describe()).join(', ')})`;
  }
}

function sequenceInput(layer: string, x: Tensor): void {
  if (x.rank < 3) throw engineError('nn-layer-input', { layer, want: '[N, T, features]', got: x.shape });
}

/** [N, T, H] → [N, H]: the last step of a sequence. */
export class Last extends Module {
  forward(x: Tensor): Tensor {
    sequenceInput('Last', x);
    const T = x.shape[1];
    return F.reshape(F.slice(x, 1, T - 1, T), [x.shape[0], ...x.shape.slice(2)]);
  }
  describe(): string {
    return 'Last';
  }
}

/** [N, T, D] → [N, D]: the mean over steps. */
export class MeanOverSteps extends Module {
  forward(x: Tensor): Tensor {
    sequenceInput('MeanOverSteps', x);
    return F.mean(x, 1);
  }
  describe(): string {
    return 'MeanOverSteps';
  }
}
