/** Small pieces the text and sequence tasks share: counting right answers, seeding an epoch. */
import { mulberry32 } from '../../engine/random.js';

/** How many rows of `logits` [rows, classes] have their largest value at `targets[row]` (ties: the first). */
export function countCorrect(logits: ArrayLike<number>, targets: ArrayLike<number>, classes: number): number {
  let correct = 0;
  for (let r = 0; r < targets.length; r++) {
    const o = r * classes;
    let best = 0;
    for (let j = 1; j < classes; j++) if (logits[o + j] > logits[o + best]) best = j;
    if (best === targets[r]) correct++;
  }
  return correct;
}

/** A generator for epoch `epoch` of a run seeded `seed`: every epoch its own, the same on every rerun. */
export function epochRng(seed: number, epoch: number): () => number {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);
}

/** 0 … n−1 in a seeded order (Fisher–Yates). */
export function shuffled(n: number, rng: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
