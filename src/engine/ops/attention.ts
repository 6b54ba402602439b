/**
 * Attention, PyTorch's semantics (FORMAT.md):
 *   scaled_dot_product_attention  weights = softmax(q kᵀ/√d + mask), output = weights · v
 *   multi_head_attention          torch.nn.MultiheadAttention (dropout 0, per-head weights)
 * Causal masks hide key j from query i when j > i; the optional key_padding_mask
 * ([N, S], or [S] for one sequence; nonzero = padding) hides padded keys.
 *
 * The un-batched functions (sdpa, multiHeadAttention…) take one sequence; the ops
 * also take a batch-first leading dimension N ([N, L, d], [N, L, E]), and then
 * their weights are [N, L, S] and [N, h, L, S]. Every matrix product goes through
 * `gemm`: the projections are one GEMM over all N·L rows, and each (example, head)
 * is a column block of the projected Q, K, V multiplied in place through offsets
 * and leading dimensions, never copied. The backward is in attention-backward.ts.
 */
import { boolAttr, intAttr } from '../attrs.js';
import { checkShape, checkWork, WORK_COST } from '../budget.js';
import { fmtShape } from '../errors.js';
import { type AttnOperand, engineError } from '../messages.js';
import { gemm } from '../gemm.js';
import { type OpDef, withSaved } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { at, attendHead, type Block, type HeadMask, NO_MASK } from './attention-head.js';
import { type MhaSaved, vjpMha, vjpSdpa } from './attention-backward.js';

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
 * The un-batched functions take matrices only; the ops also take a leading batch
 * dimension N on every operand ([N, L, d], …). Returns N (1 without a batch) and each
 * operand's per-example shape, which the size checks and their messages use.
 */
function exampleShapes(op: string, operands: readonly [Tensor, AttnOperand][], allowBatch: boolean): { N: number; batched: boolean; shapes: number[][] } {
  if (!allowBatch) {
    for (const [t, name] of operands) checkMatrix(op, t, name);
    return { N: 1, batched: false, shapes: operands.map(([t]) => [...t.shape]) };
  }
  for (const [t, name] of operands) {
    if (!(t instanceof Tensor)) throw engineError('attn-not-tensor', { op, name });
    if (t.rank !== 2 && t.rank !== 3) throw engineError('attn-rank', { op, name, shape: t.shape });
  }
  const [first, firstName] = operands[0];
  for (const [t, name] of operands) {
    if (t.rank !== first.rank || (t.rank === 3 && t.shape[0] !== first.shape[0])) {
      throw engineError('attn-batch-mismatch', { op, first: firstName, firstShape: first.shape, name, shape: t.shape });
    }
  }
  const batched = first.rank === 3;
  return { N: batched ? first.shape[0] : 1, batched, shapes: operands.map(([t]) => t.shape.slice(batched ? 1 : 0)) };
}

/** The key-padding mask: [N, S] with a batch, [S] without; nonzero = a padded key nobody attends to. */
function checkPadMask(op: string, mask: Tensor | undefined, N: number, S: number, batched: boolean): Float32Array | null {
  if (mask === undefined) return null;
  const want = batched ? [N, S] : [S];
  if (mask.rank !== want.length || mask.shape.some((n, i) => n !== want[i])) {
    throw engineError('attn-mask-shape', { op, shape: mask.shape, want });
  }
  return mask.data;
}

interface SdpaRun extends SdpaResult {
  N: number;
}

function sdpaRun(q: Tensor, k: Tensor, v: Tensor, causal: boolean, padMask: Tensor | undefined, allowBatch: boolean): SdpaRun {
  const op = 'scaled_dot_product_attention';
  const { N, batched, shapes } = exampleShapes(
    op,
    [
      [q, 'q'],
      [k, 'k'],
      [v, 'v'],
    ],
    allowBatch,
  );
  const [qs, ks, vs] = shapes;
  const [L, d] = qs;
  const S = ks[0];
  if (ks[1] !== d) throw engineError('attn-qk-size', { op, q: qs, k: ks });
  if (vs[0] !== S) throw engineError('attn-kv-count', { op, keys: ks, values: vs });
  const dv = vs[1];
  const pad = checkPadMask(op, padMask, N, S, batched);
  checkWork(op, N * attentionWork(L, S, d, dv), ATTN_SMALLER);
  const lead = batched ? [N] : [];
  checkShape([...lead, L, S], 'attention weights');
  const W = allocate(N * L * S);
  const scores = allocate(N * L * S);
  const out = allocate(N * L * dv);
  const z = { L, S, d, dv };
  for (let n = 0; n < N; n++) {
    attendHead(
      z,
      { buf: q.data, off: n * L * d, ld: d },
      { buf: k.data, off: n * S * d, ld: d },
      { buf: v.data, off: n * S * dv, ld: dv },
      { causal, pad, padOff: n * S },
      W,
      n * L * S,
      { buf: out, off: n * L * dv, ld: dv },
      scores,
    );
  }
  return { N, output: new Tensor([...lead, L, dv], out), weights: new Tensor([...lead, L, S], W), scores: new Tensor([...lead, L, S], scores) };
}

