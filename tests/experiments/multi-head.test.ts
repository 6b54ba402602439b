import { describe, expect, it } from 'vitest';
import { multiHead, pairData, SYMMETRIC_CEILING } from '../../src/experiments/defs/multi-head.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment multi-head (quick)', () => {
  it.each([1, 2, 3])('seed %i: four heads learn the ordered pair, one head lags; the heads look 1 and 3 back', (seed) => {
    const r = runExperiment(multiHead, { seed, quick: true });
    const m = r.measurements as Record<string, number>;
    expect(r.verdict.holds, r.verdict.text.en).toBe(true);
    expect(m.multi_head_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.multi_head_accuracy - m.one_head_accuracy).toBeGreaterThanOrEqual(0.2);
    expect(new Set([m.near_head, m.far_head]).size).toBe(2);
    expect(m.near_head_weight).toBeGreaterThanOrEqual(0.25);
    expect(m.far_head_weight).toBeGreaterThanOrEqual(0.25);
    expect(m.near_head_weight_at_far).toBeLessThan(0.15);
    expect(m.far_head_weight_at_near).toBeLessThan(0.15);
    expect(r.verdict.text.en).toMatch(/Head \d looks 1 step back .*head \d looks 3 back/);
  }, 60_000);

  it('the data: each answer is the ordered pair (x[t−1], x[t−3]); the even-blend ceiling is 2/3 for 3 symbols', () => {
    const { train } = pairData(20, 7, 4);
    const { ids, targets, steps, answerSteps } = train;
    expect(answerSteps).toBe(4);
    expect(train.classes).toBe(9);
    for (let r = 0; r < train.n; r++)
      for (let t = 3; t < steps; t++) expect(targets[r * answerSteps + t - 3]).toBe(3 * ids![r * steps + t - 1] + ids![r * steps + t - 3]);
    expect(SYMMETRIC_CEILING).toBeCloseTo(2 / 3, 10);
  });
});
