/**
 * 1216 → "1,216", the way the notes and papers print counts. Done by hand:
 * Number#toLocaleString loads ICU's number formatting on first use (~12 ms),
 * which a CLI answering in one shot cannot afford.
 */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n);
  const s = String(Math.abs(r));
  if (s.includes('e')) return String(r);
  return (r < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
