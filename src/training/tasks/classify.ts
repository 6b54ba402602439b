/**
 * What every classification task shares: class labels as the loss wants them,
 * the seeded order of an epoch, and scoring raw logits (loss in float64,
 * accuracy, the predicted classes) without recording a graph.
 */
import { mulberry32 } from '../../engine/random.js';
import { F, stepScope, Tensor, type Module } from '../../engine/index.js';
import type { Msg } from '../../i18n/index.js';
import type { ChainNet } from '../runs/net-chain.js';
import type { BatchLoss, OptimizerName, SplitScore, TaskInfo } from '../task.js';

/** What a classification run (points, digits) hands its task: the net and the settings, checked. */
export interface ClassifySetup {
  id: string;
  title: Msg;
  net: ChainNet;
  optimizer: OptimizerName;
  lr: number;
  batch: number;
  epochs: number;
  seed: number;
  /** The model line for the header when it is not the chain itself ("LeNet-5"). */
  modelText?: string;
}

/** Integer labels as the cross-entropy op reads its targets: float32 class indices. */
export function classTargets(labels: ArrayLike<number>, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = labels[indices[k]];
  return out;
}

/** The order of epoch `epoch`: a seeded shuffle of 0…n−1, the same for the same seed and epoch. */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  const next = mulberry32((seed * 0x9e3779b1 + epoch * 0x85ebca6b) >>> 0);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Indices of batch i of an epoch's order (the last batch may be short). */
export function batchIndices(order: Int32Array, batch: number, i: number): Int32Array {
  return order.subarray(i * batch, Math.min(order.length, (i + 1) * batch));
}

/** Forward a batch to its mean cross-entropy loss and count the correct predictions (inside stepScope). */
export function classifyBatch(model: Module, x: Tensor, targets: Float32Array): BatchLoss {
  const logits = model.forward(x);
  const target = new Tensor([targets.length], targets);
  const loss = F.crossEntropy(logits, target);
  const { correct } = scoreLogits(logits.data, targets.length, targets);
  return { loss, examples: targets.length, correct, inside: { input: x, output: logits, target, loss: 'cross-entropy' } };
}

/** Σ loss (float64), correct count, and each row's predicted class and its softmax probability. */
export function scoreLogits(
  logits: Float32Array,
  rows: number,
  targets?: ArrayLike<number>,
): { lossSum: number; correct: number; predicted: Uint8Array; confidence: Float32Array } {
  const classes = logits.length / rows;
  const predicted = new Uint8Array(rows);
  const confidence = new Float32Array(rows);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[o + c] > logits[o + best]) best = c;
    const m = logits[o + best];
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(logits[o + c] - m);
    predicted[r] = best;
    confidence[r] = 1 / z;
    if (targets) {
      const t = targets[r];
      lossSum += Math.log(z) - (logits[o + t] - m);
      if (t === best) correct++;
    }
  }
  return { lossSum, correct, predicted, confidence };
}

/**
 * Scores a whole split in chunks (the trainer calls this under noGrad, in eval mode).
 * `input(first, count)` makes the chunk's input tensor. Also returns every prediction,
 * for the confusion matrix and the wrong examples.
 */
export function scoreSplit(
  model: Module,
  n: number,
  labels: ArrayLike<number>,
  input: (indices: Int32Array) => Tensor,
  indices: Int32Array = Int32Array.from({ length: n }, (_, i) => i),
  chunk = 500,
): SplitScore & { predicted: Uint8Array; confidence: Float32Array } {
  const predicted = new Uint8Array(indices.length);
  const confidence = new Float32Array(indices.length);
  let lossSum = 0;
  let correct = 0;
  for (let at = 0; at < indices.length; at += chunk) {
    const part = indices.subarray(at, Math.min(indices.length, at + chunk));
    // Each chunk in its own stepScope (numbers out only): under the wasm kernels the forward reuses one block of memory.
    const s = stepScope(() => scoreLogits(model.forward(input(part)).data, part.length, classTargets(labels, part)));
    lossSum += s.lossSum;
    correct += s.correct;
    predicted.set(s.predicted, at);
    confidence.set(s.confidence, at);
  }
  const count = Math.max(1, indices.length);
  return { loss: lossSum / count, accuracy: correct / count, predicted, confidence };
}

/** counts[true][predicted] over a split. */
export function confusion(classes: number, labels: ArrayLike<number>, indices: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let k = 0; k < indices.length; k++) counts[labels[indices[k]]][predicted[k]]++;
  return counts;
}

/** A classification run's header: the setup's settings, and the sizes and names of its data. */
export function classifyInfo(s: ClassifySetup, d: Pick<TaskInfo, 'topic' | 'trainSize' | 'testSize' | 'unit' | 'classNames'>): TaskInfo {
  return {
    id: s.id,
    title: s.title,
    model: s.modelText ?? s.net.text,
    parameters: s.net.parameters,
    optimizer: s.optimizer,
    lr: s.lr,
    batch: s.batch,
    epochs: s.epochs,
    seed: s.seed,
    stepsPerEpoch: Math.ceil(d.trainSize / s.batch),
    ...d,
  };
}
