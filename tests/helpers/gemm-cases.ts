/**
 * GEMM test cases shared by the JS GEMM's tests and the WebAssembly kernel's: a case's
 * sizes, transposes, strides and offsets; its operands (with room around the block, so a
 * write outside it shows); the fast-check arbitrary that draws cases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import type { GemmArgs } from '../../src/engine/gemm.js';
import { mulberry32 } from '../../src/engine/random.js';

export interface GemmCase {
  M: number;
  N: number;
  K: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
  /** extra row stride beyond the minimum, and leading offsets */
  padA: number;
  padB: number;
  padC: number;
  aOffset: number;
  bOffset: number;
  cOffset: number;
  seed: number;
}

/** Everything but the sizes: no transposes, tight strides, no offsets. */
export const GEMM_BASE: Omit<GemmCase, 'M' | 'N' | 'K'> = { transA: false, transB: false, accumulate: false, padA: 0, padB: 0, padC: 0, aOffset: 0, bOffset: 0, cOffset: 0, seed: 1 };

/** The same case with every option turned on: accumulate, padded strides, offsets. */
export const GEMM_ALL_OPTIONS = { accumulate: true, padA: 3, padB: 1, padC: 5, aOffset: 7, bOffset: 2, cOffset: 11, seed: 5 } as const;

function randArray(n: number, r: () => number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r() * 2 - 1;
  return a;
}

/**
 * Operands for a case: `fast` and `ref` share A and B and start from the same C;
 * `absRef` holds |A|, |B|, |C| (Σ|a|·|b| is the scale of each entry's rounding error).
 */
export function gemmOperands(c: GemmCase): { fast: GemmArgs; ref: GemmArgs; absRef: GemmArgs } {
  const r = mulberry32(c.seed);
  const aRows = c.transA ? c.K : c.M;
  const aCols = c.transA ? c.M : c.K;
  const bRows = c.transB ? c.N : c.K;
  const bCols = c.transB ? c.K : c.N;
  const lda = aCols + c.padA;
  const ldb = bCols + c.padB;
  const ldc = c.N + c.padC;
  const A = randArray(c.aOffset + aRows * lda + 3, r);
  const B = randArray(c.bOffset + bRows * ldb + 3, r);
  const C0 = randArray(c.cOffset + c.M * ldc + 3, r);
  const common = { M: c.M, N: c.N, K: c.K, A, B, lda, ldb, ldc, aOffset: c.aOffset, bOffset: c.bOffset, cOffset: c.cOffset, transA: c.transA, transB: c.transB, accumulate: c.accumulate };
  const absRef = { ...common, A: A.map(Math.abs), B: B.map(Math.abs), C: C0.map(Math.abs) };
  return { fast: { ...common, C: new Float32Array(C0) }, ref: { ...common, C: new Float32Array(C0) }, absRef };
}

/** Random sizes (M, N ≤ 70, K ≤ 300), transposes, strides, offsets and accumulate. */
export const gemmCaseArbitrary: fc.Arbitrary<GemmCase> = fc.record({
  M: fc.integer({ min: 1, max: 70 }),
  N: fc.integer({ min: 1, max: 70 }),
  K: fc.integer({ min: 1, max: 300 }),
  transA: fc.boolean(),
  transB: fc.boolean(),
  accumulate: fc.boolean(),
  padA: fc.integer({ min: 0, max: 4 }),
  padB: fc.integer({ min: 0, max: 4 }),
  padC: fc.integer({ min: 0, max: 4 }),
  aOffset: fc.integer({ min: 0, max: 9 }),
  bOffset: fc.integer({ min: 0, max: 9 }),
  cOffset: fc.integer({ min: 0, max: 9 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

/** Sets NNLEARN_ENGINE for a describe block and restores what it was afterwards. */
export function withEngineEnv(value: string): void {
  const before = process.env.NNLEARN_ENGINE;
  beforeAll(() => {
    process.env.NNLEARN_ENGINE = value;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.NNLEARN_ENGINE;
    else process.env.NNLEARN_ENGINE = before;
  });
}
