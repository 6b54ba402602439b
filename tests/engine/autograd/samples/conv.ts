/** Gradient-check points for convolution and pooling (max, average, Lp). */
import { Tensor } from '../../../../src/engine/index.js';
import { randTensor } from '../../gradcheck.js';
import type { OpSample } from './types.js';

const r = randTensor;

/**
 * Distinct values 0.1 apart in a shuffled order: no two cells of a max-pool window
 * are within the finite-difference step of each other, so nudging one never changes
 * which cell wins (at a tie the derivative is one-sided and differences cannot check it;
 * cnn-graph.test.ts checks the tie rule directly).
 */
function distinct(shape: number[], seed: number): Tensor {
  const t = r(shape, seed);
  const order = [...t.data.keys()].sort((a, b) => t.data[a] - t.data[b]);
  const out = new Tensor(shape);
  order.forEach((at, rank) => (out.data[at] = (rank - order.length / 2) * 0.1));
  return out;
}

/** Positive values (Lp pooling with a fractional p takes x^p). */
function positive(shape: number[], seed: number): Tensor {
  const t = r(shape, seed);
  for (let i = 0; i < t.size; i++) t.data[i] = 0.3 + Math.abs(t.data[i]);
  return t;
}

export const CONV_SAMPLES: OpSample[] = [
  {
    op: 'conv2d',
    what: 'stride 2, padding 1, dilation 2, bias',
    inputs: { input: r([2, 6, 7], 101), weight: r([3, 2, 2, 3], 102), bias: r([3], 103) },
    attrs: { stride: 2, padding: 1, dilation: 2 },
  },
  {
    op: 'conv2d',
    what: 'no bias, per-direction stride [1, 2] and padding [2, 0]',
    inputs: { input: r([1, 5, 6], 104), weight: r([2, 1, 3, 3], 105) },
    attrs: { stride: [1, 2], padding: [2, 0] },
  },
  {
    op: 'conv2d',
    what: 'batched [N,C,H,W], padding 1 (weight gradient summed over the batch)',
    inputs: { input: r([3, 2, 5, 5], 106), weight: r([4, 2, 3, 3], 107), bias: r([4], 108) },
    attrs: { padding: 1 },
  },
  {
    op: 'locally_connected2d',
    what: 'batched, stride 2, padding 1, dilation 2, a bias per filter and position',
    inputs: { input: r([2, 2, 6, 7], 121), weight: r([3, 3, 3, 2, 2, 3], 122), bias: r([3, 3, 3], 123) },
    attrs: { stride: 2, padding: 1, dilation: 2 },
  },
  {
    op: 'max_pool2d',
    what: 'overlapping windows (stride 1) share winners, batched',
    inputs: { input: distinct([2, 2, 4, 5], 109) },
    attrs: { kernel_size: 2, stride: 1 },
  },
  {
    op: 'max_pool2d',
    what: 'padding 1, ceil mode',
    inputs: { input: distinct([2, 5, 5], 110) },
    attrs: { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true },
  },
  {
    op: 'avg_pool2d',
    what: 'padding 1, count_include_pad (default)',
    inputs: { input: r([2, 5, 5], 111) },
    attrs: { kernel_size: 3, stride: 2, padding: 1 },
  },
  {
    op: 'avg_pool2d',
    what: 'padding 1, count_include_pad false, ceil mode, batched',
    inputs: { input: r([2, 1, 5, 6], 112) },
    attrs: { kernel_size: 2, stride: 2, padding: 1, count_include_pad: false, ceil_mode: true },
  },
  {
    op: 'lp_pool2d',
    what: 'p = 2 (default), overlapping windows',
    inputs: { input: r([2, 4, 5], 113) },
    attrs: { kernel_size: 2, stride: 1 },
  },
  {
    op: 'lp_pool2d',
    what: 'p = 3, ceil mode cuts the last window, batched',
    inputs: { input: positive([2, 1, 5, 5], 114) },
    attrs: { norm_type: 3, kernel_size: 2, stride: 2, ceil_mode: true },
  },
  {
    op: 'lp_pool2d',
    what: 'p = 1 (a plain window sum, negatives included)',
    inputs: { input: r([1, 4, 4], 115) },
    attrs: { norm_type: 1, kernel_size: 2 },
  },
];
