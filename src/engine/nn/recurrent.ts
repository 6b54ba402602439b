/**
 * RNN and LSTM layers (torch.nn.RNN / nn.LSTM with batch_first=True, one layer):
 * [N, T, in] → [N, T, H], every hidden state hₜ, starting from h₀ = c₀ = 0.
 * Parameters as PyTorch names and lays them out — weight_ih_l0 [G·H, in],
 * weight_hh_l0 [G·H, H], bias_ih_l0, bias_hh_l0 [G·H] (G = 4 for the LSTM, gates
 * i, f, g, o) — each drawn from U(−1/√H, 1/√H) as PyTorch initialises them.
 *
 * forward() is one fused op over the whole sequence (fast: the hot path of
 * training). forwardSteps() computes the same numbers one cell op per step
 * (rnn_cell / lstm_cell, as torch.nn.RNNCell / LSTMCell in a Python loop), so
 * every hidden state hₜ is a tensor of its own: set its retainsGrad
 * (retain_grad()) before backward and its .grad is ∂L/∂hₜ — how a lesson or an
 * experiment watches the gradient fade (or grow) back through time.
 */
import * as F from '../autograd/functional.js';
import { record } from '../autograd/record.js';
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

  /** x[:, t, :] as [N, input_size] for every t (one recorded slice each, so the input's gradient flows too). */
  protected stepInputs(layer: string, x: Tensor): Tensor[] {
    this.weights(layer, x);
    const [N, T, I] = x.shape;
    return Array.from({ length: T }, (_, t) => F.reshape(F.slice(x, 1, t, t + 1), [N, I]));
  }

  /** The same numbers as forward(), one cell op per step: `output` [N, T, H] and `steps`, hₜ [N, H] for t = 1…T, each its own tensor. */
  abstract forwardSteps(x: Tensor): StepStates;
}

/** What forwardSteps gives: the stacked states, as forward() gives them, and each step's hₜ. */
export interface StepStates {
  /** [N, T, H]: the states stacked, equal to forward(x). */
  output: Tensor;
  /** T tensors [N, H]: h₁ … h_T, each the output of its own cell op (set retainsGrad on any to read ∂L/∂hₜ). */
  steps: Tensor[];
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
  forwardSteps(x: Tensor): StepStates {
    const steps: Tensor[] = [];
    let h: Tensor | undefined;
    for (const input of this.stepInputs('RNN', x)) {
      h = F.op(
        'rnn_cell',
        { input, hidden: h, weight_ih: this.weight_ih_l0, weight_hh: this.weight_hh_l0, bias_ih: this.bias_ih_l0, bias_hh: this.bias_hh_l0 },
        { nonlinearity: this.nonlinearity },
      );
      steps.push(h);
    }
    return { output: F.stack(steps, 1), steps };
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
  forwardSteps(x: Tensor): StepStates {
    const steps: Tensor[] = [];
    let h: Tensor | undefined;
    let c: Tensor | undefined;
    for (const input of this.stepInputs('LSTM', x)) {
      const out = record('lstm_cell', {
        input,
        hidden: h,
        cell: c,
        weight_ih: this.weight_ih_l0,
        weight_hh: this.weight_hh_l0,
        bias_ih: this.bias_ih_l0,
        bias_hh: this.bias_hh_l0,
      });
      h = out.h_next;
      c = out.c_next;
      steps.push(h);
    }
    return { output: F.stack(steps, 1), steps };
  }
  describe(): string {
    return `LSTM(${this.inputSize} → ${this.hiddenSize})`;
  }
}
