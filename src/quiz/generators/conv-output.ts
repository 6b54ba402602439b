/**
 * gen/conv-output — the output volume of a conv layer for a random input
 * W×H×D and random F, S, P, K. Mostly whole-number cases; sometimes
 * (W − F + 2P)/S + 1 is not whole (the answer is PyTorch's floored volume and
 * the explanation names the rows/columns never visited); sometimes the filter
 * is larger than the padded input, asked as "what happens?".
 * Solved and explained by the engine's convOutputShape.
 */
import { convOutputShape, type ConvShapeExplanation, type ConvShapeRefused } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng, vol } from './common.js';

export type ConvOutputKind = 'exact' | 'floor' | 'invalid';

export interface ConvOutputCase {
  kind: ConvOutputKind;
  /** Input width W, height H, depth D (the notes' W×H×D). */
  W: number;
  H: number;
  D: number;
  F: number;
  S: number;
  P: number;
  K: number;
}

const DEPTHS = [1, 3, 3, 3, 8, 16, 32, 64, 96, 128, 256];
const FILTERS = [4, 6, 8, 10, 12, 16, 20, 32, 64, 96, 128, 256];
/** Settings seen in the notes and in classic networks. */
const COMMON = [
  { F: 3, S: 1, P: 1 },
  { F: 5, S: 1, P: 2 },
  { F: 3, S: 1, P: 0 },
  { F: 5, S: 1, P: 0 },
  { F: 3, S: 2, P: 1 },
  { F: 1, S: 1, P: 0 },
  { F: 7, S: 2, P: 3 },
  { F: 11, S: 4, P: 0 },
  { F: 5, S: 2, P: 2 },
  { F: 7, S: 1, P: 3 },
] as const;

function shape(c: ConvOutputCase): ConvShapeExplanation {
  return convOutputShape({ inC: c.D, inH: c.H, inW: c.W, outChannels: c.K, kernel: c.F, stride: c.S, padding: c.P });
}

/** A size whose (n − F + 2P)/S + 1 is a whole number between 2 and 60. */
function exactSize(r: Rng, F: number, S: number, P: number): number {
  for (let tries = 0; tries < 50; tries++) {
    const o = r.chance(0.15) ? r.int(28, 60) : r.int(2, 32);
    const n = (o - 1) * S + F - 2 * P;
    if (n >= 4 && n <= 240) return n;
  }
  return F + S; // practically never reached; the caller re-checks with the engine
}

/** The numbers of question `seed`; the same seed always gives the same case. */
export function convOutputCase(seed: number): ConvOutputCase {
  const r = new Rng(seed);
  const u = r.float();
  const D = r.pick(DEPTHS);
  const K = r.pick(FILTERS);
  if (u < 0.62) {
    let F: number;
    let S: number;
    let P: number;
    if (r.chance(0.55)) ({ F, S, P } = r.pick(COMMON));
    else {
      F = r.pick([1, 3, 3, 5, 5, 7, 9, 11]);
      S = r.pick([1, 1, 2, 2, 3, 4]);
      P = r.int(0, Math.floor(F / 2));
    }
    const W = exactSize(r, F, S, P);
    const H = r.chance(0.25) ? exactSize(r, F, S, P) : W;
    const c: ConvOutputCase = { kind: 'exact', W, H, D, F, S, P, K };
    // exactSize's fallback may not be whole when P > 0: re-check with the engine
    const e = shape(c);
    if (e.ok && e.width.rounding === 'exact' && e.height.rounding === 'exact') return c;
    return { kind: 'exact', W: 32, H: 32, D, F: 3, S: 1, P: 1, K };
  }
  if (u < 0.85) {
    for (let tries = 0; tries < 200; tries++) {
      const F = r.pick([2, 3, 3, 4, 5, 5, 7, 11]);
      const S = r.pick([2, 2, 3, 4]);
      const P = r.chance(0.5) ? 0 : r.int(1, Math.floor(F / 2));
      const W = r.int(Math.max(5, F), 64);
      if ((W - F + 2 * P) % S === 0) continue;
      const H = r.chance(0.2) ? r.int(Math.max(5, F), 64) : W;
      return { kind: 'floor', W, H, D, F, S, P, K };
    }
    return { kind: 'floor', W: 8, H: 8, D, F: 3, S: 2, P: 0, K }; // (8 − 3)/2 + 1 = 3.5
  }
  const F = r.pick([4, 5, 7, 9, 11]);
  const P = r.int(0, Math.max(0, Math.floor((F - 2) / 2) - 1));
  const W = r.int(2, F - 1 - 2 * P);
  const S = r.pick([1, 1, 2]);
  return { kind: 'invalid', W, H: W, D, F, S, P, K };
}

