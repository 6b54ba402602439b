// AssemblyScript, not TypeScript: compiled with the GEMM (index.ts is the entry).
//
// Elementwise kernels that training spends time in, each the exact twin of a JS loop in
// src/engine/ops or src/engine/optim: same comparisons, same NaN and ±0 behaviour, and where
// the JS computes in float64 (JS numbers) before storing a float32, so does the kernel
// (f64x2), so the results are bit-for-bit those of the JS path. Arguments are byte
// addresses of float32 (or int32) arrays in this module's memory and element counts; the
// caller (src/engine/wasm-elementwise.ts) has checked every bound.

import { exp2x, tanh2 } from './simd-math';

// ---------------------------------------------------------------------------
// ReLU (src/engine/ops/activations.ts)

/** out = x where x > 0 or x is NaN, else +0 (so −0 → +0, as the JS `v > 0 || v !== v ? v : 0`). */
export function relu(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const keep = v128.or(f32x4.gt(v, zero), f32x4.ne(v, v));
    v128.store(out + o, v128.and(v, keep));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v > 0 || v != v ? v : 0);
  }
}

/** out = 0 where x ≤ 0, else g (a NaN x compares false: its gradient passes, as in the JS). */
export function reluBackward(x: usize, g: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const cut = f32x4.le(v128.load(x + o), zero);
    v128.store(out + o, v128.andnot(v128.load(g + o), cut));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) <= 0 ? 0 : load<f32>(g + o));
  }
}

// ---------------------------------------------------------------------------
// σ' and tanh' from the forward output y (activations.ts). The JS evaluates them in
// float64; so do these, two lanes at a time, and round once to float32 at the end.

/** out = g·y·(1 − y). */
export function sigmoidBackward(y: usize, g: usize, out: usize, n: i32): void {
  const one = f64x2.splat(1);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const yv = f64x2.promote_low_f32x4(v128.load64_zero(y + o));
    const gv = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const r = f64x2.mul(f64x2.mul(gv, yv), f64x2.sub(one, yv));
    v128.store64_lane(out + o, f32x4.demote_f64x2_zero(r), 0);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const yv = <f64>load<f32>(y + o);
    store<f32>(out + o, <f32>(<f64>load<f32>(g + o) * yv * (1 - yv)));
  }
}

/** out = g·(1 − y²). */
export function tanhBackward(y: usize, g: usize, out: usize, n: i32): void {
  const one = f64x2.splat(1);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const yv = f64x2.promote_low_f32x4(v128.load64_zero(y + o));
    const gv = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const r = f64x2.mul(gv, f64x2.sub(one, f64x2.mul(yv, yv)));
    v128.store64_lane(out + o, f32x4.demote_f64x2_zero(r), 0);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const yv = <f64>load<f32>(y + o);
    store<f32>(out + o, <f32>(<f64>load<f32>(g + o) * (1 - yv * yv)));
  }
}

// ---------------------------------------------------------------------------
// Max pooling (src/engine/ops/pool.ts), only for windows that all lie inside the input
// (no padding cell, no ceil-mode window past the edge): the caller checks that.
// Semantics of the JS: best starts at −∞ with the window's first cell as its index; a cell
// replaces it when strictly larger (ties keep the first maximum) or when it is NaN (so the
// last NaN of a window wins and the output is NaN). Indices are y·W + x inside the plane.

export function maxPool2d(
  x: usize, out: usize, idx: usize,
  planes: i32, H: i32, W: i32, outH: i32, outW: i32,
  kH: i32, kW: i32, sH: i32, sW: i32,
): void {
  if (kH == 2 && kW == 2 && sH == 2 && sW == 2) {
    maxPool2x2(x, out, idx, planes, H, W, outH, outW);
    return;
  }
  if (sW == 1) {
    maxPoolStride1(x, out, idx, planes, H, W, outH, outW, kH, kW, sH);
    return;
  }
  let o: usize = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = x + (<usize>pl * <usize>H * <usize>W << 2);
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, o++) {
        windowMax(base, W, oh * sH, ow * sW, kH, kW, out + (o << 2), idx + (o << 2));
      }
    }
  }
}

