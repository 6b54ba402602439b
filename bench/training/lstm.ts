/**
 * Training row: an LSTM (input 32, hidden 128) over T = 50 steps, batch 16;
 * the last step's hidden state → Linear → 4 classes, cross entropy, plain
 * SGD; one step = forward, backprop through time, update.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Last, Linear, Sequential } from '../../src/engine/nn/basic.js';
import { seeded } from '../../src/engine/nn/init.js';
import { Tensor } from '../../src/engine/tensor.js';
import { LSTM } from '../../src/engine/nn/index.js';
import { engineSide, labels, tfDense, tfjsSide, tfParam, uniformData, type TrainingRow, type TrainingSide } from './sides.js';

const [N, T, I, H] = [16, 50, 32, 128];
const CLASSES = 4;
const LR = 0.05;

function batch(): { x: Float32Array; y: Float32Array } {
  return { x: uniformData(N * T * I, 41), y: labels(N, CLASSES, 42) };
}

function nnlearnLstm(): TrainingSide | { unavailable: string } {
  const g = seeded(1);
  const model = new Sequential([new LSTM(I, H, { rng: g }), new Last(), new Linear(H, CLASSES, { rng: g })]);
  const { x, y } = batch();
  return engineSide(model, new Tensor([N, T, I], x), y, LR);
}

/**
 * The usual fast tfjs LSTM: the input projection of all steps in one matMul,
 * then per step h·W_hh and the gates (i, f, g, o as in PyTorch). PyTorch's
 * init: every weight and bias U(−1/√H, 1/√H); one bias stands for b_ih + b_hh.
 */
function tfjsLstm(): TrainingSide {
  const { x, y } = batch();
  const tx = tf.tensor2d(x, [N * T, I]);
  const wih = tfParam([I, 4 * H], H, 1);
  const whh = tfParam([H, 4 * H], H, 2);
  const b = tfParam([4 * H], H, 3);
  const wo = tfParam([H, CLASSES], H, 4);
  const bo = tfParam([CLASSES], H, 5);
  const logits = (): tf.Tensor => {
    const steps = tf.unstack(tf.reshape(tfDense(tx, wih, b), [N, T, 4 * H]), 1);
    let h: tf.Tensor = tf.zeros([N, H]);
    let c: tf.Tensor = tf.zeros([N, H]);
    for (let t = 0; t < T; t++) {
      const [i, f, gg, o] = tf.split(tf.add(steps[t], tf.matMul(h as tf.Tensor2D, whh as tf.Tensor2D)), 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(gg)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    }
    return tfDense(h, wo, bo);
  };
  return tfjsSide([wih, whh, b, wo, bo], logits, y, CLASSES, LR, [tx]);
}

export const lstmTrainingRow: TrainingRow = {
  name: `train LSTM in ${I} hidden ${H}, T ${T}, batch ${N}`,
  itemsPerStep: 1,
  unit: 'steps/s',
  nnlearn: nnlearnLstm,
  peers: [{ name: 'tfjs-cpu', target: 3, setup: tfjsLstm }],
  wasmTargets: { vsJs: 2 },
};
