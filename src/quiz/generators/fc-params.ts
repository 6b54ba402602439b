/**
 * gen/fc-params — parameters of a fully connected layer, in·out + out, for a
 * plain vector input or for a volume flattened into it (7×7×512 → 4096).
 * Solved by the engine the way the cnn/fc lesson views an FC layer: a conv
 * layer whose `out` filters cover the whole input volume (F = its width and
 * height), so its convOutputShape params are exactly the FC layer's.
 */
import { convOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng, vol } from './common.js';
import { fmtInt } from '../../i18n/numbers.js';

export interface FcParamsCase {
  /** The input volume W×H×D (1×1×n for a plain vector of n numbers). */
  W: number;
  H: number;
  D: number;
  flatten: boolean;
  out: number;
  /** Weights only (no biases). */
  weightsOnly: boolean;
}

const VOLUMES = [
  [7, 7, 512],
  [6, 6, 256],
  [5, 5, 16],
  [4, 4, 50],
  [4, 4, 128],
  [8, 8, 64],
  [7, 7, 64],
  [3, 3, 256],
  [2, 2, 512],
] as const;
const VECTORS = [784, 1024, 4096, 2048, 512, 400, 120, 84, 100, 300, 9216];
const OUTS = [10, 84, 100, 120, 256, 500, 512, 1000, 1024, 4096];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function fcParamsCase(seed: number): FcParamsCase {
  const r = new Rng(seed);
  const flatten = r.chance(0.55);
  const out = r.pick(OUTS);
  const weightsOnly = r.chance(0.2);
  if (flatten) {
    const [W, H, D] = r.pick(VOLUMES);
    return { W, H, D, flatten, out, weightsOnly };
  }
  return { W: 1, H: 1, D: r.pick(VECTORS), flatten, out, weightsOnly };
}

export const fcParams: Generator = {
  id: 'gen/fc-params',
  topic: 'cnn',
  lesson: 'cnn/fc',
  taught: 'cnn/fc#count',
  title: msg('Parameters of a fully connected layer (fresh numbers)', '全连接层的参数量（随机数值）'),
  make(seed: number): Question {
    const c = fcParamsCase(seed);
    // An FC layer = a conv layer with `out` filters as large as the whole input volume.
    const e = convOutputShapeOrThrow({ inC: c.D, inH: c.H, inW: c.W, outChannels: c.out, kernel: [c.H, c.W] });
    const p = e.params;
    const n = p.weightsPerFilter; // inputs per neuron = W·H·D
    const weights = p.filters * n;
    const answer = c.weightsOnly ? weights : p.total;
    const what = c.weightsOnly
      ? msg('How many weights does this layer have, biases not counted?', '不计偏置，这一层有多少个权重？')
      : msg('How many parameters (weights and biases) does this layer have?', '这一层共有多少个参数（权重加偏置）？');
    const setup = c.flatten
      ? msg(
          `The last pooling layer outputs a ${vol(c.W, c.H, c.D)} volume. It is flattened and fed to a fully connected layer with ${fmtInt(c.out)} neurons.`,
          `最后一个池化层输出 ${vol(c.W, c.H, c.D)} 的数据体，展平后送入一个有 ${fmtInt(c.out)} 个神经元的全连接层。`,
        )
      : msg(
          `A fully connected layer maps ${fmtInt(n)} inputs to ${fmtInt(c.out)} outputs.`,
          `一个全连接层把 ${fmtInt(n)} 个输入映射为 ${fmtInt(c.out)} 个输出。`,
        );
    const inputs = c.flatten
      ? msg(`Flattening gives ${c.W}·${c.H}·${c.D} = ${fmtInt(n)} inputs.`, `展平后有 ${c.W}·${c.H}·${c.D} = ${fmtInt(n)} 个输入。`)
      : null;
    const count = c.weightsOnly
      ? msg(
          `Each of the ${fmtInt(c.out)} neurons has one weight per input: ${fmtInt(n)}·${fmtInt(c.out)} = ${fmtInt(weights)} weights (the ${fmtInt(c.out)} biases are not counted).`,
          `${fmtInt(c.out)} 个神经元各对每个输入有一个权重：${fmtInt(n)}·${fmtInt(c.out)} = ${fmtInt(weights)} 个权重（不计 ${fmtInt(c.out)} 个偏置）。`,
        )
      : msg(
          `Each of the ${fmtInt(c.out)} neurons has one weight per input and one bias: in·out + out = ${fmtInt(n)}·${fmtInt(c.out)} + ${fmtInt(c.out)} = ${fmtInt(p.total)}.`,
          `${fmtInt(c.out)} 个神经元各对每个输入有一个权重，外加一个偏置：in·out + out = ${fmtInt(n)}·${fmtInt(c.out)} + ${fmtInt(c.out)} = ${fmtInt(p.total)}。`,
        );
    const asConv = c.flatten
      ? msg(
          `It is the same count as a conv layer with K=${fmtInt(c.out)} filters of size ${c.W}×${c.H}×${c.D} covering the whole volume: ${p.worked}.`,
          `这与一个用 K=${fmtInt(c.out)} 个 ${c.W}×${c.H}×${c.D} 滤波器覆盖整个数据体的卷积层参数量相同：${p.worked}。`,
        )
      : null;
    return {
      id: `${fcParams.id}#${seed}`,
      topic: fcParams.topic,
      lesson: fcParams.lesson,
      kind: 'numeric',
      prompt: joinParas([setup, what]),
      answer,
      explain: joinParas([inputs, count, asConv]),
      hint: msg('in·out weights plus one bias per output neuron.', 'in·out 个权重，再加每个输出神经元一个偏置。'),
    };
  },
};
