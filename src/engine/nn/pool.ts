/**
 * torch.nn.MaxPool2d and AvgPool2d over a batch [N, C, H, W]: no padding,
 * floor mode, stride defaulting to the kernel size (PyTorch's defaults).
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { Module } from './module.js';

abstract class Pool2d extends Module {
  constructor(
    private readonly op: 'max_pool2d' | 'avg_pool2d',
    private readonly layer: string,
    readonly kernelSize: number,
    readonly stride: number,
  ) {
    super();
    size(layer, 'kernel_size', kernelSize);
    size(layer, 'stride', stride);
  }
  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw engineError('nn-layer-input', { layer: this.describe(), want: '[N, C, H, W] (a batch of images)', got: x.shape });
    return F.op(this.op, { input: x }, { kernel_size: this.kernelSize, stride: this.stride });
  }
  describe(): string {
    return `${this.layer}(F=${this.kernelSize}, S=${this.stride})`;
  }
}

/** Max over each window; the gradient goes to the window's first maximum (row-major), as in PyTorch. */
export class MaxPool2d extends Pool2d {
  constructor(kernelSize: number, stride: number = kernelSize) {
    super('max_pool2d', 'MaxPool2d', kernelSize, stride);
  }
}

/** Mean over each window; the gradient is shared equally among its cells. */
export class AvgPool2d extends Pool2d {
  constructor(kernelSize: number, stride: number = kernelSize) {
    super('avg_pool2d', 'AvgPool2d', kernelSize, stride);
  }
}
