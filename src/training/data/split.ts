/**
 * Train/test split of labelled points, stratified: each class gives the same
 * fraction of its points to the test set, so both sets keep the class balance
 * (a random split of a small set can leave a class almost out of the test).
 */
import { mulberry32 } from '../../engine/random.js';
import { shuffleWith } from '../../engine/shuffle.js';
import type { PointSet } from './types.js';

/** The test set's share: enough points on both sides to learn and to measure. */
export const TEST_SPLIT_RANGE = { min: 0.05, max: 0.9 } as const;

function take(all: PointSet, idx: readonly number[]): PointSet {
  const points = new Float32Array(idx.length * 2);
  const labels = new Int32Array(idx.length);
  idx.forEach((src, i) => {
    points[2 * i] = all.points[2 * src];
    points[2 * i + 1] = all.points[2 * src + 1];
    labels[i] = all.labels[src];
  });
  return { points, labels, n: idx.length, classes: all.classes };
}

/**
 * Splits `all` into train and test. Every class with at least two points keeps
 * at least one on each side. Both sets come out shuffled (seeded), so a batch
 * taken in order is not one class.
 */
export function splitPoints(all: PointSet, testSplit: number, seed: number): { train: PointSet; test: PointSet } {
  const next = mulberry32(seed ^ 0x5bd1e995);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < all.classes; c++) {
    const members: number[] = [];
    for (let i = 0; i < all.n; i++) if (all.labels[i] === c) members.push(i);
    const order = shuffleWith(members, next);
    let nTest = Math.round(order.length * testSplit);
    if (order.length >= 2) nTest = Math.min(Math.max(nTest, 1), order.length - 1);
    test.push(...order.slice(0, nTest));
    train.push(...order.slice(nTest));
  }
  return { train: take(all, shuffleWith(train, next)), test: take(all, shuffleWith(test, next)) };
}
