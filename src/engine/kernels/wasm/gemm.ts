// AssemblyScript, not TypeScript: compiled by scripts/build.mjs with `asc --enable simd -O3`
// into dist/engine/kernels.wasm (the project's tsc excludes this folder).
//
// C[M×N] (+)= op(A)[M×K] · op(B)[K×N] on float32 buffers in this module's memory,
// the same contract as gemm() in src/engine/gemm.ts: row strides lda/ldb/ldc (in
// elements), op(X) = X or Xᵀ. The caller (src/engine/kernels/wasm-gemm.ts) owns the
// memory layout: it passes byte addresses of A, B, C and of two packing areas sized by
// packASize()/packBSize().
//
// Structure (GotoBLAS / BLIS): for each NC column block of op(B), for each KC slice of
// the shared dimension, pack op(B) into NR-wide panels; for each MC row block of op(A),
// pack it into MR-tall panels; then the MR×NR micro-kernel over every panel pair.
// The micro-kernel keeps a 6×8 tile of C in twelve f32x4 accumulators: with the two
// vectors of B and one broadcast of A that is 15 of the 16 SIMD registers of x86-64.
// Products are summed in float32 (no FMA in baseline WebAssembly SIMD: mul then add).

const MR: i32 = 6;
const NR: i32 = 8;
/** KC×NR floats of B (8 KiB) stay in L1, MC×KC of A (~120 KiB) in L2. */
const KC: i32 = 256;
const MC: i32 = 120;
const NC: i32 = 2048;

/** Bytes the caller must reserve for the packed A block and the packed B block. */
export function packASize(): i32 {
  return MC * KC * 4;
}
export function packBSize(): i32 {
  return KC * NC * 4;
}
/** First byte the caller may use: after static data, 64-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}

export function gemm(
  M: i32, N: i32, K: i32,
  a: usize, lda: i32, transA: bool,
  b: usize, ldb: i32, transB: bool,
  c: usize, ldc: i32, accumulate: bool,
  packA: usize, packB: usize, tile: usize,
): void {
  if (M <= 0 || N <= 0) return;
  if (!accumulate) {
    for (let i = 0; i < M; i++) memory.fill(c + <usize>(i * ldc) * 4, 0, <usize>N * 4);
  }
  if (K <= 0) return;
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      packBlockB(b, ldb, transB, k0, kc, j0, nc, packB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        packBlockA(a, lda, transA, i0, mc, k0, kc, packA);
        for (let jp = 0; jp < nc; jp += NR) {
          const nr = min(NR, nc - jp);
          const pb = packB + <usize>(jp * kc) * 4;
          for (let ip = 0; ip < mc; ip += MR) {
            const mr = min(MR, mc - ip);
            const pa = packA + <usize>(ip * kc) * 4;
            const cp = c + <usize>((i0 + ip) * ldc + j0 + jp) * 4;
            if (mr == MR && nr == NR) {
              kernel6x8(kc, pa, pb, cp, ldc);
            } else {
              // Edge tile: the padded panels hold zeros, so compute the full tile into
              // scratch and add only the mr×nr corner that exists in C.
              memory.fill(tile, 0, <usize>(MR * NR * 4));
              kernel6x8(kc, pa, pb, tile, NR);
              for (let ii = 0; ii < mr; ii++) {
                const row = cp + <usize>(ii * ldc) * 4;
                const trow = tile + <usize>(ii * NR) * 4;
                for (let jj = 0; jj < nr; jj++) {
                  const q = row + <usize>jj * 4;
                  store<f32>(q, load<f32>(q) + load<f32>(trow + <usize>jj * 4));
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Packs op(A)[i0:i0+mc, k0:k0+kc] as MR-row panels: panel p holds, for each k, the MR
 * values op(A)[i0+p·MR+ii, k0+k] side by side. Rows past mc are zeros.
 */