/** One window [h0, h0+kH) × [w0, w0+kW) of the plane at `base`, scanned row-major. */
@inline
function windowMax(base: usize, W: i32, h0: i32, w0: i32, kH: i32, kW: i32, outAt: usize, idxAt: usize): void {
  let best: f32 = -Infinity;
  let bestAt: i32 = h0 * W + w0;
  for (let h = h0; h < h0 + kH; h++) {
    const row = h * W;
    for (let w = w0; w < w0 + kW; w++) {
      const v = load<f32>(base + (<usize>(row + w) << 2));
      if (v > best || v != v) {
        best = v;
        bestAt = row + w;
      }
    }
  }
  store<f32>(outAt, best);
  store<i32>(idxAt, bestAt);
}

/**
 * 2×2 windows, stride 2 (LeNet's pooling): four outputs at once. Two loads of eight
 * neighbours per input row are split into the even and odd columns; the four cells of each
 * window are then visited in the JS's order (top-left, top-right, bottom-left, bottom-right).
 */
function maxPool2x2(x: usize, out: usize, idx: usize, planes: i32, H: i32, W: i32, outH: i32, outW: i32): void {
  const negInf = f32x4.splat(-Infinity);
  const lane = i32x4(0, 2, 4, 6);
  let o: usize = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = x + (<usize>pl * <usize>H * <usize>W << 2);
    for (let oh = 0; oh < outH; oh++) {
      const top = 2 * oh * W;
      const bottom = top + W;
      let ow = 0;
      // Eight columns read per row: stay inside the row.
      for (; 2 * ow + 8 <= W && ow + 4 <= outW; ow += 4, o += 4) {
        const c0 = 2 * ow;
        const t0 = v128.load(base + (<usize>(top + c0) << 2));
        const t1 = v128.load(base + (<usize>(top + c0) << 2), 16);
        const b0 = v128.load(base + (<usize>(bottom + c0) << 2));
        const b1 = v128.load(base + (<usize>(bottom + c0) << 2), 16);
        const tl = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
        const tr = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
        const bl = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        const br = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        const atTl = i32x4.add(i32x4.splat(top + c0), lane);
        const atBl = i32x4.add(i32x4.splat(bottom + c0), lane);
        let best = negInf;
        let bestAt = atTl;
        let m = v128.or(f32x4.gt(tl, best), f32x4.ne(tl, tl));
        best = v128.bitselect(tl, best, m);
        m = v128.or(f32x4.gt(tr, best), f32x4.ne(tr, tr));
        best = v128.bitselect(tr, best, m);
        bestAt = v128.bitselect(i32x4.add(atTl, i32x4.splat(1)), bestAt, m);
        m = v128.or(f32x4.gt(bl, best), f32x4.ne(bl, bl));
        best = v128.bitselect(bl, best, m);
        bestAt = v128.bitselect(atBl, bestAt, m);
        m = v128.or(f32x4.gt(br, best), f32x4.ne(br, br));
        best = v128.bitselect(br, best, m);
        bestAt = v128.bitselect(i32x4.add(atBl, i32x4.splat(1)), bestAt, m);
        v128.store(out + (o << 2), best);
        v128.store(idx + (o << 2), bestAt);
      }
      for (; ow < outW; ow++, o++) windowMax(base, W, 2 * oh, 2 * ow, 2, 2, out + (o << 2), idx + (o << 2));
    }
  }
}

/**
 * Windows one column apart (stride 1 along a row, any window, any row stride): four
 * neighbouring outputs at once. The window's cell (h, w0 + dw) of the four outputs are four
 * neighbouring input cells, one load; the cells are visited in the JS's row-major order.
 */
