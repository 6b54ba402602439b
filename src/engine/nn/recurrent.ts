/**
 * RNN and LSTM layers (torch.nn.RNN / nn.LSTM with batch_first=True, one layer):
 * [N, T, in] → [N, T, H], every hidden state hₜ, starting from h₀ = c₀ = 0.
 * Parameters as PyTorch names and lays them out — weight_ih_l0 [G·H, in],
 * weight_hh_l0 [G·H, H], bias_ih_l0, bias_hh_l0 [G·H] (G = 4 for the LSTM, gates
 * i, f, g, o) — each drawn from U(−1/√H, 1/√H) as PyTorch initialises them.
 */
import * as F from '../autograd/functional.js';
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';
import { size } from './check.js';
import { type Rng, seeded, uniform } from './init.js';
import { Module } from './module.js';

abstract class RecurrentLayer extends Module {
  readonly weight_ih_l0: Tensor;
  readonly weight_hh_l0: Tensor;
  readonly bias_ih_l0: Tensor;
  readonly bias_hh_l0: Tensor;
  constructor(
    layer: string,
    gates: number,
    readonly inputSize: number,
    readonly hiddenSize: number,
    rng: Rng,
  ) {
    super();
    size(layer, 'input_size', inputSize);
    size(layer, 'hidden_size', hiddenSize);
    const bound = 1 / Math.sqrt(hiddenSize);
    const rows = gates * hiddenSize;
    this.weight_ih_l0 = this.param('weight_ih_l0', uniform([rows, inputSize], bound, rng));
    this.weight_hh_l0 = this.param('weight_hh_l0', uniform([rows, hiddenSize], bound, rng));
    this.bias_ih_l0 = this.param('bias_ih_l0', uniform([rows], bound, rng));
    this.bias_hh_l0 = this.param('bias_hh_l0', uniform([rows], bound, rng));
  }

  protected weights(layer: string, x: Tensor): Record<string, Tensor> {
    if (x.rank !== 3) throw engineError('nn-layer-input', { layer, want: '[N, T, input_size]', got: x.shape });
    return { input: x, weight_ih: this.weight_ih_l0, weight_hh: this.weight_hh_l0, bias_ih: this.bias_ih_l0, bias_hh: this.bias_hh_l0 };
  }
}

export class RNN extends RecurrentLayer {
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(inputSize: number, hiddenSize: number, opts: { nonlinearity?: 'tanh' | 'relu'; rng?: Rng } = {}) {
    super('RNN', 1, inputSize, hiddenSize, opts.rng ?? seeded());
    this.nonlinearity = opts.nonlinearity ?? 'tanh';
  }
  forward(x: Tensor): Tensor {
    return F.op('rnn_sequence', this.weights('RNN', x), { nonlinearity: this.nonlinearity });
  }
  describe(): string {
    return `RNN(${this.inputSize} → ${this.hiddenSize}${this.nonlinearity === 'relu' ? ', relu' : ''})`;
  }
}

export class LSTM extends RecurrentLayer {
  constructor(inputSize: number, hiddenSize: number, opts: { rng?: Rng } = {}) {
    super('LSTM', 4, inputSize, hiddenSize, opts.rng ?? seeded());
  }
  forward(x: Tensor): Tensor {
    return F.op('lstm_sequence', this.weights('LSTM', x));
  }
  describe(): string {
    return `LSTM(${this.inputSize} → ${this.hiddenSize})`;
  }
}
