/**
 * Quiz bank: the Transformer (overview, embeddings, self-attention,
 * multi-head, encoder, decoder, summary). Numbers are computed here, not
 * typed, so the answer and the worked solution always agree.
 */
import { msg } from '../../i18n/index.js';
import type { Question } from '../types.js';
import { fmtInt } from '../../i18n/numbers.js';

// The base model of "Attention Is All You Need".
const D = 512;
const HEADS = 8;
const DK = D / HEADS;
const DFF = 2048;
const BLOCKS = 6;

// A 10-word sentence.
const N = 10;
const xEntries = N * D;
const VOCAB = 10000;
const embParams = VOCAB * D;

// Positional encoding.
const pe10 = Math.sin(1);

// Self-attention numbers.
const softIn = [1, 2, 3];
const softExp = softIn.map(Math.exp);
const softSum = softExp.reduce((a, b) => a + b, 0);
const softMax = softExp[2] / softSum;
const dot = 8;
const dotDk = 16;
const scaled = dot / Math.sqrt(dotDk);
const attW = [0.75, 0.25];
const attV = [
  [2, 4],
  [6, 0],
];
const attOut0 = attW[0] * attV[0][0] + attW[1] * attV[1][0];
const attOut1 = attW[0] * attV[0][1] + attW[1] * attV[1][1];

// Multi-head.
const mhaParams = 4 * (D * D + D);
const headScores = HEADS * N * N;

// Encoder.
const ln = [2, 4, 6];
const lnMean = ln.reduce((a, b) => a + b, 0) / ln.length;
const lnVar = ln.reduce((a, b) => a + (b - lnMean) ** 2, 0) / ln.length;
const lnOut = (ln[2] - lnMean) / Math.sqrt(lnVar);
const ffnParams = D * DFF + DFF + DFF * D + D;

// Decoder.
const SRC = 10;
const TGT = 7;
const crossScores = TGT * SRC;
const MASK_N = 5;
const masked = (MASK_N * (MASK_N - 1)) / 2;
const maskedW = Math.exp(1) / (Math.exp(1) + Math.exp(1));

// Summary.
const longN = 1000;
const mhaLayers = BLOCKS * 1 + BLOCKS * 2;

