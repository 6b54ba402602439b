import { editDistance } from '../engine/edit-distance.js';

/** The closest candidates to a mistyped word, best first. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  // One letter differs from every other letter by one edit: X=3 is not a typo of b=, so only a case slip counts.
  const limit = w.length === 1 ? 0 : w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist <= limit || (w.length >= 3 && c.toLowerCase().startsWith(w))) scored.push([c, dist]);
  }
  return [...new Set(scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([c]) => c))].slice(0, max);
}