function maxPoolStride1(x: usize, out: usize, idx: usize, planes: i32, H: i32, W: i32, outH: i32, outW: i32, kH: i32, kW: i32, sH: i32): void {
  const negInf = f32x4.splat(-Infinity);
  const lane = i32x4(0, 1, 2, 3);
  let o: usize = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = x + (<usize>pl * <usize>H * <usize>W << 2);
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * sH;
      let ow = 0;
      for (; ow + 4 <= outW; ow += 4, o += 4) {
        let best = negInf;
        let bestAt = i32x4.add(i32x4.splat(h0 * W + ow), lane);
        for (let h = h0; h < h0 + kH; h++) {
          const row = h * W + ow;
          for (let dw = 0; dw < kW; dw++) {
            const v = v128.load(base + (<usize>(row + dw) << 2));
            const m = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
            best = v128.bitselect(v, best, m);
            bestAt = v128.bitselect(i32x4.add(i32x4.splat(row + dw), lane), bestAt, m);
          }
        }
        v128.store(out + (o << 2), best);
        v128.store(idx + (o << 2), bestAt);
      }
      for (; ow < outW; ow++, o++) windowMax(base, W, h0, ow, kH, kW, out + (o << 2), idx + (o << 2));
    }
  }
}

/**
 * Gradient of max pooling: gin (zeroed here) collects each g[o] at its window's argmax
 * idx[o] inside its plane; an index outside [0, H·W) is skipped, as in the JS. Float32
 * sums in the JS's order: each += rounds as the JS's float64 sum stored to float32 does.
 */
