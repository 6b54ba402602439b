/**
 * Attention, PyTorch's semantics (FORMAT.md):
 *   scaled_dot_product_attention  weights = softmax(q kᵀ/√d + mask), output = weights · v
 *   multi_head_attention          torch.nn.MultiheadAttention (dropout 0, per-head weights)
 * Causal masks hide key j from query i when j > i.
 *
 * Every matrix product goes through `gemm`; heads are column blocks of the
 * projected Q, K, V and are multiplied in place through offsets and leading
 * dimensions, never copied.
 */
import { boolAttr, intAttr } from '../attrs.js';
import { checkShape, checkWork, WORK_COST } from '../budget.js';
import { fmtShape } from '../errors.js';
import { type AttnOperand, engineError } from '../messages.js';
import { gemm } from '../gemm.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';
import { softmaxRowsInPlace } from './softmax.js';

export interface SdpaResult {
  /** [L, dv] */
  output: Tensor;
  /** [L, S]: each row sums to 1. */
  weights: Tensor;
  /** [L, S]: q kᵀ/√d, with -Infinity where the causal mask hides a key. */
  scores: Tensor;
}

export interface MhaWeights {
  /** [3E, E]: rows 0:E project Q, E:2E K, 2E:3E V. */
  inProjWeight: Tensor;
  /** [3E], or omitted for no bias. */
  inProjBias?: Tensor | null;
  /** [E, E] */
  outProjWeight: Tensor;
  /** [E], or omitted for no bias. */
  outProjBias?: Tensor | null;
}

export interface MhaOptions {
  numHeads: number;
  causal?: boolean;
  /** Checked against the query's last size when given. */
  embedDim?: number;
}

export interface MhaResult {
  /** [L, E] */
  output: Tensor;
  /** [h, L, S]: every head's attention weights (not averaged). */
  weights: Tensor;
}

/** Every intermediate of multi-head attention, for display ("8 heads → concat → linear"). */
export interface MhaTrace extends MhaResult {
  /** Projected queries, keys, values: [L, E], [S, E], [S, E]. */
  q: Tensor;
  k: Tensor;
  v: Tensor;
  /** The same split per head: [h, L, d], [h, S, d], [h, S, d] with d = E/h. */
  qHeads: Tensor;
  kHeads: Tensor;
  vHeads: Tensor;
  /** [h, L, S]: per-head scaled scores (−Infinity where masked). */
  scores: Tensor;
  /** [h, L, d]: each head's weights · V. */
  headOutputs: Tensor;
  /** [L, E]: the heads side by side, the input of out_proj (the values before the output projection). */
  concat: Tensor;
}

/** A matrix stored inside a larger buffer: element (r, c) is buf[off + r*ld + c]. */
interface Block {
  buf: Float32Array;
  off: number;
  ld: number;
}

/**
 * One attention head. Writes the weights [L, S] into W at wOff (and the
 * masked scaled scores into `scores` when given) and weights·V into `out`.
 */
function attendHead(
  L: number,
  S: number,
  d: number,
  dv: number,
  Q: Block,
  K: Block,
  V: Block,
  causal: boolean,
  W: Float32Array,
  wOff: number,
  out: Block,
  scores: Float32Array | null,
): void {
  gemm({ M: L, N: S, K: d, A: Q.buf, aOffset: Q.off, lda: Q.ld, B: K.buf, bOffset: K.off, ldb: K.ld, transB: true, C: W, cOffset: wOff, ldc: S });
  const scale = 1 / Math.sqrt(d);
  for (let i = 0; i < L; i++) {
    const o = wOff + i * S;
    for (let j = 0; j < S; j++) W[o + j] *= scale;
    if (causal) for (let j = i + 1; j < S; j++) W[o + j] = -Infinity;
  }
  if (scores) scores.set(W.subarray(wOff, wOff + L * S), wOff);
  softmaxRowsInPlace(W, wOff, L, S);
  gemm({ M: L, N: dv, K: S, A: W, aOffset: wOff, lda: S, B: V.buf, bOffset: V.off, ldb: V.ld, C: out.buf, cOffset: out.off, ldc: out.ld });
}

