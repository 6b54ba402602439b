/**
 * Small helpers the dnn and cnn lessons share: seeded teaching numbers that
 * are easy to read, numbers written the way a formula shows them, and counts
 * taken from the engine's shape rules.
 */
import { randUniform, Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow } from '../../teach/index.js';
import {  } from '../../i18n/index.js';

/** Seeded numbers in [lo, hi], rounded to `step` (1 = whole numbers, 0.1 = one decimal). */
export function teachTensor(shape: readonly number[], seed: number, lo: number, hi: number, step = 1): Tensor {
  const r = randUniform(shape, seed, lo, hi + step);
  const d = Array.from(r.data, (v) => {
    const q = Math.floor(v / step) * step;
    const c = Math.min(hi, Math.max(lo, q));
    return Math.round(c / step) * step;
  });
  // Avoid −0 (prints as "-0").
  return new Tensor(shape, d.map((v) => (Object.is(v, -0) ? 0 : v)));
}

/** x₁ … the subscript digits of n. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/**
 * Parameters of a fully connected layer from n inputs to m neurons, from the
 * engine's conv rule: an FC layer is a 1×1 convolution on a 1×1×n volume
 * (m·(n + 1): m·n weights and m biases).
 */
export function fcParamCount(n: number, m: number): { weights: number; biases: number; total: number } {
  const e = convOutputShapeOrThrow({ inC: n, inH: 1, inW: 1, outChannels: m, kernel: 1 });
  const p = e.params;
  return { weights: p.weightsPerFilter * p.filters, biases: p.filters, total: p.total };
}

/**
 * Weights of ONE fully connected neuron looking at a whole W×H×D image:
 * a filter as large as the image (the engine's count F·F·D_in with F = W).
 */
export function fcNeuronWeights(w: number, h: number, d: number): number {
  const e = convOutputShapeOrThrow({ inC: d, inH: h, inW: w, outChannels: 1, kernel: [h, w] });
  return e.params.weightsPerFilter;
}

/** Picks one of `items` from a seed (the same seed always picks the same). */
export function pick<T>(items: readonly T[], seed: number): T {
  return items[((Math.floor(seed) % items.length) + items.length) % items.length];
}
