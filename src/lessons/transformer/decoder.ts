/**
 * transformer/decoder — like the encoder block, but with two multi-head
 * attention layers: the first masked, the second taking K and V from the
 * encoder's matrix C and Q from the decoder; at the end a softmax gives the
 * probability of the next word. Demos: the mask stops the future from
 * leaking (engine's sdpa, causal); cross-attention with L ≠ S; the final
 * Linear + softmax over a small vocabulary.
 */
import { F, sdpa, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { encoderBlock, inputRepresentation, maxAbsDiff, qkv, rowOf, SOURCE, TARGET, weight } from './common.js';
import { drawDecoderBlock } from './diagrams.js';
import { shapeText } from './draw-util.js';
import { fixed, fmtDecimals, fmtSci } from '../../i18n/numbers.js';

const DEC = { d: 8, dk: 4 };
const TGT = [...TARGET];
const SRC = [...SOURCE];

/** Masked self-attention of the decoder on the target words, and again with the last word changed. */
export function leakTest(seed: number) {
  const m = TGT.length;
  const { x } = inputRepresentation(TGT, DEC.d, seed);
  // Another last word: +3 on every number of its row, the rows before it unchanged.
  const shift = new Tensor(x.shape);
  shift.data.fill(3, (m - 1) * DEC.d);
  const changed = F.add(x, shift);
  const run = (input: Tensor, causal: boolean) => {
    const { q, k, v } = qkv(input, DEC.dk, seed + 1);
    return sdpa(q, k, v, { causal });
  };
  const early = (a: Tensor, b: Tensor) => maxAbsDiff(a.data.subarray(0, (m - 1) * DEC.dk), b.data.subarray(0, (m - 1) * DEC.dk));
  const masked = run(x, true);
  const masked2 = run(changed, true);
  const open = run(x, false);
  const open2 = run(changed, false);
  return { masked, maskedLeak: early(masked.output, masked2.output), openLeak: early(open.output, open2.output) };
}

function maskDemo(seed: number): Block[] {
  const { masked, maskedLeak, openLeak } = leakTest(seed);
  const m = TGT.length;
  return [
    { kind: 'heatmap', label: msg('masked self-attention weights of the decoder', '解码器带掩码的自注意力权重'), tensor: masked.weights, rowLabels: TGT, colLabels: TGT, min: 0, max: 1 },
    { kind: 'matrix', label: msg('the same attention weights as numbers', '同样的注意力权重（数值）'), tensor: masked.weights, precision: 2 },
    {
      kind: 'table',
      head: ['', msg(`change in the outputs of ${TGT.slice(0, m - 1).join(' ')}`, `${TGT.slice(0, m - 1).join(' ')} 的输出变化`)],
      rows: [
        [msg('with the mask', '有掩码'), fmtSci(maskedLeak)],
        [msg('without the mask', '无掩码'), fmtSci(openLeak)],
      ],
      align: ['left', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `We changed the vector of the last word, "${TGT[m - 1]}", and ran the attention again. With the mask, the outputs of the first ${m - 1} words did not change at all (${fmtSci(maskedLeak)}): nothing flows backwards from a later word. ` +
          `Without the mask they changed by up to ${fmtDecimals(openLeak, 3)}: the model would have seen the word it is supposed to predict.`,
        `我们改变了最后一个词 “${TGT[m - 1]}” 的向量，再算一次注意力。有掩码时，前 ${m - 1} 个词的输出完全没有变化（${fmtSci(maskedLeak)}）：后面的词不会把信息传回前面。` +
          `没有掩码时，它们最多变化了 ${fmtDecimals(openLeak, 3)}：模型就能看到它本该去预测的那个词了。`,
      ),
    },
  ];
}

/** Cross-attention: queries from the decoder's m target rows, keys and values from the encoder's n rows of C. */
export function crossRun(seed: number) {
  const { x: src } = inputRepresentation(SRC, DEC.d, seed);
  const c = encoderBlock(src, 2, 4 * DEC.d, seed + 1).out;
  const { x: dec } = inputRepresentation(TGT, DEC.d, seed + 2);
  const q = F.linear(dec, weight(DEC.dk, DEC.d, seed + 3));
  const k = F.linear(c, weight(DEC.dk, DEC.d, seed + 4));
  const v = F.linear(c, weight(DEC.dk, DEC.d, seed + 5));
  return { c, dec, q, k, v, ...sdpa(q, k, v) };
}

function crossDemo(seed: number): Block[] {
  const r = crossRun(seed);
  const m = TGT.length;
  const n = SRC.length;
  const fav = TGT.map((_, i) => {
    const row = rowOf(r.weights, i);
    return SRC[row.indexOf(Math.max(...row))];
  });
  return [
    {
      kind: 'facts',
      rows: [
        { label: msg('Q = decoder rows · W_Q', 'Q = 解码器的行 · W_Q'), value: `${shapeText(r.q.shape)}  (m = ${m})` },
        { label: msg('K = C · W_K', 'K = C · W_K'), value: `${shapeText(r.k.shape)}  (n = ${n})` },
        { label: msg('V = C · W_V', 'V = C · W_V'), value: shapeText(r.v.shape) },
        { label: msg('attention weights softmax(Q·Kᵀ/√d_k)', '注意力权重 softmax(Q·Kᵀ/√d_k)'), value: `${shapeText(r.weights.shape)}  (m×n)` },
        { label: msg('output', '输出'), value: `${shapeText(r.output.shape)}  (m×d_v)` },
      ],
    },
    { kind: 'heatmap', label: msg('cross-attention: target words (rows) over source words (columns)', '交叉注意力：目标词（行）对源词（列）'), tensor: r.weights, rowLabels: TGT, colLabels: SRC, min: 0, max: 1 },
    { kind: 'matrix', label: msg('the same attention weights as numbers', '同样的注意力权重（数值）'), tensor: r.weights, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `The attention weights are ${m}×${n}, not square: each of the ${m} target words spreads its attention over the ${n} source words (most: ${TGT.map((t, i) => `${t}→${fav[i]}`).join(', ')}). ` +
          `The output has one row per target word, built from the rows of C. The parameters here are random; training teaches the heads to look, say, from "cat" at 猫.`,
        `注意力权重是 ${m}×${n} 的，不是方阵：${m} 个目标词中的每一个都把注意力分配到 ${n} 个源词上（最关注的：${TGT.map((t, i) => `${t}→${fav[i]}`).join('，')}）。` +
          `输出中每个目标词一行，由 C 的各行组合而成。这里的参数是随机的；训练会让注意力头学会，比如从 “cat” 看向 “猫”。`,
      ),
    },
  ];
}

