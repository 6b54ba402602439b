/**
 * gen/pool-output — the output volume of max or average pooling, PyTorch's
 * rules: the classic F=2, S=2; AlexNet's overlapping F=3, S=2; odd sizes
 * rounded down; ceil_mode rounding up, including the case where the extra
 * window would start in the padding and PyTorch drops it.
 * Solved and explained by the engine's poolOutputShape.
 */
import { poolOutputShape, poolOutputShapeOrThrow, type PoolShapeAccepted } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng, vol } from './common.js';

export type PoolFlavor = 'halve' | 'overlap' | 'floor' | 'ceil' | 'ceil-drop';

export interface PoolOutputCase {
  flavor: PoolFlavor;
  pool: 'max' | 'avg';
  W: number;
  H: number;
  D: number;
  F: number;
  S: number;
  P: number;
  ceilMode: boolean;
}

const DEPTHS = [3, 6, 16, 32, 64, 96, 128, 256, 512];

function shapeOptions(c: PoolOutputCase) {
  return { pool: c.pool, inC: c.D, inH: c.H, inW: c.W, kernel: c.F, stride: c.S, padding: c.P, ceilMode: c.ceilMode };
}

/** Draws until `accept` holds (with a fixed fallback, so every seed gives a case). */
function draw(r: Rng, make: () => PoolOutputCase, accept: (c: PoolOutputCase, e: PoolShapeAccepted) => boolean, fallback: PoolOutputCase): PoolOutputCase {
  for (let tries = 0; tries < 300; tries++) {
    const c = make();
    const e = poolOutputShape(shapeOptions(c));
    if (e.ok && accept(c, e)) return c;
  }
  return fallback;
}

/** The numbers of question `seed`; the same seed always gives the same case. */
export function poolOutputCase(seed: number): PoolOutputCase {
  const r = new Rng(seed);
  const u = r.float();
  const pool = r.chance(0.7) ? 'max' : 'avg';
  const D = r.pick(DEPTHS);
  const base = { pool, D } as const;
  if (u < 0.2) {
    const W = 2 * r.int(2, 56);
    const H = r.chance(0.2) ? 2 * r.int(2, 56) : W;
    return { ...base, flavor: 'halve', W, H, F: 2, S: 2, P: 0, ceilMode: false };
  }
  if (u < 0.4) {
    return draw(
      r,
      () => {
        const W = r.int(5, 56);
        return { ...base, flavor: 'overlap', W, H: W, F: 3, S: 2, P: r.chance(0.6) ? 0 : 1, ceilMode: false };
      },
      () => true,
      { ...base, flavor: 'overlap', W: 55, H: 55, F: 3, S: 2, P: 0, ceilMode: false },
    );
  }
  if (u < 0.55) {
    const W = 2 * r.int(2, 30) + 1;
    return { ...base, flavor: 'floor', W, H: W, F: 2, S: 2, P: 0, ceilMode: false };
  }
  if (u < 0.8) {
    return draw(
      r,
      () => {
        const F = r.pick([2, 3, 3]);
        const W = r.int(5, 40);
        return { ...base, flavor: 'ceil', W, H: W, F, S: 2, P: F === 3 && r.chance(0.4) ? 1 : 0, ceilMode: true };
      },
      (_c, e) => e.width.rounding === 'ceil' && !e.width.droppedLastWindow,
      { ...base, flavor: 'ceil', W: 7, H: 7, F: 2, S: 2, P: 0, ceilMode: true },
    );
  }
  return draw(
    r,
    () => {
      const F = r.int(2, 5);
      const S = r.int(2, Math.max(2, F));
      const P = r.int(1, Math.floor(F / 2));
      const W = r.int(3, 40);
      return { ...base, flavor: 'ceil-drop', W, H: W, F, S, P, ceilMode: true };
    },
    (_c, e) => e.width.droppedLastWindow,
    { ...base, flavor: 'ceil-drop', W: 5, H: 5, F: 3, S: 3, P: 1, ceilMode: true },
  );
}

export const poolOutput: Generator = {
  id: 'gen/pool-output',
  topic: 'cnn',
  lesson: 'cnn/pooling',
  taught: 'cnn/pooling#ceil-mode',
  title: msg('Pooling output volume (fresh numbers)', '池化输出数据体（随机数值）'),
  make(seed: number): Question {
    const c = poolOutputCase(seed);
    // poolOutputCase only returns cases PyTorch accepts.
    const e = poolOutputShapeOrThrow(shapeOptions(c));
    const [D2, H2, W2] = e.outShape;
    const name = c.pool === 'max' ? msg('Max pooling', '最大池化') : msg('Average pooling', '平均池化');
    const torch = c.pool === 'max' ? 'nn.MaxPool2d' : 'nn.AvgPool2d';
    const settings = `F=${c.F}, S=${c.S}${c.P ? `, P=${c.P}` : ''}${c.ceilMode ? ', ceil_mode=True' : ''}`;
    const settingsZh = settings.replace(/, /g, '，');
    const overlap = e.notes.find((n) => n.code === 'overlapping');
    return {
      id: `${poolOutput.id}#${seed}`,
      topic: poolOutput.topic,
      lesson: poolOutput.lesson,
      kind: 'numeric',
      prompt: msg(
        `${name.en} (PyTorch ${torch}) with ${settings} is applied to a ${vol(c.W, c.H, c.D)} volume. What is the output volume (W×H×D)?`,
        `在 PyTorch 中对 ${vol(c.W, c.H, c.D)} 的数据体做${name.zh}（${torch}）：${settingsZh}。输出数据体是多少（W×H×D）？`,
      ),
      answer: [W2, H2, D2],
      explain: joinParas([
        ...e.spatial,
        e.depth.explanation,
        overlap?.message,
        msg(`So the output volume is ${e.outputText}.`, `所以输出数据体是 ${e.outputText}。`),
      ]),
      hint: c.ceilMode
        ? msg(
            '(W − F + 2P)/S + 1, rounded UP in ceil_mode, but an extra window that would start in the right padding is dropped; the depth is unchanged.',
            '(W − F + 2P)/S + 1，ceil_mode 下向上取整，但多出的窗口如果会从右侧填充区开始，就把它丢掉；深度不变。',
          )
        : msg('(W − F + 2P)/S + 1, rounded down; pooling keeps the depth.', '(W − F + 2P)/S + 1，向下取整；池化不改变深度。'),
    };
  },
};
