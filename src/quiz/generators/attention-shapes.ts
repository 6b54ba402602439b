/**
 * gen/attention-shapes — one number about the matrices of (multi-head)
 * attention: the score matrix QKᵀ of n words is n×n, each head's Q is
 * n×(d/h), the concatenated heads are n×d, cross-attention of m decoder words
 * over n encoder words has m×n weights. Solved by running the engine's
 * attention on the very sizes and reading the shapes it produces.
 */
import { multiHeadAttentionDetailed, sdpa } from '../../engine/ops/attention.js';
import { Tensor } from '../../engine/tensor.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng } from './common.js';
import { fmtInt } from '../../i18n/numbers.js';

export type AttentionAsk =
  | 'scores-cols'
  | 'scores-entries'
  | 'all-heads-scores'
  | 'head-q-cols'
  | 'concat-cols'
  | 'cross-rows'
  | 'cross-cols'
  | 'cross-entries';

export interface AttentionShapesCase {
  ask: AttentionAsk;
  /** Words of the sequence (the encoder's words for cross-attention). */
  n: number;
  /** Decoder words (cross-attention only; 0 otherwise). */
  m: number;
  /** d_model */
  d: number;
  h: number;
}

const ASKS: readonly AttentionAsk[] = [
  'scores-cols',
  'scores-entries',
  'all-heads-scores',
  'head-q-cols',
  'head-q-cols',
  'concat-cols',
  'cross-rows',
  'cross-cols',
  'cross-entries',
];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function attentionShapesCase(seed: number): AttentionShapesCase {
  const r = new Rng(seed);
  const ask = r.pick(ASKS);
  const d = r.pick([64, 128, 256, 512]);
  const h = r.pick([2, 4, 8, 16].filter((k) => d / k >= 8));
  const n = r.int(3, 20);
  let m = 0;
  if (ask.startsWith('cross')) {
    m = r.int(2, 18);
    if (m === n) m = n + 1;
  }
  return { ask, n, m, d, h };
}

/**
 * The shapes the engine produces for the case: multi-head attention with width d and
 * h heads (one token is enough to get each head's width dₖ and the concat width), then
 * one head's scaled dot-product attention of the L query words over the S key words.
 * Zero weights: only the shapes matter.
 */
function engineShapes(c: AttentionShapesCase): { h: number; dk: number; E: number; L: number; S: number } {
  const key = `${c.d}/${c.h}`;
  let heads = HEAD_SHAPES.get(key);
  if (!heads) {
    const w = { inProjWeight: new Tensor([3 * c.d, c.d]), outProjWeight: new Tensor([c.d, c.d]) };
    const x = new Tensor([1, c.d]);
    const mha = multiHeadAttentionDetailed(x, x, x, w, { numHeads: c.h, embedDim: c.d });
    heads = { h: mha.qHeads.shape[0], dk: mha.qHeads.shape[2], E: mha.concat.shape[1] };
    HEAD_SHAPES.set(key, heads);
  }
  const L = c.m || c.n;
  const att = sdpa(new Tensor([L, heads.dk]), new Tensor([c.n, heads.dk]), new Tensor([c.n, heads.dk]));
  return { ...heads, L: att.weights.shape[0], S: att.weights.shape[1] };
}

/** [h, dₖ, concat width] per "d/h": they depend on d and h only, so each pair runs once. */
const HEAD_SHAPES = new Map<string, { h: number; dk: number; E: number }>();

