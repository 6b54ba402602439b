/**
 * attn on her numbers: `attn Q K V [causal]` with her own queries, keys and values
 * (K and V may come from another sequence: cross-attention, as in the decoder), or
 * `attn X` — self-attention on her sequence X with seeded W_Q, W_K, W_V, as the
 * lesson transformer/self-attention teaches (Q = X·W_Q, K = X·W_K, V = X·W_V).
 */
import { matmul } from '../../engine/ops/linear.js';
import { sdpa } from '../../engine/ops/attention.js';
import type { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { UserError, commandResult, type CommandResult, type ReplContext } from '../context.js';
import { optionNumber } from '../resolve.js';
import type { Arg, ParsedArgs } from '../spec.js';
import { replRand, tensorJson, tensorVar } from '../tensors.js';

const MAX_ROWS = 64;
const MAX_COLS = 64;

/** Options that her variables decide (or that would be silently ignored beside them) are refused, not ignored. */
function refuseOptions(args: ParsedArgs, keys: string[], why: ReturnType<typeof msg>): void {
  for (const key of keys) {
    const o = args.options[key];
    if (o) throw new UserError(msg(`${key}= ${why.en}`, `${key}= ${why.zh}`), o.start, o.end - o.start);
  }
}

/** Her variable as a matrix [rows, cols] (a [1, n, d] batch of one is accepted), with the shape it should have in the message. */
function matrixVar(ctx: ReplContext, a: Arg, role: string, expected: string): { t: Tensor; name: string } {
  const { tensor: v, name } = tensorVar(ctx, a, '[[1, 0], [0, 1], [1, 1]]');
  const t = v.rank === 3 && v.shape[0] === 1 ? v.reshape([v.shape[1], v.shape[2]]) : v;
  if (t.rank !== 2) {
    throw new UserError(
      msg(`${role} must be a matrix ${expected} (one row per token); ${name} has shape [${v.shape.join(', ')}].`, `${role} 必须是矩阵 ${expected}（每行一个词）；${name} 的形状是 [${v.shape.join(', ')}]。`),
      a.start,
      a.end - a.start,
    );
  }
  if (t.shape[0] > MAX_ROWS || t.shape[1] > MAX_COLS) {
    throw new UserError(
      msg(`attn draws at most ${MAX_ROWS} tokens of ${MAX_COLS} numbers; ${name} is [${t.shape.join(', ')}].`, `attn 最多画 ${MAX_ROWS} 个词、每个 ${MAX_COLS} 个数；${name} 是 [${t.shape.join(', ')}]。`),
      a.start,
      a.end - a.start,
    );
  }
  return { t, name };
}

const labels = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

export function attnOnValues(ctx: ReplContext, args: ParsedArgs): CommandResult {
  const p = args.positionals;
  if (p.k && !p.v) {
    throw new UserError(
      msg('attn takes one variable X (self-attention) or three: Q K V (queries, keys, values). Add V, e.g. attn q k k.', 'attn 接受一个变量 X（自注意力）或三个：Q K V（查询、键、值）。请补上 V，例如 attn q k k。'),
      p.k.start,
      p.k.end - p.k.start,
    );
  }
  return p.v ? ownQkv(ctx, args) : selfOnX(ctx, args);
}

function ownQkv(ctx: ReplContext, args: ParsedArgs): CommandResult {
  refuseOptions(args, ['L', 'd', 'seed'], msg('comes from your Q, K and V (their shapes); leave it out.', '由你的 Q、K、V（它们的形状）决定；请去掉它。'));
  const p = args.positionals;
  const q = matrixVar(ctx, p.q, 'Q', '[L, d_k]');
  const k = matrixVar(ctx, p.k, 'K', '[S, d_k]');
  const v = matrixVar(ctx, p.v, 'V', '[S, d_v]');
  const [L, dk] = q.t.shape;
  const [S] = k.t.shape;
  if (k.t.shape[1] !== dk) {
    throw new UserError(
      msg(
        `K must be [S, d_k] with d_k = ${dk}, the width of Q (each score is a query · a key); ${k.name} has shape [${k.t.shape.join(', ')}], Q ${q.name} [${L}, ${dk}].`,
        `K 必须是 [S, d_k]，d_k = ${dk}，与 Q 的列数相同（每个分数是查询·键）；${k.name} 的形状是 [${k.t.shape.join(', ')}]，Q ${q.name} 是 [${L}, ${dk}]。`,
      ),
      p.k.start,
      p.k.end - p.k.start,
    );
  }
  if (v.t.shape[0] !== S) {
    throw new UserError(
      msg(
        `V must be [S, d_v] with S = ${S}, the rows of K (one value per key); ${v.name} has shape [${v.t.shape.join(', ')}], K ${k.name} [${S}, ${dk}].`,
        `V 必须是 [S, d_v]，S = ${S}，与 K 的行数相同（每个键一个值）；${v.name} 的形状是 [${v.t.shape.join(', ')}]，K ${k.name} 是 [${S}, ${dk}]。`,
      ),
      p.v.start,
      p.v.end - p.v.start,
    );
  }
  const causal = args.flags.includes('causal');
  const r = sdpa(q.t, k.t, v.t, { causal });
  const dv = v.t.shape[1];
  // Self or cross: known for sure only when the shapes or the names tell; otherwise say what decides it.
  const kind: 'self' | 'cross' | 'either' = L !== S || (q.name !== k.name && k.name === v.name) ? 'cross' : q.name === k.name && k.name === v.name ? 'self' : 'either';
  const where =
    kind === 'cross'
      ? msg(
          `Cross-attention: the ${L} queries come from one sequence (${q.name}), the ${S} keys and values from another (${k.name}${v.name !== k.name ? `, ${v.name}` : ''}) — as in the decoder, where queries come from the decoder and keys/values from the encoder's output. The weights are [L, S] = [${L}, ${S}].`,
          `交叉注意力：${L} 个查询来自一个序列（${q.name}），${S} 个键和值来自另一个序列（${k.name}${v.name !== k.name ? `、${v.name}` : ''}）——正如解码器中，查询来自解码器，键/值来自编码器的输出。注意力权重是 [L, S] = [${L}, ${S}]。`,
        )
      : kind === 'self'
        ? msg(`Self-attention with Q = K = V = ${q.name} (no projections): every token compares itself with every token of the same sequence.`, `自注意力，Q = K = V = ${q.name}（没有投影）：每个词与同一序列中的每个词比较。`)
        : msg(
            `Your Q, K and V as given. If ${q.name} was computed from the same sequence as ${k.name} and ${v.name}, this is self-attention; if from another sequence, it is cross-attention (the decoder's second attention layer).`,
            `直接使用你给的 Q、K、V。如果 ${q.name} 与 ${k.name}、${v.name} 来自同一个序列，这就是自注意力；如果来自另一个序列，就是交叉注意力（解码器的第二个注意力层）。`,
          );
  const blocks: Block[] = [
    { kind: 'title', text: msg(`Attention on your Q, K, V: ${L} queries, ${S} keys, d_k = ${dk}${causal ? ', causal mask' : ''}`, `对你的 Q、K、V 做注意力：${L} 个查询，${S} 个键，d_k = ${dk}${causal ? '，带因果掩码' : ''}`) },
    { kind: 'formula', lines: ['Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V', `√d_k = √${dk} = ${Math.sqrt(dk).toFixed(3)}`] },
    { kind: 'text', text: where },
    ...matricesAndWeights(q.t, k.t, v.t, r, causal, kind === 'cross', { q: q.name, k: k.name, v: v.name }),
  ];
  if (causal && L !== S) blocks.push({ kind: 'text', tone: 'muted', text: msg('With L ≠ S the causal mask is aligned top-left, as PyTorch’s is_causal: query i sees keys 0…i.', 'L ≠ S 时因果掩码按左上角对齐，与 PyTorch 的 is_causal 相同：第 i 个查询看到第 0…i 个键。') });
  return commandResult('attn', { json: () => ({ command: 'attn', ok: true, mode: 'yours', attention: kind, names: { q: q.name, k: k.name, v: v.name }, L, S, d: dk, d_v: dv, causal, q: tensorJson(q.t), k: tensorJson(k.t), v: tensorJson(v.t), scores: tensorJson(r.scores), weights: tensorJson(r.weights), output: tensorJson(r.output) }), blocks: () => blocks });
}

function selfOnX(ctx: ReplContext, args: ParsedArgs): CommandResult {
  refuseOptions(args, ['L'], msg('comes from your sequence (rows = tokens L); leave it out.', '由你的序列决定（行数 = 词数 L）；请去掉它。'));
  const x = matrixVar(ctx, args.positionals.q, 'X', '[L, d_model]');
  const [L, dm] = x.t.shape;
  const dk = optionNumber(ctx, args, 'd', { what: msg('d', 'd'), integer: true, min: 1, max: 64, default: 4 })!;
  const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 11 })!;
  const causal = args.flags.includes('causal');
  // Learned in a real model; seeded here (printed, so she can repeat them), as in the lesson.
  const wq = replRand([dm, dk], seed);
  const wk = replRand([dm, dk], seed + 1);
  const wv = replRand([dm, dk], seed + 2);
  const q = matmul(x.t, wq);
  const k = matmul(x.t, wk);
  const v = matmul(x.t, wv);
  const r = sdpa(q, k, v, { causal });
  const blocks: Block[] = [
    { kind: 'title', text: msg(`Self-attention on ${x.name}: ${L} tokens, d_model = ${dm}, d_k = ${dk}${causal ? ', causal mask' : ''}`, `对 ${x.name} 做自注意力：${L} 个词，d_model = ${dm}，d_k = ${dk}${causal ? '，带因果掩码' : ''}`) },
    { kind: 'formula', lines: ['Q = X·W_Q    K = X·W_K    V = X·W_V', 'Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V', `√d_k = √${dk} = ${Math.sqrt(dk).toFixed(3)}`] },
    {
      kind: 'text',
      tone: 'muted',
      text: msg(
        `Your X; W_Q, W_K, W_V [${dm}, ${dk}] are random with seed=${seed} (learned in a real model; as in the lesson transformer/self-attention). For your own Q, K, V: attn Q K V.`,
        `使用你的 X；W_Q、W_K、W_V [${dm}, ${dk}] 是种子 seed=${seed} 的随机数（真实模型中是学出来的；与课程 transformer/self-attention 相同）。要用自己的 Q、K、V：attn Q K V。`,
      ),
    },
    { kind: 'matrix', label: msg(`X = ${x.name} [${L}×${dm}]`, `X = ${x.name} [${L}×${dm}]`), tensor: x.t, precision: 2 },
    { kind: 'matrix', label: 'W_Q', tensor: wq, precision: 2 },
    { kind: 'matrix', label: 'W_K', tensor: wk, precision: 2 },
    { kind: 'matrix', label: 'W_V', tensor: wv, precision: 2 },
    ...matricesAndWeights(q, k, v, r, causal, false, { q: 'X·W_Q', k: 'X·W_K', v: 'X·W_V' }),
  ];
  return commandResult('attn', { json: () => ({ command: 'attn', ok: true, mode: 'self', attention: 'self', L, S: L, d: dk, d_v: dk, causal, seed, input: tensorJson(x.t), w_q: tensorJson(wq), w_k: tensorJson(wk), w_v: tensorJson(wv), q: tensorJson(q), k: tensorJson(k), v: tensorJson(v), scores: tensorJson(r.scores), weights: tensorJson(r.weights), output: tensorJson(r.output) }), blocks: () => blocks });
}

