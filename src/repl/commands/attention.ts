/**
 * attn L=5 d=4 [causal]: one self-attention head on numbers — Q, K, V, the
 * scaled scores, the softmax weights as a heatmap, the output.
 * mha L=6 E=8 h=2 [causal]: per-head weights, concat, output projection.
 * posenc L=20 d=16: the sinusoidal positional encoding.
 */
import { multiHeadAttentionDetailed, sdpa } from '../../engine/ops/attention.js';
import { positionalEncoding } from '../../engine/ops/posenc.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { optionNumber } from '../resolve.js';
import { replRand, seqShapeText, tensorJson } from '../tensors.js';
import { attnOnValues } from './attn-values.js';
import { MHA_WEIGHT_OPTIONS, mhaOnValues, mhaSource } from './mha-values.js';

const CAUSAL = { name: 'causal', aliases: ['masked', 'mask'], help: msg('hide later positions (the decoder’s masked attention)', '遮住后面的位置（解码器的掩码注意力）') };
const PT_KEYS = { win: 1, bin: 1, wout: 1, bout: 1 };
const tokens = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

export const attn: ReplCommand = {
  spec: {
    name: 'attn',
    aliases: ['attention'],
    summary: msg('self-attention on numbers: Q, K, V, scores, attention weights, output', '数值上的自注意力：Q、K、V、分数、注意力权重、输出'),
    usage: 'attn [L=5] [d=4] [causal] [seed=N]   or   attn Q K V [causal]   or   attn X [d=4]   (let variables, one row per token)',
    examples: ['attn L=5 d=4', 'attn L=5 d=4 causal', 'let q = [[1, 0], [0, 1]]', 'let m = [[1, 0], [0, 1], [1, 1]]', 'attn q m m', 'attn m d=2'],
    positionals: [
      { name: 'q', kind: 'number', optional: true, help: msg('Q [L, d_k], or X [L, d_model] alone (self-attention with seeded W_Q, W_K, W_V)', 'Q [L, d_k]，或单独一个 X [L, d_model]（自注意力，W_Q、W_K、W_V 用种子随机数）') },
      { name: 'k', kind: 'number', optional: true, help: msg('K [S, d_k] (S may differ from L: cross-attention)', 'K [S, d_k]（S 可以不同于 L：交叉注意力）') },
      { name: 'v', kind: 'number', optional: true, help: msg('V [S, d_v]', 'V [S, d_v]') },
    ],
    options: [
      { key: 'L', aliases: ['n', 'len'], help: msg('sequence length (tokens)', '序列长度（词数）') },
      { key: 'd', aliases: ['dk'], help: msg('size of each query/key/value vector', '每个查询/键/值向量的维数') },
      { key: 'seed', aliases: [], help: msg('seed', '种子') },
    ],
    flags: [CAUSAL],
  },
  run(args, ctx) {
    // Her numbers when she names variables; seeded ones of size L×d otherwise.
    if (args.positionals.q) return attnOnValues(ctx, args);
    const L = optionNumber(ctx, args, 'L', { what: msg('L', 'L'), integer: true, min: 1, max: 64, default: 5 })!;
    const d = optionNumber(ctx, args, 'd', { what: msg('d', 'd'), integer: true, min: 1, max: 64, default: 4 })!;
    const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 11 })!;
    const causal = args.flags.includes('causal');
    const q = replRand([L, d], seed);
    const k = replRand([L, d], seed + 1);
    const v = replRand([L, d], seed + 2);
    const r = sdpa(q, k, v, { causal });
    const blocks: Block[] = [
      { kind: 'title', text: msg(`Self-attention: ${L} tokens, d = ${d}${causal ? ', causal mask' : ''}`, `自注意力：${L} 个词，d = ${d}${causal ? '，带因果掩码' : ''}`) },
      { kind: 'formula', lines: ['Attention(Q, K, V) = softmax(Q·Kᵀ / √d) · V', `√d = √${d} = ${Math.sqrt(d).toFixed(3)}`] },
      { kind: 'matrix', label: msg('Q (one row per token: what it looks for)', 'Q（每行一个词：它要找什么）'), tensor: q, precision: 2 },
      { kind: 'matrix', label: msg('K (what each token offers)', 'K（每个词能提供什么）'), tensor: k, precision: 2 },
      { kind: 'matrix', label: msg('V (what each token passes on)', 'V（每个词传递的内容）'), tensor: v, precision: 2 },
      { kind: 'matrix', label: msg(`scores Q·Kᵀ/√d  [${L}×${L}]${causal ? ' (−∞ = masked)' : ''}`, `分数 Q·Kᵀ/√d  [${L}×${L}]${causal ? '（−∞ = 被遮住）' : ''}`), tensor: r.scores, precision: 2 },
      { kind: 'heatmap', label: msg('attention weights = softmax of each row of scores (rows sum to 1)', '注意力权重 = 对每一行分数做 softmax（每行和为 1）'), tensor: r.weights, rowLabels: tokens(L), colLabels: tokens(L), min: 0, max: 1 },
      ...(L <= 8 ? [{ kind: 'matrix' as const, label: msg('the same attention weights as numbers', '同样的注意力权重（数值）'), tensor: r.weights, precision: 2 }] : []),
      { kind: 'matrix', label: msg('output = attention weights · V', '输出 = 注意力权重 · V'), tensor: r.output, precision: 2 },
      { kind: 'facts', rows: [{ label: 'Q, K, V', value: seqShapeText(q, msg('tokens', '个词'), msg('dims', '维')) }, { label: msg('attention weights', '注意力权重'), value: `[${L}, ${L}]` }, { label: msg('output', '输出'), value: seqShapeText(r.output, msg('tokens', '个词'), msg('dims', '维')) }] },
    ];
    if (causal) blocks.push({ kind: 'text', tone: 'muted', text: msg('Above the diagonal the attention weights are 0: token i may only look at tokens 0…i, as the decoder must when it predicts the next word.', '对角线以上的注意力权重都是 0：第 i 个词只能看到第 0…i 个词，正如解码器预测下一个词时那样。') });
    return commandResult('attn', { json: () => ({ command: 'attn', ok: true, L, d, causal, q: tensorJson(q), k: tensorJson(k), v: tensorJson(v), scores: tensorJson(r.scores), weights: tensorJson(r.weights), output: tensorJson(r.output) }), blocks: () => blocks });
  },
};