/**
 * Scaled dot-product attention of q [L, d] over keys k [S, d] and values
 * v [S, dv], returning the output, the weights and the scaled scores.
 */
export function sdpa(q: Tensor, k: Tensor, v: Tensor, opts: { causal?: boolean } = {}): SdpaResult {
  const r = sdpaRun(q, k, v, opts.causal ?? false, undefined, false);
  return { output: r.output, weights: r.weights, scores: r.scores };
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
  N: number;
  batched: boolean;
  L: number;
  S: number;
  E: number;
  h: number;
  d: number;
}

function planMha(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions, allowBatch: boolean): MhaPlan {
  const op = 'multi_head_attention';
  const { N, batched, shapes } = exampleShapes(
    op,
    [
      [query, 'query'],
      [key, 'key'],
      [value, 'value'],
    ],
    allowBatch,
  );
  const [qs, ks, vs] = shapes;
  const [L, E] = qs;
  const S = ks[0];
  if (opts.embedDim !== undefined && opts.embedDim !== E) {
    throw engineError('mha-embed-mismatch', { op, embedDim: opts.embedDim, query: qs });
  }
  for (const [shape, name] of [
    [ks, 'key'],
    [vs, 'value'],
  ] as const) {
    if (shape[1] !== E) {
      throw engineError('mha-kv-width', { op, name, shape, query: qs });
    }
  }
  if (vs[0] !== S) {
    throw engineError('mha-kv-count', { op, keys: ks, values: vs });
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
  return { N, batched, L, S, E, h, d: E / h };
}

/** rows × (count·E) block = X · W[rowStart : rowStart + count·E]ᵀ + b[…]: one GEMM over every row of the batch. */
function project(x: Tensor, rows: number, E: number, W: Float32Array, b: Float32Array | undefined, rowStart: number, count: number): Float32Array {
  const n = count * E;
  const out = allocate(rows * n);
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

interface MhaRun extends MhaResult {
  saved: MhaSaved;
  /** Filled only when asked for (the trace). */
  scores: Float32Array | null;
}

/** The forward over a batch of N examples (N = 1 without a batch dimension). */
function mhaForward(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, plan: MhaPlan, causal: boolean, pad: Float32Array | null, keepScores: boolean): MhaRun {
  const { N, batched, L, S, E, h, d } = plan;
  checkWork('multi_head_attention', N * mhaWork(L, S, E, h), ATTN_SMALLER);
  const lead = batched ? [N] : [];
  checkShape([...lead, h, L, S], 'attention weights');
  const Wi = w.inProjWeight.data;
  const bi = w.inProjBias?.data;
  const rowsQ = N * L;
  const rowsK = N * S;
  let Qb: Block;
  let Kb: Block;
  let Vb: Block;
  let fused: MhaSaved['fused'] = 'none';
  const kvSame = sameValues(key, value);
  if (kvSame && sameValues(query, key)) {
    // Self-attention: one gemm makes Q, K and V side by side, [N·L, 3E].
    const qkv = project(query, rowsQ, E, Wi, bi, 0, 3);
    Qb = { buf: qkv, off: 0, ld: 3 * E };
    Kb = { buf: qkv, off: E, ld: 3 * E };
    Vb = { buf: qkv, off: 2 * E, ld: 3 * E };
    fused = 'qkv';
  } else {
    Qb = { buf: project(query, rowsQ, E, Wi, bi, 0, 1), off: 0, ld: E };
    if (kvSame) {
      const kv = project(key, rowsK, E, Wi, bi, E, 2);
      Kb = { buf: kv, off: 0, ld: 2 * E };
      Vb = { buf: kv, off: E, ld: 2 * E };
      fused = 'kv';
    } else {
      Kb = { buf: project(key, rowsK, E, Wi, bi, E, 1), off: 0, ld: E };
      Vb = { buf: project(value, rowsK, E, Wi, bi, 2 * E, 1), off: 0, ld: E };
    }
  }
  const weights = allocate(N * h * L * S);
  const scores = keepScores ? allocate(N * h * L * S) : null;
  const concat = allocate(rowsQ * E);
  const z = { L, S, d, dv: d };
  for (let n = 0; n < N; n++) {
    const mask: HeadMask = pad ? { causal, pad, padOff: n * S } : causal ? { causal, pad: null, padOff: 0 } : NO_MASK;
    for (let j = 0; j < h; j++) {
      const c = j * d;
      attendHead(
        z,
        at(Qb, n * L * Qb.ld + c),
        at(Kb, n * S * Kb.ld + c),
        at(Vb, n * S * Vb.ld + c),
        mask,
        weights,
        (n * h + j) * L * S,
        { buf: concat, off: n * L * E + c, ld: E },
        scores,
      );
    }
  }
  const out = allocate(rowsQ * E);
  gemm({ M: rowsQ, N: E, K: E, A: concat, lda: E, B: w.outProjWeight.data, ldb: E, transB: true, C: out, ldc: E });
  const bo = w.outProjBias?.data;
  if (bo) addRowBias(out, rowsQ, E, bo, 0);
  return {
    output: new Tensor([...lead, L, E], out),
    weights: new Tensor([...lead, h, L, S], weights),
    scores,
    saved: { N, L, S, E, h, d, Q: Qb, K: Kb, V: Vb, fused, concat },
  };
}

/** Every intermediate of one un-batched forward, copied out of the strided buffers for display. */
function traceOf(r: MhaRun): MhaTrace {
  const { L, S, E, h, d } = r.saved;
  const full = (b: Block, rows: number): Tensor => {
    const t = allocate(rows * E);
    for (let i = 0; i < rows; i++) t.set(b.buf.subarray(b.off + i * b.ld, b.off + i * b.ld + E), i * E);
    return new Tensor([rows, E], t);
  };
  const heads = (b: Block, rows: number): Tensor => {
    const t = allocate(h * rows * d);
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < rows; i++) {
        const src = b.off + i * b.ld + j * d;
        t.set(b.buf.subarray(src, src + d), (j * rows + i) * d);
      }
    }
    return new Tensor([h, rows, d], t);
  };
  const concatBlock: Block = { buf: r.saved.concat, off: 0, ld: E };
  return {
    output: r.output,
    weights: r.weights,
    q: full(r.saved.Q, L),
    k: full(r.saved.K, S),
    v: full(r.saved.V, S),
    qHeads: heads(r.saved.Q, L),
    kHeads: heads(r.saved.K, S),
    vHeads: heads(r.saved.V, S),
    scores: new Tensor([h, L, S], r.scores!),
    headOutputs: heads(concatBlock, L),
    concat: new Tensor([L, E], r.saved.concat),
  };
}

