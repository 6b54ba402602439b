/**
 * fc-vs-cnn, quick variant, seeds 1–3: the CNN beats the MLP of its size by a clear margin, no MLP
 * with fewer than MIN_FACTOR× its parameters comes within NEAR of it, and the widest MLP's
 * train–test gap is larger than the CNN's.
 */
import { describe, expect, it } from 'vitest';
import { fcVsCnn, GAP_MARGIN, MIN_FACTOR, NEAR, SAME_SIZE_MARGIN } from '../../src/experiments/defs/fc-vs-cnn.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment fc-vs-cnn', () => {
  it('is registered under its id, topic cnn, lesson cnn/why-cnn', () => {
    const f = findExperiment('fc-vs-cnn');
    expect(f.ok && f.def).toBe(fcVsCnn);
    expect([fcVsCnn.topic, fcVsCnn.lesson]).toEqual(['cnn', 'cnn/why-cnn']);
  });

  it('says which part failed when the runs do not support the claim', () => {
    const m = {
      cnn_params: 5994, cnn_test_acc: 0.9, cnn_gap: 0.05,
      mlp_ids: ['mlp-8', 'mlp-32'], mlp_params: [6370, 25450], mlp_test_acc: [0.88, 0.9], mlp_gaps: [0.01, 0.02],
      same_size_advantage: 0.02, reach_factor: 6370 / 5994, widest_mlp_gap: 0.02, largest_factor: 25450 / 5994,
    };
    const v = fcVsCnn.verdict(m, [], { seed: 1, quick: true });
    expect(v.holds).toBe(false);
    expect(v.text.en).toContain('does not show the whole claim: the CNN did not beat the same-size MLP by 5.0 points; an MLP with only 1.1× the parameters came within 2.0 points; the widest MLP');
    expect(v.text.zh).toContain('没有完整地显示');
  });

  for (const seed of [1, 2, 3]) {
    it(`quick, seed ${seed}: the CNN wins at its size, the MLPs need many times the parameters, the widest overfits more`, () => {
      const r = runExperiment(fcVsCnn, { seed, quick: true });
      const m = r.measurements;
      const cnnParams = m.cnn_params as number;
      const params = m.mlp_params as number[];
      const tests = m.mlp_test_acc as number[];
      const gaps = m.mlp_gaps as number[];
      // The same-size MLP is within 10 % of the CNN's parameters.
      expect(Math.abs(params[0] / cnnParams - 1)).toBeLessThan(0.1);
      expect((m.cnn_test_acc as number) - tests[0]).toBeGreaterThanOrEqual(SAME_SIZE_MARGIN);
      // Every MLP with fewer than MIN_FACTOR× the parameters stays more than NEAR below the CNN.
      params.forEach((p, i) => {
        if (p < MIN_FACTOR * cnnParams) expect(tests[i]).toBeLessThan((m.cnn_test_acc as number) - NEAR);
      });
      expect(gaps.at(-1)! - (m.cnn_gap as number)).toBeGreaterThanOrEqual(GAP_MARGIN);
      expect(r.verdict.holds).toBe(true);
      expect(r.verdict.text.en).toContain('Test accuracy: CNN (5,994 parameters)');
      expect(r.verdict.text.zh).toContain('测试准确率：CNN（5,994 个参数）');
    }, 60_000);
  }
});
