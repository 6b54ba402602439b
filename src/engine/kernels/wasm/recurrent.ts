// AssemblyScript, not TypeScript: compiled with the GEMM (index.ts is the entry).
//
// The LSTM's gate loops (src/engine/ops/lstm-gates.ts, for lstm_sequence's forward and
// backward) for one time step of the whole batch: the twin of the JS loops, same formulas in
// the same order, in float64 (the JS's numbers) with a float32 rounding at each store, two
// lanes at a time. exp and tanh are simd-math.ts's exp2x and tanh2, within 1e-14 of
// V8's, so a result agrees with the JS's or differs by a unit in the last place at a rounding
// tie. Arguments are byte addresses in this module's memory, strides in floats; the caller
// (src/engine/wasm-recurrent.ts) has checked every bound. Row n of a strided array starts at
// base + n·stride floats.

import { exp2x, tanh2 } from './simd-math';

/** Two float32s at `at` as float64 lanes; only the first when `two` is false (the second lane 0). */
@inline
function load2(at: usize, two: bool): v128 {
  return f64x2.promote_low_f32x4(two ? v128.load64_zero(at) : v128.load32_zero(at));
}

/** The two float64 lanes rounded to float32 at `at`; only the first when `two` is false. */
@inline
function store2(at: usize, v: v128, two: bool): void {
  const f = f32x4.demote_f64x2_zero(v);
  if (two) v128.store64_lane(at, f, 0);
  else v128.store32_lane(at, f, 0);
}

/** The JS's sig: 1/(1 + e^−v) (recurrent.ts), not the two-branch σ of activations.ts. */
@inline
function sig2(v: v128): v128 {
  const one = f64x2.splat(1);
  return f64x2.div(one, f64x2.add(one, exp2x(f64x2.neg(v))));
}

/**
 * Forward, one step. z: each row's pre-activations [i | f | g | o] (4H floats, without the
 * bias), overwritten by the activated gates σ(i), σ(f), tanh(g), σ(o). b: the 4H summed
 * biases. prev: c_{t−1} (0 for zeros). cells, out: c_t and h_t = σ(o)·tanh(c_t).
 */
export function lstmGatesForward(
  z: usize, zStride: i32, b: usize, prev: usize, prevStride: i32,
  cells: usize, out: usize, hStride: i32, N: i32, H: i32,
): void {
  const zero = f64x2.splat(0);
  const gate = <usize>H << 2;
  for (let n = 0; n < N; n++) {
    const zr = z + (<usize>n * <usize>zStride << 2);
    const pr = prev + (<usize>n * <usize>prevStride << 2);
    const hr = <usize>n * <usize>hStride << 2;
    for (let j = 0; j < H; j += 2) {
      const two = j + 2 <= H;
      const o = <usize>j << 2;
      const zi = zr + o;
      const bi = b + o;
      const ig = sig2(f64x2.add(load2(zi, two), load2(bi, two)));
      const fg = sig2(f64x2.add(load2(zi + gate, two), load2(bi + gate, two)));
      const gg = tanh2(f64x2.add(load2(zi + 2 * gate, two), load2(bi + 2 * gate, two)));
      const og = sig2(f64x2.add(load2(zi + 3 * gate, two), load2(bi + 3 * gate, two)));
      const cp = prev != 0 ? load2(pr + o, two) : zero;
      const c = f64x2.add(f64x2.mul(fg, cp), f64x2.mul(ig, gg));
      store2(zi, ig, two);
      store2(zi + gate, fg, two);
      store2(zi + 2 * gate, gg, two);
      store2(zi + 3 * gate, og, two);
      store2(cells + hr + o, c, two);
      store2(out + hr + o, f64x2.mul(og, tanh2(c)), two);
    }
  }
}

/**
 * Backward, one step. gates (the forward's activated z, stride zStride), cells (c_t, stride
 * hStride), prev (c_{t−1}, 0 for zeros), gOut (the gradient of h_t from above, 0 for none)
 * in; dh (the gradient into h_t from step t + 1) and dc (into c_t), both [N, H], in; dz (the
 * pre-activations' gradient, laid out as the gates) out, and dc ← the gradient into c_{t−1}.
 */
export function lstmGatesBackward(
  gates: usize, zStride: i32, cells: usize, hStride: i32, prev: usize, prevStride: i32,
  gOut: usize, dh: usize, dc: usize, dz: usize, N: i32, H: i32,
): void {
  const one = f64x2.splat(1);
  const zero = f64x2.splat(0);
  const gate = <usize>H << 2;
  for (let n = 0; n < N; n++) {
    const zr = <usize>n * <usize>zStride << 2;
    const hr = <usize>n * <usize>hStride << 2;
    const pr = prev + (<usize>n * <usize>prevStride << 2);
    const kr = <usize>n * <usize>H << 2;
    for (let j = 0; j < H; j += 2) {
      const two = j + 2 <= H;
      const o = <usize>j << 2;
      const gz = gates + zr + o;
      // As the JS: dh + gOut, or dh + 0 (which turns −0 into +0).
      const gh = f64x2.add(load2(dh + kr + o, two), gOut != 0 ? load2(gOut + hr + o, two) : zero);
      const ig = load2(gz, two);
      const fg = load2(gz + gate, two);
      const gg = load2(gz + 2 * gate, two);
      const og = load2(gz + 3 * gate, two);
      const tc = tanh2(load2(cells + hr + o, two));
      const gc = f64x2.add(load2(dc + kr + o, two), f64x2.mul(f64x2.mul(gh, og), f64x2.sub(one, f64x2.mul(tc, tc))));
      const cp = prev != 0 ? load2(pr + o, two) : zero;
      const dzr = dz + zr + o;
      store2(dzr, f64x2.mul(f64x2.mul(f64x2.mul(gc, gg), ig), f64x2.sub(one, ig)), two);
      store2(dzr + gate, f64x2.mul(f64x2.mul(f64x2.mul(gc, cp), fg), f64x2.sub(one, fg)), two);
      store2(dzr + 2 * gate, f64x2.mul(f64x2.mul(gc, ig), f64x2.sub(one, f64x2.mul(gg, gg))), two);
      store2(dzr + 3 * gate, f64x2.mul(f64x2.mul(f64x2.mul(gh, tc), og), f64x2.sub(one, og)), two);
      store2(dc + kr + o, f64x2.mul(gc, fg), two);
    }
  }
}

/**
 * sums[j] = Σ_r x[r·n + j] in float64 over `rows` rows of n (the biases' gradient from dz, in
 * recurrent-seq.ts weightGrads): each column is summed from row 0 down, as the JS loop does,
 * so the sums are the JS's to the bit. `sums`: n float64s (8-byte aligned), overwritten.
 */
export function columnSumsF64(x: usize, rows: i32, n: i32, sums: usize): void {
  memory.fill(sums, 0, <usize>n << 3);
  for (let r = 0; r < rows; r++) {
    const row = x + (<usize>r * <usize>n << 2);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const s = sums + (<usize>j << 3);
      v128.store(s, f64x2.add(v128.load(s), f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>j << 2)))));
    }
    for (; j < n; j++) {
      const s = sums + (<usize>j << 3);
      store<f64>(s, load<f64>(s) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
}
