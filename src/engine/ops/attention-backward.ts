/**
 * The vjps of scaled_dot_product_attention and multi_head_attention. The
 * forward (attention.ts) saves the projected Q, K, V and the concatenated head
 * outputs; the backward reverses it with the same batched GEMMs:
 *   out = concat·Woᵀ + bo   →  dWo = dOutᵀ·concat, dbo = Σ dOut, dConcat = dOut·Wo
 *   every (example, head)   →  attendHeadBackward on strided views
 *   Q|K|V = X·Wiᵀ + bi      →  dWi = d(QKV)ᵀ·X, dbi = Σ d(QKV), dX = d(QKV)·Wi
 * each over all N·L rows at once.
 */
import { gemm } from '../gemm.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { at, attendHeadBackward, type Block } from './attention-head.js';

export interface AttnDims {
  /** Examples (1 without a batch dimension). */
  N: number;
  L: number;
  S: number;
}

export interface MhaSaved extends AttnDims {
  E: number;
  h: number;
  d: number;
  /** Where the projected Q, K, V live: one [N·L, 3E] buffer for self-attention, else their own. */
  Q: Block;
  K: Block;
  V: Block;
  /** 'qkv' when one GEMM made Q, K and V from the same values (self-attention). */
  fused: 'qkv' | 'kv' | 'none';
  /** [N·L, E]: the heads side by side, the input of out_proj. */
  concat: Float32Array;
}

/** Σ over rows of a rows × n block (float64), added into out[outOff …]. */
function addColumnSums(src: Float32Array, off: number, ld: number, rows: number, n: number, out: Float64Array, outOff: number): void {
  for (let r = 0; r < rows; r++) {
    const o = off + r * ld;
    for (let j = 0; j < n; j++) out[outOff + j] += src[o + j];
  }
}

function sdpaVjp(dims: AttnDims, q: Tensor, k: Tensor, v: Tensor, P: Float32Array, dOut: Float32Array, dWeights: Float32Array): Record<string, Tensor> {
  const { N, L, S } = dims;
  const d = q.shape[q.rank - 1];
  const dv = v.shape[v.rank - 1];
  const dq = allocate(q.size);
  const dk = allocate(k.size);
  const dvv = allocate(v.size);
  const scratch = allocate(L * S);
  const z = { L, S, d, dv };
  for (let n = 0; n < N; n++) {
    attendHeadBackward(
      z,
      { buf: q.data, off: n * L * d, ld: d },
      { buf: k.data, off: n * S * d, ld: d },
      { buf: v.data, off: n * S * dv, ld: dv },
      P,
      n * L * S,
      { buf: dOut, off: n * L * dv, ld: dv },
      dWeights,
      { buf: dq, off: n * L * d, ld: d },
      { buf: dk, off: n * S * d, ld: d },
      { buf: dvv, off: n * S * dv, ld: dv },
      scratch,
    );
  }
  return { q: new Tensor(q.shape, dq), k: new Tensor(k.shape, dk), v: new Tensor(v.shape, dvv) };
}

export const vjpSdpa: OpDef['vjp'] = (ctx, grads) => {
  const { q, k, v } = ctx.inputs;
  const batched = q.rank === 3;
  const dims = { N: batched ? q.shape[0] : 1, L: q.shape[q.rank - 2], S: k.shape[k.rank - 2] };
  return sdpaVjp(dims, q, k, v, ctx.outputs.weights.data, grads.output.data, grads.weights.data);
};