export const questions: Question[] = [
  // ───────────────────────────── transformer/overview ─────────────────────────────
  {
    id: 'transformer/overview/flow-order',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#decoder-word-by-word',
    kind: 'order',
    prompt: msg(
      'Put the path of a sentence through a Transformer translator in order.',
      '把一个句子在 Transformer 翻译模型中的处理流程按顺序排好。',
    ),
    items: [
      msg('Build X: add each word\'s embedding and its position embedding', '构造 X：把每个词的词嵌入与位置嵌入相加'),
      msg(`Pass X through ${BLOCKS} encoder blocks`, `让 X 依次通过 ${BLOCKS} 个编码器块`),
      msg('Obtain the encoding matrix C for all the words', '得到所有单词的编码信息矩阵 C'),
      msg('The decoder reads C and the words 1…i translated so far', '解码器读取 C 以及已翻译的单词 1…i'),
      msg('Predict word i + 1, then repeat', '预测第 i + 1 个单词，然后重复'),
    ],
    explain: msg(
      `The input representation X (word embedding + position embedding) goes through ${BLOCKS} encoder blocks, which produce C. The decoder then translates one word at a time: from C and words 1…i it predicts word i + 1, with the later words masked.`,
      `输入表示 X（词嵌入 + 位置嵌入）经过 ${BLOCKS} 个编码器块得到 C。解码器再逐词翻译：根据 C 和单词 1…i 预测第 i + 1 个单词，之后的单词被遮盖。`,
    ),
    hint: msg('The encoder runs once; the decoder loops.', '编码器只运行一次，解码器循环运行。'),
  },
  {
    id: 'transformer/overview/encoder-blocks',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#six-encoders',
    kind: 'numeric',
    prompt: msg(
      'In the original Transformer ("Attention Is All You Need"), how many encoder blocks are stacked to produce the encoding matrix C?',
      '在原始 Transformer（“Attention Is All You Need”）中，要堆叠多少个编码器块才得到编码信息矩阵 C？',
    ),
    answer: BLOCKS,
    explain: msg(
      `${BLOCKS}. Each block takes an n×d matrix and returns an n×d matrix, so they stack; the output of the last one is C. The decoder is also a stack of ${BLOCKS} blocks.`,
      `${BLOCKS} 个。每个块输入 n×d 矩阵、输出 n×d 矩阵，所以可以层层堆叠；最后一个的输出就是 C。解码器同样由 ${BLOCKS} 个块堆叠而成。`,
    ),
    hint: msg('Same number as the decoder blocks.', '与解码器块的数量相同。'),
  },
  {
    id: 'transformer/overview/decoder-inputs',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#decoder-word-by-word',
    kind: 'choice',
    prompt: msg(
      'When the decoder is about to produce word i + 1 of the translation, what does it use?',
      '解码器要生成译文的第 i + 1 个单词时，它用到哪些信息？',
    ),
    options: [
      msg('Only the translated words 1…i', '只有已译出的单词 1…i'),
      msg('Only the encoding matrix C', '只有编码信息矩阵 C'),
      msg('The encoding matrix C and the translated words 1…i', '编码信息矩阵 C 和已译出的单词 1…i'),
      msg('C and the whole reference translation, including later words', 'C 和完整的参考译文（包括后面的单词）'),
    ],
    answer: 2,
    explain: msg(
      'The decoder combines the source sentence (through C) with what it has already written (words 1…i). Words after i are hidden by the mask: at prediction time they do not exist yet.',
      '解码器把源句信息（通过 C）和已写出的内容（单词 1…i）结合起来。i 之后的单词被掩码遮住：预测时它们还不存在。',
    ),
    hint: msg('It needs the source and its own progress, but not the future.', '它需要源句和自己已有的进度，但不能看未来。'),
  },
  {
    id: 'transformer/overview/no-peeking',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#decoder-word-by-word',
    kind: 'truefalse',
    prompt: msg(
      'True or false: while predicting word i + 1, the decoder may attend to the words after i + 1 in the target sentence.',
      '判断：预测第 i + 1 个单词时，解码器可以关注目标句中 i + 1 之后的单词。',
    ),
    answer: false,
    explain: msg(
      'False. A mask covers every word after the current position. Otherwise, during training, the model could simply copy the answer from the target sentence, and at inference those words are not available anyway.',
      '错误。掩码遮住当前位置之后的所有单词。否则训练时模型可以直接从目标句中抄答案，而推理时这些单词本来就不存在。',
    ),
    hint: msg('What does the mask do?', '掩码起什么作用？'),
  },
  {
    id: 'transformer/overview/c-rows',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#six-encoders',
    kind: 'numeric',
    prompt: msg(
      `A ${N}-word sentence with word vectors of size d = ${D} goes through the encoder. How many rows does the encoding matrix C have?`,
      `一个 ${N} 个单词的句子，词向量维度 d = ${D}，经过编码器。编码信息矩阵 C 有多少行？`,
    ),
    answer: N,
    explain: msg(
      `One row per word: C is n×d = ${N}×${D}, the same shape as the input X. Each row is that word's encoding, informed by the whole sentence.`,
      `每个单词一行：C 是 n×d = ${N}×${D}，与输入 X 形状相同。每一行是对应单词的编码，融合了整句话的信息。`,
    ),
    hint: msg('X has one row per word.', 'X 每个单词占一行。'),
  },
  {
    id: 'transformer/overview/c-shape',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#six-encoders',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the encoding matrix C has the same shape as the input matrix X (n×d).',
      '判断：编码信息矩阵 C 与输入矩阵 X 形状相同（n×d）。',
    ),
    answer: true,
    explain: msg(
      'True. Multi-head attention, Add & Norm and the feed-forward layer all map n×d to n×d, so every encoder block keeps the shape, and so does the stack of six.',
      '正确。多头注意力、Add & Norm 和前馈层都把 n×d 映射为 n×d，所以每个编码器块都保持形状，六个叠在一起也一样。',
    ),
    hint: msg('Does any sub-layer change the shape?', '有哪个子层会改变形状吗？'),
  },
  {
    id: 'transformer/overview/encoder-output',
    topic: 'transformer',
    lesson: 'transformer/overview',
    taught: 'transformer/overview#six-encoders',
    kind: 'choice',
    prompt: msg(
      'In a Transformer translator, what is passed from the encoder to the decoder?',
      '在 Transformer 翻译模型中，编码器传给解码器的是什么？',
    ),
    options: [
      msg('The encoding matrix C of all source words', '所有源语言单词的编码信息矩阵 C'),
      msg('Only the last word\'s vector, like an RNN\'s final state', '只有最后一个单词的向量，类似 RNN 的最终状态'),
      msg('The predicted next-word probabilities', '预测出的下一个单词的概率'),
      msg('The raw word embeddings, unchanged', '原样的词嵌入'),
    ],
    answer: 0,
    explain: msg(
      'The decoder gets the whole matrix C, one row per source word, and attends over it in every decoder block. Unlike an RNN encoder, nothing is squeezed into a single final vector.',
      '解码器得到整个矩阵 C（每个源词一行），并在每个解码器块中对它做注意力。与 RNN 编码器不同，信息没有被压缩进单个最终向量。',
    ),
    hint: msg('The decoder attends over every source word.', '解码器会关注每一个源词。'),
  },

  // ───────────────────────────── transformer/embeddings ─────────────────────────────
  {
    id: 'transformer/embeddings/how-x',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#why-positions',
    kind: 'choice',
    prompt: msg(
      'How is the input vector x of each word formed in a Transformer?',
      'Transformer 中每个单词的输入向量 x 是怎样得到的？',
    ),
    options: [
      msg('The word embedding alone, with no position information', '只用词嵌入，不含任何位置信息'),
      msg('Word embedding concatenated with a one-hot position', '词嵌入与独热编码的位置拼接'),
      msg('Word embedding multiplied by the position index', '词嵌入乘以位置序号'),
      msg('Word embedding plus position embedding, added elementwise', '词嵌入与位置嵌入逐元素相加'),
    ],
    answer: 3,
    explain: msg(
      `The word embedding says what the word is, the position embedding says where it is; both have size d = ${D} and are summed. Stacking the n word vectors gives X, an n×d matrix.`,
      `词嵌入表示“是什么词”，位置嵌入表示“在哪个位置”；两者维度都是 d = ${D}，直接相加。把 n 个词向量堆起来就是 n×d 的矩阵 X。`,
    ),
    hint: msg('Two vectors of the same size.', '两个同样大小的向量。'),
  },
  {
    id: 'transformer/embeddings/width',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#why-positions',
    kind: 'numeric',
    prompt: msg(
      `Each word embedding has ${D} values and each position embedding has ${D} values. How many values does the resulting input vector x of one word have?`,
      `每个词嵌入有 ${D} 个值，每个位置嵌入也有 ${D} 个值。得到的单词输入向量 x 有多少个值？`,
    ),
    answer: D,
    explain: msg(
      `${D}. The two embeddings are added, not concatenated, so the width stays d = ${D} (concatenating would give ${2 * D}).`,
      `${D} 个。两个嵌入是相加而不是拼接，所以宽度仍为 d = ${D}（拼接才会得到 ${2 * D}）。`,
    ),
    hint: msg('Added or concatenated?', '是相加还是拼接？'),
  },
  {
    id: 'transformer/embeddings/x-entries',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#building-x',
    kind: 'numeric',
    prompt: msg(
      `A sentence has n = ${N} words and d = ${D}. How many numbers does the input matrix X contain?`,
      `一个句子有 n = ${N} 个单词，d = ${D}。输入矩阵 X 共包含多少个数？`,
    ),
    answer: xEntries,
    explain: msg(
      `X is n×d = ${N}×${D} = ${fmtInt(xEntries)} numbers: one row of ${D} per word.`,
      `X 是 n×d = ${N}×${D} = ${fmtInt(xEntries)} 个数：每个单词一行，每行 ${D} 个。`,
    ),
    hint: msg('n rows, d columns.', 'n 行，d 列。'),
  },
  {
    id: 'transformer/embeddings/table-params',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#word-embedding',
    kind: 'numeric',
    prompt: msg(
      `A word-embedding table covers a vocabulary of ${fmtInt(VOCAB)} words with vectors of size ${D}. How many parameters does it hold?`,
      `某词嵌入表覆盖 ${fmtInt(VOCAB)} 个词的词表，向量维度为 ${D}。它有多少个参数？`,
    ),
    answer: embParams,
    explain: msg(
      `One row of ${D} per word: ${fmtInt(VOCAB)}·${D} = ${fmtInt(embParams)}. Looking up a word just picks its row.`,
      `每个词一行、每行 ${D} 个：${fmtInt(VOCAB)}·${D} = ${fmtInt(embParams)}。查一个词就是取出它那一行。`,
    ),
    hint: msg('vocabulary size × d.', '词表大小 × d。'),
  },
  {
    id: 'transformer/embeddings/pe-formula',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#sinusoid',
    kind: 'formula',
    prompt: msg(
      'The sinusoidal positional encoding is PE(pos, 2i) = sin(angle). Write the angle in terms of pos, i and the model width d.',
      '正弦位置编码为 PE(pos, 2i) = sin(角度)。用 pos、i 和模型维度 d 写出这个角度。',
    ),
    answer: 'pos/10000^(2*i/d)',
    vars: ['pos', 'i', 'd'],
    explain: msg(
      'PE(pos, 2i) = sin(pos / 10000^(2i/d)) and PE(pos, 2i + 1) = cos of the same angle. Small i gives a fast-changing angle (short wavelength); large i a slow one, up to a wavelength of 2π·10000.',
      'PE(pos, 2i) = sin(pos / 10000^(2i/d))，PE(pos, 2i + 1) 是同一角度的 cos。i 小时角度变化快（波长短），i 大时变化慢，最长波长为 2π·10000。',
    ),
    hint: msg('The position divided by a power of 10000.', '位置除以 10000 的某次幂。'),
  },
  {
    id: 'transformer/embeddings/pe-value',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#sinusoid',
    kind: 'numeric',
    prompt: msg(
      'Using PE(pos, 2i) = sin(pos/10000^(2i/d)), what is the value of dimension 0 (i = 0) at position pos = 1? (3 decimal places)',
      '按 PE(pos, 2i) = sin(pos/10000^(2i/d))，位置 pos = 1 处第 0 维（i = 0）的值是多少？（保留 3 位小数）',
    ),
    answer: pe10,
    tolerance: 1e-3,
    explain: msg(
      `With i = 0 the divisor is 10000^0 = 1, so PE(1, 0) = sin(1) ≈ ${pe10.toFixed(4)} (radians).`,
      `i = 0 时除数为 10000^0 = 1，所以 PE(1, 0) = sin(1) ≈ ${pe10.toFixed(4)}（弧度）。`,
    ),
    hint: msg('10000^0 = 1.', '注意 10000^0 = 1。'),
  },
  {
    id: 'transformer/embeddings/pe-odd-zero',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#sinusoid',
    kind: 'numeric',
    prompt: msg(
      'Odd dimensions use PE(pos, 2i + 1) = cos(pos/10000^(2i/d)). What is every odd dimension at position pos = 0?',
      '奇数维用 PE(pos, 2i + 1) = cos(pos/10000^(2i/d))。在位置 pos = 0，所有奇数维的值是多少？',
    ),
    answer: Math.cos(0),
    explain: msg(
      'At pos = 0 every angle is 0, so the even dimensions are sin(0) = 0 and the odd ones are cos(0) = 1. Position 0 is encoded as 0, 1, 0, 1, …',
      'pos = 0 时所有角度都是 0，偶数维为 sin(0) = 0，奇数维为 cos(0) = 1。位置 0 的编码就是 0, 1, 0, 1, …',
    ),
    hint: msg('cos(0).', '算 cos(0)。'),
  },
  {
    id: 'transformer/embeddings/fixed-sinusoids',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#sinusoid',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the sinusoidal positional encoding adds no trainable parameters to the model.',
      '判断：正弦位置编码不会给模型增加任何可训练参数。',
    ),
    answer: true,
    explain: msg(
      'True. sin(pos/10000^(2i/d)) and its cos partner are fixed functions of the position and the dimension. Some models (BERT, GPT) learn a position-embedding table instead, which does add parameters.',
      '正确。sin(pos/10000^(2i/d)) 及对应的 cos 都是位置和维度的固定函数。有些模型（BERT、GPT）改用可学习的位置嵌入表，那样才会增加参数。',
    ),
    hint: msg('Is there anything in the formula to learn?', '公式里有需要学习的量吗？'),
  },
  {
    id: 'transformer/embeddings/fast-dims',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    taught: 'transformer/embeddings#fast-slow',
    kind: 'choice',
    prompt: msg(
      'In the sinusoidal encoding sin(pos/10000^(2i/d)), which dimensions change fastest as the position moves from one word to the next?',
      '在正弦编码 sin(pos/10000^(2i/d)) 中，位置从一个词移到下一个词时，哪些维度变化最快？',
    ),
    options: [
      msg('The first dimensions (small i)', '靠前的维度（i 小）'),
      msg('The last dimensions (large i)', '靠后的维度（i 大）'),
      msg('All dimensions change equally fast', '所有维度变化一样快'),
      msg('Only the odd dimensions', '只有奇数维'),
    ],
    answer: 0,
    explain: msg(
      `For i = 0 the angle grows by 1 radian per position; for 2i = ${D / 2} (d = ${D}) it grows by only 1/10000^0.5 = 0.01. Small i gives short wavelengths, large i long ones, like the hands of a clock.`,
      `i = 0 时每移一个位置角度增加 1 弧度；2i = ${D / 2}（d = ${D}）时只增加 1/10000^0.5 = 0.01。i 小波长短，i 大波长长，就像钟表的指针。`,
    ),
    hint: msg('A larger divisor makes the angle grow more slowly.', '除数越大，角度增长越慢。'),
  },

  // ───────────────────────────── transformer/self-attention ─────────────────────────────
  {
    id: 'transformer/self-attention/qkv-source',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#qkv',
    kind: 'choice',
    prompt: msg(
      'In self-attention, where do the matrices Q (query), K (key) and V (value) come from?',
      '在自注意力中，矩阵 Q（查询）、K（键）、V（值）是从哪里来的？',
    ),
    options: [
      msg('Fixed random matrices that are never trained', '固定不变的随机矩阵，从不参与训练'),
      msg('Q from the input X; K and V from the target labels', 'Q 来自输入 X，K 和 V 都来自训练标签'),
      msg('Three learned linear maps of the layer’s input X', '该层输入 X 的三个可学习线性变换'),
      msg('Three plain copies of X, with no parameters at all', 'X 的三个原样副本，完全不含任何参数'),
    ],
    answer: 2,
    explain: msg(
      'Q = X·W_Q, K = X·W_K, V = X·W_V, with three learned parameter matrices. "Self" means all three come from the same sequence: the first block uses X, later blocks use the previous block\'s output.',
      'Q = X·W_Q，K = X·W_K，V = X·W_V，三个参数矩阵都是学出来的。“自”注意力是指三者来自同一个序列：第一个块用 X，之后的块用上一个块的输出。',
    ),
    hint: msg('Three learned parameter matrices.', '三个可学习的参数矩阵。'),
  },
  {
    id: 'transformer/self-attention/score-count',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'numeric',
    prompt: msg(
      `In self-attention over n = ${N} words, Q and K are n×dₖ with dₖ = ${DK}. How many numbers are in the score matrix QKᵀ?`,
      `对 n = ${N} 个单词做自注意力，Q 和 K 都是 n×dₖ，dₖ = ${DK}。分数矩阵 QKᵀ 中有多少个数？`,
    ),
    answer: N * N,
    explain: msg(
      `(n×dₖ)·(dₖ×n) = n×n = ${N}×${N} = ${N * N}: one score for every (query word, key word) pair. dₖ disappears in the product.`,
      `(n×dₖ)·(dₖ×n) = n×n = ${N}×${N} = ${N * N}：每一对（查询词，键词）一个分数。dₖ 在乘积中被消掉了。`,
    ),
    hint: msg('Kᵀ is dₖ×n.', 'Kᵀ 是 dₖ×n。'),
  },
  {
    id: 'transformer/self-attention/scale-formula',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'formula',
    prompt: msg(
      'In Attention(Q, K, V) = softmax(s·QKᵀ)V, the scores are multiplied by a factor s before the softmax. Write s in terms of the key dimension d.',
      '在 Attention(Q, K, V) = softmax(s·QKᵀ)V 中，分数在 softmax 之前要乘以因子 s。用键的维度 d 写出 s。',
    ),
    answer: '1/sqrt(d)',
    vars: ['d'],
    explain: msg(
      `s = 1/√dₖ. With dₖ = ${DK}, the scores are divided by √${DK} = ${Math.sqrt(DK)}.`,
      `s = 1/√dₖ。dₖ = ${DK} 时，分数要除以 √${DK} = ${Math.sqrt(DK)}。`,
    ),
    hint: msg('"Scaled" dot-product attention.', '“缩放”点积注意力。'),
  },
  {
    id: 'transformer/self-attention/scaled-score',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#scale',
    kind: 'numeric',
    prompt: msg(
      `A query and a key have dot product q·k = ${dot}, and dₖ = ${dotDk}. What score enters the softmax?`,
      `某查询向量与键向量的点积 q·k = ${dot}，dₖ = ${dotDk}。进入 softmax 的分数是多少？`,
    ),
    answer: scaled,
    tolerance: 1e-3,
    explain: msg(
      `q·k/√dₖ = ${dot}/√${dotDk} = ${dot}/${Math.sqrt(dotDk)} = ${scaled}.`,
      `缩放后的分数为 q·k/√dₖ = ${dot}/√${dotDk} = ${dot}/${Math.sqrt(dotDk)} = ${scaled}。`,
    ),
    hint: msg('Divide by √dₖ.', '除以 √dₖ。'),
  },
  {
    id: 'transformer/self-attention/softmax',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'numeric',
    prompt: msg(
      `A row of scaled scores is [${softIn.join(', ')}]. After the softmax, what attention weight does the last word get? (3 decimal places)`,
      `某行缩放后的分数为 [${softIn.join(', ')}]。经过 softmax 后，最后一个词得到的注意力权重是多少？（保留 3 位小数）`,
    ),
    answer: softMax,
    tolerance: 1e-3,
    explain: msg(
      `e¹ ≈ ${softExp[0].toFixed(3)}, e² ≈ ${softExp[1].toFixed(3)}, e³ ≈ ${softExp[2].toFixed(3)}; sum ≈ ${softSum.toFixed(3)}. Attention weight = ${softExp[2].toFixed(3)}/${softSum.toFixed(3)} ≈ ${softMax.toFixed(4)}. The three attention weights sum to 1.`,
      `e¹ ≈ ${softExp[0].toFixed(3)}，e² ≈ ${softExp[1].toFixed(3)}，e³ ≈ ${softExp[2].toFixed(3)}；总和 ≈ ${softSum.toFixed(3)}。注意力权重 = ${softExp[2].toFixed(3)}/${softSum.toFixed(3)} ≈ ${softMax.toFixed(4)}。三个注意力权重之和为 1。`,
    ),
    hint: msg('e³ / (e¹ + e² + e³).', '算 e³ / (e¹ + e² + e³)。'),
  },
  {
    id: 'transformer/self-attention/weighted-values',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'numeric',
    prompt: msg(
      `A sentence has 2 words with value vectors v₁ = [${attV[0].join(', ')}] and v₂ = [${attV[1].join(', ')}]. Word 1's attention weights are [${attW.join(', ')}]. What is the first component of word 1's output?`,
      `句子有 2 个词，值向量 v₁ = [${attV[0].join(', ')}]，v₂ = [${attV[1].join(', ')}]。词 1 的注意力权重为 [${attW.join(', ')}]。词 1 输出的第一个分量是多少？`,
    ),
    answer: attOut0,
    tolerance: 1e-3,
    explain: msg(
      `The output is the weighted sum of the values: ${attW[0]}·v₁ + ${attW[1]}·v₂. First component: ${attW[0]}·${attV[0][0]} + ${attW[1]}·${attV[1][0]} = ${attOut0}; the whole output is [${attOut0}, ${attOut1}].`,
      `输出是值向量的加权和：${attW[0]}·v₁ + ${attW[1]}·v₂。第一个分量：${attW[0]}·${attV[0][0]} + ${attW[1]}·${attV[1][0]} = ${attOut0}；完整输出为 [${attOut0}, ${attOut1}]。`,
    ),
    hint: msg('One row of softmax(·) times V.', 'softmax(·) 的一行乘以 V。'),
  },
  {
    id: 'transformer/self-attention/steps-order',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'order',
    prompt: msg('Put the steps of one self-attention computation in order.', '把一次自注意力计算的步骤按顺序排好。'),
    items: [
      msg('Compute Q = X·W_Q, K = X·W_K, V = X·W_V', '计算 Q = X·W_Q，K = X·W_K，V = X·W_V'),
      msg('Multiply Q by Kᵀ to get the n×n scores', 'Q 乘以 Kᵀ，得到 n×n 的分数'),
      msg('Divide the scores by √dₖ', '把分数除以 √dₖ'),
      msg('Apply softmax to each row', '对每一行做 softmax'),
      msg('Multiply the attention weights by V to get the output Z', '用注意力权重乘以 V，得到输出 Z'),
    ],
    explain: msg(
      'Attention(Q, K, V) = softmax(QKᵀ/√dₖ)·V, read from the inside out: project, score, scale, normalise each row into attention weights, then mix the value vectors with those weights.',
      'Attention(Q, K, V) = softmax(QKᵀ/√dₖ)·V，从里往外读：投影、打分、缩放、把每行归一化为注意力权重，再用这些权重混合值向量。',
    ),
    hint: msg('Read softmax(QKᵀ/√dₖ)V from the inside out.', '由内向外读 softmax(QKᵀ/√dₖ)V。'),
  },
  {
    id: 'transformer/self-attention/rows-sum',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#attention-formula',
    kind: 'truefalse',
    prompt: msg(
      'True or false: every row of softmax(QKᵀ/√dₖ) sums to 1.',
      '判断：softmax(QKᵀ/√dₖ) 的每一行之和都等于 1。',
    ),
    answer: true,
    explain: msg(
      'True. The softmax is taken along each row, one row per query word, so each row is a set of positive attention weights over the key words that sums to 1. The output of that word is then a weighted average of the value vectors.',
      '正确。softmax 按行计算，每个查询词一行，所以每一行都是对各键词的一组正的注意力权重，和为 1。该词的输出就是值向量的加权平均。',
    ),
    hint: msg('Along which axis is the softmax taken?', 'softmax 是沿哪个方向做的？'),
  },
  {
    id: 'transformer/self-attention/why-scale',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    taught: 'transformer/self-attention#why-scale',
    kind: 'choice',
    prompt: msg('Why are the scores divided by √dₖ before the softmax?', '为什么在 softmax 之前要把分数除以 √dₖ？'),
    options: [
      msg('To make every row of the scores sum to 1', '为了让每行分数之和为 1'),
      msg('To reduce the number of parameters per head', '为了减少每个注意力头的参数数量'),
      msg('To hide the words after the current position', '为了遮住当前位置之后所有的单词，防止偷看'),
      msg('So large scores do not saturate the softmax', '为了不让过大的分数使 softmax 饱和'),
    ],
    answer: 3,
    explain: msg(
      'For random vectors with unit-variance entries, q·k has variance dₖ, so its typical size is √dₖ. Dividing by √dₖ brings the scores back to about unit size, keeping the softmax away from near one-hot outputs where learning stalls. The rows summing to 1 is the softmax\'s job; hiding words is the mask\'s.',
      '若向量各分量方差为 1，q·k 的方差为 dₖ，典型大小约为 √dₖ。除以 √dₖ 让分数回到单位量级，使 softmax 不至于接近独热输出而学不动。行和为 1 是 softmax 的作用；遮住单词是掩码的作用。',
    ),
    hint: msg('What happens to the softmax of very large numbers?', '很大的数做 softmax 会怎样？'),
  },

  // ───────────────────────────── transformer/multi-head ─────────────────────────────
  {
    id: 'transformer/multi-head/head-dim',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'numeric',
    prompt: msg(
      `The base Transformer has d = ${D} and ${HEADS} heads. What is the size dₖ of each head's queries and keys?`,
      `base Transformer 的 d = ${D}，有 ${HEADS} 个头。每个头的查询和键的维度 dₖ 是多少？`,
    ),
    answer: DK,
    explain: msg(
      `dₖ = d/h = ${D}/${HEADS} = ${DK}. The model width is split among the heads, so ${HEADS} heads cost about as much as one full-width head.`,
      `dₖ = d/h = ${D}/${HEADS} = ${DK}。模型宽度平分给各个头，所以 ${HEADS} 个头的计算量与一个全宽度的头差不多。`,
    ),
    hint: msg('d divided by the number of heads.', 'd 除以头数。'),
  },
  {
    id: 'transformer/multi-head/concat-width',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'numeric',
    prompt: msg(
      `${HEADS} heads each output a matrix Zᵢ of size n×${DK}. After concatenating Z₁…Z₈ side by side, how many columns are there?`,
      `${HEADS} 个头各输出一个 n×${DK} 的矩阵 Zᵢ。把 Z₁…Z₈ 横向拼接后，共有多少列？`,
    ),
    answer: HEADS * DK,
    explain: msg(
      `${HEADS}·${DK} = ${HEADS * DK} = d. The concatenation is n×${D}, and a final ${D}×${D} linear layer gives Z, the same shape as X.`,
      `${HEADS}·${DK} = ${HEADS * DK} = d。拼接结果为 n×${D}，再经过一个 ${D}×${D} 的线性层得到 Z，形状与 X 相同。`,
    ),
    hint: msg('Columns add up when concatenating.', '拼接时列数相加。'),
  },
  {
    id: 'transformer/multi-head/combine',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'choice',
    prompt: msg(
      'After the 8 heads produce Z₁ … Z₈, how does multi-head attention form its final output Z?',
      '8 个头得到 Z₁ … Z₈ 之后，多头注意力如何得到最终输出 Z？',
    ),
    options: [
      msg('Average the eight matrices elementwise', '把八个矩阵逐元素求平均'),
      msg('Concatenate them, then apply a linear layer', '把它们拼接起来，再经过一个线性层'),
      msg('Keep only the head with the largest scores', '只保留分数最大的那个头'),
      msg('Multiply the eight matrices together elementwise', '把八个矩阵逐元素相乘，得到一个矩阵'),
    ],
    answer: 1,
    explain: msg(
      `Concat(Z₁, …, Z₈) is n×${D}; the linear layer W_O (${D}×${D}) mixes what the heads found and gives Z, n×${D}, the same shape as the input X.`,
      `Concat(Z₁, …, Z₈) 为 n×${D}；线性层 W_O（${D}×${D}）把各头的结果融合起来，得到 n×${D} 的 Z，与输入 X 形状相同。`,
    ),
    hint: msg('Concat, then Linear.', '先 Concat，再 Linear。'),
  },
  {
    id: 'transformer/multi-head/same-shape',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the output Z of multi-head attention has the same shape as its input X.',
      '判断：多头注意力的输出 Z 与输入 X 形状相同。',
    ),
    answer: true,
    explain: msg(
      `True. Each of the ${HEADS} heads gives n×${DK}; concatenated they are n×${D}, and the output layer maps ${D} to ${D}. Keeping the shape is what makes the residual X + MultiHeadAttention(X) possible.`,
      `正确。${HEADS} 个头各输出 n×${DK}，拼接后为 n×${D}，输出层再把 ${D} 映射到 ${D}。保持形状不变，残差 X + MultiHeadAttention(X) 才能相加。`,
    ),
    hint: msg('Think about the residual connection that follows.', '想想后面紧跟的残差连接。'),
  },
  {
    id: 'transformer/multi-head/params',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#mha-params',
    kind: 'numeric',
    prompt: msg(
      `How many parameters does a multi-head attention layer with embedding size E = ${D} have (W_Q, W_K, W_V and the output layer, each with a bias)?`,
      `嵌入维度 E = ${D} 的多头注意力层（W_Q、W_K、W_V 和输出层，各带偏置）有多少个参数？`,
    ),
    answer: mhaParams,
    explain: msg(
      `Four E×E matrices plus four biases of E: 4·(E² + E) = 4·(${fmtInt(D * D)} + ${D}) = ${fmtInt(mhaParams)}. The number of heads does not change it: the heads split the E columns between them.`,
      `四个 E×E 矩阵加四个长度为 E 的偏置：4·(E² + E) = 4·(${fmtInt(D * D)} + ${D}) = ${fmtInt(mhaParams)}。头数不影响参数量：各头只是把 E 列分开使用。`,
    ),
    hint: msg('Four linear layers of size E→E.', '四个 E→E 的线性层。'),
  },
  {
    id: 'transformer/multi-head/params-formula',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#mha-params',
    kind: 'formula',
    prompt: msg(
      'Write the parameter count of a multi-head attention layer with embedding size E (projections for Q, K, V and the output, each E×E with a bias).',
      '写出嵌入维度为 E 的多头注意力层的参数量（Q、K、V 投影和输出层，各为 E×E 并带偏置）。',
    ),
    answer: '4*(E^2+E)',
    vars: ['E'],
    explain: msg(
      `Each of the four layers has E² weights and E biases: 4·(E² + E). For E = ${D}: ${fmtInt(mhaParams)}.`,
      `四个层各有 E² 个权重和 E 个偏置：4·(E² + E)。E = ${D} 时为 ${fmtInt(mhaParams)}。`,
    ),
    hint: msg('4 × (weights + bias) of one E→E layer.', '4 ×（一个 E→E 层的权重 + 偏置）。'),
  },
  {
    id: 'transformer/multi-head/score-count',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'numeric',
    prompt: msg(
      `Multi-head attention with ${HEADS} heads runs over a sentence of n = ${N} words. How many scores (entries of Q·Kᵀ/√d_k) are computed in total?`,
      `有 ${HEADS} 个头的多头注意力作用于 n = ${N} 个单词的句子。总共要计算多少个分数（Q·Kᵀ/√d_k 的元素）？`,
    ),
    answer: headScores,
    explain: msg(
      `Each head has its own n×n score matrix: ${N}·${N} = ${N * N}. Over ${HEADS} heads: ${HEADS}·${N * N} = ${headScores}.`,
      `每个头都有自己的 n×n 分数矩阵：${N}·${N} = ${N * N}。${HEADS} 个头合计：${HEADS}·${N * N} = ${headScores}。`,
    ),
    hint: msg('One n×n matrix per head.', '每个头一个 n×n 矩阵。'),
  },
  {
    id: 'transformer/multi-head/steps-order',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#concat-linear',
    kind: 'order',
    prompt: msg('Put the steps of multi-head attention in order.', '把多头注意力的计算步骤按顺序排好。'),
    items: [
      msg('Project X to a separate Q, K, V for each head', '把 X 投影成每个头各自的 Q、K、V'),
      msg('Run scaled dot-product attention in every head, giving Z₁ … Z₈', '在每个头中做缩放点积注意力，得到 Z₁ … Z₈'),
      msg('Concatenate Z₁ … Z₈ side by side', '把 Z₁ … Z₈ 横向拼接'),
      msg('Apply the output linear layer to get Z', '经过输出线性层得到 Z'),
    ],
    explain: msg(
      `Each head attends with its own projections (dₖ = ${DK}); the ${HEADS} results are concatenated back to width ${D} and mixed by one linear layer.`,
      `每个头用自己的投影做注意力（dₖ = ${DK}）；${HEADS} 个结果拼接回宽度 ${D}，再由一个线性层融合。`,
    ),
    hint: msg('The linear layer comes last.', '线性层在最后。'),
  },
  {
    id: 'transformer/multi-head/why-heads',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    taught: 'transformer/multi-head#ways-to-look',
    kind: 'choice',
    prompt: msg('What is gained by using several attention heads instead of one?', '用多个注意力头而不是一个，有什么好处？'),
    options: [
      msg('It removes the need for position information', '这样就不再需要位置嵌入提供的信息'),
      msg('It makes the output wider than the input X', '让输出比输入 X 更宽'),
      msg('Each head can learn its own kind of relation between words', '每个头可以学到一种不同的关系'),
      msg('It lets each word see the words after it', '让每个词都能看到它后面的词'),
    ],
    answer: 2,
    explain: msg(
      'One head produces one set of attention weights per word, a single way of relating words. With 8 heads, one might follow syntax, another coreference, another nearby words: attention weights along several dimensions of relatedness, at about the same cost.',
      '一个头为每个词只产生一组注意力权重，即只有一种关联方式。有了 8 个头，一个可以关注句法，一个关注指代，一个关注相邻词：在多个维度上得到注意力权重，而计算量大致不变。',
    ),
    hint: msg('Each head has its own attention weights.', '每个头都有自己的注意力权重。'),
  },

  // ───────────────────────────── transformer/encoder ─────────────────────────────
  {
    id: 'transformer/encoder/block-order',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#four-layers',
    kind: 'order',
    prompt: msg('Put the four parts of one encoder block in order.', '把一个编码器块的四个部分按顺序排好。'),
    items: [
      msg('Multi-head self-attention on the block input X', '对块的输入 X 做多头自注意力'),
      msg('Add & Norm: LayerNorm(X + MultiHeadAttention(X))', 'Add & Norm（残差加层归一化）：LayerNorm(X + MultiHeadAttention(X))'),
      msg('Feed forward: two linear layers with ReLU between', '前馈层：两个线性层，中间是 ReLU'),
      msg('Add & Norm: LayerNorm(Y + FeedForward(Y))', 'Add & Norm（残差加层归一化）：LayerNorm(Y + FeedForward(Y))'),
    ],
    explain: msg(
      'Multi-Head Attention → Add & Norm → Feed Forward → Add & Norm. Each sub-layer is wrapped in a residual connection and a layer normalization; Y is the output of the first Add & Norm.',
      'Multi-Head Attention → Add & Norm → Feed Forward → Add & Norm。每个子层都套着残差连接和层归一化；Y 是第一个 Add & Norm 的输出。',
    ),
    hint: msg('Every sub-layer is followed by Add & Norm.', '每个子层后面都跟一个 Add & Norm。'),
  },
  {
    id: 'transformer/encoder/add',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#add',
    kind: 'choice',
    prompt: msg('What does "Add" in Add & Norm compute?', 'Add & Norm 中的 “Add” 计算的是什么？'),
    options: [
      msg('The word embedding plus the position embedding', '词嵌入加上位置嵌入'),
      msg('The sum of the outputs of the 8 attention heads', '8 个注意力头的输出之和'),
      msg('A learned bias added to every word vector', '给每个词向量加上一个可学习的偏置'),
      msg('The residual sum X + MultiHeadAttention(X)', '残差 X + MultiHeadAttention(X)'),
    ],
    answer: 3,
    explain: msg(
      'Add is a residual (skip) connection: the sub-layer\'s input is added to its output. The sub-layer then only has to learn a correction to X, which makes deep stacks much easier to train, the same idea as in ResNet.',
      'Add 是残差（跳跃）连接：把子层的输入加到它的输出上。子层只需学习对 X 的修正量，深层堆叠因此更容易训练，这与 ResNet 的思路相同。',
    ),
    hint: msg('Which CNN architecture is famous for skip connections?', '哪种 CNN 结构以跳跃连接著称？'),
  },
  {
    id: 'transformer/encoder/norm',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#norm',
    kind: 'choice',
    prompt: msg('What does "Norm" in Add & Norm do?', 'Add & Norm 中的 “Norm” 做了什么？'),
    options: [
      msg('Batch normalization over all sentences in the batch', '对批内所有句子做批归一化（BatchNorm）'),
      msg('Layer normalization of each word’s feature vector', '层归一化：对每个词向量的特征做归一化'),
      msg('Divides each vector by its length so its norm is 1', '把每个向量除以其长度，使范数为 1'),
      msg('Clips the gradients whose norm is too large', '截断范数过大的梯度'),
    ],
    answer: 1,
    explain: msg(
      'Layer Normalization computes the mean and variance over the d features of one token and normalizes that token, independently of other tokens and sentences (then applies a learned scale and shift). It keeps every layer\'s inputs on the same scale, which speeds up convergence.',
      '层归一化在单个词的 d 个特征上计算均值和方差，并对该词做归一化，不依赖其他词和其他句子（之后再做可学习的缩放和平移）。它让每层的输入保持在同一尺度上，从而加快收敛。',
    ),
    hint: msg('Statistics are computed per token, not per batch.', '统计量按每个词计算，而不是按批。'),
  },
  {
    id: 'transformer/encoder/layernorm-value',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#layernorm-formula',
    kind: 'numeric',
    prompt: msg(
      `A word vector is [${ln.join(', ')}]. After layer normalization (ignore ε; scale 1, shift 0), what is its last component? (3 decimal places)`,
      `某词向量为 [${ln.join(', ')}]。经过层归一化后（忽略 ε；缩放为 1，平移为 0），最后一个分量是多少？（保留 3 位小数）`,
    ),
    answer: lnOut,
    tolerance: 1e-3,
    explain: msg(
      `Mean = ${lnMean}. Variance = ((−2)² + 0² + 2²)/3 = ${lnVar.toFixed(4)}, standard deviation ≈ ${Math.sqrt(lnVar).toFixed(4)}. (${ln[2]} − ${lnMean})/${Math.sqrt(lnVar).toFixed(4)} ≈ ${lnOut.toFixed(4)}.`,
      `均值 = ${lnMean}。方差 = ((−2)² + 0² + 2²)/3 = ${lnVar.toFixed(4)}，标准差 ≈ ${Math.sqrt(lnVar).toFixed(4)}。(${ln[2]} − ${lnMean})/${Math.sqrt(lnVar).toFixed(4)} ≈ ${lnOut.toFixed(4)}。`,
    ),
    hint: msg('Subtract the mean, divide by the standard deviation (divide the variance by 3, not 2).', '减去均值，再除以标准差（方差除以 3，而不是 2）。'),
  },
  {
    id: 'transformer/encoder/ffn-structure',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#feed-forward',
    kind: 'choice',
    prompt: msg('What is inside the Feed Forward sub-layer of an encoder block?', '编码器块的 Feed Forward 子层里是什么？'),
    options: [
      msg('A convolution over neighbouring words, then max pooling', '对相邻单词做卷积，再做最大池化'),
      msg('Another multi-head attention layer with its own heads', '又一个有自己的头的多头注意力层'),
      msg('Two linear layers with a ReLU between them', '两个线性层，中间夹一个 ReLU'),
      msg('A single linear layer followed by a softmax', '一个线性层，后面接一个 softmax'),
    ],
    answer: 2,
    explain: msg(
      `FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂: widen to d_ff = ${DFF}, apply ReLU, project back to d = ${D}. The output keeps the input's shape, so it can be added to it in the next Add & Norm.`,
      `FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂：先扩展到 d_ff = ${DFF}，经过 ReLU，再投影回 d = ${D}。输出保持输入的形状，才能在接下来的 Add & Norm 中与输入相加。`,
    ),
    hint: msg('Expand, activate, project back.', '扩展、激活、再投影回去。'),
  },
  {
    id: 'transformer/encoder/ffn-params',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#ffn-params',
    kind: 'numeric',
    prompt: msg(
      `How many parameters does the feed-forward sub-layer have with d = ${D} and d_ff = ${DFF} (both linear layers with biases)?`,
      `d = ${D}、d_ff = ${DFF} 时，前馈子层（两个线性层都带偏置）有多少个参数？`,
    ),
    answer: ffnParams,
    explain: msg(
      `First layer: ${D}·${DFF} + ${DFF} = ${fmtInt(D * DFF + DFF)}. Second: ${DFF}·${D} + ${D} = ${fmtInt(DFF * D + D)}. Total ${fmtInt(ffnParams)}, about twice the ${fmtInt(mhaParams)} of the attention layer.`,
      `第一层：${D}·${DFF} + ${DFF} = ${fmtInt(D * DFF + DFF)}。第二层：${DFF}·${D} + ${D} = ${fmtInt(DFF * D + D)}。合计 ${fmtInt(ffnParams)}，约为注意力层 ${fmtInt(mhaParams)} 的两倍。`,
    ),
    hint: msg('d·d_ff + d_ff, then d_ff·d + d.', 'd·d_ff + d_ff，再加 d_ff·d + d。'),
  },
  {
    id: 'transformer/encoder/ffn-formula',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#ffn-params',
    kind: 'formula',
    prompt: msg(
      'Write the parameter count of the feed-forward sub-layer (d → f → d, both layers with biases) in terms of the model width d and the hidden width f.',
      '用模型维度 d 和隐藏维度 f 写出前馈子层（d → f → d，两层都带偏置）的参数量。',
    ),
    answer: '2*d*f+f+d',
    vars: ['d', 'f'],
    explain: msg(
      `d·f + f for the first layer, f·d + d for the second: 2·d·f + f + d. With d = ${D}, f = ${DFF}: ${fmtInt(ffnParams)}.`,
      `第一层 d·f + f，第二层 f·d + d：合计 2·d·f + f + d。d = ${D}、f = ${DFF} 时为 ${fmtInt(ffnParams)}。`,
    ),
    hint: msg('Weights plus biases of both layers.', '两层的权重加偏置。'),
  },
  {
    id: 'transformer/encoder/ffn-per-token',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#feed-forward',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the feed-forward sub-layer mixes information between different words of the sentence.',
      '判断：前馈子层会在句子的不同单词之间交换信息。',
    ),
    answer: false,
    explain: msg(
      'False. The same two-layer network is applied to each word vector separately (position-wise). Information moves between words only in the attention layers; the feed-forward layer then transforms each word\'s mixed vector on its own.',
      '错误。同一个两层网络分别作用于每个词向量（逐位置）。单词之间的信息交换只发生在注意力层；前馈层随后各自变换每个词已混合好的向量。',
    ),
    hint: msg('Which sub-layer has an n×n matrix?', '哪个子层里有 n×n 的矩阵？'),
  },
  {
    id: 'transformer/encoder/layernorm-batch',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    taught: 'transformer/encoder#norm',
    kind: 'truefalse',
    prompt: msg(
      'True or false: Layer Normalization in a Transformer computes its mean and variance over all sentences in the batch.',
      '判断：Transformer 中的层归一化是在批内所有句子上计算均值和方差的。',
    ),
    answer: false,
    explain: msg(
      'False. That describes batch normalization. Layer normalization uses the d features of a single token, so it behaves the same for any batch size and any sentence length, which is why it suits RNNs and Transformers.',
      '错误。那是批归一化。层归一化只用单个词的 d 个特征，所以不受批大小和句子长度影响，这也是它适合 RNN 和 Transformer 的原因。',
    ),
    hint: msg('"Layer" versus "batch".', '“层”与“批”的区别。'),
  },

  // ───────────────────────────── transformer/decoder ─────────────────────────────
  {
    id: 'transformer/decoder/block-order',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#three-differences',
    kind: 'order',
    prompt: msg(
      'Put the parts of a decoder block, and what follows the last block, in order.',
      '把解码器块的各部分以及最后一个块之后的部分按顺序排好。',
    ),
    items: [
      msg('Masked multi-head self-attention, then Add & Norm', '带掩码的多头自注意力，然后 Add & Norm'),
      msg('Multi-head attention with Q from the decoder and K, V from C, then Add & Norm', '多头注意力（Q 来自解码器，K、V 来自 C），然后 Add & Norm'),
      msg('Feed forward, then Add & Norm', '前馈层，然后 Add & Norm'),
      msg('After the last block: linear layer and softmax over the vocabulary', '最后一个块之后：线性层和对词表的 softmax'),
    ],
    explain: msg(
      'A decoder block first attends over the words translated so far (masked), then over the source sentence through C, then applies the feed-forward layer; each is followed by Add & Norm. After the stack, a linear layer and softmax give the next-word probabilities.',
      '解码器块先对已译出的单词做（带掩码的）注意力，再通过 C 关注源句，然后经过前馈层；每一步后面都有 Add & Norm。整个堆叠之后，线性层和 softmax 给出下一个单词的概率。',
    ),
    hint: msg('First look at your own output, then at the source.', '先看自己的输出，再看源句。'),
  },
  {
    id: 'transformer/decoder/cross-qkv',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#cross',
    kind: 'choice',
    prompt: msg(
      'In the second multi-head attention layer of a decoder block, where do Q, K and V come from?',
      '在解码器块的第二个多头注意力层中，Q、K、V 分别来自哪里？',
    ),
    options: [
      msg('Q, K and V all from the encoder output C', 'Q、K、V 都来自编码器输出 C'),
      msg('Q from C; K and V from the decoder below', 'Q 来自 C；K 和 V 来自解码器'),
      msg('Q from the decoder; K and V from the encoder output C', 'Q 来自解码器；K 和 V 来自编码器输出 C'),
      msg('Q, K and V all from the masked decoder layer', 'Q、K、V 都来自带掩码的解码器层'),
    ],
    answer: 2,
    explain: msg(
      'The decoder asks the questions (Q, from its own state) and the source sentence supplies the keys and values (K, V, computed from C). Each target position thus looks up the source words relevant to it.',
      '解码器负责提问（Q 来自它自己的状态），源句提供键和值（K、V 由 C 计算）。这样每个目标位置都能查找与自己相关的源词。',
    ),
    hint: msg('Who asks, and what is searched?', '谁在提问，在哪里查找？'),
  },
  {
    id: 'transformer/decoder/cross-scores',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#cross',
    kind: 'numeric',
    prompt: msg(
      `The source sentence has ${SRC} words and the decoder is processing ${TGT} target positions. How many scores does one head of the second (encoder–decoder) attention compute?`,
      `源句有 ${SRC} 个词，解码器正在处理 ${TGT} 个目标位置。第二个（编码器–解码器）注意力的一个头要计算多少个分数？`,
    ),
    answer: crossScores,
    explain: msg(
      `Q has ${TGT} rows (target), K has ${SRC} rows (source), so QKᵀ is ${TGT}×${SRC} = ${crossScores}. Unlike self-attention, the score matrix need not be square.`,
      `Q 有 ${TGT} 行（目标），K 有 ${SRC} 行（源），所以 QKᵀ 为 ${TGT}×${SRC} = ${crossScores}。与自注意力不同，这里的分数矩阵不一定是方阵。`,
    ),
    hint: msg('Rows of Q times rows of K.', 'Q 的行数乘以 K 的行数。'),
  },
  {
    id: 'transformer/decoder/masked-count',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#masked',
    kind: 'numeric',
    prompt: msg(
      `In masked self-attention over ${MASK_N} target words, each word may attend only to itself and earlier words. How many of the ${MASK_N * MASK_N} scores are masked out?`,
      `对 ${MASK_N} 个目标词做带掩码的自注意力，每个词只能关注自己和之前的词。${MASK_N * MASK_N} 个分数中有多少个被遮住？`,
    ),
    answer: masked,
    explain: msg(
      `Everything above the diagonal: 0 + 1 + 2 + 3 + 4 = ${MASK_N}·${MASK_N - 1}/2 = ${masked}. The remaining ${MASK_N * MASK_N - masked} (diagonal and below) are kept.`,
      `对角线以上的所有位置：0 + 1 + 2 + 3 + 4 = ${MASK_N}·${MASK_N - 1}/2 = ${masked}。其余 ${MASK_N * MASK_N - masked} 个（对角线及以下）保留。`,
    ),
    hint: msg('Word k cannot see the words after it.', '第 k 个词看不到它后面的词。'),
  },
  {
    id: 'transformer/decoder/masked-formula',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#masked',
    kind: 'formula',
    prompt: msg(
      'In masked self-attention over n target words, how many of the n×n scores are masked out? Write it in terms of n.',
      '对 n 个目标词做带掩码的自注意力，n×n 个分数中有多少个被遮住？用 n 表示。',
    ),
    answer: 'n*(n-1)/2',
    vars: ['n'],
    explain: msg(
      `The strict upper triangle: (n² − n)/2 = n(n − 1)/2. For n = ${MASK_N}: ${masked}.`,
      `严格上三角部分：(n² − n)/2 = n(n − 1)/2。n = ${MASK_N} 时为 ${masked}。`,
    ),
    hint: msg('All entries minus the diagonal, halved.', '全部元素减去对角线，再除以 2。'),
  },
  {
    id: 'transformer/decoder/mask-infinity',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#masked',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the mask sets the scores of later words to −∞ before the softmax, so their attention weights become exactly 0.',
      '判断：掩码在 softmax 之前把后面单词的分数设为 −∞，因此它们的注意力权重恰好为 0。',
    ),
    answer: true,
    explain: msg(
      'True. e^(−∞) = 0, so masked positions get attention weight 0 and the softmax shares the whole of 1 among the visible words. Setting the attention weights to 0 after the softmax would break the rows\' sum of 1.',
      '正确。e^(−∞) = 0，所以被遮住的位置注意力权重为 0，softmax 把总和 1 分给可见的词。如果在 softmax 之后才把注意力权重置 0，每行之和就不再是 1 了。',
    ),
    hint: msg('What is e^(−∞)?', 'e^(−∞) 等于多少？'),
  },
  {
    id: 'transformer/decoder/masked-weight',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#masked',
    kind: 'numeric',
    prompt: msg(
      'Word 2 of 4 in masked self-attention has scaled scores [1, 1, 3, 5] for words 1–4. After masking and the softmax, what attention weight does word 1 get?',
      '带掩码的自注意力中，4 个词里的第 2 个词对词 1–4 的缩放分数为 [1, 1, 3, 5]。经过掩码和 softmax 后，词 1 得到的注意力权重是多少？',
    ),
    answer: maskedW,
    tolerance: 1e-3,
    explain: msg(
      'Words 3 and 4 come later, so their scores become −∞: [1, 1, −∞, −∞]. softmax gives e¹/(e¹ + e¹) = 0.5 to words 1 and 2, and 0 to words 3 and 4. Their large scores (3 and 5) do not matter.',
      '词 3 和词 4 在后面，分数被设为 −∞：[1, 1, −∞, −∞]。softmax 给词 1 和词 2 各 e¹/(e¹ + e¹) = 0.5，词 3、4 为 0。它们的高分（3 和 5）不起作用。',
    ),
    hint: msg('Which words can word 2 see?', '词 2 能看到哪些词？'),
  },
  {
    id: 'transformer/decoder/final-softmax',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#next-word',
    kind: 'choice',
    prompt: msg('What does the softmax at the very end of the decoder produce?', '解码器最后的 softmax 输出的是什么？'),
    options: [
      msg('The attention weights of the last decoder block', '最后一个解码器块的注意力权重'),
      msg('The encoding matrix C for the next decoder step', '供下一步解码使用的编码信息矩阵 C'),
      msg('The position embeddings for the next step', '下一步要用的位置嵌入'),
      msg('A probability for each word of the vocabulary', '词表中每个词作为下一个词的概率'),
    ],
    answer: 3,
    explain: msg(
      `A linear layer maps each d = ${D} vector to one logit per vocabulary word; the softmax turns the logits into probabilities that sum to 1. The most likely word (or a sampled one) becomes word i + 1.`,
      `线性层把每个 d = ${D} 的向量映射为词表中每个词的一个 logit；softmax 把这些 logit 变成和为 1 的概率。概率最大的词（或采样得到的词）就是第 i + 1 个单词。`,
    ),
    hint: msg('Translation picks the next word.', '翻译要选出下一个单词。'),
  },
  {
    id: 'transformer/decoder/two-attentions',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#three-differences',
    kind: 'numeric',
    prompt: msg(
      'How many multi-head attention layers does one decoder block contain?',
      '一个解码器块包含几个多头注意力层？',
    ),
    answer: 2,
    explain: msg(
      'Two: a masked self-attention over the target words so far, and an encoder–decoder attention whose K and V come from C. An encoder block has only one.',
      '两个：一个是对已有目标词的带掩码自注意力，另一个是 K、V 来自 C 的编码器–解码器注意力。编码器块只有一个。',
    ),
    hint: msg('One looks at the target, one at the source.', '一个看目标句，一个看源句。'),
  },
  {
    id: 'transformer/decoder/parallel-training',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    taught: 'transformer/decoder#masked',
    kind: 'truefalse',
    prompt: msg(
      'True or false: during training, the decoder can predict every position of a known target sentence in one parallel pass, thanks to the mask.',
      '判断：训练时由于有掩码，解码器可以在一次并行计算中预测已知目标句的所有位置。',
    ),
    answer: true,
    explain: msg(
      'True. The whole correct target is fed in (teacher forcing) and the mask makes position i + 1 see only words 1…i, so all positions are trained at once. At inference the next word is not known yet, so decoding goes one word at a time.',
      '正确。训练时把完整的正确目标句送入（teacher forcing），掩码保证位置 i + 1 只能看到单词 1…i，因此所有位置可以同时训练。推理时下一个词尚未知道，所以只能逐词解码。',
    ),
    hint: msg('The mask already stops every position from seeing its future.', '掩码已经挡住了每个位置的“未来”。'),
  },

  // ───────────────────────────── transformer/summary ─────────────────────────────
  {
    id: 'transformer/summary/parallel',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#parallel',
    kind: 'truefalse',
    prompt: msg(
      'True or false: unlike an RNN, a Transformer can process all positions of a training sentence in parallel.',
      '判断：与 RNN 不同，Transformer 可以并行处理训练句子中的所有位置。',
    ),
    answer: true,
    explain: msg(
      'True. An RNN needs hₜ₋₁ before it can compute hₜ, so n words take n sequential steps. A Transformer computes all n rows of QKᵀ, softmax and V with matrix products at once, which suits GPUs.',
      '正确。RNN 要先有 hₜ₋₁ 才能算 hₜ，n 个词需要 n 个串行步骤。Transformer 用矩阵乘法一次算出 QKᵀ、softmax 和 V 的全部 n 行，非常适合 GPU。',
    ),
    hint: msg('Does position t have to wait for position t − 1?', '位置 t 必须等位置 t − 1 吗？'),
  },
  {
    id: 'transformer/summary/bag-of-words',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#order',
    kind: 'truefalse',
    prompt: msg(
      'True or false: without position embeddings, shuffling the input words of a Transformer encoder just shuffles its output rows the same way, so it behaves like a bag of words.',
      '判断：没有位置嵌入时，打乱 Transformer 编码器输入单词的顺序，只会让输出行以同样方式打乱，因此它相当于词袋模型。',
    ),
    answer: true,
    explain: msg(
      'True. Attention weights depend only on the vectors, not on where they are, and the feed-forward layer acts on each row alone. Nothing in the model sees word order unless it is added to X through the position embedding.',
      '正确。注意力权重只取决于向量本身，与它们的位置无关；前馈层也只单独作用于每一行。除非通过位置嵌入加进 X，模型中没有任何部分能感知词序。',
    ),
    hint: msg('Which part of the model knows where a word is?', '模型的哪一部分知道单词在什么位置？'),
  },
  {
    id: 'transformer/summary/order-source',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#order',
    kind: 'choice',
    prompt: msg(
      'In a Transformer, which component supplies the information about word order?',
      '在 Transformer 中，哪个组件提供词序信息？',
    ),
    options: [
      msg('The recurrent connection between blocks', '各个块之间的循环连接'),
      msg('The position embedding added to X', '加到 X 上的位置嵌入'),
      msg('The softmax in attention', '注意力中的 softmax'),
      msg('Layer normalization', '层归一化'),
    ],
    answer: 1,
    explain: msg(
      'The model has no recurrence and attention is order-blind, so order must be written into the input: X = word embedding + position embedding (for example the sinusoids sin(pos/10000^(2i/d))).',
      '模型没有循环结构，注意力也不区分顺序，所以顺序必须写进输入：X = 词嵌入 + 位置嵌入（例如正弦编码 sin(pos/10000^(2i/d))）。',
    ),
    hint: msg('It is added at the very start.', '它在最开始就被加进去了。'),
  },
  {
    id: 'transformer/summary/qkv-linear',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'choice',
    prompt: msg(
      'Which statement about Q, K and V in a Transformer encoder is correct?',
      '关于 Transformer 编码器中的 Q、K、V，哪种说法是正确的？',
    ),
    options: [
      msg('Linear maps of the attention layer’s input', '注意力层输入的线性变换'),
      msg('The final next-word predictions of the decoder', '解码器对下一个词的最终预测'),
      msg('Fixed matrices that are not learned', '固定的矩阵，不需要学习'),
      msg('Q and K are one shared matrix in every head', '每个头里 Q 和 K 是同一个矩阵'),
    ],
    answer: 0,
    explain: msg(
      'Q = X·W_Q, K = X·W_K, V = X·W_V, where X is the input to that attention layer (the embeddings for the first block, the previous block\'s output after that). The projections W_Q, W_K, W_V are learned and differ per head.',
      'Q = X·W_Q，K = X·W_K，V = X·W_V，其中 X 是该注意力层的输入（第一个块为嵌入，之后为上一个块的输出）。投影矩阵 W_Q、W_K、W_V 是学出来的，且每个头各不相同。',
    ),
    hint: msg('Three learned projections.', '三个可学习的投影。'),
  },
  {
    id: 'transformer/summary/path-length',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'numeric',
    prompt: msg(
      'Word 2 decides the verb form at word 9. An RNN must carry that information through 7 recurrent steps. Through how many attention layers must it pass in a Transformer to reach word 9?',
      '第 2 个词决定第 9 个词的动词形式。RNN 要经过 7 个循环步骤来传递这个信息。在 Transformer 中，它要经过几个注意力层才能到达第 9 个词？',
    ),
    answer: 1,
    explain: msg(
      'One. In a single self-attention layer word 9\'s query is compared with word 2\'s key directly, whatever the distance. The path length is constant, where an RNN\'s grows with the gap (7 steps here, with the signal fading at each).',
      '一个。在一个自注意力层中，第 9 个词的查询直接与第 2 个词的键比较，与距离无关。路径长度是常数，而 RNN 的路径随间隔增长（这里是 7 步，每步信号都会衰减）。',
    ),
    hint: msg('Every word attends to every other word.', '每个词都会关注所有其他词。'),
  },
  {
    id: 'transformer/summary/score-formula',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'formula',
    prompt: msg(
      'A multi-head attention layer has h heads and runs over n words. Write the total number of scores (entries of Q·Kᵀ/√d_k) it computes, in terms of h and n.',
      '多头注意力层有 h 个头，作用于 n 个词。用 h 和 n 写出它计算的分数（Q·Kᵀ/√d_k 的元素）总数。',
    ),
    answer: 'h*n^2',
    vars: ['h', 'n'],
    explain: msg(
      `Each head has an n×n score matrix: h·n². For h = ${HEADS}, n = ${N}: ${headScores}. The cost grows with the square of the sentence length.`,
      `每个头一个 n×n 分数矩阵：h·n²。h = ${HEADS}、n = ${N} 时为 ${headScores}。计算量随句子长度的平方增长。`,
    ),
    hint: msg('One n×n matrix per head.', '每个头一个 n×n 矩阵。'),
  },
  {
    id: 'transformer/summary/quadratic',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'numeric',
    prompt: msg(
      `A document has n = ${fmtInt(longN)} tokens. How many scores (entries of Q·Kᵀ/√d_k) does a single head compute in one self-attention layer?`,
      `某文档有 n = ${fmtInt(longN)} 个词元。单个头在一个自注意力层中要计算多少个分数（Q·Kᵀ/√d_k 的元素）？`,
    ),
    answer: longN * longN,
    explain: msg(
      `n² = ${fmtInt(longN)}² = ${fmtInt(longN * longN)}. Parallel but quadratic: doubling the length quadruples the scores, while an RNN's work grows linearly (but step by step).`,
      `n² = ${fmtInt(longN)}² = ${fmtInt(longN * longN)}。可以并行，但是平方级：长度翻倍，分数数量变为四倍；RNN 的计算量线性增长（但只能一步一步算）。`,
    ),
    hint: msg('QKᵀ is n×n.', 'QKᵀ 是 n×n。'),
  },
  {
    id: 'transformer/summary/mha-layers',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'numeric',
    prompt: msg(
      `The original Transformer has ${BLOCKS} encoder blocks and ${BLOCKS} decoder blocks. How many multi-head attention layers does it contain in total?`,
      `原始 Transformer 有 ${BLOCKS} 个编码器块和 ${BLOCKS} 个解码器块。它总共包含多少个多头注意力层？`,
    ),
    answer: mhaLayers,
    explain: msg(
      `Each encoder block has 1 (self-attention): ${BLOCKS}. Each decoder block has 2 (masked self-attention and encoder–decoder attention): ${2 * BLOCKS}. Total ${BLOCKS} + ${2 * BLOCKS} = ${mhaLayers}.`,
      `每个编码器块有 1 个（自注意力）：${BLOCKS} 个。每个解码器块有 2 个（带掩码的自注意力和编码器–解码器注意力）：${2 * BLOCKS} 个。合计 ${BLOCKS} + ${2 * BLOCKS} = ${mhaLayers}。`,
    ),
    hint: msg('Decoder blocks have two each.', '每个解码器块有两个。'),
  },
  {
    id: 'transformer/summary/core-structure',
    topic: 'transformer',
    lesson: 'transformer/summary',
    taught: 'transformer/summary#heads',
    kind: 'choice',
    prompt: msg(
      'Which of these is the central structure of the Transformer, the one that replaces recurrence?',
      '下列哪一项是 Transformer 的核心结构，取代了循环结构？',
    ),
    options: [
      msg('Self-attention, in multi-head form', '自注意力（多头形式）'),
      msg('Convolution followed by max pooling', '卷积层之后再接最大池化层'),
      msg('The cell state of an LSTM', 'LSTM 的单元状态'),
      msg('Gradient clipping on every layer', '对每一层做梯度截断'),
    ],
    answer: 0,
    explain: msg(
      'Self-attention relates every word to every other word in one step; using several heads captures several kinds of relation (each head with its own attention weights). Hence the paper\'s title, "Attention Is All You Need".',
      '自注意力一步就把每个词与所有其他词联系起来；多个头可以捕捉多种关系（每个头有自己的注意力权重）。论文标题“Attention Is All You Need”正源于此。',
    ),
    hint: msg('Look at the paper\'s title.', '看看论文的标题。'),
  },
];
