/**
 * Training row: LeNet-5 on 28×28 one-channel inputs, batch 32, cross entropy,
 * plain SGD; images/s. conv 1→6 k5 pad 2, ReLU, max pool 2, conv 6→16 k5,
 * ReLU, max pool 2, flatten, 400→120, ReLU, 120→84, ReLU, 84→10.
 * Peers: tfjs-cpu (autograd over tf ops, channels-last) and ConvNetJS (its
 * own Trainer, one example at a time, updating once per 32 examples).
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { Flatten, Linear, ReLU, Sequential } from '../../src/engine/nn/basic.js';
import { seeded } from '../../src/engine/nn/init.js';
import { Tensor } from '../../src/engine/tensor.js';
import { Conv2d, MaxPool2d } from '../../src/engine/nn/index.js';
import { engineSide, labels, tfDense, tfjsSide, tfParam, uniformData, type TrainingRow, type TrainingSide } from './sides.js';

const BATCH = 32;
const SIDE = 28;
const CLASSES = 10;
const LR = 0.01;

function batch(): { x: Float32Array; y: Float32Array } {
  return { x: uniformData(BATCH * SIDE * SIDE, 31, 0, 1), y: labels(BATCH, CLASSES, 32) };
}

function nnlearnLeNet(): TrainingSide | { unavailable: string } {
  const g = seeded(1);
  const model = new Sequential([
    new Conv2d(1, 6, 5, { padding: 2, rng: g }),
    ReLU(),
    new MaxPool2d(2),
    new Conv2d(6, 16, 5, { rng: g }),
    ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(400, 120, { rng: g }),
    ReLU(),
    new Linear(120, 84, { rng: g }),
    ReLU(),
    new Linear(84, CLASSES, { rng: g }),
  ]);
  const { x, y } = batch();
  return engineSide(model, new Tensor([BATCH, 1, SIDE, SIDE], x), y, LR);
}

function tfjsLeNet(): TrainingSide {
  const { x, y } = batch();
  // One channel: [N,1,H,W] and [N,H,W,1] have the same memory order.
  const tx = tf.tensor4d(x, [BATCH, SIDE, SIDE, 1]);
  const c1 = tfParam([5, 5, 1, 6], 25, 1);
  const c1b = tfParam([6], 25, 2);
  const c2 = tfParam([5, 5, 6, 16], 150, 3);
  const c2b = tfParam([16], 150, 4);
  const f1 = tfParam([400, 120], 400, 5);
  const f1b = tfParam([120], 400, 6);
  const f2 = tfParam([120, 84], 120, 7);
  const f2b = tfParam([84], 120, 8);
  const f3 = tfParam([84, CLASSES], 84, 9);
  const f3b = tfParam([CLASSES], 84, 10);
  // conv → bias → ReLU → 2×2 max pool, channels-last.
  const block = (x: tf.Tensor, w: tf.Variable, b: tf.Variable, pad: 'same' | 'valid'): tf.Tensor4D =>
    tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad), b)) as tf.Tensor4D, 2, 2, 'valid');
  const logits = (): tf.Tensor => {
    const a2 = block(block(tx, c1, c1b, 'same'), c2, c2b, 'valid');
    const flat = tf.reshape(a2, [BATCH, 400]);
    return tfDense(tf.relu(tfDense(tf.relu(tfDense(flat, f1, f1b)), f2, f2b)), f3, f3b);
  };
  return tfjsSide([c1, c1b, c2, c2b, f1, f1b, f2, f2b, f3, f3b], logits, y, CLASSES, LR, [tx]);
}

/** The part of ConvNetJS (no type declarations of its own) that the row uses. */
interface ConvNetJs {
  Net: new () => { makeLayers(defs: object[]): void };
  Vol: new (sx: number, sy: number, depth: number, fill: number) => { w: ArrayLike<number> & { [i: number]: number } };
  Trainer: new (net: object, opts: object) => { train(x: object, y: number): { cost_loss: number } };
}

function convnetjsLeNet(): TrainingSide {
  // A CommonJS package without types: loaded here, so a missing install only stops this peer.
  let cj: ConvNetJs;
  try {
    cj = createRequire(import.meta.url)('convnetjs') as ConvNetJs;
  } catch {
    throw new Error('convnetjs is not installed (a devDependency: run npm install)');
  }
  const net = new cj.Net();
  net.makeLayers([
    { type: 'input', out_sx: SIDE, out_sy: SIDE, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: CLASSES },
  ]);
  // Plain SGD as on the other sides (ConvNetJS defaults to momentum 0.9); it sums the
  // gradients of batch_size examples and updates once, i.e. once per step() below.
  const trainer = new cj.Trainer(net, { method: 'sgd', learning_rate: LR, batch_size: BATCH, momentum: 0, l2_decay: 0 });
  const { x, y } = batch();
  const vols = Array.from({ length: BATCH }, (_, i) => {
    const v = new cj.Vol(SIDE, SIDE, 1, 0);
    for (let j = 0; j < SIDE * SIDE; j++) v.w[j] = x[i * SIDE * SIDE + j];
    return v;
  });
  return {
    step: () => {
      let sum = 0;
      for (let i = 0; i < BATCH; i++) sum += trainer.train(vols[i], y[i]).cost_loss;
      return sum / BATCH;
    },
  };
}

export const lenetRow: TrainingRow = {
  name: `train LeNet-5 ${SIDE}×${SIDE}, batch ${BATCH}`,
  itemsPerStep: BATCH,
  unit: 'images/s',
  nnlearn: nnlearnLeNet,
  peers: [
    { name: 'tfjs-cpu', target: 3, setup: tfjsLeNet },
    { name: 'ConvNetJS', target: 3, setup: convnetjsLeNet },
  ],
  wasmTargets: { vsJs: 3, vsPeer: { name: 'ConvNetJS', target: 10 } },
};
