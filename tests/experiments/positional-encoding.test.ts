import { describe, expect, it } from 'vitest';
import { bagCeiling, positionalEncoding } from '../../src/experiments/defs/positional-encoding.js';
import { runExperiment } from '../../src/experiments/runner.js';
import { reverse } from '../../src/training/data/reverse.js';

describe('experiment positional-encoding (quick)', () => {
  it.each([1, 2, 3])('seed %i: with positions the row is reversed; without, the model is order-blind', (seed) => {
    const r = runExperiment(positionalEncoding, { seed, quick: true });
    const m = r.measurements as Record<string, number>;
    expect(r.verdict.holds, r.verdict.text.en).toBe(true);
    expect(m.with_pe_accuracy).toBeGreaterThanOrEqual(0.9);
    // Without positions: no better than always answering the row's commonest symbol, far below the other.
    expect(m.without_pe_accuracy).toBeLessThanOrEqual(m.bag_ceiling + 0.03);
    expect(m.with_pe_accuracy - m.without_pe_accuracy).toBeGreaterThanOrEqual(0.35);
    // Permuting the steps permutes the no-position model's outputs exactly; not the other's.
    expect(m.without_pe_equivariance_gap).toBeLessThan(1e-5);
    expect(m.with_pe_equivariance_gap).toBeGreaterThan(0.1);
    expect(r.verdict.text.en).toMatch(/with the position encoding \d+\.\d %, without \d+\.\d %/);
  }, 60_000);

  it('the order-blind ceiling is the commonest symbol\'s share of each row', () => {
    const data = reverse.make({ steps: 4, symbols: 4, size: 50, seed: 1 });
    if (!data.ok) throw new Error(data.error.en);
    const set = data.value.test;
    let right = 0;
    for (let r = 0; r < set.n; r++) {
      const row = Array.from(set.targets.subarray(r * 4, r * 4 + 4));
      right += Math.max(...[0, 1, 2, 3].map((s) => row.filter((v) => v === s).length));
    }
    expect(bagCeiling(set)).toBeCloseTo(right / (set.n * 4), 10);
    expect(bagCeiling(set)).toBeGreaterThan(0.25);
  });
});
