/**
 * The WebAssembly SIMD GEMM (src/engine/kernels/wasm-gemm.ts, kernel in
 * src/engine/kernels/wasm/gemm.ts) against the naive float64 reference. The kernel
 * is loaded from the build (dist/engine/kernels.wasm; the test run's global setup
 * builds it), so these tests fail, not skip, when the build did not produce it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { gemm, gemmBackend, gemmReference, setGemmBackend, WASM_MIN_WORK } from '../../src/engine/gemm.js';
import { kernelsLocation, wasmGemm, wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { ROOT } from '../helpers/cli.js';
import { GEMM_BASE, gemmCaseArbitrary, type GemmCase, gemmOperands, withEngineEnv } from '../helpers/gemm-cases.js';
import { wasmProbeScript } from '../helpers/wasm-probe.js';

/**
 * How far the wasm result is outside float32 tolerance (0 = within). The kernel sums in
 * float32, so entry (i,j) may differ from the float64 reference by about K·ε·Σ|a||b|
 * (ε = 2⁻²⁴); any indexing or packing mistake is off by O(1) instead. Outside the M×N
 * block, C must be bit-for-bit untouched.
 */
function excess(c: GemmCase): number {
  const { fast, ref, absRef } = gemmOperands(c);
  expect(wasmGemm(fast)).toBe(true);
  gemmReference(ref);
  gemmReference(absRef);
  const co = c.cOffset;
  const ldc = fast.ldc;
  let worst = 0;
  for (let p = 0; p < ref.C.length; p++) {
    const off = p - co;
    const inside = off >= 0 && off < c.M * ldc && off % ldc < c.N;
    const tol = inside ? (c.K + 4) * 2 ** -24 * absRef.C[p] + 1e-30 : 0;
    const e = Math.abs(fast.C[p] - ref.C[p]) - tol;
    if (!(e <= 0)) worst = Math.max(worst, Number.isNaN(e) ? Infinity : e);
  }
  return worst;
}

const base = GEMM_BASE;

describe('the WebAssembly SIMD GEMM matches the reference', () => {
  it('loads from the build (SIMD validates on every Node the project supports)', () => {
    expect(wasmKernelStatus()).toEqual({ ok: true });
  });

  // The kernel's blocking: MR×NR = 4×8 register tile, KC = 256, MC = 128, NC = 2048.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 13, 7], // one row
    [13, 1, 7], // one column
    [1, 300, 64], // 1×N
    [9, 17, 1], // K = 1
    [4, 8, 300], // exactly one register tile, two KC slices (the first stores, the second adds)
    [6, 8, 300], // a full tile and a two-row edge (kernel2x8)
    [8, 16, 515], // whole tiles, three KC slices, K not a multiple of the packing's 4
    [7, 9, 5], // one past the tile both ways
    [17, 19, 23], // primes: edge tiles in both directions
    [121, 131, 257], // M < MC, K > KC, all edges
    [133, 131, 257], // M > MC, K > KC, all edges
    [5, 2049, 11], // N > NC
    [128, 128, 128],
  ];
  for (const [M, N, K] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`M=${M} N=${N} K=${K} transA=${transA} transB=${transB}`, () => {
          expect(excess({ ...base, M, N, K, transA, transB })).toBe(0);
          expect(excess({ ...base, M, N, K, transA, transB, accumulate: true, padA: 3, padB: 1, padC: 5, aOffset: 7, bOffset: 2, cOffset: 11, seed: 5 })).toBe(0);
        });
      }
    }
  }

  it('random sizes, transposes, strides, offsets and accumulate (property)', () => {
    fc.assert(
      fc.property(
        gemmCaseArbitrary,
        (c) => excess(c) === 0,
      ),
      { numRuns: 200 },
    );
  });

  it('K = 0 gives C = 0, or leaves C as it was when accumulating', () => {
    const C = new Float32Array([1, 2, 3, 4]);
    const none = new Float32Array(0);
    expect(wasmGemm({ M: 2, N: 2, K: 0, A: none, lda: 0, B: none, ldb: 2, C, ldc: 2, accumulate: true })).toBe(true);
    expect([...C]).toEqual([1, 2, 3, 4]);
    expect(wasmGemm({ M: 2, N: 2, K: 0, A: none, lda: 0, B: none, ldb: 2, C, ldc: 2 })).toBe(true);
    expect([...C]).toEqual([0, 0, 0, 0]);
  });

  it('propagates NaN like a plain product (0·NaN = NaN)', () => {
    const [M, N, K] = [9, 9, 5];
    const B = new Float32Array(K * N);
    B[2] = NaN;
    const C = new Float32Array(M * N);
    expect(wasmGemm({ M, N, K, A: new Float32Array(M * K), lda: K, B, ldb: N, C, ldc: N })).toBe(true);
    expect(Number.isNaN(C[2])).toBe(true);
    expect(C.filter(Number.isNaN).length).toBe(M);
  });

  it('a large product (copied into the copy area) and smaller ones after it agree', () => {
    expect(excess({ ...base, M: 300, N: 700, K: 300 })).toBe(0);
    expect(excess({ ...base, M: 10, N: 12, K: 9, transA: true, seed: 3 })).toBe(0);
  });
});

