/**
 * Helpers the question generators share: a seeded random source with the
 * small choices generators make (pick, whole numbers in a range, shuffles),
 * number formatting for prompts and worked solutions, and joining bilingual
 * paragraphs (English with spaces, Chinese without).
 */
import { mulberry32 } from '../../engine/random.js';
import { shuffleWith } from '../../engine/shuffle.js';
import type { Msg } from '../../i18n/index.js';
import { fmtNum as fmtNumAt, paren as parenAt } from '../../i18n/numbers.js';

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

// Prompts and worked solutions show up to 3 decimals (the lessons 2): the same rules as every view, another default.

/** A number for prompts and formulas: real minus sign, at most `digits` decimals, no trailing zeros. */
export function fmtNum(v: number, digits = 3): string {
  return fmtNumAt(v, digits);
}

/** A number inside a formula, in parentheses when negative: 2·(−3). */
export function paren(v: number, digits = 3): string {
  return parenAt(v, digits);
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