function mhaRun(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, opts: MhaOptions, trace: boolean): MhaResult | MhaTrace {
  const plan = planMha(query, key, value, w, opts, false);
  const r = mhaForward(query, key, value, w, plan, opts.causal ?? false, null, trace);
  return trace ? traceOf(r) : { output: r.output, weights: r.weights };
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

const PAD_MASK = 'key_padding_mask';

export const attentionOps: OpDef[] = [
  {
    name: 'scaled_dot_product_attention',
    summary: 'softmax(q kᵀ/√d + mask) · v for q [L,d], k [S,d], v [S,dv] (or with a leading batch N) → output, weights',
    inputs: [{ name: 'q' }, { name: 'k' }, { name: 'v' }, { name: PAD_MASK, optional: true }],
    attrs: ['causal'],
    outputs: ['output', 'weights'],
    run: (i, a) => {
      const r = sdpaRun(i.q, i.k, i.v, boolAttr(a, 'causal', false), i[PAD_MASK], true);
      return { output: r.output, weights: r.weights };
    },
    vjp: vjpSdpa,
    nonDifferentiable: [PAD_MASK],
  },
  {
    name: 'multi_head_attention',
    summary: 'torch.nn.MultiheadAttention: project Q, K, V, attend in num_heads heads, concat, out_proj ([L,E] or batch-first [N,L,E])',
    inputs: [
      { name: 'query' },
      { name: 'key' },
      { name: 'value' },
      { name: 'in_proj_weight' },
      { name: 'in_proj_bias', optional: true },
      { name: 'out_proj_weight' },
      { name: 'out_proj_bias', optional: true },
      { name: PAD_MASK, optional: true },
    ],
    attrs: ['embed_dim', 'num_heads', 'causal'],
    outputs: ['output', 'weights'],
    run: (i, a) => {
      const embedDim = a.embed_dim === undefined || a.embed_dim === null ? undefined : intAttr(a, 'embed_dim', { min: 1 });
      const numHeads = intAttr(a, 'num_heads', { min: 1 });
      const w: MhaWeights = { inProjWeight: i.in_proj_weight, inProjBias: i.in_proj_bias, outProjWeight: i.out_proj_weight, outProjBias: i.out_proj_bias };
      const plan = planMha(i.query, i.key, i.value, w, { numHeads, embedDim }, true);
      const pad = checkPadMask('multi_head_attention', i[PAD_MASK], plan.N, plan.S, plan.batched);
      const r = mhaForward(i.query, i.key, i.value, w, plan, boolAttr(a, 'causal', false), pad, false);
      return withSaved({ output: r.output, weights: r.weights }, r.saved);
    },
    vjp: vjpMha,
    nonDifferentiable: [PAD_MASK],
  },
];