describe('gemm() under NNLEARN_ENGINE=wasm', () => {
  withEngineEnv('wasm');

  it('sends large products to the kernel: the result is the kernel’s float32 sum, bit for bit', () => {
    // K = 200 < the JS path's KC: JS rounds each float64 sum once and equals the reference;
    // the kernel's float32 sums differ from it in the last bits somewhere.
    const c: GemmCase = { ...base, M: 40, N: 40, K: 200, seed: 9 };
    expect(c.M * c.N * c.K).toBeGreaterThanOrEqual(WASM_MIN_WORK);
    const viaGemm = gemmOperands(c);
    const direct = gemmOperands(c);
    gemm(viaGemm.fast);
    wasmGemm(direct.fast);
    gemmReference(direct.ref);
    expect(viaGemm.fast.C).toEqual(direct.fast.C);
    expect(viaGemm.fast.C).not.toEqual(direct.ref.C);
  });

  it('keeps tiny products and column vectors on the JS path (its exact float64 sums)', () => {
    for (const [M, N, K] of [[4, 4, 4], [512, 1, 40]]) {
      const { fast, ref } = gemmOperands({ ...base, M, N, K, seed: 2 });
      gemm(fast);
      gemmReference(ref);
      expect(fast.C).toEqual(ref.C);
    }
  });
});

describe('setGemmBackend chooses the back end at run time', () => {
  const before = process.env.NNLEARN_ENGINE;
  afterAll(() => {
    setGemmBackend(undefined);
    if (before === undefined) delete process.env.NNLEARN_ENGINE;
    else process.env.NNLEARN_ENGINE = before;
  });

  // As above: K = 200 < the JS path's KC, so JS equals the float64 reference bit for bit and
  // the kernel's float32 sums do not; which of the two gemm() returned shows which path ran.
  const c: GemmCase = { ...base, M: 40, N: 40, K: 200, seed: 11 };
  const path = (): 'js' | 'wasm' => {
    const viaGemm = gemmOperands(c);
    const direct = gemmOperands(c);
    gemm(viaGemm.fast);
    wasmGemm(direct.fast);
    gemmReference(direct.ref);
    expect(direct.fast.C).not.toEqual(direct.ref.C);
    if (viaGemm.fast.C.every((v, i) => v === direct.ref.C[i])) return 'js';
    expect(viaGemm.fast.C).toEqual(direct.fast.C);
    return 'wasm';
  };

  it('switches between the two in one process, whatever NNLEARN_ENGINE says', () => {
    process.env.NNLEARN_ENGINE = 'js';
    setGemmBackend('wasm');
    expect(gemmBackend()).toBe('wasm');
    expect(path()).toBe('wasm');
    setGemmBackend('js');
    expect(gemmBackend()).toBe('js');
    expect(path()).toBe('js');
    setGemmBackend('wasm');
    expect(path()).toBe('wasm');
  });

  it('undefined goes back to NNLEARN_ENGINE, read again on the next product', () => {
    setGemmBackend('js');
    process.env.NNLEARN_ENGINE = 'wasm';
    setGemmBackend(undefined);
    expect(path()).toBe('wasm');
    process.env.NNLEARN_ENGINE = 'js';
    setGemmBackend(undefined);
    expect(gemmBackend()).toBe('js');
    expect(path()).toBe('js');
  });
});

describe('where the kernels are found', () => {
  const built = join(ROOT, 'dist', 'engine', 'kernels.wasm');

  it('from the sources and from any file of the build: <package root>/dist/engine/kernels.wasm', () => {
    expect(kernelsLocation()).toBe(built);
    for (const f of ['src/engine/kernels/wasm-gemm.ts', 'dist/engine/index.js', 'dist/chunks/chunk-X.js', 'dist/cli.js']) {
      expect(kernelsLocation(pathToFileURL(join(ROOT, f)).href)).toBe(built);
    }
  });

  it('the built engine (dist/engine/index.js) loads them by default and under NNLEARN_ENGINE=wasm, never under js', () => {
    const script = wasmProbeScript(pathToFileURL(join(ROOT, 'dist', 'engine', 'index.js')).href);
    const run = (engine: string | undefined): number => {
      const env = { ...process.env };
      delete env.NNLEARN_ENGINE;
      if (engine) env.NNLEARN_ENGINE = engine;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      return Number(r.stdout.trim());
    };
    expect(run(undefined)).toBeGreaterThan(0);
    expect(run('js')).toBe(0);
    expect(run('wasm')).toBeGreaterThan(0);
  });
});
