/**
 * The 2D-points task (TensorFlow Playground's): an MLP (or any --net chain from 2
 * inputs) classifies points of the square [−1, 1]². Its views are what the
 * Playground draws: the decision boundary over the square, the points, each
 * hidden neuron's own small heatmap, and the test split's confusion matrix.
 * Everything is cheap enough to compute fresh at each call (a few thousand
 * forwards through a small net).
 */
import { Linear, stepScope, Tensor, type Module } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { PointData, PointSet } from '../data/types.js';
import type { Task, TaskInfo, TaskViews } from '../task.js';
import { type ClassifySetup, classifyInfo, batchIndices, classifyBatch, classTargets, confusion, epochOrder, scoreLogits, scoreSplit } from './classify.js';

/** The boundary heatmap's cells per side (the screen scales it to the panel). */
export const BOUNDARY_RES = 48;
/** Each hidden neuron's small heatmap, as the Playground's squares. */
export const NEURON_RES = 16;

export interface PointsSetup extends ClassifySetup {
  data: PointData;
}

function gather(set: PointSet, idx: ArrayLike<number>): Tensor {
  const x = new Float32Array(idx.length * 2);
  for (let k = 0; k < idx.length; k++) {
    x[2 * k] = set.points[2 * idx[k]];
    x[2 * k + 1] = set.points[2 * idx[k] + 1];
  }
  return new Tensor([idx.length, 2], x);
}

/** The res×res cell centres of [−1, 1]², row 0 at the top (y = +1), as one [res², 2] input. */
export function gridInput(res: number): Tensor {
  const x = new Float32Array(res * res * 2);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      x[2 * (i * res + j)] = -1 + (2 * j + 1) / res;
      x[2 * (i * res + j) + 1] = 1 - (2 * i + 1) / res;
    }
  }
  return new Tensor([res * res, 2], x);
}

/**
 * The hidden neurons over the grid: each hidden fc's units as the next fc reads them
 * (after the activation and dropout between; dropout is off in eval mode), one
 * Float32Array per unit, named by the fc ("fc1"). The last fc gives the classes, not neurons.
 */
function neuronMaps(layers: readonly Module[], res: number): { layer: string; res: number; units: Float32Array[] }[] {
  const out: { layer: string; res: number; units: Float32Array[] }[] = [];
  const lastFc = layers.findLastIndex((m) => m instanceof Linear);
  let y = gridInput(res);
  let fcs = 0;
  let pending: string | null = null;
  for (let k = 0; k < layers.length; k++) {
    if (layers[k] instanceof Linear && pending !== null) {
      const units = y.shape[1];
      const data = y.data;
      out.push({
        layer: pending,
        res,
        units: Array.from({ length: units }, (_, u) => {
          const a = new Float32Array(res * res);
          for (let p = 0; p < res * res; p++) a[p] = data[p * units + u];
          return a;
        }),
      });
      pending = null;
    }
    y = layers[k].forward(y);
    if (layers[k] instanceof Linear) {
      fcs++;
      if (k !== lastFc) pending = `fc${fcs}`;
    }
  }
  return out;
}

export function pointsTask(s: PointsSetup): Task {
  const { data, net, batch, seed } = s;
  const model = net.model;
  const info: TaskInfo = classifyInfo(s, { topic: 'points', trainSize: data.train.n, testSize: data.test.n, unit: msg('points', '点'), classNames: data.classNames });
  let order = epochOrder(data.train.n, seed, 1);
  const all = (set: PointSet): Int32Array => Int32Array.from({ length: set.n }, (_, i) => i);
  const score = (set: PointSet) => scoreSplit(model, set.n, set.labels, (idx) => gather(set, idx), all(set), 5000);
  const u8 = (l: Int32Array): Uint8Array => Uint8Array.from(l);
  return {
    info,
    model,
    startEpoch(epoch) {
      order = epochOrder(data.train.n, seed, epoch);
      return info.stepsPerEpoch;
    },
    batchLoss(i) {
      const idx = batchIndices(order, batch, i);
      return classifyBatch(model, gather(data.train, idx), classTargets(data.train.labels, idx));
    },
    evaluate() {
      const train = score(data.train);
      const test = score(data.test);
      return { train: { loss: train.loss, accuracy: train.accuracy }, test: { loss: test.loss, accuracy: test.accuracy } };
    },
    views(): TaskViews {
      const res = BOUNDARY_RES;
      // Plain arrays out of the scope only: the grid's forwards reuse the kernels' memory frame after frame.
      const grid = stepScope(() => scoreLogits(model.forward(gridInput(res)).data, res * res));
      const test = score(data.test);
      return {
        boundary: { res, classes: data.classes, predicted: grid.predicted, confidence: grid.confidence },
        points: {
          train: { xy: data.train.points.slice(), labels: u8(data.train.labels) },
          test: { xy: data.test.points.slice(), labels: u8(data.test.labels) },
        },
        neurons: stepScope(() => neuronMaps(net.model.layers, NEURON_RES)),
        confusion: { classNames: data.classNames, counts: confusion(data.classes, data.test.labels, all(data.test), test.predicted) },
      };
    },
  };
}
