/**
 * transformer/summary — what to remember: Transformers train in parallel,
 * unlike RNNs; without position embeddings they are bag-of-words models
 * (demo: permuting the input rows of self-attention only permutes the
 * output rows, computed with the engine's sdpa); the core is self-attention
 * with Q, K, V from linear maps; several heads capture several relations.
 */
import { F, positionalEncoding, sdpa, type Tensor } from '../../engine/index.js';
import { msg, type Lang } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { bagSentence, embed, maxAbsDiff, qkv, rowOf } from './common.js';
import { drawParallel } from './diagrams.js';
import { fmtDecimals, fmtSci } from '../../i18n/numbers.js';

const BAG = { d: 8, dk: 4 };

/** Self-attention on a sentence and on its words in another order, with and without position embeddings. */
export function bagOfWords(seed: number, lang: Lang) {
  const { words, swapped } = bagSentence(lang);
  const n = words.length;
  const attend = (x: Tensor) => {
    const { q, k, v } = qkv(x, BAG.dk, seed + 1);
    return sdpa(q, k, v).output;
  };
  const x1 = embed(words, BAG.d, seed);
  const x2 = embed(swapped, BAG.d, seed);
  const pe = positionalEncoding(n, BAG.d);
  const z1 = attend(x1);
  const z2 = attend(x2);
  const p1 = attend(F.add(x1, pe));
  const p2 = attend(F.add(x2, pe));
  // For each word of sentence 1: its output row in sentence 2, wherever it moved.
  const rows = words.map((w, i) => {
    const j = swapped.indexOf(w);
    return { word: w, from: i, to: j, noPe: maxAbsDiff(rowOf(z1, i), rowOf(z2, j)), withPe: maxAbsDiff(rowOf(p1, i), rowOf(p2, j)) };
  });
  const meanRow = (z: Tensor) =>
    Array.from({ length: BAG.dk }, (_, c) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += z.data[r * BAG.dk + c];
      return s / n;
    });
  return { words, swapped, z1, z2, rows, sentenceDiff: maxAbsDiff(meanRow(z1), meanRow(z2)), sentenceDiffPe: maxAbsDiff(meanRow(p1), meanRow(p2)) };
}

function bagDemo(seed: number, lang: Lang): Block[] {
  const b = bagOfWords(seed, lang);
  const s1 = b.words.join(' ');
  const s2 = b.swapped.join(' ');
  const sep = lang === 'zh' ? '' : ' ';
  const noPe = Math.max(...b.rows.map((r) => r.noPe));
  return [
    {
      kind: 'matrix',
      label: msg(`output for "${s1}" (rows: ${b.words.join(', ')})`, `“${b.words.join(sep)}”的输出（各行：${b.words.join('、')}）`),
      tensor: b.z1,
      precision: 3,
    },
    {
      kind: 'matrix',
      label: msg(`output for "${s2}" (rows: ${b.swapped.join(', ')})`, `“${b.swapped.join(sep)}”的输出（各行：${b.swapped.join('、')}）`),
      tensor: b.z2,
      precision: 3,
    },
    {
      kind: 'table',
      head: [msg('word', '词'), msg('position', '位置'), msg('output change, no PE', '输出变化（无位置嵌入）'), msg('with PE', '有位置嵌入')],
      rows: b.rows.map((r) => [r.word, `${r.from} → ${r.to}`, fmtSci(r.noPe), fmtDecimals(r.withPe, 3)]),
      align: ['left', 'left', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `Without position embeddings every word gets exactly the same output vector in both sentences (${noPe === 0 ? 'difference 0' : `differences of ${fmtSci(noPe)}, rounding noise`}): the rows are only reordered. ` +
          `Averaged over the sentence, "${s1}" and "${s2}" give the same vector (difference ${fmtSci(b.sentenceDiff)}), so nothing downstream could tell who bit whom. ` +
          `With position embeddings added, the outputs change by up to ${fmtDecimals(Math.max(...b.rows.map((r) => r.withPe)), 3)}, and the two sentences differ by ${fmtDecimals(b.sentenceDiffPe, 3)}.`,
        `没有位置嵌入时，每个词在两个句子里得到的输出向量完全相同（${noPe === 0 ? '差为 0' : `差为 ${fmtSci(noPe)}，只是舍入误差`}）：各行只是换了顺序。` +
          `对整个句子取平均，“${b.words.join(sep)}”和“${b.swapped.join(sep)}”得到同一个向量（差 ${fmtSci(b.sentenceDiff)}），所以后面的层无法分辨是谁咬了谁。` +
          `加上位置嵌入之后，输出最多变化 ${fmtDecimals(Math.max(...b.rows.map((r) => r.withPe)), 3)}，两个句子相差 ${fmtDecimals(b.sentenceDiffPe, 3)}。`,
      ),
    },
  ];
}

