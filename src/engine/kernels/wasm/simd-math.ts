// AssemblyScript, not TypeScript: float64 math on two SIMD lanes, shared by the kernel files
// (elementwise.ts, recurrent.ts). Not re-exported by index.ts: v128 values cannot cross to JS.
//
// e^x and tanh as the JS's V8 Math.exp / Math.tanh would give them in float64, to within a
// relative 1e-14 (far below a float32 unit in the last place, 6e-8), so after rounding to
// float32 the kernels agree with the JS loops or, at a rounding tie, differ by one unit.

const LOG2E: f64 = 1.4426950408889634;
/** ln 2 split in two (fdlibm's): k·LN2_HI is exact for |k| < 2²⁰. */
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;

/** 2^k for integral k in [−1022, 1023] held as float64 lanes, built from the exponent bits. */
@inline
function pow2(k: v128): v128 {
  const e = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  return i64x2.shl(i64x2.add(e, i64x2.splat(1023)), 52);
}

/** 1.5·2⁵²: adding it rounds a float64 below 2⁵¹ in magnitude to an integer (ties to even, as f64x2.nearest). */
const ROUNDER: f64 = 6755399441055744.0;

/**
 * e^x on two float64 lanes: k = round(x·log₂e), r = x − k·ln 2 (|r| ≤ 0.35, in two steps so
 * it is exact to float64), e^r by its Taylor series to r¹¹ (truncation below 7e-15), times 2^k.
 * When both lanes lie in [−708, 708] (training's gates almost always), k is rounded by adding
 * ROUNDER and 2^k is made in one step from the rounded bits (only the low 12 bits of k + 1023
 * survive the shift into the exponent); otherwise expWide2 does the same with the range held
 * and 2^k in two factors. Both give the same bits for the same x (a product with a power of
 * two is exact while it stays normal), so the fast path changes speed, not results.
 */
@inline
export function exp2x(x: v128): v128 {
  // NaN fails the test and takes the wide path, which keeps it NaN.
  if (!i64x2.all_true(f64x2.le(f64x2.abs(x), f64x2.splat(708)))) return expWide2(x);
  const t = f64x2.add(f64x2.mul(x, f64x2.splat(LOG2E)), f64x2.splat(ROUNDER));
  const k = f64x2.sub(t, f64x2.splat(ROUNDER));
  const p = expReduced2(x, k);
  return f64x2.mul(p, i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52));
}

/** e^r by its Taylor series for r = x − k·ln 2. */
@inline
function expReduced2(x: v128, k: v128): v128 {
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2.splat(LN2_HI))), f64x2.mul(k, f64x2.splat(LN2_LO)));
  let p = f64x2.splat(1.0 / 39916800.0);
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 3628800.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 362880.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 40320.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 5040.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 720.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 120.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 24.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 6.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  return f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
}

/**
 * exp2x for any x: first held inside [−746, 710] (below, e^x is 0 in float64; above, ∞, both
 * as the scaling then rounds; NaN stays NaN, min and max propagate it), then 2^k applied as
 * 2^⌊k/2⌋·2^(k−⌊k/2⌋) so that neither factor leaves the normal range.
 */
function expWide2(x0: v128): v128 {
  const x = f64x2.min(f64x2.max(x0, f64x2.splat(-746)), f64x2.splat(710));
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(LOG2E)));
  const p = expReduced2(x, k);
  const k1 = f64x2.floor(f64x2.mul(k, f64x2.splat(0.5)));
  return f64x2.mul(f64x2.mul(p, pow2(k1)), pow2(f64x2.sub(k, k1)));
}

/**
 * tanh on two lanes: 1 − 2/(e^(2|x|) + 1) with x's sign; below |x| = 2⁻⁸ (where that
 * subtraction would cancel) the series x − x³/3 + 2x⁵/15 − 17x⁷/315, written so that −0
 * stays −0. NaN: the first form, NaN.
 */
@inline
export function tanh2(x: v128): v128 {
  const one = f64x2.splat(1);
  const ax = f64x2.abs(x);
  const big = f64x2.sub(one, f64x2.div(f64x2.splat(2), f64x2.add(exp2x(f64x2.add(ax, ax)), one)));
  const signed = v128.or(big, v128.and(x, f64x2.splat(-0.0)));
  const x2 = f64x2.mul(x, x);
  let q = f64x2.splat(-17.0 / 315.0);
  q = f64x2.add(f64x2.mul(q, x2), f64x2.splat(2.0 / 15.0));
  q = f64x2.add(f64x2.mul(q, x2), f64x2.splat(-1.0 / 3.0));
  const small = f64x2.add(x, f64x2.mul(x, f64x2.mul(x2, q)));
  return v128.bitselect(small, signed, f64x2.lt(ax, f64x2.splat(0.00390625)));
}

