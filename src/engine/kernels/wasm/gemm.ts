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
// The micro-kernel keeps a 4×8 tile of C in eight f32x4 accumulators. Why 4×8 and not a
// taller tile: V8 schedules the broadcast loads of A ahead of the arithmetic, so every
// broadcast of a k step is live at once; 4×8 needs 8 accumulators + 2 B vectors +
// 4 broadcasts + 1 product = 15 of x86-64's 16 SIMD registers. A 6×8 tile spilled to the
// stack on every step (measured, Node 20, matmul 512 on packed data: 6×8 29 GFLOP/s,
// 4×8 49). Unrolling k twice spills the same way (27 GFLOP/s).
// Products are summed in float32 (no FMA in baseline WebAssembly SIMD: mul then add).
// Without `accumulate` C is never read: the first KC slice stores its tile, the later
// ones add to it (no zero-fill pass over C).

export const MR: i32 = 4;
export const NR: i32 = 8;
/** KC×NR floats of B (8 KiB) stay in L1, MC×KC of A (128 KiB) in L2. */
export const KC: i32 = 256;
export const MC: i32 = 128;
const NC: i32 = 2048;

/** Bytes the caller must reserve for the packed A block, the packed B block and the edge tile. */
export function packASize(): i32 {
  return MC * KC * 4;
}
export function packBSize(): i32 {
  return KC * NC * 4;
}
export function tileSize(): i32 {
  return MR * NR * 4;
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
  gemmRowBias(M, N, K, a, lda, transA, b, ldb, transB, c, ldc, accumulate, 0, packA, packB, tile);
}

/**
 * gemm, plus (without `accumulate`) rowBias[i] added to every entry of row i of C as the
 * first KC slice stores it (rowBias = 0: none) — conv2d's bias without a pass over its output.
 */
export function gemmRowBias(
  M: i32, N: i32, K: i32,
  a: usize, lda: i32, transA: bool,
  b: usize, ldb: i32, transB: bool,
  c: usize, ldc: i32, accumulate: bool, rowBias: usize,
  packA: usize, packB: usize, tile: usize,
): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) {
      for (let i = 0; i < M; i++) {
        const row = c + <usize>(i * ldc) * 4;
        if (rowBias == 0) memory.fill(row, 0, <usize>N * 4);
        else for (let j = 0; j < N; j++) store<f32>(row + <usize>j * 4, load<f32>(rowBias + <usize>i * 4));
      }
    }
    return;
  }
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      // The first slice writes C (unless accumulating), every later one adds to it.
      const add = accumulate || k0 > 0;
      packBlockB(b, ldb, transB, k0, kc, j0, nc, packB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        packBlockA(a, lda, transA, i0, mc, k0, kc, packA);
        const rows = c + <usize>(i0 * ldc + j0) * 4;
        const bias: usize = rowBias == 0 ? <usize>0 : rowBias + <usize>i0 * 4;
        for (let jp = 0; jp < nc; jp += NR) {
          panelColumn(mc, kc, packA, packB + <usize>(jp * kc) * 4, rows + <usize>jp * 4, ldc, min(NR, nc - jp), add, bias, tile);
        }
      }
    }
  }
}

/**
 * C[0:mc, 0:nr] (+)= a packed A block (mc×kc, MR-row panels, packBlockA) · one packed B
 * panel (kc×NR, packBlockB's layout; columns past nr are zeros); without `add`, C is
 * overwritten and rowBias[ii] (rowBias ≠ 0) added to row ii.
 */
// @ts-ignore: decorator
@inline
function panelColumn(mc: i32, kc: i32, packA: usize, pb: usize, c: usize, ldc: i32, nr: i32, add: bool, rowBias: usize, tile: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = min(MR, mc - ip);
    const pa = packA + <usize>(ip * kc) * 4;
    const cp = c + <usize>(ip * ldc) * 4;
    // The bias goes in with the first store of each entry.
    const bias: usize = add || rowBias == 0 ? <usize>0 : rowBias + <usize>ip * 4;
    if (mr == MR && nr == NR) {
      if (add) kernel4x8(kc, pa, pb, cp, ldc, true, 0);
      else kernel4x8(kc, pa, pb, cp, ldc, false, bias);
    } else if (mr <= 2 && nr == NR) {
      // One or two rows left (M = 6 filters, 10 classes): half the work of a full tile.
      kernel2x8(kc, pa, pb, cp, ldc, mr, add, bias);
    } else {
      // Edge tile: the padded panels hold zeros, so compute the full tile into
      // scratch and write only the mr×nr corner that exists in C.
      kernel4x8(kc, pa, pb, tile, NR, false, 0);
      edgeTile(tile, cp, ldc, mr, nr, add, bias);
    }
  }
}

