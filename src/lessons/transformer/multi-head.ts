/**
 * transformer/multi-head — several self-attentions side by side: 8 heads
 * give Z₁ … Z₈, concatenated and passed through a Linear layer to Z, which
 * has the shape of the input X. Demo: the engine's multiHeadAttentionDetailed
 * with E = 16 and 8 heads (per-head weights, concat, output); parameters
 * 4·(E² + E), counted from the weight tensors for E = 512.
 */
import { F, multiHeadAttention, multiHeadAttentionDetailed, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { inputRepresentation, maxAbsDiff, mhaWeights, SOURCE } from './common.js';
import { drawMultiHead } from './diagrams.js';
import { shapeText, sub } from './draw-util.js';
import { fmtInt, fmtSci } from '../../i18n/numbers.js';

const MH = { E: 16, h: 8 };
const WORDS = [...SOURCE];

export function multiHeadRun(seed: number) {
  const { x } = inputRepresentation(WORDS, MH.E, seed);
  const r = multiHeadAttentionDetailed(x, x, x, mhaWeights(MH.E, seed + 1), { numHeads: MH.h });
  const dh = MH.E / MH.h;
  const n = WORDS.length;
  // Columns j·dh … (j+1)·dh − 1 of the concat are head j's output Zⱼ: the heads [h, n, dh]
  // put side by side, row by row, are [n, h·dh].
  const sideBySide = F.reshape(F.permute(r.headOutputs, [1, 0, 2]), [n, MH.E]);
  const concatErr = maxAbsDiff(r.concat.data, sideBySide.data);
  return { x, r, dh, n, concatErr };
}

/** The word row 0 attends to most, in head j. */
function favourite(w: Tensor, j: number, n: number): number {
  const row = Array.from(w.data.subarray(j * n * n, j * n * n + n));
  return row.indexOf(Math.max(...row));
}

function multiHeadDemo(seed: number): Block[] {
  const { x, r, dh, n, concatErr } = multiHeadRun(seed);
  const favs = Array.from({ length: MH.h }, (_, j) => favourite(r.weights, j, n));
  const heads: Block[] = [0, 1].map((j) => ({
    kind: 'heatmap',
    label: msg(`head ${j + 1}: attention weights`, `头 ${j + 1}：注意力权重`),
    tensor: r.weights,
    slice: j,
    rowLabels: WORDS,
    colLabels: WORDS,
    min: 0,
    max: 1,
  }));
  return [
    ...heads,
    {
      kind: 'table',
      head: [msg('what', '内容'), msg('shape', '形状')],
      rows: [
        [msg('input X', '输入 X'), shapeText(x.shape)],
        [msg('Q, K, V of all heads', '所有头的 Q、K、V'), shapeText(r.q.shape)],
        [msg(`Q, K, V per head (${MH.h} heads)`, `每个头的 Q、K、V（${MH.h} 个头）`), `${MH.h} × ${shapeText(r.qHeads.shape.slice(1))}`],
        [msg('attention weights per head', '每个头的注意力权重'), `${MH.h} × ${shapeText(r.weights.shape.slice(1))}`],
        [msg(`Z₁ … Z${sub(MH.h)}, one per head`, `Z₁ … Z${sub(MH.h)}，每个头一个`), `${MH.h} × ${shapeText(r.headOutputs.shape.slice(1))}`],
        [msg('Concat(Z₁ … Z₈)', 'Concat(Z₁ … Z₈)'), shapeText(r.concat.shape)],
        [msg('Z = Concat · W_Oᵀ + b', 'Z = Concat · W_Oᵀ + b'), shapeText(r.output.shape)],
      ],
      align: ['left', 'right'],
    },
    { kind: 'matrix', label: msg('Concat(Z₁ … Z₈): two columns per head', 'Concat(Z₁ … Z₈)：每个头两列'), tensor: r.concat, precision: 2 },
    { kind: 'matrix', label: msg('Z: the output of multi-head attention', 'Z：多头注意力的输出'), tensor: r.output, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `Looking from ${WORDS[0]}, the eight heads pay most attention to: ${favs.map((f, j) => `${j + 1}→${WORDS[f]}`).join(' · ')}. Each head has its own projections W_Q, W_K, W_V, so each weighs the words its own way. ` +
          `Each Zⱼ is ${n}×${dh}; side by side the eight make ${shapeText(r.concat.shape)} (columns 0–${dh - 1} are Z₁, and so on: difference ${fmtSci(concatErr)}). ` +
          `The Linear layer W_O (${MH.E}×${MH.E}) mixes them into Z, ${shapeText(r.output.shape)}: the shape of X.`,
        `从“${WORDS[0]}”看出去，八个头最关注的词分别是：${favs.map((f, j) => `${j + 1}→${WORDS[f]}`).join('，')}。每个头有自己的投影矩阵 W_Q、W_K、W_V，所以各自以不同的方式给词分配注意力权重。` +
          `每个 Zⱼ 是 ${n}×${dh}；八个并排拼接得到 ${shapeText(r.concat.shape)}（第 0–${dh - 1} 列是 Z₁，依此类推：差 ${fmtSci(concatErr)}）。` +
          `Linear 层 W_O（${MH.E}×${MH.E}）把它们混合成 Z，${shapeText(r.output.shape)}：与 X 的形状相同。`,
      ),
    },
  ];
}

