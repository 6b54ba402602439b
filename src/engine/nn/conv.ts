/**
 * torch.nn.Conv2d over a batch [N, C, H, W] → [N, K, H', W'], by the registered
 * conv2d op (im2col + GEMM; its vjp gives the weight-sharing gradient).
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { type Rng, seeded, uniform } from './init.js';
import { Module } from './module.js';

export interface Conv2dModuleOptions {
  stride?: number;
  padding?: number;
  dilation?: number;
  bias?: boolean;
  rng?: Rng;
}

export class Conv2d extends Module {
  /** [K, C, F, F] (out_channels, in_channels, kernel rows, kernel columns), PyTorch's layout. */
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    opts: Conv2dModuleOptions = {},
  ) {
    super();
    size('Conv2d', 'in_channels', inChannels);
    size('Conv2d', 'out_channels', outChannels);
    size('Conv2d', 'kernel_size', kernelSize);
    // Stride, padding and dilation are checked by the op, whose messages name the setting.
    this.stride = opts.stride ?? 1;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    const rng = opts.rng ?? seeded();
    // PyTorch's default: U(±1/√fan_in) for weight and bias, fan_in = C·F·F.
    const bound = 1 / Math.sqrt(inChannels * kernelSize * kernelSize);
    this.weight = this.param('weight', uniform([outChannels, inChannels, kernelSize, kernelSize], bound, rng));
    this.bias = opts.bias === false ? undefined : this.param('bias', uniform([outChannels], bound, rng));
  }
  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw engineError('nn-layer-input', { layer: this.describe(), want: '[N, C, H, W] (a batch of images)', got: x.shape });
    return F.op('conv2d', { input: x, weight: this.weight, bias: this.bias }, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }
  describe(): string {
    return `Conv2d(${this.inChannels} → ${this.outChannels}, F=${this.kernelSize})`;
  }
}
