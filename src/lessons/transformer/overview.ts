/**
 * transformer/overview — "Attention is all you need": the three steps of
 * the notes. 1) X = word embedding + position embedding (n×d); 2) six
 * encoder blocks turn X into the encoding matrix C (same shape); 3) the
 * decoder translates word i+1 from words 1…i and C, the later words masked.
 * Demos: X through six encoder blocks built from engine ops; the causal
 * mask of the decoder (engine's sdpa).
 */
import { sdpa } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { encoderBlock, inputRepresentation, qkv, rowStats, SOURCE, TARGET } from './common.js';
import { drawStack } from './diagrams.js';
import { shapeText } from './draw-util.js';
import { fixed, fmtDecimals } from '../../i18n/numbers.js';

const FLOW = { d: 8, heads: 2, dff: 32, blocks: 6 };

export function encoderFlow(seed: number) {
  const { d, heads, dff, blocks } = FLOW;
  const { x } = inputRepresentation(SOURCE, d, seed);
  const stages = [x];
  for (let b = 0; b < blocks; b++) stages.push(encoderBlock(stages[b], heads, dff, seed + 100 * (b + 1)).out);
  return { x, c: stages[blocks], stages };
}

function flowDemo(seed: number): Block[] {
  const { x, c, stages } = encoderFlow(seed);
  const n = SOURCE.length;
  const words = [...SOURCE];
  return [
    { kind: 'matrix', label: msg('X = word emb. + position emb.', 'X = 词嵌入 + 位置嵌入'), tensor: x, precision: 2 },
    {
      kind: 'table',
      head: [msg('after', '经过'), msg('shape', '形状'), msg('row 0 (我): first 4 numbers', '第 0 行（我）：前 4 个数')],
      rows: stages.map((s, k) => [
        k === 0 ? msg('input X', '输入 X') : msg(`encoder ${k}`, `编码器 ${k}`),
        shapeText(s.shape),
        Array.from(s.data.subarray(0, 4), (v) => fixed(v, 2, 5)).join(' '),
      ]),
      align: ['left', 'right', 'left'],
    },
    { kind: 'heatmap', label: msg('C: the encoding matrix, one row per source word', 'C：编码信息矩阵，每个源语言词一行'), tensor: c, rowLabels: words },
    {
      kind: 'text',
      text: msg(
        `Six encoder blocks, each with its own parameters, turned X (${shapeText(x.shape)}) into C (${shapeText(c.shape)}): the same shape, one row per word. ` +
          `Every row of C was computed from all ${n} words at once, so it describes its word in the context of the whole sentence. ` +
          `(Each block ends with a LayerNorm, which is why every row of C has mean ${fmtDecimals(Math.abs(rowStats(c).mean[0]), 2)} and variance ${fmtDecimals(rowStats(c).variance[0], 2)}.)`,
        `六个编码器块（各有自己的参数）把 X（${shapeText(x.shape)}）变成了 C（${shapeText(c.shape)}）：形状不变，每个词一行。` +
          `C 的每一行都是同时根据全部 ${n} 个词算出来的，所以它描述的是这个词在整个句子语境中的含义。` +
          `（每个块最后都有一个 LayerNorm，所以 C 的每一行均值为 ${fmtDecimals(Math.abs(rowStats(c).mean[0]), 2)}、方差为 ${fmtDecimals(rowStats(c).variance[0], 2)}。）`,
      ),
    },
  ];
}

function maskDemo(seed: number): Block[] {
  const words = [...TARGET];
  const m = words.length;
  const { x } = inputRepresentation(words, FLOW.d, seed + 7);
  const { q, k, v } = qkv(x, FLOW.d, seed + 8);
  const r = sdpa(q, k, v, { causal: true });
  const rows = words.slice(0, m - 1).map((_, i) => [String(i + 1), words.slice(0, i + 1).join(' '), words[i + 1]]);
  let above = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) above = Math.max(above, r.weights.data[i * m + j]);
  return [
    {
      kind: 'table',
      head: ['i', msg('the decoder has words 1…i', '解码器已有第 1…i 个词'), msg('and predicts word i+1', '预测第 i+1 个词')],
      rows,
      align: ['right', 'left', 'left'],
    },
    { kind: 'heatmap', label: msg('masked attention weights (row: a word, column: the word it looks at)', '带掩码的注意力权重（行：词，列：它看的词）'), tensor: r.weights, rowLabels: words, colLabels: words, min: 0, max: 1 },
    { kind: 'matrix', label: msg('the same attention weights as numbers', '同样的注意力权重（数值）'), tensor: r.weights, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `Every attention weight above the diagonal is ${fmtDecimals(above, 6)}: word i never sees the words after it. ` +
          `So in training all ${m} rows can be computed together, and row i still only uses what the decoder would have when it translates word i+1.`,
        `对角线以上的注意力权重都是 ${fmtDecimals(above, 6)}：第 i 个词永远看不到它后面的词。` +
          `所以训练时 ${m} 行可以一起算，而第 i 行用到的仍然只是翻译第 i+1 个词时解码器已有的内容。`,
      ),
    },
  ];
}

