/**
 * transformer/embeddings — X = word embedding + position embedding. The
 * sinusoidal position embedding PE(pos, 2i) = sin(pos/10000^(2i/d)),
 * PE(pos, 2i+1) = cos(…), live; its table as a heatmap (engine's
 * positionalEncoding); a repeated word gets the same word embedding but a
 * different row of X.
 */
import { positionalEncoding } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { inputRepresentation, maxAbsDiff, rowOf } from './common.js';
import { drawEmbedding } from './diagrams.js';
import { fixed, fmtDecimals, fmtSci } from '../../i18n/numbers.js';

const PE_DEMO = { L: 20, d: 16 };

/** A value quoted from the matrix above, at the matrix's precision: 2 decimals, or 6.3e-4 where the matrix shows 6e-4. */
function asInTable(v: number): string {
  return v !== 0 && Math.abs(v) < 0.005 ? v.toExponential(1).replace(/^-/, '−') : fixed(v, 2);
}

/** The engine's row `pos` against sin/cos computed here in float64. */
export function peCheck(pos: number, d: number): { engine: number[]; formula: number[]; maxDiff: number } {
  const pe = positionalEncoding(pos + 1, d);
  const engine = rowOf(pe, pos);
  const formula = engine.map((_, c) => {
    const i = Math.floor(c / 2);
    const angle = pos / Math.pow(10000, (2 * i) / d);
    return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
  return { engine, formula, maxDiff: maxAbsDiff(engine, formula) };
}

function peDemo(seed: number): Block[] {
  const { L, d } = PE_DEMO;
  const pe = positionalEncoding(L, d);
  const pos = 1 + (seed % (L - 1));
  const chk = peCheck(pos, d);
  return [
    { kind: 'formula', lines: ['PE(pos, 2i)   = sin(pos / 10000^(2i/d))', 'PE(pos, 2i+1) = cos(pos / 10000^(2i/d))'] },
    {
      kind: 'heatmap',
      label: msg(`the position embedding table: ${L} positions (rows) × d = ${d} (columns)`, `位置嵌入表：${L} 个位置（行）× d = ${d}（列）`),
      tensor: pe,
      rowLabels: Array.from({ length: L }, (_, i) => String(i)),
      min: -1,
      max: 1,
    },
    {
      kind: 'matrix',
      label: msg(`row pos = ${pos}, from the engine`, `第 pos = ${pos} 行（引擎计算）`),
      tensor: { shape: [1, d], data: chk.engine },
      precision: 2,
    },
    {
      kind: 'text',
      text: msg(
        `Columns 0 and 1 turn fastest: at pos = ${pos} they hold sin(${pos}) = ${asInTable(chk.engine[0])} and cos(${pos}) = ${asInTable(chk.engine[1])}. ` +
          `The last pair, columns ${d - 2} and ${d - 1}, has the frequency 1/10000^(${d - 2}/${d}) = ${fmtSci(Math.pow(10000, -(d - 2) / d))}, so it has barely moved: ${asInTable(chk.engine[d - 2])} and ${asInTable(chk.engine[d - 1])}. ` +
          `Recomputing the row from the formula gives the same numbers (largest difference ${fmtSci(chk.maxDiff)}). Press r for another position.`,
        `第 0、1 列变化最快：pos = ${pos} 时它们是 sin(${pos}) = ${asInTable(chk.engine[0])} 和 cos(${pos}) = ${asInTable(chk.engine[1])}。` +
          `最后一对，第 ${d - 2}、${d - 1} 列，频率为 1/10000^(${d - 2}/${d}) = ${fmtSci(Math.pow(10000, -(d - 2) / d))}，几乎没怎么变：${asInTable(chk.engine[d - 2])} 和 ${asInTable(chk.engine[d - 1])}。` +
          `用公式重新计算这一行，得到相同的数（最大差 ${fmtSci(chk.maxDiff)}）。按 r 换一个位置。`,
      ),
    },
  ];
}

const SENT = ['the', 'cat', 'saw', 'the', 'dog'];
const SENT_D = 8;

export function repeatedWord(seed: number) {
  const { emb, pe, x } = inputRepresentation(SENT, SENT_D, seed);
  return { emb, pe, x, embDiff: maxAbsDiff(rowOf(emb, 0), rowOf(emb, 3)), xDiff: maxAbsDiff(rowOf(x, 0), rowOf(x, 3)) };
}

function sumDemo(seed: number): Block[] {
  const { emb, pe, x, embDiff, xDiff } = repeatedWord(seed);
  return [
    { kind: 'matrix', label: msg('word embeddings: the, cat, saw, the, dog', '词嵌入：the、cat、saw、the、dog'), tensor: emb, precision: 2 },
    { kind: 'matrix', label: msg('position embeddings PE(0 … 4)', '位置嵌入 PE(0 … 4)'), tensor: pe, precision: 2 },
    { kind: 'matrix', label: msg('X = word embedding + position embedding', 'X = 词嵌入 + 位置嵌入'), tensor: x, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `"the" appears at positions 0 and 3. Its two word embeddings are identical (largest difference ${fmtDecimals(embDiff, 6)}), but after adding the positions the two rows of X differ by up to ${fmtDecimals(xDiff, 2)}. ` +
          'The model can now tell the first "the" from the second.',
        `“the” 出现在位置 0 和位置 3。它的两个词嵌入完全相同（最大差 ${fmtDecimals(embDiff, 6)}），但加上位置嵌入之后，X 中这两行最多相差 ${fmtDecimals(xDiff, 2)}。` +
          '模型现在能区分第一个 “the” 和第二个 “the” 了。',
      ),
    },
  ];
}

export const embeddings: Lesson = {
  id: 'transformer/embeddings',
  topic: 'transformer',
  section: 'Transformer › Transformer整体结构 › 流程 › step 1',
  title: msg('Word and position embeddings', '词嵌入与位置嵌入'),
  summary: msg('How a sentence becomes the matrix X: word embedding plus sinusoidal position embedding', '句子如何变成矩阵 X：词嵌入加上正弦位置嵌入'),
  steps: [
    {
      kind: 'text',
      title: msg('Word embedding', '词嵌入'),
      key: 'word-embedding',
      body: msg(
        'A network computes with numbers, not words. So every word of the vocabulary gets its own row in an embedding table: a vector of d numbers. Turning a sentence into vectors is a lookup, one row per word.\n\n' +
          'These numbers are features extracted from the raw data: they start random and are learned with the rest of the network, so words used in similar ways end up with similar vectors. ' +
          'The base Transformer has a vocabulary of 37,000 tokens and d = 512.',
        '网络只能对数字做计算，不能直接处理词。所以词表里的每个词都在嵌入表中有自己的一行：一个由 d 个数组成的向量。把句子变成向量就是查表，每个词取一行。\n\n' +
          '这些数是从原始数据中提取出来的特征：它们一开始是随机的，和网络的其余部分一起学习，因此用法相近的词最后会得到相近的向量。' +
          'base Transformer 的词表有 37,000 个词元，d = 512。',
      ),
    },
    {
      kind: 'text',
      title: msg('Why positions?', '为什么需要位置？'),
      key: 'why-positions',
      body: msg(
        'An RNN knows the order of the words because it reads them one after another. Self-attention does not: it compares every word with every other word, and nothing in that computation depends on where a word stands.\n\n' +
          'Without extra help, "dog bites man" and "man bites dog" would look the same to the model, a bag of words (the lesson transformer/summary shows this on numbers). ' +
          'So each word also gets a position embedding, a vector that depends only on its position, with the same length d so the two can be added:\n  x = word embedding + position embedding',
        'RNN 知道词的顺序，因为它一个接一个地读词。自注意力不知道：它把每个词和其他所有词比较，而这个计算跟词出现在哪个位置毫无关系。\n\n' +
          '如果不另外提供信息，“狗咬人”和“人咬狗”在模型看来是一样的，就成了一个词袋模型（transformer/summary 一课会用数值演示这一点）。' +
          '所以每个词还会得到一个位置嵌入：一个只由位置决定的向量，长度同样是 d，这样两者才能相加：\n  x = 词嵌入 + 位置嵌入',
      ),
    },
    { kind: 'experiment', key: 'experiment-positional-encoding', id: 'positional-encoding' },
    {
      kind: 'diagram',
      title: msg('Building X row by row', '逐行构造 X'),
      key: 'building-x',
      draw: drawEmbedding,
      caption: msg('Each row of X is the word’s row of the embedding table plus the position’s row of the position embedding table.', 'X 的每一行 = 这个词在嵌入表中的那一行 + 这个位置在位置嵌入表中的那一行。'),
    },
    {
      kind: 'formula',
      title: msg('The sinusoidal position embedding', '正弦位置嵌入'),
      key: 'sinusoid',
      intro: msg(
        'The paper computes the position embedding with sines and cosines instead of learning it, so it adds no parameters. Column 2i of row pos is a sine; column 2i+1 the cosine of the same angle. Change pos, i and d.',
        '论文用正弦和余弦函数计算位置嵌入，而不是学习出来，所以它不增加任何参数。第 pos 行的第 2i 列是正弦；第 2i+1 列是同一个角度的余弦。试着改变 pos、i 和 d。',
      ),
      formula: {
        symbolic: 'PE(pos, 2i) = sin(pos / 10000^(2i/d))',
        substituted: 'sin({pos} / 10000^(2·{i}/{d}))',
        expr: 'sin(pos / 10000^(2*i/d))',
        vars: [
          { name: 'pos', value: 3, label: msg('position of the word (0, 1, 2, …)', '词的位置（0, 1, 2, …）'), min: 0, max: 100000, integer: true },
          { name: 'i', value: 0, label: msg('column pair (columns 2i and 2i+1)', '列对编号（第 2i 和 2i+1 列）'), min: 0, max: 4096, integer: true },
          { name: 'd', value: 16, label: msg('embedding size', '嵌入维度'), min: 2, max: 8192, integer: true },
        ],
        result: { name: 'PE', label: msg('value in column 2i', '第 2i 列的值') },
        note: (v) => {
          if (2 * v.i >= v.d) return msg(`Column 2i = ${2 * v.i} does not exist: with d = ${v.d} the columns are 0 … ${v.d - 1}, so i ≤ ${Math.ceil(v.d / 2) - 1}.`, `第 2i = ${2 * v.i} 列不存在：d = ${v.d} 时列号是 0 … ${v.d - 1}，所以 i ≤ ${Math.ceil(v.d / 2) - 1}。`);
          const angle = v.pos / Math.pow(10000, (2 * v.i) / v.d);
          const wave = 2 * Math.PI * Math.pow(10000, (2 * v.i) / v.d);
          return msg(
            `Column 2i+1 holds cos(${fmtDecimals(angle, 4)}) = ${fmtDecimals(Math.cos(angle), 3)}. This pair of columns repeats every ${fmtSci(wave)} positions.`,
            `第 2i+1 列是 cos(${fmtDecimals(angle, 4)}) = ${fmtDecimals(Math.cos(angle), 3)}。这一对列每隔 ${fmtSci(wave)} 个位置重复一次。`,
          );
        },
      },
    },
    {
      kind: 'demo',
      title: msg('The table of positions', '位置嵌入表'),
      intro: msg(`The engine’s positionalEncoding for ${PE_DEMO.L} positions and d = ${PE_DEMO.d}. Read it row by row: every position gets its own pattern of numbers between −1 and 1.`, `引擎的 positionalEncoding，${PE_DEMO.L} 个位置，d = ${PE_DEMO.d}。按行看：每个位置都有一组自己的、介于 −1 和 1 之间的数。`),
      run: (env) => peDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Fast and slow waves', '快波与慢波'),
      key: 'fast-slow',
      body: msg(
        'Each pair of columns is a wave with its own wavelength, from 2π positions for the first pair to almost 10000·2π for the last. The first columns change from one word to the next; the last ones change only over long distances. ' +
          'Like the hands of a clock, together they give every position a different reading.\n\n' +
          'Because the values come from a formula, the table can be extended to sentences longer than any seen in training. The paper also tried learned position embeddings and found almost the same results.',
        '每一对列都是一个波长不同的波：第一对的波长是 2π 个位置，最后一对接近 10000·2π。前面的列从一个词到下一个词就有明显变化；后面的列只有在很长的距离上才会变。' +
          '就像钟表的几根指针，它们合在一起，让每个位置都有一个不同的读数。\n\n' +
          '因为这些值是用公式算出来的，这张表可以延伸到比训练时见过的更长的句子。论文也试过通过学习得到的位置嵌入，结果几乎一样。',
      ),
    },
    {
      kind: 'demo',
      title: msg('The same word at two positions', '同一个词在两个位置'),
      intro: msg(
        `The sentence "the cat saw the dog" with d = ${SENT_D}: the word embeddings come from a random table (press r for another), the position embeddings from the formula.`,
        `句子 “the cat saw the dog”，d = ${SENT_D}：词嵌入来自一张随机的表（按 r 换一张），位置嵌入来自公式。`,
      ),
      run: (env) => sumDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('Why add positions?', '为什么要加位置？'),
      check: {
        question: msg('What would go wrong if X held only the word embeddings?', '如果 X 里只有词嵌入，会出什么问题？'),
        options: [
          msg('Word order is lost: "dog bites man" would equal "man bites dog"', '词序丢失：“狗咬人”和“人咬狗”会变得一模一样'),
          msg('The matrix X would have the wrong shape for the encoder', '矩阵 X 的形状会不符合编码器的要求'),
          msg('Words with similar meanings would get different vectors', '意思相近的词会得到不同的向量'),
          msg('Nothing: the word embedding already stores the position', '没有问题：词嵌入本来就存着每个词的位置'),
        ],
        answer: 0,
        explain: msg(
          'Self-attention treats its input rows as a set, so without position embeddings the Transformer is a bag-of-words model. Adding PE(pos) makes the same word at different positions different.',
          '自注意力把输入的各行当作一个集合，所以没有位置嵌入时，Transformer 就是一个词袋模型。加上 PE(pos) 后，同一个词在不同位置就不同了。',
        ),
        wrong: {
          1: msg('The shape is n×d either way; the position embedding has the same shape, which is why it can be added.', '无论如何形状都是 n×d；位置嵌入的形状也一样，所以它才能被加上去。'),
          2: msg('That is what the learned word embedding is good at; position has nothing to do with it.', '这正是学习得到的词嵌入擅长的事，与位置无关。'),
          3: msg('A word’s embedding is the same row of the table wherever the word stands, as the demo showed for "the".', '不管词出现在哪里，它的词嵌入都是表里的同一行，就像演示中的 “the”。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'posenc L=20 d=16',
      note: msg('The table of the demo in the REPL. Try a longer one (L=50) or a larger d, and see the slow columns on the right.', '在 REPL 里看演示中的这张表。试试更长的（L=50）或更大的 d，看看右边变化很慢的列。'),
    },
  ],
};
