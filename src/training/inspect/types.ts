/**
 * One training step opened up (the screen's `s`): the batch, each layer's
 * output for the batch's first example, the loss worked out with that
 * example's numbers, every parameter's gradient and what the optimizer did to
 * it. Captured inside the real step (capture.ts), so every number is the one
 * the step used. Plain numbers and strings only: it crosses from the worker
 * thread by structured clone. Bounded: each tensor keeps at most
 * MAX_VALUES numbers (its full shape and its statistics over all of them are
 * kept), and each list at most MAX_ENTRIES tensors.
 */
import type { OptimizerName, Topic } from '../kinds.js';

/** Numbers kept per tensor (row-major, from the start): enough for the views, small enough to send. */
export const MAX_VALUES = 4096;
/** Tensors kept per list (layers, parameters). */
export const MAX_ENTRIES = 64;

/** A tensor as the inspector shows it: its name and full shape, statistics over all of it, its first numbers. */
export interface TensorDetail {
  /** "fc1", "relu2", "fc1.weight", "lstm.weight_ih_l0", "softmax". */
  name: string;
  shape: number[];
  /** How many numbers the tensor has (the product of its shape). */
  size: number;
  /** The first min(size, MAX_VALUES) numbers, row-major. */
  values: Float32Array;
  min: number;
  mean: number;
  max: number;
  /** √(Σ v²), summed in float64. */
  norm: number;
}

/** What the optimizer did to one parameter: Δ = w_after − w_before. */
export interface UpdateDetail {
  /** Δ itself (name: the parameter's, "fc1.weight"). */
  delta: TensorDetail;
  /** ‖Δ‖ (delta.norm), ‖w‖ before the step, and their ratio (CS231n: around 1e-3 is healthy). */
  normDelta: number;
  normWeight: number;
  ratio: number;
}

/** The first example of the batch, as its run shows one. */
export interface ExampleDetail {
  /** image: pixels (side × side, 0–1 as the net reads them); point: x, y; tokens: ids (names in `tokens`); features: [T, F]. */
  kind: 'image' | 'point' | 'tokens' | 'features';
  input: TensorDetail;
  /** Token runs: the characters or symbols read. */
  tokens?: string[];
  /** The answer(s) the loss wants, as names: "7", "e", or numbers for the adding problem. */
  target: string[];
}

export interface CrossEntropyDetail {
  kind: 'cross-entropy';
  /** The loss the engine computed (what backward started from). */
  value: number;
  /** How many predictions the mean is over (examples, or examples × positions). */
  terms: number;
  /** The same mean worked out again from the logits in float64: agrees with `value`. */
  mean: number;
  /** Example 0's first prediction: the class it should give, p of that class, −log p. */
  target: number;
  targetName: string;
  p: number;
  term: number;
  /** Example 0's first prediction: softmax probability per class (at most MAX_VALUES). */
  probs: Float32Array;
  classNames: string[];
}

export interface MseDetail {
  kind: 'mse';
  value: number;
  terms: number;
  mean: number;
  /** Example 0: prediction, target, (prediction − target)². */
  prediction: number;
  target: number;
  term: number;
}

export type LossDetail = CrossEntropyDetail | MseDetail;

export interface StepDetail {
  run: { id: string; topic: Topic; model: string; optimizer: OptimizerName; lr: number };
  /** This step: its epoch, its number (1-based, as the header counts), the batch's index in the epoch, its size. */
  batch: { epoch: number; step: number; index: number; batches: number; size: number };
  example: ExampleDetail;
  /** Example 0 through the model, layer by layer (the last is the logits, then their softmax where it classifies). */
  forward: TensorDetail[];
  loss: LossDetail;
  /** Per parameter, the gradient backward left in .grad. */
  grads: TensorDetail[];
  update: UpdateDetail[];
}
