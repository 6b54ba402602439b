/**
 * The generated 2D sets carry their pattern: a 1-nearest-neighbour classifier
 * (no training, no engine) predicts the test points from the train points.
 * Clean data → nearly all right; heavy noise → clearly worse, so "noise" means something.
 */
import { describe, expect, it } from 'vitest';
import { circles } from '../../../src/training/data/circles.js';
import { gaussian } from '../../../src/training/data/gaussian.js';
import { make2D, type Generator2D } from '../../../src/training/data/points-2d.js';
import { spiral } from '../../../src/training/data/spiral.js';
import type { PointData } from '../../../src/training/data/types.js';
import { xor } from '../../../src/training/data/xor.js';

function nearestNeighbourAccuracy(d: PointData): number {
  let right = 0;
  for (let i = 0; i < d.test.n; i++) {
    const [x, y] = [d.test.points[2 * i], d.test.points[2 * i + 1]];
    let best = Infinity;
    let label = -1;
    for (let j = 0; j < d.train.n; j++) {
      const dist = (d.train.points[2 * j] - x) ** 2 + (d.train.points[2 * j + 1] - y) ** 2;
      if (dist < best) [best, label] = [dist, d.train.labels[j]];
    }
    if (label === d.test.labels[i]) right++;
  }
  return right / d.test.n;
}

function accuracy(gen: Generator2D, classes: number, noise: number): number {
  const r = make2D(gen, { size: 1000, classes, noise, seed: 3 });
  if (!r.ok) throw new Error(r.error.en);
  return nearestNeighbourAccuracy(r.value);
}

describe('2D sets are learnable, and noise makes them harder', () => {
  for (const [gen, classes] of [[spiral, 2], [spiral, 5], [circles, 2], [circles, 5], [xor, 2], [gaussian, 2], [gaussian, 5]] as const) {
    it(`${gen.id}, ${classes} classes`, () => {
      const clean = accuracy(gen, classes, 0);
      const noisy = accuracy(gen, classes, 0.5);
      expect(clean).toBeGreaterThanOrEqual(0.95);
      expect(noisy).toBeLessThan(clean - 0.03);
    });
  }
});
