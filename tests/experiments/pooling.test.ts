/**
 * pooling, quick variant, seeds 1–3: each 2×2 pool cuts the fc head 4× (16× for two), the pooled
 * nets take fewer multiply-adds, and their test accuracy stays within ACC_TOLERANCE of the unpooled
 * net's and of each other's. netCost is checked on nets whose numbers are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { ACC_TOLERANCE, HEAD_FACTOR, pooling, POOLING_CHAINS } from '../../src/experiments/defs/pooling.js';
import { netCost } from '../../src/experiments/defs/pooling-cost.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { runExperiment } from '../../src/experiments/runner.js';
import { buildChain } from '../../src/training/runs/net-chain.js';

const cost = (chain: string, input: number[] = [1, 1, 28, 28]) => {
  const b = buildChain(chain, { kind: 'digits' }, 10, 1);
  if (!b.ok) throw new Error(b.error.en);
  return netCost(b.net.model, input);
};

describe('netCost', () => {
  it('counts the head and the multiply-adds of conv and fc layers', () => {
    // conv 5×5 ×6, padding 2: 28·28·6 outputs × 25 multiply-adds; pool → 14·14·6 = 1,176 into fc 10.
    expect(cost('28x28x1 | conv F=5 P=2 K=6 | relu | pool F=2 | flatten | fc 10')).toEqual({ flattened: 1176, headParams: 11770, macs: 28 * 28 * 6 * 25 + 1176 * 10 });
    // Overlapping 3×3 stride 2: floor((28 − 3) / 2) + 1 = 13.
    expect(cost('28x28x1 | conv F=5 P=2 K=6 | relu | pool F=3 S=2 | flatten | fc 10').flattened).toBe(13 * 13 * 6);
    expect(cost('784 | fc 8 | relu | fc 10', [1, 784])).toEqual({ flattened: 8, headParams: 90, macs: 784 * 8 + 80 });
  });

  it('the experiment’s nets: 28·28·8, 7·7·8 and 6·6·8 inputs to the head', () => {
    expect(cost(POOLING_CHAINS.none).flattened).toBe(6272);
    expect(cost(POOLING_CHAINS.pool2).flattened).toBe(392);
    expect(cost(POOLING_CHAINS.pool3).flattened).toBe(288);
  });
});

describe('experiment pooling', () => {
  it('is registered under its id, topic cnn, lesson cnn/pooling', () => {
    const f = findExperiment('pooling');
    expect(f.ok && f.def).toBe(pooling);
    expect([pooling.topic, pooling.lesson]).toEqual(['cnn', 'cnn/pooling']);
  });

  it('says which part failed when the runs do not support the claim', () => {
    const m = {
      head_params: [62730, 3930, 2890], macs: [366912, 138768, 129952], test_acc: [0.92, 0.85, 0.9], seconds: [6, 3, 4],
      head_factor_per_pool: 4, head_factor_per_pool_overlap: 4.66, pool2_minus_none: -0.07, pool3_minus_none: -0.02, overlap_minus_pool2: 0.05,
    };
    const v = pooling.verdict(m, [], { seed: 1, quick: true });
    expect(v.holds).toBe(false);
    expect(v.text.en).toContain('does not show the whole claim: the accuracies were more than 4 points apart');
    expect(v.text.zh).toContain('准确率相差超过 4 个百分点');
  });

  for (const seed of [1, 2, 3]) {
    it(`quick, seed ${seed}: 4× smaller head per pool, fewer multiply-adds, comparable accuracy`, () => {
      const r = runExperiment(pooling, { seed, quick: true });
      const m = r.measurements;
      const heads = m.head_params as number[];
      const macs = m.macs as number[];
      const acc = m.test_acc as number[];
      expect(heads).toEqual([62730, 3930, 2890]);
      expect(m.head_factor_per_pool as number).toBeGreaterThanOrEqual(HEAD_FACTOR);
      expect(m.head_factor_per_pool as number).toBeCloseTo(4, 1);
      expect(macs[1]).toBeLessThan(macs[0] / 2);
      expect(macs[2]).toBeLessThan(macs[0] / 2);
      expect(acc[1]).toBeGreaterThanOrEqual(acc[0] - ACC_TOLERANCE);
      expect(acc[2]).toBeGreaterThanOrEqual(acc[0] - ACC_TOLERANCE);
      expect(Math.abs(acc[2] - acc[1])).toBeLessThanOrEqual(ACC_TOLERANCE);
      // Better than a net that learned nothing much: the pooled nets are real classifiers.
      expect(Math.min(...acc)).toBeGreaterThan(0.8);
      expect(r.verdict.holds).toBe(true);
    }, 60_000);
  }
});
