/**
 * What the model makes of one drawn digit (the draw-a-digit canvas): the
 * probability of each class and what its first layer sees — LeNet's first conv
 * layer's feature maps (after its activation), or an MLP's first hidden layer's
 * activations laid out as one square tile. Plain numbers: the answer crosses
 * the worker boundary by structured clone.
 */
import { Conv2d, Linear, stepScope, Tensor, type Module } from '../../engine/index.js';

export interface Prediction {
  /** Probability of each class (softmax of the logits); they sum to 1. */
  probs: number[];
  /** The first layer's response: `count` maps of side×side (an MLP's units fill one square map, the rest 0). */
  maps: { kind: 'conv' | 'hidden'; side: number; count: number; maps: Float32Array[] };
}

const ACTIVATION = /^(ReLU|Tanh|Sigmoid)$/;

/** Softmax in float64 (a stable one: the largest logit subtracted). */
export function softmaxOf(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const e = Array.from({ length: logits.length }, (_, i) => Math.exp(logits[i] - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * One image forward through `layers` (the model's, in order), keeping a copy of
 * the output of the first conv or linear layer and the activation right after
 * it. The caller has put the model in eval mode with no graph.
 */
export function predictDigit(layers: readonly Module[], image: Tensor): Prediction {
  return stepScope(() => {
    const first = layers.findIndex((m) => m instanceof Conv2d || m instanceof Linear);
    const stop = first >= 0 && first + 1 < layers.length && ACTIVATION.test(layers[first + 1].describe()) ? first + 1 : first;
    let y = image;
    let maps: Prediction['maps'] = { kind: 'conv', side: 0, count: 0, maps: [] };
    for (let k = 0; k < layers.length; k++) {
      y = layers[k].forward(y);
      if (k !== stop) continue;
      if (layers[first] instanceof Conv2d) {
        const [, K, h, w] = y.shape;
        maps = { kind: 'conv', side: h, count: K, maps: Array.from({ length: K }, (_, i) => y.data.slice(i * h * w, (i + 1) * h * w)) };
      } else {
        const n = y.data.length;
        const side = Math.ceil(Math.sqrt(n));
        const tile = new Float32Array(side * side);
        tile.set(y.data.subarray(0, n));
        maps = { kind: 'hidden', side, count: n, maps: [tile] };
      }
    }
    return { probs: softmaxOf(y.data), maps };
  });
}
