/**
 * gen/grad-norm — how the gradient's length changes k steps back through a
 * tanh RNN in its linear regime with W_hh = g × an orthogonal matrix:
 * ‖∂L/∂h_{T−k}‖ ≈ g^k·‖∂L/∂h_T‖. The true value comes from the engine's
 * rnnBpttGradNorms on exactly such an RNN (tiny inputs, so tanh′ ≈ 1);
 * the explanation shows g^k next to it.
 */
import { rnnBpttGradNorms } from '../../engine/ops/recurrent.js';
import { randNormal } from '../../engine/random.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import { orthogonal } from '../../engine/random.js';
import type { Generator, Question } from '../types.js';
import { fmtNum, joinParas, Rng } from './common.js';
import { fmtSig } from '../../i18n/numbers.js';

export interface GradNormCase {
  gain: number;
  /** Steps back from the last step. */
  k: number;
  /** ‖∂L/∂h_T‖ */
  last: number;
  /** Seed of the orthogonal matrix and the inputs. */
  netSeed: number;
}

const GAINS = [0.5, 0.7, 0.8, 0.9, 0.95, 1.05, 1.1, 1.2, 1.5, 2];
const LASTS = [1, 1, 1, 2, 0.5, 5, 10];
/** Hidden and input sizes of the RNN the engine runs. */
export const GRAD_H = 8;
export const GRAD_I = 3;

/** The numbers of question `seed`; the same seed always gives the same case. */
export function gradNormCase(seed: number): GradNormCase {
  const r = new Rng(seed);
  const gain = r.pick(GAINS);
  // keep g^k between 10⁻³ and 10³ so the answer is a readable number
  const kMax = Math.min(40, Math.floor(3 / Math.abs(Math.log10(gain))));
  const k = r.int(3, Math.max(4, kMax));
  return { gain, k, last: r.pick(LASTS), netSeed: r.int(1, 1_000_000) };
}

/**
 * The RNN of a case: W_hh = gain·Q (Q orthogonal), weight_ih ~ N(0, 1/I) and
 * inputs so small that even gain^T times them stays far below 1 (tanh′ ≈ 1).
 */
export function gradNormNet(c: GradNormCase): { input: Tensor; weightIh: Tensor; weightHh: Tensor } {
  const T = c.k + 1;
  const Q = orthogonal(GRAD_H, c.netSeed);
  const weightHh = new Tensor([GRAD_H, GRAD_H], Array.from(Q.data, (v) => v * c.gain));
  const weightIh = new Tensor([GRAD_H, GRAD_I], Array.from(randNormal([GRAD_H, GRAD_I], c.netSeed + 1).data, (v) => v / Math.sqrt(GRAD_I)));
  const scale = 1e-6 / Math.max(1, c.gain ** T);
  const input = new Tensor([T, GRAD_I], Array.from(randNormal([T, GRAD_I], c.netSeed + 2).data, (v) => v * scale));
  return { input, weightIh, weightHh };
}

/** ‖∂L/∂h_{T−k}‖ for ‖∂L/∂h_T‖ = c.last, by backpropagation through the engine's RNN. */
export function gradNormTruth(c: GradNormCase): number {
  const { input, weightIh, weightHh } = gradNormNet(c);
  const norms = rnnBpttGradNorms(input, null, { weightIh, weightHh }).gradNorms.data;
  // the engine's loss sum(h_T) starts from a gradient of all ones (length √H): rescale to c.last
  return (norms[0] / norms[c.k]) * c.last;
}

export const gradNorm: Generator = {
  id: 'gen/grad-norm',
  topic: 'rnn',
  lesson: 'rnn/gradients',
  taught: 'rnn/gradients#power',
  title: msg('Gradient norm back through time (fresh numbers)', '沿时间反向传播的梯度范数（随机数值）'),
  make(seed: number): Question {
    const c = gradNormCase(seed);
    const truth = gradNormTruth(c);
    const factor = c.gain ** c.k;
    const approx = factor * c.last;
    const vanishing = c.gain < 1;
    const lastText = fmtNum(c.last);
    const product = c.last === 1 ? `${c.gain}^${c.k} = ${fmtSig(factor)}` : `${c.gain}^${c.k}·${lastText} = ${fmtSig(factor)}·${lastText} = ${fmtSig(approx)}`;
    return {
      id: `${gradNorm.id}#${seed}`,
      topic: gradNorm.topic,
      lesson: gradNorm.lesson,
      kind: 'numeric',
      prompt: msg(
        `A tanh RNN runs in its linear regime (tiny inputs, so tanh′ ≈ 1) with W_hh = g·Q: gain g = ${c.gain}, Q orthogonal. At the last step ‖∂L/∂h_T‖ = ${lastText}. About how large is ‖∂L/∂h_{T−${c.k}}‖, ${c.k} steps back? (within 5%)`,
        `一个 tanh RNN 工作在线性区（输入极小，tanh′ ≈ 1），W_hh = g·Q，其中增益 g = ${c.gain}，Q 为正交矩阵。最后一步 ‖∂L/∂h_T‖ = ${lastText}。往回 ${c.k} 步，‖∂L/∂h_{T−${c.k}}‖ 大约是多少？（误差 5% 以内）`,
      ),
      answer: truth,
      tolerance: 0.05 * truth,
      explain: joinParas([
        msg(
          `Each step back multiplies the gradient by W_hhᵀ·diag(tanh′) ≈ ${c.gain}·Qᵀ, and the orthogonal Qᵀ only turns the vector without changing its length, so every step scales the norm by ${c.gain}.`,
          `每往回一步，梯度都乘以 W_hhᵀ·diag(tanh′) ≈ ${c.gain}·Qᵀ；正交矩阵 Qᵀ 只旋转向量而不改变长度，所以每一步范数都乘以 ${c.gain}。`,
        ),
        msg(
          `After k = ${c.k} steps: g^k·‖∂L/∂h_T‖ = ${product}. Backpropagation through the engine's RNN gives ${fmtSig(truth)}.`,
          `k = ${c.k} 步之后：g^k·‖∂L/∂h_T‖ = ${product}。用引擎对这个 RNN 做反向传播，得到 ${fmtSig(truth)}。`,
        ),
        vanishing
          ? msg(
              `A gain below 1 makes the gradient shrink geometrically: it vanishes over long spans.`,
              `增益小于 1 时梯度按几何级数缩小：时间跨度一长就消失了。`,
            )
          : msg(
              `A gain above 1 makes the gradient grow geometrically: it explodes over long spans (gradient clipping keeps the update in check).`,
              `增益大于 1 时梯度按几何级数增长：时间跨度一长就爆炸（梯度截断可以控制更新的大小）。`,
            ),
      ]),
      hint: msg('Each step back multiplies the norm by the gain g: g^k.', '每往回一步，范数乘以增益 g：k 步一共乘以 g^k。'),
    };
  },
};