function matricesAndWeights(q: Tensor, k: Tensor, v: Tensor, r: ReturnType<typeof sdpa>, causal: boolean, cross: boolean, names: { q: string; k: string; v: string }): Block[] {
  const [L, dk] = q.shape;
  const [S, dv] = v.shape;
  const rows = cross ? labels('q', L) : labels('t', L);
  const cols = cross ? labels('k', S) : labels('t', S);
  return [
    { kind: 'matrix', label: msg(`Q = ${names.q} [${L}×${dk}] (one row per query)`, `Q = ${names.q} [${L}×${dk}]（每行一个查询）`), tensor: q, precision: 2 },
    { kind: 'matrix', label: msg(`K = ${names.k} [${S}×${dk}] (one row per key)`, `K = ${names.k} [${S}×${dk}]（每行一个键）`), tensor: k, precision: 2 },
    { kind: 'matrix', label: msg(`V = ${names.v} [${S}×${dv}] (one row per value)`, `V = ${names.v} [${S}×${dv}]（每行一个值）`), tensor: v, precision: 2 },
    { kind: 'matrix', label: msg(`scores Q·Kᵀ/√d_k  [${L}×${S}]${causal ? ' (−∞ = masked)' : ''}`, `分数 Q·Kᵀ/√d_k  [${L}×${S}]${causal ? '（−∞ = 被遮住）' : ''}`), tensor: r.scores, precision: 2 },
    { kind: 'heatmap', label: msg('attention weights = softmax of each row of scores (rows sum to 1; colour scale 0 … 1)', '注意力权重 = 对每一行分数做 softmax（每行和为 1；颜色刻度 0 … 1）'), tensor: r.weights, rowLabels: rows, colLabels: cols, min: 0, max: 1 },
    { kind: 'matrix', label: msg('the same attention weights as numbers', '同样的注意力权重（数值）'), tensor: r.weights, precision: 2 },
    { kind: 'matrix', label: msg(`output = attention weights · V  [${L}×${dv}]`, `输出 = 注意力权重 · V  [${L}×${dv}]`), tensor: r.output, precision: 2 },
    {
      kind: 'facts',
      rows: [
        { label: 'Q', value: `[L, d_k] = [${L}, ${dk}]` },
        { label: 'K, V', value: `[S, d_k] = [${S}, ${dk}], [S, d_v] = [${S}, ${dv}]` },
        { label: msg('attention weights', '注意力权重'), value: `[L, S] = [${L}, ${S}]` },
        { label: msg('output', '输出'), value: `[L, d_v] = [${L}, ${dv}]` },
      ],
    },
  ];
}
