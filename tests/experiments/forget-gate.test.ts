import { describe, expect, it } from 'vitest';
import { forgetGate } from '../../src/experiments/defs/forget-gate.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment forget-gate (quick)', () => {
  it.each([1, 2, 3])('seed %i: the units that hold the symbol keep their cell across the gap, and shutting the forget gates erases it', (seed) => {
    const r = runExperiment(forgetGate, { seed, quick: true });
    const m = r.measurements as Record<string, number>;
    expect(m.test_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.carrier_forget).toBeGreaterThanOrEqual(0.85);
    expect(m.carrier_kept).toBeGreaterThanOrEqual(0.2);
    expect(m.carrier_kept - m.untrained_carrier_kept).toBeGreaterThanOrEqual(0.2);
    expect(m.accuracy_all_shut).toBeLessThanOrEqual(0.45);
    expect(r.verdict.holds).toBe(true);
  }, 60_000);

  it('the verdict names the failing part', () => {
    const m = {
      gap: 20, test_accuracy: 1, carriers: [0, 1, 2, 3], carrier_forget: 0.9, carrier_kept: 0.3, carrier_input_at_symbol: 0.3, carrier_input_over_gap: 0.3,
      all_forget: 0.9, all_kept: 0.5, untrained_carrier_forget: 0.9, untrained_carrier_kept: 0.25, untrained_carrier_input_at_symbol: 0.1,
      accuracy_carriers_shut: 1, accuracy_others_shut: 1, accuracy_all_shut: 0.9, chance: 0.25,
    };
    const v = forgetGate.verdict(m, [], { seed: 1, quick: true });
    expect(v.holds).toBe(false);
    expect(v.text.en).toContain('not 0.2 more than before training');
    expect(v.text.en).toContain('with every forget gate shut');
  });
});
