/**
 * The digits task: a net (LeNet-5, an MLP, any --net chain from 28x28x1 or 784)
 * classifies the shipped MNIST subset. Its views are ConvNetJS's: the first conv
 * layer's filters (for an MLP, the first layer's weights as 28×28 pictures), the
 * feature maps of one fixed test digit, the test split's confusion matrix and the
 * test digits it gets wrong. The confusion matrix and the wrong digits come from
 * the last evaluation (a full pass over the 2,000 test images is too slow to
 * redo at each frame); before the first one, views() makes it once.
 */
import { Conv2d, Linear, stepScope, Tensor, type Module } from '../../engine/index.js';
import { mulberry32 } from '../../engine/random.js';
import { msg } from '../../i18n/index.js';
import { gatherDigits, type Digits, type DigitSplit } from '../data/digits.js';
import type { Task, TaskInfo, TaskViews } from '../task.js';
import { predictDigit } from './digit-predict.js';
import { type ClassifySetup, classifyInfo, batchIndices, classifyBatch, classTargets, confusion, epochOrder, scoreSplit } from './classify.js';

/** The training split is scored on this many fixed images (all 10,000 would double an epoch's evaluation). */
export const TRAIN_SCORE_SUBSET = 2000;
/** How many wrongly classified test digits the view keeps. */
export const MAX_WRONG = 12;
/** The test digit whose feature maps are shown: always the same one, so the student sees them change. */
export const FEATURE_DIGIT = 0;

export interface DigitsSetup extends ClassifySetup {
  digits: Digits;
}

type Scored = { predicted: Uint8Array; confidence: Float32Array };

const NAMES = Array.from({ length: 10 }, (_, d) => String(d));

/** A fixed, seeded choice of `count` of the n training images (the same at every evaluation). */
function fixedSubset(n: number, count: number, seed: number): Int32Array {
  if (n <= count) return Int32Array.from({ length: n }, (_, i) => i);
  const next = mulberry32(seed ^ 0x2545f491);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, count).sort();
}

export function digitsTask(s: DigitsSetup): Task {
  const { digits, net, batch, seed } = s;
  const model = net.model;
  const layers: readonly Module[] = net.model.layers;
  const side = digits.rows;
  const px = digits.rows * digits.cols;
  const shape = (n: number): number[] => (net.input.kind === 'image' ? [n, 1, digits.rows, digits.cols] : [n, px]);
  const input = (split: DigitSplit) => (idx: Int32Array) => new Tensor(shape(idx.length), gatherDigits(split, idx));
  const info: TaskInfo = classifyInfo(s, { topic: 'digits', trainSize: digits.train.count, testSize: digits.test.count, unit: msg('images', '图像'), classNames: NAMES });
  const trainSubset = fixedSubset(digits.train.count, TRAIN_SCORE_SUBSET, seed);
  const allTest = Int32Array.from({ length: digits.test.count }, (_, i) => i);
  let order = epochOrder(digits.train.count, seed, 1);
  let lastTest: Scored | null = null;

  const scoreTest = () => {
    const r = scoreSplit(model, digits.test.count, digits.test.labels, input(digits.test), allTest, 500);
    lastTest = { predicted: r.predicted, confidence: r.confidence };
    return r;
  };

  const firstLayerPictures = (): TaskViews['filters'] => {
    const conv = layers.find((m): m is Conv2d => m instanceof Conv2d);
    if (conv) {
      const [K, C, F] = conv.weight.shape;
      const w = conv.weight.data;
      // The first conv reads the one grey channel; with more channels the view shows the first.
      return { size: F, weights: Array.from({ length: K }, (_, k) => w.slice(k * C * F * F, k * C * F * F + F * F)) };
    }
    const fc = layers.find((m): m is Linear => m instanceof Linear);
    if (!fc || fc.inFeatures !== px) return undefined;
    const w = fc.weight.data;
    return { size: side, weights: Array.from({ length: fc.outFeatures }, (_, k) => w.slice(k * px, (k + 1) * px)) };
  };

  const featureMaps = (): TaskViews['featureMaps'] => {
    const at = layers.findIndex((m) => m instanceof Conv2d);
    if (at < 0) return undefined;
    // Up to the first conv and the activation right after it (what the next layer sees).
    const stop = at + 1 < layers.length && /^(ReLU|Tanh|Sigmoid)$/.test(layers[at + 1].describe()) ? at + 1 : at;
    let y = input(digits.test)(Int32Array.of(FEATURE_DIGIT));
    for (let k = 0; k <= stop; k++) y = layers[k].forward(y);
    const [, K, h, w] = y.shape;
    const d = y.data;
    return {
      pixels: digits.test.images.slice(FEATURE_DIGIT * px, (FEATURE_DIGIT + 1) * px),
      side,
      label: digits.test.labels[FEATURE_DIGIT],
      mapSide: h,
      maps: Array.from({ length: K }, (_, k) => d.slice(k * h * w, (k + 1) * h * w)),
    };
  };

  return {
    info,
    model,
    // The drawing as one image of a split, so it reaches the net exactly as the training images do (grey / 255).
    predict: (pixels) => predictDigit(layers, input({ count: 1, images: pixels, labels: new Uint8Array(1), sourceIndex: new Uint16Array(1) })(Int32Array.of(0))),
    startEpoch(epoch) {
      order = epochOrder(digits.train.count, seed, epoch);
      return info.stepsPerEpoch;
    },
    batchLoss(i) {
      const idx = batchIndices(order, batch, i);
      return classifyBatch(model, input(digits.train)(idx), classTargets(digits.train.labels, idx));
    },
    evaluate() {
      const train = scoreSplit(model, digits.train.count, digits.train.labels, input(digits.train), trainSubset, 500);
      const test = scoreTest();
      return { train: { loss: train.loss, accuracy: train.accuracy }, test: { loss: test.loss, accuracy: test.accuracy } };
    },
    views(): TaskViews {
      const t: Scored = lastTest ?? scoreTest();
      const wrong: NonNullable<TaskViews['wrong']> = [];
      for (let i = 0; i < digits.test.count && wrong.length < MAX_WRONG; i++) {
        if (t.predicted[i] === digits.test.labels[i]) continue;
        wrong.push({ pixels: digits.test.images.slice(i * px, (i + 1) * px), side, label: digits.test.labels[i], predicted: t.predicted[i], confidence: t.confidence[i] });
      }
      return {
        filters: firstLayerPictures(),
        featureMaps: stepScope(featureMaps), // copies out (slice): the forward's own arrays stay in the scope
        confusion: { classNames: NAMES, counts: confusion(10, digits.test.labels, allTest, t.predicted) },
        wrong,
      };
    },
  };
}