export function maxPool2dBackward(g: usize, idx: usize, gin: usize, planes: i32, plane: i32, per: i32): void {
  memory.fill(gin, 0, <usize>planes * <usize>plane << 2);
  let o: usize = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = gin + (<usize>pl * <usize>plane << 2);
    for (let i = 0; i < per; i++, o++) {
      const at = load<i32>(idx + (o << 2));
      if (at >= 0 && at < plane) {
        const q = base + (<usize>at << 2);
        store<f32>(q, load<f32>(q) + load<f32>(g + (o << 2)));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Optimizer updates (src/engine/optim/sgd.ts, adam.ts), in float64 as the JS computes them
// (its lr, momentum, betas are float64 numbers), two lanes at a time.

@inline
function f32x2(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}
@inline
function storeF32x2(at: usize, v: v128): void {
  v128.store64_lane(at, f32x4.demote_f64x2_zero(v), 0);
}

/** Without momentum: p −= lr·(g + wd·p). */
export function sgdStep(p: usize, g: usize, n: i32, lr: f64, wd: f64): void {
  const lrv = f64x2.splat(lr);
  const wdv = f64x2.splat(wd);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const pv = f32x2(p + o);
    storeF32x2(p + o, f64x2.sub(pv, f64x2.mul(lrv, f64x2.add(f32x2(g + o), f64x2.mul(wdv, pv)))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const pv = <f64>load<f32>(p + o);
    store<f32>(p + o, <f32>(pv - lr * (<f64>load<f32>(g + o) + wd * pv)));
  }
}

/**
 * With momentum: v = g + wd·p on the first step (`first`), else v = μ·v + (g + wd·p);
 * then p −= lr·v, reading v back as stored (float32), as the JS's second loop does.
 */
export function sgdMomentumStep(p: usize, g: usize, v: usize, n: i32, lr: f64, mu: f64, wd: f64, first: bool): void {
  const lrv = f64x2.splat(lr);
  const muv = f64x2.splat(first ? 0 : mu);
  const wdv = f64x2.splat(wd);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const pv = f32x2(p + o);
    const gi = f64x2.add(f32x2(g + o), f64x2.mul(wdv, pv));
    // First step: v = g' exactly (0·v would turn an Inf/NaN left in v into NaN).
    const vNew = first ? gi : f64x2.add(f64x2.mul(muv, f32x2(v + o)), gi);
    const vStored = f32x4.demote_f64x2_zero(vNew);
    v128.store64_lane(v + o, vStored, 0);
    storeF32x2(p + o, f64x2.sub(pv, f64x2.mul(lrv, f64x2.promote_low_f32x4(vStored))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const pv = <f64>load<f32>(p + o);
    const gi = <f64>load<f32>(g + o) + wd * pv;
    const vs = <f32>(first ? gi : mu * <f64>load<f32>(v + o) + gi);
    store<f32>(v + o, vs);
    store<f32>(p + o, <f32>(pv - lr * <f64>vs));
  }
}

/**
 * Adam / AdamW, one parameter. `decay` is AdamW's factor (1 − lr·wd; 1 for none) applied to
 * p first and stored as float32, `coupled` Adam's wd (0 for AdamW). Then, as the JS:
 *   g' = g + coupled·p;  m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²
 *   p −= (stepSize·m) / (√v / sqrtBc2 + eps), with m and v read back as stored.
 */
export function adamStep(
  p: usize, g: usize, m: usize, v: usize, n: i32,
  decay: f64, coupled: f64, beta1: f64, beta2: f64, stepSize: f64, sqrtBc2: f64, eps: f64,
): void {
  const doDecay = decay != 1;
  const dv = f64x2.splat(decay);
  const cv = f64x2.splat(coupled);
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const c1 = f64x2.splat(1 - beta1);
  const c2 = f64x2.splat(1 - beta2);
  const ss = f64x2.splat(stepSize);
  const bc = f64x2.splat(sqrtBc2);
  const ev = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    let pv = f32x2(p + o);
    if (doDecay) pv = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(pv, dv)));
    const gi = f64x2.add(f32x2(g + o), f64x2.mul(cv, pv));
    const ms = f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(b1, f32x2(m + o)), f64x2.mul(c1, gi)));
    const vs = f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(b2, f32x2(v + o)), f64x2.mul(f64x2.mul(c2, gi), gi)));
    v128.store64_lane(m + o, ms, 0);
    v128.store64_lane(v + o, vs, 0);
    const step = f64x2.div(f64x2.mul(ss, f64x2.promote_low_f32x4(ms)), f64x2.add(f64x2.div(f64x2.sqrt(f64x2.promote_low_f32x4(vs)), bc), ev));
    storeF32x2(p + o, f64x2.sub(pv, step));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let pv = <f64>load<f32>(p + o);
    if (doDecay) pv = <f64><f32>(pv * decay);
    const gi = <f64>load<f32>(g + o) + coupled * pv;
    const ms = <f32>(beta1 * <f64>load<f32>(m + o) + (1 - beta1) * gi);
    const vs = <f32>(beta2 * <f64>load<f32>(v + o) + (1 - beta2) * gi * gi);
    store<f32>(m + o, ms);
    store<f32>(v + o, vs);
    store<f32>(p + o, <f32>(pv - (stepSize * <f64>ms) / (Math.sqrt(<f64>vs) / sqrtBc2 + eps)));
  }
}

// ---------------------------------------------------------------------------
// The module's own float64 scratch (a static area below the heap, so no tensor is ever
// there): row statistics and per-column sums the kernels below read and write. The caller
// copies them from and to its own arrays — rows or columns only, never rows × columns.

const SCRATCH_F64: i32 = 8192;
const SCRATCH: usize = memory.data(SCRATCH_F64 * 8, 16);

export function scratchBase(): usize {
  return SCRATCH;
}
export function scratchF64(): i32 {
  return SCRATCH_F64;
}

// ---------------------------------------------------------------------------
// Layer norm (src/engine/ops/norm.ts) over rows of n numbers, in float64 as the JS. The
// row sums are taken two lanes at a time (then the lanes added), not strictly left to right
// as the JS does: the float64 sums may differ in their last bits, which moves a float32
// result by at most about one unit in its last place. Everything else is the JS's order.
// `w`, `b` = 0: no weight, no bias.