export const overview: Lesson = {
  id: 'transformer/overview',
  topic: 'transformer',
  section: 'Transformer › Transformer整体结构 › 流程',
  title: msg('The Transformer: the big picture', 'Transformer：整体结构'),
  summary: msg('Encoder, decoder and the three steps from a sentence to its translation', '编码器、解码器，以及从句子到译文的三个步骤'),
  steps: [
    {
      kind: 'text',
      title: msg('Attention is all you need', '“Attention is all you need”：注意力就是全部'),
      key: 'attention-is-all',
      body: msg(
        '"Attention Is All You Need" is the title of the 2017 paper (Vaswani et al.) that introduced the Transformer. Its point is in the title: a translation model needs no recurrence at all. ' +
          'It reads a sentence with attention layers and small feed-forward layers, and nothing else.\n\n' +
          'The model has two halves. The encoder reads the source sentence (say the Chinese 我有一只猫). The decoder writes the translation ("I have a cat"), one word at a time, looking at the encoder’s result.',
        '“Attention Is All You Need” 是 2017 年提出 Transformer 的那篇论文（Vaswani 等人）的标题。它的要点就在标题里：翻译模型完全不需要循环结构。' +
          '它只用注意力层和小的前馈层来读句子，别的什么都不用。\n\n' +
          '模型分为两半。编码器（Encoder）读入源语言句子（比如中文“我有一只猫”）。解码器（Decoder）参考编码器的结果，一次一个词地写出译文（“I have a cat”）。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Six encoders, six decoders', '六个编码器，六个解码器'),
      draw: drawStack,
      caption: msg(
        'Left: the encoder stack turns X into C. Right: the decoder stack; every decoder block reads C. At the top a Linear layer and a softmax give the next word.',
        '左边：编码器堆叠，把 X 变成 C。右边：解码器堆叠，每个解码器块都读取 C。最上面的 Linear 层和 softmax 给出下一个词。',
      ),
    },
    {
      kind: 'text',
      title: msg('Step 1: the input representation X', '第 1 步：输入表示 X'),
      key: 'input-x',
      body: msg(
        'Each word of the sentence becomes a vector x, the sum of two embeddings: the word embedding (features extracted from the word itself) and the position embedding (which says where in the sentence the word stands).\n\n' +
          'Stacked as rows, these vectors form the matrix X of size n×d: n is the number of words in the sentence, d the length of each vector (512 in the paper’s base model).\n\n' +
          'A convention for all the Transformer lessons and quiz questions, as in the notes and the paper: each word is a row, so a weight matrix multiplies from the right, X·W_Q. (The RNN and LSTM lessons write column vectors, W·x.)',
        '句子里的每个词都变成一个向量 x，它是两个嵌入（Embedding）之和：词嵌入（从词本身提取出的特征）和位置嵌入（说明这个词在句子中的位置）。\n\n' +
          '把这些向量按行堆起来，就得到大小为 n×d 的矩阵 X：n 是句子中的单词个数，d 是每个向量的维度（论文的 base 模型中为 512）。\n\n' +
          '所有 Transformer 课程和测验题都采用笔记和论文的约定：每个词是一行，所以权重矩阵从右边乘，即 X·W_Q。（RNN 和 LSTM 的课程用的是列向量，写作 W·x。）',
      ),
    },
    {
      kind: 'text',
      title: msg('Step 2: six encoder blocks give C', '第 2 步：六个编码器块得到 C'),
      key: 'six-encoders',
      body: msg(
        'X goes through six encoder blocks, one after another. Each block takes an n×d matrix and returns an n×d matrix, so the shape never changes.\n\n' +
          'The output of the last block is the encoding matrix C: for every word of the sentence, a vector that encodes the word together with what the rest of the sentence says about it.',
        'X 依次经过六个编码器块。每个块输入一个 n×d 矩阵、输出一个 n×d 矩阵，所以形状始终不变。\n\n' +
          '最后一个块的输出就是编码信息矩阵 C：句子中每个词都对应一个向量，它编码了这个词本身，以及句子其余部分与它相关的信息。',
      ),
    },
    {
      kind: 'demo',
      title: msg('From X to C in numbers', '从 X 到 C 的数值'),
      intro: msg(
        `The source sentence 我 有 一只 猫 with tiny vectors (d = ${FLOW.d} instead of 512) goes through ${FLOW.blocks} encoder blocks (multi-head attention, Add & Norm, feed forward, Add & Norm), all computed by the engine with random parameters. Press r for other parameters.`,
        `源语言句子“我 有 一只 猫”用很短的向量表示（d = ${FLOW.d}，而不是 512），经过 ${FLOW.blocks} 个编码器块（多头注意力、Add & Norm、前馈、Add & Norm），全部由引擎用随机参数计算。按 r 换一组参数。`,
      ),
      run: (env) => flowDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Step 3: the decoder, word by word', '第 3 步：解码器逐词翻译'),
      key: 'decoder-word-by-word',
      body: msg(
        'C is handed to every decoder block. The decoder then translates one word at a time: from the words 1 … i it has already produced (and C), it predicts word i+1. It starts from a start symbol, written <B> here.\n\n' +
          'When the decoder works on word i+1, the words after it must stay hidden, otherwise it could simply copy the answer during training. A mask covers them.',
        'C 被传给每一个解码器块。然后解码器一次翻译一个词：根据已经译出的第 1 … i 个词（以及 C），预测第 i+1 个词。它从一个起始符开始，这里写作 <B>。\n\n' +
          '解码器处理第 i+1 个词时，它后面的词必须被遮住，否则训练时它可以直接抄答案。遮住它们的操作叫作掩码（Mask，笔记里写作“掩盖”）。',
      ),
    },
    {
      kind: 'demo',
      title: msg('The mask', '掩码'),
      key: 'mask-demo',
      intro: msg(
        'The target sentence as the decoder sees it in training. Its masked self-attention (the engine’s scaled dot-product attention with causal = true, random parameters) lets each word look only at itself and the words before it.',
        '训练时解码器看到的目标句子。它的带掩码自注意力（引擎的缩放点积注意力，causal = true，随机参数）只让每个词看到它自己和它前面的词。',
      ),
      run: (env) => maskDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('Shapes', '形状'),
      check: {
        question: msg('A 10-word sentence enters the base Transformer (d = 512). What is the shape of the encoding matrix C?', '一个 10 个词的句子输入 base Transformer（d = 512）。编码信息矩阵 C 的形状是什么？'),
        options: [msg('10×512', '10×512'), msg('10×10', '10×10'), msg('6×512', '6×512'), msg('512×512', '512×512')],
        answer: 0,
        explain: msg(
          'X is n×d = 10×512, and every encoder block keeps that shape, so C is 10×512 too: one row of 512 numbers per word.',
          'X 是 n×d = 10×512，每个编码器块都保持这个形状，所以 C 也是 10×512：每个词一行，每行 512 个数。',
        ),
        wrong: {
          1: msg('10×10 is the shape of the attention weights inside a block (every word against every word), not of the block’s output.', '10×10 是块内部注意力权重的形状（每个词对每个词），不是块的输出形状。'),
          2: msg('6 is the number of encoder blocks, not a dimension of C: they are applied one after another.', '6 是编码器块的个数，不是 C 的某个维度：这些块是依次作用的。'),
          3: msg('The number of rows is the number of words, which depends on the sentence.', '行数等于单词个数，由句子决定。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'net transformer-base',
      note: msg(
        'The base model of the paper layer by layer: the shared embedding, 6 encoder and 6 decoder layers, their shapes and parameter counts. Its total, 63.1 million, is not the paper’s 65 million; the command says what it counts and why the two differ.',
        '论文中 base 模型的逐层结构：共享的嵌入矩阵、6 个编码器层和 6 个解码器层，以及它们的形状和参数个数。它算出的总数是 6310 万，不是论文里的 6500 万；命令会说明它数了什么、两者为什么不同。',
      ),
    },
  ],
};