function packBlockA(a: usize, lda: i32, transA: bool, i0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = min(MR, mc - ip);
    let d = dst + <usize>(ip * kc) * 4;
    if (transA) {
      // op(A)[i,k] = A[k·lda + i]: the MR values of one k are adjacent in A.
      let src = a + <usize>(k0 * lda + i0 + ip) * 4;
      const step = <usize>lda * 4;
      if (mr == MR) {
        for (let k = 0; k < kc; k++) {
          v128.store(d, v128.load(src));
          store<u64>(d + 16, load<u64>(src + 16));
          d += <usize>(MR * 4);
          src += step;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let ii = 0; ii < MR; ii++) {
            store<f32>(d + <usize>ii * 4, ii < mr ? load<f32>(src + <usize>ii * 4) : 0);
          }
          d += <usize>(MR * 4);
          src += step;
        }
      }
    } else {
      // op(A)[i,k] = A[i·lda + k]: walk MR rows in step.
      const r0 = a + <usize>((i0 + ip) * lda + k0) * 4;
      if (mr == MR) {
        const s = <usize>lda * 4;
        for (let k = 0; k < kc; k++) {
          const q = r0 + <usize>k * 4;
          store<f32>(d, load<f32>(q));
          store<f32>(d + 4, load<f32>(q + s));
          store<f32>(d + 8, load<f32>(q + 2 * s));
          store<f32>(d + 12, load<f32>(q + 3 * s));
          store<f32>(d + 16, load<f32>(q + 4 * s));
          store<f32>(d + 20, load<f32>(q + 5 * s));
          d += <usize>(MR * 4);
        }
      } else {
        for (let ii = 0; ii < MR; ii++) {
          const r = r0 + <usize>(ii * lda) * 4;
          const col = d + <usize>ii * 4;
          for (let k = 0; k < kc; k++) {
            store<f32>(col + <usize>(k * MR) * 4, ii < mr ? load<f32>(r + <usize>k * 4) : 0);
          }
        }
      }
    }
  }
}

/**
 * Packs op(B)[k0:k0+kc, j0:j0+nc] as NR-column panels: panel p holds, for each k, the
 * NR values op(B)[k0+k, j0+p·NR+jj] side by side. Columns past nc are zeros.
 */
function packBlockB(b: usize, ldb: i32, transB: bool, k0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = min(NR, nc - jp);
    let d = dst + <usize>(jp * kc) * 4;
    if (!transB) {
      // op(B)[k,j] = B[k·ldb + j]: the NR values of one k are adjacent in B.
      let src = b + <usize>(k0 * ldb + j0 + jp) * 4;
      const step = <usize>ldb * 4;
      if (nr == NR) {
        for (let k = 0; k < kc; k++) {
          v128.store(d, v128.load(src));
          v128.store(d + 16, v128.load(src + 16));
          d += <usize>(NR * 4);
          src += step;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let jj = 0; jj < NR; jj++) {
            store<f32>(d + <usize>jj * 4, jj < nr ? load<f32>(src + <usize>jj * 4) : 0);
          }
          d += <usize>(NR * 4);
          src += step;
        }
      }
    } else {
      // op(B)[k,j] = B[j·ldb + k]: column jj of the panel is a contiguous row of B.
      for (let jj = 0; jj < NR; jj++) {
        const col = d + <usize>jj * 4;
        if (jj < nr) {
          const r = b + <usize>((j0 + jp + jj) * ldb + k0) * 4;
          for (let k = 0; k < kc; k++) store<f32>(col + <usize>(k * NR) * 4, load<f32>(r + <usize>k * 4));
        } else {
          for (let k = 0; k < kc; k++) store<f32>(col + <usize>(k * NR) * 4, 0);
        }
      }
    }
  }
}

/**
 * The micro-kernel: the 6×8 tile of C at c (row stride ldc elements) += A panel · B panel
 * over kc steps. Per k: two vector loads of B, six broadcasts of A, 12 mul + 12 add.
 */
