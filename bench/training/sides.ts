/**
 * What every training row is made of: one "side" per library, whose step()
 * takes one optimizer step on a fixed batch and returns that batch's loss.
 * The helpers build the usual sides: nnlearn (Module → cross entropy →
 * backward → SGD) and tfjs (optimizer.minimize over tf.variables).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as F from '../../src/engine/autograd/functional.js';
import { backward } from '../../src/engine/autograd/backward.js';
import type { Module } from '../../src/engine/nn/module.js';
import { SGD } from '../../src/engine/optim/sgd.js';
import { stepScope } from '../../src/engine/step-memory.js';
import { mulberry32 } from '../../src/engine/random.js';
import { Tensor } from '../../src/engine/tensor.js';
import { registerTfjsGradients } from './tfjs-gradients.js';

export interface TrainingSide {
  /** One optimizer step on the side's batch; returns the batch's mean loss (before the update). */
  step: () => number;
  dispose?: () => void;
}

export interface Peer {
  /** Shown in the table: "tfjs-cpu", "ConvNetJS". */
  name: string;
  /** Required nnlearn/peer speed ratio. */
  target: number;
  setup: () => TrainingSide;
}

export interface TrainingRow {
  name: string;
  /** What one step processes: 1 for steps/s rows, the batch size for images/s rows. */
  itemsPerStep: number;
  unit: 'steps/s' | 'images/s';
  /** Builds the nnlearn side, or says why it cannot yet (a layer the engine does not have). */
  nnlearn: () => TrainingSide | { unavailable: string };
  peers: Peer[];
  /**
   * Issue #15's targets for the WebAssembly back end: its rate over the JS path's (`vsJs`;
   * 1 = no slower) and, where the issue names one, over a peer's (e.g. ConvNetJS).
   */
  wasmTargets: { vsJs: number; vsPeer?: { name: string; target: number } };
}

// ---------------------------------------------------------------------------
// Seeded data (both sides train on the same numbers)

/** The engine's seeded generator, so every run and every side sees the same batch. */
export const rng = mulberry32;

export function uniformData(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r();
  return out;
}

export function labels(n: number, classes: number, seed: number): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * classes);
  return out;
}

// ---------------------------------------------------------------------------
// nnlearn side

/** model(x) → cross entropy against class indices y → backward → SGD step. */
export function engineSide(model: Module, x: Tensor, y: Float32Array, lr: number): TrainingSide {
  const target = new Tensor([y.length], y);
  const opt = new SGD(model.parameters(), { lr });
  return {
    // One stepScope per step, as trainCase does: the step's tensors are freed when it ends.
    step: () =>
      stepScope(() => {
        opt.zeroGrad();
        const loss = F.crossEntropy(model.forward(x), target);
        backward(loss);
        opt.step();
        return loss.data[0];
      }),
  };
}

// ---------------------------------------------------------------------------
// tfjs side

/** PyTorch's default init for a layer with `fanIn` inputs: U(−1/√fanIn, 1/√fanIn). */
export function tfParam(shape: number[], fanIn: number, seed: number): tf.Variable {
  const b = 1 / Math.sqrt(fanIn);
  const n = shape.reduce((p, d) => p * d, 1);
  return tf.variable(tf.tensor(uniformData(n, seed, -b, b), shape));
}

/**
 * optimizer.minimize (tf.variableGrads + an SGD update) on the mean softmax
 * cross entropy of logits(); the cost is read with dataSync(), so the step has
 * really been computed when step() returns. Every tensor is freed.
 */
export function tfjsSide(vars: tf.Variable[], logits: () => tf.Tensor, y: Float32Array, classes: number, lr: number, inputs: tf.Tensor[]): TrainingSide {
  registerTfjsGradients();
  const onehot = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(y), 'int32'), classes));
  const opt = tf.train.sgd(lr);
  return {
    step: () => {
      const cost = opt.minimize(() => tf.losses.softmaxCrossEntropy(onehot, logits()) as tf.Scalar, true, vars)!;
      const loss = cost.dataSync()[0];
      cost.dispose();
      return loss;
    },
    dispose: () => {
      opt.dispose();
      tf.dispose([onehot, ...vars, ...inputs]);
    },
  };
}

/** x·W + b for a [rows, in] input and W [in, out]. */
export function tfDense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
}
