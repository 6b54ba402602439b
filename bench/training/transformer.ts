/**
 * Training row: a 2-layer transformer encoder (d 64, 4 heads, feed-forward
 * 128, post-norm as torch.nn.TransformerEncoderLayer, no dropout) on T = 32
 * steps, batch 16; mean over steps → Linear → 4 classes, cross entropy,
 * plain SGD; steps/s.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Linear, MeanOverSteps, Sequential } from '../../src/engine/nn/basic.js';
import { seeded } from '../../src/engine/nn/init.js';
import { Tensor } from '../../src/engine/tensor.js';
import { TransformerEncoderLayer } from '../../src/engine/nn/index.js';
import { engineSide, labels, tfDense, tfjsSide, tfParam, uniformData, type TrainingRow, type TrainingSide } from './sides.js';

const [N, T, D, HEADS, FF, LAYERS] = [16, 32, 64, 4, 128, 2];
const DH = D / HEADS;
const CLASSES = 4;
const LR = 0.01;

function batch(): { x: Float32Array; y: Float32Array } {
  return { x: uniformData(N * T * D, 51), y: labels(N, CLASSES, 52) };
}

function nnlearnTransformer(): TrainingSide | { unavailable: string } {
  const g = seeded(1);
  const layers = Array.from({ length: LAYERS }, () => new TransformerEncoderLayer(D, HEADS, FF, { rng: g }));
  const model = new Sequential([...layers, new MeanOverSteps(), new Linear(D, CLASSES, { rng: g })]);
  const { x, y } = batch();
  return engineSide(model, new Tensor([N, T, D], x), y, LR);
}

interface EncoderParams {
  inW: tf.Variable;
  inB: tf.Variable;
  outW: tf.Variable;
  outB: tf.Variable;
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  ff1: tf.Variable;
  ff1b: tf.Variable;
  ff2: tf.Variable;
  ff2b: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
}

function encoderParams(seed: number): EncoderParams {
  return {
    inW: tfParam([D, 3 * D], D, seed + 1),
    inB: tfParam([3 * D], D, seed + 2),
    outW: tfParam([D, D], D, seed + 3),
    outB: tfParam([D], D, seed + 4),
    ln1g: tf.variable(tf.ones([D])),
    ln1b: tf.variable(tf.zeros([D])),
    ff1: tfParam([D, FF], D, seed + 5),
    ff1b: tfParam([FF], D, seed + 6),
    ff2: tfParam([FF, D], FF, seed + 7),
    ff2b: tfParam([D], FF, seed + 8),
    ln2g: tf.variable(tf.ones([D])),
    ln2b: tf.variable(tf.zeros([D])),
  };
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}

/** One post-norm encoder layer on [N·T, D] rows: LN(x + MHA(x)), then LN(a + FF(a)). */
function encoderLayer(x: tf.Tensor, p: EncoderParams): tf.Tensor {
  const [q, k, v] = tf.split(tfDense(x, p.inW, p.inB), 3, 1);
  const heads = (t: tf.Tensor): tf.Tensor3D => tf.reshape(tf.transpose(tf.reshape(t, [N, T, HEADS, DH]), [0, 2, 1, 3]), [N * HEADS, T, DH]);
  const scores = tf.mul(tf.matMul(heads(q), heads(k), false, true), 1 / Math.sqrt(DH));
  const att = tf.matMul(tf.softmax(scores), heads(v)); // [N·heads, T, DH]
  const merged = tf.reshape(tf.transpose(tf.reshape(att, [N, HEADS, T, DH]), [0, 2, 1, 3]), [N * T, D]);
  const a = layerNorm(tf.add(x, tfDense(merged, p.outW, p.outB)), p.ln1g, p.ln1b);
  const ff = tfDense(tf.relu(tfDense(a, p.ff1, p.ff1b)), p.ff2, p.ff2b);
  return layerNorm(tf.add(a, ff), p.ln2g, p.ln2b);
}

function tfjsTransformer(): TrainingSide {
  const { x, y } = batch();
  const tx = tf.tensor2d(x, [N * T, D]);
  const layers = Array.from({ length: LAYERS }, (_, l) => encoderParams(10 * l));
  const wo = tfParam([D, CLASSES], D, 100);
  const bo = tfParam([CLASSES], D, 101);
  const logits = (): tf.Tensor => {
    let h: tf.Tensor = tx;
    for (const p of layers) h = encoderLayer(h, p);
    return tfDense(tf.mean(tf.reshape(h, [N, T, D]), 1), wo, bo);
  };
  const vars = [...layers.flatMap((p) => Object.values(p)), wo, bo];
  return tfjsSide(vars, logits, y, CLASSES, LR, [tx]);
}

export const transformerRow: TrainingRow = {
  name: `train transformer ${LAYERS}×(d ${D}, ${HEADS} heads, ff ${FF}), T ${T}, batch ${N}`,
  itemsPerStep: 1,
  unit: 'steps/s',
  nnlearn: nnlearnTransformer,
  peers: [{ name: 'tfjs-cpu', target: 3, setup: tfjsTransformer }],
  wasmTargets: { vsJs: 2 },
};
