import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { gemm, gemmReference } from '../../src/engine/gemm.js';
import { GEMM_BASE, gemmCaseArbitrary, type GemmCase, gemmOperands } from '../helpers/gemm-cases.js';

function maxExcess(c: GemmCase): number {
  const { fast, ref } = gemmOperands(c);
  gemm(fast);
  gemmReference(ref);
  // Both sum in float64; they differ only by rounding order, float32 partial sums across KC slices.
  const tol = 1e-5 * Math.sqrt(c.K + 1) + 1e-6;
  let worst = 0;
  for (let i = 0; i < ref.C.length; i++) {
    const e = Math.abs(fast.C[i] - ref.C[i]) - tol * (1 + Math.abs(ref.C[i]));
    if (!(e <= 0)) worst = Math.max(worst, Number.isNaN(e) ? Infinity : e);
  }
  return worst;
}

const base = GEMM_BASE;

describe('gemm (blocked, packed) matches the naive reference', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 13, 7], // row vector (gemv path)
    [13, 1, 7], // column vector (gemv path)
    [3, 5, 7], // tiny (direct path)
    [4, 8, 300], // exactly one micro-tile, two KC slices
    [17, 19, 23], // primes, edge tiles
    [67, 131, 257], // primes, several MC blocks, K > KC
    [5, 1031, 11], // N > NC
    [70, 1030, 260], // every blocking level at once: M > MC, N > NC, K > KC
    [128, 128, 128],
  ];
  for (const [M, N, K] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`M=${M} N=${N} K=${K} transA=${transA} transB=${transB}`, () => {
          const big = M * N * K > 1e7;
          if (!big) expect(maxExcess({ ...base, M, N, K, transA, transB })).toBe(0);
          expect(maxExcess({ ...base, M, N, K, transA, transB, accumulate: true, padA: 3, padB: 1, padC: 5, aOffset: 7, bOffset: 2, cOffset: 11, seed: 5 })).toBe(0);
        });
      }
    }
  }

  it('random sizes, transposes, strides, offsets and accumulate (property)', () => {
    fc.assert(
      fc.property(
        gemmCaseArbitrary,
        (c) => maxExcess(c) === 0,
      ),
      { numRuns: 150, seed: 42 },
    );
  });

  it('K=0 gives C=0 (or leaves C unchanged when accumulating)', () => {
    const C = new Float32Array([1, 2, 3, 4]);
    gemm({ M: 2, N: 2, K: 0, A: new Float32Array(0), lda: 0, B: new Float32Array(0), ldb: 2, C, ldc: 2, accumulate: true });
    expect([...C]).toEqual([1, 2, 3, 4]);
    gemm({ M: 2, N: 2, K: 0, A: new Float32Array(0), lda: 0, B: new Float32Array(0), ldb: 2, C, ldc: 2 });
    expect([...C]).toEqual([0, 0, 0, 0]);
  });

  it('does not touch C outside the M×N block (stride gaps, before the offset, after the end)', () => {
    const M = 9;
    const N = 10;
    const K = 40;
    const ldc = 13;
    const C = new Float32Array(5 + M * ldc + 5).fill(7);
    const A = new Float32Array(M * K).fill(1);
    const B = new Float32Array(K * N).fill(1);
    gemm({ M, N, K, A, lda: K, B, ldb: N, C, cOffset: 5, ldc });
    for (let i = 0; i < C.length; i++) {
      const off = i - 5;
      const inside = off >= 0 && off < M * ldc && off % ldc < N;
      expect(C[i]).toBe(inside ? K : 7);
    }
  });

  it('propagates NaN like a plain product (0·NaN = NaN)', () => {
    for (const [M, N] of [[1, 3], [3, 1], [9, 9]]) {
      const K = 5;
      const A = new Float32Array(M * K);
      const B = new Float32Array(K * N);
      B[2] = NaN;
      const C = new Float32Array(M * N);
      gemm({ M, N, K, A, lda: K, B, ldb: N, C, ldc: N });
      expect(C.some(Number.isNaN)).toBe(true);
    }
  });
});

describe('gemm argument checks', () => {
  it('rejects a buffer too small for the given sizes and strides', () => {
    const A = new Float32Array(6);
    const B = new Float32Array(6);
    const C = new Float32Array(4);
    expect(() => gemm({ M: 2, N: 2, K: 4, A, lda: 4, B, ldb: 2, C, ldc: 2 })).toThrow(EngineError);
    expect(() => gemm({ M: 2, N: 2, K: 3, A, lda: 3, B, ldb: 2, C, ldc: 3 })).toThrow(/C needs/);
    expect(() => gemm({ M: 2, N: 2, K: 3, A, lda: 2, B, ldb: 2, C, ldc: 2 })).toThrow(/row stride 2 is smaller/);
  });
  it('rejects negative or fractional sizes', () => {
    const z = new Float32Array(16);
    expect(() => gemm({ M: -1, N: 2, K: 2, A: z, lda: 2, B: z, ldb: 2, C: z, ldc: 2 })).toThrow(/M=-1/);
    expect(() => gemm({ M: 2, N: 1.5, K: 2, A: z, lda: 2, B: z, ldb: 2, C: z, ldc: 2 })).toThrow(/N=1.5/);
  });
});
