/**
 * gen/mha-params — parameters of multi-head attention with model width E and
 * h heads: 4·(E² + E) with biases (torch.nn.MultiheadAttention), 4·E²
 * without, or the E×(E/h) query matrix of one head. The number of heads does
 * not change the total: the heads split W_Q, W_K, W_V into column blocks.
 * Solved by the engine: the count is the size of the tensors its
 * multiHeadAttention accepts for E and h (it refuses E not divisible by h).
 */
import { multiHeadAttentionDetailed } from '../../engine/ops/attention.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng } from './common.js';
import { fmtInt } from '../../i18n/numbers.js';

export type MhaParamsAsk = 'with-bias' | 'no-bias' | 'head-wq';

export interface MhaParamsCase {
  ask: MhaParamsAsk;
  E: number;
  h: number;
}

const WIDTHS = [64, 128, 256, 384, 512, 768];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function mhaParamsCase(seed: number): MhaParamsCase {
  const r = new Rng(seed);
  const u = r.float();
  const ask: MhaParamsAsk = u < 0.6 ? 'with-bias' : u < 0.8 ? 'no-bias' : 'head-wq';
  const E = r.pick(WIDTHS);
  const h = r.pick([2, 4, 8, 12, 16].filter((n) => E % n === 0 && E / n >= 8));
  return { ask, E, h };
}

/** nn.MultiheadAttention(E, h)'s tensors, checked by one engine run; also the per-head query width. */
function mhaTensors(E: number, h: number, bias: boolean): { tensors: Tensor[]; headDim: number } {
  const w = {
    inProjWeight: new Tensor([3 * E, E]),
    inProjBias: bias ? new Tensor([3 * E]) : null,
    outProjWeight: new Tensor([E, E]),
    outProjBias: bias ? new Tensor([E]) : null,
  };
  const x = new Tensor([1, E]);
  const t = multiHeadAttentionDetailed(x, x, x, w, { numHeads: h, embedDim: E });
  const tensors = [w.inProjWeight, w.outProjWeight, ...(w.inProjBias ? [w.inProjBias] : []), ...(w.outProjBias ? [w.outProjBias] : [])];
  return { tensors, headDim: t.qHeads.shape[2] };
}

export const mhaParams: Generator = {
  id: 'gen/mha-params',
  topic: 'transformer',
  lesson: 'transformer/multi-head',
  taught: 'transformer/multi-head#mha-params',
  title: msg('Parameters of multi-head attention (fresh numbers)', '多头注意力的参数量（随机数值）'),
  make(seed: number): Question {
    const { ask, E, h } = mhaParamsCase(seed);
    const { tensors, headDim } = mhaTensors(E, h, ask !== 'no-bias');
    const total = tensors.reduce((s, t) => s + t.size, 0);
    const E2 = E * E;
    const setup = msg(
      `A multi-head attention layer has model width d = ${E} and h = ${h} ${h === 1 ? 'head' : 'heads'}.`,
      `一个多头注意力层的模型宽度 d = ${E}，有 h = ${h} 个头。`,
    );
    const base = { id: `${mhaParams.id}#${seed}`, topic: mhaParams.topic, lesson: mhaParams.lesson, kind: 'numeric' as const };
    if (ask === 'head-wq') {
      const answer = E * headDim;
      return {
        ...base,
        prompt: joinParas([
          setup,
          msg('How many weights does ONE head\'s query matrix W_Qᵢ have?', '其中一个头的查询矩阵 W_Qᵢ 有多少个权重？'),
        ]),
        answer,
        explain: msg(
          `Each head projects the d = ${E} inputs to dₖ = d/h = ${E}/${h} = ${headDim} columns, so W_Qᵢ is ${E}×${headDim} = ${fmtInt(answer)}. The ${h} heads' W_Qᵢ side by side form one ${E}×${E} matrix (${fmtInt(E2)} weights): splitting into heads adds no parameters.`,
          `每个头把 d = ${E} 维输入投影到 dₖ = d/h = ${E}/${h} = ${headDim} 列，所以 W_Qᵢ 是 ${E}×${headDim} = ${fmtInt(answer)}。${h} 个头的 W_Qᵢ 并排拼起来正好是一个 ${E}×${E} 的矩阵（${fmtInt(E2)} 个权重）：分成多头并不增加参数。`,
        ),
        hint: msg('Each head works in dₖ = d/h dimensions.', '每个头的维度是 dₖ = d/h。'),
      };
    }
    const bias = ask === 'with-bias';
    return {
      ...base,
      prompt: joinParas([
        setup,
        bias
          ? msg(
              'How many parameters do W_Q, W_K, W_V and the output projection W_O have together, biases included (as in PyTorch\'s nn.MultiheadAttention)?',
              'W_Q、W_K、W_V 和输出投影 W_O 一共有多少个参数（含偏置，与 PyTorch 的 nn.MultiheadAttention 相同）？',
            )
          : msg(
              'How many parameters do W_Q, W_K, W_V and the output projection W_O have together, without biases (bias=False)?',
              'W_Q、W_K、W_V 和输出投影 W_O 一共有多少个参数（不含偏置，bias=False）？',
            ),
      ]),
      answer: total,
      explain: joinParas([
        bias
          ? msg(
              `W_Q, W_K, W_V and W_O are each d×d = ${E}·${E} = ${fmtInt(E2)} weights plus a bias of ${E}: 4·(d² + d) = 4·(${fmtInt(E2)} + ${E}) = ${fmtInt(total)}.`,
              `W_Q、W_K、W_V、W_O 各是 d×d = ${E}·${E} = ${fmtInt(E2)} 个权重，外加 ${E} 个偏置：4·(d² + d) = 4·(${fmtInt(E2)} + ${E}) = ${fmtInt(total)}。`,
            )
          : msg(
              `W_Q, W_K, W_V and W_O are each d×d = ${E}·${E} = ${fmtInt(E2)} weights: 4·d² = ${fmtInt(total)}.`,
              `W_Q、W_K、W_V、W_O 各是 d×d = ${E}·${E} = ${fmtInt(E2)} 个权重：4·d² = ${fmtInt(total)}。`,
            ),
        msg(
          `The ${h} ${h === 1 ? 'head does' : 'heads do'} not change this: each head uses a ${E}×${headDim} block (dₖ = ${E}/${h} = ${headDim}) of the same matrices.`,
          `头数 ${h} 不影响这个结果：每个头只用同一组矩阵中 ${E}×${headDim} 的一块（dₖ = ${E}/${h} = ${headDim}）。`,
        ),
      ]),
      hint: msg('Four d×d matrices (Q, K, V, output), each with a bias of d when biases are counted.', '四个 d×d 矩阵（Q、K、V、输出），计偏置时各加 d 个偏置。'),
    };
  },
};
