/** Damerau–Levenshtein distance (adjacent swaps count once: "comv" → "conv" = 1). */
export function distance(a: string, b: string): number {
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
  return d[m][n];
}

/** The closest candidates to a mistyped word, best first. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  // One letter differs from every other letter by one edit: X=3 is not a typo of b=, so only a case slip counts.
  const limit = w.length === 1 ? 0 : w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const dist = distance(w, c.toLowerCase());
    if (dist <= limit || (w.length >= 3 && c.toLowerCase().startsWith(w))) scored.push([c, dist]);
  }
  return [...new Set(scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([c]) => c))].slice(0, max);
}
