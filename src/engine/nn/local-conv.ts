/**
 * A locally connected layer (Keras's LocallyConnected2D): conv2d's windows without
 * weight sharing, by the registered locally_connected2d op. The output grid is fixed by
 * the input size given at construction, since every output position owns its filters.
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import { conv2dGeometry } from '../ops/conv.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { type Rng, seeded, uniform } from './init.js';
import { Module } from './module.js';

export interface LocallyConnected2dOptions {
  stride?: number;
  padding?: number;
  bias?: boolean;
  rng?: Rng;
}

export class LocallyConnected2d extends Module {
  /** [OH, OW, K, C, F, F]: conv2d's [K, C, F, F] for every output position. */
  readonly weight: Tensor;
  /** [K, OH, OW]: one bias per filter and position. */
  readonly bias: Tensor | undefined;
  readonly stride: number;
  readonly padding: number;
  readonly outHeight: number;
  readonly outWidth: number;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    /** The input's [height, width]: the layer only takes images of this size. */
    readonly inputSize: readonly [number, number],
    opts: LocallyConnected2dOptions = {},
  ) {
    super();
    size('LocallyConnected2d', 'in_channels', inChannels);
    size('LocallyConnected2d', 'out_channels', outChannels);
    size('LocallyConnected2d', 'kernel_size', kernelSize);
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    const g = conv2dGeometry([inChannels, inputSize[0], inputSize[1]], [outChannels, inChannels, kernelSize, kernelSize], undefined, { stride: this.stride, padding: this.padding });
    this.outHeight = g.OH;
    this.outWidth = g.OW;
    const rng = opts.rng ?? seeded();
    // As Conv2d (PyTorch's default): U(±1/√fan_in), fan_in = C·F·F, for weight and bias.
    const bound = 1 / Math.sqrt(inChannels * kernelSize * kernelSize);
    this.weight = this.param('weight', uniform([g.OH, g.OW, outChannels, inChannels, kernelSize, kernelSize], bound, rng));
    this.bias = opts.bias === false ? undefined : this.param('bias', uniform([outChannels, g.OH, g.OW], bound, rng));
  }
  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw engineError('nn-layer-input', { layer: this.describe(), want: '[N, C, H, W] (a batch of images)', got: x.shape });
    return F.op('locally_connected2d', { input: x, weight: this.weight, bias: this.bias }, { stride: this.stride, padding: this.padding });
  }
  describe(): string {
    return `LocallyConnected2d(${this.inChannels} → ${this.outChannels}, F=${this.kernelSize}, ${this.outHeight}×${this.outWidth} positions)`;
  }
}
