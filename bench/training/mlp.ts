/**
 * Training row: an MLP 2→16→16→2 (ReLU) on 500 toy points (two interleaved
 * spirals), cross entropy, plain SGD; one step = one full-batch step over all
 * 500 points.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Linear, ReLU, Sequential } from '../../src/engine/nn/basic.js';
import { seeded } from '../../src/engine/nn/init.js';
import { Tensor } from '../../src/engine/tensor.js';
import { engineSide, rng, tfDense, tfjsSide, tfParam, type TrainingRow } from './sides.js';

const POINTS = 500;
const HIDDEN = 16;
const LR = 0.1;

/** Two spirals, 250 points each, with a little noise: [500, 2] and labels 0/1. */
function spirals(): { x: Float32Array; y: Float32Array } {
  const r = rng(21);
  const x = new Float32Array(POINTS * 2);
  const y = new Float32Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const cls = i % 2;
    const t = (Math.floor(i / 2) / (POINTS / 2)) * 3 * Math.PI;
    const rad = t / (3 * Math.PI);
    x[2 * i] = rad * Math.cos(t + cls * Math.PI) + 0.05 * (r() - 0.5);
    x[2 * i + 1] = rad * Math.sin(t + cls * Math.PI) + 0.05 * (r() - 0.5);
    y[i] = cls;
  }
  return { x, y };
}

export const mlpRow: TrainingRow = {
  name: `train MLP 2→${HIDDEN}→${HIDDEN}→2, ${POINTS} points full batch`,
  itemsPerStep: 1,
  unit: 'steps/s',
  nnlearn: () => {
    const { x, y } = spirals();
    const g = seeded(1);
    const model = new Sequential([new Linear(2, HIDDEN, { rng: g }), ReLU(), new Linear(HIDDEN, HIDDEN, { rng: g }), ReLU(), new Linear(HIDDEN, 2, { rng: g })]);
    return engineSide(model, new Tensor([POINTS, 2], x), y, LR);
  },
  peers: [
    {
      name: 'tfjs-cpu',
      target: 3,
      setup: () => {
        const { x, y } = spirals();
        const tx = tf.tensor2d(x, [POINTS, 2]);
        const w1 = tfParam([2, HIDDEN], 2, 1);
        const b1 = tfParam([HIDDEN], 2, 2);
        const w2 = tfParam([HIDDEN, HIDDEN], HIDDEN, 3);
        const b2 = tfParam([HIDDEN], HIDDEN, 4);
        const w3 = tfParam([HIDDEN, 2], HIDDEN, 5);
        const b3 = tfParam([2], HIDDEN, 6);
        const logits = (): tf.Tensor => tfDense(tf.relu(tfDense(tf.relu(tfDense(tx, w1, b1)), w2, b2)), w3, b3);
        return tfjsSide([w1, b1, w2, b2, w3, b3], logits, y, 2, LR, [tx]);
      },
    },
  ],
  // Small ops must not pay a crossing cost: the WebAssembly back end no slower than JS.
  wasmTargets: { vsJs: 1 },
};
