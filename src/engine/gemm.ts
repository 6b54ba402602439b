/**
 * General matrix multiply on row-major float32 buffers:
 *   C[M×N] (+)= op(A)[M×K] · op(B)[K×N]
 * where op(A) is A or Aᵀ (transA) and op(B) is B or Bᵀ (transB).
 * `lda`, `ldb`, `ldc` are row strides; offsets let callers multiply sub-blocks
 * of larger buffers without copying.
 *
 * This is the single hot kernel under conv2d (via im2col), linear, LSTM and
 * attention, so it is the one place to make fast. The structure is the
 * classic GotoBLAS / BLIS one, written for a JIT instead of for SIMD:
 *
 *   for each NC-wide column block of op(B)
 *     for each KC-deep slice of the shared dimension
 *       pack the KC×NC block of op(B) into NR-wide column panels
 *       for each MC-tall row block of op(A)
 *         pack the MC×KC block of op(A) into MR-tall row panels
 *         for each NR panel, for each MR panel: the MR×NR micro-kernel
 *
 * Packing turns every access pattern (transposed or not, any stride) into one
 * contiguous stream, so the micro-kernel is a single monomorphic loop whose
 * 4×8 accumulators live in plain local variables (doubles, which TurboFan
 * keeps in registers or on the stack, never on the heap). Packing buffers are
 * module-level and only grow. Products accumulate in float64 within a KC
 * slice, so results are at least as accurate as a float32 BLAS.
 *
 * Matrix–vector products (M = 1 or N = 1, e.g. one LSTM step) and tiny
 * products skip packing: there the copying would cost more than it saves.
 *
 * C must not overlap A or B.
 *
 * By default, products of at least WASM_MIN_WORK multiply-adds run the WebAssembly SIMD
 * kernel instead (kernels/wasm-gemm.ts), falling back to this JS path when it cannot load;
 * NNLEARN_ENGINE=js keeps every product here (for comparison, and as the fallback).
 */
import { engineError } from './messages.js';
import type { GemmArgs } from './gemm-args.js';
import { wasmGemm } from './kernels/wasm-gemm.js';
import { engineChoice, type GemmBackend } from './backend-choice.js';

export type { GemmArgs } from './gemm-args.js';

/** Micro-tile: MR rows of op(A) times NR columns of op(B). The kernel below is written for 4×8. */
const MR = 4;
const NR = 8;
/** Cache blocking (elements). KC×NR floats of B (8 KiB) stay in L1 while MC×KC of A (64 KiB) stays in L2. */
const KC = 256;
const MC = 64;
const NC = 1024;
/** Products with at most this many multiply-adds run the direct loop (no packing). */
const SMALL = 4096;

/**
 * Smallest M·N·K sent to the WebAssembly kernel (copies in and out included). Measured on
 * this machine: the kernel is already ~4× faster than JS at 12³ and ~6× from 64³ up, so the
 * bound only keeps the tiniest products (a few scalars' worth) from crossing at all.
 * Column vectors (N = 1) stay in JS: its gemv beats the tiled kernel there (512×1×512: 0.65×).
 */
export const WASM_MIN_WORK = 4096;

export type { GemmBackend } from './backend-choice.js';

let backend: GemmBackend | undefined;
/** NNLEARN_ENGINE's choice, read once on the first large product (not at import time), unless set. */
function wasmWanted(): boolean {
  backend ??= engineChoice(globalThis.process?.env?.NNLEARN_ENGINE).backend;
  return backend === 'wasm';
}

/** The GEMM back end in force (NNLEARN_ENGINE's unless setGemmBackend chose one). */
export function gemmBackend(): GemmBackend {
  return wasmWanted() ? 'wasm' : 'js';
}

/**
 * Chooses the GEMM back end at run time, e.g. so a benchmark times both in one process;
 * undefined goes back to NNLEARN_ENGINE's choice. 'wasm' still falls back to JS per call
 * when the kernels cannot load.
 */
export function setGemmBackend(b: GemmBackend | undefined): void {
  backend = b;
}

let packA = new Float32Array(MC * KC);
let packB = new Float32Array(KC * NC);
const edgeTile = new Float32Array(MR * NR);
let vecTmp = new Float64Array(256);

