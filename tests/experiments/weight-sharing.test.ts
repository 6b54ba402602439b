/**
 * weight-sharing (quick variant, seeds 1–3): the conv layer has exactly H_out·W_out
 * times fewer parameters than the locally connected one (both counted from the models
 * and equal to their formulas) and the shared net's test accuracy is as good, within
 * TEST_TOLERANCE, or better. Plus the nets themselves: same everything but the first layer.
 */
import { describe, expect, it } from 'vitest';
import { Conv2d, LocallyConnected2d, type Sequential } from '../../src/engine/index.js';
import { TEST_TOLERANCE, weightSharing, weightSharingNet } from '../../src/experiments/defs/weight-sharing.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('weight-sharing', () => {
  it('the two nets differ only in their first layer', () => {
    const conv = weightSharingNet('conv', 1);
    const local = weightSharingNet('local', 1);
    expect(conv.model.layers[0]).toBeInstanceOf(Conv2d);
    expect(local.model.layers[0]).toBeInstanceOf(LocallyConnected2d);
    const rest = (m: Sequential) => m.layers.slice(1).map((l) => l.describe());
    expect(rest(local.model)).toEqual(rest(conv.model));
  });

  for (const seed of [1, 2, 3]) {
    it(`quick, seed ${seed}: sharing divides the layer's parameters by H_out·W_out and the test accuracy holds`, () => {
      const r = runExperiment(weightSharing, { seed, quick: true });
      const m = r.measurements as Record<string, number>;
      expect(r.runs.every((x) => !x.diverged)).toBe(true);
      expect(m.conv_layer_params).toBe(m.conv_layer_formula);
      expect(m.local_layer_params).toBe(m.local_layer_formula);
      expect(m.local_layer_params).toBe(m.positions * m.conv_layer_params);
      expect(m.positions).toBe(24 * 24);
      expect(m.conv_test_acc - m.local_test_acc).toBeGreaterThanOrEqual(-TEST_TOLERANCE);
      expect(r.verdict.holds, r.verdict.text.en).toBe(true);
    }, 60_000);
  }
});
