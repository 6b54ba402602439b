/**
 * Counts (parameters, weights, inputs) as the student sees them. A double is
 * exact only up to 2^53, so counts are multiplied as BigInt where the REPL
 * computes them itself, and a count that is only known as a double beyond
 * 2^53 is marked as rounded rather than printed as if exact (fmtExact and
 * fmtCount in i18n/numbers.ts write them).
 */

/** The exact product of whole numbers. */
export function exactProduct(...factors: readonly number[]): bigint {
  let p = 1n;
  for (const f of factors) p *= BigInt(f);
  return p;
}

/** In JSON: a number while it is exact, else the exact digits as a string (a double would change them). */
export function countJson(n: bigint): number | string {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

