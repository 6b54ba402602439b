/**
 * The arguments of every GEMM in the engine (the JS one in gemm.ts, the WebAssembly one in
 * kernels/wasm-gemm.ts), in a file of its own so that both can import it one way:
 *   C[M×N] (+)= op(A)[M×K] · op(B)[K×N], row strides lda/ldb/ldc, offsets into each buffer.
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