/**
 * For callers that pack B themselves (conv2d's forward packs its column panels straight
 * from the image): packs rows [i0, i0+mc) × [k0, k0+kc) of A (row stride lda, not
 * transposed) into packA, as gemm does.
 */
export function packRowBlock(a: usize, lda: i32, i0: i32, mc: i32, k0: i32, kc: i32, packA: usize): void {
  packBlockA(a, lda, false, i0, mc, k0, kc, packA);
}

/** …and C[0:mc, 0:nr] (+)= that block · one B panel pb in packBlockB's layout (see panelColumn). */
export function timesPanel(mc: i32, kc: i32, packA: usize, pb: usize, c: usize, ldc: i32, nr: i32, add: bool, rowBias: usize, tile: usize): void {
  panelColumn(mc, kc, packA, pb, c, ldc, nr, add, rowBias, tile);
}

/**
 * C[0:mr, 0:nr] (+)= tile[0:mr, 0:nr] (tile rows NR apart), plus bias[ii] on row ii when
 * bias ≠ 0; whole rows of NR by vectors.
 */
function edgeTile(tile: usize, cp: usize, ldc: i32, mr: i32, nr: i32, add: bool, bias: usize): void {
  for (let ii = 0; ii < mr; ii++) {
    const row = cp + <usize>(ii * ldc) * 4;
    const trow = tile + <usize>(ii * NR) * 4;
    const bi: f32 = bias == 0 ? 0 : load<f32>(bias + <usize>ii * 4);
    if (nr == NR) {
      let t0 = v128.load(trow);
      let t1 = v128.load(trow, 16);
      if (add) {
        t0 = f32x4.add(v128.load(row), t0);
        t1 = f32x4.add(v128.load(row, 16), t1);
      } else if (bias != 0) {
        t0 = f32x4.add(f32x4.splat(bi), t0);
        t1 = f32x4.add(f32x4.splat(bi), t1);
      }
      v128.store(row, t0);
      v128.store(row, t1, 16);
      continue;
    }
    for (let jj = 0; jj < nr; jj++) {
      const q = row + <usize>jj * 4;
      const t = load<f32>(trow + <usize>jj * 4);
      store<f32>(q, add ? load<f32>(q) + t : bias != 0 ? bi + t : t);
    }
  }
}

/**
 * Stores the transpose of the 4×4 block whose rows start at r, r + s, r + 2s, r + 3s:
 * row q of the result (the q-th column of the block) goes to d + q·dstep.
 */
// @ts-ignore: decorator
@inline
function transpose4(r: usize, s: usize, d: usize, dstep: usize): void {
  const x0 = v128.load(r);
  const x1 = v128.load(r + s);
  const x2 = v128.load(r + 2 * s);
  const x3 = v128.load(r + 3 * s);
  const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
  const t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<i64>(t0, t1, 0, 2));
  v128.store(d + dstep, v128.shuffle<i64>(t0, t1, 1, 3));
  v128.store(d + 2 * dstep, v128.shuffle<i64>(t2, t3, 0, 2));
  v128.store(d + 3 * dstep, v128.shuffle<i64>(t2, t3, 1, 3));
}

/**
 * Packs op(A)[i0:i0+mc, k0:k0+kc] as MR-row panels: panel p holds, for each k, the MR
 * values op(A)[i0+p·MR+ii, k0+k] side by side. Rows past mc are zeros.
 */