export const summary: Lesson = {
  id: 'transformer/summary',
  topic: 'transformer',
  section: 'Transformer › 总结',
  title: msg('The Transformer in summary', 'Transformer 小结'),
  summary: msg('Parallel training, position embeddings so it is not a bag of words, self-attention and its heads', '并行训练、用位置嵌入避免词袋模型、自注意力和多个头'),
  steps: [
    {
      kind: 'text',
      title: msg('Trained in parallel', '并行训练'),
      key: 'parallel',
      body: msg(
        'An RNN cannot compute hₜ before hₜ₋₁: a sentence of n words takes n steps one after another, however fast the hardware.\n\n' +
          'A Transformer has no such chain. Inside a layer every word is handled at the same time, with a few large matrix products, which is exactly what GPUs are good at. ' +
          'With the mask, even the decoder is trained on whole sentences at once. So Transformers train in parallel far better than RNNs. (When it writes a translation, the decoder still produces one word at a time.)',
        'RNN 在算出 hₜ₋₁ 之前无法计算 hₜ：一个 n 个词的句子需要一步接一步地走 n 步，硬件再快也一样。\n\n' +
          'Transformer 没有这样的链条。在一层之内，所有的词同时处理，只需几次大的矩阵乘法，而这正是 GPU 擅长的事。' +
          '有了掩码，连解码器也能一次用整句来训练。所以 Transformer 比 RNN 更适合并行训练。（生成译文时，解码器仍然是一次产生一个词。）',
      ),
    },
    {
      kind: 'diagram',
      title: msg('A chain versus a matrix product', '链条与矩阵乘法'),
      draw: drawParallel,
      caption: msg('The RNN must wait at every arrow; the Transformer computes all positions of a layer together.', 'RNN 在每个箭头处都必须等待；Transformer 把一层的所有位置一起算完。'),
    },
    { kind: 'experiment', key: 'experiment-parallel-training', id: 'parallel-training' },
    {
      kind: 'text',
      title: msg('Order comes from the position embedding', '顺序来自位置嵌入'),
      key: 'order',
      body: msg(
        'The price of that parallelism: self-attention does not know the order of its input rows. Shuffle the words and each word’s output is the same, only in the shuffled order. ' +
          'By itself, then, a Transformer cannot use word order: it would be a bag-of-words model.\n\n' +
          'That is why the position embedding is added to the input X. The next demo shows both sides on numbers.',
        '这种并行性的代价是：自注意力不知道输入各行的顺序。把词打乱，每个词的输出还是一样的，只是顺序也被打乱了。' +
          '所以 Transformer 本身无法利用词的顺序：它会是一个词袋模型。\n\n' +
          '这就是为什么要在输入 X 中加入位置嵌入。下一个演示用数值展示这两种情况。',
      ),
    },
    {
      kind: 'demo',
      title: msg('A bag of words', '词袋'),
      intro: msg(
        `The same self-attention (the engine’s sdpa, random parameters, d = ${BAG.d}) reads a sentence and the same words in another order, first without, then with position embeddings. Press r for other parameters.`,
        `同一个自注意力（引擎的 sdpa，随机参数，d = ${BAG.d}）读一个句子，再读同样的词换一种顺序，先不加位置嵌入，再加上位置嵌入。按 r 换一组参数。`,
      ),
      run: (env) => bagDemo(env.seed, env.lang),
    },
    {
      kind: 'text',
      title: msg('Self-attention and its heads', '自注意力与多个头'),
      key: 'heads',
      body: msg(
        'The heart of the Transformer is self-attention. Its Q, K and V matrices are linear transforms of its input, Q·Kᵀ/√d_k gives the scores, and softmax turns each row of scores into attention weights: how strongly each word attends to each other word.\n\n' +
          'Multi-head attention runs several self-attentions side by side. Each head has its own projections W_Q, W_K, W_V and so its own attention weights, which lets the model capture several kinds of relation between words at once.\n\n' +
          'Attention also shortens the path between distant words. When word 9 must agree with word 2, one self-attention layer compares word 9’s query with word 2’s key directly: one layer, whatever the distance, where an RNN needs 7 steps with the signal fading at each (lesson rnn/long-term).\n\n' +
          'The price is quadratic: each head computes an n×n matrix of scores, so a layer with h heads computes h·n² of them, and doubling the sentence quadruples the work. The base model has 6 encoder blocks with one multi-head attention each and 6 decoder blocks with two, 18 in all.',
        'Transformer 的核心是自注意力。它的 Q、K、V 矩阵是对输入做线性变换得到的，Q·Kᵀ/√d_k 给出分数（score），softmax 再把每一行分数变成注意力权重（attention weight）：每个词对其他每个词关注的程度。\n\n' +
          '多头注意力并排运行多个自注意力。每个头有自己的投影矩阵 W_Q、W_K、W_V，因此有自己的注意力权重，这让模型能同时捕获词与词之间多种不同的关系。\n\n' +
          '注意力还缩短了远距离词之间的路径。第 9 个词要和第 2 个词保持一致时，一个自注意力层就直接拿第 9 个词的查询和第 2 个词的键比较：不论相距多远都只要一层，而 RNN 要走 7 步，每一步信号都会衰减（见 rnn/long-term 一课）。\n\n' +
          '代价是平方级的：每个头都要计算一个 n×n 的分数矩阵，所以有 h 个头的一层共计算 h·n² 个分数，句子长度翻倍，计算量就变为原来的四倍。base 模型有 6 个编码器块（各含一个多头注意力）和 6 个解码器块（各含两个），一共 18 个多头注意力层。',
      ),
    },
    {
      kind: 'check',
      title: msg('Shuffled words', '打乱的词'),
      check: {
        question: msg(
          'Self-attention without position embeddings reads "dog bites man", then "man bites dog". What is true of the output vector for "dog"?',
          '不加位置嵌入的自注意力先读“狗咬人”，再读“人咬狗”。关于“狗”的输出向量，哪个说法正确？',
        ),
        options: [
          msg('It is the same, only in another row', '两句中完全相同，只是换了一行'),
          msg('It differs, because "dog" is now the object', '不同，因为“狗”现在是宾语'),
          msg('It is zero in the second sentence', '在第二个句子中它是零'),
          msg('It cannot be computed: the shapes no longer match', '无法计算：两个句子的矩阵形状不再匹配'),
        ],
        answer: 0,
        explain: msg(
          'The scores and the weighted sum do not depend on the order of the rows, so a permuted input gives the same rows, permuted. Only position embeddings make "dog" at position 0 differ from "dog" at position 2.',
          '分数和加权求和都与各行的顺序无关，所以输入被重新排列时，输出只是同样的各行被重新排列。只有位置嵌入才能让位置 0 的“狗”和位置 2 的“狗”不同。',
        ),
        wrong: {
          1: msg('Nothing in self-attention knows which word came first; that information has to be added with the position embedding.', '自注意力中没有任何东西知道哪个词在前；这个信息必须通过位置嵌入加进去。'),
          2: msg('"dog" has the same embedding wherever it stands, so its output is the same non-zero vector.', '“狗”不管在哪里都有相同的嵌入，所以它的输出是同一个非零向量。'),
          3: msg('Both sentences are 3×d; only the order of the rows changed.', '两个句子都是 3×d；只是各行的顺序变了。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('The Transformer in one sentence', '一句话总结 Transformer'),
      check: {
        question: msg('Which statement about the Transformer is correct?', '关于 Transformer，哪个说法是正确的？'),
        options: [
          msg('It trains in parallel and gets word order from position embeddings', '它并行训练，并从位置嵌入中得到词序'),
          msg('Like an RNN it reads one word at a time, which gives it word order', '它像 RNN 一样一次读一个词，由此知道词序'),
          msg('Its Q, K and V are fixed copies of X, with no learned parameters', '它的 Q、K、V 是 X 的固定副本，没有需要学习的参数'),
          msg('Multi-head attention averages the heads, so they learn one relation', '多头注意力把各个头取平均，所以只学到一种关系'),
        ],
        answer: 0,
        explain: msg(
          'Both halves are true, and the other three options are false. With the other two points, self-attention with Q, K, V from linear maps and several heads for several relations, they make the four points of this topic.',
          '这句话的两半都对，另外三个选项都错。再加上另外两点（自注意力的 Q、K、V 由线性变换得到；多个头捕获多种关系），就是本主题的四个要点。',
        ),
        wrong: {
          1: msg('A Transformer takes all words at once; its sense of order comes only from the position embedding.', 'Transformer 一次接收所有的词；它对顺序的感知只来自位置嵌入。'),
          2: msg('Q = X·W_Q, K = X·W_K, V = X·W_V: three different learned linear transforms.', 'Q = X·W_Q，K = X·W_K，V = X·W_V：三个不同的、学习得到的线性变换。'),
          3: msg('The heads are concatenated and mixed by W_O; each has its own projections and can learn its own relation.', '各个头是拼接后由 W_O 混合的；每个头有自己的投影矩阵，可以学到自己的关系。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'mha L=6 E=8 h=2 causal',
      note: msg('Everything together: two heads of masked self-attention over six tokens, each with its own projections and its own map.', '综合起来：两个头的带掩码自注意力处理六个词元，每个头有自己的投影矩阵和自己的注意力权重图。'),
    },
  ],
};
