/**
 * The format's layer types → engine modules. Adding a layer type is one line
 * in LAYERS (and its module in nn/). Each builder reads its fields with the
 * checks below, so a case with a bad field is refused naming the field.
 */
import { engineError } from '../messages.js';
import { Flatten, GELU, Last, Linear, MeanOverSteps, ReLU, Residual, Sigmoid, Tanh } from '../nn/basic.js';
import { Embedding } from '../nn/embedding.js';
import { Conv2d } from '../nn/conv.js';
import type { Rng } from '../nn/init.js';
import { LayerNorm } from '../nn/norm.js';
import { PositionalEncoding } from '../nn/posenc.js';
import { TransformerEncoderLayer } from '../nn/transformer.js';
import type { Module } from '../nn/module.js';
import { LSTM, RNN } from '../nn/recurrent.js';
import { AvgPool2d, MaxPool2d } from '../nn/pool.js';
import type { LayerSpec } from './case-format.js';

export interface LayerContext {
  id: string;
  /** "model[2]" or "model[1].body[0]", for messages. */
  where: string;
  rng: Rng;
  build(specs: unknown, where: string): Module[];
}

export type LayerBuilder = (spec: LayerSpec, ctx: LayerContext) => Module;

/** A required whole-number field ≥ 1 (sizes), or `def` when absent and a default exists. */
export function intField(spec: LayerSpec, name: string, ctx: LayerContext, def?: number, min = 1): number {
  const v = spec[name] ?? def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw engineError('train-field', { id: ctx.id, field: `${ctx.where}.${name}`, want: `a whole number ≥ ${min}`, wantZh: `≥ ${min} 的整数` });
  }
  return v;
}

export function boolField(spec: LayerSpec, name: string, ctx: LayerContext, def: boolean): boolean {
  const v = spec[name] ?? def;
  if (typeof v !== 'boolean') throw engineError('train-field', { id: ctx.id, field: `${ctx.where}.${name}`, want: 'true or false', wantZh: 'true 或 false' });
  return v;
}

export function numberField(spec: LayerSpec, name: string, ctx: LayerContext, def: number): number {
  const v = spec[name] ?? def;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw engineError('train-field', { id: ctx.id, field: `${ctx.where}.${name}`, want: 'a number', wantZh: '数' });
  return v;
}

/** layer_norm's normalized_shape: the format always gives one size, [D] (the last dimension). */
export function lastDimField(spec: LayerSpec, name: string, ctx: LayerContext): number {
  const v = spec[name];
  if (!Array.isArray(v) || v.length !== 1 || typeof v[0] !== 'number' || !Number.isInteger(v[0]) || v[0] < 1) {
    throw engineError('train-field', { id: ctx.id, field: `${ctx.where}.${name}`, want: 'a list of one whole number ≥ 1, [D]', wantZh: '只含一个 ≥ 1 的整数的列表 [D]' });
  }
  return v[0];
}

export const LAYERS: Record<string, LayerBuilder> = {
  linear: (s, c) => new Linear(intField(s, 'in', c), intField(s, 'out', c), { rng: c.rng }),
  relu: () => ReLU(),
  tanh: () => Tanh(),
  sigmoid: () => Sigmoid(),
  gelu: () => GELU(),
  flatten: () => new Flatten(),
  last: () => new Last(),
  mean: () => new MeanOverSteps(),
  rnn: (s, c) => new RNN(intField(s, 'input_size', c), intField(s, 'hidden_size', c), { rng: c.rng }),
  lstm: (s, c) => new LSTM(intField(s, 'input_size', c), intField(s, 'hidden_size', c), { rng: c.rng }),
  embedding: (s, c) => new Embedding(intField(s, 'num_embeddings', c), intField(s, 'embedding_dim', c), { rng: c.rng }),
  layer_norm: (s, c) => new LayerNorm(lastDimField(s, 'normalized_shape', c), { eps: numberField(s, 'eps', c, 1e-5) }),
  positional_encoding: () => new PositionalEncoding(),
  transformer_encoder_layer: (s, c) =>
    new TransformerEncoderLayer(intField(s, 'd_model', c), intField(s, 'nhead', c), intField(s, 'dim_feedforward', c), { causal: boolField(s, 'causal', c, false), rng: c.rng }),
  conv2d: (s, c) =>
    new Conv2d(intField(s, 'in_channels', c), intField(s, 'out_channels', c), intField(s, 'kernel_size', c), {
      stride: intField(s, 'stride', c, 1),
      padding: intField(s, 'padding', c, 0, 0),
      rng: c.rng,
    }),
  max_pool2d: (s, c) => new MaxPool2d(intField(s, 'kernel_size', c), intField(s, 'stride', c, intField(s, 'kernel_size', c))),
  avg_pool2d: (s, c) => new AvgPool2d(intField(s, 'kernel_size', c), intField(s, 'stride', c, intField(s, 'kernel_size', c))),
  residual: (s, c) => new Residual(c.build(s.body, `${c.where}.body`)),
};