@inline
function f64Sum(acc: v128): f64 {
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** Normalizes `rows` rows; writes each row's mean, variance, rstd to scratch [0, rows), [rows, 2·rows), [2·rows, 3·rows). */
export function layerNorm(x: usize, out: usize, w: usize, b: usize, rows: i32, n: i32, eps: f64): void {
  const mean = SCRATCH;
  const variance = SCRATCH + (<usize>rows << 3);
  const rstd = SCRATCH + (<usize>rows << 4);
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>n << 2);
    const orow = out + (<usize>r * <usize>n << 2);
    let acc = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) acc = f64x2.add(acc, f32x2(row + (<usize>j << 2)));
    let s = f64Sum(acc);
    for (; j < n; j++) s += <f64>load<f32>(row + (<usize>j << 2));
    const mu = s / <f64>n;
    const muv = f64x2.splat(mu);
    acc = f64x2.splat(0);
    j = 0;
    for (; j + 2 <= n; j += 2) {
      const d = f64x2.sub(f32x2(row + (<usize>j << 2)), muv);
      acc = f64x2.add(acc, f64x2.mul(d, d));
    }
    let v = f64Sum(acc);
    for (; j < n; j++) {
      const d = <f64>load<f32>(row + (<usize>j << 2)) - mu;
      v += d * d;
    }
    v /= <f64>n;
    const rs = 1 / Math.sqrt(v + eps);
    const rsv = f64x2.splat(rs);
    j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 2;
      let y = f64x2.mul(f64x2.sub(f32x2(row + o), muv), rsv);
      if (w) y = f64x2.mul(y, f32x2(w + o));
      if (b) y = f64x2.add(y, f32x2(b + o));
      storeF32x2(orow + o, y);
    }
    for (; j < n; j++) {
      const o = <usize>j << 2;
      let y = (<f64>load<f32>(row + o) - mu) * rs;
      if (w) y *= <f64>load<f32>(w + o);
      if (b) y += <f64>load<f32>(b + o);
      store<f32>(orow + o, <f32>y);
    }
    store<f64>(mean + (<usize>r << 3), mu);
    store<f64>(variance + (<usize>r << 3), v);
    store<f64>(rstd + (<usize>r << 3), rs);
  }
}

/**
 * Backward of layer norm (norm.ts backwardRows) for `rows` rows: with x̂ = (x − μ)·rstd and
 * ĝ = g ⊙ weight, dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) as float32; dw += g ⊙ x̂ and
 * db += g (float64, over the rows in order, as the JS). Scratch: dw [0, n), db [n, 2n),
 * x̂ [2n, 3n), then the rows' mean and rstd (the caller puts them there), rows each.
 */
