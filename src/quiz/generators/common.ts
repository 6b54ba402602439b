/**
 * Helpers the question generators share: a seeded random source with the
 * small choices generators make (pick, whole numbers in a range, shuffles),
 * number formatting for prompts and worked solutions, and joining bilingual
 * paragraphs (English with spaces, Chinese without).
 */
import { mulberry32 } from '../../engine/random.js';
import { shuffleWith } from '../../engine/shuffle.js';
import { fmtInt, type Msg } from '../../i18n/index.js';

export { fmtInt };

/** A seeded source of choices; the same seed always makes the same choices. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }
  /** A whole number in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    return shuffleWith(items, this.next);
  }
}

/** A number for prompts and formulas: real minus sign, at most `digits` decimals, no trailing zeros. */
export function fmtNum(v: number, digits = 3): string {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  const s = String(Math.abs(r) < 1e-12 ? 0 : Math.abs(r));
  return r < 0 && Math.abs(r) >= 1e-12 ? `−${s}` : s;
}

/** A number with `sig` significant digits (4 → 0.1216, 12.16, 1216), real minus sign. */
export function fmtSig(v: number, sig = 4): string {
  if (v === 0) return '0';
  const p = Math.floor(Math.log10(Math.abs(v)));
  const digits = Math.max(0, sig - 1 - p);
  return fmtNum(v, digits);
}

/** A number inside a formula, in parentheses when negative: 2·(−3). */
export function paren(v: number, digits = 3): string {
  const s = fmtNum(v, digits);
  return s.startsWith('−') ? `(${s})` : s;
}

/** A vector as the notes write it: [2, −3, 6]. */
export function fmtVec(v: readonly number[], digits = 3): string {
  return `[${v.map((x) => fmtNum(x, digits)).join(', ')}]`;
}

/** The notes' volume order W×H×D. */
export function vol(w: number, h: number, d: number): string {
  return `${w}×${h}×${d}`;
}

/** Joins paragraphs: English with a space, Chinese without (its sentences end in full-width punctuation). */
export function joinParas(parts: readonly (Msg | null | undefined | false)[]): Msg {
  const kept = parts.filter((p): p is Msg => !!p);
  return { en: kept.map((p) => p.en).join(' '), zh: kept.map((p) => p.zh).join('') };
}
