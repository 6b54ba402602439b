/**
 * vanishing-gradients, quick variant over seeds 1–3: the tanh RNN's ‖∂L/∂hₜ‖ falls
 * geometrically going back (ratio first/last ≤ 1e-6), clipping leaves the ratio as
 * small, the LSTM's stays far larger. Plus the geometric fit.
 */
import { describe, expect, it } from 'vitest';
import { CLIP_ACTIVE_MIN, geometricFit, LSTM_ADVANTAGE, STEPS, VANISHED_RATIO, vanishingGradients } from '../../src/experiments/defs/vanishing-gradients.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('vanishing-gradients helpers', () => {
  it('geometricFit: the factor per step of a geometric sequence, R² 1; noise lowers R²', () => {
    const g = Array.from({ length: 10 }, (_, t) => 3 * 0.5 ** (9 - t));
    const fit = geometricFit(g);
    expect(fit.factor).toBeCloseTo(2, 6);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(geometricFit([1, 10, 1, 10, 1, 10]).r2).toBeLessThan(0.5);
    expect(geometricFit([1, 0, 2]).factor).toBeNaN();
  });
});

describe('vanishing-gradients (quick)', () => {
  it.each([1, 2, 3])('seed %i: the RNN’s gradient vanishes going back, clipped or not; the LSTM’s does not', (seed) => {
    const r = runExperiment(vanishingGradients, { seed, quick: true });
    const m = r.measurements as Record<string, number | number[]>;
    expect(r.verdict.holds, r.verdict.text.en).toBe(true);
    for (const k of ['rnn_profile_start', 'rnn_profile_end', 'clipped_profile_end', 'lstm_profile_end']) {
      const p = m[k] as number[];
      expect(p).toHaveLength(STEPS);
      expect(p.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    }
    // Going back from the last step the RNN's gradient only shrinks.
    const start = m.rnn_profile_start as number[];
    for (let t = 1; t < STEPS; t++) expect(start[t - 1]).toBeLessThan(start[t]);
    expect(m.rnn_ratio_start as number).toBeLessThanOrEqual(VANISHED_RATIO);
    expect(m.rnn_ratio_end as number).toBeLessThanOrEqual(VANISHED_RATIO);
    expect(m.clipped_ratio_end as number).toBeLessThanOrEqual(VANISHED_RATIO);
    expect(m.clipped_steps_fraction as number).toBeGreaterThanOrEqual(CLIP_ACTIVE_MIN);
    expect(m.rnn_factor_per_step as number).toBeLessThan(0.8);
    expect(m.lstm_ratio_end as number).toBeGreaterThanOrEqual(LSTM_ADVANTAGE * (m.rnn_ratio_end as number));
  }, 60_000);
});