/** torch.nn.MultiheadAttention's parameters for embed_dim E, counted from the tensors the engine accepts. */
export function mhaParamCount(E: number, h: number): { total: number; inProj: number; outProj: number; outShape: readonly number[] } {
  const w = { inProjWeight: new Tensor([3 * E, E]), inProjBias: new Tensor([3 * E]), outProjWeight: new Tensor([E, E]), outProjBias: new Tensor([E]) };
  const x = new Tensor([2, E]);
  const out = multiHeadAttention(x, x, x, w, { numHeads: h }).output;
  const inProj = w.inProjWeight.size + w.inProjBias.size;
  const outProj = w.outProjWeight.size + w.outProjBias.size;
  return { total: inProj + outProj, inProj, outProj, outShape: out.shape };
}

export const multiHead: Lesson = {
  id: 'transformer/multi-head',
  topic: 'transformer',
  section: 'Transformer › Multi-Head Attention',
  title: msg('Multi-head attention', '多头注意力'),
  summary: msg('Eight self-attentions side by side, concatenated and mixed by a Linear layer', '八个并排的自注意力，拼接后由一个 Linear 层混合'),
  steps: [
    {
      kind: 'text',
      title: msg('More than one way to look', '不止一种关注方式'),
      key: 'ways-to-look',
      body: msg(
        'One self-attention gives each word one set of attention weights over the sentence. But words are related in several ways at once: who does what to whom, which noun a pronoun stands for, which words sit next to each other.\n\n' +
          'Multi-head attention combines several self-attentions, called heads, that run side by side on the same input. Each head has its own W_Q, W_K and W_V, so each can learn to look for a different kind of relation.',
        '一个自注意力只给每个词一组关于整个句子的注意力权重。但词与词之间同时存在好几种关系：谁对谁做了什么，代词指的是哪个名词，哪些词挨在一起。\n\n' +
          '多头注意力（Multi-Head Attention）由多个自注意力组合而成，这些自注意力称为“头”（head），它们在同一个输入上并排计算。每个头有自己的 W_Q、W_K 和 W_V，所以每个头都能学会寻找一种不同的关系。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Eight heads, one output', '八个头，一个输出'),
      draw: drawMultiHead,
      caption: msg('The heads work in parallel; their outputs are concatenated and a Linear layer turns them into Z.', '各个头并行计算；它们的输出被拼接起来，再由一个 Linear 层变成 Z。'),
    },
    {
      kind: 'text',
      title: msg('Concat, then Linear', '先拼接，再 Linear'),
      key: 'concat-linear',
      body: msg(
        'The base model uses 8 heads. Each works in a smaller space, d_k = d_v = d/8 = 64 when d = 512, and returns its own output matrix: Z₁, Z₂, …, Z₈, each n×64.\n\n' +
          'Multi-head attention puts them side by side (Concat), giving n×512 again, and passes the result through a Linear layer W_O to get its final output Z. ' +
          'Z has the same shape as the input X, n×d. That is what lets the encoder add X and Z together and stack block after block.\n\n' +
          'Each head computes its own n×n scores and attention weights, so h heads compute h·n² scores in all (8·10² = 800 for a 10-word sentence).',
        'base 模型使用 8 个头。每个头在更小的空间里计算，d = 512 时 d_k = d_v = d/8 = 64，并输出自己的矩阵：Z₁、Z₂、…、Z₈，每个都是 n×64。\n\n' +
          '多头注意力把它们并排拼接起来（Concat），又得到 n×512，再把结果送入一个 Linear 层 W_O，得到最终输出 Z。' +
          'Z 与输入 X 的形状相同，都是 n×d。正因如此，编码器才能把 X 和 Z 相加，并且一块接一块地堆叠下去。\n\n' +
          '每个头各自计算一个 n×n 的分数矩阵和注意力权重，所以 h 个头一共计算 h·n² 个分数（10 个词的句子、8 个头时为 8·10² = 800 个）。',
      ),
    },
    { kind: 'experiment', key: 'experiment-multi-head', id: 'multi-head' },
    {
      kind: 'demo',
      title: msg('8 heads → concat → linear', '8 个头 → 拼接 → 线性层'),
      intro: msg(
        `The sentence 我 有 一只 猫 with E = ${MH.E} numbers per word and ${MH.h} heads of ${MH.E / MH.h}, through the engine’s multi-head attention (PyTorch’s nn.MultiheadAttention, random parameters). Two of the eight heads are drawn. Press r for other parameters.`,
        `句子“我 有 一只 猫”，每个词 E = ${MH.E} 个数，${MH.h} 个头、每头 ${MH.E / MH.h} 维，经过引擎的多头注意力（即 PyTorch 的 nn.MultiheadAttention，随机参数）。画出了八个头中的两个。按 r 换一组参数。`,
      ),
      run: (env) => multiHeadDemo(env.seed),
    },
    {
      kind: 'formula',
      title: msg('How many parameters?', '有多少参数？'),
      key: 'mha-params',
      intro: msg(
        'W_Q, W_K, W_V (all heads together) and W_O are each E×E with E biases, where E = d is the embedding size. Four of them:',
        'W_Q、W_K、W_V（所有头合在一起）和 W_O 都是 E×E 的矩阵，各带 E 个偏置，其中 E = d 是嵌入维度。一共四组：',
      ),
      formula: {
        symbolic: 'params = 4·(E² + E)',
        substituted: '4·({E}² + {E})',
        expr: '4 * (E^2 + E)',
        vars: [{ name: 'E', value: 512, label: msg('embedding size d', '嵌入维度 d'), min: 1, max: 65536, integer: true }],
        result: { name: 'params', label: msg('weights and biases', '权重和偏置') },
        note: (v, res) => msg(`${fmtInt(res)} parameters. The number of heads does not appear: 8 heads of E/8 columns together make up exactly one big E×E projection.`, `${fmtInt(res)} 个参数。公式里没有头数：8 个各占 E/8 列的头，合起来正好是一个 E×E 的大投影矩阵。`),
      },
    },
    {
      kind: 'text',
      title: msg('Counted from the tensors', '从张量数出来'),
      body: () => {
        const p = mhaParamCount(512, 8);
        return msg(
          `For E = 512 and 8 heads the engine takes in_proj_weight [1536, 512] with in_proj_bias [1536] (W_Q, W_K, W_V stacked: ${fmtInt(p.inProj)}) and out_proj_weight [512, 512] with out_proj_bias [512] (W_O: ${fmtInt(p.outProj)}). ` +
            `Together ${fmtInt(p.total)} parameters, and a 2×512 input comes out ${shapeText(p.outShape)}.`,
          `E = 512、8 个头时，引擎需要 in_proj_weight [1536, 512] 和 in_proj_bias [1536]（W_Q、W_K、W_V 叠在一起：${fmtInt(p.inProj)}），以及 out_proj_weight [512, 512] 和 out_proj_bias [512]（W_O：${fmtInt(p.outProj)}）。` +
            `合计 ${fmtInt(p.total)} 个参数；2×512 的输入，输出为 ${shapeText(p.outShape)}。`,
        );
      },
    },
    {
      kind: 'check',
      title: msg('The output', '输出'),
      check: {
        question: msg('X is n×512 and multi-head attention has 8 heads. What is the shape of its output Z?', 'X 是 n×512，多头注意力有 8 个头。输出 Z 的形状是什么？'),
        options: [msg('n×512', 'n×512'), msg('n×64', 'n×64'), msg('8×n×512', '8×n×512'), msg('n×4096', 'n×4096')],
        answer: 0,
        explain: msg('Each head gives n×64; the 8 side by side give n×512, and W_O (512×512) keeps that: Z has the shape of X.', '每个头给出 n×64；8 个并排得到 n×512，W_O（512×512）保持这个形状：Z 与 X 形状相同。'),
        wrong: {
          1: msg('n×64 is one head’s output Zⱼ, before the concatenation.', 'n×64 是拼接之前单个头的输出 Zⱼ。'),
          2: msg('The heads are concatenated along the columns, not stacked as a new dimension.', '各个头是按列拼接的，而不是堆成一个新的维度。'),
          3: msg('That would be 8 heads of 512 columns each; in the base model each head has 512/8 = 64.', '那是 8 个各有 512 列的头；base 模型中每个头只有 512/8 = 64 列。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('More heads', '更多的头'),
      check: {
        question: () => {
          const a = mhaParamCount(512, 8).total;
          return msg(`With E = 512 and 8 heads, multi-head attention has ${fmtInt(a)} parameters. What happens with 16 heads?`, `E = 512、8 个头时，多头注意力有 ${fmtInt(a)} 个参数。换成 16 个头会怎样？`);
        },
        options: [
          msg('The count stays exactly the same', '参数个数完全不变'),
          msg('It doubles, to about 2.1 million', '翻倍，变成约 210 万'),
          msg('It halves, to about 0.5 million', '减半，变成约 53 万'),
          msg('It grows by 16·512 = 8,192', '增加 16·512 = 8,192 个'),
        ],
        answer: 0,
        explain: (() => {
          const b = mhaParamCount(512, 16).total;
          return msg(`Still ${fmtInt(b)}: 16 heads of 32 columns split the same E×E matrices more finely.`, `仍然是 ${fmtInt(b)}：16 个各 32 列的头，只是把同样的 E×E 矩阵分得更细。`);
        })(),
        wrong: {
          1: msg('Each head gets fewer columns (E/h), so more heads do not add parameters.', '每个头分到的列数是 E/h，头越多每个头越小，所以不会增加权重。'),
          2: msg('Each head gets fewer columns, but together they still cover all E columns of W_Q, W_K, W_V.', '每个头的列数变少了，但合起来仍然覆盖 W_Q、W_K、W_V 的全部 E 列。'),
          3: msg('No parameters are added per head.', '并没有为每个头额外增加参数。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'mha L=6 E=8 h=2',
      note: msg('Two heads over 6 random tokens: compare their weight maps. Then try h=4 or h=8 (h must divide E).', '两个头处理 6 个随机词元：比较它们的权重图。再试试 h=4 或 h=8（h 必须能整除 E）。'),
    },
  ],
};
