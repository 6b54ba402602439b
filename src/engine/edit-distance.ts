/**
 * How many one-letter edits turn one word into another — the measure behind
 * every "did you mean" (REPL commands and networks, evaluator names, quiz
 * topics, engine op names). Damerau's optimal string alignment: an insertion,
 * a deletion, a substitution or a swap of two neighbouring letters each count
 * once, because a swap ("comv", "sqtr") is the commonest typo.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  // Names differing in length by more than `max` are never close: skip the table.
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return Math.min(d[m][n], max + 1);
}