export function layerNormBackward(x: usize, g: usize, w: usize, rows: i32, n: i32, dx: usize): void {
  const dw = SCRATCH;
  const db = SCRATCH + (<usize>n << 3);
  const xhat = SCRATCH + (<usize>n << 4);
  const mean = xhat + (<usize>n << 3);
  const rstd = mean + (<usize>rows << 3);
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>n << 2;
    const mu = load<f64>(mean + (<usize>r << 3));
    const rs = load<f64>(rstd + (<usize>r << 3));
    const muv = f64x2.splat(mu);
    const rsv = f64x2.splat(rs);
    let sg = f64x2.splat(0);
    let sgx = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 2;
      const o8 = <usize>j << 3;
      const xh = f64x2.mul(f64x2.sub(f32x2(x + off + o), muv), rsv);
      v128.store(xhat + o8, xh);
      const gj = f32x2(g + off + o);
      const gh = w ? f64x2.mul(gj, f32x2(w + o)) : gj;
      sg = f64x2.add(sg, gh);
      sgx = f64x2.add(sgx, f64x2.mul(gh, xh));
      v128.store(dw + o8, f64x2.add(v128.load(dw + o8), f64x2.mul(gj, xh)));
      v128.store(db + o8, f64x2.add(v128.load(db + o8), gj));
    }
    let sgs = f64Sum(sg);
    let sgxs = f64Sum(sgx);
    for (; j < n; j++) {
      const o = <usize>j << 2;
      const o8 = <usize>j << 3;
      const xh = (<f64>load<f32>(x + off + o) - mu) * rs;
      store<f64>(xhat + o8, xh);
      const gj = <f64>load<f32>(g + off + o);
      const gh = w ? gj * <f64>load<f32>(w + o) : gj;
      sgs += gh;
      sgxs += gh * xh;
      store<f64>(dw + o8, load<f64>(dw + o8) + gj * xh);
      store<f64>(db + o8, load<f64>(db + o8) + gj);
    }
    const mg = sgs / <f64>n;
    const mgx = sgxs / <f64>n;
    const mgv = f64x2.splat(mg);
    const mgxv = f64x2.splat(mgx);
    j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 2;
      const gj = f32x2(g + off + o);
      const gh = w ? f64x2.mul(gj, f32x2(w + o)) : gj;
      const xh = v128.load(xhat + (<usize>j << 3));
      storeF32x2(dx + off + o, f64x2.mul(rsv, f64x2.sub(f64x2.sub(gh, mgv), f64x2.mul(xh, mgxv))));
    }
    for (; j < n; j++) {
      const o = <usize>j << 2;
      const gj = <f64>load<f32>(g + off + o);
      const gh = w ? gj * <f64>load<f32>(w + o) : gj;
      store<f32>(dx + off + o, <f32>(rs * (gh - mg - load<f64>(xhat + (<usize>j << 3)) * mgx)));
    }
  }
}

// ---------------------------------------------------------------------------
// softmax / log_softmax over the last dimension (src/engine/ops/softmax.ts), rows of n,
// float64 as the JS and its order of operations. exp and log are AssemblyScript's
// Math.exp / Math.log (musl's: range reduction and a polynomial, error below one unit in
// the last place of a float64), where the JS has V8's: they may differ in a float64's last
// bit, which almost never shows in the float32 result. e^(x − max) goes to scratch [0, n).

export function softmaxRows(x: usize, out: usize, rows: i32, n: i32, log: bool): void {
  const e = SCRATCH;
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>n << 2);
    const orow = out + (<usize>r * <usize>n << 2);
    let max: f32 = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = load<f32>(row + (<usize>j << 2));
      if (v > max || v != v) max = v;
    }
    // All −∞: softmax is 0/0; NaN as in PyTorch.
    const m: f64 = max == -Infinity ? NaN : <f64>max;
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.exp(<f64>load<f32>(row + (<usize>j << 2)) - m);
      store<f64>(e + (<usize>j << 3), v);
      sum += v;
    }
    if (log) {
      const lse = Math.log(sum);
      for (let j = 0; j < n; j++) store<f32>(orow + (<usize>j << 2), <f32>(<f64>load<f32>(row + (<usize>j << 2)) - m - lse));
    } else {
      const inv = 1 / sum;
      const invv = f64x2.splat(inv);
      let j = 0;
      for (; j + 2 <= n; j += 2) storeF32x2(orow + (<usize>j << 2), f64x2.mul(v128.load(e + (<usize>j << 3)), invv));
      for (; j < n; j++) store<f32>(orow + (<usize>j << 2), <f32>(load<f64>(e + (<usize>j << 3)) * inv));
    }
  }
}

