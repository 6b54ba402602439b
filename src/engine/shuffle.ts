/**
 * Seeded orders: the one Fisher–Yates shuffle and the one string hash behind
 * every order a student sees (quiz options and items, lesson check options,
 * lesson demo values, quiz session plans), so an order is reproducible from
 * its seed and made the same way everywhere.
 */
import { mulberry32 } from './random.js';

/** FNV-1a over the UTF-16 code units: a text (a question id, its options) → a 32-bit seed. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A shuffled copy of `items` (Fisher–Yates), drawing from `next` (uniform in [0, 1)). */
export function shuffleWith<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A shuffled copy of `items`, the same for the same seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  return shuffleWith(items, mulberry32(seed));
}

/** 0…n−1 in an order decided by the seed. */
export function shuffledIndices(n: number, seed: number): number[] {
  return shuffled([...Array(n).keys()], seed);
}

/**
 * 0…n−1 in a seeded order that is not 0…n−1 itself, for questions whose answer
 * is the order: shown in order, the answer would be on the screen. Reshuffles
 * (up to 10 times, then reverses) when the shuffle happens to change nothing.
 */
export function shuffledOutOfOrder(n: number, seed: number): number[] {
  const next = mulberry32(seed);
  const inOrder = [...Array(n).keys()];
  for (let attempt = 0; attempt < 10; attempt++) {
    const idx = shuffleWith(inOrder, next);
    if (idx.some((v, i) => v !== i)) return idx;
  }
  return inOrder.reverse();
}
