/**
 * no-nonlinearity, quick variant over seeds 1–3: the three linear layers are one
 * affine map (to float rounding) and no better than a straight line on the
 * disc-in-a-ring, while tanh and ReLU between the same layers separate it.
 */
import { describe, expect, it } from 'vitest';
import { noNonlinearity } from '../../src/experiments/defs/no-nonlinearity.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment no-nonlinearity (quick)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the linear stack collapses to one layer, the activations bend the boundary`, () => {
      const r = runExperiment(noNonlinearity, { seed, quick: true });
      const m = r.measurements as Record<string, number>;
      expect(r.verdict.holds, r.verdict.text.en).toBe(true);
      expect(m.collapse_gap).toBeLessThan(1e-4);
      expect(m.linear_stack_accuracy).toBeLessThan(0.75);
      expect(m.one_layer_accuracy).toBeLessThan(0.75);
      expect(Math.min(m.tanh_accuracy, m.relu_accuracy) - Math.max(m.linear_stack_accuracy, m.one_layer_accuracy)).toBeGreaterThanOrEqual(0.25);
      expect(r.verdict.text.en).toContain('%');
      expect(r.verdict.text.zh).toContain('%');
    }, 60_000);
  }

  it('is deterministic: the same seed gives the same measurements', () => {
    const a = runExperiment(noNonlinearity, { seed: 4, quick: true });
    const b = runExperiment(noNonlinearity, { seed: 4, quick: true });
    expect(a.measurements).toEqual(b.measurements);
  }, 60_000);
});
