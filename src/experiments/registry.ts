/**
 * Every experiment, in the notes' order (DNN, CNN, RNN, LSTM, Transformer).
 * Adding one: a file in defs/ and a line here.
 */
import { editDistance } from '../engine/edit-distance.js';
import { msg, type Msg } from '../i18n/index.js';
import { explodingGradients } from './defs/exploding-gradients.js';
import { fcVsCnn } from './defs/fc-vs-cnn.js';
import { forgetGate } from './defs/forget-gate.js';
import { maskedAttention } from './defs/masked-attention.js';
import { multiHead } from './defs/multi-head.js';
import { noNonlinearity } from './defs/no-nonlinearity.js';
import { parallelTraining } from './defs/parallel-training.js';
import { pooling } from './defs/pooling.js';
import { positionalEncoding } from './defs/positional-encoding.js';
import { residualLayernorm } from './defs/residual-layernorm.js';
import { rnnVsLstm } from './defs/rnn-vs-lstm.js';
import { vanishingGradients } from './defs/vanishing-gradients.js';
import { weightSharing } from './defs/weight-sharing.js';
import type { ExperimentDef } from './types.js';

export const EXPERIMENTS: readonly ExperimentDef[] = [
  noNonlinearity,
  fcVsCnn,
  weightSharing,
  pooling,
  rnnVsLstm,
  explodingGradients,
  vanishingGradients,
  forgetGate,
  positionalEncoding,
  residualLayernorm,
  maskedAttention,
  parallelTraining,
  multiHead,
];

export function findExperiment(id: string): { ok: true; def: ExperimentDef } | { ok: false; error: Msg } {
  const def = EXPERIMENTS.find((e) => e.id === id);
  if (def) return { ok: true, def };
  const ids = EXPERIMENTS.map((e) => e.id);
  const near = ids
    .map((name) => ({ name, d: editDistance(id.toLowerCase(), name, 3) }))
    .filter((c) => c.d <= 3)
    .sort((a, b) => a.d - b.d)[0];
  return {
    ok: false,
    error: msg(
      `There is no experiment ${JSON.stringify(id)}.${near ? ` Did you mean ${near.name}?` : ''} Experiments: ${ids.join(', ')} (nnlearn experiment --list).`,
      `没有名为 ${JSON.stringify(id)} 的实验。${near ? `你是想用 ${near.name} 吗？` : ''}可用的实验：${ids.join('、')}（nnlearn experiment --list）。`,
    ),
  };
}
