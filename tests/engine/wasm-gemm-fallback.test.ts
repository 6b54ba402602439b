/**
 * When the kernels cannot be loaded (here: reading the .wasm fails), NNLEARN_ENGINE=wasm
 * still computes, on the JS path, without throwing.
 */
import { describe, expect, it, vi } from 'vitest';
import { gemm, gemmReference } from '../../src/engine/gemm.js';
import { wasmGemm, wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { mulberry32 } from '../../src/engine/random.js';
import { withEngineEnv } from '../helpers/gemm-cases.js';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    readFileSync: (...args: Parameters<typeof fs.readFileSync>) => {
      if (String(args[0]).endsWith('kernels.wasm')) throw new Error('simulated: kernels.wasm unreadable');
      return fs.readFileSync(...args);
    },
  };
});

describe('the wasm engine without its kernels', () => {
  withEngineEnv('wasm');

  it('falls back to the JS path: same numbers as the reference, no error', () => {
    const r = mulberry32(4);
    const [M, N, K] = [40, 40, 200];
    const A = new Float32Array(M * K).map(() => r() - 0.5);
    const B = new Float32Array(K * N).map(() => r() - 0.5);
    const C = new Float32Array(M * N);
    const ref = new Float32Array(M * N);
    expect(() => gemm({ M, N, K, A, lda: K, B, ldb: N, C, ldc: N })).not.toThrow();
    gemmReference({ M, N, K, A, lda: K, B, ldb: N, C: ref, ldc: N });
    // K < the JS path's KC: it rounds each float64 sum once, exactly as the reference.
    expect(C).toEqual(ref);
  });

  it('reports why, and wasmGemm declines without touching C', () => {
    expect(wasmKernelStatus()).toEqual({ ok: false, reason: 'simulated: kernels.wasm unreadable' });
    const C = new Float32Array(4).fill(7);
    expect(wasmGemm({ M: 2, N: 2, K: 2, A: new Float32Array(4), lda: 2, B: new Float32Array(4), ldb: 2, C, ldc: 2 })).toBe(false);
    expect([...C]).toEqual([7, 7, 7, 7]);
  });
});