// @ts-ignore: decorator
@inline
function kernel6x8(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  // Two k steps per iteration: half the loop overhead (V8 checks for interrupts on
  // every back edge); measured ~10% faster than one step on matmul 512.
  let k = 0;
  for (; k + 1 < kc; k += 2) {
    {
      const b0 = v128.load(pb, 0);
      const b1 = v128.load(pb, 16);
      let av = v128.load32_splat(pa, 0);
      c00 = f32x4.add(c00, f32x4.mul(av, b0));
      c01 = f32x4.add(c01, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 4);
      c10 = f32x4.add(c10, f32x4.mul(av, b0));
      c11 = f32x4.add(c11, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 8);
      c20 = f32x4.add(c20, f32x4.mul(av, b0));
      c21 = f32x4.add(c21, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 12);
      c30 = f32x4.add(c30, f32x4.mul(av, b0));
      c31 = f32x4.add(c31, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 16);
      c40 = f32x4.add(c40, f32x4.mul(av, b0));
      c41 = f32x4.add(c41, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 20);
      c50 = f32x4.add(c50, f32x4.mul(av, b0));
      c51 = f32x4.add(c51, f32x4.mul(av, b1));
    }
    {
      const b0 = v128.load(pb, 32);
      const b1 = v128.load(pb, 48);
      let av = v128.load32_splat(pa, 24);
      c00 = f32x4.add(c00, f32x4.mul(av, b0));
      c01 = f32x4.add(c01, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 28);
      c10 = f32x4.add(c10, f32x4.mul(av, b0));
      c11 = f32x4.add(c11, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 32);
      c20 = f32x4.add(c20, f32x4.mul(av, b0));
      c21 = f32x4.add(c21, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 36);
      c30 = f32x4.add(c30, f32x4.mul(av, b0));
      c31 = f32x4.add(c31, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 40);
      c40 = f32x4.add(c40, f32x4.mul(av, b0));
      c41 = f32x4.add(c41, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 44);
      c50 = f32x4.add(c50, f32x4.mul(av, b0));
      c51 = f32x4.add(c51, f32x4.mul(av, b1));
    }
    pa += <usize>(2 * MR * 4);
    pb += <usize>(2 * NR * 4);
  }
  if (k < kc) {
    const b0 = v128.load(pb, 0);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(pa, 0);
    c00 = f32x4.add(c00, f32x4.mul(av, b0));
    c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0));
    c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(av, b0));
    c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(av, b0));
    c31 = f32x4.add(c31, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 16);
    c40 = f32x4.add(c40, f32x4.mul(av, b0));
    c41 = f32x4.add(c41, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 20);
    c50 = f32x4.add(c50, f32x4.mul(av, b0));
    c51 = f32x4.add(c51, f32x4.mul(av, b1));
  }
  const s = <usize>ldc * 4;
  let r = c;
  v128.store(r, f32x4.add(v128.load(r), c00));
  v128.store(r, f32x4.add(v128.load(r, 16), c01), 16);
  r += s;
  v128.store(r, f32x4.add(v128.load(r), c10));
  v128.store(r, f32x4.add(v128.load(r, 16), c11), 16);
  r += s;
  v128.store(r, f32x4.add(v128.load(r), c20));
  v128.store(r, f32x4.add(v128.load(r, 16), c21), 16);
  r += s;
  v128.store(r, f32x4.add(v128.load(r), c30));
  v128.store(r, f32x4.add(v128.load(r, 16), c31), 16);
  r += s;
  v128.store(r, f32x4.add(v128.load(r), c40));
  v128.store(r, f32x4.add(v128.load(r, 16), c41), 16);
  r += s;
  v128.store(r, f32x4.add(v128.load(r), c50));
  v128.store(r, f32x4.add(v128.load(r, 16), c51), 16);
}