const ATTN_SMALLER = { en: 'use a shorter sequence (L) or a smaller embedding (d, E)', zh: '使用更短的序列（L）或更小的维度（d、E）' };

/**
 * Work units of one attention head: scores q·kᵀ (L·S·d), the softmax over them
 * (L·S exponentials) and weights·v (L·S·dv).
 */
export function attentionWork(L: number, S: number, d: number, dv: number): number {
  return L * S * (d + dv) * WORK_COST.gemm + L * S * WORK_COST.elementwise;
}

/** Multi-head attention: the Q/K/V and output projections plus h heads of size E/h. */
export function mhaWork(L: number, S: number, E: number, h: number): number {
  return (L * E * E + 2 * S * E * E + L * E * E) * WORK_COST.gemm + h * attentionWork(L, S, E / h, E / h);
}

function checkMatrix(op: string, t: Tensor, name: AttnOperand): void {
  if (!(t instanceof Tensor)) throw engineError('attn-not-tensor', { op, name });
  if (t.rank !== 2) throw engineError('attn-not-matrix', { op, name, shape: t.shape });
}

/**
 * Scaled dot-product attention of q [L, d] over keys k [S, d] and values
 * v [S, dv], returning the output, the weights and the scaled scores.
 */
export function sdpa(q: Tensor, k: Tensor, v: Tensor, opts: { causal?: boolean } = {}): SdpaResult {
  const op = 'scaled_dot_product_attention';
  checkMatrix(op, q, 'q');
  checkMatrix(op, k, 'k');
  checkMatrix(op, v, 'v');
  const [L, d] = q.shape;
  const S = k.shape[0];
  if (k.shape[1] !== d) {
    throw engineError('attn-qk-size', { op, q: q.shape, k: k.shape });
  }
  if (v.shape[0] !== S) {
    throw engineError('attn-kv-count', { op, keys: k.shape, values: v.shape });
  }
  const dv = v.shape[1];
  checkWork(op, attentionWork(L, S, d, dv), ATTN_SMALLER);
  checkShape([L, S], 'attention weights');
  const W = new Float32Array(L * S);
  const scores = new Float32Array(L * S);
  const out = new Float32Array(L * dv);
  attendHead(L, S, d, dv, { buf: q.data, off: 0, ld: d }, { buf: k.data, off: 0, ld: d }, { buf: v.data, off: 0, ld: dv }, opts.causal ?? false, W, 0, { buf: out, off: 0, ld: dv }, scores);
  return { output: new Tensor([L, dv], out), weights: new Tensor([L, S], W), scores: new Tensor([L, S], scores) };
}

/** softmax(q kᵀ/√d + mask) · v: output [L, dv] and weights [L, S]. */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, causal = false): { output: Tensor; weights: Tensor } {
  const r = sdpa(q, k, v, { causal });
  return { output: r.output, weights: r.weights };
}

function sameValues(a: Tensor, b: Tensor): boolean {
  if (a === b) return true;
  if (a.rank !== b.rank || a.shape.some((n, i) => n !== b.shape[i])) return false;
  if (a.data === b.data) return true;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out;
}

interface MhaPlan {
  L: number;
  S: number;
  E: number;
  h: number;
  d: number;
}

