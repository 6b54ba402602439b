/**
 * gen/conv-params — how many parameters a conv layer has: K·(F·F·D + 1), or
 * its weights only, or one filter's. Stride and padding are given too: they
 * change the output size, never the count. Solved and explained by the
 * engine's convOutputShape (its `params`).
 */
import { convOutputShapeOrThrow, type ConvShapeAccepted } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng, vol } from './common.js';
import { fmtInt } from '../../i18n/numbers.js';

export type ConvParamsAsk = 'total' | 'weights' | 'per-filter';

export interface ConvParamsCase {
  ask: ConvParamsAsk;
  W: number;
  D: number;
  F: number;
  S: number;
  P: number;
  K: number;
}

/** The numbers of question `seed`; the same seed always gives the same case. */
export function convParamsCase(seed: number): ConvParamsCase {
  const r = new Rng(seed);
  const u = r.float();
  const ask: ConvParamsAsk = u < 0.7 ? 'total' : u < 0.85 ? 'weights' : 'per-filter';
  const F = r.pick([1, 3, 3, 3, 5, 5, 7, 11]);
  const D = r.pick([1, 3, 3, 6, 16, 32, 48, 64, 96, 128, 192, 256, 512]);
  const K = r.pick([6, 8, 10, 16, 20, 32, 64, 96, 128, 256, 384, 512]);
  const S = r.pick([1, 1, 1, 2, 2, 4]);
  const P = r.int(0, Math.floor(F / 2));
  const W = r.pick([F === 11 ? 227 : 224, 64, 56, 32, 28, 27, 14, 13]);
  return { ask, W, D, F, S, P, K };
}

/** The drawn cases always fit (the output size is not asked). */
function shape(c: ConvParamsCase): ConvShapeAccepted {
  return convOutputShapeOrThrow({ inC: c.D, inH: c.W, inW: c.W, outChannels: c.K, kernel: c.F, stride: c.S, padding: c.P });
}

export const convParams: Generator = {
  id: 'gen/conv-params',
  topic: 'cnn',
  lesson: 'cnn/conv',
  taught: 'cnn/conv#params',
  title: msg('Parameters of a conv layer (fresh numbers)', '卷积层的参数量（随机数值）'),
  make(seed: number): Question {
    const c = convParamsCase(seed);
    const e = shape(c);
    const p = e.params;
    const layer = msg(
      `A conv layer with K=${c.K} filters of size ${c.F}×${c.F} (stride ${c.S}, padding ${c.P}) takes a ${vol(c.W, c.W, c.D)} input volume.`,
      `卷积层有 K=${c.K} 个 ${c.F}×${c.F} 的滤波器（步长 ${c.S}，填充 ${c.P}），输入数据体为 ${vol(c.W, c.W, c.D)}。`,
    );
    const asks = {
      total: msg('How many parameters (weights and biases) does it have?', '它共有多少个参数（权重加偏置）？'),
      weights: msg('How many weights does it have, biases not counted?', '不计偏置，它有多少个权重？'),
      'per-filter': msg('How many parameters does ONE of its filters have, bias included?', '其中一个滤波器（含偏置）有多少个参数？'),
    } as const;
    const answer = c.ask === 'total' ? p.total : c.ask === 'weights' ? p.filters * p.weightsPerFilter : p.perFilter;
    const extra =
      c.ask === 'weights'
        ? msg(
            `Without the ${c.K} biases: ${c.K}·${fmtInt(p.weightsPerFilter)} = ${fmtInt(answer)} weights.`,
            `去掉 ${c.K} 个偏置：${c.K}·${fmtInt(p.weightsPerFilter)} = ${fmtInt(answer)} 个权重。`,
          )
        : c.ask === 'per-filter'
          ? msg(
              `One filter: ${c.F}·${c.F}·${c.D} + 1 = ${fmtInt(answer)}.`,
              `一个滤波器：${c.F}·${c.F}·${c.D} + 1 = ${fmtInt(answer)}。`,
            )
          : null;
    return {
      id: `${convParams.id}#${seed}`,
      topic: convParams.topic,
      lesson: convParams.lesson,
      kind: 'numeric',
      prompt: joinParas([layer, asks[c.ask]]),
      answer,
      explain: joinParas([
        p.explanation,
        extra,
        msg(
          `Stride and padding only change the output size (here ${e.outputText}), not the count: every position shares the same filters.`,
          `步长和填充只改变输出尺寸（这里是 ${e.outputText}），不改变参数量：所有位置共享同一组滤波器。`,
        ),
      ]),
      hint: msg('Each filter has F·F·D weights and 1 bias; there are K filters.', '每个滤波器有 F·F·D 个权重和 1 个偏置，共 K 个滤波器。'),
    };
  },
};