function layerText(c: ConvOutputCase): Msg {
  return msg(
    `A conv layer has K=${c.K} filters of size ${c.F}×${c.F} with stride S=${c.S} and padding P=${c.P}. Its input volume is ${vol(c.W, c.H, c.D)}.`,
    `卷积层有 K=${c.K} 个 ${c.F}×${c.F} 的滤波器，步长 S=${c.S}，填充 P=${c.P}，输入数据体为 ${vol(c.W, c.H, c.D)}。`,
  );
}

function invalidQuestion(c: ConvOutputCase, e: ConvShapeRefused, base: Pick<Question, 'id' | 'topic' | 'lesson'>, r: Rng): Question {
  const layer = layerText(c);
  const correct = msg(
    'PyTorch raises an error because the kernel is larger than the padded input',
    'PyTorch 报错，因为卷积核比填充后的输入还大',
  );
  const wrong = [
    msg(`The output is 1×1×${c.K}: PyTorch shrinks the filter until it fits`, `输出为 1×1×${c.K}：PyTorch 会把滤波器缩小到放得下为止`),
    msg(
      `PyTorch adds extra zero padding until the filter fits, giving 1×1×${c.K}`,
      `PyTorch 自动补足零填充直到滤波器放得下，输出为 1×1×${c.K}`,
    ),
    msg(`The output keeps the input size: ${vol(c.W, c.H, c.K)}`, `输出保持输入的尺寸：${vol(c.W, c.H, c.K)}`),
  ];
  const options = r.shuffle([correct, ...wrong]);
  return {
    ...base,
    kind: 'choice',
    prompt: joinParas([layer, msg('What happens when PyTorch runs this layer?', 'PyTorch 运行这一层时会发生什么？')]),
    options,
    answer: options.indexOf(correct),
    explain: joinParas([
      // The drawn numbers are valid, so the refusal is the geometry's and the width was worked out.
      ...(e.width
        ? [
            msg(
              `The formula gives ${e.width.worked}, less than 1: there is not a single position for the filter.`,
              `公式给出 ${e.width.worked}，小于 1：滤波器连一个位置都放不下。`,
            ),
          ]
        : []),
      e.summary,
    ]),
    hint: msg('Compare the filter size F with the padded input W + 2P.', '比较滤波器大小 F 和填充后的输入 W + 2P。'),
  };
}

export const convOutput: Generator = {
  id: 'gen/conv-output',
  topic: 'cnn',
  lesson: 'cnn/stride-padding',
  taught: 'cnn/stride-padding#output-size',
  title: msg('Conv output volume (fresh numbers)', '卷积输出数据体（随机数值）'),
  make(seed: number): Question {
    const c = convOutputCase(seed);
    const e = shape(c);
    const base = { id: `${convOutput.id}#${seed}`, topic: convOutput.topic, lesson: convOutput.lesson };
    // a separate stream for presentation choices, so the case stays reproducible on its own
    const r = new Rng(seed ^ 0x5bd1e995);
    if (!e.ok) return invalidQuestion(c, e, base, r);
    const [K, H2, W2] = e.outShape;
    return {
      ...base,
      kind: 'numeric',
      prompt: joinParas([
        layerText(c),
        msg('What output volume does PyTorch produce (W×H×D)?', 'PyTorch 算出的输出数据体是多少（W×H×D）？'),
      ]),
      answer: [W2, H2, K],
      explain: joinParas([
        ...e.spatial,
        e.depth.explanation,
        msg(`So the output volume is ${e.outputText}.`, `所以输出数据体是 ${e.outputText}。`),
      ]),
      hint: msg(
        'W₂ = (W − F + 2P)/S + 1, rounded down when it is not a whole number; the depth is the number of filters K.',
        'W₂ = (W − F + 2P)/S + 1，不是整数时向下取整；深度等于滤波器个数 K。',
      ),
    };
  },
};
