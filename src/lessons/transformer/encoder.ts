/**
 * transformer/encoder — the encoder block: Multi-Head Attention → Add & Norm
 * → Feed Forward → Add & Norm. Add = a residual connection X + Sublayer(X)
 * (same shape, as in ResNet); Norm = Layer Normalization (each row to the
 * same mean and variance). Feed Forward: Linear → ReLU → Linear, d_ff = 2048
 * in the base model. Demos: the engine's layerNormWithStats on a residual
 * sum; a whole block built from engine ops.
 */
import { F, layerNormWithStats, multiHeadAttention, type Tensor } from '../../engine/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { encoderBlock, inputRepresentation, mhaWeights, rowStats, SOURCE } from './common.js';
import { drawEncoderBlock } from './diagrams.js';
import { shapeText } from './draw-util.js';
import { fixed, fmtDecimals, fmtInt } from '../../i18n/numbers.js';

const ENC = { d: 8, heads: 2, dff: 32 };
const WORDS = [...SOURCE];

export function addNormRun(seed: number) {
  const { x } = inputRepresentation(WORDS, ENC.d, seed);
  const attn = multiHeadAttention(x, x, x, mhaWeights(ENC.d, seed + 1), { numHeads: ENC.heads }).output;
  const sum = F.add(x, attn);
  const ln = layerNormWithStats(sum, [ENC.d]);
  return { x, attn, sum, ln, after: rowStats(ln.output) };
}

