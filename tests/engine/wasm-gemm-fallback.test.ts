/**
 * When the kernels cannot be loaded (here: reading the .wasm fails), NNLEARN_ENGINE=wasm
 * still computes, on the JS path, without throwing.
 */
import { describe, expect, it, vi } from 'vitest';
import { gemm, gemmReference, setGemmBackend } from '../../src/engine/gemm.js';
import { wasmConv2d, wasmConv2dBackward } from '../../src/engine/kernels/wasm-conv.js';
import { wasmGemm, wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { conv2d, conv2dBackward, conv2dGeometry } from '../../src/engine/ops/conv.js';
import { mulberry32 } from '../../src/engine/random.js';
import { Tensor } from '../../src/engine/tensor.js';
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

  it('conv2d and its backward run the JS path: the same numbers as with the JS back end', () => {
    const r = mulberry32(6);
    const x = new Tensor([2, 3, 7, 7], new Float32Array(294).map(() => r() - 0.5));
    const w = new Tensor([4, 3, 3, 3], new Float32Array(108).map(() => r() - 0.5));
    const b = new Tensor([4], new Float32Array(4).map(() => r() - 0.5));
    const dy = new Tensor([2, 4, 7, 7], new Float32Array(392).map(() => r() - 0.5));
    const opts = { padding: 1 };
    const y = conv2d(x, w, b, opts);
    const grads = conv2dBackward(x, w, b, dy, opts);
    setGemmBackend('js');
    try {
      expect(y.data).toEqual(conv2d(x, w, b, opts).data);
      const js = conv2dBackward(x, w, b, dy, opts);
      expect(grads.gradInput.data).toEqual(js.gradInput.data);
      expect(grads.gradWeight.data).toEqual(js.gradWeight.data);
    } finally {
      setGemmBackend(undefined);
    }
    // The kernels' entry points decline without writing.
    const g = conv2dGeometry(x.shape, w.shape, b.shape, opts);
    const out = new Float32Array(392 + 294 + 108).fill(7);
    expect(wasmConv2d(g, x.data, w.data, b.data, out.subarray(0, 392))).toBe(false);
    expect(wasmConv2dBackward(g, x.data, w.data, dy.data, out.subarray(392, 686), out.subarray(686), { input: true, weight: true })).toBe(false);
    expect(out.every((v) => v === 7)).toBe(true);
  });
});
