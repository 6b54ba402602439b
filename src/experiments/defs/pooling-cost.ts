/**
 * What a net costs, read from the net itself (pooling.ts): the fc head's input
 * size and parameters, and the multiply-adds one image takes through the conv
 * and fc layers. Deterministic, unlike a run's seconds on a shared machine.
 */
import { Conv2d, Linear, noGrad, stepScope, Tensor, type Sequential } from '../../engine/index.js';

export interface NetCost {
  /** Inputs of the last fc layer: the flattened feature volume. */
  flattened: number;
  /** Weights and biases of the last fc layer (flattened × classes + classes). */
  headParams: number;
  /** Multiply-adds of every conv and fc layer for one image (pooling and ReLU are not counted: they multiply nothing). */
  macs: number;
}

/** Passes one blank image of `inputShape` (e.g. [1, 1, 28, 28]) through `model`, layer by layer, and counts. */
export function netCost(model: Sequential, inputShape: readonly number[]): NetCost {
  return noGrad(() =>
    stepScope(() => {
      let y = new Tensor([...inputShape], new Float32Array(inputShape.reduce((a, b) => a * b, 1)));
      let macs = 0;
      let head: Linear | undefined;
      for (const layer of model.layers) {
        y = layer.forward(y);
        if (layer instanceof Conv2d) {
          const [, K, h, w] = y.shape;
          macs += K * h * w * layer.inChannels * layer.kernelSize * layer.kernelSize;
        } else if (layer instanceof Linear) {
          macs += layer.inFeatures * layer.outFeatures;
          head = layer;
        }
      }
      if (!head) throw new Error('netCost: the net has no fc layer');
      return { flattened: head.inFeatures, headParams: head.inFeatures * head.outFeatures + (head.bias ? head.outFeatures : 0), macs };
    }),
  );
}