/** softmax backward from y: dx = y·(g − Σ g·y) per row (the sum in the JS's order: bit for bit). */
export function softmaxBackwardRows(y: usize, g: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>n << 2;
    let dot: f64 = 0;
    for (let j = 0; j < n; j++) {
      const o = off + (<usize>j << 2);
      dot += <f64>load<f32>(g + o) * <f64>load<f32>(y + o);
    }
    const dv = f64x2.splat(dot);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = off + (<usize>j << 2);
      storeF32x2(out + o, f64x2.mul(f32x2(y + o), f64x2.sub(f32x2(g + o), dv)));
    }
    for (; j < n; j++) {
      const o = off + (<usize>j << 2);
      store<f32>(out + o, <f32>(<f64>load<f32>(y + o) * (<f64>load<f32>(g + o) - dot)));
    }
  }
}

/** log_softmax backward from y: dx = g − e^y·Σ g per row. */
export function logSoftmaxBackwardRows(y: usize, g: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>n << 2;
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) sum += <f64>load<f32>(g + off + (<usize>j << 2));
    for (let j = 0; j < n; j++) {
      const o = off + (<usize>j << 2);
      store<f32>(out + o, <f32>(<f64>load<f32>(g + o) - Math.exp(<f64>load<f32>(y + o)) * sum));
    }
  }
}

// ---------------------------------------------------------------------------
// σ, tanh and GELU forward, GELU backward (activations.ts, elementwise.ts): the JS's float64
// formulas, two lanes at a time, with exp computed here (simd-math.ts exp2x) where the JS calls
// V8's Math.exp / Math.tanh. exp2x's relative error is below 1e-14, far below a float32
// unit in the last place (6e-8), so after rounding to float32 the results agree with the
// JS's or, at a rounding tie, differ by one unit (tests/engine/wasm-elementwise.test.ts
// measures it over [−40, 40], the extremes, NaN and ±∞).

/** The JS's sigmoidScalar on two lanes: 1/(1 + e^−v) for v ≥ 0, e^v/(1 + e^v) otherwise (and for NaN). */
@inline
function sigmoid2(v: v128): v128 {
  const one = f64x2.splat(1);
  const e = exp2x(f64x2.neg(f64x2.abs(v)));
  const pos = f64x2.div(one, f64x2.add(one, e));
  const neg = f64x2.div(e, f64x2.add(one, e));
  return v128.bitselect(pos, neg, f64x2.ge(v, f64x2.splat(0)));
}

/** The JS's erf (Numerical Recipes' erfc by Chebyshev fitting, |error| < 1.2e-7), term for term, on two lanes. */
@inline
function erf2(x: v128): v128 {
  const one = f64x2.splat(1);
  const z = f64x2.abs(x);
  const t = f64x2.div(one, f64x2.add(one, f64x2.mul(f64x2.splat(0.5), z)));
  let q = f64x2.splat(0.17087277);
  q = f64x2.add(f64x2.splat(-0.82215223), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(1.48851587), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(-1.13520398), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(0.27886807), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(-0.18628806), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(0.09678418), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(0.37409196), f64x2.mul(t, q));
  q = f64x2.add(f64x2.splat(1.00002368), f64x2.mul(t, q));
  const arg = f64x2.add(f64x2.sub(f64x2.mul(f64x2.neg(z), z), f64x2.splat(1.26551223)), f64x2.mul(t, q));
  const r = f64x2.mul(t, exp2x(arg));
  return v128.bitselect(f64x2.sub(one, r), f64x2.sub(r, one), f64x2.ge(x, f64x2.splat(0)));
}

const SQRT1_2: f64 = Math.SQRT1_2;
const INV_SQRT_2PI: f64 = 1 / Math.sqrt(2 * Math.PI);

/** 0.5·x·(1 + erf(x/√2)) on two lanes. */
@inline
function gelu2(v: v128): v128 {
  const half = f64x2.splat(0.5);
  return f64x2.mul(f64x2.mul(half, v), f64x2.add(f64x2.splat(1), erf2(f64x2.mul(v, f64x2.splat(SQRT1_2)))));
}