const VOCAB = ['I', 'have', 'a', 'cat', 'dog', '<E>'];

export function nextWord(seed: number) {
  const { masked } = leakTest(seed);
  const m = TGT.length;
  // The decoder's output at position `row`, projected to the vocabulary: the distribution of the word after it.
  const head = weight(VOCAB.length, DEC.dk, seed + 9);
  const at = (row: number) => {
    const out = F.slice(masked.output, 0, row, row + 1);
    const scaled = F.scale(F.linear(out, head), 3);
    return { logits: Array.from(scaled.data), probs: Array.from(F.softmax(scaled).data) };
  };
  const last = at(m - 1);
  // One step earlier: the row of "a" predicts the word after "<B> I have a", where "cat" is right.
  const before = at(m - 2);
  return { logits: last.logits, probs: last.probs, pCatBefore: before.probs[VOCAB.indexOf('cat')] };
}

function nextWordDemo(seed: number): Block[] {
  const { logits, probs, pCatBefore } = nextWord(seed);
  const best = probs.indexOf(Math.max(...probs));
  return [
    { kind: 'table', head: [msg('word', '词'), msg('logit z', 'logit z'), 'p = softmax(z)'], rows: VOCAB.map((w, i) => [w, fixed(logits[i], 2), fixed(probs[i], 3)]), align: ['left', 'right', 'right'] },
    { kind: 'bars', label: msg('probability of the next word after "<B> I have a cat"', '“<B> I have a cat” 之后下一个词的概率'), items: VOCAB.map((w, i) => ({ label: w, value: probs[i] })), precision: 3 },
    {
      kind: 'text',
      text: msg(
        `The probabilities sum to ${fixed(probs.reduce((a, b) => a + b, 0), 3)}. This untrained decoder would pick "${VOCAB[best]}" (p = ${fixed(probs[best], 3)}). ` +
          `The right continuation is the end symbol <E>, with p = ${fixed(probs[VOCAB.length - 1], 3)}; training raises it, by lowering the loss −log p(<E>) = ${fmtDecimals(-Math.log(probs[VOCAB.length - 1]), 2)}. ` +
          `(One step earlier, the row of "a" gives the distribution after "<B> I have a"; there the right word is "cat", and this untrained decoder gives it p(cat) = ${fixed(pCatBefore, 3)}.)`,
        `这些概率之和为 ${fixed(probs.reduce((a, b) => a + b, 0), 3)}。这个未训练的解码器会选 “${VOCAB[best]}”（p = ${fixed(probs[best], 3)}）。` +
          `正确的下一个是结束符 <E>，p = ${fixed(probs[VOCAB.length - 1], 3)}；训练就是通过降低损失 −log p(<E>) = ${fmtDecimals(-Math.log(probs[VOCAB.length - 1]), 2)} 来提高它。` +
          `（再早一步，“a” 那一行给出 “<B> I have a” 之后下一个词的分布；那里正确的词是 “cat”，这个未训练的解码器给它的概率 p(cat) = ${fixed(pCatBefore, 3)}。）`,
      ),
    },
  ];
}

