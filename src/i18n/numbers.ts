/**
 * How nnlearn writes numbers, in one place for every view: lessons, REPL,
 * quiz, figures and the evaluator's messages. Each function is one rule a
 * student sees; where two rules differ, both are here under names that say
 * how (the lessons, questions and figures printed with each must not change).
 *
 * Conventions: "−" (U+2212, the minus of the formulas beside the numbers)
 * wherever a number is read as prose or a formula; ASCII "-" where output may
 * be read back (figures, the evaluator's "as typed" numbers, exponents).
 */
import { groupDigits } from '../engine/format.js';
import { msg, type Msg } from './index.js';

// ---------------------------------------------------------------------------
// Counts

/** Groups digits the way the notes and papers print parameter counts: 1,216. */
export function fmtInt(n: number): string {
  return groupDigits(n);
}

/** An exact count with digit groups: 999,999,998,000,000,001. */
export function fmtExact(n: bigint): string {
  const s = (n < 0n ? -n : n).toString();
  return (n < 0n ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count known only as a double: exact with digit groups, or "≈ 1.000e+18 (rounded …)" beyond 2^53. */
export function fmtCount(n: number): Msg {
  if (Number.isSafeInteger(n)) return msg(fmtExact(BigInt(n)), fmtExact(BigInt(n)));
  const approx = `≈ ${n.toExponential(3)}`;
  return msg(`${approx} (rounded: beyond exact double precision)`, `${approx}（已舍入：超出双精度能精确表示的范围）`);
}

/**
 * A size in an evaluator message: 1000000000 → "1,000,000,000", ∞ for an
 * endless one, 1e21 and beyond in exponent form (their digits are not exact).
 */
export function fmtSizeCount(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : String(n);
  if (n >= 1e21) return n.toExponential(2).replace('e+', 'e');
  return groupDigits(n);
}

/** A number as a student would type it back into the evaluator: 1e9 rather than 1000000000. */
export function fmtAsTyped(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e5) {
    const e = n.toExponential();
    if (/^-?\d(\.\d{1,2})?e\+\d+$/.test(e)) return e.replace('e+', 'e');
  }
  return String(n);
}

// ---------------------------------------------------------------------------
// Prose and formulas: real minus sign, at most `digits` decimals, no trailing zeros.
// Two roundings are in use, and they differ on ties: fmtNum rounds v·10^digits
// half up (Math.round: 1.115 → 1.12, −2.5 → −2), fmtDecimals rounds the exact
// decimal value half away from zero (toFixed: 1.115 → 1.11, −2.5 → −3). The dnn
// and convolution lessons and the quiz's worked solutions print with the first,
// the pooling, normalization, RNN, LSTM and Transformer lessons with the second.

/** Rounded half up at `digits` decimals (the dnn/conv lessons, the quiz's prompts and solutions). */
export function fmtNum(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 10 ** digits) / 10 ** digits;
  // Below 1e-12 is rounding noise (fmtSig asks for many decimals of tiny values): 0.
  const s = Math.abs(r) < 1e-12 ? '0' : String(r);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** Rounded as toFixed rounds (the pooling, normalization, RNN, LSTM and Transformer lessons); ∞ for infinities. */
export function fmtDecimals(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : 'NaN';
  const r = Number(v.toFixed(digits));
  if (Object.is(r, -0) || r === 0) return '0';
  return r < 0 ? `−${String(-r)}` : String(r);
}

/**
 * A value as the REPL reports it in prose (ranges, norms, clipped values): up to `digits`
 * decimals without trailing zeros, exponent form outside 1e-4 … 1e6, ASCII minus so it can be
 * typed back; NaN and ±∞ by name.
 */
export function fmtValue(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toExponential(2);
  return String(Number(v.toFixed(digits)));
}

/** A factor in a product: negative numbers in parentheses, "2·(−3)". */
export function paren(v: number, digits = 2): string {
  const s = fmtNum(v, digits);
  return s.startsWith('−') ? `(${s})` : s;
}

/** `sig` significant digits (4 → 0.1216, 12.16, 1216), real minus sign. */
export function fmtSig(v: number, sig = 4): string {
  if (v === 0) return '0';
  const p = Math.floor(Math.log10(Math.abs(v)));
  return fmtNum(v, Math.max(0, sig - 1 - p));
}

/** Exactly `digits` decimals with a real minus sign (0.50, −1.25, never −0.00), right-aligned to `w` columns. */
export function fixed(v: number, digits = 2, w = 0): string {
  const r = Number(v.toFixed(digits));
  const s = (Object.is(r, -0) ? 0 : r).toFixed(digits).replace('-', '−');
  return ' '.repeat(Math.max(0, w - s.length)) + s;
}

/** Small or large numbers in scientific form (−2.7e-8: only the sign is a real minus), others as fmtDecimals(v, 3). */
export function fmtSci(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 0.001 && a < 1e5) return fmtDecimals(v, 3);
  return v.toExponential(1).replace(/^-/, '−');
}

/** Three significant digits with trailing zeros kept, so a column reads alike ("4.00" under "2.33"); exponent form outside 0.01…10⁴. */
export function fmtSig3(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 && a < 1e4) return String(Math.round(v)).replace('-', '−');
  if (a >= 0.01 && a < 1000) return v.toPrecision(3).replace('-', '−');
  return v.toExponential(1);
}

// ---------------------------------------------------------------------------
// Figures (matrices, heatmaps, charts, the stepper): ASCII minus, so the output can be read back.

/**
 * A number at a fixed precision for aligned columns. Values that would round
 * to 0 (but are not 0) or that are very large switch to exponent notation, so
 * 1e-7 never prints as 0.00. NaN → nan, ±Infinity → inf / -inf.
 */
export function fmtFixed(v: number, precision: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return precision > 0 ? (0).toFixed(precision) : '0';
  const a = Math.abs(v);
  // Too small to show at this precision: one significant digit, as wide as 0.00.
  if (a < 0.5 * 10 ** -precision) return trimExp(v.toExponential(0));
  if (a >= 1e6) return trimExp(v.toExponential(Math.max(1, Math.min(precision, 2))));
  const s = v.toFixed(precision);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A compact number for legends and axes: about 3 significant digits. */
export function fmtShort(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return trimExp(v.toExponential(2));
  return Number(v.toPrecision(3)).toString();
}

/** 1.20e+5 → 1.2e5, 1.00e-7 → 1e-7. */
function trimExp(s: string): string {
  return s.replace(/\.?0+e/, 'e').replace('e+', 'e');
}
