/**
 * Counts (parameters, weights, inputs) as the student sees them. A double is
 * exact only up to 2^53, so counts are multiplied as BigInt where the REPL
 * computes them itself, and a count that is only known as a double beyond
 * 2^53 is marked as rounded rather than printed as if exact.
 */
import { msg, type Msg } from '../i18n/index.js';

/** The exact product of whole numbers. */
export function exactProduct(...factors: readonly number[]): bigint {
  let p = 1n;
  for (const f of factors) p *= BigInt(f);
  return p;
}

/** An exact count with digit groups: 999,999,998,000,000,001. */
export function fmtExact(n: bigint): string {
  const s = (n < 0n ? -n : n).toString();
  return (n < 0n ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** In JSON: a number while it is exact, else the exact digits as a string (a double would change them). */
export function countJson(n: bigint): number | string {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/** A count known only as a double: exact with digit groups, or "≈ 1.000e+18 (rounded …)" beyond 2^53. */
export function fmtCount(n: number): Msg {
  if (Number.isSafeInteger(n)) return msg(group(n), group(n));
  const approx = `≈ ${n.toExponential(3)}`;
  return msg(`${approx} (rounded: beyond exact double precision)`, `${approx}（已舍入：超出双精度能精确表示的范围）`);
}

function group(n: number): string {
  return fmtExact(BigInt(n));
}
