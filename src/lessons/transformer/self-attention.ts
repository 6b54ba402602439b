/**
 * transformer/self-attention — Q, K, V are linear transforms of the
 * self-attention input (X, or the previous encoder block's output);
 * Attention(Q, K, V) = softmax(QKᵀ/√d_k)·V with Q, K n×d_k and weights n×n.
 * Demos: why the 1/√d_k scale (engine's softmax), and attention without and
 * with the causal mask (engine's sdpa).
 */
import { F, randNormal, sdpa, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { inputRepresentation, maxAbsDiff, qkv, rowOf, SOURCE } from './common.js';
import { drawSelfAttention } from './diagrams.js';
import { sub } from './draw-util.js';
import { fixed, fmtDecimals, fmtSci } from '../../i18n/numbers.js';

const D = { d: 8, dk: 4 };
const WORDS = [...SOURCE];

export function attentionRun(seed: number, causal: boolean) {
  const { x } = inputRepresentation(WORDS, D.d, seed);
  const { q, k, v } = qkv(x, D.dk, seed + 1);
  return { x, q, k, v, ...sdpa(q, k, v, { causal }) };
}

function attentionBlocks(seed: number, causal: boolean): Block[] {
  const r = attentionRun(seed, causal);
  const n = WORDS.length;
  const a0 = rowOf(r.weights, 0);
  const last = rowOf(r.weights, n - 1);
  const z0 = rowOf(r.output, 0);
  // z₀ = Σⱼ a₀ⱼ·vⱼ, recomputed here from the weights and V, in double and apart from the
  // engine on purpose: the lesson shows the sum written out and how close it comes to Z.
  const mix = z0.map((_, c) => a0.reduce((s, a, j) => s + a * r.v.data[j * D.dk + c], 0));
  const blocks: Block[] = [];
  if (!causal) {
    blocks.push(
      { kind: 'matrix', label: msg('Q = X·W_Q  (n×d_k)', 'Q = X·W_Q（n×d_k）'), tensor: r.q, precision: 2 },
      { kind: 'matrix', label: 'K = X·W_K', tensor: r.k, precision: 2 },
      { kind: 'matrix', label: 'V = X·W_V', tensor: r.v, precision: 2 },
    );
  }
  blocks.push(
    {
      kind: 'matrix',
      label: causal ? msg(`scores Q·Kᵀ/√${D.dk}, then −∞ above the diagonal`, `分数 Q·Kᵀ/√${D.dk}，对角线以上设为 −∞`) : msg(`scores Q·Kᵀ/√${D.dk}  (n×n)`, `分数 Q·Kᵀ/√${D.dk}（n×n）`),
      tensor: r.scores,
      precision: 2,
    },
    {
      kind: 'heatmap',
      label: msg('attention weights A = softmax of each row of scores', '注意力权重 A = 对每一行分数做 softmax'),
      tensor: r.weights,
      rowLabels: WORDS,
      colLabels: WORDS,
      min: 0,
      max: 1,
    },
    { kind: 'matrix', label: msg('the same attention weights as numbers (each row sums to 1)', '同样的注意力权重（数值，每行和为 1）'), tensor: r.weights, precision: 2 },
    { kind: 'matrix', label: msg('output Z = A·V', '输出 Z = A·V'), tensor: r.output, precision: 2 },
  );
  if (!causal) {
    const top = a0.indexOf(Math.max(...a0));
    blocks.push({
      kind: 'text',
      text: msg(
        `Row 0 (${WORDS[0]}) spreads its attention as ${a0.map((a) => fixed(a, 2)).join(' + ')} = 1, most of it on ${WORDS[top]}. ` +
          `So z₀ = ${a0.map((a, j) => `${fixed(a, 2)}·v${sub(j)}`).join(' + ')} = [${mix.map((v) => fixed(v, 2)).join(', ')}], ` +
          `exactly row 0 of the engine’s Z (difference ${fmtSci(maxAbsDiff(mix, z0))}).`,
        `第 0 行（${WORDS[0]}）把注意力分配为 ${a0.map((a) => fixed(a, 2)).join(' + ')} = 1，最多的给了${WORDS[top]}。` +
          `所以 z₀ = ${a0.map((a, j) => `${fixed(a, 2)}·v${sub(j)}`).join(' + ')} = [${mix.map((v) => fixed(v, 2)).join(', ')}]，` +
          `正是引擎给出的 Z 的第 0 行（差 ${fmtSci(maxAbsDiff(mix, z0))}）。`,
      ),
    });
  } else {
    const open = attentionRun(seed, false);
    const lastDiff = maxAbsDiff(rowOf(open.output, n - 1), rowOf(r.output, n - 1));
    blocks.push({
      kind: 'text',
      text: msg(
        `e^(−∞) = 0, so every masked attention weight is 0. Row 0 (${WORDS[0]}) can only look at itself: its attention weights are ${a0.map((a) => fixed(a, 2)).join(', ')}, and z₀ is v₀ itself (difference ${fmtSci(maxAbsDiff(z0, rowOf(r.v, 0)))}). ` +
          `The last row (${WORDS[n - 1]}) may see every word, so its attention weights ${last.map((a) => fixed(a, 2)).join(', ')} and its output are the same as without the mask (difference ${fmtSci(lastDiff)}).`,
        `e^(−∞) = 0，所以被遮住的注意力权重都是 0。第 0 行（${WORDS[0]}）只能看它自己：注意力权重为 ${a0.map((a) => fixed(a, 2)).join('、')}，z₀ 就是 v₀（差 ${fmtSci(maxAbsDiff(z0, rowOf(r.v, 0)))}）。` +
          `最后一行（${WORDS[n - 1]}）可以看到所有的词，所以它的注意力权重 ${last.map((a) => fixed(a, 2)).join('、')} 和输出都与不加掩码时相同（差 ${fmtSci(lastDiff)}）。`,
      ),
    });
  }
  return blocks;
}

const SCALE_DK = 64;

/** Five random keys against one query, d_k = 64: softmax of the raw and of the scaled dot products. */
export function scaleExperiment(seed: number) {
  const q = randNormal([SCALE_DK], seed);
  const k = randNormal([5, SCALE_DK], seed + 1);
  const rawT = F.matmul(k, F.reshape(q, [SCALE_DK, 1])); // kⱼ·q for each key, [5, 1]
  const scaledT = F.scale(rawT, 1 / Math.sqrt(SCALE_DK));
  const values = (t: Tensor) => Array.from(t.data);
  return {
    raw: values(rawT),
    scaled: values(scaledT),
    pRaw: values(F.softmax(rawT, 0)),
    pScaled: values(F.softmax(scaledT, 0)),
  };
}

function scaleDemo(seed: number): Block[] {
  const e = scaleExperiment(seed);
  const labels = e.raw.map((_, j) => `k${j + 1}`);
  return [
    {
      kind: 'table',
      head: ['', 'q·kⱼ', `q·kⱼ/√${SCALE_DK}`],
      rows: labels.map((l, j) => [l, fixed(e.raw[j], 2), fixed(e.scaled[j], 2)]),
      align: ['left', 'right', 'right'],
    },
    { kind: 'bars', label: msg('softmax without the scale', '不缩放时的 softmax'), items: labels.map((l, j) => ({ label: l, value: e.pRaw[j] })), precision: 3 },
    { kind: 'bars', label: msg(`softmax of the scores divided by √${SCALE_DK} = ${Math.sqrt(SCALE_DK)}`, `分数除以 √${SCALE_DK} = ${Math.sqrt(SCALE_DK)} 后的 softmax`), items: labels.map((l, j) => ({ label: l, value: e.pScaled[j] })), precision: 3 },
    {
      kind: 'text',
      text: msg(
        `The raw dot products of ${SCALE_DK} random numbers spread from ${fmtDecimals(Math.min(...e.raw), 1)} to ${fmtDecimals(Math.max(...e.raw), 1)}, and softmax turns that into ${fmtDecimals(Math.max(...e.pRaw), 3)} for one key and almost nothing for the rest: a hard choice, with tiny gradients for the others. ` +
          `Divided by √${SCALE_DK} the largest weight is ${fmtDecimals(Math.max(...e.pScaled), 3)}, and every key still gets some attention.`,
        `${SCALE_DK} 个随机数的原始点积分布在 ${fmtDecimals(Math.min(...e.raw), 1)} 到 ${fmtDecimals(Math.max(...e.raw), 1)} 之间，softmax 把它变成一个键得到 ${fmtDecimals(Math.max(...e.pRaw), 3)}、其余几乎为 0：这是一个“硬”选择，其他键的梯度也非常小。` +
          `除以 √${SCALE_DK} 后，最大的权重是 ${fmtDecimals(Math.max(...e.pScaled), 3)}，每个键都还能分到一些注意力。`,
      ),
    },
  ];
}

export const selfAttention: Lesson = {
  id: 'transformer/self-attention',
  topic: 'transformer',
  section: 'Transformer › Self-Attention',
  title: msg('Self-attention', '自注意力'),
  summary: msg('Q, K and V from linear maps of X, and softmax(QKᵀ/√d_k)·V, with and without the mask', 'Q、K、V 由 X 线性变换得到；softmax(QKᵀ/√d_k)·V，加掩码与不加掩码'),
  steps: [
    {
      kind: 'text',
      title: msg('Every word looks at every word', '每个词都看所有的词'),
      key: 'every-word',
      body: msg(
        'In "我 有 一只 猫", the vector for 有 (have) should know who has what: it needs information from 我 and 猫. Self-attention gives every word a new vector that is a weighted mix of all the words’ vectors, itself included.\n\n' +
          'The weights are found like a search. Each word sends a query ("what am I looking for?"); each word offers a key ("what do I contain?"); where a query matches a key well, the weight is large, and that word’s value (its content) flows into the mix.',
        '在“我 有 一只 猫”中，“有”的向量应该知道谁有什么：它需要来自“我”和“猫”的信息。自注意力给每个词一个新的向量，它是所有词（包括它自己）的向量的加权混合。\n\n' +
          '权重的求法就像一次搜索。每个词发出一个查询（query，“我在找什么？”）；每个词提供一个键（key，“我这里有什么？”）；查询和某个键越匹配，权重越大，那个词的值（value，它的内容）就有越多流进混合结果。',
      ),
    },
    {
      kind: 'text',
      title: msg('Q, K and V come from X', 'Q、K、V 来自 X'),
      key: 'qkv',
      body: msg(
        'Self-attention receives a matrix: in the first encoder block the input representation X (one row of word vector per word), in the later ones the output of the previous encoder block. ' +
          'Three linear transforms, with learned parameter matrices, turn it into the query, key and value matrices:\n' +
          '  Q = X·W_Q    K = X·W_K    V = X·W_V\n\n' +
          'W_Q and W_K are d×d_k, W_V is d×d_v. So Q and K are n×d_k and V is n×d_v: row i is the query, key or value of word i. (In the base model each head has d_k = d_v = 64.)',
        '自注意力接收一个矩阵：在第一个编码器块中是输入表示 X（每个词一行词向量），在后面的块中是上一个编码器块的输出。' +
          '三个线性变换（参数矩阵通过学习得到）把它变成查询、键和值矩阵：\n' +
          '  Q = X·W_Q    K = X·W_K    V = X·W_V\n\n' +
          'W_Q 和 W_K 是 d×d_k，W_V 是 d×d_v。所以 Q 和 K 是 n×d_k，V 是 n×d_v：第 i 行就是第 i 个词的查询、键或值。（base 模型中每个头的 d_k = d_v = 64。）',
      ),
    },
    {
      kind: 'diagram',
      title: msg('From X to Z', '从 X 到 Z'),
      draw: drawSelfAttention,
      caption: msg('The whole computation is a few matrix products, for all n words at once.', '整个计算只是几次矩阵乘法，n 个词同时完成。'),
    },
    {
      kind: 'text',
      title: msg('Attention(Q, K, V)', 'Attention(Q, K, V)'),
      key: 'attention-formula',
      body: msg(
        '  Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V\n\n' +
          'Q·Kᵀ is n×n: entry (i, j) is the dot product qᵢ·kⱼ, how well word i’s query matches word j’s key. Dividing by √d_k keeps these numbers in a moderate range. ' +
          'softmax is applied to each row, so row i becomes positive weights that sum to 1. Multiplying by V mixes the value rows with those weights: the result Z is n×d_v, one new vector per word.\n\n' +
          'Two words we keep apart in every lesson, REPL command and quiz question: the scores are Q·Kᵀ/√d_k, before the softmax (any real numbers); the attention weights are softmax of the scores (each row positive, summing to 1). W_Q, W_K and W_V are learned parameters.',
        '  Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V\n\n' +
          'Q·Kᵀ 是 n×n 的：第 (i, j) 个元素是点积 qᵢ·kⱼ，表示第 i 个词的查询和第 j 个词的键有多匹配。除以 √d_k 让这些数保持在适中的范围内。' +
          'softmax 对每一行分别计算，于是第 i 行变成一组和为 1 的正权重。再乘以 V，就用这些权重把 V 的各行混合起来：结果 Z 是 n×d_v，每个词一个新向量。\n\n' +
          '有两个词在所有课程、REPL 命令和测验题中都严格区分：分数（score）指 softmax 之前的 Q·Kᵀ/√d_k，可以是任意实数；注意力权重（attention weight）指对分数做 softmax 的结果，每行都是正数且和为 1。W_Q、W_K、W_V 则是通过学习得到的参数。',
      ),
    },
    {
      kind: 'formula',
      title: msg('The scale 1/√d_k', '缩放因子 1/√d_k'),
      key: 'scale',
      intro: msg(
        'The dot product of two vectors of d_k random numbers grows like √d_k. Dividing by √d_k brings it back to about 1 whatever d_k is. Try d_k = 64, the size of a head in the base model.',
        '两个由 d_k 个随机数组成的向量，其点积大约按 √d_k 增长。除以 √d_k 就能让它无论 d_k 多大都回到 1 左右。试试 d_k = 64，这是 base 模型中一个头的大小。',
      ),
      formula: {
        symbolic: 'score = (q·k) / √d_k',
        substituted: '{qk} / √{dk}',
        expr: 'qk / sqrt(dk)',
        vars: [
          { name: 'qk', value: 16, label: msg('dot product q·k', '点积 q·k'), min: -100000, max: 100000 },
          { name: 'dk', value: 64, label: msg('size of q and k (d_k)', 'q 和 k 的维度（d_k）'), min: 1, max: 100000, integer: true },
        ],
        result: { name: 'score', label: msg('scaled score', '缩放后的分数') },
        note: (v) => msg(`1/√d_k = 1/√${v.dk} = ${fmtDecimals(1 / Math.sqrt(v.dk), 4)}.`, `1/√d_k = 1/√${v.dk} = ${fmtDecimals(1 / Math.sqrt(v.dk), 4)}。`),
      },
    },
    {
      kind: 'demo',
      title: msg('Why divide by √d_k?', '为什么要除以 √d_k？'),
      key: 'why-scale',
      intro: msg(`One random query against five random keys, d_k = ${SCALE_DK}, through the engine’s softmax. Press r for other vectors.`, `一个随机查询对五个随机键，d_k = ${SCALE_DK}，经过引擎的 softmax。按 r 换一组向量。`),
      run: (env) => scaleDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Self-attention on numbers', '自注意力的数值计算'),
      intro: msg(
        `The sentence 我 有 一只 猫 as X (d = ${D.d}, word + position embedding), random W_Q, W_K, W_V with d_k = ${D.dk}; the engine’s scaled dot-product attention does the rest. Press r for other parameters.`,
        `句子“我 有 一只 猫”表示为 X（d = ${D.d}，词嵌入 + 位置嵌入），随机的 W_Q、W_K、W_V，d_k = ${D.dk}；其余由引擎的缩放点积注意力完成。按 r 换一组参数。`,
      ),
      run: (env) => attentionBlocks(env.seed, false),
    },
    {
      kind: 'demo',
      title: msg('The same with the causal mask', '加上因果掩码'),
      key: 'causal',
      intro: msg(
        'The decoder must not look ahead. Its mask sets every score above the diagonal (word j after word i) to −∞ before the softmax. Same X and parameters as before.',
        '解码器不能往后看。它的掩码在 softmax 之前把对角线以上的分数（第 j 个词在第 i 个词之后）都设为 −∞。X 和参数与上一步相同。',
      ),
      run: (env) => attentionBlocks(env.seed, true),
    },
    {
      kind: 'check',
      title: msg('Shapes', '形状'),
      check: {
        question: msg('A sentence of 6 words; each head uses d_k = 64. What is the shape of softmax(Q·Kᵀ/√d_k)?', '一个 6 个词的句子；每个头的 d_k = 64。softmax(Q·Kᵀ/√d_k) 的形状是什么？'),
        options: [msg('6×6', '6×6'), msg('6×64', '6×64'), msg('64×64', '64×64'), msg('6×1', '6×1')],
        answer: 0,
        explain: msg('Q is 6×64 and Kᵀ is 64×6, so Q·Kᵀ is 6×6: one score, and after the softmax one attention weight, for every pair of words. The output Z = A·V is 6×d_v.', 'Q 是 6×64，Kᵀ 是 64×6，所以 Q·Kᵀ 是 6×6：每一对词一个分数，softmax 之后就是一个注意力权重。输出 Z = A·V 是 6×d_v。'),
        wrong: {
          1: msg('6×64 is the shape of Q, K (and here of the output Z), not of the attention weights.', '6×64 是 Q、K（在这里也是输出 Z）的形状，不是注意力权重的形状。'),
          2: msg('d_k disappears in the product Q·Kᵀ: it is the size the dot products run over.', 'd_k 在乘积 Q·Kᵀ 中被消掉了：点积就是在这一维上求和。'),
          3: msg('Each word gets a weight for every word, not a single number.', '每个词对每个词都有一个权重，而不是只有一个数。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'attn L=5 d=4 causal',
      note: msg('Self-attention on 5 random tokens with the causal mask. Run it again without "causal" and compare the attention weights.', '对 5 个随机词元做带因果掩码的自注意力。再去掉 “causal” 运行一次，比较两次的注意力权重。'),
    },
  ],
};
