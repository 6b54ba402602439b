/** Gradient-check points for the recurrent ops (cells, BPTT over batched sequences) and embedding. */
import { Tensor } from '../../../../src/engine/index.js';
import { randTensor } from '../../gradcheck.js';
import type { OpSample } from './types.js';

const r = randTensor;
/** RNN/LSTM weights for `gates`·H rows, scaled so the gates stay away from saturation. */
function weights(gates: number, inSize: number, H: number, seed: number): Record<string, Tensor> {
  return {
    weight_ih: r([gates * H, inSize], seed, 0.6),
    weight_hh: r([gates * H, H], seed + 1, 0.6),
    bias_ih: r([gates * H], seed + 2, 0.3),
    bias_hh: r([gates * H], seed + 3, 0.3),
  };
}
/** Relu RNN inputs kept away from the kink: positive input and weights make every pre-activation > 0. */
function positive(t: Tensor): Tensor {
  for (let i = 0; i < t.size; i++) t.data[i] = 0.2 + Math.abs(t.data[i]);
  return t;
}

export const RECURRENT_SAMPLES: OpSample[] = [
  { op: 'rnn_cell', what: 'one vector, from h', inputs: { input: r([3], 101), hidden: r([4], 102), ...weights(1, 3, 4, 103) } },
  { op: 'rnn_cell', what: 'batch, h omitted, no biases', inputs: { input: r([2, 3], 107), weight_ih: r([4, 3], 108), weight_hh: r([4, 4], 109) } },
  { op: 'lstm_cell', what: 'batch from (h, c); every gate is an output', inputs: { input: r([2, 3], 111), hidden: r([2, 4], 112), cell: r([2, 4], 113), ...weights(4, 3, 4, 114) } },
  { op: 'lstm_cell', what: 'one vector, zero state', inputs: { input: r([3], 118), ...weights(4, 3, 2, 119) } },
  { op: 'rnn_sequence', what: 'tanh, batch 2 × 4 steps', inputs: { input: r([2, 4, 3], 121), ...weights(1, 3, 5, 122) } },
  { op: 'rnn_sequence', what: 'tanh from a given h0, no biases', inputs: { input: r([3, 3, 2], 126), h0: r([3, 4], 127), weight_ih: r([4, 2], 128, 0.6), weight_hh: r([4, 4], 129, 0.6) } },
  {
    op: 'rnn_sequence',
    what: 'relu, batch 2 × 3 steps, away from the kink',
    inputs: { input: positive(r([2, 3, 2], 131)), weight_ih: positive(r([3, 2], 132, 0.5)), weight_hh: positive(r([3, 3], 133, 0.3)), bias_ih: positive(r([3], 134, 0.2)) },
    attrs: { nonlinearity: 'relu' },
  },
  { op: 'lstm_sequence', what: 'batch 2 × 5 steps from zeros', inputs: { input: r([2, 5, 3], 141), ...weights(4, 3, 4, 142) } },
  { op: 'lstm_sequence', what: 'batch 3 × 3 steps from given h0, c0', inputs: { input: r([3, 3, 2], 146), h0: r([3, 3], 147), c0: r([3, 3], 148), ...weights(4, 2, 3, 149) } },
  { op: 'embedding', what: 'ids [2,3] with repeats add up', inputs: { weight: r([5, 3], 151), ids: new Tensor([2, 3], [4, 1, 4, 0, 4, 1]) } },
  { op: 'embedding', what: 'one id', inputs: { weight: r([3, 2], 152), ids: new Tensor([1], [2]) } },
];