export const vjpMha: OpDef['vjp'] = (ctx, grads) => {
  const s = ctx.saved as MhaSaved;
  const { N, L, S, E, h, d } = s;
  const { query, key, value } = ctx.inputs;
  const Wo = ctx.inputs.out_proj_weight;
  const Wi = ctx.inputs.in_proj_weight.data;
  const dOut = grads.output.data;
  const rowsQ = N * L;
  const rowsK = N * S;
  const result: Record<string, Tensor> = {};

  // Output projection.
  const dWo = allocate(E * E);
  gemm({ M: E, N: E, K: rowsQ, A: dOut, lda: E, transA: true, B: s.concat, ldb: E, C: dWo, ldc: E });
  result.out_proj_weight = new Tensor(Wo.shape, dWo);
  if (ctx.inputs.out_proj_bias) {
    const dbo = new Float64Array(E);
    addColumnSums(dOut, 0, E, rowsQ, E, dbo, 0);
    result.out_proj_bias = new Tensor([E], Float32Array.from(dbo));
  }
  const dConcat = allocate(rowsQ * E);
  gemm({ M: rowsQ, N: E, K: E, A: dOut, lda: E, B: Wo.data, ldb: E, C: dConcat, ldc: E });

  // Heads: gradients land in buffers laid out like the forward's Q, K, V.
  const gradBufs = new Map<Float32Array, Float32Array>();
  const gradOf = (b: Block): Block => {
    let g = gradBufs.get(b.buf);
    if (!g) gradBufs.set(b.buf, (g = allocate(b.buf.length)));
    return { buf: g, off: b.off, ld: b.ld };
  };
  const dQ = gradOf(s.Q);
  const dK = gradOf(s.K);
  const dV = gradOf(s.V);
  const P = ctx.outputs.weights.data;
  const dP = grads.weights.data;
  const scratch = allocate(L * S);
  const z = { L, S, d, dv: d };
  for (let n = 0; n < N; n++) {
    const q0 = n * L;
    const k0 = n * S;
    for (let j = 0; j < h; j++) {
      const c = j * d;
      attendHeadBackward(
        z,
        at(s.Q, q0 * s.Q.ld + c),
        at(s.K, k0 * s.K.ld + c),
        at(s.V, k0 * s.V.ld + c),
        P,
        (n * h + j) * L * S,
        { buf: dConcat, off: q0 * E + c, ld: E },
        dP,
        at(dQ, q0 * dQ.ld + c),
        at(dK, k0 * dK.ld + c),
        at(dV, k0 * dV.ld + c),
        scratch,
      );
    }
  }

  // Input projection: rows 0:E of in_proj make Q, E:2E K, 2E:3E V.
  const dWi = allocate(3 * E * E);
  const dbi = new Float64Array(3 * E);
  if (s.fused === 'qkv') {
    // Q, K, V all came from the values of `query`: one GEMM for the whole weight.
    gemm({ M: 3 * E, N: E, K: rowsQ, A: dQ.buf, lda: 3 * E, transA: true, B: query.data, ldb: E, C: dWi, ldc: E });
    addColumnSums(dQ.buf, 0, 3 * E, rowsQ, 3 * E, dbi, 0);
    if (query === key && key === value) {
      // One tensor used three times: its gradient is the sum of the three, one GEMM;
      // returning it once (for "query") gives backward() exactly that sum.
      const dX = allocate(query.size);
      gemm({ M: rowsQ, N: E, K: 3 * E, A: dQ.buf, lda: 3 * E, B: Wi, ldb: E, C: dX, ldc: E });
      result.query = new Tensor(query.shape, dX);
    }
  } else {
    const parts: [Block, Tensor, number][] = [
      [dQ, query, rowsQ],
      [dK, key, rowsK],
      [dV, value, rowsK],
    ];
    parts.forEach(([g, x, rows], p) => {
      gemm({ M: E, N: E, K: rows, A: g.buf, aOffset: g.off, lda: g.ld, transA: true, B: x.data, ldb: E, C: dWi, cOffset: p * E * E, ldc: E });
      addColumnSums(g.buf, g.off, g.ld, rows, E, dbi, p * E);
    });
  }
  if (!result.query) {
    const names = ['query', 'key', 'value'] as const;
    [dQ, dK, dV].forEach((g, p) => {
      const x = ctx.inputs[names[p]];
      const dX = allocate(x.size);
      gemm({ M: p === 0 ? rowsQ : rowsK, N: E, K: E, A: g.buf, aOffset: g.off, lda: g.ld, B: Wi, bOffset: p * E * E, ldb: E, C: dX, ldc: E });
      result[names[p]] = new Tensor(x.shape, dX);
    });
  }
  result.in_proj_weight = new Tensor([3 * E, E], dWi);
  if (ctx.inputs.in_proj_bias) result.in_proj_bias = new Tensor([3 * E], Float32Array.from(dbi));
  return result;
};