function planMha(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions): MhaPlan {
  const op = 'multi_head_attention';
  checkMatrix(op, query, 'query');
  checkMatrix(op, key, 'key');
  checkMatrix(op, value, 'value');
  const [L, E] = query.shape;
  const S = key.shape[0];
  if (opts.embedDim !== undefined && opts.embedDim !== E) {
    throw engineError('mha-embed-mismatch', { op, embedDim: opts.embedDim, query: query.shape });
  }
  for (const [t, name] of [
    [key, 'key'],
    [value, 'value'],
  ] as const) {
    if (t.shape[1] !== E) {
      throw engineError('mha-kv-width', { op, name, shape: t.shape, query: query.shape });
    }
  }
  if (value.shape[0] !== S) {
    throw engineError('mha-kv-count', { op, keys: key.shape, values: value.shape });
  }
  const h = opts.numHeads;
  if (typeof h !== 'number' || !Number.isInteger(h) || h < 1) {
    throw engineError('mha-bad-heads', { op, shown: String(h) });
  }
  if (E % h !== 0) {
    throw engineError('mha-heads-divide', { op, E, h, divisors: divisors(E) });
  }
  const wi = w.inProjWeight;
  if (!(wi instanceof Tensor) || wi.rank !== 2 || wi.shape[0] !== 3 * E || wi.shape[1] !== E) {
    throw engineError('mha-in-proj', { op, shown: wi instanceof Tensor ? fmtShape(wi.shape) : String(wi), E });
  }
  const bi = w.inProjBias;
  if (bi && (bi.rank !== 1 || bi.shape[0] !== 3 * E)) {
    throw engineError('mha-in-bias', { op, shape: bi.shape, E });
  }
  const wo = w.outProjWeight;
  if (!(wo instanceof Tensor) || wo.rank !== 2 || wo.shape[0] !== E || wo.shape[1] !== E) {
    throw engineError('mha-out-proj', { op, shown: wo instanceof Tensor ? fmtShape(wo.shape) : String(wo), E });
  }
  const bo = w.outProjBias;
  if (bo && (bo.rank !== 1 || bo.shape[0] !== E)) {
    throw engineError('mha-out-bias', { op, shape: bo.shape, E });
  }
  return { L, S, E, h, d: E / h };
}

/** rows × (count·E) block = X · W[rowStart : rowStart + count·E]ᵀ + b[…]. */
function project(x: Tensor, rows: number, E: number, W: Float32Array, b: Float32Array | undefined, rowStart: number, count: number): Float32Array {
  const n = count * E;
  const out = new Float32Array(rows * n);
  gemm({ M: rows, N: n, K: E, A: x.data, lda: E, B: W, bOffset: rowStart * E, ldb: E, transB: true, C: out, ldc: n });
  if (b) addRowBias(out, rows, n, b, rowStart);
  return out;
}

/** out[r, j] += b[bOff + j] for every row r of a rows × n matrix (a linear layer's bias). */
function addRowBias(out: Float32Array, rows: number, n: number, b: Float32Array, bOff: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) out[o + j] += b[bOff + j];
  }
}

function mhaRun(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions, trace: boolean): MhaResult | MhaTrace {
  const { L, S, E, h, d } = planMha(query, key, value, w, opts);
  checkWork('multi_head_attention', mhaWork(L, S, E, h), ATTN_SMALLER);
  checkShape([h, L, S], 'attention weights');
  const causal = opts.causal ?? false;
  const Wi = w.inProjWeight.data;
  const bi = w.inProjBias?.data;
  let Qb: Block;
  let Kb: Block;
  let Vb: Block;
  const kvSame = sameValues(key, value);
  if (kvSame && sameValues(query, key)) {
    // Self-attention: one gemm makes Q, K and V side by side, [L, 3E].
    const qkv = project(query, L, E, Wi, bi, 0, 3);
    Qb = { buf: qkv, off: 0, ld: 3 * E };
    Kb = { buf: qkv, off: E, ld: 3 * E };
    Vb = { buf: qkv, off: 2 * E, ld: 3 * E };
  } else {
    Qb = { buf: project(query, L, E, Wi, bi, 0, 1), off: 0, ld: E };
    if (kvSame) {
      const kv = project(key, S, E, Wi, bi, E, 2);
      Kb = { buf: kv, off: 0, ld: 2 * E };
      Vb = { buf: kv, off: E, ld: 2 * E };
    } else {
      Kb = { buf: project(key, S, E, Wi, bi, E, 1), off: 0, ld: E };
      Vb = { buf: project(value, S, E, Wi, bi, 2 * E, 1), off: 0, ld: E };
    }
  }
  const weights = new Float32Array(h * L * S);
  const scores = trace ? new Float32Array(h * L * S) : null;
  const concat = new Float32Array(L * E);
  for (let j = 0; j < h; j++) {
    attendHead(
      L,
      S,
      d,
      d,
      { buf: Qb.buf, off: Qb.off + j * d, ld: Qb.ld },
      { buf: Kb.buf, off: Kb.off + j * d, ld: Kb.ld },
      { buf: Vb.buf, off: Vb.off + j * d, ld: Vb.ld },
      causal,
      weights,
      j * L * S,
      { buf: concat, off: j * d, ld: E },
      scores,
    );
  }
  const out = new Float32Array(L * E);
  gemm({ M: L, N: E, K: E, A: concat, lda: E, B: w.outProjWeight.data, ldb: E, transB: true, C: out, ldc: E });
  const bo = w.outProjBias?.data;
  if (bo) addRowBias(out, L, E, bo, 0);
  const result: MhaResult = { output: new Tensor([L, E], out), weights: new Tensor([h, L, S], weights) };
  if (!trace) return result;
  const full = (b: Block, rows: number): Tensor => {
    const t = new Float32Array(rows * E);
    for (let r = 0; r < rows; r++) t.set(b.buf.subarray(b.off + r * b.ld, b.off + r * b.ld + E), r * E);
    return new Tensor([rows, E], t);
  };
  const heads = (b: Block, rows: number): Tensor => {
    const t = new Float32Array(h * rows * d);
    for (let j = 0; j < h; j++) {
      for (let r = 0; r < rows; r++) {
        const src = b.off + r * b.ld + j * d;
        t.set(b.buf.subarray(src, src + d), (j * rows + r) * d);
      }
    }
    return new Tensor([h, rows, d], t);
  };
  const concatBlock: Block = { buf: concat, off: 0, ld: E };
  return {
    ...result,
    q: full(Qb, L),
    k: full(Kb, S),
    v: full(Vb, S),
    qHeads: heads(Qb, L),
    kHeads: heads(Kb, S),
    vHeads: heads(Vb, S),
    scores: new Tensor([h, L, S], scores!),
    headOutputs: heads(concatBlock, L),
    concat: new Tensor([L, E], concat),
  };
}