function checkOperand(operand: string, len: number, off: number, rows: number, cols: number, ld: number): void {
  if (rows === 0 || cols === 0) return;
  if (!Number.isInteger(ld) || (rows > 1 && ld < cols)) throw engineError('gemm-stride-small', { operand, ld, cols });
  const last = off + (rows - 1) * ld + cols - 1;
  if (last >= len) {
    throw engineError('gemm-buffer-short', { operand, need: last + 1, rows, cols, ld, offset: off, len });
  }
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw engineError('gemm-bad-count', { name, v });
}

function checkArgs(g: GemmArgs, ao: number, bo: number, co: number): void {
  checkCount('M', g.M);
  checkCount('N', g.N);
  checkCount('K', g.K);
  checkCount('aOffset', ao);
  checkCount('bOffset', bo);
  checkCount('cOffset', co);
  const tA = g.transA === true;
  const tB = g.transB === true;
  checkOperand('A', g.A.length, ao, tA ? g.K : g.M, tA ? g.M : g.K, g.lda);
  checkOperand('B', g.B.length, bo, tB ? g.N : g.K, tB ? g.K : g.N, g.ldb);
  checkOperand('C', g.C.length, co, g.M, g.N, g.ldc);
}

export function gemm(g: GemmArgs): void {
  const M = g.M;
  const N = g.N;
  const K = g.K;
  const ao = g.aOffset ?? 0;
  const bo = g.bOffset ?? 0;
  const co = g.cOffset ?? 0;
  const transA = g.transA === true;
  const transB = g.transB === true;
  const accumulate = g.accumulate === true;
  checkArgs(g, ao, bo, co);
  if (M === 0 || N === 0) return;
  const C = g.C;
  const ldc = g.ldc;
  if (K === 0) {
    if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, co + i * ldc, co + i * ldc + N);
    return;
  }
  if (N > 1 && M * N * K >= WASM_MIN_WORK && wasmWanted() && wasmGemm(g)) return;
  // Strides of op(A)[i,k] and op(B)[k,j] in their buffers.
  const sAi = transA ? 1 : g.lda;
  const sAk = transA ? g.lda : 1;
  const sBk = transB ? 1 : g.ldb;
  const sBj = transB ? g.ldb : 1;
  if (N === 1) {
    // y[i] = Σ_k op(A)[i,k] · x[k], x = the single column of op(B)
    gemv(M, K, g.A, ao, sAi, sAk, g.B, bo, sBk, C, co, ldc, accumulate);
    return;
  }
  if (M === 1) {
    // y[j] = Σ_k op(B)[k,j] · x[k], x = the single row of op(A)
    gemv(N, K, g.B, bo, sBj, sBk, g.A, ao, sAk, C, co, 1, accumulate);
    return;
  }
  if (M * N * K <= SMALL) {
    gemmDirect(M, N, K, g.A, ao, sAi, sAk, g.B, bo, sBk, sBj, C, co, ldc, accumulate);
    return;
  }
  gemmBlocked(M, N, K, g.A, ao, g.lda, transA, g.B, bo, g.ldb, transB, C, co, ldc, accumulate);
}

/** Straightforward triple loop over strided operands (float64 sums). */
function gemmDirect(
  M: number, N: number, K: number,
  A: Float32Array, ao: number, sAi: number, sAk: number,
  B: Float32Array, bo: number, sBk: number, sBj: number,
  C: Float32Array, co: number, ldc: number, accumulate: boolean,
): void {
  for (let i = 0; i < M; i++) {
    const ai = ao + i * sAi;
    const ci = co + i * ldc;
    for (let j = 0; j < N; j++) {
      let s = 0;
      let pa = ai;
      let pb = bo + j * sBj;
      for (let k = 0; k < K; k++) {
        s += A[pa] * B[pb];
        pa += sAk;
        pb += sBk;
      }
      C[ci + j] = accumulate ? C[ci + j] + s : s;
    }
  }
}

