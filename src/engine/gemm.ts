/**
 * General matrix multiply on row-major float32 buffers:
 *   C[M×N] (+)= op(A)[M×K] · op(B)[K×N]
 * where op(A) is A or Aᵀ (transA) and op(B) is B or Bᵀ (transB).
 * `lda`, `ldb`, `ldc` are row strides; offsets let callers multiply sub-blocks
 * of larger buffers without copying.
 *
 * This is the single hot kernel under conv2d (via im2col), linear, LSTM and
 * attention, so it is the one place to make fast.
 */
export interface GemmArgs {
  M: number;
  N: number;
  K: number;
  A: Float32Array;
  aOffset?: number;
  lda: number;
  transA?: boolean;
  B: Float32Array;
  bOffset?: number;
  ldb: number;
  transB?: boolean;
  C: Float32Array;
  cOffset?: number;
  ldc: number;
  /** When true, C += A·B; otherwise C = A·B. */
  accumulate?: boolean;
}

/** Reference implementation (correct, not fast); replaced by the blocked kernel. */
export function gemm(g: GemmArgs): void {
  const { M, N, K, A, B, C, lda, ldb, ldc } = g;
  const ao = g.aOffset ?? 0;
  const bo = g.bOffset ?? 0;
  const co = g.cOffset ?? 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = g.transA ? A[ao + k * lda + i] : A[ao + i * lda + k];
        const b = g.transB ? B[bo + j * ldb + k] : B[bo + k * ldb + j];
        s += a * b;
      }
      C[co + i * ldc + j] = g.accumulate ? C[co + i * ldc + j] + s : s;
    }
  }
}
