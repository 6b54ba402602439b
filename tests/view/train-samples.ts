/**
 * One typical input for each training figure (small 2D run, digits, text,
 * sequence task), drawn by name: what the width and level tests loop over.
 */
import type { TrainFigOptions } from '../../src/view/figures/train-types.js';
import {
  renderAttention,
  renderBoundary,
  renderConfusion,
  renderCurves,
  renderGates,
  renderGradNorms,
  renderGreyImage,
  renderMapGrid,
  renderNeuronTiles,
  renderPerPosition,
  renderSample,
  renderWrongDigits,
} from '../../src/view/figures/index.js';

/** A circle of class 0 inside class 1 over a res×res grid, sure away from the edge. */
export function circleBoundary(res: number) {
  const predicted = new Uint8Array(res * res);
  const confidence = new Float32Array(res * res);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      const x = -1 + (2 * (j + 0.5)) / res;
      const y = 1 - (2 * (i + 0.5)) / res;
      const r = Math.hypot(x, y);
      predicted[i * res + j] = r < 0.5 ? 0 : 1;
      confidence[i * res + j] = 0.5 + Math.min(0.5, Math.abs(r - 0.5) * 2);
    }
  }
  return { res, classes: 2, predicted, confidence };
}

export const points = {
  train: { xy: new Float32Array([0, 0, 0.8, 0.8, -0.7, 0.2, 0.1, 0.1]), labels: new Uint8Array([0, 1, 1, 0]) },
  test: { xy: new Float32Array([0.1, -0.2, -0.8, -0.8]), labels: new Uint8Array([0, 1]) },
};

/** A 28×28 "7": a bar across the top and a stroke down. */
export function seven(): Uint8Array {
  const side = 28;
  const px = new Uint8Array(side * side);
  for (let c = 6; c < 22; c++) px[5 * side + c] = 255;
  for (let r = 5; r < 24; r++) px[r * side + 20 - Math.floor((r - 5) / 3)] = 230;
  return px;
}

const ramp = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

export const history = [1, 2, 3, 4, 5].map((e) => ({ epoch: e, step: e * 60, loss: 2.3 * Math.exp(-e), accuracy: 1 - 0.5 * Math.exp(-e), test_loss: 2.4 * Math.exp(-e) + 0.05, test_accuracy: 1 - 0.55 * Math.exp(-e) }));
export const stepLosses = Array.from({ length: 300 }, (_, i) => 2.3 * Math.exp(-i / 60) + 0.05 + 0.1 * Math.sin(i * 1.7) ** 2);

const digits = [...'0123456789'];
const confusion = { classNames: digits, counts: digits.map((_, i) => digits.map((_, j) => (i === j ? 1900 + i : (i * 3 + j) % 7 === 0 ? i + j : 0))) };
const tokens = [...'hello, 世界 ok'];

export const FIGURES: { name: string; draw: (width: number, opts: TrainFigOptions) => string[] }[] = [
  { name: 'boundary', draw: (w, o) => renderBoundary({ boundary: circleBoundary(60), points }, w, o) },
  { name: 'boundary (5 classes, names)', draw: (w, o) => renderBoundary({ boundary: { ...circleBoundary(20), classes: 5 }, points, classNames: ['零', 'one', '二', 'three', 'four'] }, w, { ...o, height: 24 }) },
  { name: 'neurons', draw: (w, o) => renderNeuronTiles([{ layer: 'fc 8', res: 20, units: [0, 1, 2, 3, 4, 5].map((u) => ramp(400, (i) => Math.tanh((i % 20) / 10 - 1 + u / 3 - Math.floor(i / 20) / 10))) }], w, o) },
  { name: 'curves', draw: (w, o) => renderCurves({ history, stepLosses }, w, o) },
  { name: 'grads', draw: (w, o) => renderGradNorms([{ layer: 'conv1', norm: 2e-6 }, { layer: '卷积2', norm: 3e-4 }, { layer: 'fc', norm: 0.12 }], w, o) },
  { name: 'grey image', draw: (w, o) => renderGreyImage({ pixels: seven(), side: 28 }, w, o) },
  { name: 'wrong digits', draw: (w, o) => renderWrongDigits([1, 4, 9].map((p) => ({ pixels: seven(), side: 28, label: 7, predicted: p, confidence: 0.5 + p / 20 })), w, o) },
  { name: 'filters', draw: (w, o) => renderMapGrid({ side: 5, maps: [0, 1, 2, 3, 4, 5].map((k) => ramp(25, (i) => Math.sin(i * (k + 1)))), label: { en: 'conv1 filters', zh: '第一层卷积核' } }, w, o) },
  { name: 'feature maps', draw: (w, o) => renderMapGrid({ side: 24, maps: [0, 1, 2, 3].map((k) => ramp(576, (i) => Math.max(0, Math.sin(i / (k + 3))))) }, w, o) },
  { name: 'confusion', draw: (w, o) => renderConfusion(confusion, w, o) },
  { name: 'sample', draw: (w, o) => renderSample({ prompt: 'The ', text: 'cat sat.\nA net\tlearns \u001b[31m中文字符也可以 across the lines of the panel' }, w, o) },
  { name: 'gates', draw: (w, o) => renderGates({ tokens, gates: (['input', 'forget', 'output'] as const).map((name, k) => ({ name, values: ramp(tokens.length, (i) => (i * (k + 1)) / 40) })) }, w, o) },
  { name: 'attention', draw: (w, o) => renderAttention({ tokens, heads: [0, 1].map(() => ramp(tokens.length ** 2, (k) => (k % tokens.length <= Math.floor(k / tokens.length) ? 1 / (Math.floor(k / tokens.length) + 1) : 0))) }, w, o) },
  { name: 'per position', draw: (w, o) => renderPerPosition(Array.from({ length: 40 }, (_, i) => 1 - i / 45), w, o) },
];