/**
 * y[i·ys] (+)= Σ_k Mat[mo + i·si + k·sk] · x[xo + k·xs] for i < m.
 * Chooses the loop order that walks the matrix contiguously: dot products
 * when k is the contiguous index, row-by-row axpy (into float64) otherwise.
 */
function gemv(
  m: number, K: number,
  Mat: Float32Array, mo: number, si: number, sk: number,
  x: Float32Array, xo: number, xs: number,
  y: Float32Array, yo: number, ys: number, accumulate: boolean,
): void {
  if (sk === 1 && xs === 1) {
    gemvRows(m, K, Mat, mo, si, x, xo, y, yo, ys, accumulate);
    return;
  }
  if (si !== 1) {
    for (let i = 0; i < m; i++) {
      const r = mo + i * si;
      let s = 0;
      for (let k = 0; k < K; k++) s += Mat[r + k * sk] * x[xo + k * xs];
      const yi = yo + i * ys;
      y[yi] = accumulate ? y[yi] + s : s;
    }
    return;
  }
  // si === 1: rows of the matrix (fixed k) are contiguous in i.
  if (vecTmp.length < m) vecTmp = new Float64Array(Math.max(m, vecTmp.length * 2));
  const t = vecTmp;
  t.fill(0, 0, m);
  for (let k = 0; k < K; k++) {
    const xv = x[xo + k * xs];
    const r = mo + k * sk;
    for (let i = 0; i < m; i++) t[i] += Mat[r + i] * xv;
  }
  for (let i = 0; i < m; i++) {
    const yi = yo + i * ys;
    y[yi] = accumulate ? y[yi] + t[i] : t[i];
  }
}

/**
 * y[yo + i·ys] (+)= Σ_k Mat[mo + i·si + k] · x[xo + k] (+ bias[i]) for i < m: dot products over
 * contiguous rows, eight rows at a time so each x value is loaded once per eight products.
 * Sums are float64; the bias is added before the one rounding to float32.
 */
function gemvRows(
  m: number, K: number,
  Mat: Float32Array, mo: number, si: number,
  x: Float32Array, xo: number,
  y: Float32Array, yo: number, ys: number, accumulate: boolean,
  bias?: Float64Array,
): void {
  const put = (i: number, s: number): void => {
    const yi = yo + i * ys;
    const v = bias ? s + bias[i] : s;
    y[yi] = accumulate ? y[yi] + v : v;
  };
  let i = 0;
  for (; i + 7 < m; i += 8) {
    const r0 = mo + i * si;
    const r1 = r0 + si;
    const r2 = r1 + si;
    const r3 = r2 + si;
    const r4 = r3 + si;
    const r5 = r4 + si;
    const r6 = r5 + si;
    const r7 = r6 + si;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let k = 0; k < K; k++) {
      const xv = x[xo + k];
      s0 += Mat[r0 + k] * xv;
      s1 += Mat[r1 + k] * xv;
      s2 += Mat[r2 + k] * xv;
      s3 += Mat[r3 + k] * xv;
      s4 += Mat[r4 + k] * xv;
      s5 += Mat[r5 + k] * xv;
      s6 += Mat[r6 + k] * xv;
      s7 += Mat[r7 + k] * xv;
    }
    put(i, s0);
    put(i + 1, s1);
    put(i + 2, s2);
    put(i + 3, s3);
    put(i + 4, s4);
    put(i + 5, s5);
    put(i + 6, s6);
    put(i + 7, s7);
  }
  for (; i < m; i++) {
    const r = mo + i * si;
    let s = 0;
    for (let k = 0; k < K; k++) s += Mat[r + k] * x[xo + k];
    put(i, s);
  }
}

/**
 * y[yOff + r] += W[r, :] · x[xOff : xOff + cols] + bias[r] for r < rows, W row-major [rows, cols]:
 * the recurrent half of an RNN/LSTM step (W_hh · h), by the same kernel as gemm's vector products.
 */
export function gemvAddRows(W: Float32Array, rows: number, cols: number, x: Float32Array, xOff: number, y: Float32Array, yOff: number, bias: Float64Array): void {
  gemvRows(rows, cols, W, 0, cols, x, xOff, y, yOff, 1, true, bias);
}