export const attentionShapes: Generator = {
  id: 'gen/attention-shapes',
  topic: 'transformer',
  lesson: 'transformer/self-attention',
  taught: 'transformer/self-attention#attention-formula',
  title: msg('Shapes in attention (fresh numbers)', '注意力中的矩阵形状（随机数值）'),
  make(seed: number): Question {
    const c = attentionShapesCase(seed);
    const { h, dk, E, L, S } = engineShapes(c); // one head's weights are L×S
    const { n, m, d } = c;
    const self = msg(
      `Self-attention over a sentence of n = ${n} words with d = ${d} and h = ${h} heads.`,
      `对 n = ${n} 个词的句子做自注意力，d = ${d}，h = ${h} 个头。`,
    );
    const cross = msg(
      `Cross-attention in a decoder: m = ${m} target words attend to the encoder output of n = ${n} source words (d = ${d}, h = ${h} heads).`,
      `解码器中的交叉注意力：m = ${m} 个目标词关注编码器对 n = ${n} 个源词的输出（d = ${d}，h = ${h} 个头）。`,
    );
    let lesson = attentionShapes.lesson;
    let setup: Msg = self;
    let ask: Msg;
    let answer: number;
    let explain: Msg;
    let hint: Msg;
    switch (c.ask) {
      case 'scores-cols':
        ask = msg('In one head, how many columns does the score matrix QKᵀ have?', '在一个头里，分数矩阵 QKᵀ 有多少列？');
        answer = S;
        explain = msg(
          `Q is ${L}×${dk} (one row per word) and Kᵀ is ${dk}×${S}, so QKᵀ is ${L}×${S}: one column per word that can be attended to.`,
          `Q 是 ${L}×${dk}（每个词一行），Kᵀ 是 ${dk}×${S}，所以 QKᵀ 是 ${L}×${S}：每个可被关注的词占一列。`,
        );
        hint = msg('Kᵀ has one column per key, i.e. per word.', 'Kᵀ 的每一列对应一个键，也就是一个词。');
        break;
      case 'scores-entries':
        ask = msg('How many scores (entries of Q·Kᵀ/√d_k) does ONE head compute?', '一个头要计算多少个分数（Q·Kᵀ/√d_k 的元素）？');
        answer = L * S;
        explain = msg(
          `QKᵀ is ${L}×${S}: every word scores every word, ${L}·${S} = ${fmtInt(answer)} scores per head.`,
          `QKᵀ 是 ${L}×${S}：每个词都要给每个词打分，每个头 ${L}·${S} = ${fmtInt(answer)} 个分数。`,
        );
        hint = msg('The score matrix is n×n.', '分数矩阵是 n×n。');
        break;
      case 'all-heads-scores':
        lesson = 'transformer/multi-head';
        ask = msg('How many attention weights do all heads together compute?', '所有头加起来一共计算多少个注意力权重？');
        answer = h * L * S;
        explain = msg(
          `Each head has its own ${L}×${S} weight matrix: ${h}·${L}·${S} = ${fmtInt(answer)}.`,
          `每个头都有自己的 ${L}×${S} 权重矩阵：${h}·${L}·${S} = ${fmtInt(answer)}。`,
        );
        hint = msg('One n×n matrix per head.', '每个头一个 n×n 矩阵。');
        break;
      case 'head-q-cols':
        lesson = 'transformer/multi-head';
        ask = msg("How many columns does each head's query matrix Qᵢ have?", '每个头的查询矩阵 Qᵢ 有多少列？');
        answer = dk;
        explain = msg(
          `The model width is split among the heads: dₖ = d/h = ${d}/${h} = ${dk}, so each Qᵢ is ${L}×${dk}.`,
          `模型宽度平分给各个头：dₖ = d/h = ${d}/${h} = ${dk}，所以每个 Qᵢ 是 ${L}×${dk}。`,
        );
        hint = msg('d divided by the number of heads.', 'd 除以头数。');
        break;
      case 'concat-cols':
        lesson = 'transformer/multi-head';
        ask = msg(
          'Each head outputs Zᵢ. After concatenating Z₁ … Z_h side by side, how many columns are there?',
          '每个头输出 Zᵢ。把 Z₁ … Z_h 横向拼接后，共有多少列？',
        );
        answer = E;
        explain = msg(
          `Each Zᵢ is ${L}×${dk} (dₖ = ${d}/${h}); ${h} of them side by side give ${L}×${h}·${dk} = ${L}×${E}, back to the model width d.`,
          `每个 Zᵢ 是 ${L}×${dk}（dₖ = ${d}/${h}）；${h} 个并排拼接得到 ${L}×${h}·${dk} = ${L}×${E}，恢复为模型宽度 d。`,
        );
        hint = msg('Columns add up when concatenating.', '拼接时列数相加。');
        break;
      case 'cross-rows':
      case 'cross-cols':
      case 'cross-entries': {
        setup = cross;
        const which =
          c.ask === 'cross-rows'
            ? msg('rows', '行')
            : c.ask === 'cross-cols'
              ? msg('columns', '列')
              : null;
        ask = which
          ? msg(`How many ${which.en} does one head's attention-weight matrix have?`, `一个头的注意力权重矩阵有多少${which.zh}？`)
          : msg("How many numbers does one head's attention-weight matrix hold?", '一个头的注意力权重矩阵有多少个数？');
        answer = c.ask === 'cross-rows' ? L : c.ask === 'cross-cols' ? S : L * S;
        explain = msg(
          `Q comes from the decoder (${L} rows) and K from the encoder output (${S} rows), so softmax(QKᵀ/√dₖ) is ${L}×${S}${c.ask === 'cross-entries' ? ` = ${fmtInt(L * S)} numbers` : ''}: one row per target word, one column per source word. Unlike self-attention it need not be square.`,
          `Q 来自解码器（${L} 行），K 来自编码器输出（${S} 行），所以 softmax(QKᵀ/√dₖ) 是 ${L}×${S}${c.ask === 'cross-entries' ? ` = ${fmtInt(L * S)} 个数` : ''}：每个目标词一行，每个源词一列。与自注意力不同，它不一定是方阵。`,
        );
        hint = msg('Rows from the queries, columns from the keys.', '行来自查询，列来自键。');
        break;
      }
    }
    return {
      id: `${attentionShapes.id}#${seed}`,
      topic: attentionShapes.topic,
      lesson,
      kind: 'numeric',
      prompt: joinParas([setup, ask]),
      answer,
      explain,
      hint,
    };
  },
};
