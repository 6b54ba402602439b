/**
 * 1216 → "1,216", the way the notes and papers print counts. Done by hand:
 * Number#toLocaleString loads ICU's number formatting on first use (~12 ms),
 * which a CLI answering in one shot cannot afford.
 */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n);
  // Beyond 2^53 a double's digits are not the count's (1048576³·1048576 is not …847,000): say it is rounded.
  if (Math.abs(r) > Number.MAX_SAFE_INTEGER) return `≈${r.toExponential(3)}`;
  const s = String(Math.abs(r));
  return (r < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