function packBlockA(a: usize, lda: i32, transA: bool, i0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  const s = <usize>lda * 4;
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = min(MR, mc - ip);
    let d = dst + <usize>(ip * kc) * 4;
    if (transA) {
      // op(A)[i,k] = A[k·lda + i]: the MR values of one k are adjacent in A.
      let src = a + <usize>(k0 * lda + i0 + ip) * 4;
      if (mr == MR) {
        for (let k = 0; k < kc; k++) {
          v128.store(d, v128.load(src));
          d += <usize>(MR * 4);
          src += s;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let ii = 0; ii < MR; ii++) {
            store<f32>(d + <usize>ii * 4, ii < mr ? load<f32>(src + <usize>ii * 4) : 0);
          }
          d += <usize>(MR * 4);
          src += s;
        }
      }
    } else {
      // op(A)[i,k] = A[i·lda + k]: MR rows in step, four k at a time by a 4×4 transpose.
      const r0 = a + <usize>((i0 + ip) * lda + k0) * 4;
      if (mr == MR) {
        let k = 0;
        for (; k + 3 < kc; k += 4) transpose4(r0 + <usize>k * 4, s, d + <usize>(k * MR) * 4, <usize>(MR * 4));
        for (; k < kc; k++) {
          const q = r0 + <usize>k * 4;
          const e = d + <usize>(k * MR) * 4;
          store<f32>(e, load<f32>(q));
          store<f32>(e + 4, load<f32>(q + s));
          store<f32>(e + 8, load<f32>(q + 2 * s));
          store<f32>(e + 12, load<f32>(q + 3 * s));
        }
      } else {
        for (let ii = 0; ii < MR; ii++) {
          const r = r0 + <usize>ii * s;
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
  const s = <usize>ldb * 4;
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = min(NR, nc - jp);
    let d = dst + <usize>(jp * kc) * 4;
    if (!transB) {
      // op(B)[k,j] = B[k·ldb + j]: the NR values of one k are adjacent in B.
      let src = b + <usize>(k0 * ldb + j0 + jp) * 4;
      if (nr == NR) {
        for (let k = 0; k < kc; k++) {
          v128.store(d, v128.load(src));
          v128.store(d + 16, v128.load(src + 16));
          d += <usize>(NR * 4);
          src += s;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          for (let jj = 0; jj < NR; jj++) {
            store<f32>(d + <usize>jj * 4, jj < nr ? load<f32>(src + <usize>jj * 4) : 0);
          }
          d += <usize>(NR * 4);
          src += s;
        }
      }
    } else {
      // op(B)[k,j] = B[j·ldb + k]: column jj of the panel is a contiguous row of B;
      // four columns × four k at a time by a 4×4 transpose.
      const r0 = b + <usize>((j0 + jp) * ldb + k0) * 4;
      let k = 0;
      if (nr == NR) {
        for (; k + 3 < kc; k += 4) {
          const e = d + <usize>(k * NR) * 4;
          transpose4(r0 + <usize>k * 4, s, e, <usize>(NR * 4));
          transpose4(r0 + 4 * s + <usize>k * 4, s, e + 16, <usize>(NR * 4));
        }
      }
      for (let jj = 0; jj < NR; jj++) {
        const col = d + <usize>jj * 4;
        const r = r0 + <usize>jj * s;
        for (let kk = k; kk < kc; kk++) store<f32>(col + <usize>(kk * NR) * 4, jj < nr ? load<f32>(r + <usize>kk * 4) : 0);
      }
    }
  }
}

/**
 * The micro-kernel: the 4×8 tile of C at c (row stride ldc elements) (+)= A panel · B
 * panel over kc steps (`add`: onto C, else C is overwritten, with bias[ii] added to row ii
 * when bias ≠ 0). Per k: two vector loads of
 * B, four broadcasts of A, 8 mul + 8 add.
 */
// @ts-ignore: decorator
@inline
function kernel4x8(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, add: bool, bias: usize): void {
  tile4x8(kc, pa, pb, 0, 0, false, c, ldc, add, bias);
}

/**
 * The 4×8 tile itself, for both kinds of B panel: packed (row k at b + k·NR·4) or, when
 * `gathered`, read in place (row k at b + 4·load<i32>(offs + k·offStride)). Every caller
 * passes `gathered` as a constant, and the function is inlined, so each call site compiles
 * to one loop without the test.
 */
// @ts-ignore: decorator
@inline
function tile4x8(kc: i32, pa: usize, b: usize, offs: usize, offStride: usize, gathered: bool, c: usize, ldc: i32, add: bool, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const pb = gathered ? b + (<usize>load<i32>(offs) << 2) : b;
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
    pa += <usize>(MR * 4);
    if (gathered) offs += offStride;
    else b += <usize>(NR * 4);
  }
  const s = <usize>ldc * 4;
  const r1 = c + s;
  const r2 = r1 + s;
  const r3 = r2 + s;
  if (add) {
    c00 = f32x4.add(v128.load(c), c00);
    c01 = f32x4.add(v128.load(c, 16), c01);
    c10 = f32x4.add(v128.load(r1), c10);
    c11 = f32x4.add(v128.load(r1, 16), c11);
    c20 = f32x4.add(v128.load(r2), c20);
    c21 = f32x4.add(v128.load(r2, 16), c21);
    c30 = f32x4.add(v128.load(r3), c30);
    c31 = f32x4.add(v128.load(r3, 16), c31);
  } else if (bias != 0) {
    let bv = v128.load32_splat(bias);
    c00 = f32x4.add(bv, c00);
    c01 = f32x4.add(bv, c01);
    bv = v128.load32_splat(bias, 4);
    c10 = f32x4.add(bv, c10);
    c11 = f32x4.add(bv, c11);
    bv = v128.load32_splat(bias, 8);
    c20 = f32x4.add(bv, c20);
    c21 = f32x4.add(bv, c21);
    bv = v128.load32_splat(bias, 12);
    c30 = f32x4.add(bv, c30);
    c31 = f32x4.add(bv, c31);
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(r1, c10);
  v128.store(r1, c11, 16);
  v128.store(r2, c20);
  v128.store(r2, c21, 16);
  v128.store(r3, c30);
  v128.store(r3, c31, 16);
}

/**
 * C[0:mc, 0:NR] (+)= a packed A block (mc a multiple of MR) · a B panel that is not packed:
 * its row k is the NR floats at b + 4·load<i32>(offs + k·offStride) (conv2d's column panels,
 * read straight from the image). `add` and `rowBias` as in panelColumn.
 */
export function timesGatheredPanel(mc: i32, kc: i32, packA: usize, b: usize, offs: usize, offStride: usize, c: usize, ldc: i32, add: bool, rowBias: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const bias: usize = add || rowBias == 0 ? <usize>0 : rowBias + <usize>ip * 4;
    tile4x8(kc, packA + <usize>(ip * kc) * 4, b, offs, offStride, true, c + <usize>(ip * ldc) * 4, ldc, add, bias);
  }
}