export const mha: ReplCommand = {
  spec: {
    name: 'mha',
    aliases: ['multihead'],
    summary: msg('multi-head attention: h heads → concat → linear; output shape = input shape', '多头注意力：h 个头 → 拼接 → 线性层；输出形状 = 输入形状'),
    usage: 'mha [L=6] [E=8] [h=2] [causal] [seed=N]   or   mha X [h=2] [win=W] [bin=b] [wout=W] [bout=b]   (X: a let variable [L, E]; PyTorch in_proj_weight [3E, E] …)',
    examples: ['mha L=6 E=8 h=2', 'mha L=6 E=8 h=2 causal', 'let x = rand 4x4', 'let w = rand 12x4', 'mha x h=2 win=w'],
    positionals: [{ name: 'x', kind: 'number', optional: true, help: msg('your sequence X [L, E] (one row per token)', '你的序列 X [L, E]（每行一个词）') }],
    options: [
      { key: 'L', aliases: ['n', 'len'], help: msg('sequence length', '序列长度') },
      { key: 'E', aliases: ['d_model', 'embed'], help: msg('model width E (= d_model)', '模型宽度 E（= d_model）') },
      { key: 'h', aliases: ['heads'], help: msg('number of heads (must divide E)', '头数（必须整除 E）') },
      { key: 'seed', aliases: [], help: msg('seed', '种子') },
      ...MHA_WEIGHT_OPTIONS,
    ],
    flags: [CAUSAL],
  },
  run(args, ctx) {
    const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 13 })!;
    // Her X (and her projections, where given) when she names a variable; seeded numbers of size L×E otherwise.
    const mine = args.positionals.x ? mhaOnValues(ctx, args, seed) : null;
    if (!mine) {
      for (const key of Object.keys(PT_KEYS)) {
        const o = args.options[key];
        if (o) throw new UserError(msg(`${key}= goes with your own X: mha X ${key}=NAME (X [L, E]).`, `${key}= 要配合你自己的 X 使用：mha X ${key}=变量名（X [L, E]）。`), o.start, o.end - o.start);
      }
    }
    const L = mine ? mine.x.shape[0] : optionNumber(ctx, args, 'L', { what: msg('L', 'L'), integer: true, min: 1, max: 64, default: 6 })!;
    const E = mine ? mine.x.shape[1] : optionNumber(ctx, args, 'E', { what: msg('E', 'E'), integer: true, min: 1, max: 128, default: 8 })!;
    const h = optionNumber(ctx, args, 'h', { what: msg('the number of heads h', '头数 h'), integer: true, min: 1, max: 16, default: 2 })!;
    if (E % h !== 0) {
      throw new UserError(msg(`h = ${h} heads must divide E = ${E}: each head gets E/h columns. Try h = ${[1, 2, 4, 8].filter((x) => E % x === 0).pop()}.`, `头数 h = ${h} 必须整除 E = ${E}：每个头分到 E/h 列。试试 h = ${[1, 2, 4, 8].filter((x) => E % x === 0).pop()}。`));
    }
    const causal = args.flags.includes('causal');
    const x = mine ? mine.x : replRand([L, E], seed);
    const scale = (t: Tensor, s: number) => new Tensor(t.shape, t.data.map((v) => v * s));
    // Projections large enough that each head's attention is visibly peaked (tiny weights give near-uniform rows).
    const w = mine ? mine.w : { inProjWeight: scale(replRand([3 * E, E], seed + 1), 2), inProjBias: new Tensor([3 * E]), outProjWeight: scale(replRand([E, E], seed + 2), 1 / Math.sqrt(E)), outProjBias: new Tensor([E]) };
    const r = multiHeadAttentionDetailed(x, x, x, w, { numHeads: h, causal });
    const dh = E / h;
    const blocks: Block[] = [
      { kind: 'title', text: msg(`Multi-head attention: ${h} heads of size ${dh}, E = ${E}`, `多头注意力：${h} 个头，每头 ${dh} 维，E = ${E}`) },
      { kind: 'formula', lines: ['headⱼ = Attention(X·W_Qʲ, X·W_Kʲ, X·W_Vʲ)', 'MultiHead(X) = Concat(head₁, …, headₕ) · W_O'] },
    ];
    if (mine) blocks.push({ kind: 'text', tone: 'muted', text: mhaSource((args.positionals.x.kind === 'term' && 'name' in args.positionals.x.term ? args.positionals.x.term.name : 'X'), mine.yours, seed) });
    for (let j = 0; j < Math.min(h, 4); j++) {
      // One scale for every head, 0 … 1 as attn uses: a colour means the same weight in each heatmap.
      blocks.push({ kind: 'heatmap', label: msg(`head ${j + 1}: attention weights [${L}×${L}] (colour scale 0 … 1)`, `第 ${j + 1} 个头：注意力权重 [${L}×${L}]（颜色刻度 0 … 1）`), tensor: r.weights, slice: j, rowLabels: tokens(L), colLabels: tokens(L), min: 0, max: 1 });
      // The numbers behind the colours (small enough to read; --json has them all).
      if (L <= 8) blocks.push({ kind: 'matrix', label: msg(`head ${j + 1}: the weights as numbers (each row sums to 1)`, `第 ${j + 1} 个头：权重的数值（每行和为 1）`), tensor: { shape: [L, L], data: r.weights.data.subarray(j * L * L, (j + 1) * L * L) }, precision: 2 });
    }
    if (L > 8) blocks.push({ kind: 'text', tone: 'muted', text: msg('The weights as numbers: nnlearn run --json \'mha …\' lists them all (weights, one [L×L] per head).', '权重的数值：nnlearn run --json \'mha …\' 会全部列出（weights，每个头一个 [L×L]）。') });
    if (h > 4) blocks.push({ kind: 'text', tone: 'muted', text: msg(`(${h - 4} more heads not drawn)`, `（另有 ${h - 4} 个头未画出）`) });
    blocks.push(
      { kind: 'matrix', label: msg(`concat of the ${h} head outputs [${L}×${h}·${dh}]`, `${h} 个头输出的拼接 [${L}×${h}·${dh}]`), tensor: r.concat, precision: 2 },
      { kind: 'matrix', label: msg('output = concat · W_Oᵀ + b', '输出 = 拼接 · W_Oᵀ + b'), tensor: r.output, precision: 2 },
      {
        kind: 'facts',
        rows: [
          { label: msg('input X', '输入 X'), value: `[${L}, ${E}]` },
          { label: msg('each head', '每个头'), value: `Q, K, V [${L}, ${dh}] → [${L}, ${L}] → [${L}, ${dh}]` },
          { label: msg('concat', '拼接'), value: `[${L}, ${h}·${dh}] = [${L}, ${E}]` },
          { label: msg('output Z', '输出 Z'), value: msg(`[${L}, ${E}] — the same shape as X, so X + Z (Add & Norm) works`, `[${L}, ${E}] —— 与 X 形状相同，所以可以做 X + Z（Add & Norm）`) },
          { label: msg('parameters', '参数'), value: `4·(E² + E) = 4·(${E * E} + ${E}) = ${4 * (E * E + E)}` },
        ],
      },
    );
    // Everything nn.MultiheadAttention needs to recompute the output, under its own parameter names.
    const params = () => ({ in_proj_weight: tensorJson(w.inProjWeight), in_proj_bias: tensorJson(w.inProjBias), out_proj_weight: tensorJson(w.outProjWeight), out_proj_bias: tensorJson(w.outProjBias) });
    return commandResult('mha', { json: () => ({ command: 'mha', ok: true, L, E, heads: h, causal, seed, input: tensorJson(x), ...params(), ...(mine ? { yours: mine.yours } : {}), weights: tensorJson(r.weights), concat: tensorJson(r.concat), output: tensorJson(r.output), params: 4 * (E * E + E) }), blocks: () => blocks });
  },
};