/**
 * torch.nn.MultiheadAttention forward (dropout 0) on one sequence: query
 * [L, E], key and value [S, E]. Returns the output [L, E] and the per-head
 * weights [h, L, S].
 */
export function multiHeadAttention(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions): MhaResult {
  return mhaRun(query, key, value, w, opts, false);
}

/** Like multiHeadAttention, also returning every intermediate (projections, heads, scores, concat). */
export function multiHeadAttentionDetailed(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions): MhaTrace {
  return mhaRun(query, key, value, w, opts, true) as MhaTrace;
}

export const attentionOps: OpDef[] = [
  {
    name: 'scaled_dot_product_attention',
    summary: 'softmax(q kᵀ/√d + mask) · v for q [L,d], k [S,d], v [S,dv] → output, weights',
    inputs: [{ name: 'q' }, { name: 'k' }, { name: 'v' }],
    attrs: ['causal'],
    outputs: ['output', 'weights'],
    run: (i, a) => {
      const r = sdpa(i.q, i.k, i.v, { causal: boolAttr(a, 'causal', false) });
      return { output: r.output, weights: r.weights };
    },
  },
  {
    name: 'multi_head_attention',
    summary: 'torch.nn.MultiheadAttention: project Q, K, V, attend in num_heads heads, concat, out_proj',
    inputs: [
      { name: 'query' },
      { name: 'key' },
      { name: 'value' },
      { name: 'in_proj_weight' },
      { name: 'in_proj_bias', optional: true },
      { name: 'out_proj_weight' },
      { name: 'out_proj_bias', optional: true },
    ],
    attrs: ['embed_dim', 'num_heads', 'causal'],
    outputs: ['output', 'weights'],
    run: (i, a) => {
      const embedDim = a.embed_dim === undefined || a.embed_dim === null ? undefined : intAttr(a, 'embed_dim', { min: 1 });
      const numHeads = intAttr(a, 'num_heads', { min: 1 });
      const r = multiHeadAttention(
        i.query,
        i.key,
        i.value,
        { inProjWeight: i.in_proj_weight, inProjBias: i.in_proj_bias, outProjWeight: i.out_proj_weight, outProjBias: i.out_proj_bias },
        { numHeads, embedDim, causal: boolAttr(a, 'causal', false) },
      );
      return { output: r.output, weights: r.weights };
    },
  },
];