/** Φ(x) + x·φ(x) = 0.5·(1 + erf(x/√2)) + x·(1/√(2π))·e^(−x²/2) on two lanes. */
@inline
function geluSlope2(v: v128): v128 {
  const phi = f64x2.mul(f64x2.splat(0.5), f64x2.add(f64x2.splat(1), erf2(f64x2.mul(v, f64x2.splat(SQRT1_2)))));
  const dens = f64x2.mul(f64x2.mul(v, f64x2.splat(INV_SQRT_2PI)), exp2x(f64x2.mul(f64x2.mul(f64x2.splat(-0.5), v), v)));
  return f64x2.add(phi, dens);
}

/** out = f(x) two floats at a time; a last odd float by the same code on one lane. */
@inline
function unary2(x: usize, out: usize, n: i32, kind: i32): void {
  let i = 0;
  for (; i < n; i += 2) {
    const o = <usize>i << 2;
    const v = i + 2 <= n ? f32x2(x + o) : f64x2.promote_low_f32x4(v128.load32_zero(x + o));
    const y = kind == 0 ? sigmoid2(v) : kind == 1 ? tanh2(v) : gelu2(v);
    const yf = f32x4.demote_f64x2_zero(y);
    if (i + 2 <= n) v128.store64_lane(out + o, yf, 0);
    else v128.store32_lane(out + o, yf, 0);
  }
}

export function sigmoid(x: usize, out: usize, n: i32): void {
  unary2(x, out, n, 0);
}
export function tanh(x: usize, out: usize, n: i32): void {
  unary2(x, out, n, 1);
}
export function gelu(x: usize, out: usize, n: i32): void {
  unary2(x, out, n, 2);
}

/** out = g·(Φ(x) + x·φ(x)). */
export function geluBackward(x: usize, g: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i < n; i += 2) {
    const o = <usize>i << 2;
    const two = i + 2 <= n;
    const v = two ? f32x2(x + o) : f64x2.promote_low_f32x4(v128.load32_zero(x + o));
    const gv = two ? f32x2(g + o) : f64x2.promote_low_f32x4(v128.load32_zero(g + o));
    const yf = f32x4.demote_f64x2_zero(f64x2.mul(gv, geluSlope2(v)));
    if (two) v128.store64_lane(out + o, yf, 0);
    else v128.store32_lane(out + o, yf, 0);
  }
}

// ---------------------------------------------------------------------------
// cross_entropy (src/engine/ops/loss.ts): each row's log Σ e^x = m + log Σ e^(x − m), m the
// row's maximum (Math.max's: a NaN sticks), summed in order in float64 as the JS; exp and
// log are AssemblyScript's, as in softmaxRows. The loss and its gradient are then a few
// operations per element, done from these.

/** lse of `rows` rows of n into scratch [0, rows). */
export function rowLogSumExp(x: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>n << 2);
    let m: f64 = -Infinity;
    for (let j = 0; j < n; j++) {
      // f64.max is Math.max: NaN if either is NaN, +0 above −0.
      m = max(m, <f64>load<f32>(row + (<usize>j << 2)));
    }
    let s: f64 = 0;
    for (let j = 0; j < n; j++) s += Math.exp(<f64>load<f32>(row + (<usize>j << 2)) - m);
    store<f64>(SCRATCH + (<usize>r << 3), m + Math.log(s));
  }
}

/** out = e^(x − lse)·scale for `rows` rows of n, lse from scratch (rowLogSumExp's). */
export function crossEntropyGradRows(x: usize, out: usize, rows: i32, n: i32, scale: f64): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>n << 2;
    const lse = load<f64>(SCRATCH + (<usize>r << 3));
    for (let j = 0; j < n; j++) {
      const o = off + (<usize>j << 2);
      store<f32>(out + o, <f32>(Math.exp(<f64>load<f32>(x + o) - lse) * scale));
    }
  }
}