export const posenc: ReplCommand = {
  spec: {
    name: 'posenc',
    aliases: ['pe'],
    summary: msg('the sinusoidal positional encoding as a heatmap', '正弦位置编码的热力图'),
    usage: 'posenc [L=20] [d=16]',
    examples: ['posenc L=20 d=16'],
    options: [
      { key: 'L', aliases: ['len', 'n'], help: msg('number of positions', '位置个数') },
      { key: 'd', aliases: ['d_model'], help: msg('encoding size d_model', '编码维数 d_model') },
    ],
  },
  run(args, ctx) {
    const L = optionNumber(ctx, args, 'L', { what: msg('L', 'L'), integer: true, min: 1, max: 512, default: 20 })!;
    const d = optionNumber(ctx, args, 'd', { what: msg('d', 'd'), integer: true, min: 1, max: 512, default: 16 })!;
    const pe = positionalEncoding(L, d);
    return commandResult('posenc', {
      json: () => ({ command: 'posenc', ok: true, L, d, pe: tensorJson(pe) }),
      blocks: (): Block[] => [
        { kind: 'title', text: msg(`Positional encoding: ${L} positions × ${d} dimensions`, `位置编码：${L} 个位置 × ${d} 维`) },
        { kind: 'formula', lines: ['PE(pos, 2i)   = sin(pos / 10000^(2i/d))', 'PE(pos, 2i+1) = cos(pos / 10000^(2i/d))'] },
        { kind: 'heatmap', label: msg('rows: positions, columns: dimensions (colour scale −1 … 1)', '行：位置，列：维度（颜色刻度 −1 … 1）'), tensor: pe, rowLabels: Array.from({ length: L }, (_, i) => String(i)), min: -1, max: 1 },
        // The numbers behind the colours: the first positions (the JSON has every one).
        { kind: 'matrix', label: msg(`the numbers, positions 0…${Math.min(L, 6) - 1}${L > 6 ? ` of ${L} (--json has all)` : ''}`, `数值：位置 0…${Math.min(L, 6) - 1}${L > 6 ? `（共 ${L} 个，--json 中有全部）` : ''}`), tensor: { shape: [Math.min(L, 6), d], data: pe.data.subarray(0, Math.min(L, 6) * d) }, precision: 2 },
        { kind: 'text', text: msg('Left columns change fast with the position, right ones slowly: every position gets its own pattern, added to the word embedding so the model knows word order (without it a Transformer is a bag of words).', '左边的列随位置变化很快，右边的很慢：每个位置都有自己的图案，把它加到词嵌入上，模型就知道词的顺序（没有它，Transformer 就是词袋模型）。') },
      ],
    });
  },
};