function gemmBlocked(
  M: number, N: number, K: number,
  A: Float32Array, ao: number, lda: number, transA: boolean,
  B: Float32Array, bo: number, ldb: number, transB: boolean,
  C: Float32Array, co: number, ldc: number, accumulate: boolean,
): void {
  if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, co + i * ldc, co + i * ldc + N);
  const ncMax = Math.min(NC, roundUp(N, NR));
  const kcMax = Math.min(KC, K);
  const mcMax = Math.min(MC, roundUp(M, MR));
  if (packB.length < kcMax * ncMax) packB = new Float32Array(kcMax * ncMax);
  if (packA.length < mcMax * kcMax) packA = new Float32Array(mcMax * kcMax);
  const pA = packA;
  const pB = packB;
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = Math.min(KC, K - k0);
      packBlockB(B, bo, ldb, transB, k0, kc, j0, nc, pB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = Math.min(MC, M - i0);
        packBlockA(A, ao, lda, transA, i0, mc, k0, kc, pA);
        for (let jp = 0; jp < nc; jp += NR) {
          const nr = Math.min(NR, nc - jp);
          const bOff = jp * kc;
          for (let ip = 0; ip < mc; ip += MR) {
            const mr = Math.min(MR, mc - ip);
            const cOff = co + (i0 + ip) * ldc + j0 + jp;
            if (mr === MR && nr === NR) {
              kernel4x8(kc, pA, ip * kc, pB, bOff, C, cOff, ldc);
            } else {
              const t = edgeTile;
              t.fill(0);
              kernel4x8(kc, pA, ip * kc, pB, bOff, t, 0, NR);
              for (let ii = 0; ii < mr; ii++) {
                const r = cOff + ii * ldc;
                for (let jj = 0; jj < nr; jj++) C[r + jj] += t[ii * NR + jj];
              }
            }
          }
        }
      }
    }
  }
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/**
 * Packs op(A)[i0:i0+mc, k0:k0+kc] as MR-row panels: panel p holds, for each k,
 * the MR values op(A)[i0+p·MR+ii, k0+k] side by side. Short panels are zero-padded.
 */
function packBlockA(A: Float32Array, ao: number, lda: number, transA: boolean, i0: number, mc: number, k0: number, kc: number, dst: Float32Array): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = Math.min(MR, mc - ip);
    const base = ip * kc;
    if (transA) {
      // op(A)[i,k] = A[k·lda + i]: the MR values for one k are adjacent.
      let src = ao + k0 * lda + i0 + ip;
      if (mr === MR) {
        for (let k = 0, d = base; k < kc; k++, d += MR, src += lda) {
          dst[d] = A[src];
          dst[d + 1] = A[src + 1];
          dst[d + 2] = A[src + 2];
          dst[d + 3] = A[src + 3];
        }
      } else {
        for (let k = 0, d = base; k < kc; k++, d += MR, src += lda) {
          for (let ii = 0; ii < MR; ii++) dst[d + ii] = ii < mr ? A[src + ii] : 0;
        }
      }
    } else {
      // op(A)[i,k] = A[i·lda + k]: read MR rows in step.
      const r0 = ao + (i0 + ip) * lda + k0;
      if (mr === MR) {
        const r1 = r0 + lda;
        const r2 = r1 + lda;
        const r3 = r2 + lda;
        for (let k = 0, d = base; k < kc; k++, d += MR) {
          dst[d] = A[r0 + k];
          dst[d + 1] = A[r1 + k];
          dst[d + 2] = A[r2 + k];
          dst[d + 3] = A[r3 + k];
        }
      } else {
        for (let ii = 0; ii < MR; ii++) {
          const r = r0 + ii * lda;
          if (ii < mr) for (let k = 0; k < kc; k++) dst[base + k * MR + ii] = A[r + k];
          else for (let k = 0; k < kc; k++) dst[base + k * MR + ii] = 0;
        }
      }
    }
  }
}

/**
 * Packs op(B)[k0:k0+kc, j0:j0+nc] as NR-column panels: panel p holds, for each
 * k, the NR values op(B)[k0+k, j0+p·NR+jj] side by side. Short panels are zero-padded.
 */