function addNormDemo(seed: number): Block[] {
  const { x, attn, sum, ln, after } = addNormRun(seed);
  const mean = Array.from(ln.mean.data);
  const variance = Array.from(ln.variance.data);
  return [
    { kind: 'matrix', label: 'X', tensor: x, precision: 2 },
    { kind: 'matrix', label: 'MultiHeadAttention(X)', tensor: attn, precision: 2 },
    { kind: 'matrix', label: msg('Add: X + MultiHeadAttention(X)', 'Add：X + MultiHeadAttention(X)'), tensor: sum, precision: 2 },
    {
      kind: 'table',
      head: [msg('word', '词'), msg('mean before', '之前的均值'), msg('variance before', '之前的方差'), msg('mean after', '之后的均值'), msg('variance after', '之后的方差')],
      rows: WORDS.map((w, i) => [w, fixed(mean[i], 3), fixed(variance[i], 3), fixed(after.mean[i], 3), fixed(after.variance[i], 3)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    { kind: 'matrix', label: msg('Norm: LayerNorm(X + MultiHeadAttention(X))', 'Norm：LayerNorm(X + MultiHeadAttention(X))'), tensor: ln.output, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `The sum has the shape of X (${shapeText(sum.shape)}), which is why the two can be added. Its rows have different means (${mean.map((m) => fmtDecimals(m, 2)).join(', ')}) and variances (${variance.map((v) => fmtDecimals(v, 2)).join(', ')}). ` +
          `LayerNorm subtracts each row’s mean and divides by its standard deviation: afterwards every row has mean 0 and variance 1 (the last two columns of the table; the tiny ε in the formula keeps the variance a hair under 1).`,
        `和的形状与 X 相同（${shapeText(sum.shape)}），所以二者才能相加。它的各行均值不同（${mean.map((m) => fmtDecimals(m, 2)).join('、')}），方差也不同（${variance.map((v) => fmtDecimals(v, 2)).join('、')}）。` +
          `LayerNorm 对每一行减去均值、除以标准差：之后每一行的均值都是 0，方差都是 1（见表格最后两列；公式中很小的 ε 让方差比 1 略小一点点）。`,
      ),
    },
  ];
}

function blockDemo(seed: number): Block[] {
  const { x } = inputRepresentation(WORDS, ENC.d, seed);
  const t = encoderBlock(x, ENC.heads, ENC.dff, seed + 1);
  const stage = (name: Msg | string, m: Tensor) => {
    const s = rowStats(m);
    return [name, shapeText(m.shape), fixed(s.mean[0], 2), fixed(s.variance[0], 2)];
  };
  const zeros = Array.from(t.hidden.data).filter((v) => v === 0).length;
  return [
    {
      kind: 'table',
      head: [msg('stage', '阶段'), msg('shape', '形状'), msg('row 0 mean', '第 0 行均值'), msg('row 0 variance', '第 0 行方差')],
      rows: [
        stage(msg('input X', '输入 X'), t.x),
        stage('MultiHeadAttention', t.attn),
        stage('Add & Norm', t.norm1),
        stage(msg(`Feed Forward: Linear ${ENC.d}→${ENC.dff}, ReLU`, `前馈：Linear ${ENC.d}→${ENC.dff}，ReLU`), t.hidden),
        stage(msg(`Feed Forward: Linear ${ENC.dff}→${ENC.d}`, `前馈：Linear ${ENC.dff}→${ENC.d}`), t.ffn),
        stage('Add & Norm', t.out),
      ],
      align: ['left', 'right', 'right', 'right'],
    },
    { kind: 'heatmap', label: msg('inside the feed forward: ReLU(x·W₁ + b₁), one row per word', '前馈层内部：ReLU(x·W₁ + b₁)，每个词一行'), tensor: t.hidden, rowLabels: WORDS, min: 0 },
    { kind: 'heatmap', label: msg('the block’s output', '编码器块的输出'), tensor: t.out, rowLabels: WORDS },
    {
      kind: 'text',
      text: msg(
        `The feed forward layer widens each word’s ${ENC.d} numbers to ${ENC.dff} (four times, like 512 → 2048), and ReLU sets ${zeros} of the ${t.hidden.size} hidden values to 0. ` +
          `Then it narrows them back to ${ENC.d}, so the block’s output is ${shapeText(t.out.shape)}, ready for the next block.`,
        `前馈层把每个词的 ${ENC.d} 个数扩展到 ${ENC.dff} 个（四倍，和 512 → 2048 一样），ReLU 把 ${t.hidden.size} 个隐藏值中的 ${zeros} 个置为 0。` +
          `然后再压回 ${ENC.d} 个，所以编码器块的输出是 ${shapeText(t.out.shape)}，可以直接送入下一个块。`,
      ),
    },
  ];
}

export const encoder: Lesson = {
  id: 'transformer/encoder',
  topic: 'transformer',
  section: 'Transformer › Encoder',
  title: msg('The encoder block', '编码器块'),
  summary: msg('Multi-head attention, Add & Norm (residual + LayerNorm), feed forward, Add & Norm', '多头注意力、Add & Norm（残差 + 层归一化）、前馈层、Add & Norm'),
  steps: [
    {
      kind: 'text',
      title: msg('Four layers in a block', '一个块里的四层'),
      key: 'four-layers',
      body: msg(
        'An encoder block is four layers in a row:\n' +
          '  1. Multi-Head Attention\n  2. Add & Norm\n  3. Feed Forward\n  4. Add & Norm\n\n' +
          'It takes an n×d matrix and returns an n×d matrix. The encoder is six such blocks, one on top of the other.',
        '一个编码器块由依次相连的四层组成：\n' +
          '  1. 多头注意力（Multi-Head Attention）\n  2. Add & Norm\n  3. 前馈层（Feed Forward）\n  4. Add & Norm\n\n' +
          '它输入一个 n×d 矩阵，输出一个 n×d 矩阵。编码器就是六个这样的块叠在一起。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Inside an encoder block', '编码器块的内部'),
      draw: drawEncoderBlock,
      caption: msg('The arrows on the right carry the input of each sublayer around it, to be added to its output.', '右侧的箭头把每个子层的输入绕过该子层送过去，与它的输出相加。'),
    },
    {
      kind: 'text',
      title: msg('Add: a residual connection', 'Add：残差连接'),
      key: 'add',
      body: msg(
        'Let X be the input of the multi-head attention (or of the feed forward layer). Its output, MultiHeadAttention(X), has the same shape as X, so the two can be added:\n  X + MultiHeadAttention(X)\n\n' +
          'This is a residual connection, the trick that made very deep ResNets trainable. The layer no longer has to rebuild its whole input; it only learns the difference to add to it. ' +
          'And during training the gradient can flow straight back through the "+", which helps when many layers are stacked.',
        '设 X 是多头注意力（或前馈层）的输入。它的输出 MultiHeadAttention(X) 与 X 的形状相同，所以两者可以相加：\n  X + MultiHeadAttention(X)\n\n' +
          '这就是残差连接，正是它让很深的 ResNet 得以训练。这一层不必重新构造整个输入，只需要学习要在输入上加上的那部分差异。' +
          '训练时梯度也可以直接穿过这个“+”往回传，这在很多层堆叠时很有帮助。',
      ),
    },
    {
      kind: 'text',
      title: msg('Norm: layer normalization', 'Norm：层归一化'),
      key: 'norm',
      body: msg(
        'Norm is Layer Normalization, a normalization often used in RNNs. It takes each row (the d numbers of one word), subtracts their mean and divides by their standard deviation, then applies a learned scale γ and shift β.\n\n' +
          'So the inputs of every layer have the same mean and variance, whatever the layers before did to them. That keeps the numbers in a steady range and makes training converge faster. ' +
          'Unlike batch normalization it needs no batch: each word is normalized on its own.',
        'Norm 指的是层归一化（Layer Normalization），一种常用于 RNN 的归一化方法。它对每一行（一个词的 d 个数）减去它们的均值、除以它们的标准差，再乘以学习得到的缩放 γ、加上平移 β。\n\n' +
          '这样，无论前面的层对数据做了什么，每一层的输入都有相同的均值和方差。数值保持在稳定的范围内，训练收敛得更快。' +
          '和批归一化不同，它不需要一个批次：每个词单独归一化。',
      ),
    },
    { kind: 'experiment', key: 'experiment-residual-layernorm', id: 'residual-layernorm' },
    {
      kind: 'formula',
      title: msg('One number through LayerNorm', '一个数经过 LayerNorm'),
      key: 'layernorm-formula',
      intro: msg('For one number x of a row with mean μ and variance σ² (before γ and β):', '对于一行中的某个数 x，该行均值为 μ、方差为 σ²（在乘 γ、加 β 之前）：'),
      formula: {
        symbolic: 'y = (x − μ) / √(σ² + ε),  ε = 10⁻⁵',
        substituted: '({x} − {mu}) / √({var} + 10⁻⁵)',
        expr: '(x - mu) / sqrt(var + 1e-5)',
        vars: [
          { name: 'x', value: 3, label: msg('the number', '这个数'), min: -1e6, max: 1e6 },
          { name: 'mu', value: 1, label: msg('mean μ of its row', '所在行的均值 μ'), min: -1e6, max: 1e6 },
          { name: 'var', value: 4, label: msg('variance σ² of its row', '所在行的方差 σ²'), min: 0, max: 1e12 },
        ],
        result: { name: 'y', label: msg('normalized value', '归一化后的值') },
        note: (v, res) => {
          if (v.var === 0) return msg('σ² = 0: all numbers of the row are equal. Without ε this would divide by zero; the row should be all equal to μ, so x − μ = 0 and y = 0.', 'σ² = 0：这一行的数全都相等。没有 ε 就会除以零；这时这一行的数都等于 μ，所以 x − μ = 0，y = 0。');
          const sd = fmtDecimals(Math.abs(res), 3);
          return msg(`x is ${sd} standard deviation${sd === '1' ? '' : 's'} ${res >= 0 ? 'above' : 'below'} its row’s mean.`, `x 比所在行的均值${res >= 0 ? '高' : '低'} ${sd} 个标准差。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('Add & Norm on numbers', 'Add & Norm 的数值计算'),
      intro: msg(
        `The sentence 我 有 一只 猫 as X (d = ${ENC.d}), its multi-head attention (${ENC.heads} heads, random parameters), their sum, and the engine’s layerNormWithStats on the sum. Press r for other parameters.`,
        `句子“我 有 一只 猫”表示为 X（d = ${ENC.d}），它的多头注意力输出（${ENC.heads} 个头，随机参数），两者之和，以及引擎的 layerNormWithStats 对这个和的计算。按 r 换一组参数。`,
      ),
      run: (env) => addNormDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Feed Forward', '前馈层'),
      key: 'feed-forward',
      body: msg(
        'The feed forward layer is two fully connected layers with a ReLU between them:\n  FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂\n\n' +
          'It is applied to each word’s row separately, with the same parameters for every position. The first layer widens the row from d to d_ff numbers (512 → 2048 in the base model); the second brings it back to d, so the output is again n×d.',
        '前馈层是两个全连接层，中间夹一个 ReLU：\n  FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂\n\n' +
          '它对每个词的那一行分别计算，所有位置用同一组参数。第一层把一行从 d 个数扩展到 d_ff 个（base 模型中 512 → 2048）；第二层再变回 d 个，所以输出仍是 n×d。',
      ),
    },
    {
      kind: 'formula',
      title: msg('Parameters of the feed forward layer', '前馈层的参数个数'),
      key: 'ffn-params',
      formula: {
        symbolic: 'params = d·d_ff + d_ff + d_ff·d + d',
        substituted: '{d}·{dff} + {dff} + {dff}·{d} + {d}',
        expr: 'd*dff + dff + dff*d + d',
        vars: [
          { name: 'd', value: 512, label: msg('model size d', '模型维度 d'), min: 1, max: 65536, integer: true },
          { name: 'dff', value: 2048, label: msg('inner size d_ff', '内层维度 d_ff'), min: 1, max: 262144, integer: true },
        ],
        result: { name: 'params', label: msg('W₁, b₁, W₂, b₂', 'W₁、b₁、W₂、b₂') },
        note: (v, res) => {
          const mha = 4 * (v.d * v.d + v.d);
          return msg(`${fmtInt(res)}: about twice the ${fmtInt(mha)} of the block’s multi-head attention (4·(d² + d)).`, `${fmtInt(res)}：大约是同一块中多头注意力参数 ${fmtInt(mha)}（4·(d² + d)）的两倍。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('A whole encoder block', '一个完整的编码器块'),
      intro: msg(
        `The four layers in order on the same sentence, built from the engine’s ops (multi-head attention, layer norm, linear, ReLU), d = ${ENC.d}, d_ff = ${ENC.dff}.`,
        `在同一个句子上依次计算这四层，全部由引擎的运算搭建（多头注意力、层归一化、线性层、ReLU），d = ${ENC.d}，d_ff = ${ENC.dff}。`,
      ),
      run: (env) => blockDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('Add & Norm', 'Add & Norm'),
      check: {
        question: msg('What does the "Add" in Add & Norm compute?', 'Add & Norm 中的 “Add” 计算的是什么？'),
        options: [
          msg('X + Sublayer(X), the residual connection around the sublayer', 'X + Sublayer(X)，即绕过子层的残差连接'),
          msg('The word embedding plus the position embedding', '词嵌入加上位置嵌入'),
          msg('The outputs of the 8 heads summed into one matrix', '8 个头的输出相加成一个矩阵'),
          msg('A learned bias added to every row before LayerNorm', '在 LayerNorm 之前给每一行加上一个学习得到的偏置'),
        ],
        answer: 0,
        explain: msg(
          'The input X of the multi-head attention (or feed forward layer) skips around it and is added to its output; the shapes match, so the sum is n×d again. Then LayerNorm normalizes each row.',
          '多头注意力（或前馈层）的输入 X 绕过该层，与它的输出相加；两者形状相同，所以和仍是 n×d。随后 LayerNorm 对每一行做归一化。',
        ),
        wrong: {
          1: msg('That sum builds the input X, before the first encoder block.', '那个和构成输入 X，在第一个编码器块之前。'),
          2: msg('The heads are concatenated and mixed by a Linear layer, not added.', '各个头是拼接后由 Linear 层混合，而不是相加。'),
          3: msg('LayerNorm has its own learned shift β, applied after normalizing; Add is the residual sum.', 'LayerNorm 有自己学习得到的平移 β，在归一化之后使用；Add 指的是残差求和。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'layernorm [1, 2, 3, 10]',
      note: msg('Layer normalization of one row: its mean and variance before and after. Try a row of equal numbers, like [5, 5, 5, 5].', '对一行做层归一化：看它前后的均值和方差。试试一行相等的数，比如 [5, 5, 5, 5]。'),
    },
  ],
};
