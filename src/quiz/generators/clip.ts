/**
 * gen/clip — what gradient clipping by norm does to a small gradient vector
 * (3–4 numbers with a whole-number length): the clipped vector's norm, one
 * clipped entry, or whether clipping changes it at all. Computed with the
 * engine's clipGradNorm (torch.nn.utils.clip_grad_norm_).
 */
import { clipGradNorm, type ClipResult } from '../../engine/ops/clip.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { fmtNum, fmtVec, joinParas, paren, Rng } from './common.js';

export type ClipAsk = 'norm' | 'entry' | 'changes';

export interface ClipCase {
  ask: ClipAsk;
  grad: number[];
  maxNorm: number;
  /** The entry asked about (0-based), for 'entry'. */
  entry: number;
}

/** Vectors with a whole-number length, e.g. [2, 3, 6] (‖·‖ = 7). */
const BASES: readonly (readonly number[])[] = [
  [1, 2, 2],
  [2, 3, 6],
  [1, 4, 8],
  [4, 4, 7],
  [2, 6, 9],
  [6, 6, 7],
  [3, 4, 12],
  [2, 10, 11],
  [1, 1, 3, 5],
  [2, 2, 4, 5],
  [2, 4, 5, 6],
  [1, 3, 3, 9],
  [1, 2, 4, 10],
];
const SCALES = [1, 1, 1, 2, 3, 0.5, 10];
const MAX_NORMS = [0.5, 1, 2, 3, 4, 5, 10, 20, 25, 50, 100];

const ORD_EN = ['first', 'second', 'third', 'fourth'];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function clipCase(seed: number): ClipCase {
  const r = new Rng(seed);
  const u = r.float();
  const ask: ClipAsk = u < 0.35 ? 'norm' : u < 0.7 ? 'entry' : 'changes';
  const base = r.pick(BASES);
  const scale = r.pick(SCALES);
  const grad = r.shuffle(base).map((v) => (r.chance(0.4) ? -1 : 1) * v * scale);
  const norm = Math.hypot(...grad);
  // mostly clipping happens; max_norm stays clearly away from the norm itself
  const clip = ask === 'changes' ? r.chance(0.5) : r.chance(0.8);
  const candidates = MAX_NORMS.filter((m) => (clip ? m <= 0.75 * norm : m >= 1.25 * norm));
  const maxNorm = candidates.length ? r.pick(candidates) : clip ? Math.max(0.1, Math.round(norm / 2)) : Math.ceil(norm * 2);
  return { ask, grad, maxNorm, entry: r.int(0, grad.length - 1) };
}

export function clipRun(c: ClipCase): ClipResult {
  return clipGradNorm([new Tensor([c.grad.length], c.grad)], c.maxNorm);
}

export const clip: Generator = {
  id: 'gen/clip',
  topic: 'rnn',
  lesson: 'rnn/gradients',
  taught: 'rnn/gradients#clipping',
  title: msg('Gradient clipping (fresh numbers)', '梯度截断（随机数值）'),
  make(seed: number): Question {
    const c = clipCase(seed);
    const res = clipRun(c);
    const clipped = Array.from(res.grads[0].data);
    const norm = res.totalNorm;
    const changed = res.coef < 1;
    const newNorm = Math.hypot(...clipped);
    const squares = c.grad.map((v) => `${paren(v)}²`).join(' + ');
    const sumSq = c.grad.reduce((s, v) => s + v * v, 0);
    const g = fmtVec(c.grad);
    const lengthLine = msg(
      `‖g‖ = √(${squares}) = √${fmtNum(sumSq)} = ${fmtNum(norm)}.`,
      `‖g‖ = √(${squares}) = √${fmtNum(sumSq)} = ${fmtNum(norm)}。`,
    );
    const effect = changed
      ? msg(
          `${fmtNum(norm)} > max_norm = ${c.maxNorm}, so every entry is multiplied by max_norm/‖g‖ = ${c.maxNorm}/${fmtNum(norm)} ≈ ${fmtNum(res.coef, 4)}: g becomes ${fmtVec(clipped)}, whose norm is ${fmtNum(newNorm)}. The direction is unchanged; only the length shrinks.`,
          `${fmtNum(norm)} > max_norm = ${c.maxNorm}，所以每个分量都乘以 max_norm/‖g‖ = ${c.maxNorm}/${fmtNum(norm)} ≈ ${fmtNum(res.coef, 4)}：g 变为 ${fmtVec(clipped)}，范数为 ${fmtNum(newNorm)}。方向不变，只是长度缩短了。`,
        )
      : msg(
          `${fmtNum(norm)} ≤ max_norm = ${c.maxNorm}, so clipping leaves g as it is: clipping only ever shrinks gradients that are too long.`,
          `${fmtNum(norm)} ≤ max_norm = ${c.maxNorm}，所以截断不改变 g：截断只会缩短过长的梯度。`,
        );
    const setup = msg(
      `A gradient g = ${g} is clipped by norm with max_norm = ${c.maxNorm} (torch.nn.utils.clip_grad_norm_).`,
      `对梯度 g = ${g} 按范数截断，max_norm = ${c.maxNorm}（torch.nn.utils.clip_grad_norm_）。`,
    );
    const base = {
      id: `${clip.id}#${seed}`,
      topic: clip.topic,
      lesson: clip.lesson,
      explain: joinParas([lengthLine, effect]),
      hint: msg('If ‖g‖ > max_norm, multiply every entry by max_norm/‖g‖; otherwise leave g alone.', '若 ‖g‖ > max_norm，就把每个分量乘以 max_norm/‖g‖；否则 g 保持不变。'),
    };
    if (c.ask === 'changes') {
      return {
        ...base,
        kind: 'truefalse',
        prompt: msg(
          `True or false: clipping the gradient g = ${g} by norm with max_norm = ${c.maxNorm} changes it.`,
          `判断对错：用 max_norm = ${c.maxNorm} 对梯度 g = ${g} 按范数截断，会改变它。`,
        ),
        answer: changed,
      };
    }
    if (c.ask === 'norm') {
      return {
        ...base,
        kind: 'numeric',
        prompt: joinParas([setup, msg('What is the norm of the clipped gradient? (2 decimal places)', '截断后梯度的范数是多少？（保留 2 位小数）')]),
        answer: newNorm,
        tolerance: 0.01,
      };
    }
    const j = c.entry;
    return {
      ...base,
      kind: 'numeric',
      prompt: joinParas([
        setup,
        msg(
          `What does its ${ORD_EN[j]} entry (${fmtNum(c.grad[j])}) become? (2 decimal places)`,
          `它的第 ${j + 1} 个分量（${fmtNum(c.grad[j])}）变成多少？（保留 2 位小数）`,
        ),
      ]),
      answer: clipped[j],
      tolerance: 0.01,
      explain: joinParas([
        lengthLine,
        effect,
        changed
          ? msg(
              `The ${ORD_EN[j]} entry: ${fmtNum(c.grad[j])}·${fmtNum(res.coef, 4)} ≈ ${fmtNum(clipped[j])}.`,
              `第 ${j + 1} 个分量：${fmtNum(c.grad[j])}·${fmtNum(res.coef, 4)} ≈ ${fmtNum(clipped[j])}。`,
            )
          : msg(`The ${ORD_EN[j]} entry stays ${fmtNum(c.grad[j])}.`, `第 ${j + 1} 个分量保持 ${fmtNum(c.grad[j])} 不变。`),
      ]),
    };
  },
};
