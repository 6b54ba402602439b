/**
 * gen/receptive-field — the receptive field (side length in input pixels) of
 * one neuron after a random stack of 2–4 conv/pool layers. Solved and
 * explained with the lesson's rule (r ← r + (F − 1)·jump, jump ← jump·S) on the
 * engine's receptiveFieldAfter numbers.
 */
import { receptiveFieldAfter, type ReceptiveFieldLayer } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng } from './common.js';

export interface RfLayer {
  kind: 'conv' | 'pool';
  F: number;
  S: number;
}

export interface ReceptiveFieldCase {
  layers: RfLayer[];
}

/** The numbers of question `seed`; the same seed always gives the same case. */
export function receptiveFieldCase(seed: number): ReceptiveFieldCase {
  const r = new Rng(seed);
  const n = r.int(2, 4);
  const layers: RfLayer[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && layers[i - 1].kind === 'conv' && r.chance(0.35)) {
      layers.push(r.chance(0.7) ? { kind: 'pool', F: 2, S: 2 } : { kind: 'pool', F: 3, S: 2 });
    } else {
      const F = r.pick([3, 3, 3, 5, 5, 7]);
      layers.push({ kind: 'conv', F, S: r.chance(0.8) ? 1 : 2 });
    }
  }
  return { layers };
}

function layerName(l: RfLayer): Msg {
  return l.kind === 'conv'
    ? msg(`conv ${l.F}×${l.F} S=${l.S}`, `卷积 ${l.F}×${l.F} S=${l.S}`)
    : msg(`max pool ${l.F}×${l.F} S=${l.S}`, `最大池化 ${l.F}×${l.F} S=${l.S}`);
}

export const receptiveField: Generator = {
  id: 'gen/receptive-field',
  topic: 'cnn',
  lesson: 'cnn/receptive-field',
  taught: 'cnn/receptive-field#stacked',
  title: msg('Receptive field through a stack of layers (fresh numbers)', '多层堆叠后的感受野（随机数值）'),
  make(seed: number): Question {
    const { layers } = receptiveFieldCase(seed);
    const spec: ReceptiveFieldLayer[] = layers.map((l) => ({ kind: l.kind, kernel: l.F, stride: l.S }));
    const rf = receptiveFieldAfter(spec);
    const names = layers.map(layerName);
    // Worked here with the lesson's rule r ← r + (F − 1)·jump (no dilation factor), the numbers from the engine.
    const steps = rf.steps.map((s, i) => {
      const before = i === 0 ? 1 : rf.steps[i - 1].receptiveField[0];
      const jumpBefore = i === 0 ? 1 : rf.steps[i - 1].jump[0];
      const work = `r = ${before} + (${s.kernel[0]} − 1)·${jumpBefore} = ${s.receptiveField[0]}`;
      return msg(
        `Layer ${i + 1} (${names[i].en}): ${work}; jump = ${jumpBefore}·${s.stride[0]} = ${s.jump[0]}.`,
        `第 ${i + 1} 层（${names[i].zh}）：${work}；jump = ${jumpBefore}·${s.stride[0]} = ${s.jump[0]}。`,
      );
    });
    const side = rf.receptiveField[0];
    return {
      id: `${receptiveField.id}#${seed}`,
      topic: receptiveField.topic,
      lesson: receptiveField.lesson,
      kind: 'numeric',
      prompt: msg(
        `Layers from the input on: ${names.map((n) => n.en).join(' → ')} (no dilation). One neuron of the last layer sees a square patch of the input image. How many pixels wide is it?`,
        `从输入开始依次为：${names.map((n) => n.zh).join(' → ')}（无膨胀）。最后一层的一个神经元在输入图像上看到一块正方形区域。它有多少个像素宽？`,
      ),
      answer: side,
      explain: joinParas([
        msg('Start with r = 1 and jump = 1 (one input pixel).', '从 r = 1、jump = 1（一个输入像素）开始。'),
        ...steps,
        msg(
          `So one neuron of the last layer sees ${side}×${side} pixels of the input, and neighbouring neurons are ${rf.jump[0]} input pixels apart.`,
          `所以最后一层的一个神经元看到输入中 ${side}×${side} 的区域，相邻神经元在输入上相隔 ${rf.jump[0]} 个像素。`,
        ),
      ]),
      hint: msg(
        'Each layer adds (F − 1)·jump to r, then multiplies jump by its stride S.',
        '每一层让 r 增加 (F − 1)·jump，然后把 jump 乘以该层的步长 S。',
      ),
    };
  },
};