export const decoder: Lesson = {
  id: 'transformer/decoder',
  topic: 'transformer',
  section: 'Transformer › Decoder',
  title: msg('The decoder block', '解码器块'),
  summary: msg('Masked self-attention, cross-attention on the encoder’s C, and a softmax over the next word', '带掩码的自注意力、对编码器 C 的交叉注意力，以及对下一个词的 softmax'),
  steps: [
    {
      kind: 'text',
      title: msg('Like an encoder block, with three differences', '和编码器块相似，但有三处不同'),
      key: 'three-differences',
      body: msg(
        'A decoder block is built like an encoder block, from attention, Add & Norm and feed forward layers, but:\n' +
          '  • it has two multi-head attention layers instead of one;\n' +
          '  • the first of them is masked;\n' +
          '  • the second takes K and V from the encoder’s C, Q from the decoder.\n\n' +
          'Q is computed from the output of the previous decoder block (after it has passed this block’s masked attention and Add & Norm).\n\n' +
          'After the last decoder block, a Linear layer and a softmax give the probability of each possible next word.',
        '解码器块的构造和编码器块相似，也由注意力层、Add & Norm 和前馈层组成，但是：\n' +
          '  • 它有两个多头注意力层，而不是一个；\n' +
          '  • 第一个多头注意力层带掩码（Masked）；\n' +
          '  • 第二个的 K、V 来自编码器的 C，Q 来自解码器。\n\n' +
          'Q 由上一个解码器块的输出计算（这个输出先经过本块带掩码的注意力层和 Add & Norm）。\n\n' +
          '在最后一个解码器块之后，一个 Linear 层和一个 softmax 给出每个可能的下一个词的概率。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Inside a decoder block', '解码器块的内部'),
      draw: drawDecoderBlock,
      caption: msg('C enters from the side, at the second attention layer of every decoder block.', 'C 从侧面进入，接到每个解码器块的第二个注意力层。'),
    },
    {
      kind: 'text',
      title: msg('The first attention is masked', '第一个注意力带掩码'),
      key: 'masked',
      body: msg(
        'When it translates word i+1, the decoder may use only words 1 … i. In training, though, the whole correct translation is fed in at once, so that all positions are computed in parallel.\n\n' +
          'The mask keeps that honest: before the softmax, every score of word i for a later word j > i is set to −∞. Since e^(−∞) = 0, those words get attention weight 0, and row i sees exactly what the decoder would have at that step.',
        '翻译第 i+1 个词时，解码器只能用第 1 … i 个词。但在训练时，整句正确的译文是一次性输入的，这样所有位置可以并行计算。\n\n' +
          '掩码保证这样做不会“作弊”：在 softmax 之前，把第 i 个词对后面的词 j > i 的分数都设为 −∞。因为 e^(−∞) = 0，这些词的注意力权重为 0，于是第 i 行看到的正好是解码器在那一步应有的内容。',
      ),
    },
    {
      kind: 'demo',
      title: msg('The mask stops the future from leaking', '掩码阻止未来的信息泄漏'),
      intro: msg(
        `The target sentence <B> I have a cat (d = ${DEC.d}) through the decoder’s first attention (the engine’s sdpa, causal = true, random parameters). Then we change the last word and look at what moves. Press r for other parameters.`,
        `目标句子 <B> I have a cat（d = ${DEC.d}）经过解码器的第一个注意力层（引擎的 sdpa，causal = true，随机参数）。然后改变最后一个词，看看哪些输出会变。按 r 换一组参数。`,
      ),
      run: (env) => maskDemo(env.seed),
    },
    { kind: 'experiment', key: 'experiment-masked-attention', id: 'masked-attention' },
    {
      kind: 'text',
      title: msg('The second attention looks at the source', '第二个注意力看向源句子'),
      key: 'cross',
      body: msg(
        'The second multi-head attention connects the two halves. Its Q comes from the decoder: the previous decoder block’s output, as it leaves this block’s masked attention and Add & Norm, one row per target word. Its K and V come from the encoder’s matrix C, one row per source word.\n\n' +
          'So the scores Q·Kᵀ/√d_k, and with them the attention weights, are m×n (m target words, n source words): every word of the translation looks over the whole source sentence and takes what it needs. This is often called cross-attention.',
        '第二个多头注意力把两半连接起来。它的 Q 来自解码器：上一个解码器块的输出，经过本块带掩码的注意力层和 Add & Norm 之后的结果，每个目标词一行。它的 K 和 V 来自编码器的编码信息矩阵 C，每个源词一行。\n\n' +
          '所以分数 Q·Kᵀ/√d_k 以及由它得到的注意力权重都是 m×n 的（m 个目标词，n 个源词）：译文的每个词都扫视整个源句子，取它需要的信息。这通常称为交叉注意力（cross-attention）。',
      ),
    },
    {
      kind: 'demo',
      title: msg('Cross-attention: L ≠ S', '交叉注意力：L ≠ S'),
      intro: msg(
        'Q from the 5 decoder rows (<B> I have a cat), K and V from the 4 rows of C (我 有 一只 猫, through one encoder block). The engine’s sdpa takes queries and keys of different lengths.',
        'Q 来自解码器的 5 行（<B> I have a cat），K 和 V 来自 C 的 4 行（“我 有 一只 猫”经过一个编码器块）。引擎的 sdpa 可以接受长度不同的查询和键。',
      ),
      run: (env) => crossDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Softmax: the next word', 'Softmax：下一个词'),
      key: 'next-word',
      body: msg(
        'After the last decoder block, a Linear layer maps each row (d numbers) to one number per word of the vocabulary, 37,000 in the base model. These are called logits (we keep the word “score” for attention). A softmax turns the logits into probabilities that sum to 1.\n\n' +
          'The row of the last word gives the probability of the next one. The model picks a likely word, appends it to its input, and runs again, until it produces the end symbol.',
        '在最后一个解码器块之后，一个 Linear 层把每一行（d 个数）映射为词表中每个词对应的一个数，base 模型中共 37,000 个。这些数叫作 logit（“分数”一词我们只留给注意力）。softmax 把这些 logit 变成和为 1 的概率。\n\n' +
          '最后一个词所在的那一行给出下一个词的概率。模型选一个可能性大的词，把它加到自己的输入后面，再算一遍，直到输出结束符为止。',
      ),
    },
    {
      kind: 'formula',
      title: msg('Softmax over three words', '三个词上的 softmax'),
      key: 'softmax-formula',
      formula: {
        symbolic: 'p₁ = e^z₁ / (e^z₁ + e^z₂ + e^z₃)',
        substituted: 'e^{z1} / (e^{z1} + e^{z2} + e^{z3})',
        expr: 'exp(z1) / (exp(z1) + exp(z2) + exp(z3))',
        vars: [
          { name: 'z1', value: 2, label: msg('logit of word 1', '词 1 的 logit'), min: -700, max: 700 },
          { name: 'z2', value: 1, label: msg('logit of word 2', '词 2 的 logit'), min: -700, max: 700 },
          { name: 'z3', value: 0.1, label: msg('logit of word 3', '词 3 的 logit'), min: -700, max: 700 },
        ],
        result: { name: 'p₁', label: msg('probability of word 1', '词 1 的概率') },
        note: (v) => {
          const mx = Math.max(v.z1, v.z2, v.z3);
          const e = [v.z1, v.z2, v.z3].map((z) => Math.exp(z - mx));
          const s = e[0] + e[1] + e[2];
          return msg(`p₂ = ${fmtDecimals(e[1] / s, 3)}, p₃ = ${fmtDecimals(e[2] / s, 3)}: the three sum to 1. Adding the same number to every z changes nothing.`, `p₂ = ${fmtDecimals(e[1] / s, 3)}，p₃ = ${fmtDecimals(e[2] / s, 3)}：三者之和为 1。给每个 z 加上同一个数，结果不变。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('The last softmax', '最后的 softmax'),
      intro: msg(
        `A tiny vocabulary of ${VOCAB.length} words. The decoder’s output for the last position goes through a random Linear layer and the engine’s softmax. Press r for other parameters.`,
        `一个只有 ${VOCAB.length} 个词的小词表。解码器在最后一个位置的输出经过一个随机的 Linear 层和引擎的 softmax。按 r 换一组参数。`,
      ),
      run: (env) => nextWordDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('Where do Q, K, V come from?', 'Q、K、V 从哪里来？'),
      check: {
        question: msg('In the second multi-head attention of a decoder block, where do Q, K and V come from?', '在解码器块的第二个多头注意力中，Q、K、V 分别来自哪里？'),
        options: [
          msg('Q from the decoder; K and V from the encoder’s C', 'Q 来自解码器；K 和 V 来自编码器的 C'),
          msg('Q, K and V all from the encoder’s matrix C', 'Q、K、V 都来自编码器的矩阵 C'),
          msg('Q from the encoder’s C; K and V from the decoder', 'Q 来自编码器的 C；K 和 V 来自解码器'),
          msg('Q, K and V all from the decoder, with the mask', 'Q、K、V 都来自解码器，并且带掩码'),
        ],
        answer: 0,
        explain: msg(
          'The target words ask the questions (Q, m rows) and the source sentence answers (K and V from C, n rows), giving m×n attention weights and one output row per target word.',
          '目标词提出问题（Q，m 行），源句子给出回答（K 和 V 来自 C，n 行），于是得到 m×n 的注意力权重，每个目标词一行输出。',
        ),
        wrong: {
          1: msg('Then the decoder’s own words would not take part at all; the output would have one row per source word.', '那样解码器自己的词就完全不参与了；输出会是每个源词一行。'),
          2: msg('Reversed: the output must have one row per target word, so the queries come from the decoder.', '反了：输出必须每个目标词一行，所以查询来自解码器。'),
          3: msg('That is the first, masked attention layer of the block.', '那是本块的第一个、带掩码的注意力层。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'softmax [2, 1, 0.1]',
      note: msg('The softmax of three logits, as in the formula above. Make one of them large, like [8, 1, 0.1], and see one word take almost all the probability.', '三个 logit 的 softmax，和上面的公式一样。把其中一个调大，比如 [8, 1, 0.1]，看一个词几乎拿走全部概率。'),
    },
  ],
};