/**
 * The last one or two rows of a row block: C[0:mr, 0:8] (+)= A panel rows 0…mr−1 · B panel
 * (mr = 1 or 2; the A panel is still MR values wide per k, its rows past mr are zeros).
 * `add` and `bias` as in kernel4x8.
 */
function kernel2x8(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, mr: i32, add: bool, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(pb, 0);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(pa, 0);
    c00 = f32x4.add(c00, f32x4.mul(av, b0));
    c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0));
    c11 = f32x4.add(c11, f32x4.mul(av, b1));
    pa += <usize>(MR * 4);
    pb += <usize>(NR * 4);
  }
  const r1 = c + <usize>ldc * 4;
  if (add) {
    c00 = f32x4.add(v128.load(c), c00);
    c01 = f32x4.add(v128.load(c, 16), c01);
    if (mr == 2) {
      c10 = f32x4.add(v128.load(r1), c10);
      c11 = f32x4.add(v128.load(r1, 16), c11);
    }
  } else if (bias != 0) {
    let bv = v128.load32_splat(bias);
    c00 = f32x4.add(bv, c00);
    c01 = f32x4.add(bv, c01);
    if (mr == 2) {
      bv = v128.load32_splat(bias, 4);
      c10 = f32x4.add(bv, c10);
      c11 = f32x4.add(bv, c11);
    }
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  if (mr == 2) {
    v128.store(r1, c10);
    v128.store(r1, c11, 16);
  }
}
