/** Gradient-check points for the elementwise, reduction, layout, matmul, loss and activation ops. */
import { Tensor } from '../../../../src/engine/index.js';
import { randTensor } from '../../gradcheck.js';
import type { OpSample } from './types.js';

const r = randTensor;
/** Values kept away from 0 (relu's kink, division, log). */
function away(shape: number[], seed: number, lo = 0.3): Tensor {
  const t = r(shape, seed);
  for (let i = 0; i < t.size; i++) t.data[i] = (t.data[i] >= 0 ? 1 : -1) * (lo + Math.abs(t.data[i]));
  return t;
}
function positive(shape: number[], seed: number): Tensor {
  const t = r(shape, seed);
  for (let i = 0; i < t.size; i++) t.data[i] = 0.5 + Math.abs(t.data[i]);
  return t;
}
const ids = (shape: number[], values: number[]): Tensor => new Tensor(shape, values);

export const CORE_SAMPLES: OpSample[] = [
  { op: 'add', what: 'same shape', inputs: { a: r([2, 3], 1), b: r([2, 3], 2) } },
  { op: 'add', what: 'bias broadcast [2,3,4] + [4]', inputs: { a: r([2, 3, 4], 3), b: r([4], 4) } },
  { op: 'add', what: 'both stretched [3,1] + [1,4]', inputs: { a: r([3, 1], 5), b: r([1, 4], 6) } },
  { op: 'sub', what: 'middle broadcast [2,3,4] − [3,1]', inputs: { a: r([2, 3, 4], 7), b: r([3, 1], 8) } },
  { op: 'mul', what: 'scalar broadcast', inputs: { a: r([2, 3], 9), b: r([], 10) } },
  { op: 'mul', what: 'row times column [2,1,4] ⊙ [3,1]', inputs: { a: r([2, 1, 4], 11), b: r([3, 1], 12) } },
  { op: 'div', what: 'broadcast divisor', inputs: { a: r([2, 3], 13), b: away([3], 14, 0.5) } },
  { op: 'exp', what: 'values in [-1,1)', inputs: { input: r([2, 3], 15) } },
  { op: 'log', what: 'positive values', inputs: { input: positive([2, 3], 16) } },
  { op: 'sqrt', what: 'positive values', inputs: { input: positive([2, 3], 17) } },
  { op: 'pow', what: 'cube', inputs: { input: r([2, 3], 18) }, attrs: { exponent: 3 } },
  { op: 'pow', what: 'fractional power of positives', inputs: { input: positive([4], 19) }, attrs: { exponent: 0.5 } },
  { op: 'gelu', what: 'values in [-3,3)', inputs: { input: r([3, 4], 20, 3) } },
  { op: 'relu', what: 'away from the kink', inputs: { input: away([3, 4], 21) } },
  { op: 'tanh', what: 'values in [-2,2)', inputs: { input: r([3, 4], 22, 2) } },
  { op: 'sigmoid', what: 'values in [-3,3)', inputs: { input: r([3, 4], 23, 3) } },
  { op: 'softmax', what: 'last dim', inputs: { input: r([2, 5], 24, 2) } },
  { op: 'softmax', what: 'dim 0', inputs: { input: r([3, 4], 25, 2) }, attrs: { dim: 0 } },
  { op: 'log_softmax', what: 'last dim', inputs: { input: r([2, 5], 26, 2) } },
  { op: 'sum', what: 'all', inputs: { input: r([2, 3, 4], 27) } },
  { op: 'sum', what: 'dims [0, 2] keepdim', inputs: { input: r([2, 3, 4], 28) }, attrs: { dim: [0, 2], keepdim: true } },
  { op: 'mean', what: 'dim 1', inputs: { input: r([2, 3, 4], 29) }, attrs: { dim: 1 } },
  { op: 'mean', what: 'last dim', inputs: { input: r([2, 5], 30) }, attrs: { dim: -1 } },
  { op: 'reshape', what: 'with -1', inputs: { input: r([2, 3, 4], 31) }, attrs: { shape: [6, -1] } },
  { op: 'permute', what: '[2,0,1]', inputs: { input: r([2, 3, 4], 32) }, attrs: { dims: [2, 0, 1] } },
  { op: 'transpose', what: 'last two', inputs: { input: r([2, 3, 4], 33) }, attrs: { dim0: -1, dim1: -2 } },
  { op: 'slice', what: 'middle of dim 1', inputs: { input: r([2, 5, 3], 34) }, attrs: { dim: 1, start: 1, end: 4 } },
  { op: 'concat', what: 'dim 1, unequal parts', inputs: { x0: r([2, 1, 3], 35), x1: r([2, 4, 3], 36) }, attrs: { dim: 1 } },
  { op: 'stack', what: 'new last dim', inputs: { x0: r([2, 3], 37), x1: r([2, 3], 38), x2: r([2, 3], 39) }, attrs: { dim: -1 } },
  { op: 'index_select', what: 'repeated indices add up', inputs: { input: r([4, 3], 40), index: ids([5], [2, 0, 2, 3, 2]) }, attrs: { dim: 0 } },
  { op: 'matmul', what: 'batched [2,3,4]·[2,4,5]', inputs: { a: r([2, 3, 4], 41), b: r([2, 4, 5], 42) } },
  { op: 'matmul', what: 'shared right matrix [2,3,4]·[4,2]', inputs: { a: r([2, 3, 4], 43), b: r([4, 2], 44) } },
  { op: 'linear', what: 'rows with bias', inputs: { input: r([3, 4], 45), weight: r([2, 4], 46), bias: r([2], 47) } },
  { op: 'linear', what: 'sequence batch, no bias', inputs: { input: r([2, 3, 4], 48), weight: r([5, 4], 49) } },
  { op: 'cross_entropy', what: '[N,C]', inputs: { input: r([4, 3], 50, 2), target: ids([4], [0, 2, 1, 2]) } },
  { op: 'cross_entropy', what: '[N,T,C] over every position', inputs: { input: r([2, 3, 4], 51, 2), target: ids([2, 3], [0, 3, 1, 2, 2, 0]) } },
  { op: 'mse_loss', what: 'input and target', inputs: { input: r([3, 2], 52), target: r([3, 2], 53) } },
  { op: 'dropout', what: 'p = 0.3, seeded mask', inputs: { input: r([4, 5], 54) }, attrs: { p: 0.3, seed: 7 } },
  { op: 'dropout', what: 'eval (identity)', inputs: { input: r([4, 5], 55) }, attrs: { p: 0.3, training: false } },
];
