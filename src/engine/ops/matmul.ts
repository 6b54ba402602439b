/**
 * Batched matrix product for autograd: a [..., M, K] · b [..., K, N] → [..., M, N].
 * b may also be a single matrix [K, N] shared by every batch entry (then its
 * gradient sums over the batch). The 2-D `matmul` of linear.ts stays the
 * un-batched function lessons call.
 */
import { checkWork, WORK_COST } from '../budget.js';
import { gemm } from '../gemm.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';

interface MatmulDims {
  batch: number;
  M: number;
  K: number;
  N: number;
  shared: boolean;
  outShape: number[];
}

function matmulDims(a: Tensor, b: Tensor): MatmulDims {
  if (a.rank < 2 || b.rank < 2) throw engineError('bmm-rank', { a: a.shape, b: b.shape });
  const [M, K] = a.shape.slice(-2);
  const [K2, N] = b.shape.slice(-2);
  const lead = a.shape.slice(0, -2);
  const shared = b.rank === 2;
  if (K !== K2 || (!shared && (b.rank !== a.rank || b.shape.slice(0, -2).some((n, i) => n !== lead[i])))) {
    throw engineError('bmm-shapes', { a: a.shape, b: b.shape });
  }
  const batch = lead.reduce((x, y) => x * y, 1);
  return { batch, M, K, N, shared, outShape: [...lead, M, N] };
}

export function batchedMatmul(a: Tensor, b: Tensor): Tensor {
  const d = matmulDims(a, b);
  checkWork('matmul', d.batch * d.M * d.N * d.K * WORK_COST.gemm, { en: 'use smaller matrices', zh: '使用更小的矩阵' });
  const out = new Tensor(d.outShape);
  if (d.shared) {
    // One GEMM over all batch rows at once: [batch·M, K] · [K, N].
    gemm({ M: d.batch * d.M, N: d.N, K: d.K, A: a.data, lda: d.K, B: b.data, ldb: d.N, C: out.data, ldc: d.N });
    return out;
  }
  for (let i = 0; i < d.batch; i++) {
    gemm({
      M: d.M, N: d.N, K: d.K,
      A: a.data, aOffset: i * d.M * d.K, lda: d.K,
      B: b.data, bOffset: i * d.K * d.N, ldb: d.N,
      C: out.data, cOffset: i * d.M * d.N, ldc: d.N,
    });
  }
  return out;
}

export const matmulOps: OpDef[] = [
  {
    name: 'matmul',
    summary: 'a [..., M, K] · b [..., K, N] (or b [K, N] shared) → [..., M, N]',
    inputs: [{ name: 'a' }, { name: 'b' }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: batchedMatmul(i.a, i.b) }),
    // dA = dC · Bᵀ, dB = Aᵀ · dC (summed over the batch when B is shared)
    vjp: ({ inputs: { a, b } }, { output: g }) => {
      const d = matmulDims(a, b);
      const ga = new Tensor(a.shape);
      const gb = new Tensor(b.shape);
      if (d.shared) {
        const rows = d.batch * d.M;
        gemm({ M: rows, N: d.K, K: d.N, A: g.data, lda: d.N, B: b.data, ldb: d.N, transB: true, C: ga.data, ldc: d.K });
        gemm({ M: d.K, N: d.N, K: rows, A: a.data, lda: d.K, transA: true, B: g.data, ldb: d.N, C: gb.data, ldc: d.N });
        return { a: ga, b: gb };
      }
      for (let i = 0; i < d.batch; i++) {
        const ao = i * d.M * d.K;
        const bo = i * d.K * d.N;
        const go = i * d.M * d.N;
        gemm({ M: d.M, N: d.K, K: d.N, A: g.data, aOffset: go, lda: d.N, B: b.data, bOffset: bo, ldb: d.N, transB: true, C: ga.data, cOffset: ao, ldc: d.K });
        gemm({ M: d.K, N: d.N, K: d.M, A: a.data, aOffset: ao, lda: d.K, transA: true, B: g.data, bOffset: go, ldb: d.N, C: gb.data, cOffset: bo, ldc: d.N });
      }
      return { a: ga, b: gb };
    },
  },
];
