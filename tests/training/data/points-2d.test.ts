import { describe, expect, it } from 'vitest';
import { circles } from '../../../src/training/data/circles.js';
import { gaussian } from '../../../src/training/data/gaussian.js';
import { make2D, type Generator2D } from '../../../src/training/data/points-2d.js';
import { spiral } from '../../../src/training/data/spiral.js';
import type { PointData, PointSet } from '../../../src/training/data/types.js';
import { xor } from '../../../src/training/data/xor.js';

const GENERATORS: Generator2D[] = [spiral, circles, xor, gaussian];

function made(gen: Generator2D, opts: Parameters<typeof make2D>[1] = {}): PointData {
  const r = make2D(gen, opts);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

function counts(s: PointSet): number[] {
  const c = new Array(s.classes).fill(0);
  for (const l of s.labels) c[l]++;
  return c;
}

describe('2D sets', () => {
  for (const gen of GENERATORS) {
    const classChoices = [gen.classes.min, gen.classes.max];
    for (const classes of classChoices) {
      it(`${gen.id} with ${classes} classes: in [-1,1]², balanced, split, seeded`, () => {
        const d = made(gen, { size: 303, classes, noise: 0.5, testSplit: 0.3, seed: 9 });
        expect(d.train.n + d.test.n).toBe(303);
        expect(d.classes).toBe(classes);
        for (const s of [d.train, d.test]) {
          expect(s.points.length).toBe(2 * s.n);
          for (const v of s.points) expect(Math.abs(v)).toBeLessThanOrEqual(1);
          for (const l of s.labels) expect(l >= 0 && l < classes).toBe(true);
        }
        const all = counts(d.train).map((v, c) => v + counts(d.test)[c]);
        expect(Math.max(...all) - Math.min(...all)).toBeLessThanOrEqual(1);
        // Stratified: each class gives about 30 % to the test set.
        counts(d.test).forEach((t, c) => expect(Math.abs(t - 0.3 * all[c])).toBeLessThanOrEqual(1));
        const again = made(gen, { size: 303, classes, noise: 0.5, testSplit: 0.3, seed: 9 });
        expect(again.train.points).toEqual(d.train.points);
        expect(again.test.labels).toEqual(d.test.labels);
        const other = made(gen, { size: 303, classes, noise: 0.5, testSplit: 0.3, seed: 10 });
        expect(other.train.points).not.toEqual(d.train.points);
      });
    }
  }

  it('xor without noise: class 0 where x·y > 0, class 1 where x·y < 0', () => {
    const d = made(xor, { size: 200 });
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.n; i++) {
        const p = s.points[2 * i] * s.points[2 * i + 1];
        expect(s.labels[i] === 0 ? p > 0 : p < 0).toBe(true);
      }
    }
  });

  it('circles without noise: class c lies further out than class c−1', () => {
    const d = made(circles, { size: 400, classes: 4 });
    const lo = [Infinity, Infinity, Infinity, Infinity];
    const hi = [0, 0, 0, 0];
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.n; i++) {
        const r = Math.hypot(s.points[2 * i], s.points[2 * i + 1]);
        lo[s.labels[i]] = Math.min(lo[s.labels[i]], r);
        hi[s.labels[i]] = Math.max(hi[s.labels[i]], r);
      }
    }
    for (let c = 1; c < 4; c++) expect(lo[c]).toBeGreaterThan(hi[c - 1]);
  });

  it('noise moves points: a noisy spiral differs from a clean one with the same seed', () => {
    expect(made(spiral, { noise: 0.3 }).train.points).not.toEqual(made(spiral).train.points);
  });

  it.each([
    [{ size: 5 }, 'size must be a whole number from 20 to 10000; got 5.'],
    [{ size: 100.5 }, 'size must be a whole number from 20 to 10000; got 100.5.'],
    [{ noise: -0.1 }, 'noise must be a number from 0 to 0.5; got -0.1.'],
    [{ noise: NaN }, 'noise must be a number from 0 to 0.5; got NaN.'],
    [{ testSplit: 1 }, 'test split must be a number from 0.05 to 0.9; got 1.'],
    [{ classes: 6 }, 'spiral: classes must be a whole number from 2 to 5; got 6.'],
  ])('bad option %o → a message with the range', (opts, en) => {
    const r = make2D(spiral, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.en).toBe(en);
      expect(r.error.zh).toMatch(/必须|只有/);
    }
  });

  it('xor accepts exactly 2 classes', () => {
    const r = make2D(xor, { classes: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.en).toBe('xor has exactly 2 classes; got 3.');
  });
});