function packBlockB(B: Float32Array, bo: number, ldb: number, transB: boolean, k0: number, kc: number, j0: number, nc: number, dst: Float32Array): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = Math.min(NR, nc - jp);
    const base = jp * kc;
    if (!transB) {
      // op(B)[k,j] = B[k·ldb + j]: the NR values for one k are adjacent.
      let src = bo + k0 * ldb + j0 + jp;
      if (nr === NR) {
        for (let k = 0, d = base; k < kc; k++, d += NR, src += ldb) {
          dst[d] = B[src];
          dst[d + 1] = B[src + 1];
          dst[d + 2] = B[src + 2];
          dst[d + 3] = B[src + 3];
          dst[d + 4] = B[src + 4];
          dst[d + 5] = B[src + 5];
          dst[d + 6] = B[src + 6];
          dst[d + 7] = B[src + 7];
        }
      } else {
        for (let k = 0, d = base; k < kc; k++, d += NR, src += ldb) {
          for (let jj = 0; jj < NR; jj++) dst[d + jj] = jj < nr ? B[src + jj] : 0;
        }
      }
    } else {
      // op(B)[k,j] = B[j·ldb + k]: column jj of the panel is a contiguous row of B.
      for (let jj = 0; jj < NR; jj++) {
        if (jj < nr) {
          const r = bo + (j0 + jp + jj) * ldb + k0;
          for (let k = 0; k < kc; k++) dst[base + k * NR + jj] = B[r + k];
        } else {
          for (let k = 0; k < kc; k++) dst[base + k * NR + jj] = 0;
        }
      }
    }
  }
}

/**
 * The micro-kernel: C[4×8 tile at ci, row stride ldc] += Ap-panel · Bp-panel
 * over kc steps. 32 accumulators in locals; per step 4 + 8 loads, 32 multiply-adds.
 */
function kernel4x8(kc: number, Ap: Float32Array, ai: number, Bp: Float32Array, bi: number, C: Float32Array, ci: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0, c36 = 0, c37 = 0;
  for (let k = 0; k < kc; k++) {
    const b0 = Bp[bi], b1 = Bp[bi + 1], b2 = Bp[bi + 2], b3 = Bp[bi + 3];
    const b4 = Bp[bi + 4], b5 = Bp[bi + 5], b6 = Bp[bi + 6], b7 = Bp[bi + 7];
    let a = Ap[ai];
    c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3; c04 += a * b4; c05 += a * b5; c06 += a * b6; c07 += a * b7;
    a = Ap[ai + 1];
    c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3; c14 += a * b4; c15 += a * b5; c16 += a * b6; c17 += a * b7;
    a = Ap[ai + 2];
    c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3; c24 += a * b4; c25 += a * b5; c26 += a * b6; c27 += a * b7;
    a = Ap[ai + 3];
    c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3; c34 += a * b4; c35 += a * b5; c36 += a * b6; c37 += a * b7;
    ai += 4;
    bi += 8;
  }
  let r = ci;
  C[r] += c00; C[r + 1] += c01; C[r + 2] += c02; C[r + 3] += c03; C[r + 4] += c04; C[r + 5] += c05; C[r + 6] += c06; C[r + 7] += c07;
  r += ldc;
  C[r] += c10; C[r + 1] += c11; C[r + 2] += c12; C[r + 3] += c13; C[r + 4] += c14; C[r + 5] += c15; C[r + 6] += c16; C[r + 7] += c17;
  r += ldc;
  C[r] += c20; C[r + 1] += c21; C[r + 2] += c22; C[r + 3] += c23; C[r + 4] += c24; C[r + 5] += c25; C[r + 6] += c26; C[r + 7] += c27;
  r += ldc;
  C[r] += c30; C[r + 1] += c31; C[r + 2] += c32; C[r + 3] += c33; C[r + 4] += c34; C[r + 5] += c35; C[r + 6] += c36; C[r + 7] += c37;
}

/**
 * Naive reference with the same contract (float64 sums, no blocking), kept for
 * tests and for reading: C[i,j] (+)= Σ_k op(A)[i,k]·op(B)[k,j].
 */
export function gemmReference(g: GemmArgs): void {
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
